/**
 * The index phase: reads every document once and keeps only compact
 * corpus-wide structures (never the texts), then `build()` finds the
 * near-duplicate candidate pairs. Limits and measured cost: ./README.md.
 */
import { siteOfDocument } from '../core/site.js';
import { siteDocumentsKey, siteFingerprint, siteLineKey } from './site.js';
import { BuiltCorpusIndex, PASSAGE_VALUES, SUCCESSOR_SLOTS, type NearDuplicatePairs } from './built-index.js';
import { CORPUS_PARTS, type CorpusPart } from '../core/corpus-index.js';
import {
  DocumentDigester,
  GRAM_FIELDS,
  GRAM_HI,
  GRAM_LO,
  GRAM_NEW,
  GRAM_SUCCESSOR,
  GRAM_SUCCESSOR_END,
  GRAM_SUCCESSOR_START,
  MINHASH_SIZE,
  type DocumentDigest,
} from './document-digest.js';
import { ChunkedUint32List } from './chunked-list.js';
import { FingerprintTable } from './fingerprint-table.js';
import { SeenFilter } from './seen-filter.js';
import { mix32, type Fingerprint } from '../core/text/tokens.js';
import { resized, sharedCopy } from '../core/typed-arrays.js';

/** LSH: 16 bands of 8 rows; a pair at Jaccard 0.8 becomes a candidate with probability 0.95, at 0.5 with 0.06. */
export const LSH_BANDS = 16;
const LSH_ROWS = MINHASH_SIZE / LSH_BANDS;
/** Pairs below both floors are not kept; rules choose their thresholds above them. */
const PAIR_FLOOR = 0.5;
/** A sampled shingle shared by more documents than this is template text, not evidence of copying. */
const MAX_POSTING_LENGTH = 64;
/** The sample list grows by a quarter, not by doubling: at 1 GB it is ≈ 100 MB, and build() holds it beside three arrays of its size. */
const SAMPLE_GROWTH = 1.25;
const LAST_OF_POSTING = 1;
const TEMPLATE_POSTING = 2;
/** Within one LSH bucket each document is compared with this many next ones; union-find links the rest. */
const BUCKET_NEIGHBOURS = 8;
/** Successor counts are packed three to a uint32, 10 bits each, saturating. */
const SUCCESSOR_COUNT_BITS = 10;
const SUCCESSOR_COUNT_MAX = (1 << SUCCESSOR_COUNT_BITS) - 1;

export interface CorpusIndexBudget {
  /** Passage n-grams seen in two or more documents, kept with exact counts; beyond it the index samples n-grams by hash. */
  maxPassageEntries: number;
  /** Bytes for the filter of n-grams seen once (index phase only); at the budget it is cleared and sampling halves. */
  maxSeenFilterBytes: number;
  /** Distinct template-line forms counted; beyond it the rarest are dropped (lossy counting). */
  maxLineEntries: number;
  /** Distinct successor words remembered (for the typo-variant fix text). */
  maxWords: number;
}

export const DEFAULT_BUDGET: CorpusIndexBudget = {
  maxPassageEntries: 1 << 22,
  maxSeenFilterBytes: 1 << 30,
  maxLineEntries: 1 << 20,
  maxWords: 1 << 20,
};

/** Slots of CorpusIndexBuilder.recentWords (64 KB). */
const RECENT_WORDS = 1 << 14;
/** A rough cost of one string or Map entry's bookkeeping in V8, for memoryUse(). */
const MAP_ENTRY_BYTES = 40;

