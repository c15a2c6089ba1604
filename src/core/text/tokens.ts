/**
 * Words and fingerprints shared by the index phase (builder) and the lint
 * phase (rules querying the index): both sides must cut and hash text the same
 * way, so this is the one place that does it.
 *
 * Words are cut by a hand-written scanner rather than a regular expression:
 * the index phase reads every byte of the corpus, and the scanner makes no
 * object per word (ASCII is classified inline, other code units through a
 * lazily filled table).
 */
import { characterKind, LETTER, NUMBER } from './characters.js';
import { FNV_OFFSET, FNV_PRIME, fnvHash, mix32 } from './hash.js';
import { resized } from '../typed-arrays.js';

export { mix32 };

/**
 * A word is letters and digits (`[\p{L}\p{N}]`), joined by apostrophes, dots
 * or hyphens inside the word. Punctuation between words is not a token:
 * quote, dash and comma styles differ between outlets copying the same story
 * and must not break alignment.
 */
function isWordCodePoint(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  return (characterKind(code) & (LETTER | NUMBER)) !== 0;
}

/**
 * Length in code units of the word character at `at`, or 0 when there is none,
 * reading `text.slice(0, end)`: a high surrogate at `end - 1` stands alone there.
 */
function wordCharLength(text: string, at: number, end = text.length): number {
  if (at >= end) return 0;
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff) return isWordCodePoint(code) ? 1 : 0;
  if (at + 1 >= end) return 0;
  const point = text.codePointAt(at)!;
  return point > 0xffff && isWordCodePoint(point) ? 2 : 0;
}

function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2e || code === 0x2d || code === 0x2019 || code === 0x2bc || code === 0x2010 || code === 0x2011;
}

/** Cut words the same way in both phases; calls `onWord(start, end)` for each, in order. */
export function scanWords(text: string, onWord: (start: number, end: number) => void): void {
  const length = text.length;
  let at = 0;
  while (at < length) {
    let step = wordCharLength(text, at);
    if (step === 0) {
      at++;
      continue;
    }
    const start = at;
    at += step;
    for (;;) {
      while ((step = wordCharLength(text, at)) > 0) at += step;
      if (at + 1 < length && isJoiner(text.charCodeAt(at)) && wordCharLength(text, at + 1) > 0) {
        at++;
        continue;
      }
      break;
    }
    onWord(start, at);
  }
}

/**
 * What the scanners hash for each ASCII code unit of a word: letters lower-cased,
 * digits as they are; 0 for the rest (not a word character). One load where
 * a chain of range tests cost a branch each, per character of the corpus.
 */
const ASCII_WORD_FOLD = new Uint8Array(0x80);
for (let code = 0; code < 0x80; code++) {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) ASCII_WORD_FOLD[code] = code;
  else if (code >= 0x41 && code <= 0x5a) ASCII_WORD_FOLD[code] = code + 32;
}

/**
 * How many words `scanWords` would call back for in `text.slice(start, end)`,
 * counted in place: the --fix guard counts every line of a document and of
 * what its fixes leave, and a callback per word and a string per line were
 * most of its cost.
 */
export function countWords(text: string, start = 0, end = text.length): number {
  // Bounds as `slice` reads them: a fix's range comes from a rule and is not checked.
  end = end < 0 ? Math.max(0, text.length + end) : Math.min(end, text.length);
  let at = start < 0 ? Math.max(0, text.length + start) : start;
  let count = 0;
  let inWord = false;
  while (at < end) {
    const code = text.charCodeAt(at);
    // ASCII inline: it is most of the characters of a text.
    const step = code < 0x80 ? (isWordCodePoint(code) ? 1 : 0) : wordCharLength(text, at, end);
    if (step > 0) {
      if (!inWord) count++;
      inWord = true;
      at += step;
    } else {
      // A joiner keeps the word going when a word character follows it (within the range).
      inWord = inWord && at + 1 < end && isJoiner(code) && wordCharLength(text, at + 1, end) > 0;
      at++;
    }
  }
  return count;
}

