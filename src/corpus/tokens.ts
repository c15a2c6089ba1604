/**
 * Words and fingerprints shared by the index phase (builder) and the lint
 * phase (rules querying the index): both sides must cut and hash text the same
 * way, so this is the one place that does it.
 */

/** A word of the text: its place (UTF-16 offsets, end exclusive) and its comparison form. */
export interface Token {
  start: number;
  end: number;
  /** Lower case, typographic quotes folded, dots and hyphens inside the word dropped ("U.S." → "us"). */
  norm: string;
}

/**
 * Letters and digits, joined by apostrophes, dots or hyphens inside the word.
 * Punctuation between words is not a token: quote, dash and comma styles
 * differ between outlets copying the same story and must not break alignment.
 */
const WORD = /[\p{L}\p{N}]+(?:['\u2019\u02bc.\-\u2010\u2011][\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    tokens.push({ start, end: start + match[0].length, norm: normalizeWord(match[0]) });
  }
  return tokens;
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

/** murmur3's finaliser: a cheap, well-mixed 32-bit permutation. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEED_HI = 0x9e3779b1;
const SEED_LO = 0x7f4a7c15;

/** Two independent 32-bit FNV-1a-style hashes of a string, finalised with mix32. */
export function hashString(text: string): Fingerprint {
  let hi = SEED_HI;
  let lo = SEED_LO;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    hi = Math.imul(hi ^ code, 0x01000193);
    lo = Math.imul(lo ^ code, 0x5bd1e995);
  }
  return { hi: mix32(hi ^ text.length), lo: mix32(lo + text.length) };
}

/** Per-word fingerprints of a text, as parallel arrays (no object per word). */
export interface WordHashes {
  hi: Uint32Array;
  lo: Uint32Array;
}

export function hashWords(norms: readonly string[]): WordHashes {
  const hi = new Uint32Array(norms.length);
  const lo = new Uint32Array(norms.length);
  norms.forEach((norm, i) => {
    const hash = hashString(norm);
    hi[i] = hash.hi;
    lo[i] = hash.lo;
  });
  return { hi, lo };
}

/**
 * Fingerprints of every run of `n` consecutive words (`result.hi[i]` covers
 * words i..i+n-1), from per-word hashes, so a word is hashed once however
 * many n-grams it is part of; one finalising mix per n-gram.
 */
export function ngramFingerprints(words: WordHashes, n: number): WordHashes {
  const count = Math.max(words.hi.length - n + 1, 0);
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = SEED_HI ^ n;
    let l = SEED_LO ^ n;
    for (let j = i; j < i + n; j++) {
      h = Math.imul(h ^ words.hi[j]!, 0x01000193) + j - i;
      l = Math.imul((l + words.lo[j]!) | 0, 0x5bd1e995) ^ (l >>> 15);
    }
    hi[i] = mix32(h);
    lo[i] = mix32(l);
  }
  return { hi, lo };
}

/** A 53-bit number from a fingerprint, usable as a Set key within one document. */
export function fingerprintKey(hi: number, lo: number): number {
  return hi * 0x200000 + (lo >>> 11);
}

/** Words i..j of a text's hashes, or several runs of words joined end to end. */
export function concatWords(...parts: WordHashes[]): WordHashes {
  const length = parts.reduce((sum, part) => sum + part.hi.length, 0);
  const joined = { hi: new Uint32Array(length), lo: new Uint32Array(length) };
  let at = 0;
  for (const part of parts) {
    joined.hi.set(part.hi, at);
    joined.lo.set(part.lo, at);
    at += part.hi.length;
  }
  return joined;
}

export function sliceWords(words: WordHashes, start: number, end: number): WordHashes {
  return { hi: words.hi.subarray(start, end), lo: words.lo.subarray(start, end) };
}