export class CorpusIndexBuilder {
  /** The parts of the index built; the others stay empty. */
  readonly parts: readonly CorpusPart[];
  private readonly indexesLines: boolean;
  private readonly indexesNearDuplicates: boolean;
  private readonly indexesPassages: boolean;
  private readonly budget: CorpusIndexBudget;
  private readonly documentIds: string[] = [];
  private shingleCounts = new Uint32Array(1024);
  /** MINHASH_SIZE values per document, in chunks of 1024 documents (512 KB). */
  private readonly signatures = new ChunkedUint32List(1024 * MINHASH_SIZE);
  private sampleOffsets = new Uint32Array(1025);
  private samples = new Uint32Array(1 << 16);
  /** In shared memory (as `passages`): the built index hands them to the lint phase's worker threads as they are. */
  private readonly lines = new FingerprintTable(1, 1024, true);
  private lineFloor = 0;
  private passages = new FingerprintTable(PASSAGE_VALUES, 1024, true);
  private readonly seen: SeenFilter;
  private passageThreshold = 2 ** 32;
  /** Surface form of successor words, by word fingerprint (first spelling seen). */
  private readonly words = new Map<number, string>();
  /**
   * Fingerprints known to be in `words`, one per slot by their low bits: most
   * words met are common ones already stored, and a typed look-up spares the
   * Map's (its keys above 2^31 are heap numbers).
   */
  private readonly recentWords = new Uint32Array(RECENT_WORDS);
  /** Where passages.touch() leaves its result, so the loads are not optimised away. */
  private touched = 0;
  /** Digests documents added as text (`add`); worker threads make their own. */
  private readonly digester: DocumentDigester;

  constructor(budget: Partial<CorpusIndexBudget> = {}, parts: readonly CorpusPart[] = CORPUS_PARTS) {
    this.budget = { ...DEFAULT_BUDGET, ...budget };
    this.parts = CORPUS_PARTS.filter((part) => parts.includes(part));
    this.indexesLines = parts.includes('templateLines');
    this.indexesNearDuplicates = parts.includes('nearDuplicates');
    this.indexesPassages = parts.includes('passages');
    // Without passages the filter is never asked: its smallest layer instead of the first 2 MB.
    this.seen = new SeenFilter(this.indexesPassages ? this.budget.maxSeenFilterBytes : 0);
    this.digester = new DocumentDigester(this.parts);
  }

  add(documentId: string, text: string, site?: string): void {
    this.addDigest(documentId, this.digester.digest(text, this.passageThreshold), text, site);
  }

  /** The passage sampling threshold to make digests with now (see DocumentDigester.digest). */
  get digestThreshold(): number {
    return this.passageThreshold;
  }

  /** Adds a document from its digest (made on any thread); `text` is the one it was made from. */
  addDigest(documentId: string, digest: DocumentDigest, text: string, site = siteOfDocument(documentId)): void {
    const doc = this.documentIds.length;
    this.documentIds.push(documentId);
    this.reserve(doc + 1);
    if (this.indexesLines) {
      this.addLines(digest.lines);
      if (site !== undefined) this.addLines(siteLines(digest.lines, siteFingerprint(site)));
    }
    if (this.indexesNearDuplicates) this.addShingles(doc, digest);
    if (this.indexesPassages) this.addPassages(digest.grams, text);
  }

  /**
   * Bytes held now, by structure (typed arrays at their allocated size; JS
   * strings and Map entries estimated): what the index phase costs, for the
   * benchmark and the README's limits.
   */
  memoryUse(): Record<'perDocument' | 'seenFilter' | 'passages' | 'lines' | 'words', number> {
    const ids = this.documentIds.reduce((sum, id) => sum + id.length * 2 + MAP_ENTRY_BYTES, 0);
    return {
      perDocument: ids + this.shingleCounts.byteLength + this.signatures.byteLength + this.sampleOffsets.byteLength + this.samples.byteLength,
      seenFilter: this.seen.byteLength,
      passages: this.passages.byteLength,
      lines: this.lines.byteLength,
      words: [...this.words.values()].reduce((sum, word) => sum + word.length * 2 + MAP_ENTRY_BYTES, 0),
    };
  }

