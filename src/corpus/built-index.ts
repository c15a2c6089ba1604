/**
 * The corpus index as the lint phase sees it: compact typed arrays built by
 * CorpusIndexBuilder (or read back by deserializeCorpusIndex), and the
 * queries rules make of them. No document text is kept.
 */
import { siteDocumentsKey, siteFingerprint, siteLineKey } from './site.js';
import type {
  CorpusIndex,
  NearDuplicateMatch,
  NearDuplicateThresholds,
  PassageVariant,
  ScannedWords,
} from '../core/corpus-index.js';
import { FingerprintTable, type ShareableTable } from './fingerprint-table.js';
import { templateLineFingerprint } from './template-lines.js';
import { concatWords, ngramHi, ngramLo, normalizeWord, WordScanner, type Fingerprint } from '../core/text/tokens.js';

/** Words per passage n-gram: long enough to be specific to a passage, short enough to anchor next to a one-word edit. */
export const PASSAGE_WORDS = 4;
/** A typo variant is a gap of at most this many words between two shared anchors. */
export const MAX_GAP_WORDS = 3;
/** Successor words remembered per passage n-gram (heaviest kept, Misra–Gries). */
export const SUCCESSOR_SLOTS = 3;
/** Values per passage-table entry: document count, the successor slots' word fingerprints, their counts packed in one. */
export const PASSAGE_VALUES = 1 + SUCCESSOR_SLOTS + 1;
/**
 * Near-duplicate messages list at most this many cluster members. Every
 * member's message carries the list, so a crawl's clusters of thousands of
 * copies would repeat it thousands of times (at 50, a third of a 1 GB run's
 * JSON report); `clusterSize` and `keep` describe the rest.
 */
export const CLUSTER_LISTING_LIMIT = 10;

/** Candidate near-duplicate pairs, found at build time with lenient floors so thresholds can be chosen at lint time. */
export interface NearDuplicatePairs {
  first: Uint32Array;
  second: Uint32Array;
  jaccard: Float32Array;
  /** Share of the first document's sampled shingles found in the second, and the reverse. */
  firstInSecond: Float32Array;
  secondInFirst: Float32Array;
}

export interface CorpusIndexData {
  documentIds: string[];
  /** Distinct 5-word shingles per document. */
  shingleCounts: Uint32Array;
  pairs: NearDuplicatePairs;
  lines: FingerprintTable;
  /** Lines seen in at most this many documents may have been dropped when the line table was full. */
  lineFloor: number;
  passages: FingerprintTable;
  /** Only passage n-grams whose fingerprint's high half is below this are indexed (2^32: all). */
  passageThreshold: number;
  /** Surface form of successor words by word fingerprint (first spelling seen; capped, so some are missing). */
  words: Map<number, string>;
}

interface Cluster {
  members: number[];
}

interface Resolved {
  partner: Int32Array;
  similarity: Float32Array;
  measure: Uint8Array;
  /** The document each one's partner chain ends at. */
  keep: Int32Array;
  clusterOf: Int32Array;
  clusters: Cluster[];
}

/**
 * The index as plain data for worker threads (structured clone): its tables
 * and arrays live on SharedArrayBuffers when it was read back with
 * deserializeCorpusIndex, so every thread reads one copy.
 */
export interface ShareableCorpusIndex extends Omit<CorpusIndexData, 'lines' | 'passages'> {
  lines: ShareableTable;
  passages: ShareableTable;
}

export class BuiltCorpusIndex implements CorpusIndex {
  readonly data: CorpusIndexData;
  private readonly documentNumbers = new Map<string, number>();
  private readonly resolvedByThresholds = new Map<string, Resolved>();
  /** The linted document's words and 4-gram counts (passageVariants), reused from one document to the next. */
  private readonly scanner = new WordScanner();
  private gramCounts = new Int32Array(4096);
  /** The linted document's n-gram keys (hi, lo), read ahead of their look-ups (FingerprintTable.touch). */
  private gramKeys = new Uint32Array(8192);
  /** Where touch() leaves its result, so the loads are not optimised away. */
  private touched = 0;

  constructor(data: CorpusIndexData) {
    this.data = data;
    data.documentIds.forEach((id, index) => this.documentNumbers.set(id, index));
  }

