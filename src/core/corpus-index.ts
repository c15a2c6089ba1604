/**
 * The cross-document index rules query during the lint phase. It is built in
 * a first pass over every document (CorpusIndexBuilder.add), then handed to
 * the lint phase (and to worker threads, so it must serialize compactly).
 * Limits and measured cost: src/corpus/README.md.
 */
import type { DocumentWords } from './text/document-words.js';

/**
 * The parts of the index, each built only when an enabled rule reads it
 * (`meta.usesCorpus`): the index phase's work is mostly per part, and a
 * part not built costs nothing. `documentCount` is always there.
 * - `templateLines`: `lineDocumentCount`, `siteLineDocumentCount`, `siteDocumentCount`.
 * - `nearDuplicates`: `nearDuplicateOf`.
 * - `passages`: `passageVariants`.
 * A part not built answers as a corpus without such text would: 0, undefined, [].
 */
export type CorpusPart = 'templateLines' | 'nearDuplicates' | 'passages';
export const CORPUS_PARTS: readonly CorpusPart[] = ['templateLines', 'nearDuplicates', 'passages'];

/** A text's words: fingerprints and offsets, as tokens.ts cuts them. */
export type ScannedWords = Pick<DocumentWords, 'count' | 'hashes' | 'starts' | 'ends'>;

export interface CorpusIndex {
  /** How many documents were indexed. */
  readonly documentCount: number;
  /**
   * In how many documents this line occurs, after normalising case, white
   * space, numbers and dates (capped; 0 when unknown). Feeds no-site-chrome's
   * template-text signal.
   */
  lineDocumentCount(lineText: string): number;
  /** The same among the documents of one site (see siteOfDocument), when the index counts sites. */
  siteLineDocumentCount?(site: string, lineText: string): number;
  /** How many documents of this site were indexed. */
  siteDocumentCount?(site: string): number;
  /** The near-duplicate finding for a document, or undefined when it is the copy to keep or has none. */
  nearDuplicateOf(documentId: string, thresholds: NearDuplicateThresholds): NearDuplicateMatch | undefined;
  /**
   * Places where this text departs by a few words from a passage that other
   * documents share word for word, with what those documents say instead.
   * `minAgreeing`: other documents that must share the anchors on both sides (default 2).
   * `words`: the text's words as the index cuts them (`documentWords`), when the caller has them; else the text is scanned.
   */
  passageVariants(text: string, documentId: string | undefined, minAgreeing?: number, words?: ScannedWords): PassageVariant[];
}

export interface NearDuplicateThresholds {
  /** Estimated Jaccard similarity of the two files' 5-word shingle sets, 0–1. */
  jaccard: number;
  /** Share of the shorter file's sampled shingles found in the other, 0–1. */
  containment: number;
  /** Files with fewer distinct shingles are too short to call copies. */
  minShingles: number;
}

export interface NearDuplicateMatch {
  /** The document this one matched most closely. */
  partner: string;
  /** The document of the cluster to keep (the longest; the first indexed on a tie). */
  keep: string;
  measure: 'jaccard' | 'containment';
  /** 0–1, of `measure`. */
  similarity: number;
  /** Every member of the cluster, keep first (at most CLUSTER_LISTING_LIMIT ids). */
  cluster: string[];
  clusterSize: number;
}

export interface PassageVariant {
  /** Offsets of this document's differing words (start === end for a dropped word). */
  start: number;
  end: number;
  /** This document's words in the gap, as written (empty when it dropped words). */
  own: string[];
  /** Start offset of each of `own`'s words. */
  ownStarts: number[];
  /** What the other copies say in the gap, as first indexed (empty when they lack the words). */
  majority: string[];
  /** The gap's words in comparison form. */
  ownNorm: string[];
  majorityNorm: string[];
  /** Documents (other than this one) with the majority wording, and with this one's wording. */
  majorityDocuments: number;
  ownDocuments: number;
  /** End of the last anchor word before the gap and start of the first after it. */
  anchorEnd: number;
  anchorStart: number;
}