  /** The index, its arrays in shared memory (worker threads are sent `index.shareable`). */
  build(): BuiltCorpusIndex {
    const count = this.documentIds.length;
    const pairs = this.indexesNearDuplicates ? this.findPairs() : new PairList().toPairs();
    return new BuiltCorpusIndex({
      documentIds: this.documentIds.slice(),
      shingleCounts: sharedCopy(this.shingleCounts.subarray(0, count)),
      pairs: {
        first: sharedCopy(pairs.first),
        second: sharedCopy(pairs.second),
        jaccard: sharedCopy(pairs.jaccard),
        firstInSecond: sharedCopy(pairs.firstInSecond),
        secondInFirst: sharedCopy(pairs.secondInFirst),
      },
      lines: this.lines,
      lineFloor: this.lineFloor,
      passages: this.passages,
      passageThreshold: this.passageThreshold,
      words: new Map(this.words),
    });
  }

  private reserve(documents: number): void {
    if (documents <= this.shingleCounts.length) return;
    const grown = this.shingleCounts.length * 2;
    this.shingleCounts = resized(this.shingleCounts, grown);
    this.sampleOffsets = resized(this.sampleOffsets, grown + 1);
  }

  private addLines(fingerprints: Uint32Array): void {
    for (let i = 0; i < fingerprints.length; i += 2) {
      this.lines.cells[this.lines.valueIndex(this.lines.insert(fingerprints[i]!, fingerprints[i + 1]!))]!++;
    }
    // Lossy counting: when full, forget the lines seen in the fewest documents; a line first
    // seen again later can then be short by at most lineFloor documents.
    while (this.lines.size > this.budget.maxLineEntries) {
      this.lineFloor++;
      const floor = this.lineFloor;
      this.lines.prune((slot) => this.lines.cells[this.lines.valueIndex(slot)]! > floor);
    }
  }

  private addShingles(doc: number, digest: DocumentDigest): void {
    this.signatures.append(digest.signature);
    this.shingleCounts[doc] = digest.shingleCount;
    const start = this.sampleOffsets[doc]!;
    const end = start + digest.samples.length;
    if (end > this.samples.length) this.samples = resized(this.samples, Math.max(Math.ceil(this.samples.length * SAMPLE_GROWTH), end));
    this.samples.set(digest.samples, start);
    this.sampleOffsets[doc + 1] = end;
  }

  /**
   * Passage 4-grams: the first sighting only goes into the seen filter; from
   * the second document on, the n-gram gets an entry with its document count
   * and its heaviest next words. Most n-grams of a crawl occur once and so
   * cost the filter's two bytes, not an entry.
   */
  private addPassages(grams: Uint32Array, text: string): void {
    const passages = this.passages;
    this.touched ^= passages.touch(grams, GRAM_FIELDS, GRAM_HI);
    for (let at = 0; at < grams.length; at += GRAM_FIELDS) {
      const hi = grams[at + GRAM_HI]!;
      // Grams from a digest made before the threshold last fell (see DocumentDigester.digest).
      if (hi >= this.passageThreshold) continue;
      const lo = grams[at + GRAM_LO]!;
      const newGram = grams[at + GRAM_NEW] === 1;
      const successor = grams[at + GRAM_SUCCESSOR]!;
      let slot = passages.find(hi, lo);
      if (slot < 0) {
        // Not in the table: either never seen (remember it in the filter) or seen in one earlier document.
        if (!newGram || !this.seenBefore(hi, lo)) continue;
        slot = passages.insert(hi, lo);
        passages.cells[passages.valueIndex(slot)] = 1;
      }
      const cells = passages.cells;
      const base = passages.valueIndex(slot);
      if (newGram) cells[base]!++;
      if (successor !== 0 && recordSuccessor(cells, base, successor)) {
        this.rememberWord(successor, text, grams[at + GRAM_SUCCESSOR_START]!, grams[at + GRAM_SUCCESSOR_END]!);
      }
    }
    // Distinct sampling: halve the share of n-grams kept until they fit. The choice depends only
    // on the n-gram's hash, so a kept n-gram has been counted in every document since the first.
    while (this.passages.size > this.budget.maxPassageEntries) this.halvePassageSampling();
  }

  private seenBefore(hi: number, lo: number): boolean {
    const seen = this.seen.testAndAdd(hi, lo);
    if (this.seen.full) {
      // The filter is at its budget: clear it and keep half the n-grams from now on. An n-gram
      // kept whose first copy came before the clear is counted from its second copy after it.
      this.seen.clear();
      this.halvePassageSampling();
    }
    return seen;
  }

