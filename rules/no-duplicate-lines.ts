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

/** Characters that change nothing a reader sees: soft hyphen, zero-width spaces and joiners, byte-order mark. */
const INVISIBLE = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
const SPACES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);
const EN_QUAD = 0x2000;
const HAIR_SPACE = 0x200a;
/** Typographic quotes and dashes, written the plain way. */
const PLAIN_FORM = new Map<number, string>([
  ...[0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x60, 0xb4].map((code): [number, string] => [code, "'"]),
  ...[0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0xab, 0xbb].map((code): [number, string] => [code, '"']),
  ...[0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212].map((code): [number, string] => [code, '-']),
]);

/**
 * The form two lines are compared in: case, white space, quote and dash
 * style do not matter. Every line of every document goes through here, so
 * it copies runs of ordinary characters as slices and leaves lowercasing to
 * the engine's `toLowerCase` (a chain of regular-expression replacements,
 * or building the result a character at a time, cost several times more).
 */
export function normalizeLine(text: string): string {
  if (isPlainAsciiLine(text)) return text.toLowerCase();
  let normalized = '';
  let runStart = -1;
  let pendingSpace = false;
  let ascii = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x20 && runStart >= 0 && isKeptAscii(text.charCodeAt(index + 1))) continue;
    if (isKeptAscii(code)) {
      if (runStart < 0) {
        if (pendingSpace) normalized += ' ';
        pendingSpace = false;
        runStart = index;
      }
      continue;
    }
    const space = SPACES.has(code) || (code >= EN_QUAD && code <= HAIR_SPACE);
    const plain = space ? undefined : PLAIN_FORM.get(code);
    if (space || plain !== undefined || INVISIBLE.has(code)) {
      if (runStart >= 0) normalized += text.slice(runStart, index);
      runStart = -1;
      if (space) pendingSpace = normalized.length > 0;
      else if (plain !== undefined) {
        if (pendingSpace) normalized += ' ';
        pendingSpace = false;
        normalized += plain;
      }
      continue;
    }
    if (code >= 128) ascii = false;
    if (runStart < 0) {
      if (pendingSpace) normalized += ' ';
      pendingSpace = false;
      runStart = index;
    }
  }
  if (runStart >= 0) normalized += text.slice(runStart);
  return ascii ? normalized.toLowerCase() : normalized.normalize('NFC').toLowerCase();
}

/** Printable ASCII that stays as it is (a backtick is a quote). */
function isKeptAscii(code: number): boolean {
  return code > 0x20 && code < 0x7f && code !== 0x60;
}

/** Printable ASCII with single spaces between words: already in compared form but for case. */
function isPlainAsciiLine(text: string): boolean {
  const last = text.length - 1;
  for (let index = 0; index <= last; index++) {
    const code = text.charCodeAt(index);
    if (isKeptAscii(code)) continue;
    if (code !== 0x20 || index === 0 || index === last || text.charCodeAt(index + 1) === 0x20) return false;
  }
  return true;
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

/** `lineKey` of a line with nothing but white space and invisible characters. */
const BLANK = -1;
/** `lineKey` of a line whose compared form holds characters beyond ASCII: it is compared as a string. */
const NOT_ASCII = -2;
const ASCII_ONLY = /^[\0-\x7f]*$/;
const PLAIN_CODE = new Map([...PLAIN_FORM].map(([code, char]) => [code, char.charCodeAt(0)]));

/**
 * A 53-bit hash (two 32-bit FNV-1a style lanes) of the line's compared form,
 * computed from the character codes without building that form: building a
 * string for every line of every document was most of the rule's cost.
 * Equal compared forms give equal keys; a rare collision is caught by
 * comparing the two lines' forms before anything is reported. It reads the
 * document's own string between offsets: reading a line's sliced copy
 * character by character was seven times slower in V8.
 */
function lineKey(text: string, from = 0, to = text.length): number {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  let started = false;
  let pendingSpace = false;
  for (let index = from; index < to; index++) {
    let code = text.charCodeAt(index);
    if (!isKeptAscii(code)) {
      if (SPACES.has(code) || (code >= EN_QUAD && code <= HAIR_SPACE)) {
        pendingSpace = started;
        continue;
      }
      if (INVISIBLE.has(code)) continue;
      const plain = PLAIN_CODE.get(code);
      if (plain === undefined) {
        if (code >= 128) return NOT_ASCII;
      } else {
        code = plain;
      }
    } else if (code >= 65 && code <= 90) {
      code += 32;
    }
    if (pendingSpace) {
      high = Math.imul(high ^ 0x20, 0x01000193);
      low = Math.imul(low ^ 0x20, 0x5bd1e995);
      pendingSpace = false;
    }
    high = Math.imul(high ^ code, 0x01000193);
    low = Math.imul(low ^ code, 0x5bd1e995);
    started = true;
  }
  if (!started) return BLANK;
  return (high >>> 0) * 0x200000 + (low >>> 11);
}

/** Hash keys, and compared forms for the lines `lineKey` cannot hash; they never match each other. */
class SeenLines {
  private readonly byKey = new Map<number, Occurrence>();
  private readonly byText = new Map<string, Occurrence>();

  /** Finds the occurrence of `line`'s compared form; `form` is that form when already known. */
  get(key: number, form: () => string): Occurrence | undefined {
    if (key === NOT_ASCII) return this.byText.get(form());
    const occurrence = this.byKey.get(key);
    if (!occurrence || normalizeLine(occurrence.first.text) === form()) return occurrence;
    return this.byText.get(form());
  }

  set(key: number, form: () => string, occurrence: Occurrence): void {
    const existing = key === NOT_ASCII ? undefined : this.byKey.get(key);
    if (key === NOT_ASCII || (existing && normalizeLine(existing.first.text) !== form())) {
      this.byText.set(form(), occurrence);
    } else {
      this.byKey.set(key, occurrence);
    }
  }
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
    const seen = new SeenLines();
    const lines = context.lines;
    let firstContentLine: Line | undefined;
    let index = -1;
    for (let position = 0; position < lines.length; position++) {
      const line = lines[position]!;
      let form: string | undefined;
      const formOf = (): string => (form ??= normalizeLine(line.text));
      let key = lineKey(context.text, line.start, line.end);
      // Lowercasing can turn a character beyond ASCII into an ASCII letter (the Kelvin sign into `k`).
      if (key === NOT_ASCII && ASCII_ONLY.test(formOf())) key = formOf() === '' ? BLANK : lineKey(formOf());
      if (key === BLANK) continue;
      firstContentLine ??= line;
      index++;
      const earlier = seen.get(key, formOf);
      if (!earlier || (options.window > 0 && index - earlier.lastIndex > options.window)) {
        seen.set(key, formOf, { first: line, lastIndex: index });
        continue;
      }
      earlier.lastIndex = index;
      if (allowed.has(formOf()) || !isMeaningful(formOf(), options)) continue;
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
