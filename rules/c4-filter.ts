/**
 * C4's line and page heuristics (Raffel et al. 2020, "Exploring the Limits of
 * Transfer Learning with a Unified Text-to-Text Transformer", JMLR 21(140),
 * §2.2), as datatrove's C4QualityFilter runs them
 * (src/datatrove/pipeline/filters/c4_filters.py), in its order, one line at a
 * time. c4-lines reports the lines it removes, c4-document the pages it drops;
 * both read the line settings, so they decide from the same kept lines.
 */
import type { RuleContext } from '../src/core/rule.js';
import type { Line } from '../src/core/text/lines.js';
import { isSpace } from '../src/core/text/quality-scan.js';
import { DEFAULT_LANGUAGES, type LanguagesOption, qualityOptionsSchema } from './quality/document-verdict.js';

export interface C4LineOptions extends LanguagesOption {
  /** Remove Wikipedia-style citations (`[1]`, `[edit]`, `[citation needed]`) before the checks. */
  removeCitations: boolean;
  /** Remove lines not ending in `.`, `?`, `!`, `"` or `'` (or ending in `...`). */
  filterNoTerminalPunct: boolean;
  /** Remove lines with fewer white-space separated words; null: off. */
  minWordsPerLine: number | null;
  /** Remove lines with a word longer than this; null: off. */
  maxWordLength: number | null;
  filterJavascript: boolean;
  /** Remove lines mentioning terms of use, privacy or cookie policies. */
  filterPolicy: boolean;
  /** Drop the page when a kept line says "lorem ipsum" (c4-document). */
  filterLoremIpsum: boolean;
  /** Drop the page when a kept line has `{` (c4-document). */
  filterCurlyBracket: boolean;
  /** Drop the page with fewer sentences in its kept lines; null: off (c4-document). */
  minNumSentences: number | null;
}

export const C4_DEFAULTS: C4LineOptions = {
  removeCitations: true,
  filterNoTerminalPunct: true,
  minWordsPerLine: 3,
  maxWordLength: 1000,
  filterJavascript: true,
  filterPolicy: true,
  filterLoremIpsum: true,
  filterCurlyBracket: true,
  minNumSentences: 5,
  languages: DEFAULT_LANGUAGES,
};

const COUNT_OR_OFF = { type: ['integer', 'null'], minimum: 0 };

export const C4_OPTIONS_SCHEMA = qualityOptionsSchema({
  removeCitations: { type: 'boolean' },
  filterNoTerminalPunct: { type: 'boolean' },
  minWordsPerLine: COUNT_OR_OFF,
  maxWordLength: COUNT_OR_OFF,
  filterJavascript: { type: 'boolean' },
  filterPolicy: { type: 'boolean' },
  filterLoremIpsum: { type: 'boolean' },
  filterCurlyBracket: { type: 'boolean' },
  minNumSentences: COUNT_OR_OFF,
});

/** datatrove's POLICY_SUBSTRINGS, from the C4 code (tensorflow_datasets' c4_utils.py). */
const POLICY_PHRASES = ['terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies'];
const CITATION = /\[\d*\]|\[edit\]|\[citation needed\]/g;

/** What C4 does with a line: kept, removed for a reason, or the page dropped. Codes, so a document's verdicts are one typed array. */
export const KEPT = 0;
export const BLANK = 1;
export const TOO_LONG_WORD = 2;
export const ELLIPSIS = 3;
export const NO_TERMINAL_PUNCT = 4;
export const TOO_FEW_WORDS = 5;
export const JAVASCRIPT = 6;
export const POLICY = 7;
export const LOREM_IPSUM = 8;
export const CURLY_BRACKET = 9;

/** datatrove's stat names for the codes (in message data), by code. */
export const REASONS = ['kept', 'blank', 'too_long_word', 'ellipsis', 'no_terminal_punct', 'too_few_words', 'javascript', 'policy', 'lorem_ipsum', 'curly_bracket'] as const;

export interface LineVerdicts {
  codes: Uint8Array;
  /** Per line: the longest word (TOO_LONG_WORD), the word count (TOO_FEW_WORDS), the policy phrase's index (POLICY). */
  values: Int32Array;
  /** Where each kept line's text lies once stripped; a line that lost a citation has its text in `citationFree`. */
  keptStarts: Int32Array;
  keptEnds: Int32Array;
  citationFree: Map<number, string>;
}

