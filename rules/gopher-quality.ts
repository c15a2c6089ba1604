import { defineRule, type RuleContext } from '../src/core/rule.js';
import type { Line } from '../src/core/text/lines.js';
import { isSpace, LETTER_TOKEN, WORD_TOKEN } from '../src/core/text/quality-scan.js';
import {
  DEFAULT_LANGUAGES, qualityOptionsSchema, THRESHOLD_SCHEMA, reportDocument, type LanguagesOption, wordsToJudge,
} from './quality/document-verdict.js';

export interface GopherQualityOptions extends LanguagesOption {
  minDocWords: number | null;
  maxDocWords: number | null;
  minAvgWordLength: number | null;
  maxAvgWordLength: number | null;
  /** Hashes, and (separately) ellipses, per token. */
  maxSymbolWordRatio: number | null;
  maxBulletLinesRatio: number | null;
  maxEllipsisLinesRatio: number | null;
  /** The share of tokens with a letter must reach this (datatrove's `max_non_alpha_words_ratio`). */
  minAlphaWordsRatio: number | null;
  minStopWords: number | null;
  stopWords: string[];
}

/**
 * Gopher's quality filter (Rae et al. 2021, "Scaling Language Models:
 * Methods, Analysis & Insights from Training Gopher", arXiv:2112.11446, §A.1.1),
 * with the defaults of datatrove's GopherQualityFilter
 * (src/datatrove/pipeline/filters/gopher_quality_filter.py).
 */
const DEFAULTS: GopherQualityOptions = {
  minDocWords: 50,
  maxDocWords: 100_000,
  minAvgWordLength: 3,
  maxAvgWordLength: 10,
  maxSymbolWordRatio: 0.1,
  maxBulletLinesRatio: 0.9,
  maxEllipsisLinesRatio: 0.3,
  minAlphaWordsRatio: 0.8,
  minStopWords: 2,
  stopWords: ['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with'],
  languages: DEFAULT_LANGUAGES,
};

const FILTER = 'Gopher quality';

export default defineRule<GopherQualityOptions>({
  meta: {
    id: 'gopher-quality',
    description: "Report documents Gopher's quality filter drops: too few or many words, odd word lengths, symbols, bullets, no stop words",
    version: 1,
    fixable: 'none',
    recommended: 'off',
    defaultOptions: DEFAULTS,
    optionsSchema: qualityOptionsSchema({
      minDocWords: THRESHOLD_SCHEMA,
      maxDocWords: THRESHOLD_SCHEMA,
      minAvgWordLength: THRESHOLD_SCHEMA,
      maxAvgWordLength: THRESHOLD_SCHEMA,
      maxSymbolWordRatio: THRESHOLD_SCHEMA,
      maxBulletLinesRatio: THRESHOLD_SCHEMA,
      maxEllipsisLinesRatio: THRESHOLD_SCHEMA,
      minAlphaWordsRatio: THRESHOLD_SCHEMA,
      minStopWords: THRESHOLD_SCHEMA,
      stopWords: { type: 'array', items: { type: 'string', minLength: 1 } },
    }),
  },
  create(options) {
    return { check: (context) => check(context, options) };
  },
});

