import type { FixSafety } from '../src/core/rule.js';
import { defineRule, NO_OPTIONS_SCHEMA } from '../src/core/rule.js';
import { prefersCrlf, type Line } from '../src/core/text/lines.js';

/**
 * Invisible characters that scraped text picks up from binary junk, terminal
 * logs, word processors and broken decoding. They make equal lines differ
 * and words unsearchable, and a reader cannot see them to remove them.
 *
 * Not reported, on purpose: tab; CR as part of CRLF; a byte order mark at the
 * very start (the reader strips it); U+200C / U+200D (ZWNJ / ZWJ), which
 * Persian, the Indic scripts and emoji sequences need; U+200B in scripts
 * written without spaces; bidi controls in right-to-left text; U+00AD (soft
 * hyphen), a legitimate hyphenation hint.
 */
export default defineRule({
  meta: {
    id: 'no-control-characters',
    description: 'Disallow control characters, zero-width characters and U+FFFD',
    version: 1,
    fixable: 'sometimes',
    type: 'layout',
    recommended: 'warn',
    defaultOptions: {},
    optionsSchema: NO_OPTIONS_SCHEMA,
  },
  create() {
    return {
      check(context) {
        const newline = prefersCrlf(context.text) ? '\r\n' : '\n';
        for (const line of context.lines) {
          if (!FLAGGED.test(line.text)) continue;
          for (const group of groupsOf(findCharacters(line, newline))) {
            const { message, replacement, fixSafety } = describeGroup(group, line, newline);
            const start = line.start + group.start;
            const end = line.start + group.end;
            context.report({ message, start, end, fix: { range: [start, end], text: replacement }, fixSafety });
          }
        }
      },
    };
  },
});

/** Every character the rule may report; tab and the line terminators are not in it. */
const FLAGGED = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffd]/;

/**
 * Bidirectional marks, embeddings, overrides and isolates. In right-to-left
 * text they carry the reading order of mixed Arabic / Hebrew and Latin runs
 * and must stay; in a line with no right-to-left letter they do nothing a
 * reader wants (an override even shows the text reversed: "Trojan Source").
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const RIGHT_TO_LEFT_LETTER =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;

/**
 * Scripts written without spaces between words, where U+200B marks the word
 * boundaries that line breaking and search need: there it is kept.
 */
const UNSPACED_SCRIPT_LETTER =
  /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Controls that some producer meant as a line or page break (the set Python's
 * `str.splitlines` breaks on, less NEL, which in scraped text is nearly always
 * a Windows-1252 ellipsis): between two words they become a newline.
 */
const LINE_BREAK_CONTROLS = new Set([0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e]);

/** An ANSI / VT100 control sequence (colours, cursor moves) as left in terminal logs. */
const TERMINAL_ESCAPE_SEQUENCE = /^\x1b\[[0-?]*[ -/]*[@-~]/;

/**
 * Windows-1252 text decoded as Latin-1 turns its curly quotes, dashes and
 * euro sign into C1 controls; the code page's table (bytes 0x80–0x9F) gives
 * back the character meant. 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned.
 */
const WINDOWS_1252_C1: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ',
  0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“',
  0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›',
  0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/** UTF-8 bytes decoded as Latin-1: a lead byte (Â–ô) and its continuation bytes (U+0080–U+00BF). */
const UTF8_AS_LATIN1 = /[\u00c2-\u00f4][\u0080-\u00bf]{1,3}/g;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Unicode names (or, for C0 / C1 controls, their formal aliases). */
const CHARACTER_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL', 0x01: 'START OF HEADING', 0x02: 'START OF TEXT', 0x03: 'END OF TEXT',
  0x04: 'END OF TRANSMISSION', 0x05: 'ENQUIRY', 0x06: 'ACKNOWLEDGE', 0x07: 'BELL', 0x08: 'BACKSPACE',
  0x0b: 'LINE TABULATION', 0x0c: 'FORM FEED', 0x0d: 'CARRIAGE RETURN', 0x0e: 'SHIFT OUT', 0x0f: 'SHIFT IN',
  0x10: 'DATA LINK ESCAPE', 0x11: 'DEVICE CONTROL ONE', 0x12: 'DEVICE CONTROL TWO', 0x13: 'DEVICE CONTROL THREE',
  0x14: 'DEVICE CONTROL FOUR', 0x15: 'NEGATIVE ACKNOWLEDGE', 0x16: 'SYNCHRONOUS IDLE',
  0x17: 'END OF TRANSMISSION BLOCK', 0x18: 'CANCEL', 0x19: 'END OF MEDIUM', 0x1a: 'SUBSTITUTE', 0x1b: 'ESCAPE',
  0x1c: 'INFORMATION SEPARATOR FOUR', 0x1d: 'INFORMATION SEPARATOR THREE', 0x1e: 'INFORMATION SEPARATOR TWO',
  0x1f: 'INFORMATION SEPARATOR ONE', 0x7f: 'DELETE',
  0x80: 'PADDING CHARACTER', 0x81: 'HIGH OCTET PRESET', 0x82: 'BREAK PERMITTED HERE', 0x83: 'NO BREAK HERE',
  0x84: 'INDEX', 0x85: 'NEXT LINE', 0x86: 'START OF SELECTED AREA', 0x87: 'END OF SELECTED AREA',
  0x88: 'CHARACTER TABULATION SET', 0x89: 'CHARACTER TABULATION WITH JUSTIFICATION', 0x8a: 'LINE TABULATION SET',
  0x8b: 'PARTIAL LINE FORWARD', 0x8c: 'PARTIAL LINE BACKWARD', 0x8d: 'REVERSE LINE FEED', 0x8e: 'SINGLE SHIFT TWO',
  0x8f: 'SINGLE SHIFT THREE', 0x90: 'DEVICE CONTROL STRING', 0x91: 'PRIVATE USE ONE', 0x92: 'PRIVATE USE TWO',
  0x93: 'SET TRANSMIT STATE', 0x94: 'CANCEL CHARACTER', 0x95: 'MESSAGE WAITING', 0x96: 'START OF GUARDED AREA',
  0x97: 'END OF GUARDED AREA', 0x98: 'START OF STRING', 0x99: 'SINGLE GRAPHIC CHARACTER INTRODUCER',
  0x9a: 'SINGLE CHARACTER INTRODUCER', 0x9b: 'CONTROL SEQUENCE INTRODUCER', 0x9c: 'STRING TERMINATOR',
  0x9d: 'OPERATING SYSTEM COMMAND', 0x9e: 'PRIVACY MESSAGE', 0x9f: 'APPLICATION PROGRAM COMMAND',
  0x061c: 'ARABIC LETTER MARK', 0x200b: 'ZERO WIDTH SPACE', 0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE', 0xfeff: 'ZERO WIDTH NO-BREAK SPACE', 0xfffd: 'REPLACEMENT CHARACTER',
};

