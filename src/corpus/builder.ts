/**
 * The index phase: reads every document once and keeps only compact
 * corpus-wide structures (never the texts), then `build()` finds the
 * near-duplicate candidate pairs. Limits and measured cost: ./README.md.
 */
import {
  BuiltCorpusIndex,
  PASSAGE_VALUES,
  PASSAGE_WORDS,
  SUCCESSOR_SLOTS,
  type NearDuplicatePairs,
} from './built-index.js';
import type { CorpusIndex } from './corpus-index.js';
import { FingerprintTable } from './fingerprint-table.js';
import { normalizeTemplateLine } from './template-lines.js';
import { hashString, hashWords, mix32, ngramFingerprints, tokenize, type Token } from './tokens.js';

/** Near-duplicate shingles are runs of this many words (the "5-word shingles"). */
export const SHINGLE_WORDS = 5;
/** MinHash values per document (one-permutation hashing into this many bins). */
export const MINHASH_SIZE = 128;
/** LSH: 16 bands of 8 rows; a pair at Jaccard 0.8 becomes a candidate with probability 0.95, at 0.5 with 0.06. */
export const LSH_BANDS = 16;
const LSH_ROWS = MINHASH_SIZE / LSH_BANDS;
/** One shingle in 8 (chosen by its hash, so every copy samples the same ones) is kept for containment. */
const CONTAINMENT_SAMPLE_MASK = 7;
/** Pairs below both floors are not kept; rules choose their thresholds above them. */
const PAIR_FLOOR = 0.5;
/** A sampled shingle shared by more documents than this is template text, not evidence of copying. */
const MAX_POSTING_LENGTH = 64;
/** Within one LSH bucket each document is compared with this many next ones; union-find links the rest. */
const BUCKET_NEIGHBOURS = 8;

export interface CorpusIndexBudget {
  /** Passage n-grams kept with exact document counts; beyond it the index samples n-grams by hash. */
  maxPassageEntries: number;
  /** Distinct template-line forms counted; beyond it the rarest are dropped (lossy counting). */
  maxLineEntries: number;
  /** Distinct successor words remembered (for the typo-variant fix text). */
  maxWords: number;
}

export const DEFAULT_BUDGET: CorpusIndexBudget = {
  maxPassageEntries: 1 << 21,
  maxLineEntries: 1 << 20,
  maxWords: 1 << 20,
};

const SAMPLE_SEED = 0x5bd1e995;
const BIN_SHIFT = 32 - Math.log2(MINHASH_SIZE);
const BIN_VALUE_MASK = (1 << BIN_SHIFT) - 1;

export class CorpusIndexBuilder {
  private readonly budget: CorpusIndexBudget;
  private readonly documentIds: string[] = [];
  private shingleCounts = new Uint32Array(1024);
  private signatures = new Uint32Array(1024 * MINHASH_SIZE);
  private sampleOffsets = new Uint32Array(1025);
  private samples = new Uint32Array(1 << 16);
  private readonly lines = new FingerprintTable(1);
  private lineFloor = 0;
  private passages = new FingerprintTable(PASSAGE_VALUES);
  private passageThreshold = 2 ** 32;
  private readonly words: string[] = [''];
  private readonly wordIds = new Map<string, number>();
  private readonly scratch = new ScratchSet();

  constructor(budget: Partial<CorpusIndexBudget> = {}) {
    this.budget = { ...DEFAULT_BUDGET, ...budget };
  }

  add(documentId: string, text: string): void {
    const doc = this.documentIds.length;
    this.documentIds.push(documentId);
    this.reserve(doc + 1);
    this.addLines(text);
    const tokens = tokenize(text);
    const words = hashWords(tokens.map((token) => token.norm));
    this.addShingles(doc, ngramFingerprints(words, SHINGLE_WORDS).hi);
    const grams = ngramFingerprints(words, PASSAGE_WORDS);
    const successors = new Uint32Array(grams.hi.length);
    for (let i = 0; i + PASSAGE_WORDS < tokens.length; i++) successors[i] = this.wordId(tokens[i + PASSAGE_WORDS]!, text);
    this.addPassages(grams, successors);
  }