/**
 * The words of one text as parallel typed arrays (fingerprint, start, end),
 * cut like `scanWords` and hashed like `hashWordAt` in the same single pass,
 * with no callback, object or string per word. The arrays are reused from one
 * text to the next: read them before the next `scan`.
 */
export class WordScanner {
  hashes: Uint32Array = new Uint32Array(4096);
  starts: Uint32Array = new Uint32Array(4096);
  ends: Uint32Array = new Uint32Array(4096);
  count = 0;

  /** Scans `text`; returns the number of words. */
  scan(text: string): number {
    const length = text.length;
    let { hashes, starts, ends } = this;
    let count = 0;
    let at = 0;
    while (at < length) {
      let code = text.charCodeAt(at);
      // The code unit hashed for an ASCII word character (ASCII_WORD_FOLD), 0 for anything else.
      let fold = code < 0x80 ? ASCII_WORD_FOLD[code]! : 0;
      if (fold === 0 && (code < 0x80 || wordCharLength(text, at) === 0)) {
        at++;
        continue;
      }
      const start = at;
      let hash = FNV_OFFSET;
      // Words of ASCII letters, digits and joiners are hashed inline; others take hashWordAt's string path.
      let plain = true;
      for (;;) {
        // The common case, a run of ASCII letters and digits, in a loop of its own.
        while (fold !== 0) {
          hash = Math.imul(hash ^ fold, FNV_PRIME);
          if (++at === length) break;
          code = text.charCodeAt(at);
          fold = code < 0x80 ? ASCII_WORD_FOLD[code]! : 0;
        }
        if (at === length) break;
        if (code >= 0x80) {
          const step = wordCharLength(text, at);
          if (step > 0) {
            plain = false;
            at += step;
            if (at === length) break;
            code = text.charCodeAt(at);
            fold = code < 0x80 ? ASCII_WORD_FOLD[code]! : 0;
            continue;
          }
        }
        if (at + 1 < length && isJoiner(code) && wordCharLength(text, at + 1) > 0) {
          // Dots and hyphens are dropped from the comparison form; apostrophes are folded to '.
          if (code === 0x27 || code === 0x2019 || code === 0x2bc) hash = Math.imul(hash ^ 0x27, FNV_PRIME);
          at++;
          code = text.charCodeAt(at);
          fold = code < 0x80 ? ASCII_WORD_FOLD[code]! : 0;
          continue;
        }
        break;
      }
      if (count === hashes.length) {
        this.hashes = hashes = resized(hashes, count * 2);
        this.starts = starts = resized(starts, count * 2);
        this.ends = ends = resized(ends, count * 2);
      }
      hashes[count] = plain ? mix32(hash) : hashNorm(normalizeWord(text.slice(start, at)));
      starts[count] = start;
      ends[count] = at;
      count++;
    }
    this.count = count;
    return count;
  }
}

const FOLDED = /[\u2019\u02bc.\-\u2010\u2011]/;

export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  // Most words have nothing to fold; skip the replacements for them.
  if (!FOLDED.test(lower)) return lower;
  return lower.replace(/[\u2019\u02bc]/g, "'").replace(/[.\-\u2010\u2011]/g, '');
}

/** A 64-bit fingerprint as two unsigned 32-bit halves. */
export interface Fingerprint {
  hi: number;
  lo: number;
}

/** Seeds of hashString's two halves (exported for templateLineFingerprint, which streams the same hash). */
export const SEED_HI = 0x9e3779b1;
export const SEED_LO = 0x7f4a7c15;

/** Two independent 32-bit FNV-1a-style hashes of `text.slice(start, end)`, finalised with mix32. */
export function hashString(text: string, start = 0, end = text.length): Fingerprint {
  let hi = SEED_HI;
  let lo = SEED_LO;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    hi = Math.imul(hi ^ code, 0x01000193);
    lo = Math.imul(lo ^ code, 0x5bd1e995);
  }
  const length = end - start;
  return { hi: mix32(hi ^ length), lo: mix32(lo + length) };
}

