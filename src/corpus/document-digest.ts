/**
 * The per-document half of the index phase: everything the corpus index needs
 * from one document that does not depend on the rest of the corpus (template
 * line fingerprints, MinHash signature, containment sample, and the 4-grams
 * and next words new to the document). Worker threads make digests in
 * parallel; CorpusIndexBuilder merges them in document order, so an index
 * built on several threads is the one built on one.
 */
import { CORPUS_PARTS, type CorpusPart } from '../core/corpus-index.js';
import { PASSAGE_WORDS } from './built-index.js';
import { TemplateLineMemo } from './template-line-memo.js';
import { mix32, ngramHi4, ngramHi5, ngramLo4, WordScanner } from '../core/text/tokens.js';
import { resized } from '../core/typed-arrays.js';

/** Near-duplicate shingles are runs of this many words (the "5-word shingles"). */
export const SHINGLE_WORDS = 5;
/** `shingleHash(words, i)` and the passage 4-gram's halves, unrolled (tokens.ts; called per word). */
const shingleHash = ngramHi5;
const passageHi = ngramHi4;
const passageLo = ngramLo4;
if (SHINGLE_WORDS !== 5 || PASSAGE_WORDS !== 4) throw new Error('document-digest.ts: the unrolled n-gram hashes do not match SHINGLE_WORDS / PASSAGE_WORDS');

/** MinHash values per document (one-permutation hashing into this many bins). */
export const MINHASH_SIZE = 128;

/** One shingle in 8 (chosen by its hash, so every copy samples the same ones) is kept for containment. */
const CONTAINMENT_SAMPLE_MASK = 7;
const SAMPLE_SEED = 0x5bd1e995;
const BIN_SHIFT = 32 - Math.log2(MINHASH_SIZE);
const BIN_VALUE_MASK = (1 << BIN_SHIFT) - 1;

/** Fields of one passage event in `DocumentDigest.grams`. */
export const GRAM_FIELDS = 6;
export const GRAM_HI = 0;
export const GRAM_LO = 1;
/** 1 when this is the n-gram's first occurrence in the document. */
export const GRAM_NEW = 2;
/** The next word's fingerprint when this n-gram / next-word pair is new in the document, else 0. */
export const GRAM_SUCCESSOR = 3;
/** Where that next word is written in the text (its first spelling is remembered). */
export const GRAM_SUCCESSOR_START = 4;
export const GRAM_SUCCESSOR_END = 5;

/** What a digest holds of the parts it was not made for: nothing. */
export interface DocumentDigest {
  /** Distinct template-line fingerprints, hi and lo interleaved, in order of first occurrence (`templateLines`). */
  lines: Uint32Array;
  /** Distinct 5-word shingles (`nearDuplicates`). */
  shingleCount: number;
  /** MINHASH_SIZE values, all 0xffffffff when the document has no shingle (`nearDuplicates`; else empty). */
  signature: Uint32Array;
  /** Hashes of the sampled shingles, sorted (`nearDuplicates`). */
  samples: Uint32Array;
  /** Passage events, GRAM_FIELDS values each, in text order: the n-grams that are new to the document or bring a new next word (`passages`). */
  grams: Uint32Array;
}

/** The typed arrays of a digest, to hand to postMessage as transferables (of a `copyOfDigest`). */
export function digestBuffers(digest: DocumentDigest): ArrayBuffer[] {
  return [digest.lines, digest.signature, digest.samples, digest.grams].map((array) => array.buffer as ArrayBuffer);
}

/** A digest that owns its arrays: what a worker thread sends (a digester's own digest is views of its buffers). */
export function copyOfDigest({ lines, shingleCount, signature, samples, grams }: DocumentDigest): DocumentDigest {
  return { lines: lines.slice(), shingleCount, signature: signature.slice(), samples: samples.slice(), grams: grams.slice() };
}

const NO_VALUES = new Uint32Array(0);

/**
 * Makes digests for some parts of the index. Its scanner, sets and output
 * buffers are reused from one document to the next, so a digest's arrays are
 * views of them: read them before the next `digest` (or take a copyOfDigest).
 */