  build(): CorpusIndex {
    const count = this.documentIds.length;
    return new BuiltCorpusIndex({
      documentIds: this.documentIds.slice(),
      shingleCounts: this.shingleCounts.slice(0, count),
      pairs: this.findPairs(),
      lines: this.lines,
      lineFloor: this.lineFloor,
      passages: this.passages,
      passageThreshold: this.passageThreshold,
      words: this.words.slice(),
    });
  }

  private reserve(documents: number): void {
    if (documents <= this.shingleCounts.length) return;
    const grown = this.shingleCounts.length * 2;
    this.shingleCounts = grow(this.shingleCounts, grown);
    this.signatures = grow(this.signatures, grown * MINHASH_SIZE);
    this.sampleOffsets = grow(this.sampleOffsets, grown + 1);
  }

  private addLines(text: string): void {
    const lines = text.split('\n');
    const seen = this.scratch.reset(lines.length);
    for (const lineText of lines) {
      const form = normalizeTemplateLine(lineText);
      if (form === undefined) continue;
      const { hi, lo } = hashString(form);
      if (!seen.addIfNew(hi, lo)) continue;
      const slot = this.lines.insert(hi, lo);
      this.lines.values[slot]!++;
    }
    // Lossy counting: when full, forget the lines seen in the fewest documents; a line first
    // seen again later can then be short by at most lineFloor documents.
    while (this.lines.size > this.budget.maxLineEntries) {
      this.lineFloor++;
      const floor = this.lineFloor;
      this.lines.prune((slot) => this.lines.values[slot]! > floor);
    }
  }

  /** One-permutation MinHash with rotation densification, and the containment sample. */
  private addShingles(doc: number, shingles: Uint32Array): void {
    const distinct = new Set<number>(shingles);
    this.shingleCounts[doc] = distinct.size;
    const signature = this.signatures.subarray(doc * MINHASH_SIZE, (doc + 1) * MINHASH_SIZE);
    signature.fill(0xffffffff);
    const docSamples: number[] = [];
    for (const shingle of distinct) {
      const hashed = mix32(shingle ^ 0x2545f491);
      const bin = hashed >>> BIN_SHIFT;
      const value = hashed & BIN_VALUE_MASK;
      if (value < signature[bin]!) signature[bin] = value;
      if ((mix32(shingle ^ SAMPLE_SEED) & CONTAINMENT_SAMPLE_MASK) === 0) docSamples.push(shingle);
    }
    if (distinct.size > 0) {
      for (let bin = 0; bin < MINHASH_SIZE; bin++) {
        if (signature[bin] !== 0xffffffff) continue;
        let distance = 1;
        while (signature[(bin + distance) % MINHASH_SIZE]! === 0xffffffff || (signature[(bin + distance) % MINHASH_SIZE]! >>> BIN_SHIFT) !== 0) distance++;
        signature[bin] = ((distance << BIN_SHIFT) | signature[(bin + distance) % MINHASH_SIZE]!) >>> 0;
      }
    }
    docSamples.sort((a, b) => a - b);
    const start = this.sampleOffsets[doc]!;
    if (start + docSamples.length > this.samples.length) this.samples = grow(this.samples, Math.max(this.samples.length * 2, start + docSamples.length));
    this.samples.set(docSamples, start);
    this.sampleOffsets[doc + 1] = start + docSamples.length;
  }

  private addPassages(grams: { hi: Uint32Array; lo: Uint32Array }, successors: Uint32Array): void {
    const seen = this.scratch.reset(grams.hi.length * 2);
    const values = () => this.passages.values;
    for (let i = 0; i < grams.hi.length; i++) {
      const hi = grams.hi[i]!;
      if (hi >= this.passageThreshold) continue;
      const lo = grams.lo[i]!;
      const successor = successors[i]!;
      const newGram = seen.addIfNew(hi, lo);
      const newSuccessor = successor > 0 && seen.addIfNew(mix32(hi ^ Math.imul(successor, 0x9e3779b1)), lo ^ 0x5bd1e995);
      if (!newGram && !newSuccessor) continue;
      const base = this.passages.insert(hi, lo) * PASSAGE_VALUES;
      if (newGram) values()[base]!++;
      if (newSuccessor) recordSuccessor(values(), base, successor);
    }
    // Distinct sampling: halve the share of n-grams kept until they fit. The choice depends only
    // on the n-gram's hash, so a kept n-gram has been counted in every document since the first.
    while (this.passages.size > this.budget.maxPassageEntries) {
      this.passageThreshold /= 2;
      const threshold = this.passageThreshold;
      this.passages.prune((slot) => this.passages.keysHi[slot]! < threshold);
    }
  }

