/** What a run learns about words: one entry per distinct word, and the counts of the document being checked. */
import { fnvHash } from '../../src/core/text/hash.js';
import { isDictionaryWord, type Language } from '../../src/core/text/hunspell.js';
import { SpanTable } from '../../src/core/text/span-table.js';
import { idOfWord, NO_ID } from '../../src/core/text/word-ids.js';
import { resized } from '../../src/core/typed-arrays.js';
import type { Correction } from './corrector.js';

/** Shorter words have too many neighbours, and are never judged; `teh` and `adn` still qualify, through the three-letter penalty. */
export const MIN_WORD_LENGTH = 3;

/**
 * What the process has learnt about one lower-case word under one language
 * and word list. Word frequencies are Zipfian: a few thousand words make up
 * most of any text, so nearly every token is settled by one map look-up here.
 */
export interface WordEntry {
  readonly word: string;
  /** In the dictionary or the word list; looked up when first needed. */
  known: boolean | undefined;
  /** A known word plus a productive affix. */
  derived: boolean | undefined;
  /** The corrections that could explain it as a slip, before the document has its say; worked out when first judged. */
  candidates?: readonly Correction[];
  /** Whether some document could report it (index.ts `canEverPass`); worked out with `candidates`. */
  reachable?: boolean;
  /** Occurrences in the document numbered `document`. */
  count: number;
  document: number;
}

/** What a shared word id's word is to the rule, whatever the document: not sorted yet, `QUIET` or `DOUBTFUL`. */
export type IdVerdict = typeof UNSORTED | typeof QUIET | typeof DOUBTFUL;
export const UNSORTED = 0;
/** Never judged (too short, too long, a prefix, or known): only its use in a document counts. */
export const QUIET = 1;
/** Judged in each document that uses it. */
export const DOUBTFUL = 2;

/** Cleared between documents once it holds this many words, which bounds the memory a long run takes. */
export const MAX_VOCABULARY_ENTRIES = 300_000;

/**
 * The dictionary with one configuration's extra words, and every verdict on
 * a word that does not depend on the document. Words are found by a hash
 * the tokenizer computes and a comparison with the document's characters,
 * so a word seen before costs no string: slicing, lowercasing and hashing
 * a new string for every token was most of the rule's cost.
 */
export class Vocabulary {
  /** Each word's index in `entries`. */
  private readonly table = new SpanTable();
  private entries: WordEntry[] = [];
  /** Documents counted so far: each document's words are marked with its number. */
  documents = 0;
  /** For each two-letter word (`pairIndex`), the number of the last document that used it. */
  readonly twoLetterWords = new Int32Array(26 * 26);
  /** Is this lower-case word known? Remembered in its entry: nspell look-ups are most of the cost of a new word. */
  readonly known = (word: string): boolean => this.isKnown(this.entry(word));
  private readonly addEntry = (word: string): number => {
    this.entries.push({ word: flatCopy(word), known: undefined, derived: undefined, count: 0, document: 0 });
    return this.entries.length - 1;
  };

  constructor(
    private readonly accepted: ReadonlySet<string>,
    readonly language: Language,
  ) {}

  /**
   * What is kept per shared word id (src/core/text/word-ids.ts) of the numbering `idGeneration`: its
   * entry, and its `IdVerdict`, so a word of the run is sorted once, and after that each of its uses
   * costs an array read. Sized on demand.
   */
  private idGeneration = 0;
  private entryOfId: Array<WordEntry | undefined> = [];
  private idVerdicts = new Int32Array(1024);
  /** Per id of a word never judged: the number of the document that last used it (`DocumentWords.addQuiet`). */
  quietIn = new Int32Array(1024);

  get size(): number {
    return this.entries.length;
  }

  clear(): void {
    this.table.clear();
    this.entries = [];
    this.forgetIds();
  }

  /** The ids read from now on are of numbering `generation`; what was kept for another numbering goes. */
  useIdsOf(generation: number): void {
    if (generation === this.idGeneration) return;
    this.idGeneration = generation;
    this.forgetIds();
  }

