import { defineRule, type RuleContext } from '../src/core/rule.js';
import { isSpace, type DocumentTokens } from '../src/core/text/quality-scan.js';
import {
  DEFAULT_LANGUAGES, qualityOptionsSchema, THRESHOLD_SCHEMA, quoted, reportDocument, type LanguagesOption, wordsToJudge,
} from './quality/document-verdict.js';

/** `[n, threshold]` pairs, as datatrove's `top_n_grams` and `dup_n_grams` tuples. */
type NGramThresholds = Array<[number, number]>;

export interface GopherRepetitionOptions extends LanguagesOption {
  dupLineFrac: number | null;
  dupParaFrac: number | null;
  dupLineCharFrac: number | null;
  dupParaCharFrac: number | null;
  topNGrams: NGramThresholds;
  dupNGrams: NGramThresholds;
}

/**
 * Gopher's repetition filter, Table A1 of Rae et al. 2021 ("Scaling Language
 * Models: Methods, Analysis & Insights from Training Gopher",
 * arXiv:2112.11446), with the defaults of datatrove's GopherRepetitionFilter
 * (src/datatrove/pipeline/filters/gopher_repetition_filter.py).
 */
const DEFAULTS: GopherRepetitionOptions = {
  dupLineFrac: 0.3,
  dupParaFrac: 0.3,
  dupLineCharFrac: 0.2,
  dupParaCharFrac: 0.2,
  topNGrams: [[2, 0.2], [3, 0.18], [4, 0.16]],
  dupNGrams: [[5, 0.15], [6, 0.14], [7, 0.13], [8, 0.12], [9, 0.11], [10, 0.1]],
  languages: DEFAULT_LANGUAGES,
};

const FILTER = 'Gopher repetition';
const N_GRAM_SCHEMA = {
  type: 'array',
  items: { type: 'array', items: [{ type: 'integer', minimum: 1 }, { type: 'number', minimum: 0 }], minItems: 2, maxItems: 2 },
};

export default defineRule<GopherRepetitionOptions>({
  meta: {
    id: 'gopher-repetition',
    description: "Report documents Gopher's repetition filter drops: repeated lines, paragraphs and n-grams",
    version: 1,
    fixable: 'none',
    recommended: 'off',
    defaultOptions: DEFAULTS,
    optionsSchema: qualityOptionsSchema({
      dupLineFrac: THRESHOLD_SCHEMA,
      dupParaFrac: THRESHOLD_SCHEMA,
      dupLineCharFrac: THRESHOLD_SCHEMA,
      dupParaCharFrac: THRESHOLD_SCHEMA,
      topNGrams: N_GRAM_SCHEMA,
      dupNGrams: N_GRAM_SCHEMA,
    }),
  },
  create(options) {
    return { check: (context) => check(context, options) };
  },
});

