/** What a run learns about words: one entry per distinct word, and the counts of the document being checked. */
import { fnvHash } from '../../src/core/text/hash.js';
import { isDictionaryWord, type Language } from '../../src/core/text/hunspell.js';
import { SpanTable } from '../../src/core/text/span-table.js';
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
  /** Occurrences in the document numbered `document`. */
  count: number;
  document: number;
}

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

  get size(): number {
    return this.entries.length;
  }

  clear(): void {
    this.table.clear();
    this.entries = [];
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

  uses(word: string): boolean {
    if (word.length < MIN_WORD_LENGTH) return word.length === 2 && this.vocabulary.twoLetterWords[pairIndex(word.charCodeAt(0), word.charCodeAt(1))] === this.number;
    return this.vocabulary.find(word)?.document === this.number;
  }
}


/** Index of a two-letter word of ASCII letters, either case. */
function pairIndex(first: number, second: number): number {
  return ((first | 32) - 97) * 26 + ((second | 32) - 97);
}
