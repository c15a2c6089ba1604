/**
 * What a character is, as one table every scanner reads: the word scanner,
 * the rules' own tokenizers and the line normalisers each test the bits they
 * define a word or a space by, so none keeps a 64K table of its own.
 *
 * A bit is what the Unicode property says (`\p{L}`, `\p{M}`, `\p{N}`, the
 * Han / Hiragana / Katakana scripts, what `toLowerCase` changes, what `\s`
 * matches); BMP characters are classified on first sight and remembered,
 * astral ones (rare in text) each time.
 */

/** `\p{L}`. */
export const LETTER = 1;
/** `\p{M}`: combining marks (Devanagari vowel signs, decomposed accents). */
export const MARK = 2;
/** `\p{N}`. */
export const NUMBER = 4;
/** Han, Hiragana or Katakana: scripts written without spaces between words. */
export const UNSPACED = 8;
/**
 * Lower-casing changes it, or it is a surrogate code unit (counted in, to be
 * safe). Not set for A–Z, which scanners lower-case inline.
 */
export const CHANGES_CASE = 16;
/** `\s` (flag u), which is also what `String.prototype.trim` removes. */
export const SPACE = 32;

const KNOWN = 128;
const BMP_KINDS = new Uint8Array(0x10000);

const LETTER_PATTERN = /\p{L}/u;
const MARK_PATTERN = /\p{M}/u;
const NUMBER_PATTERN = /\p{N}/u;
const UNSPACED_PATTERN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SPACE_PATTERN = /\s/u;

/** The bits of a code point (or of a lone surrogate code unit). */
export function characterKind(code: number): number {
  if (code < 0x10000) {
    const kind = BMP_KINDS[code]!;
    if (kind !== 0) return kind;
    return (BMP_KINDS[code] = classify(code) | KNOWN);
  }
  return classify(code);
}

function classify(code: number): number {
  const character = String.fromCodePoint(code);
  const surrogate = code >= 0xd800 && code <= 0xdfff;
  return (
    (LETTER_PATTERN.test(character) ? LETTER : 0) |
    (MARK_PATTERN.test(character) ? MARK : 0) |
    (NUMBER_PATTERN.test(character) ? NUMBER : 0) |
    (UNSPACED_PATTERN.test(character) ? UNSPACED : 0) |
    (code >= 0x80 && (surrogate || character.toLowerCase() !== character) ? CHANGES_CASE : 0) |
    (SPACE_PATTERN.test(character) ? SPACE : 0)
  );
}

/** `\s` (flag u): what `trim` removes and `/\s+/` splits on. ASCII and the common cases without a look-up. */
export function isSpaceCode(code: number): boolean {
  if (code > 0x20 && code < 0xa0) return false;
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (characterKind(code) & SPACE) !== 0;
}

/** A–Z as a–z, every other code unit as it is: the case folding the ASCII fast paths do inline. */
export function lowerAsciiCode(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 32 : code;
}

/** The text with A–Z lowercased and all else as it is (what `lowerAsciiCode` does to each unit). */
export function lowerAscii(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()) : text;
}