function check(context: RuleContext, options: GopherRepetitionOptions): void {
  const { text } = context;
  const tokens = wordsToJudge(context, FILTER, options.languages);
  if (!tokens) return;
  const report = (measure: string, value: number, threshold: number, reason: string, detail: string, at: number, length: number) =>
    reportDocument(context, {
      measure, value, relation: 'over', threshold, filter: FILTER, reason, detail,
      related: [{ message: 'First occurrence', offset: at, endOffset: at + length }],
    });

  // datatrove splits paragraphs on runs of 2+ newlines in the stripped text, and lines on runs of 1+ in the text as it is.
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const paragraphs = duplicateSegments(text, start, end, 2);
  const quote = (found: Duplicates) => `${quoted(text.slice(found.topStart, found.topStart + found.topLength))} ${times(found.topCount)}`;
  if (options.dupParaFrac !== null && paragraphs.duplicates / paragraphs.segments > options.dupParaFrac) {
    return report('Duplicate paragraph share', paragraphs.duplicates / paragraphs.segments, options.dupParaFrac, 'dup_para_frac', quote(paragraphs), paragraphs.topStart, paragraphs.topLength);
  }
  if (options.dupParaCharFrac !== null && paragraphs.duplicateChars / text.length > options.dupParaCharFrac) {
    return report('Duplicate paragraph character share', paragraphs.duplicateChars / text.length, options.dupParaCharFrac, 'dup_para_char_frac', quote(paragraphs), paragraphs.topStart, paragraphs.topLength);
  }
  const lines = duplicateSegments(text, 0, text.length, 1);
  if (options.dupLineFrac !== null && lines.duplicates / lines.segments > options.dupLineFrac) {
    return report('Duplicate line share', lines.duplicates / lines.segments, options.dupLineFrac, 'dup_line_frac', quote(lines), lines.topStart, lines.topLength);
  }
  if (options.dupLineCharFrac !== null && lines.duplicateChars / text.length > options.dupLineCharFrac) {
    return report('Duplicate line character share', lines.duplicateChars / text.length, options.dupLineCharFrac, 'dup_line_char_frac', quote(lines), lines.topStart, lines.topLength);
  }

  const grams = new NGramHashes(text, tokens);
  // An n-gram occurs no more often than its first m tokens (m < n) do: with the top count of a shorter
  // n-gram and the longest n-gram, a bound often settles the check without counting.
  const topCounts: Array<[number, number]> = [];
  for (const [n, threshold] of options.topNGrams) {
    if (tokens.count < n) continue;
    const bound = Math.min(...topCounts.filter(([m]) => m <= n).map(([, count]) => count));
    if (bound < Infinity && (bound * grams.longest(n)) / text.length <= threshold) continue;
    const top = grams.top(n);
    topCounts.push([n, top.count]);
    const share = (top.length * top.count) / text.length;
    if (share > threshold) {
      const gram = grams.joined(top.first, n);
      return report(`Top ${n}-gram character share`, share, threshold, `top_${n}_gram`, `${quoted(gram)} ${times(top.count)}`, tokens.starts[top.first]!, tokens.ends[top.first + n - 1]! - tokens.starts[top.first]!);
    }
  }
  // Every token a repeated n-gram counts lies in a repeated m-gram for m ≤ n: one pass bounds all the walks.
  const shortest = Math.min(...options.dupNGrams.map(([n]) => n));
  const bound = options.dupNGrams.length > 0 ? grams.repeatedCoverage(shortest) / text.length : 0;
  for (const [n, threshold] of options.dupNGrams) {
    if (bound <= threshold) continue;
    const repeated = grams.duplicated(n);
    const share = repeated.chars / text.length;
    if (share > threshold) {
      const first = repeated.firstRepeat;
      return report(`Duplicated ${n}-gram character share`, share, threshold, `duplicated_${n}_n_grams`, `${quoted(grams.joined(first, n))} repeats`, tokens.starts[first]!, tokens.ends[first + n - 1]! - tokens.starts[first]!);
    }
  }
}

interface Duplicates {
  segments: number;
  /** Segments equal to an earlier one, and their characters (datatrove's `find_duplicates`). */
  duplicates: number;
  duplicateChars: number;
  /** The segment repeated most (the first on ties): where it first is, its length and count. */
  topStart: number;
  topLength: number;
  topCount: number;
}

/** `text[start, end)` split at runs of at least `minRun` newlines, as `re.split('\n{minRun,}')`, and its repeats counted. */
function duplicateSegments(text: string, start: number, end: number, minRun: number): Duplicates {
  // Segment → its first start; counts kept per first start only for segments seen twice.
  const seen = new Map<string, number>();
  const counts = new Map<number, number>();
  const found: Duplicates = { segments: 0, duplicates: 0, duplicateChars: 0, topStart: 0, topLength: 0, topCount: 0 };
  const add = (from: number, to: number) => {
    found.segments++;
    const segment = text.slice(from, to);
    const first = seen.get(segment);
    if (first === undefined) {
      seen.set(segment, from);
      return;
    }
    found.duplicates++;
    found.duplicateChars += to - from;
    const count = (counts.get(first) ?? 1) + 1;
    counts.set(first, count);
    if (count > found.topCount || (count === found.topCount && first < found.topStart)) {
      [found.topStart, found.topLength, found.topCount] = [first, to - from, count];
    }
  };
  let segmentStart = start;
  let at = start;
  for (;;) {
    const newline = text.indexOf('\n', at);
    if (newline === -1 || newline >= end) break;
    let runEnd = newline + 1;
    while (runEnd < end && text.charCodeAt(runEnd) === 0x0a) runEnd++;
    if (runEnd - newline >= minRun) {
      add(segmentStart, newline);
      segmentStart = runEnd;
    }
    at = runEnd;
  }
  add(segmentStart, end);
  return found;
}