  /** Id of a word for successor lists (first spelling seen kept for fix texts); 0 when the vocabulary is full. */
  private wordId(token: Token, text: string): number {
    const known = this.wordIds.get(token.norm);
    if (known !== undefined) return known;
    if (this.words.length > this.budget.maxWords) return 0;
    const id = this.words.length;
    this.words.push(text.slice(token.start, token.end));
    this.wordIds.set(token.norm, id);
    return id;
  }

  private findPairs(): NearDuplicatePairs {
    const count = this.documentIds.length;
    const seen = new Set<number>();
    const first: number[] = [];
    const second: number[] = [];
    const jaccard: number[] = [];
    const firstInSecond: number[] = [];
    const secondInFirst: number[] = [];
    const consider = (a: number, b: number): void => {
      if (a === b) return;
      if (a > b) [a, b] = [b, a];
      const key = a * 0x4000000 + b;
      if (seen.has(key)) return;
      seen.add(key);
      const shared = this.sharedSamples(a, b);
      const aInB = shared / Math.max(this.sampleCount(a), 1);
      const bInA = shared / Math.max(this.sampleCount(b), 1);
      const similarity = this.estimateJaccard(a, b);
      if (similarity < PAIR_FLOOR && aInB < PAIR_FLOOR && bInA < PAIR_FLOOR) return;
      first.push(a);
      second.push(b);
      jaccard.push(similarity);
      firstInSecond.push(aInB);
      secondInFirst.push(bInA);
    };
    this.lshCandidates(count, consider);
    this.containmentCandidates(count, consider);
    return {
      first: Uint32Array.from(first),
      second: Uint32Array.from(second),
      jaccard: Float32Array.from(jaccard),
      firstInSecond: Float32Array.from(firstInSecond),
      secondInFirst: Float32Array.from(secondInFirst),
    };
  }

  private lshCandidates(count: number, consider: (a: number, b: number) => void): void {
    const bandKeys = new Uint32Array(count);
    for (let band = 0; band < LSH_BANDS; band++) {
      for (let doc = 0; doc < count; doc++) {
        let hash = band;
        for (let row = 0; row < LSH_ROWS; row++) hash = mix32(Math.imul(hash, 31) + this.signatures[doc * MINHASH_SIZE + band * LSH_ROWS + row]!);
        bandKeys[doc] = this.shingleCounts[doc] === 0 ? 0 : hash;
      }
      const order = Uint32Array.from({ length: count }, (_, i) => i).sort((x, y) => bandKeys[x]! - bandKeys[y]! || x - y);
      for (let i = 0; i < count; i++) {
        const doc = order[i]!;
        if (this.shingleCounts[doc] === 0) continue;
        for (let j = i + 1; j < count && j <= i + BUCKET_NEIGHBOURS && bandKeys[order[j]!] === bandKeys[doc]; j++) consider(doc, order[j]!);
      }
    }
  }