/** The options that decide a line's fate; c4-lines and c4-document share verdicts when theirs are equal. */
const LINE_OPTION_KEYS = ['removeCitations', 'filterNoTerminalPunct', 'minWordsPerLine', 'maxWordLength', 'filterJavascript', 'filterPolicy', 'filterLoremIpsum', 'filterCurlyBracket'] as const;


const LOREM_IPSUM_PATTERN = /lorem ipsum/i;
const JAVASCRIPT_PATTERN = /javascript/i;
const POLICY_PATTERN = new RegExp(POLICY_PHRASES.join('|'), 'i');

/** Every line's verdict, computed once per lint of a document for c4-lines and c4-document together (when their options agree). */
export function judgeLines(context: RuleContext, options: C4LineOptions): LineVerdicts {
  const key = `c4 line verdicts: ${LINE_OPTION_KEYS.map((name) => String(options[name])).join(',')}`;
  return context.memo(key, () => verdictsOf(context.text, context.lines, options));
}

function verdictsOf(text: string, lines: readonly Line[], options: C4LineOptions): LineVerdicts {
  const verdicts: LineVerdicts = {
    codes: new Uint8Array(lines.length),
    values: new Int32Array(lines.length),
    keptStarts: new Int32Array(lines.length),
    keptEnds: new Int32Array(lines.length),
    citationFree: new Map(),
  };
  for (let index = 0; index < lines.length; index++) verdicts.codes[index] = judgeLine(text, lines[index]!, index, options, verdicts);
  return verdicts;
}

function judgeLine(text: string, line: Line, index: number, options: C4LineOptions, verdicts: LineVerdicts): number {
  let start = line.start;
  let end = line.end;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (start === end) return BLANK;
  // No word is longer than its line: most lines need no word count for this check.
  if (options.maxWordLength !== null && end - start > options.maxWordLength) {
    const { longest } = countWords(text, start, end);
    verdicts.values[index] = longest;
    if (longest > options.maxWordLength) return TOO_LONG_WORD;
  }
  // A citation removed from the middle leaves the line's end as it was: only a line ending in `]` is cut here.
  let kept: string | undefined;
  if (options.removeCitations && text.charCodeAt(end - 1) === 0x5d) kept = text.slice(start, end).replace(CITATION, '');
  if (options.filterNoTerminalPunct) {
    const endsWithEllipsis = kept === undefined ? end - start >= 3 && text.startsWith('...', end - 3) : kept.endsWith('...');
    if (endsWithEllipsis) return ELLIPSIS;
    const last = kept === undefined ? text.charCodeAt(end - 1) : kept.charCodeAt(kept.length - 1);
    if (!isTerminalPunctuation(last)) return NO_TERMINAL_PUNCT;
  }
  if (options.minWordsPerLine !== null) {
    const { words } = countWords(text, start, end);
    verdicts.values[index] = words;
    if (words < options.minWordsPerLine) return TOO_FEW_WORDS;
  }
  // A slice of the text is a view, not a copy; the case-insensitive patterns spare lower-casing it.
  kept ??= text.slice(start, end);
  if (options.removeCitations && kept.includes('[')) kept = kept.replace(CITATION, '');
  if (options.filterLoremIpsum && LOREM_IPSUM_PATTERN.test(kept)) return LOREM_IPSUM;
  if (options.filterJavascript && JAVASCRIPT_PATTERN.test(kept)) return JAVASCRIPT;
  if (options.filterCurlyBracket && kept.includes('{')) return CURLY_BRACKET;
  if (options.filterPolicy) {
    const phrase = POLICY_PATTERN.exec(kept);
    if (phrase) {
      verdicts.values[index] = POLICY_PHRASES.indexOf(phrase[0].toLowerCase());
      return POLICY;
    }
  }
  if (kept.length !== end - start) verdicts.citationFree.set(index, kept);
  verdicts.keptStarts[index] = start;
  verdicts.keptEnds[index] = end;
  return KEPT;
}