/**
 * How a finding is repaired: `remove` (invisible junk), `line-break` (a break
 * control between words), `escape` (a whole terminal sequence), `windows-1252`
 * (a C1 control that stands for a Windows-1252 character), `utf-8` (UTF-8
 * decoded as Latin-1, re-decoded), `lost-text` (U+FFFD).
 */
type Kind = 'remove' | 'line-break' | 'escape' | 'windows-1252' | 'utf-8' | 'lost-text';

/** One span of reported characters inside a line; offsets relative to the line. */
interface Span {
  kind: Kind;
  start: number;
  end: number;
  /** The code points the message names (a terminal sequence names only its ESC). */
  codes: number[];
  /** The replacement, for kinds whose repair is not a plain removal. */
  replacement?: string;
}

function findCharacters(line: Line, newline: string): Span[] {
  const { text } = line;
  const spans: Span[] = [];
  const rightToLeft = RIGHT_TO_LEFT_LETTER.test(text);
  const mojibake = findUtf8AsLatin1(text);
  let nextMojibake = 0;
  for (let index = 0; index < text.length; index++) {
    // A sequence that starts inside a span already taken (say a terminal escape) is not one.
    while ((mojibake[nextMojibake]?.start ?? Infinity) < index) nextMojibake++;
    const pending = mojibake[nextMojibake];
    if (pending && pending.start === index) {
      spans.push(pending);
      nextMojibake++;
      index = pending.end - 1;
      continue;
    }
    const char = text[index]!;
    if (!FLAGGED.test(char)) continue;
    const code = char.charCodeAt(0);
    // The byte order mark the reader leaves at the start of a file is not in the text.
    if (code === 0xfeff && line.start + index === 0) continue;
    if (BIDI_CONTROLS.test(char) && rightToLeft) continue;
    if (code === 0x200b && nextToUnspacedScript(text, index)) continue;
    // A CRLF file cut off after its last CR lacks only the LF, which is `eol-last`'s to add.
    if (code === 0x0d && newline === '\r\n' && line.next === line.end && index === text.length - 1) continue;
    if (code === 0x1b) {
      const sequence = TERMINAL_ESCAPE_SEQUENCE.exec(text.slice(index));
      if (sequence) {
        spans.push({ kind: 'escape', start: index, end: index + sequence[0].length, codes: [code] });
        index += sequence[0].length - 1;
        continue;
      }
    }
    spans.push({ kind: kindOf(code), start: index, end: index + 1, codes: [code], replacement: WINDOWS_1252_C1[code] });
  }
  return spans;
}

function nextToUnspacedScript(text: string, index: number): boolean {
  return UNSPACED_SCRIPT_LETTER.test(text.slice(Math.max(0, index - 2), index + 3));
}

function kindOf(code: number): Kind {
  if (code === 0xfffd) return 'lost-text';
  if (LINE_BREAK_CONTROLS.has(code)) return 'line-break';
  if (WINDOWS_1252_C1[code] !== undefined) return 'windows-1252';
  return 'remove';
}

