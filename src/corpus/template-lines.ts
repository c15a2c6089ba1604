/**
 * The comparison form of a line for corpus-wide line counts: template text
 * ("Posted on March 3, 2024 by admin", "© 2023 Example Media") recurs with
 * different numbers and dates, so those are folded before counting.
 */
import { isSpaceCode } from '../core/text/characters.js';
import { hashString, mix32, SEED_HI, SEED_LO, type Fingerprint } from '../core/text/tokens.js';

/**
 * Lines longer than this are not counted: template text (menus, footers,
 * bylines, share widgets, donation appeals) is short, article paragraphs are
 * long and almost all unique, and counting them would fill the table with
 * lines that can never be template text.
 */
export const MAX_TEMPLATE_LINE_LENGTH = 400;

/** Month and weekday names (with an optional dot), in one pass: group 1 is a month, group 2 a weekday. */
const CALENDAR_WORD =
  /\b(?:(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)|((?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?))\b\.?/g;
const TYPOGRAPHIC_QUOTE = /[\u2018\u2019\u02bc\u201c\u201d\u00ab\u00bb]/g;

/** The line's counting form, or undefined when it is blank or too long to be template text. */
export function normalizeTemplateLine(lineText: string): string | undefined {
  const trimmed = lineText.trim();
  if (trimmed === '' || trimmed.length > MAX_TEMPLATE_LINE_LENGTH) return undefined;
  return trimmed
    .toLowerCase()
    .replace(TYPOGRAPHIC_QUOTE, (quote) => (quote === '\u201c' || quote === '\u201d' || quote === '\u00ab' || quote === '\u00bb' ? '"' : "'"))
    .replace(CALENDAR_WORD, (_word, month: string | undefined) => (month === undefined ? '<day>' : '<month>'))
    .replace(/\d+(?:[.,:/-]\d+)*/g, '0')
    .replace(/\s+/g, ' ');
}

/** The months and weekdays CALENDAR_WORD matches, spelt out, for the one-pass fingerprint. */
const CALENDAR_NAMES = new Map<string, string>([
  ...'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december'
    .split(' ')
    .map((name): [string, string] => [name, '<month>']),
  ...['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun'].flatMap((stem) =>
    ['', 'day', 'nesday', 'rsday', 'urday'].map((ending): [string, string] => [stem + ending, '<day>']),
  ),
]);
const LONGEST_CALENDAR_NAME = Math.max(...[...CALENDAR_NAMES.keys()].map((name) => name.length));

/** Lower-case form of BMP code units (0 = not yet looked up; 0xffff = lower-cases to other than one unit). */
const lowerOf = new Uint16Array(0x10000);
const lowered = new Uint16Array(MAX_TEMPLATE_LINE_LENGTH);

/**
 * `hashString(normalizeTemplateLine(line))` in one pass over the line, without
 * the six intermediate strings: the index phase does this for every short line
 * of the corpus. normalizeTemplateLine stays the definition (the tests hold the
 * two equal); lines with characters whose lower case is not one code unit take
 * its path.
 */
export function templateLineFingerprint(line: string): Fingerprint | undefined {
  let from = 0;
  let to = line.length;
  while (from < to && isSpaceCode(line.charCodeAt(from))) from++;
  while (to > from && isSpaceCode(line.charCodeAt(to - 1))) to--;
  const length = to - from;
  if (length === 0 || length > MAX_TEMPLATE_LINE_LENGTH) return undefined;
  for (let i = 0; i < length; i++) {
    let code = line.charCodeAt(from + i);
    if (code >= 0x41 && code <= 0x5a) code += 32;
    else if (code >= 0x80) {
      if (code === 0x2018 || code === 0x2019 || code === 0x2bc) code = 0x27;
      else if (code === 0x201c || code === 0x201d || code === 0xab || code === 0xbb) code = 0x22;
      else {
        let lower = lowerOf[code]!;
        if (lower === 0) {
          const folded = String.fromCharCode(code).toLowerCase();
          lowerOf[code] = lower = folded.length === 1 && !(code >= 0xd800 && code <= 0xdfff) ? folded.charCodeAt(0) : 0xffff;
        }
        if (lower === 0xffff) return hashString(normalizeTemplateLine(line)!);
        code = lower;
      }
    }
    lowered[i] = code;
  }
  let hi = SEED_HI;
  let lo = SEED_LO;
  let emitted = 0;
  let i = 0;
  while (i < length) {
    const code = lowered[i]!;
    if (code >= 0x61 && code <= 0x7a && (i === 0 || !isAsciiWord(lowered[i - 1]!))) {
      let end = i + 1;
      let runHash = code;
      while (end < length && isAsciiWord(lowered[end]!)) runHash = Math.imul(runHash ^ lowered[end++]!, 0x01000193);
      const name = end - i <= LONGEST_CALENDAR_NAME ? calendarNameOf(runHash >>> 0) : undefined;
      if (name !== undefined && spells(name.name, i, end)) {
        for (let k = 0; k < name.replacement.length; k++) {
          const out = name.replacement.charCodeAt(k);
          hi = Math.imul(hi ^ out, 0x01000193);
          lo = Math.imul(lo ^ out, 0x5bd1e995);
        }
        emitted += name.replacement.length;
        i = end < length && lowered[end] === 0x2e ? end + 1 : end;
        continue;
      }
    }
    let out = code;
    if (isDigit(code)) {
      i++;
      for (;;) {
        while (i < length && isDigit(lowered[i]!)) i++;
        if (i + 1 < length && isNumberSeparator(lowered[i]!) && isDigit(lowered[i + 1]!)) i++;
        else break;
      }
      out = 0x30;
    } else if (isSpaceCode(code)) {
      while (i < length && isSpaceCode(lowered[i]!)) i++;
      out = 0x20;
    } else i++;
    hi = Math.imul(hi ^ out, 0x01000193);
    lo = Math.imul(lo ^ out, 0x5bd1e995);
    emitted++;
  }
  return { hi: mix32(hi ^ emitted), lo: mix32(lo + emitted) };
}

/** The same hash of a run of word characters as templateLineFingerprint computes inline. */
function runHashOf(name: string): number {
  let hash = name.charCodeAt(0);
  for (let k = 1; k < name.length; k++) hash = Math.imul(hash ^ name.charCodeAt(k), 0x01000193);
  return hash >>> 0;
}

/**
 * CALENDAR_NAMES by runHashOf, in a typed open-addressing table (a quarter
 * full): every word of every short line is looked up and almost none is a
 * month or a weekday, so a miss costs a load or two, not a Map look-up of a
 * heap number.
 */
const CALENDAR_SLOTS = 256;
const calendarHashes = new Uint32Array(CALENDAR_SLOTS);
const calendarEntries: Array<{ name: string; replacement: string } | undefined> = new Array(CALENDAR_SLOTS).fill(undefined);
for (const [name, replacement] of CALENDAR_NAMES) {
  const hash = runHashOf(name);
  let slot = hash & (CALENDAR_SLOTS - 1);
  while (calendarEntries[slot] !== undefined) {
    if (calendarHashes[slot] === hash) throw new Error(`template-lines.ts: calendar names ${calendarEntries[slot]!.name} and ${name} share a hash`);
    slot = (slot + 1) & (CALENDAR_SLOTS - 1);
  }
  calendarHashes[slot] = hash;
  calendarEntries[slot] = { name, replacement };
}

/** The calendar name whose run hash this is (the caller checks the spelling), or undefined. */
function calendarNameOf(runHash: number): { name: string; replacement: string } | undefined {
  for (let slot = runHash & (CALENDAR_SLOTS - 1); ; slot = (slot + 1) & (CALENDAR_SLOTS - 1)) {
    const entry = calendarEntries[slot];
    if (entry === undefined || calendarHashes[slot] === runHash) return entry;
  }
}

function spells(name: string, from: number, to: number): boolean {
  if (to - from !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (lowered[from + k] !== name.charCodeAt(k)) return false;
  return true;
}

function isAsciiWord(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || (code >= 0x41 && code <= 0x5a);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isNumberSeparator(code: number): boolean {
  return code === 0x2e || code === 0x2c || code === 0x3a || code === 0x2f || code === 0x2d;
}