  static fromShareable(shareable: ShareableCorpusIndex): BuiltCorpusIndex {
    return new BuiltCorpusIndex({ ...shareable, lines: FingerprintTable.over(shareable.lines), passages: FingerprintTable.over(shareable.passages) });
  }

  get shareable(): ShareableCorpusIndex {
    return { ...this.data, lines: this.data.lines.shareable, passages: this.data.passages.shareable };
  }

  get documentCount(): number {
    return this.data.documentIds.length;
  }

  lineDocumentCount(lineText: string): number {
    const fingerprint = templateLineFingerprint(lineText);
    return fingerprint === undefined ? 0 : this.lineCount(fingerprint);
  }

  siteLineDocumentCount(site: string, lineText: string): number {
    const fingerprint = templateLineFingerprint(lineText);
    return fingerprint === undefined ? 0 : this.lineCount(siteLineKey(fingerprint, siteFingerprint(site)));
  }

  siteDocumentCount(site: string): number {
    return this.lineCount(siteDocumentsKey(siteFingerprint(site)));
  }

  private lineCount({ hi, lo }: Fingerprint): number {
    const { lines } = this.data;
    const slot = lines.find(hi, lo);
    return slot < 0 ? 0 : lines.cells[lines.valueIndex(slot)]!;
  }

  nearDuplicateOf(documentId: string, thresholds: NearDuplicateThresholds): NearDuplicateMatch | undefined {
    const doc = this.documentNumbers.get(documentId);
    if (doc === undefined) return undefined;
    const resolved = this.resolve(thresholds);
    const partner = resolved.partner[doc]!;
    if (partner < 0) return undefined;
    const cluster = resolved.clusters[resolved.clusterOf[doc]!]!;
    const keep = resolved.keep[doc]!;
    const ids = this.data.documentIds;
    // Only the listed head of the cluster is touched: a cluster of a web crawl can hold a
    // hundred thousand copies, and copying it for each of them made the query quadratic.
    const listed = [keep, ...cluster.members.slice(0, CLUSTER_LISTING_LIMIT).filter((member) => member !== keep)];
    return {
      partner: ids[partner]!,
      keep: ids[keep]!,
      measure: resolved.measure[doc] === 1 ? 'containment' : 'jaccard',
      similarity: resolved.similarity[doc]!,
      cluster: listed.slice(0, CLUSTER_LISTING_LIMIT).map((member) => ids[member]!),
      clusterSize: cluster.members.length,
    };
  }

