/**
 * The rule's one word scan: letters, marks and digits, with apostrophes and
 * hyphens inside. It reads character codes rather than running a Unicode
 * regular expression (on 1.3 MB of web pages the expression alone took longer
 * than the rest of the rule) and hashes each word's lower-case form on the
 * way, so a word seen before costs no string.
 */
import { characterKind, LETTER, MARK, NUMBER } from '../../src/core/text/characters.js';
import { FNV_OFFSET, fnvStep } from '../../src/core/text/hash.js';

/**
 * The words of `text` between two offsets, one `next()` at a time; the fields
 * describe the current word (read them before the next call).
 */
export class WordScan {
  start = 0;
  end: number;
  /** ASCII letters only (apostrophes and hyphens aside). */
  plain = true;
  /** Holds a hyphen or a curly apostrophe, so it needs splitting or normalising. */
  joined = false;
  /** FNV-1a of the word with A–Z lowercased and only straight apostrophes among its joiners; meaningful when `plain`. */
  hash = FNV_OFFSET;

  constructor(
    readonly text: string,
    from = 0,
    private readonly to = text.length,
  ) {
    this.end = from;
  }

  /** Moves to the next word; false when there is none. */
  next(): boolean {
    const { text, to } = this;
    let index = this.end;
    while (index < to && !isWordCode(text.charCodeAt(index))) index++;
    if (index >= to) return false;
    this.start = index;
    let plain = true;
    let joined = false;
    let hash = FNV_OFFSET;
    // Lower-case ASCII letters first: they are most of the characters of English text.
    for (;;) {
      const code = text.charCodeAt(index);
      if (index >= to) break;
      if (code >= 97 && code <= 122) {
        hash = fnvStep(hash, code);
        index++;
      } else if (code >= 65 && code <= 90) {
        hash = fnvStep(hash, code + 32);
        index++;
      } else if (isWordCode(code)) {
        plain = false;
        index++;
      } else if (index + 1 < to && isJoinerCode(code) && isWordCode(text.charCodeAt(index + 1))) {
        if (code === 39) hash = fnvStep(hash, code);
        else joined = true;
        index++;
      } else {
        break;
      }
    }
    this.end = index;
    this.plain = plain;
    this.joined = joined;
    this.hash = hash;
    return true;
  }
}

/**
 * Whether the word the shared analysis (tokens.ts) cut at `start..end`, all
 * ASCII letters and digits, is exactly a word of this scan too. Its cut is
 * maximal over letters and digits, so the two differ only where this scan
 * reads on: into a mark or a surrogate next to it, or over a joiner into one.
 */
export function isWholeWord(text: string, start: number, end: number): boolean {
  if (start > 0) {
    const before = text.charCodeAt(start - 1);
    if (before >= 0x80 && isWordCode(before)) return false;
    if (start > 1 && isJoinerCode(before) && isWordCode(text.charCodeAt(start - 2))) return false;
  }
  if (end < text.length) {
    const after = text.charCodeAt(end);
    if (after >= 0x80 && isWordCode(after)) return false;
    if (end + 1 < text.length && isJoinerCode(after) && isWordCode(text.charCodeAt(end + 1))) return false;
  }
  return true;
}

function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  // Surrogates: astral letters (and whatever else) are kept inside a word rather than split.
  if (code >= 0xd800 && code <= 0xdfff) return true;
  return (characterKind(code) & (LETTER | MARK | NUMBER)) !== 0;
}

function isJoinerCode(code: number): boolean {
  return code === 39 || code === 45 || code === 0x2019 || code === 0x2010 || code === 0x2011;
}