/** 32-bit fingerprint of a word's comparison form (FNV-1a, finalised with mix32). */
export function hashNorm(norm: string): number {
  return mix32(fnvHash(norm));
}

/**
 * `hashNorm(normalizeWord(text.slice(start, end)))` without making the
 * strings: ASCII, apostrophes and hyphens are folded inline; a word with any
 * other non-ASCII character takes the string path (rare in English, and the
 * only way to get Unicode case right).
 */
export function hashWordAt(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i);
    if (code === 0x2e || code === 0x2d || code === 0x2010 || code === 0x2011) continue;
    if (code === 0x2019 || code === 0x2bc) code = 0x27;
    else if (code >= 0x80) return hashNorm(normalizeWord(text.slice(start, end)));
    if (code >= 0x41 && code <= 0x5a) code += 32;
    h = Math.imul(h ^ code, FNV_PRIME);
  }
  return mix32(h);
}

/**
 * 64-bit fingerprint of the `n` words from `from` (`words[from..from+n-1]`):
 * two independent mixes of the word fingerprints, so a word is hashed once
 * however many n-grams it is part of. The index hashes every 4- and 5-gram
 * of the corpus: those lengths take unrolled copies of the loop (the same
 * steps, about 2.5 times faster).
 */
export function ngramHi(words: Uint32Array, from: number, n: number): number {
  if (n === 4) return ngramHi4(words, from);
  if (n === 5) return ngramHi5(words, from);
  let h = SEED_HI ^ n;
  for (let j = 0; j < n; j++) h = (Math.imul(h ^ words[from + j]!, FNV_PRIME) + j) | 0;
  return mix32(h);
}

export function ngramLo(words: Uint32Array, from: number, n: number): number {
  if (n === 4) return ngramLo4(words, from);
  let l = SEED_LO ^ n;
  for (let j = 0; j < n; j++) l = Math.imul((l + words[from + j]!) | 0, 0x5bd1e995) ^ (l >>> 15);
  return mix32(l);
}

export function ngramHi4(words: Uint32Array, from: number): number {
  let h = SEED_HI ^ 4;
  h = Math.imul(h ^ words[from]!, FNV_PRIME) | 0;
  h = (Math.imul(h ^ words[from + 1]!, FNV_PRIME) + 1) | 0;
  h = (Math.imul(h ^ words[from + 2]!, FNV_PRIME) + 2) | 0;
  h = (Math.imul(h ^ words[from + 3]!, FNV_PRIME) + 3) | 0;
  return mix32(h);
}

export function ngramHi5(words: Uint32Array, from: number): number {
  let h = SEED_HI ^ 5;
  h = Math.imul(h ^ words[from]!, FNV_PRIME) | 0;
  h = (Math.imul(h ^ words[from + 1]!, FNV_PRIME) + 1) | 0;
  h = (Math.imul(h ^ words[from + 2]!, FNV_PRIME) + 2) | 0;
  h = (Math.imul(h ^ words[from + 3]!, FNV_PRIME) + 3) | 0;
  h = (Math.imul(h ^ words[from + 4]!, FNV_PRIME) + 4) | 0;
  return mix32(h);
}

export function ngramLo4(words: Uint32Array, from: number): number {
  let l = SEED_LO ^ 4;
  l = Math.imul((l + words[from]!) | 0, 0x5bd1e995) ^ (l >>> 15);
  l = Math.imul((l + words[from + 1]!) | 0, 0x5bd1e995) ^ (l >>> 15);
  l = Math.imul((l + words[from + 2]!) | 0, 0x5bd1e995) ^ (l >>> 15);
  l = Math.imul((l + words[from + 3]!) | 0, 0x5bd1e995) ^ (l >>> 15);
  return mix32(l);
}

/** Several runs of word fingerprints joined end to end. */
export function concatWords(...parts: Uint32Array[]): Uint32Array {
  const joined = new Uint32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