  /**
   * Clusters are the connected components of the pairs that pass the
   * thresholds; each document's partner is its most similar qualifying pair.
   */
  private resolve(thresholds: NearDuplicateThresholds): Resolved {
    const key = `${thresholds.jaccard}/${thresholds.containment}/${thresholds.minShingles}`;
    const cached = this.resolvedByThresholds.get(key);
    if (cached) return cached;
    const count = this.documentCount;
    const { pairs, shingleCounts } = this.data;
    const parent = new Int32Array(count).map((_, index) => index);
    const find = (x: number): number => {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]!]!;
        x = parent[x]!;
      }
      return x;
    };
    const partner = new Int32Array(count).fill(-1);
    const similarity = new Float32Array(count);
    const measure = new Uint8Array(count);
    const linked = new Uint8Array(count);
    // A document points only at a copy it should give way to (longer, or as long and indexed
    // first), so following partners always ends at a document to keep.
    const prefers = (other: number, doc: number): boolean =>
      shingleCounts[other]! > shingleCounts[doc]! || (shingleCounts[other] === shingleCounts[doc] && other < doc);
    const offer = (doc: number, other: number, value: number, kind: number): void => {
      if (prefers(other, doc) && value > similarity[doc]!) {
        similarity[doc] = value;
        partner[doc] = other;
        measure[doc] = kind;
      }
    };
    for (let p = 0; p < pairs.first.length; p++) {
      const a = pairs.first[p]!;
      const b = pairs.second[p]!;
      if (shingleCounts[a]! < thresholds.minShingles || shingleCounts[b]! < thresholds.minShingles) continue;
      const jaccard = pairs.jaccard[p]!;
      const aInB = pairs.firstInSecond[p]!;
      const bInA = pairs.secondInFirst[p]!;
      let pairLinked = false;
      if (jaccard >= thresholds.jaccard) {
        offer(a, b, jaccard, 0);
        offer(b, a, jaccard, 0);
        pairLinked = true;
      }
      if (aInB >= thresholds.containment) {
        offer(a, b, aInB, 1);
        pairLinked = pairLinked || prefers(b, a);
      }
      if (bInA >= thresholds.containment) {
        offer(b, a, bInA, 1);
        pairLinked = pairLinked || prefers(a, b);
      }
      if (!pairLinked) continue;
      linked[a] = 1;
      linked[b] = 1;
      parent[find(a)] = find(b);
    }
    const keep = new Int32Array(count).fill(-1);
    const keepOf = (doc: number): number => {
      const chain: number[] = [];
      let at = doc;
      while (keep[at]! < 0 && partner[at]! >= 0) {
        chain.push(at);
        at = partner[at]!;
      }
      const kept = keep[at]! >= 0 ? keep[at]! : at;
      for (const member of chain) keep[member] = kept;
      keep[at] = kept;
      return kept;
    };
    const clusterOf = new Int32Array(count).fill(-1);
    const clusters: Cluster[] = [];
    const clusterOfRoot = new Map<number, number>();
    for (let doc = 0; doc < count; doc++) {
      if (linked[doc] === 0) continue;
      keepOf(doc);
      const root = find(doc);
      let index = clusterOfRoot.get(root);
      if (index === undefined) {
        index = clusters.length;
        clusterOfRoot.set(root, index);
        clusters.push({ members: [] });
      }
      clusters[index]!.members.push(doc);
      clusterOf[doc] = index;
    }
    const resolved = { partner, similarity, measure, keep, clusterOf, clusters };
    this.resolvedByThresholds.set(key, resolved);
    return resolved;
  }

  /** Document count of a passage n-gram; -1 when sampling left it out of the index. */
  private passageCount(hi: number, lo: number): number {
    if (hi >= this.data.passageThreshold) return -1;
    const { passages } = this.data;
    const slot = passages.find(hi, lo);
    return slot < 0 ? 0 : passages.cells[passages.valueIndex(slot)]!;
  }

  private successors(hi: number, lo: number): number[] {
    const { passages } = this.data;
    const slot = passages.find(hi, lo);
    if (slot < 0) return [];
    const base = passages.valueIndex(slot);
    const found: number[] = [];
    for (let s = 0; s < SUCCESSOR_SLOTS; s++) {
      const word = passages.cells[base + 1 + s]!;
      if (word !== 0 && this.data.words.has(word)) found.push(word);
    }
    return found;
  }

  /**
   * Finds gaps of up to MAX_GAP_WORDS words whose n-grams other documents do
   * not share, between a left and a right anchor n-gram that at least
   * `minAgreeing` other documents do share; then asks the index what those
   * documents put between the anchors (the successors of the left anchor,
   * chained, checked by the document counts of every n-gram that bridges the
   * gap). Returns the best-supported wording for each gap.
   */
  passageVariants(text: string, _documentId: string | undefined, minAgreeing = 2, scanned?: ScannedWords): PassageVariant[] {
    const { count: wordCount, hashes, starts, ends } = scanned ?? this.scan(text);
    const words = hashes.subarray(0, wordCount);
    const grams = Math.max(wordCount - PASSAGE_WORDS + 1, 0);
    if (this.gramCounts.length < grams) {
      this.gramCounts = new Int32Array(grams * 2);
      this.gramKeys = new Uint32Array(grams * 4);
    }
    const counts = this.gramCounts;
    const keys = this.gramKeys;
    for (let i = 0; i < grams; i++) {
      keys[2 * i] = ngramHi(words, i, PASSAGE_WORDS);
      keys[2 * i + 1] = ngramLo(words, i, PASSAGE_WORDS);
    }
    this.touched ^= this.data.passages.touch(keys.subarray(0, 2 * grams), 2, 0);
    for (let i = 0; i < grams; i++) counts[i] = this.passageCount(keys[2 * i]!, keys[2 * i + 1]!);
    const shared = (i: number): boolean => counts[i]! >= 1 + minAgreeing;
    const variants: PassageVariant[] = [];
    for (let left = 0; left + 1 < grams; left++) {
      if (!shared(left) || counts[left + 1]! < 0 || shared(left + 1)) continue;
      const gapStart = left + PASSAGE_WORDS;
      let right = left + 2;
      while (right < grams && right <= gapStart + MAX_GAP_WORDS && !shared(right)) right++;
      if (right < gapStart || right > gapStart + MAX_GAP_WORDS || right >= grams) continue;
      const variant = this.variantBetween(text, { words, starts, ends }, left, gapStart, right, minAgreeing);
      if (variant) variants.push(variant);
      left = right - 1;
    }
    return variants;
  }

  private scan(text: string): ScannedWords {
    const count = this.scanner.scan(text);
    return { count, hashes: this.scanner.hashes, starts: this.scanner.starts, ends: this.scanner.ends };
  }

  /** `words`, `starts` and `ends`: the fingerprints and offsets of `text`'s words. */
  private variantBetween(
    text: string,
    { words, starts, ends }: { words: Uint32Array; starts: Uint32Array; ends: Uint32Array },
    left: number,
    gapStart: number,
    right: number,
    minAgreeing: number,
  ): PassageVariant | undefined {
    const leftWords = words.subarray(left, gapStart);
    const rightWords = words.subarray(right, right + PASSAGE_WORDS);
    const ownWords = words.subarray(gapStart, right);
    const ownSupport = this.bridgeSupport(leftWords, ownWords, rightWords);
    let best: { ids: number[]; support: number } | undefined;
    const consider = (ids: number[]): void => {
      const gapWords = Uint32Array.from(ids);
      if (sameWords(gapWords, ownWords)) return;
      const support = this.bridgeSupport(leftWords, gapWords, rightWords);
      if (support > (best?.support ?? 0)) best = { ids, support };
    };
    const extend = (ids: number[], tail: Uint32Array): void => {
      consider(ids);
      if (ids.length === MAX_GAP_WORDS) return;
      for (const next of this.successors(ngramHi(tail, 0, PASSAGE_WORDS), ngramLo(tail, 0, PASSAGE_WORDS))) {
        const nextTail = concatWords(tail.subarray(1, PASSAGE_WORDS), Uint32Array.of(next));
        if (this.passageCount(ngramHi(nextTail, 0, PASSAGE_WORDS), ngramLo(nextTail, 0, PASSAGE_WORDS)) < minAgreeing) continue;
        extend([...ids, next], nextTail);
      }
    };
    extend([], leftWords);
    if (!best || best.support < minAgreeing) return undefined;
    const anchorEnd = ends[gapStart - 1]!;
    const anchorStart = starts[right]!;
    const own: string[] = [];
    const ownStarts: number[] = [];
    for (let word = gapStart; word < right; word++) {
      own.push(text.slice(starts[word]!, ends[word]!));
      ownStarts.push(starts[word]!);
    }
    const majority = best.ids.map((id) => this.data.words.get(id)!);
    return {
      start: right > gapStart ? starts[gapStart]! : anchorEnd,
      end: right > gapStart ? ends[right - 1]! : anchorEnd,
      own,
      ownStarts,
      majority,
      ownNorm: own.map(normalizeWord),
      majorityNorm: best.ids.map((id) => this.normOf(id)),
      majorityDocuments: best.support,
      ownDocuments: Math.max(ownSupport - 1, 0),
      anchorEnd,
      anchorStart,
    };
  }

  /** Documents holding left + gap + right: the least document count of the n-grams that cross the gap (unknown ones skipped). */
  private bridgeSupport(leftWords: Uint32Array, gapWords: Uint32Array, rightWords: Uint32Array): number {
    const bridge = concatWords(leftWords, gapWords, rightWords);
    const grams = bridge.length - PASSAGE_WORDS + 1;
    let least = Number.POSITIVE_INFINITY;
    for (let i = 1; i < grams - 1; i++) {
      const count = this.passageCount(ngramHi(bridge, i, PASSAGE_WORDS), ngramLo(bridge, i, PASSAGE_WORDS));
      if (count >= 0) least = Math.min(least, count);
    }
    return Number.isFinite(least) ? least : 0;
  }

  private normOf(fingerprint: number): string {
    return normalizeWord(this.data.words.get(fingerprint)!);
  }
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}
