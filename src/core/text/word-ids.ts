/**
 * Lazily computed parts of the shared word analysis (document-words.ts) that
 * rules ask for by word rather than by character: each word's shape, and a
 * per-run id for each word of ASCII letters. A rule that keeps a verdict per
 * word (a spelling, a stop-word test, a stem) keeps it per id in an array,
 * so a word seen before costs one array read, not a string or a table probe.
 *
 * Both are computed at most once per document (behind `context.memo`), on the
 * first request; a run whose rules ask for neither computes neither.
 */
import { type DocumentWords, documentWords, type WordSource } from './document-words.js';
import { SpanTable } from './span-table.js';
import { hashNorm } from './tokens.js';

/** Every character is an ASCII letter or digit (no joiner, nothing else). */
export const ASCII_ALNUM = 1;
/** Every character is an ASCII letter (implies ASCII_ALNUM): the words that get an id. */
export const ASCII_LETTERS = 2;
/** Has a capital A–Z. */
export const HAS_CAPITAL = 4;

const SHAPES = Symbol('word shapes');
const IDS = Symbol('word ids');

/** ASCII_ALNUM | ASCII_LETTERS | HAS_CAPITAL bits of each word of `documentWords(context)`. */
export function wordShapes(context: WordSource): Uint8Array {
  return context.memo(SHAPES, () => shapesOf(context.text, documentWords(context)));
}

export function shapesOf(text: string, words: DocumentWords): Uint8Array {
  const { count, starts, ends } = words;
  const shapes = new Uint8Array(count);
  for (let word = 0; word < count; word++) {
    let digits = false;
    let capital = false;
    let other = false;
    for (let at = starts[word]!, end = ends[word]!; at < end; at++) {
      const code = text.charCodeAt(at);
      if (code >= 0x61 && code <= 0x7a) continue;
      if (code >= 0x41 && code <= 0x5a) capital = true;
      else if (code >= 0x30 && code <= 0x39) digits = true;
      else {
        other = true;
        break;
      }
    }
    if (other) continue;
    shapes[word] = ASCII_ALNUM | (digits ? 0 : ASCII_LETTERS) | (capital ? HAS_CAPITAL : 0);
  }
  return shapes;
}

/** The id of a word that has none (not all ASCII letters). */
export const NO_ID = -1;

export interface WordIds {
  /** Per word: the run id of its lower-case form, or NO_ID when it is not all ASCII letters. */
  readonly ids: Int32Array;
  /**
   * Which numbering the ids belong to: the run's table is emptied now and
   * then to bound its memory, and a rule's per-id cache is valid only while
   * this stays the same.
   */
  readonly generation: number;
}

/**
 * The run's ids: each distinct lower-case word of ASCII letters, numbered
 * from 0 in order of first sight. One table per thread, shared by every rule
 * and Linter of it: an id names a word and nothing else, so sharing it leaks
 * no state between rules.
 */
class RunWords {
  private readonly table = new SpanTable();
  private readonly words: string[] = [];
  generation = 1;
  private readonly addWord = (word: string): number => {
    this.words.push(word);
    return this.words.length - 1;
  };

  /** Called before a document's words are numbered, so ids never change inside one document. */
  startDocument(): void {
    if (this.words.length <= MAX_RUN_WORDS) return;
    this.table.clear();
    this.words.length = 0;
    this.generation++;
  }

  idOf(text: string, start: number, end: number, hash: number): number {
    return this.table.intern(text, start, end, hash, this.addWord);
  }

  wordOf(id: number): string {
    return this.words[id]!;
  }

  find(word: string, hash: number): number {
    return this.table.get(word, 0, word.length, hash, NO_ID);
  }
}

/** Enough for the vocabulary of a large, varied corpus slice (a few tens of MB at most). */
const MAX_RUN_WORDS = 500_000;

const runWords = new RunWords();

export function wordIds(context: WordSource): WordIds {
  return context.memo(IDS, () => {
    const words = documentWords(context);
    return idsOf(context.text, words, wordShapes(context));
  });
}

export function idsOf(text: string, words: DocumentWords, shapes: Uint8Array): WordIds {
  runWords.startDocument();
  const { count, starts, ends, hashes } = words;
  const ids = new Int32Array(count);
  // A word's repeats are found in a small table of this document's words, which stays in the processor's
  // cache; only each distinct word goes to the run's table, whose probes mostly miss the cache.
  const seen = documentTable(count);
  // Sized by this document, not the largest so far, so a short document's probes stay within a few cache lines.
  let size = 16;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  const stamp = nextStamp();
  const seenAt = seenStamps;
  for (let word = 0; word < count; word++) {
    if (!(shapes[word]! & ASCII_LETTERS)) {
      ids[word] = NO_ID;
      continue;
    }
    const hash = hashes[word]!;
    const start = starts[word]!;
    const end = ends[word]!;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      if (seenAt[slot] !== stamp) {
        seenAt[slot] = stamp;
        seen[slot] = word;
        // The word's fingerprint (tokens.ts) is a function of its lower-case form: a fit hash for the table.
        ids[word] = runWords.idOf(text, start, end, hash);
        break;
      }
      const first = seen[slot]!;
      if (hashes[first] === hash && sameLowerAscii(text, starts[first]!, ends[first]!, start, end)) {
        ids[word] = ids[first]!;
        break;
      }
    }
  }
  return { ids, generation: runWords.generation };
}

/** Per slot: the first word of the document with that fingerprint, valid where `seenStamps` holds the document's stamp. */
let seenWords = new Int32Array(1 << 12);
let seenStamps = new Int32Array(1 << 12);
let stamps = 0;

function documentTable(count: number): Int32Array {
  let size = seenWords.length;
  while (size < count * 2) size *= 2;
  if (size !== seenWords.length) {
    seenWords = new Int32Array(size);
    seenStamps = new Int32Array(size);
    stamps = 0;
  }
  return seenWords;
}

function nextStamp(): number {
  if (stamps === 0x7fffffff) {
    seenStamps.fill(0);
    stamps = 0;
  }
  return ++stamps;
}

/** Whether two spans of ASCII letters are the same word, A–Z read as a–z. */
function sameLowerAscii(text: string, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) {
    if ((text.charCodeAt(aStart + i) | 0x20) !== (text.charCodeAt(bStart + i) | 0x20)) return false;
  }
  return true;
}

/** The id of a lower-case word of a–z in the current generation, or NO_ID when no document has used it yet; adds none. */
export function idOfWord(word: string): number {
  // The fingerprint the run's table is keyed by (tokens.ts): of a word of a–z, the FNV-1a of its letters, mixed.
  return runWords.find(word, hashNorm(word));
}

/** The lower-case word an id of the current generation stands for. */
export function wordOfId(id: number): string {
  return runWords.wordOf(id);
}