/**
 * N-grams of tokens as 64-bit fingerprints (two 32-bit polynomial hashes of
 * per-token hashes, read off prefix sums), so each n-gram costs O(1) and no
 * string: datatrove joins every n-gram into a string, for n from 2 to 10.
 */
class NGramHashes {
  private readonly prefixA: Uint32Array;
  private readonly prefixB: Uint32Array;
  /** Token lengths summed: `lengths[i]` is the length of tokens before i. */
  private readonly lengths: Float64Array;

  constructor(
    private readonly text: string,
    private readonly tokens: DocumentTokens,
  ) {
    const count = tokens.count;
    if (prefixBuffers.lengths.length < count + 1) {
      const size = Math.max(count + 1, prefixBuffers.lengths.length * 2);
      prefixBuffers = { prefixA: new Uint32Array(size), prefixB: new Uint32Array(size), lengths: new Float64Array(size) };
    }
    // Reused from one document to the next: a rule reads them before the next document.
    ({ prefixA: this.prefixA, prefixB: this.prefixB, lengths: this.lengths } = prefixBuffers);
    for (let index = 0; index < count; index++) {
      const start = tokens.starts[index]!;
      const end = tokens.ends[index]!;
      let hashA = 0x811c9dc5;
      let hashB = 0x9747b28c;
      for (let at = start; at < end; at++) {
        const unit = text.charCodeAt(at);
        hashA = Math.imul(hashA ^ unit, 0x01000193);
        hashB = Math.imul(hashB ^ unit, 0x5bd1e995);
        hashB ^= hashB >>> 15;
      }
      hashA = finalMix(hashA ^ (end - start));
      hashB = finalMix(hashB + Math.imul(end - start, 0x27d4eb2d));
      this.prefixA[index + 1] = (Math.imul(this.prefixA[index]!, BASE_A) + hashA) >>> 0;
      this.prefixB[index + 1] = (Math.imul(this.prefixB[index]!, BASE_B) + hashB) >>> 0;
      this.lengths[index + 1] = this.lengths[index]! + (end - start);
    }
  }

  /** datatrove's `find_top_duplicate`: the most frequent n-gram (first seen on ties), its count and joined length. */
  top(n: number): { first: number; count: number; length: number } {
    const counts = this.visit(n, false);
    let bestFirst = 0;
    let bestCount = 0;
    for (let index = 0; index <= this.tokens.count - n; index++) {
      const count = counts[index]!;
      if (count > bestCount) {
        bestCount = count;
        bestFirst = index;
      }
    }
    return { first: bestFirst, count: bestCount, length: this.lengths[bestFirst + n]! - this.lengths[bestFirst]! + n - 1 };
  }

  /**
   * datatrove's `find_all_duplicate`: walking the tokens, an n-gram seen
   * before adds its characters (joined without spaces) and the walk jumps
   * past it; the n-grams jumped over are not remembered.
   */
  duplicated(n: number): { chars: number; firstRepeat: number } {
    const last = this.tokens.count - n;
    if (last < 0) return { chars: 0, firstRepeat: 0 };
    const table = sharedTable.reset(last + 1);
    const [powerA, powerB] = powers(n);
    const { prefixA, prefixB, lengths } = this;
    let chars = 0;
    let firstRepeat = -1;
    for (let index = 0; index <= last; ) {
      const keyA = (prefixA[index + n]! - Math.imul(prefixA[index]!, powerA)) | 0;
      const keyB = (prefixB[index + n]! - Math.imul(prefixB[index]!, powerB)) | 0;
      if (table.find(keyA, keyB, index) !== index) {
        chars += lengths[index + n]! - lengths[index]!;
        if (firstRepeat < 0) firstRepeat = index;
        index += n;
      } else {
        index++;
      }
    }
    return { chars, firstRepeat: Math.max(firstRepeat, 0) };
  }

  /**
   * The characters of the tokens inside some n-gram that occurred before: at
   * least what `duplicated(k)` counts for any k ≥ n, since each k-gram it
   * counts repeats an earlier one, and so does every n-gram inside it.
   */
  repeatedCoverage(n: number): number {
    const last = this.tokens.count - n;
    if (last < 0) return 0;
    const firsts = this.visit(n, true);
    const lengths = this.lengths;
    let chars = 0;
    let coveredTo = 0;
    for (let index = 0; index <= last; index++) {
      if (firsts[index] === index) continue;
      chars += lengths[index + n]! - lengths[Math.max(index, coveredTo)]!;
      coveredTo = index + n;
    }
    return chars;
  }

