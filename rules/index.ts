/** Every built-in rule, in the order reports list them when places tie. */
import type { AnyRule } from '../src/core/rule.js';
import noTrailingSpaces from './no-trailing-spaces.js';
import noBlankLineRuns from './no-blank-line-runs.js';
import noTrailingBlankLines from './no-trailing-blank-lines.js';
import eolLast from './eol-last.js';
import noControlCharacters from './no-control-characters.js';
import noDuplicateLines from './no-duplicate-lines.js';
import noMisspelling from './no-misspelling/index.js';
import noSiteChrome from './no-site-chrome/index.js';
import noNearDuplicateDocs from './no-near-duplicate-docs.js';
import noTypoVariant from './no-typo-variant.js';
import noAppendedStory from './no-appended-story/index.js';
import gopherRepetition from './gopher-repetition.js';
import gopherQuality from './gopher-quality.js';
import c4Lines from './c4-lines.js';
import c4Document from './c4-document.js';
import finewebQuality from './fineweb-quality.js';

export const builtinRules: readonly AnyRule[] = [noTrailingSpaces, noBlankLineRuns, noTrailingBlankLines, eolLast, noControlCharacters, noDuplicateLines, noMisspelling, noSiteChrome, noNearDuplicateDocs, noTypoVariant, noAppendedStory,
  // The document-quality rules, in the order datatrove's FineWeb pipeline runs its filters.
  gopherRepetition, gopherQuality, c4Lines, c4Document, finewebQuality];

export const builtinRulesById: ReadonlyMap<string, AnyRule> = new Map(builtinRules.map((rule) => [rule.meta.id, rule]));