  idVerdict(id: number): IdVerdict {
    return id < this.idVerdicts.length ? (this.idVerdicts[id] as IdVerdict) : UNSORTED;
  }

  /** The entry recorded for an id (`setIdVerdict`). */
  entryOfIdAt(id: number): WordEntry | undefined {
    return this.entryOfId[id];
  }

  setIdVerdict(id: number, verdict: IdVerdict, entry: WordEntry | undefined): void {
    if (id >= this.idVerdicts.length) {
      const size = Math.max(id + 1, this.idVerdicts.length * 2);
      this.idVerdicts = resized(this.idVerdicts, size);
      this.quietIn = resized(this.quietIn, size);
    }
    this.idVerdicts[id] = verdict;
    // Grown one slot at a time, so the array stays a dense one rather than a dictionary.
    while (this.entryOfId.length <= id) this.entryOfId.push(undefined);
    this.entryOfId[id] = entry;
  }

  private forgetIds(): void {
    this.entryOfId = [];
    this.idVerdicts.fill(0);
    this.quietIn.fill(0);
  }

  /** The entry of the lower-case form of `text` between two offsets (ASCII letters and apostrophes); `hash` is `fnvHash` of that form. */
  entryAt(text: string, start: number, end: number, hash: number): WordEntry {
    return this.entries[this.table.intern(text, start, end, hash, this.addEntry)]!;
  }

  entry(word: string): WordEntry {
    return this.entryAt(word, 0, word.length, fnvHash(word));
  }

  /** The entry of `word` if the vocabulary has one, without adding it. */
  find(word: string): WordEntry | undefined {
    return this.entries[this.table.get(word, 0, word.length, fnvHash(word), -1)];
  }

  isKnown(entry: WordEntry): boolean {
    entry.known ??= this.accepted.has(entry.word) || isDictionaryWord(entry.word, this.language);
    return entry.known;
  }
}

/** A string of its own: a slice of a long document would keep the whole document alive and read slower. */
function flatCopy(word: string): string {
  return Buffer.from(word, 'latin1').toString('latin1');
}

/** The words of the document being checked, with their counts. */
export class DocumentWords {
  readonly number: number;

  constructor(private readonly vocabulary: Vocabulary) {
    this.number = ++vocabulary.documents;
  }

  /** Counts one occurrence of a word of three letters or more. */
  add(entry: WordEntry): WordEntry {
    if (entry.document !== this.number) {
      entry.document = this.number;
      entry.count = 0;
    }
    entry.count++;
    return entry;
  }

  /**
   * Words of one or two letters are never judged (`MIN_WORD_LENGTH`) and
   * matter only as possible corrections, so only their presence is kept,
   * without a vocabulary look-up: they are a fifth of the words of English text.
   */
  addShort(text: string, start: number, end: number): void {
    if (end - start === 2) this.vocabulary.twoLetterWords[pairIndex(text.charCodeAt(start), text.charCodeAt(start + 1))] = this.number;
  }

  /** Counts the use of a quiet word by its id (`QUIET`): its entry's count is never read. */
  addQuiet(id: number): void {
    this.vocabulary.quietIn[id] = this.number;
  }

  /** Whether `addQuiet(id)` was called for this document. */
  hasQuiet(id: number): boolean {
    return this.vocabulary.quietIn[id] === this.number;
  }

  uses(word: string): boolean {
    if (word.length < MIN_WORD_LENGTH) return word.length === 2 && this.vocabulary.twoLetterWords[pairIndex(word.charCodeAt(0), word.charCodeAt(1))] === this.number;
    if (this.vocabulary.find(word)?.document === this.number) return true;
    const id = idOfWord(word);
    return id !== NO_ID && id < this.vocabulary.quietIn.length && this.hasQuiet(id);
  }
}


/** Index of a two-letter word of ASCII letters, either case. */
function pairIndex(first: number, second: number): number {
  return ((first | 32) - 97) * 26 + ((second | 32) - 97);
}