  /**
   * One pass over every n-gram. `firstOf`: for each, the index of its first
   * occurrence; otherwise, at each first occurrence, the n-gram's count
   * (0 elsewhere). A table slot's entry holds the first occurrence; counts
   * are kept at that index.
   */
  private visit(n: number, firstOf: boolean): Int32Array {
    const last = this.tokens.count - n;
    const out = scratch(this.tokens.count + 1);
    if (last < 0) return out;
    if (!firstOf) out.fill(0, 0, last + 1);
    const table = sharedTable.reset(last + 1);
    const [powerA, powerB] = powers(n);
    const { prefixA, prefixB } = this;
    for (let index = 0; index <= last; index++) {
      const keyA = (prefixA[index + n]! - Math.imul(prefixA[index]!, powerA)) | 0;
      const keyB = (prefixB[index + n]! - Math.imul(prefixB[index]!, powerB)) | 0;
      const first = table.find(keyA, keyB, index);
      if (firstOf) out[index] = first;
      else out[first]!++;
    }
    return out;
  }

  /** The length of the longest n-gram, its tokens joined by spaces. */
  longest(n: number): number {
    let longest = 0;
    for (let index = 0; index + n <= this.tokens.count; index++) longest = Math.max(longest, this.lengths[index + n]! - this.lengths[index]!);
    return longest + n - 1;
  }

  /** The n-gram at `first` as datatrove writes it: its tokens joined by spaces. */
  joined(first: number, n: number): string {
    const parts: string[] = [];
    for (let index = first; index < first + n; index++) parts.push(this.text.slice(this.tokens.starts[index], this.tokens.ends[index]));
    return parts.join(' ');
  }

}

let prefixBuffers = { prefixA: new Uint32Array(1024), prefixB: new Uint32Array(1024), lengths: new Float64Array(1024) };

/** Odd bases, so every power is invertible mod 2^32 and a changed token always changes the sum. */
const BASE_A = 0x01000193;
const BASE_B = 0x5bd1e995 | 1;

function powers(n: number): [number, number] {
  let powerA = 1;
  let powerB = 1;
  for (let step = 0; step < n; step++) {
    powerA = Math.imul(powerA, BASE_A);
    powerB = Math.imul(powerB, BASE_B);
  }
  return [powerA, powerB];
}

/** murmur3's finaliser: spreads every input bit over the hash. */
function finalMix(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * Open addressing over typed arrays, reused from one n and one document to
 * the next; a slot is in use when its stamp is the current generation, so
 * reuse clears nothing.
 */
class FingerprintTable {
  /** Four words a slot: stamp, key A, key B, the index of the first n-gram with this fingerprint. */
  private slots = new Int32Array(0);
  private mask = 0;
  private generation = 0;

  reset(entries: number): this {
    let size = 16;
    while (size < entries * 2) size *= 2;
    if (size * 4 > this.slots.length || this.generation === 0x7fffffff) {
      this.slots = new Int32Array(size * 4);
      this.generation = 0;
    } else {
      size = this.slots.length / 4;
    }
    this.mask = size - 1;
    this.generation++;
    return this;
  }

  /** The first n-gram index with this fingerprint: `index` itself when it is new (and is then remembered). */
  find(keyA: number, keyB: number, index: number): number {
    const slots = this.slots;
    const generation = this.generation;
    let slot = (keyA ^ Math.imul(keyB, 0x9e3779b1)) & this.mask;
    for (;;) {
      const at = slot << 2;
      if (slots[at] !== generation) {
        slots[at] = generation;
        slots[at + 1] = keyA;
        slots[at + 2] = keyB;
        slots[at + 3] = index;
        return index;
      }
      if (slots[at + 1] === keyA && slots[at + 2] === keyB) return slots[at + 3]!;
      slot = (slot + 1) & this.mask;
    }
  }
}

let scratchBuffer = new Int32Array(1024);
/** One reused array of at least `size` entries. */
function scratch(size: number): Int32Array {
  if (scratchBuffer.length < size) scratchBuffer = new Int32Array(Math.max(size, scratchBuffer.length * 2));
  return scratchBuffer;
}

const sharedTable = new FingerprintTable();

/** `once`, `2 times`. */
function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}