  private halvePassageSampling(): void {
    this.passageThreshold /= 2;
    const threshold = this.passageThreshold;
    this.passages.prune((slot) => this.passages.keyHi(slot) < threshold);
  }

  private rememberWord(fingerprint: number, text: string, start: number, end: number): void {
    const recent = fingerprint & (RECENT_WORDS - 1);
    if (this.recentWords[recent] === fingerprint) return;
    if (!this.words.has(fingerprint)) {
      if (this.words.size >= this.budget.maxWords) return;
      this.words.set(fingerprint, text.slice(start, end));
    }
    this.recentWords[recent] = fingerprint;
  }

  private findPairs(): NearDuplicatePairs {
    const count = this.documentIds.length;
    // Candidate pairs repeat across LSH bands and containment postings; each is judged once.
    // A typed table (16-32 bytes a pair) rather than a Set of numbers above 2^31 (heap numbers,
    // several times that): a crawl of copies yields millions of candidates.
    const judged = new FingerprintTable(0);
    const pairs = new PairList();
    const consider = (a: number, b: number): void => {
      if (a === b) return;
      if (a > b) [a, b] = [b, a];
      const sizeBefore = judged.size;
      judged.insert(a, b * 2 + 1);
      if (judged.size === sizeBefore) return;
      const shared = this.sharedSamples(a, b);
      const similarity = this.estimateJaccard(a, b);
      // Two independent estimates of each containment, averaged (about 0.7 of either's error):
      // the share of sampled shingles found in the other, and the one implied by the MinHash
      // Jaccard and the two shingle counts (|A ∩ B| = J (|A| + |B|) / (1 + J)).
      const common = (similarity * (this.shingleCounts[a]! + this.shingleCounts[b]!)) / (1 + similarity);
      const aInB = (shared / Math.max(this.sampleCount(a), 1) + Math.min(common / Math.max(this.shingleCounts[a]!, 1), 1)) / 2;
      const bInA = (shared / Math.max(this.sampleCount(b), 1) + Math.min(common / Math.max(this.shingleCounts[b]!, 1), 1)) / 2;
      if (similarity < PAIR_FLOOR && aInB < PAIR_FLOOR && bInA < PAIR_FLOOR) return;
      pairs.push(a, b, similarity, aInB, bInA);
    };
    this.lshCandidates(count, consider);
    this.containmentCandidates(count, consider);
    return pairs.toPairs();
  }

  private lshCandidates(count: number, consider: (a: number, b: number) => void): void {
    const bandKeys = new Uint32Array(count);
    for (let band = 0; band < LSH_BANDS; band++) {
      for (let doc = 0; doc < count; doc++) {
        let hash = band;
        const at = doc * MINHASH_SIZE + band * LSH_ROWS;
        const chunk = this.signatures.chunkOf(at);
        const offset = at & this.signatures.chunkMask;
        for (let row = 0; row < LSH_ROWS; row++) hash = mix32(Math.imul(hash, 31) + chunk[offset + row]!);
        bandKeys[doc] = this.shingleCounts[doc] === 0 ? 0 : hash;
      }
      const order = orderByKey(bandKeys);
      for (let i = 0; i < count; i++) {
        const doc = order[i]!;
        if (this.shingleCounts[doc] === 0) continue;
        for (let j = i + 1; j < count && j <= i + BUCKET_NEIGHBOURS && bandKeys[order[j]!] === bandKeys[doc]; j++) consider(doc, order[j]!);
      }
    }
  }

