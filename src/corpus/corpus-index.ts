/**
 * The cross-document index rules query during the lint phase. It is built in
 * a first pass over every document (CorpusIndexBuilder.add), then handed to
 * the lint phase (and to worker threads, so it must serialize compactly).
 */
export interface CorpusIndex {
  /** How many documents were indexed. */
  readonly documentCount: number;
  /**
   * In how many documents this line occurs, after normalising case, white
   * space, numbers and dates (capped; 0 when unknown). Feeds no-site-chrome's
   * template-text signal.
   */
  lineDocumentCount(lineText: string): number;
}