export class DocumentDigester {
  private readonly indexesLines: boolean;
  private readonly indexesNearDuplicates: boolean;
  private readonly indexesPassages: boolean;
  private readonly scanner = new WordScanner();
  private readonly seen = new ScratchSet();
  /** Gram and next-word pairs met again with another next word than the first (rare). */
  private readonly seenSuccessors = new ScratchSet();
  private readonly lineMemo = new TemplateLineMemo();
  private lines = new Uint32Array(256);
  private readonly signature = new Uint32Array(MINHASH_SIZE);
  private samples = new Uint32Array(1024);
  private grams = new Uint32Array(4096 * GRAM_FIELDS);

  constructor(parts: readonly CorpusPart[] = CORPUS_PARTS) {
    this.indexesLines = parts.includes('templateLines');
    this.indexesNearDuplicates = parts.includes('nearDuplicates');
    this.indexesPassages = parts.includes('passages');
  }

  /**
   * `passageThreshold`: n-grams whose fingerprint's high half is at or above
   * it are not indexed (passage sampling); the builder's threshold only falls,
   * so one from when the document was sent leaves out nothing it keeps.
   */
  digest(text: string, passageThreshold = 2 ** 32): DocumentDigest {
    const lines = this.indexesLines ? this.lineFingerprints(text) : NO_VALUES;
    const noShingles = { shingleCount: 0, signature: NO_VALUES, samples: NO_VALUES };
    if (!this.indexesNearDuplicates && !this.indexesPassages) return { lines, ...noShingles, grams: NO_VALUES };
    const wordCount = this.scanner.scan(text);
    const words = this.scanner.hashes.subarray(0, wordCount);
    return {
      lines,
      ...(this.indexesNearDuplicates ? this.shingles(words) : noShingles),
      grams: this.indexesPassages ? this.passageEvents(words, passageThreshold) : NO_VALUES,
    };
  }

  private lineFingerprints(text: string): Uint32Array {
    const seen = this.seen.reset(64);
    let found = this.lines;
    let count = 0;
    let from = 0;
    while (from <= text.length) {
      let to = text.indexOf('\n', from);
      if (to < 0) to = text.length;
      if (count + 2 > found.length) found = this.lines = resized(found, found.length * 2);
      if (this.lineMemo.fingerprint(text, from, to, found, count) && seen.addIfNew(found[count]!, found[count + 1]!)) count += 2;
      from = to + 1;
    }
    return found.subarray(0, count);
  }

  /** One-permutation MinHash with rotation densification, and the containment sample. */
  private shingles(words: Uint32Array): Pick<DocumentDigest, 'shingleCount' | 'signature' | 'samples'> {
    const signature = this.signature.fill(0xffffffff);
    const shingleTotal = Math.max(words.length - SHINGLE_WORDS + 1, 0);
    const seen = this.seen.reset(shingleTotal);
    if (this.samples.length < shingleTotal) this.samples = new Uint32Array(shingleTotal * 2);
    const samples = this.samples;
    let sampled = 0;
    let distinct = 0;
    for (let i = 0; i < shingleTotal; i++) {
      const shingle = shingleHash(words, i);
      if (!seen.addIfNew(shingle, 1)) continue;
      distinct++;
      const hashed = mix32(shingle ^ 0x2545f491);
      const bin = hashed >>> BIN_SHIFT;
      const value = hashed & BIN_VALUE_MASK;
      if (value < signature[bin]!) signature[bin] = value;
      if ((mix32(shingle ^ SAMPLE_SEED) & CONTAINMENT_SAMPLE_MASK) === 0) samples[sampled++] = shingle;
    }
    if (distinct > 0) {
      for (let bin = 0; bin < MINHASH_SIZE; bin++) {
        if (signature[bin] !== 0xffffffff) continue;
        let distance = 1;
        while (signature[(bin + distance) % MINHASH_SIZE]! === 0xffffffff || (signature[(bin + distance) % MINHASH_SIZE]! >>> BIN_SHIFT) !== 0) distance++;
        signature[bin] = ((distance << BIN_SHIFT) | signature[(bin + distance) % MINHASH_SIZE]!) >>> 0;
      }
    }
    return { shingleCount: distinct, signature, samples: samples.subarray(0, sampled).sort() };
  }