  /** For each document, counts shared sampled shingles per other document through an inverted list sorted by hash. */
  private containmentCandidates(count: number, consider: (a: number, b: number) => void): void {
    const total = this.sampleOffsets[count]!;
    const owner = new Uint32Array(total);
    for (let doc = 0; doc < count; doc++) owner.fill(doc, this.sampleOffsets[doc]!, this.sampleOffsets[doc + 1]!);
    const samples = this.samples;
    const order = Uint32Array.from({ length: total }, (_, i) => i).sort((x, y) => samples[x]! - samples[y]!);
    const sortedHashes = order.map((position) => samples[position]!);
    for (let doc = 0; doc < count; doc++) {
      const own = this.sampleCount(doc);
      if (own === 0) continue;
      const sharedWith = new Map<number, number>();
      for (let s = this.sampleOffsets[doc]!; s < this.sampleOffsets[doc + 1]!; s++) {
        const hash = samples[s]!;
        let from = lowerBound(sortedHashes, hash);
        let to = from;
        while (to < total && sortedHashes[to] === hash) to++;
        if (to - from > MAX_POSTING_LENGTH) continue;
        for (; from < to; from++) {
          const other = owner[order[from]!]!;
          if (other !== doc) sharedWith.set(other, (sharedWith.get(other) ?? 0) + 1);
        }
      }
      for (const [other, shared] of sharedWith) {
        if (shared / own >= PAIR_FLOOR || shared / Math.max(this.sampleCount(other), 1) >= PAIR_FLOOR) consider(doc, other);
      }
    }
  }

  private sampleCount(doc: number): number {
    return this.sampleOffsets[doc + 1]! - this.sampleOffsets[doc]!;
  }

  /** Shared sampled shingles of two documents: a merge of their sorted sample lists. */
  private sharedSamples(a: number, b: number): number {
    let i = this.sampleOffsets[a]!;
    let j = this.sampleOffsets[b]!;
    const endA = this.sampleOffsets[a + 1]!;
    const endB = this.sampleOffsets[b + 1]!;
    let shared = 0;
    while (i < endA && j < endB) {
      const x = this.samples[i]!;
      const y = this.samples[j]!;
      if (x === y) {
        shared++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return shared;
  }

  private estimateJaccard(a: number, b: number): number {
    let equal = 0;
    for (let k = 0; k < MINHASH_SIZE; k++) if (this.signatures[a * MINHASH_SIZE + k] === this.signatures[b * MINHASH_SIZE + k]) equal++;
    return equal / MINHASH_SIZE;
  }
}

/** Misra–Gries over SUCCESSOR_SLOTS counters: the heaviest successors survive. */
function recordSuccessor(values: Uint32Array, base: number, word: number): void {
  let free = -1;
  for (let s = 0; s < SUCCESSOR_SLOTS; s++) {
    const at = base + 1 + 2 * s;
    if (values[at] === word) {
      values[at + 1]!++;
      return;
    }
    if (values[at] === 0 && free < 0) free = at;
  }
  if (free >= 0) {
    values[free] = word;
    values[free + 1] = 1;
    return;
  }
  for (let s = 0; s < SUCCESSOR_SLOTS; s++) {
    const at = base + 1 + 2 * s;
    if (--values[at + 1]! === 0) values[at] = 0;
  }
}

function grow<T extends Uint32Array>(array: T, length: number): T {
  const grown = new Uint32Array(length);
  grown.set(array.subarray(0, Math.min(array.length, length)));
  return grown as T;
}

function lowerBound(sorted: Uint32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A per-document set of fingerprints, reused from one document to the next:
 * a generation stamp per slot replaces clearing, and no objects are made.
 */
class ScratchSet {
  private keysHi = new Uint32Array(1024);
  private keysLo = new Uint32Array(1024);
  private stamps = new Uint32Array(1024);
  private generation = 0;

  /** Empties the set, sized for up to `expected` members. */
  reset(expected: number): this {
    if (expected * 2 > this.keysHi.length) {
      let slots = this.keysHi.length;
      while (expected * 2 > slots) slots *= 2;
      this.keysHi = new Uint32Array(slots);
      this.keysLo = new Uint32Array(slots);
      this.stamps = new Uint32Array(slots);
      this.generation = 0;
    }
    this.generation++;
    return this;
  }

  /** Adds the key; false when it was already there. */
  addIfNew(hi: number, lo: number): boolean {
    const mask = this.keysHi.length - 1;
    let slot = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (;;) {
      if (this.stamps[slot] !== this.generation) {
        this.stamps[slot] = this.generation;
        this.keysHi[slot] = hi;
        this.keysLo[slot] = lo;
        return true;
      }
      if (this.keysHi[slot] === hi >>> 0 && this.keysLo[slot] === lo >>> 0) return false;
      slot = (slot + 1) & mask;
    }
  }
}
