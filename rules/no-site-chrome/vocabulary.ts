/**
 * The words of one document as small ids (0, 1, 2, … in order of first
 * sight), each with its stop-word entry (language.ts), for the chrome
 * model's vocabulary features. Two words have one id when their lower case is
 * the same string, exactly as a Map of lower-cased strings would give them.
 *
 * Words are looked up where they stand in the line (SpanTable), in one table
 * shared by all documents: a word the run has met before costs neither a
 * string nor a stop-word look-up. A document maps the shared ids it meets to
 * its own dense ids through arrays stamped with the document's number, so
 * nothing is cleared between documents.
 */
import { fnvHashLowerAscii } from '../../src/core/text/hash.js';
import { stopwordEntry } from '../../src/core/text/language.js';
import { SpanTable } from '../../src/core/text/span-table.js';
import { resized } from '../../src/core/typed-arrays.js';

/** The shared table is emptied (between documents) past this many words, so a long run's memory stays bounded. */
const MAX_SHARED_WORDS = 1 << 20;

const shared = new SpanTable();
let sharedCount = 0;
/** Stop-word entry of each shared id. */
let sharedEntries = new Int32Array(1 << 14);
/** For each shared id: the number of the document that last met it, and its id there. */
let seenIn = new Int32Array(1 << 14);
let localOf = new Int32Array(1 << 14);
let documentNumber = 0;
/** How many times the shared table was emptied: a shared id kept from an earlier generation means nothing. */
let generation = 0;

function newSharedWord(word: string): number {
  const id = sharedCount++;
  if (id === sharedEntries.length) {
    sharedEntries = resized(sharedEntries, id * 2);
    seenIn = resized(seenIn, id * 2);
    localOf = resized(localOf, id * 2);
  }
  sharedEntries[id] = stopwordEntry(word);
  seenIn[id] = 0;
  return id;
}


/**
 * The word's id in the table all documents share, which holds while
 * `sharedWordGeneration()` stays the same; spans as for `DocumentVocabulary.idOf`.
 */
export function sharedWordId(text: string, start: number, end: number, hash = fnvHashLowerAscii(text, start, end)): number {
  return shared.intern(text, start, end, hash, newSharedWord);
}

/** Changes when the shared table is emptied (only as a `DocumentVocabulary` is made). */
export function sharedWordGeneration(): number {
  return generation;
}

/** One document's vocabulary; make one per document (it takes over the shared table's document number). */
export class DocumentVocabulary {
  /** Stop-word entry of each of this document's ids; `entries.length` is the number of distinct words. */
  readonly entries: number[] = [];
  private readonly number: number;

  constructor() {
    if (sharedCount > MAX_SHARED_WORDS) {
      shared.clear();
      sharedCount = 0;
      generation++;
    }
    this.number = ++documentNumber;
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The id of the word `text[start, end)`. The span must already be in lower
   * case except for A–Z, which are read as a–z (so an ASCII word may be read
   * straight from the line, any other word from the line's `toLowerCase()`).
   * `hash` is `fnvHashLowerAscii` of the span, when the caller took it already.
   */
  idOf(text: string, start: number, end: number, hash = fnvHashLowerAscii(text, start, end)): number {
    return this.idOfShared(sharedWordId(text, start, end, hash));
  }

  /** This document's id of the word with shared id `sharedId` (`sharedWordId`, of this generation). */
  idOfShared(sharedId: number): number {
    if (seenIn[sharedId] === this.number) return localOf[sharedId]!;
    seenIn[sharedId] = this.number;
    const id = this.entries.length;
    localOf[sharedId] = id;
    this.entries.push(sharedEntries[sharedId]!);
    return id;
  }
}