/** What C4 removes a line for, said to a person (without the advice). */
export function removalMessage(code: number, value: number, options: C4LineOptions): string | undefined {
  switch (code) {
    case TOO_LONG_WORD:
      return `Line has a word of ${formatCount(value)} characters, over ${formatCount(options.maxWordLength ?? 0)} (C4)`;
    case ELLIPSIS:
      return 'Line ends with an ellipsis, not terminal punctuation (C4)';
    case NO_TERMINAL_PUNCT:
      return 'Line does not end in terminal punctuation (C4)';
    case TOO_FEW_WORDS:
      return `Line has ${value} word${value === 1 ? '' : 's'}, under ${options.minWordsPerLine} (C4)`;
    case JAVASCRIPT:
      return 'Line mentions "javascript" (C4)';
    case POLICY:
      return `Line mentions "${POLICY_PHRASES[value]}" (C4 policy lines)`;
    default:
      return undefined;
  }
}

/** The sentences of kept line `index` (0 for a line not kept). */
export function sentencesOf(text: string, verdicts: LineVerdicts, index: number): number {
  if (verdicts.codes[index] !== KEPT) return 0;
  const free = verdicts.citationFree.get(index);
  return free === undefined ? countSentences(text, verdicts.keptStarts[index]!, verdicts.keptEnds[index]!) : countSentences(free, 0, free.length);
}

const numberFormat = new Intl.NumberFormat('en-US');
function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** `. ? ! " '`: datatrove's END_PUNCTUATION. */
function isTerminalPunctuation(code: number): boolean {
  return code === 0x2e || code === 0x3f || code === 0x21 || code === 0x22 || code === 0x27;
}

/** Python's `str.split()`: words between runs of white space, and the longest one's length. */
function countWords(text: string, start: number, end: number): { words: number; longest: number } {
  let words = 0;
  let longest = 0;
  let wordStart = -1;
  for (let at = start; at <= end; at++) {
    const space = at === end || isSpace(text.charCodeAt(at));
    if (!space) {
      if (wordStart < 0) wordStart = at;
      continue;
    }
    if (wordStart >= 0) {
      words++;
      longest = Math.max(longest, at - wordStart);
      wordStart = -1;
    }
  }
  return { words, longest };
}

/** Abbreviations after which a full stop and a capital do not start a sentence (Punkt learns these; this is its commonest English set). */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'gen', 'gov', 'sen', 'rep', 'no', 'vol', 'fig', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u.s', 'e.g', 'i.e', 'a.m', 'p.m']);
const CLOSERS = new Set([0x22, 0x27, 0x29, 0x5d, 0x201d, 0x2019]);
const OPENERS = new Set([0x22, 0x27, 0x28, 0x5b, 0x201c, 0x2018]);

/**
 * Sentences in a kept line, standing in for NLTK's Punkt, which datatrove
 * runs on each: the line's end, plus each `.`, `?` or `!` (with closing quotes
 * or brackets) followed by white space and a capital, a digit or an opening
 * quote, unless the word before a full stop is an initial or an abbreviation.
 */
export function countSentences(line: string, from: number, to: number): number {
  let sentences = 1;
  for (let at = from; at < to; at++) {
    const code = line.charCodeAt(at);
    if (code !== 0x2e && code !== 0x3f && code !== 0x21) continue;
    let after = at + 1;
    while (after < to && (line.charCodeAt(after) === 0x2e || line.charCodeAt(after) === 0x3f || line.charCodeAt(after) === 0x21)) after++;
    while (after < to && CLOSERS.has(line.charCodeAt(after))) after++;
    let next = after;
    while (next < to && isSpace(line.charCodeAt(next))) next++;
    const boundary = next > after && next < to && startsSentence(line.charCodeAt(next)) && !(code === 0x2e && after === at + 1 && abbreviationBefore(line, from, at));
    if (boundary) sentences++;
    at = Math.max(at, after - 1);
  }
  return sentences;
}

function startsSentence(code: number): boolean {
  if (OPENERS.has(code) || (code >= 0x30 && code <= 0x39)) return true;
  const char = String.fromCharCode(code);
  return char !== char.toLowerCase();
}

/** The word before the full stop at `dot` is one letter (an initial) or a known abbreviation. */
function abbreviationBefore(line: string, from: number, dot: number): boolean {
  let start = dot;
  while (start > from && !isSpace(line.charCodeAt(start - 1)) && !OPENERS.has(line.charCodeAt(start - 1))) start--;
  const word = line.slice(start, dot).toLowerCase();
  return word.length === 1 || ABBREVIATIONS.has(word);
}