function check(context: RuleContext, options: GopherQualityOptions): void {
  const { text, lines } = context;
  const tokens = wordsToJudge(context, FILTER, options.languages);
  if (!tokens) return;
  const verdict = (measure: string, value: number, relation: 'over' | 'under', threshold: number, reason: string) =>
    reportDocument(context, { measure, value, relation, threshold, filter: FILTER, reason });

  let words = 0;
  let wordLength = 0;
  let lettered = 0;
  for (let index = 0; index < tokens.count; index++) {
    const flags = tokens.flags[index]!;
    if (flags & WORD_TOKEN) {
      words++;
      wordLength += tokens.ends[index]! - tokens.starts[index]!;
    }
    if (flags & LETTER_TOKEN) lettered++;
  }
  // datatrove counts words, and their mean length, over tokens that are not all punctuation; ratios per token.
  if (options.minDocWords !== null && words < options.minDocWords) return verdict('Word count', words, 'under', options.minDocWords, 'gopher_short_doc');
  if (options.maxDocWords !== null && words > options.maxDocWords) return verdict('Word count', words, 'over', options.maxDocWords, 'gopher_long_doc');
  if (words > 0) {
    const mean = wordLength / words;
    if (options.minAvgWordLength !== null && mean < options.minAvgWordLength) return verdict('Mean word length', mean, 'under', options.minAvgWordLength, 'gopher_below_avg_threshold');
    if (options.maxAvgWordLength !== null && mean > options.maxAvgWordLength) return verdict('Mean word length', mean, 'over', options.maxAvgWordLength, 'gopher_above_avg_threshold');
  }
  const perToken = tokens.count;
  if (options.maxSymbolWordRatio !== null) {
    const hashes = occurrences(text, '#') / perToken;
    if (hashes > options.maxSymbolWordRatio) return verdict('Hash-to-word ratio', hashes, 'over', options.maxSymbolWordRatio, 'gopher_too_many_hashes');
    const ellipses = (occurrences(text, '...') + occurrences(text, '…')) / perToken;
    if (ellipses > options.maxSymbolWordRatio) return verdict('Ellipsis-to-word ratio', ellipses, 'over', options.maxSymbolWordRatio, 'gopher_too_many_ellipsis');
  }
  if (lines.length > 0 && (options.maxBulletLinesRatio !== null || options.maxEllipsisLinesRatio !== null)) {
    const { bullets, ellipses } = countLineShapes(text, lines);
    const bulletShare = bullets / lines.length;
    if (options.maxBulletLinesRatio !== null && bulletShare > options.maxBulletLinesRatio) {
      return verdict('Share of lines starting with a bullet', bulletShare, 'over', options.maxBulletLinesRatio, 'gopher_too_many_bullets');
    }
    const ellipsisShare = ellipses / lines.length;
    if (options.maxEllipsisLinesRatio !== null && ellipsisShare > options.maxEllipsisLinesRatio) {
      return verdict('Share of lines ending with an ellipsis', ellipsisShare, 'over', options.maxEllipsisLinesRatio, 'gopher_too_many_end_ellipsis');
    }
  }
  const alphaShare = lettered / perToken;
  if (options.minAlphaWordsRatio !== null && alphaShare < options.minAlphaWordsRatio) {
    return verdict('Share of words with a letter', alphaShare, 'under', options.minAlphaWordsRatio, 'gopher_below_alpha_threshold');
  }
  if (options.minStopWords !== null) {
    const found = countStopWords(text, tokens, options.stopWords, options.minStopWords);
    if (found < options.minStopWords) return verdict('Stop-word count', found, 'under', options.minStopWords, 'gopher_enough_stop_words');
  }
}

/** Non-overlapping occurrences, as Python's `str.count`. */
function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** Lines whose first non-space character is `•` or `-`, and lines whose text ends (before trailing space) with `...` or `…`. */
function countLineShapes(text: string, lines: readonly Line[]): { bullets: number; ellipses: number } {
  let bullets = 0;
  let ellipses = 0;
  for (const line of lines) {
    let first = line.start;
    while (first < line.end && isSpace(text.charCodeAt(first))) first++;
    if (first === line.end) continue;
    const lead = text.charCodeAt(first);
    if (lead === 0x2022 || lead === 0x2d) bullets++;
    let last = line.end;
    while (last > first && isSpace(text.charCodeAt(last - 1))) last--;
    if (text.charCodeAt(last - 1) === 0x2026 || (last - first >= 3 && text.startsWith('...', last - 3))) ellipses++;
  }
  return { bullets, ellipses };
}

/** Tokens that are one of `stopWords` exactly (case matters, as in datatrove), counted up to `enough`. */
function countStopWords(text: string, tokens: { count: number; starts: Int32Array; ends: Int32Array }, stopWords: readonly string[], enough: number): number {
  const byLength = new Map<number, string[]>();
  for (const word of stopWords) byLength.set(word.length, [...(byLength.get(word.length) ?? []), word]);
  let found = 0;
  for (let index = 0; index < tokens.count && found < enough; index++) {
    const start = tokens.starts[index]!;
    const candidates = byLength.get(tokens.ends[index]! - start);
    if (candidates?.some((word) => text.startsWith(word, start))) found++;
  }
  return found;
}