/** Sequences that decode as UTF-8 and hold at least one C1 control (otherwise nothing here is a control). */
function findUtf8AsLatin1(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(UTF8_AS_LATIN1)) {
    const lead = match[0].charCodeAt(0);
    const length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    const candidate = match[0].slice(0, length);
    if (candidate.length < length || !/[\x80-\x9f]/.test(candidate)) continue;
    let decoded: string;
    try {
      decoded = strictUtf8.decode(Uint8Array.from(candidate, (char) => char.charCodeAt(0)));
    } catch {
      continue;
    }
    // Â + U+0080–U+009F decodes to a C1 control again: nothing gained.
    if (FLAGGED.test(decoded)) continue;
    const start = match.index;
    const codes = [...candidate].map((char) => char.charCodeAt(0)).filter((code) => code >= 0x80 && code <= 0x9f);
    spans.push({ kind: 'utf-8', start, end: start + length, codes, replacement: decoded });
  }
  return spans;
}

/** Adjacent spans of one kind make one finding. */
function groupsOf(spans: Span[]): Span[] {
  const groups: Span[] = [];
  for (const span of spans) {
    const last = groups[groups.length - 1];
    if (last && last.kind === span.kind && last.end === span.start) {
      last.end = span.end;
      last.codes.push(...span.codes);
      if (last.replacement !== undefined || span.replacement !== undefined) {
        last.replacement = (last.replacement ?? '') + (span.replacement ?? '');
      }
    } else {
      groups.push({ ...span, codes: [...span.codes] });
    }
  }
  return groups;
}

interface Repair {
  message: string;
  replacement: string;
  fixSafety: FixSafety;
}

function describeGroup(group: Span, line: Line, newline: string): Repair {
  const plural = group.codes.length > 1;
  const names = listNames(group.codes);
  const it = plural ? 'them' : 'it';
  const before = line.text.slice(Math.max(0, group.start - 2), group.start);
  const after = line.text.slice(group.end, group.end + 2);
  const wordBefore = /[\p{L}\p{N}]$/u.test(before);
  const wordAfter = /^[\p{L}\p{N}]/u.test(after);
  switch (group.kind) {
    case 'lost-text':
      // The character stands for text the decoder could not read; deleting it can glue two words or drop a letter.
      return {
        message: `Unexpected ${plural ? 'replacement characters' : 'replacement character'} ${names}: text was lost in decoding; restore it from the source or remove ${it}`,
        replacement: '',
        fixSafety: 'unsafe',
      };
    case 'utf-8':
      return {
        message: `Unexpected ${noun(group.codes)} ${names} in UTF-8 text read as Latin-1; replace with ${quote(group.replacement!)}`,
        replacement: group.replacement!,
        fixSafety: 'safe',
      };
    case 'windows-1252':
      // A good guess, not a certainty: the producer may have meant another code page.
      return {
        message: `Unexpected ${noun(group.codes)} ${names}, probably Windows-1252 text read as Latin-1; replace with ${quote(group.replacement!)}`,
        replacement: group.replacement!,
        fixSafety: 'unsafe',
      };
    case 'escape':
      return {
        message: `Unexpected terminal escape sequence starting with ${names}; remove it`,
        replacement: '',
        fixSafety: 'safe',
      };
    case 'line-break':
      // Inside text (as in a file with old Mac CR line ends) each one is a line break; at a line's edge or
      // next to a space it adds nothing.
      if (/\S$/u.test(before) && /^\S/u.test(after)) {
        return {
          message: `Unexpected ${noun(group.codes)} ${names} used as a line break; replace with ${plural ? 'newlines' : 'a newline'}`,
          replacement: newline.repeat(group.codes.length),
          fixSafety: 'safe',
        };
      }
      return { message: `Unexpected ${noun(group.codes)} ${names}; remove ${it}`, replacement: '', fixSafety: 'safe' };
    case 'remove': {
      // Zero-width and bidi characters are invisible, so removing them changes nothing a reader sees;
      // a visible-as-junk control between two letters may have stood for a space.
      const visibleJunk = group.codes.some(isControl);
      return {
        message: `Unexpected ${noun(group.codes)} ${names}; remove ${it}`,
        replacement: '',
        fixSafety: visibleJunk && wordBefore && wordAfter ? 'unsafe' : 'safe',
      };
    }
  }
}

function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

function noun(codes: number[]): string {
  const base = codes.every(isControl) ? 'control character' : 'invisible character';
  return codes.length > 1 ? `${base}s` : base;
}

/** "U+0007 (BELL)", or "U+0000 (NULL) and U+0007 (BELL)"; each code point once, at most three. */
function listNames(codes: number[]): string {
  const distinct = [...new Set(codes)];
  const named = distinct.slice(0, 3).map((code) => `U+${code.toString(16).toUpperCase().padStart(4, '0')} (${CHARACTER_NAMES[code] ?? 'UNNAMED'})`);
  if (distinct.length > 3) named.push(`${distinct.length - 3} more`);
  return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]!}`;
}

function quote(text: string): string {
  return `\`${text}\``;
}
