import { defineRule } from '../src/core/rule.js';
import type { Line } from '../src/core/text/lines.js';

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

/** What the compared form makes of each UTF-16 code unit; one table look-up a character. */
const KEPT = 0;
const SPACE = 1;
const INVISIBLE_CHARACTER = 2;
/** A capital A–Z or a typographic quote or dash: written as `PLAIN_CODE[code]`. */
const REWRITTEN = 3;
const CHARACTER_KIND = new Uint8Array(0x10000);
const PLAIN_CODE = new Uint16Array(0x10000);
for (const code of SPACES) CHARACTER_KIND[code] = SPACE;
for (let code = EN_QUAD; code <= HAIR_SPACE; code++) CHARACTER_KIND[code] = SPACE;
for (const code of INVISIBLE) CHARACTER_KIND[code] = INVISIBLE_CHARACTER;
for (const [code, char] of PLAIN_FORM) {
  CHARACTER_KIND[code] = REWRITTEN;
  PLAIN_CODE[code] = char.charCodeAt(0);
}
for (let code = 65; code <= 90; code++) {
  CHARACTER_KIND[code] = REWRITTEN;
  PLAIN_CODE[code] = code + 32;
}

/**
 * The form two lines are compared in: case, white space, quote and dash
 * style do not matter.
 */
export function normalizeLine(text: string): string {
  return comparedForm(text, 0, text.length);
}

/**
 * `normalizeLine` of `text` between two offsets. Copies runs of unchanged
 * characters as slices of the document and leaves case to `toLowerCase`:
 * building the form a character at a time, or a chain of regular-expression
 * replacements, cost several times more.
 */
function comparedForm(text: string, from: number, to: number): string {
  let normalized = '';
  let runStart = -1;
  let pendingSpace = false;
  let ascii = true;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    const kind = CHARACTER_KIND[code];
    if (kind === KEPT || (code >= 65 && code <= 90)) {
      if (code >= 128) ascii = false;
      if (runStart < 0) {
        if (pendingSpace) normalized += ' ';
        pendingSpace = false;
        runStart = index;
      }
      continue;
    }
    // A single space between kept characters stays inside the run.
    if (code === 0x20 && runStart >= 0 && index + 1 < to) {
      const next = text.charCodeAt(index + 1);
      if (CHARACTER_KIND[next] === KEPT || (next >= 65 && next <= 90)) continue;
    }
    if (runStart >= 0) normalized += text.slice(runStart, index);
    runStart = -1;
    if (kind === SPACE) {
      pendingSpace = normalized.length > 0;
    } else if (kind === REWRITTEN) {
      if (pendingSpace) normalized += ' ';
      pendingSpace = false;
      normalized += String.fromCharCode(PLAIN_CODE[code]!);
    }
  }
  if (runStart >= 0) normalized += text.slice(runStart, to);
  return ascii ? normalized.toLowerCase() : normalized.normalize('NFC').toLowerCase();
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

/**
 * A 30-bit hash (two 32-bit FNV-1a style lanes folded) of the line's compared form,
 * computed from the character codes without building that form: building a
 * string for every line of every document was most of the rule's cost.
 * Equal compared forms give equal keys; a rare collision is caught by
 * comparing the two lines' forms before anything is reported. It reads the
 * document's own string between offsets: reading a line's sliced copy
 * character by character was seven times slower in V8.
 */
function lineKey(text: string, from: number, to: number): number {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  let started = false;
  let pendingSpace = false;
  for (let index = from; index < to; index++) {
    let code = text.charCodeAt(index);
    const kind = CHARACTER_KIND[code];
    if (kind === SPACE) {
      pendingSpace = started;
      continue;
    }
    if (kind === INVISIBLE_CHARACTER) continue;
    if (kind === REWRITTEN) code = PLAIN_CODE[code]!;
    else if (code >= 128) return NOT_ASCII;
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
  // Kept within V8's small-integer range, so map keys need no allocation.
  return (high ^ (low >>> 7)) & 0x3fffffff;
}

/** Hash keys, and compared forms for the lines `lineKey` cannot hash; they never match each other. */
class SeenLines {
  private readonly byKey = new Map<number, Occurrence>();
  private readonly byText = new Map<string, Occurrence>();

  constructor(private readonly text: string) {}

  /** The occurrence of `line`'s compared form; a key shared by another form is a collision, kept by form. */
  get(key: number, line: Line): Occurrence | undefined {
    if (key === NOT_ASCII) return this.byText.get(this.formOf(line));
    const occurrence = this.byKey.get(key);
    if (!occurrence || this.formOf(occurrence.first) === this.formOf(line)) return occurrence;
    return this.byText.get(this.formOf(line));
  }

  set(key: number, occurrence: Occurrence): void {
    const line = occurrence.first;
    const existing = key === NOT_ASCII ? undefined : this.byKey.get(key);
    if (key === NOT_ASCII || (existing && this.formOf(existing.first) !== this.formOf(line))) {
      this.byText.set(this.formOf(line), occurrence);
    } else {
      this.byKey.set(key, occurrence);
    }
  }

  private readonly forms = new Map<Line, string>();

  formOf(line: Line): string {
    let form = this.forms.get(line);
    if (form === undefined) {
      form = comparedForm(this.text, line.start, line.end);
      this.forms.set(line, form);
    }
    return form;
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
    fixable: 'safe',
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
  create(options) {
    return {
      check(context) {
        const allowed = new Set(options.allow.map(normalizeLine));
        const seen = new SeenLines(context.text);
        const lines = context.lines;
        let firstContentLine: Line | undefined;
        let index = -1;
        for (let position = 0; position < lines.length; position++) {
          const line = lines[position]!;
          let key = lineKey(context.text, line.start, line.end);
          if (key === NOT_ASCII) {
            // Lowercasing can turn a character beyond ASCII into an ASCII letter (the Kelvin sign into `k`).
            const form = seen.formOf(line);
            if (ASCII_ONLY.test(form)) key = lineKey(form, 0, form.length);
          }
          if (key === BLANK) continue;
          firstContentLine ??= line;
          index++;
          const earlier = seen.get(key, line);
          if (!earlier || (options.window > 0 && index - earlier.lastIndex > options.window)) {
            seen.set(key, { first: line, lastIndex: index });
            continue;
          }
          earlier.lastIndex = index;
          const form = seen.formOf(line);
          if (allowed.has(form) || !isMeaningful(form, options)) continue;
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
    };
  },
});
