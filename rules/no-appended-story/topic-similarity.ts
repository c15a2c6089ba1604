/** How much two stretches of a document share: cosine of log-scaled topic-word counts. */

/**
 * Extra count given to the headline's and lead's words on the article's side,
 * as a reader weighs them: a story about something else shares none of them.
 */
const HEADLINE_LEAD_WEIGHT = 3;

/** Word counts of a stretch of the document, with its distinct words in order of first use. */
export class WordCounts {
  readonly counts: Int32Array;
  readonly distinct: number[] = [];

  constructor(words: readonly number[], from: number, to: number, vocabularySize: number) {
    this.counts = new Int32Array(vocabularySize);
    for (let i = from; i < to; i++) {
      const word = words[i]!;
      if (this.counts[word] === 0) this.distinct.push(word);
      this.counts[word]! += 1;
    }
  }
}

/** Sums in order of first use, as the string maps this replaced did, so the figures are the same to the last bit. */
export function cosine(a: WordCounts, b: WordCounts): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const word of a.distinct) {
    const count = a.counts[word]!;
    normA += weight(count) ** 2;
    dot += weight(count) * weight(b.counts[word]!);
  }
  for (const word of b.distinct) normB += weight(b.counts[word]!) ** 2;
  const norms = Math.sqrt(normA * normB);
  return norms > 0 ? dot / norms : 0;
}


/**
 * Cosine similarity of log-scaled word counts on either side of a split that
 * moves forward through the document. Moving one word across changes only its
 * own terms, so the dot product and both norms are updated in constant time.
 * Sums run in the order the string maps this replaced used, so every figure
 * is the same to the last bit.
 */
export class SplitSimilarity {
  private readonly words: readonly number[];
  private readonly before: Int32Array;
  private readonly after: Int32Array;
  /** `weight(count)` for every count this document can reach. */
  private readonly weights: Float64Array;
  private dot = 0;
  private beforeNorm = 0;
  private afterNorm = 0;
  /** Words before the split; the split sits just before `words[beforeCount]`. */
  beforeCount = 0;

  /** `emphasis`: words counted extra on the "before" side (the headline and lead). */
  constructor(words: readonly number[], vocabularySize: number, emphasis: readonly number[]) {
    this.words = words;
    this.before = new Int32Array(vocabularySize);
    this.after = new Int32Array(vocabularySize);
    for (const word of words) this.after[word]! += 1;
    const emphasised: number[] = [];
    for (const word of emphasis) {
      if (this.before[word] === 0) emphasised.push(word);
      this.before[word]! += HEADLINE_LEAD_WEIGHT;
    }
    const weights = weightTable(words.length + HEADLINE_LEAD_WEIGHT * emphasis.length + 1);
    this.weights = weights;
    // Ids run in order of first use, which is the order the after side's words were first counted.
    for (const count of this.after) this.afterNorm += weights[count]! ** 2;
    for (const word of emphasised) {
      const count = this.before[word]!;
      this.beforeNorm += weights[count]! ** 2;
      this.dot += weights[count]! * weights[this.after[word]!]!;
    }
  }

  /** Moves every word before `words[end]` to the "before" side. */
  moveToBefore(end: number): void {
    const { words, before, after, weights } = this;
    for (let i = this.beforeCount; i < end; i++) {
      const word = words[i]!;
      const b = before[word]!;
      const a = after[word]!;
      const oldB = weights[b]!;
      const oldA = weights[a]!;
      const newB = weights[b + 1]!;
      const newA = weights[a - 1]!;
      this.dot += newB * newA - oldB * oldA;
      this.beforeNorm += newB ** 2 - oldB ** 2;
      this.afterNorm += newA ** 2 - oldA ** 2;
      before[word] = b + 1;
      after[word] = a - 1;
    }
    this.beforeCount = Math.max(this.beforeCount, end);
  }

  similarity(): number {
    const norms = Math.sqrt(this.beforeNorm * this.afterNorm);
    return norms > 0 ? Math.max(0, this.dot) / norms : 0;
  }
}

/** Sublinear term weight, so one word repeated often does not drown the rest. */
function weight(count: number): number {
  return count > 0 ? 1 + Math.log(count) : 0;
}

/** `weight` of 0 … size − 1, kept for the process and grown as longer documents need. */
let weights = new Float64Array(0);

function weightTable(size: number): Float64Array {
  if (weights.length < size) {
    const grown = new Float64Array(Math.max(size, weights.length * 2, 1024));
    for (let count = 0; count < grown.length; count++) grown[count] = weight(count);
    weights = grown;
  }
  return weights;
}