  /**
   * For each document, counts shared sampled shingles per later document
   * through an inverted list sorted by hash. Counters are a typed array reset
   * through the list of documents touched, visited in first-touch order.
   *
   * Only later documents are counted: the shared count and the test on it
   * are symmetric, so a pair met again from its second document would only
   * be judged a second time (consider() skips it), and the order in which
   * new pairs are met is the same. That halves the counting.
   */
  private containmentCandidates(count: number, consider: (a: number, b: number) => void): void {
    const total = this.sampleOffsets[count]!;
    const samples = this.samples;
    // At 1 GB each of these arrays is about 100 MB, and build() is the index phase's peak: the
    // sort's scratch and its result are reused for what follows instead of allocating more.
    const scratch = new Uint32Array(total);
    const order = orderByKey(samples.subarray(0, total), scratch);
    // Each sorted sample's posting marks: the last of its posting, or in a posting too long to be
    // evidence (template text). A byte a sample where an array of posting ends took four.
    const marks = new Uint8Array(total);
    for (let k = 0; k < total; k++) {
      if (k === total - 1 || samples[order[k]!]! !== samples[order[k + 1]!]!) marks[k] = LAST_OF_POSTING;
    }
    for (let start = 0; start < total; ) {
      let end = start;
      while ((marks[end]! & LAST_OF_POSTING) === 0) end++;
      end++;
      if (end - start > MAX_POSTING_LENGTH) for (let k = start; k < end; k++) marks[k]! |= TEMPLATE_POSTING;
      start = end;
    }
    // Where each sample sits in hash order (`order` inverted), then the document of each sorted
    // sample written over `order` itself: each sample's own slot is the only one it fills, so no
    // third array is needed (in document order within a posting, the sort being stable).
    const rank = scratch;
    for (let k = 0; k < total; k++) rank[order[k]!] = k;
    const postingDoc = order;
    for (let doc = 0; doc < count; doc++) {
      for (let s = this.sampleOffsets[doc]!; s < this.sampleOffsets[doc + 1]!; s++) postingDoc[rank[s]!] = doc;
    }
    const sharedWith = new Uint32Array(count);
    const touched = new Uint32Array(count);
    for (let doc = 0; doc < count; doc++) {
      const own = this.sampleCount(doc);
      if (own === 0) continue;
      let touchedCount = 0;
      for (let s = this.sampleOffsets[doc]!; s < this.sampleOffsets[doc + 1]!; s++) {
        const k = rank[s]!;
        if ((marks[k]! & TEMPLATE_POSTING) !== 0) continue;
        for (let at = k; (marks[at]! & LAST_OF_POSTING) === 0; ) {
          const other = postingDoc[++at]!;
          // A hash sampled twice in one document (two shingles, one 32-bit hash) sits beside itself.
          if (other === doc) continue;
          if (sharedWith[other]!++ === 0) touched[touchedCount++] = other;
        }
      }
      for (let t = 0; t < touchedCount; t++) {
        const other = touched[t]!;
        const shared = sharedWith[other]!;
        sharedWith[other] = 0;
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
    // A signature never straddles two chunks (MINHASH_SIZE divides the chunk length).
    const { signatures } = this;
    const first = signatures.chunkOf(a * MINHASH_SIZE);
    const second = signatures.chunkOf(b * MINHASH_SIZE);
    const firstAt = (a * MINHASH_SIZE) & signatures.chunkMask;
    const secondAt = (b * MINHASH_SIZE) & signatures.chunkMask;
    for (let k = 0; k < MINHASH_SIZE; k++) if (first[firstAt + k] === second[secondAt + k]) equal++;
    return equal / MINHASH_SIZE;
  }
}

/**
 * Misra–Gries over SUCCESSOR_SLOTS counters (word fingerprint, then the
 * counts packed in one uint32): the heaviest successors survive. True when
 * the word took a slot (its surface form is then worth remembering).
 */
function recordSuccessor(values: Uint32Array, base: number, word: number): boolean {
  const countsAt = base + 1 + SUCCESSOR_SLOTS;
  let counts = values[countsAt]!;
  let free = -1;
  for (let s = 0; s < SUCCESSOR_SLOTS; s++) {
    const shift = s * SUCCESSOR_COUNT_BITS;
    if (values[base + 1 + s] === word) {
      if (((counts >>> shift) & SUCCESSOR_COUNT_MAX) < SUCCESSOR_COUNT_MAX) values[countsAt] = counts + (1 << shift);
      return false;
    }
    if (values[base + 1 + s] === 0 && free < 0) free = s;
  }
  if (free >= 0) {
    values[base + 1 + free] = word;
    values[countsAt] = (counts & ~(SUCCESSOR_COUNT_MAX << (free * SUCCESSOR_COUNT_BITS))) | (1 << (free * SUCCESSOR_COUNT_BITS));
    return true;
  }
  for (let s = 0; s < SUCCESSOR_SLOTS; s++) {
    const shift = s * SUCCESSOR_COUNT_BITS;
    const count = ((counts >>> shift) & SUCCESSOR_COUNT_MAX) - 1;
    counts = (counts & ~(SUCCESSOR_COUNT_MAX << shift)) | (count << shift);
    if (count === 0) values[base + 1 + s] = 0;
  }
  values[countsAt] = counts >>> 0;
  return false;
}

/**
 * Indices 0..keys.length-1 ordered by key, ties in index order: a radix sort
 * (linear time, no comparator calls) on 16-bit digits, or on 8-bit ones for
 * fewer keys than a 16-bit digit has buckets (the LSH bands of a small corpus),
 * where clearing and summing 65,536 counters per pass would be most of the work.
 */
function orderByKey(keys: Uint32Array, scratch = new Uint32Array(keys.length)): Uint32Array {
  const n = keys.length;
  const digitBits = n < 1 << 16 ? 8 : 16;
  const digitMask = (1 << digitBits) - 1;
  let order = new Uint32Array(n);
  // An even number of passes swaps the buffers back, so `scratch` is free again when the order is returned.
  let next = scratch;
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(1 << digitBits);
  for (let shift = 0; shift < 32; shift += digitBits) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & digitMask]!++;
    let sum = 0;
    for (let b = 0; b < counts.length; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const index = order[i]!;
      next[counts[(keys[index]! >>> shift) & digitMask]!++] = index;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** Near-duplicate pairs as they are found, in growing typed arrays (a JS number array costs 8 bytes an element and more). */
class PairList {
  private length = 0;
  private ids = new Uint32Array(2048);
  private similarities = new Float32Array(3072);

  push(first: number, second: number, jaccard: number, firstInSecond: number, secondInFirst: number): void {
    if (this.length * 2 === this.ids.length) {
      this.ids = resized(this.ids, this.ids.length * 2);
      const similarities = new Float32Array(this.similarities.length * 2);
      similarities.set(this.similarities);
      this.similarities = similarities;
    }
    this.ids[this.length * 2] = first;
    this.ids[this.length * 2 + 1] = second;
    this.similarities[this.length * 3] = jaccard;
    this.similarities[this.length * 3 + 1] = firstInSecond;
    this.similarities[this.length * 3 + 2] = secondInFirst;
    this.length++;
  }

  toPairs(): NearDuplicatePairs {
    const n = this.length;
    const pick = <T extends Uint32Array | Float32Array>(from: T, stride: number, offset: number, into: T): T => {
      for (let i = 0; i < n; i++) into[i] = from[i * stride + offset]!;
      return into;
    };
    return {
      first: pick(this.ids, 2, 0, new Uint32Array(n)),
      second: pick(this.ids, 2, 1, new Uint32Array(n)),
      jaccard: pick(this.similarities, 3, 0, new Float32Array(n)),
      firstInSecond: pick(this.similarities, 3, 1, new Float32Array(n)),
      secondInFirst: pick(this.similarities, 3, 2, new Float32Array(n)),
    };
  }
}


/** A document's template-line fingerprints keyed within its site, and the key that counts the site's documents. */
function siteLines(lines: Uint32Array, site: Fingerprint): Uint32Array {
  const keyed = new Uint32Array(lines.length + 2);
  for (let i = 0; i < lines.length; i += 2) {
    const key = siteLineKey({ hi: lines[i]!, lo: lines[i + 1]! }, site);
    keyed[i] = key.hi;
    keyed[i + 1] = key.lo;
  }
  const documents = siteDocumentsKey(site);
  keyed[lines.length] = documents.hi;
  keyed[lines.length + 1] = documents.lo;
  return keyed;
}
