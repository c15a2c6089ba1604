import { defineRule } from '../src/rule.js';
import type { Line } from '../src/text/lines.js';

export interface NoDuplicateLinesOptions {
  /** How far back to look, in non-blank lines; 0 looks through the whole document. */
  window: number;
  /** Lines with fewer letters and digits than this are never reported. */
  minLength: number;
  /** Lines with fewer words than this are never reported (each CJK character counts as a word). */
  minWords: number;
  /** Lines that may repeat (compared after the same normalisation as everything else). */
  allow: string[];
}

/**
 * Scrapers print a caption twice (an `<img alt>` and a `<figcaption>`), a
 * headline again above the body, a paragraph again after an embed. The
 * copies sit close to the first: in the seeds and the labelled web pages
 * every copy is within 5 non-blank lines of the line before it, while a
 * legitimate repeat such as a table header printed every ten rows sits
 * further apart. Eight non-blank lines keeps a margin on both sides.
 */
const DEFAULT_WINDOW = 8;

/**
 * "Advertisement", "Share", "Read more", "Q:", "* * *", "1 day ago" repeat on
 * purpose and mean nothing on their own; a caption credit like "Clay Patrick
 * McBride" (three words) or a sub-heading like "Interior and Technology" is
 * the shortest copy worth reporting.
 */
const DEFAULT_MIN_LENGTH = 10;
const DEFAULT_MIN_WORDS = 2;

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032`\u00b4]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const WHITE_SPACE = /\s+/g;

/** The form two lines are compared in: case, white space, quote and dash style do not matter. */
export function normalizeLine(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(WHITE_SPACE, ' ')
    .trim()
    .toLowerCase();
}

const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

function isMeaningful(normalized: string, options: NoDuplicateLinesOptions): boolean {
  let length = 0;
  let words = 0;
  let inWord = false;
  for (const char of normalized) {
    if (/[\p{L}\p{N}]/u.test(char)) {
      length++;
      if (IDEOGRAPH.test(char)) {
        words++;
        inWord = false;
      } else if (!inWord) {
        words++;
        inWord = true;
      }
    } else {
      inWord = false;
    }
  }
  return length >= options.minLength && words >= options.minWords;
}

const CAPTION_CREDIT = /(?:\((?:[^()]*\b(?:photo|image|credit|file|getty|afp|ap|reuters|epa|shutterstock|istock)\b[^()]*)\)|\b(?:photo|image|credit|picture)s?\s*:)/i;
const SENTENCE_BREAK = /[.!?]['"\u2019\u201d)]?\s+['"\u2018\u201c(]?\p{Lu}/u;
const HEADLINE_MAX_LENGTH = 150;

/** What a person would call the line; "Line" unless the shape says more. */
function describe(line: Line, firstContentLine: Line | undefined): string {
  const text = line.text.trim();
  if (CAPTION_CREDIT.test(text)) return 'Caption';
  if (line === firstContentLine && text.length <= HEADLINE_MAX_LENGTH && !/[.!?]$/.test(text)) return 'Headline';
  if (SENTENCE_BREAK.test(text)) return 'Paragraph';
  return 'Line';
}

/** The copy and its terminator; the last line without one takes the terminator before it. */
function deletionRange(line: Line, previous: Line | undefined): [number, number] {
  if (line.next > line.end || !previous) return [line.start, line.next];
  return [previous.end, line.end];
}

interface Occurrence {
  first: Line;
  /** Index (among non-blank lines) of the latest copy, so a chain of copies stays "nearby". */
  lastIndex: number;
}

export default defineRule<NoDuplicateLinesOptions>({
  meta: {
    id: 'no-duplicate-lines',
    description: 'Disallow a line printed again near its first occurrence',
    version: 1,
    fixable: true,
    fixSafety: 'safe',
    recommended: 'error',
    defaultOptions: { window: DEFAULT_WINDOW, minLength: DEFAULT_MIN_LENGTH, minWords: DEFAULT_MIN_WORDS, allow: [] },
    optionsSchema: {
      type: 'object',
      properties: {
        window: { type: 'integer', minimum: 0 },
        minLength: { type: 'integer', minimum: 0 },
        minWords: { type: 'integer', minimum: 0 },
        allow: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
  },
  check(context) {
    const options = context.options;
    const allowed = new Set(options.allow.map(normalizeLine));
    const seen = new Map<string, Occurrence>();
    const lines = context.lines;
    const firstContentLine = lines.find((line) => normalizeLine(line.text) !== '');
    let index = -1;
    for (const [position, line] of lines.entries()) {
      const key = normalizeLine(line.text);
      if (key === '') continue;
      index++;
      if (allowed.has(key) || !isMeaningful(key, options)) continue;
      const earlier = seen.get(key);
      if (!earlier || (options.window > 0 && index - earlier.lastIndex > options.window)) {
        seen.set(key, { first: line, lastIndex: index });
        continue;
      }
      earlier.lastIndex = index;
      const { first } = earlier;
      context.report({
        message: `${describe(first, firstContentLine)} repeated from line ${first.number}; remove the copy`,
        start: line.start,
        end: line.end,
        fix: { range: deletionRange(line, lines[position - 1]), text: '' },
        related: [{ message: 'First occurrence', offset: first.start, endOffset: first.end }],
      });
    }
  },
});
