/**
 * The cross-document index rules query during the lint phase.
 * Built once per run from every document (see the corpus issue); empty for now.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface CorpusIndex {}