  /**
   * An n-gram's document count rises once per document, and its next words
   * are counted once per document each: only first occurrences matter to the
   * builder. An n-gram's set entry holds its first next word, so a repeat
   * with the same next word (the common case) needs no second look-up.
   */
  private passageEvents(words: Uint32Array, passageThreshold: number): Uint32Array {
    const total = Math.max(words.length - PASSAGE_WORDS + 1, 0);
    const seen = this.seen.reset(total);
    const seenSuccessors = this.seenSuccessors.reset(64);
    if (this.grams.length < total * GRAM_FIELDS) this.grams = new Uint32Array(total * GRAM_FIELDS * 2);
    const events = this.grams;
    const { starts, ends } = this.scanner;
    let at = 0;
    for (let i = 0; i < total; i++) {
      const hi = passageHi(words, i);
      if (hi >= passageThreshold) continue;
      const lo = passageLo(words, i);
      const next = i + PASSAGE_WORDS;
      const successor = next < words.length ? words[next]! : 0;
      const newGram = seen.addIfNew(hi, lo, successor);
      const newSuccessor =
        successor !== 0 && (newGram || (seen.lastValue !== successor && seenSuccessors.addIfNew(mix32(hi ^ Math.imul(successor, 0x9e3779b1)), lo ^ 0x5bd1e995)));
      if (!newGram && !newSuccessor) continue;
      events[at + GRAM_HI] = hi;
      events[at + GRAM_LO] = lo;
      events[at + GRAM_NEW] = newGram ? 1 : 0;
      events[at + GRAM_SUCCESSOR] = newSuccessor ? successor : 0;
      events[at + GRAM_SUCCESSOR_START] = newSuccessor ? starts[next]! : 0;
      events[at + GRAM_SUCCESSOR_END] = newSuccessor ? ends[next]! : 0;
      at += GRAM_FIELDS;
    }
    return events.subarray(0, at);
  }
}

/** Uint32s per ScratchSet slot: generation stamp, key high and low half, value (16 bytes, 4 to a cache line). */
const SCRATCH_STRIDE = 4;
const SCRATCH_MIN_SLOTS = 1024;

/**
 * A per-document set of fingerprints, each with a value, reused from one
 * document to the next: a generation stamp per slot replaces clearing, and no
 * objects are made. Stamp, key and value share a slot, so a probe reads one
 * cache line; and each document probes only as many slots as it needs, not
 * all that the longest document so far left allocated.
 */
class ScratchSet {
  private cells = new Uint32Array(SCRATCH_MIN_SLOTS * SCRATCH_STRIDE);
  private mask = SCRATCH_MIN_SLOTS - 1;
  private generation = 0;
  private size = 0;
  /** The value of the key `addIfNew` last found already there. */
  lastValue = 0;

  /** Empties the set, sized for about `expected` members (it grows past that if need be). */
  reset(expected: number): this {
    let slots = SCRATCH_MIN_SLOTS;
    while (slots < expected * 2) slots *= 2;
    if (slots * SCRATCH_STRIDE > this.cells.length) {
      this.cells = new Uint32Array(slots * SCRATCH_STRIDE);
      this.generation = 0;
    }
    this.mask = slots - 1;
    this.generation++;
    this.size = 0;
    return this;
  }

  /** Adds the key with `value`; false when it was already there (its value is then `lastValue`). */
  addIfNew(hi: number, lo: number, value = 0): boolean {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const { cells, mask, generation } = this;
    const keyHi = hi >>> 0;
    const keyLo = lo >>> 0;
    for (let slot = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SCRATCH_STRIDE;
      if (cells[at] !== generation) {
        cells[at] = generation;
        cells[at + 1] = keyHi;
        cells[at + 2] = keyLo;
        cells[at + 3] = value;
        this.size++;
        return true;
      }
      if (cells[at + 1] === keyHi && cells[at + 2] === keyLo) {
        this.lastValue = cells[at + 3]!;
        return false;
      }
    }
  }

  private grow(): void {
    const { cells, mask, generation } = this;
    const slots = (mask + 1) * 2;
    this.cells = new Uint32Array(Math.max(slots * SCRATCH_STRIDE, cells.length));
    this.mask = slots - 1;
    this.generation = 1;
    this.size = 0;
    for (let at = 0; at <= mask * SCRATCH_STRIDE; at += SCRATCH_STRIDE) {
      if (cells[at] === generation) this.addIfNew(cells[at + 1]!, cells[at + 2]!, cells[at + 3]!);
    }
  }
}
