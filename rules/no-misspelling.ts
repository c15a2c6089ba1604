import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import nspell from 'nspell';
import { defineRule, type FixSafety } from '../src/rule.js';
import type { Line } from '../src/text/lines.js';
import affixes from './data/misspelling-affixes.json' with { type: 'json' };
import britishSpellings from './data/misspelling-british-spellings.json' with { type: 'json' };

export interface NoMisspellingOptions {
  /** `en` (US dictionary plus Commonwealth spellings) or `en-US` (US spellings only). */
  language: string;
  /** Extra accepted words (case-insensitive). */
  words: string[];
  /** A file of extra accepted words, one a line (`#` starts a comment); relative to the working directory. */
  wordsFile: string | null;
  /** A word seen this many times in the document is taken as intended; 0 turns that off. */
  trustRepeated: number;
  /** Also report unknown words that are not one edit from a dictionary word. */
  reportWithoutSuggestion: boolean;
}

const SUPPORTED_LANGUAGES = ['en', 'en-US'];

/**
 * Scraped text is full of words no dictionary lists: names, brands, loanwords,
 * slang, new compounds. A word is reported only when it looks like a typing
 * error of a known word: one letter swapped with its neighbour, one letter
 * typed twice, one letter left out, or one edit away from a word the same
 * document uses. Everything else is trusted unless `reportWithoutSuggestion`
 * is set. That keeps rare but real words ('villanelle', 'hourlong',
 * 'cannula') silent without a frequency list.
 */
type EditShape = 'transposition' | 'repeated-letter' | 'omission' | 'insertion' | 'substitution';

/** Swaps and doubled letters are how fingers slip; a real word rarely sits one such edit from another. */
const STRONG_SHAPES: ReadonlySet<EditShape> = new Set(['transposition', 'repeated-letter']);
const SHAPE_RANK: Record<EditShape, number> = { transposition: 3, 'repeated-letter': 3, omission: 2, insertion: 1, substitution: 1 };

/** Shorter words have too many neighbours one edit away; `teh` and `adn` still qualify through a swap. */
const MIN_WORD_LENGTH = 3;
/**
 * A left-out letter is the weakest shape: four-letter slang and loanwords
 * ('chai', 'chia', 'stan', 'simp') are one letter short of a dictionary word.
 * Shorter words qualify for it only when the document uses the longer word.
 */
const MIN_LENGTH_FOR_OMISSION = 5;
/** A line where fewer than half of the words are English is another language (or a transliteration). */
const MIN_ENGLISH_SHARE = 0.5;
const MIN_WORDS_FOR_LANGUAGE_CHECK = 4;
const MAX_CACHED_WORDS = 200_000;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** Chunks between spaces that are addresses, handles, tags, paths or code, not prose. */
const NOT_PROSE = /^[#@]|[@/\\=_<>{}|~^]|:\/\/|^www\.|\p{L}\.\p{L}{2,}/iu;
const SENTENCE_END = /[.!?:;\u2026]/;
const OPENERS = /[\s"'\u2018\u201c([{*\u2022\u2013\u2014-]/;

// ------------------------------------------------------------ dictionary
let checker: nspell | undefined;

/** Hunspell's en_US dictionary, built once per process (it takes half a second). */
function dictionary(): nspell {
  if (!checker) {
    const require = createRequire(import.meta.url);
    const folder = path.dirname(require.resolve('dictionary-en'));
    checker = nspell({ aff: fs.readFileSync(path.join(folder, 'index.aff')), dic: fs.readFileSync(path.join(folder, 'index.dic')) });
  }
  return checker;
}

const knownCache = new Map<string, boolean>();

function inDictionary(word: string): boolean {
  let known = knownCache.get(word);
  if (known === undefined) {
    if (knownCache.size > MAX_CACHED_WORDS) knownCache.clear();
    known = dictionary().correct(word);
    knownCache.set(word, known);
  }
  return known;
}

const BRITISH_REWRITES = britishSpellings.rewrites.map(([pattern, replacement]) => ({
  pattern: new RegExp(pattern ?? '', 'g'),
  replacement: replacement ?? '',
}));
const BRITISH_WORDS: ReadonlySet<string> = new Set(britishSpellings.words);

const commonwealthCache = new Map<string, boolean>();

function isCommonwealthSpelling(word: string): boolean {
  let known = commonwealthCache.get(word);
  if (known === undefined) {
    known = BRITISH_WORDS.has(word) || rewritesToDictionaryWord(word);
    remember(commonwealthCache, word, known);
  }
  return known;
}

function rewritesToDictionaryWord(word: string): boolean {
  let forms = [word];
  for (let depth = 0; depth < 2; depth++) {
    const next: string[] = [];
    for (const form of forms) {
      for (const { pattern, replacement } of BRITISH_REWRITES) {
        const rewritten = form.replace(pattern, replacement);
        if (rewritten === form) continue;
        if (inDictionary(rewritten)) return true;
        next.push(rewritten);
      }
    }
    forms = next;
  }
  return false;
}

const PREFIXES: readonly string[] = affixes.prefixes;
const PREFIX_SET: ReadonlySet<string> = new Set(PREFIXES);
const SUFFIXES: readonly string[] = [...affixes.suffixes].sort((a, b) => b.length - a.length);

function isDerivedWord(word: string, known: (word: string) => boolean, depth = 0): boolean {
  for (const suffix of SUFFIXES) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    const stem = word.slice(0, -suffix.length);
    if (stem.endsWith('e') && suffix.startsWith('e')) continue;
    if (known(stem)) return true;
    if (/^[aeiouy]/.test(suffix)) {
      if (known(`${stem}e`)) return true;
      if (/([b-df-hj-np-tv-z])\1$/.test(stem) && known(stem.slice(0, -1))) return true;
    }
    if (stem.endsWith('i') && known(`${stem.slice(0, -1)}y`)) return true;
  }
  if (depth > 0) return false;
  for (const prefix of PREFIXES) {
    if (!word.startsWith(prefix) || word.length - prefix.length < 3) continue;
    const rest = word.slice(prefix.length);
    if (known(rest) || isDerivedWord(rest, known, depth + 1)) return true;
  }
  return false;
}

// ------------------------------------------------------------ candidates
interface Candidate {
  word: string;
  shape: EditShape;
}

function shapeOf(typed: string, intended: string): EditShape {
  if (typed.length === intended.length) {
    const diff = [...typed].flatMap((char, index) => (char === intended[index] ? [] : [index]));
    return diff.length === 2 ? 'transposition' : 'substitution';
  }
  if (typed.length < intended.length) return 'omission';
  for (let index = 0; index < typed.length; index++) {
    if (typed.slice(0, index) + typed.slice(index + 1) === intended) {
      if (typed[index] === typed[index - 1] || typed[index] === typed[index + 1]) return 'repeated-letter';
    }
  }
  return 'insertion';
}

interface Edits {
  /** One letter dropped or two neighbours swapped: few (about 2n), and they find swaps and doubled letters. */
  near: string[];
  /** One letter added (about 26n): finds left-out letters. */
  insertions: string[];
  /** One letter replaced (about 25n). */
  substitutions: string[];
}

let lastEdits: { word: string; edits: Edits } | undefined;

/** The edits of the word being judged; a word's candidates are looked up in stages, each needing them. */
function editsOf(word: string): Edits {
  if (lastEdits?.word !== word) lastEdits = { word, edits: generateEdits(word) };
  return lastEdits.edits;
}

function generateEdits(word: string): Edits {
  const near = new Set<string>();
  const insertions = new Set<string>();
  const substitutions = new Set<string>();
  for (let index = 0; index <= word.length; index++) {
    const head = word.slice(0, index);
    const tail = word.slice(index);
    if (tail) near.add(head + tail.slice(1));
    if (tail.length > 1) near.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of ALPHABET) {
      insertions.add(head + letter + tail);
      if (tail && letter !== tail[0]) substitutions.add(head + letter + tail.slice(1));
    }
  }
  const keep = (edit: string): boolean => edit !== word && edit.length > 1 && !near.has(edit);
  return { near: [...near].filter((edit) => edit !== word && edit.length > 1), insertions: [...insertions].filter(keep), substitutions: [...substitutions].filter(keep) };
}

const nearCache = new Map<string, Candidate[]>();
const insertionCache = new Map<string, Candidate[]>();
const allCache = new Map<string, Candidate[]>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size > MAX_CACHED_WORDS) cache.clear();
  cache.set(key, value);
  return value;
}

function toCandidates(word: string, edits: readonly string[]): Candidate[] {
  const spell = dictionary();
  return edits.filter((edit) => spell.correct(edit)).map((edit) => ({ word: edit, shape: shapeOf(word, edit) }));
}

/** Dictionary words one dropped letter or one swap away. */
function nearCandidates(word: string): Candidate[] {
  return nearCache.get(word) ?? remember(nearCache, word, toCandidates(word, editsOf(word).near));
}

/** Dictionary words the typed form is one left-out letter from. */
function omissionCandidates(word: string): Candidate[] {
  return insertionCache.get(word) ?? remember(insertionCache, word, toCandidates(word, editsOf(word).insertions));
}

/** Every dictionary word one edit (Damerau) away, with how the typed form differs. */
function allCandidates(word: string): Candidate[] {
  return (
    allCache.get(word) ??
    remember(allCache, word, [...nearCandidates(word), ...omissionCandidates(word), ...toCandidates(word, editsOf(word).substitutions)])
  );
}

// ------------------------------------------------------------ word lists
const wordsFileCache = new Map<string, ReadonlySet<string>>();

function readWordsFile(file: string): ReadonlySet<string> {
  const absolute = path.resolve(process.cwd(), file);
  let words = wordsFileCache.get(absolute);
  if (!words) {
    let content: string;
    try {
      content = fs.readFileSync(absolute, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new Error(`no-misspelling cannot read its wordsFile ${absolute} (${code}); fix the path, which is resolved from the working directory`);
    }
    words = new Set(
      content
        .split(/\r?\n/)
        .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
        .filter(Boolean),
    );
    wordsFileCache.set(absolute, words);
  }
  return words;
}

const acceptedCache = new WeakMap<NoMisspellingOptions, ReadonlySet<string>>();

function acceptedWords(options: NoMisspellingOptions): ReadonlySet<string> {
  let accepted = acceptedCache.get(options);
  if (!accepted) {
    accepted = new Set([...options.words.map((word) => word.toLowerCase()), ...(options.wordsFile ? readWordsFile(options.wordsFile) : [])]);
    acceptedCache.set(options, accepted);
  }
  return accepted;
}

// ------------------------------------------------------------ the check
interface Verdict {
  suggestions: string[];
  fix?: { word: string; safety: FixSafety };
}

/**
 * What the process has learnt about one lower-case word under one word list.
 * Word frequencies are Zipfian: a few thousand words make up most of any
 * text, so nearly every token is settled by one map look-up here.
 */
interface WordEntry {
  readonly word: string;
  /** In the dictionary, the word list or (with `en`) a Commonwealth spelling; looked up when first needed. */
  known: boolean | undefined;
  /** One swap or doubled letter from a dictionary word. */
  typingError: boolean | undefined;
  /** A known word plus an affix, or with its final g dropped. */
  derived: boolean | undefined;
  /** Occurrences in the document numbered `document`. */
  count: number;
  document: number;
}

/** Cleared between documents once it holds this many words, which bounds the memory a long run takes. */
const MAX_VOCABULARY_ENTRIES = 300_000;
let documentNumber = 0;

const HASH_SEED = 0x811c9dc5;

/** One FNV-1a step; the tokenizer hashes each word as it scans it. */
function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

function hashOf(word: string): number {
  let hash = HASH_SEED;
  for (let index = 0; index < word.length; index++) hash = hashStep(hash, word.charCodeAt(index));
  return hash;
}

/**
 * The dictionary with one configuration's extra words, and every verdict on
 * a word that does not depend on the document. Words are found by a hash
 * the tokenizer computes and a comparison with the document's characters,
 * so a word seen before costs no string: slicing, lowercasing and hashing
 * a new string for every token was most of the rule's cost.
 */
class Vocabulary {
  /** Open addressing: an entry's index plus one (0: free), and its hash beside it so most probes touch no entry. */
  private slots = new Int32Array(1 << 16);
  private slotHashes = new Int32Array(1 << 16);
  private entries: Array<WordEntry & { hash: number }> = [];
  readonly known = (word: string): boolean => inDictionary(word) || this.accepted.has(word) || (this.commonwealth && isCommonwealthSpelling(word));

  constructor(
    private readonly accepted: ReadonlySet<string>,
    private readonly commonwealth: boolean,
  ) {}

  get size(): number {
    return this.entries.length;
  }

  clear(): void {
    this.slots.fill(0);
    this.slotHashes.fill(0);
    this.entries = [];
  }

  /** The entry of the lower-case form of `text` between two offsets (ASCII letters and apostrophes); `hash` is `hashOf` that form. */
  entryAt(text: string, start: number, end: number, hash: number): WordEntry {
    const mask = this.slots.length - 1;
    for (let slot = mixed(hash) & mask; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot]!;
      if (index === 0) return this.insert(flatCopy(text.slice(start, end).toLowerCase()), hash, slot);
      if (this.slotHashes[slot] !== hash) continue;
      const entry = this.entries[index - 1]!;
      if (sameWord(entry.word, text, start, end)) return entry;
    }
  }

  entry(word: string): WordEntry {
    return this.entryAt(word, 0, word.length, hashOf(word));
  }

  /** The entry of `word` if the vocabulary has one, without adding it. */
  find(word: string): WordEntry | undefined {
    const hash = hashOf(word);
    const mask = this.slots.length - 1;
    for (let slot = mixed(hash) & mask; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot]!;
      if (index === 0) return undefined;
      const entry = this.entries[index - 1]!;
      if (this.slotHashes[slot] === hash && entry.word === word) return entry;
    }
  }

  isKnown(entry: WordEntry): boolean {
    entry.known ??= dictionary().correct(entry.word) || this.accepted.has(entry.word) || (this.commonwealth && isCommonwealthSpelling(entry.word));
    return entry.known;
  }

  private insert(word: string, hash: number, slot: number): WordEntry {
    const entry = { word, hash, known: undefined, typingError: undefined, derived: undefined, count: 0, document: 0 };
    this.entries.push(entry);
    this.slots[slot] = this.entries.length;
    this.slotHashes[slot] = hash;
    if (this.entries.length * 2 > this.slots.length) this.grow();
    return entry;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.slotHashes = new Int32Array(this.slots.length);
    const mask = this.slots.length - 1;
    for (const [index, entry] of this.entries.entries()) {
      let slot = mixed(entry.hash) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = index + 1;
      this.slotHashes[slot] = entry.hash;
    }
  }
}

/** A string of its own: a slice of a long document would keep the whole document alive and read slower. */
function flatCopy(word: string): string {
  return Buffer.from(word, 'latin1').toString('latin1');
}

function mixed(hash: number): number {
  return hash ^ (hash >>> 15);
}

/** Is `word` the lower-case form of `text` between the offsets? Only A–Z differ in case in the words looked up. */
function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let index = 0; index < word.length; index++) {
    let code = text.charCodeAt(start + index);
    if (code >= 65 && code <= 90) code += 32;
    if (code !== word.charCodeAt(index)) return false;
  }
  return true;
}

const vocabularies = new Map<string, Vocabulary>();
const vocabularyOfOptions = new WeakMap<NoMisspellingOptions, Vocabulary>();

/** One vocabulary per language and word list, shared by every document (and options object) that uses them. */
function vocabularyFor(options: NoMisspellingOptions): Vocabulary {
  let vocabulary = vocabularyOfOptions.get(options);
  if (!vocabulary) {
    const accepted = acceptedWords(options);
    const signature = `${options.language}\n${[...accepted].sort().join('\n')}`;
    vocabulary = vocabularies.get(signature);
    if (!vocabulary) {
      vocabulary = new Vocabulary(accepted, options.language === 'en');
      vocabularies.set(signature, vocabulary);
    }
    vocabularyOfOptions.set(options, vocabulary);
  }
  return vocabulary;
}

/** The words of the document being checked, with their counts. */
class DocumentWords {
  readonly number = ++documentNumber;
  readonly entries: WordEntry[] = [];

  constructor(private readonly vocabulary: Vocabulary) {}

  /** Counts one occurrence of a word of three letters or more. */
  add(entry: WordEntry): WordEntry {
    if (entry.document !== this.number) {
      entry.document = this.number;
      entry.count = 0;
      this.entries.push(entry);
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
    if (end - start === 2) TWO_LETTER_WORDS[pairIndex(text.charCodeAt(start), text.charCodeAt(start + 1))] = this.number;
  }

  count(word: string): number {
    if (word.length < MIN_WORD_LENGTH) return word.length === 2 && TWO_LETTER_WORDS[pairIndex(word.charCodeAt(0), word.charCodeAt(1))] === this.number ? 1 : 0;
    const entry = this.vocabulary.find(word);
    return entry?.document === this.number ? entry.count : 0;
  }

  /** Does the document use a word one edit (Damerau) from `word`? Compares with its words rather than generating every edit. */
  usesWordOneEditFrom(word: string): boolean {
    for (const { word: other } of this.entries) {
      // The edits of a word (letters only) are letters only: an entry with an apostrophe is never one.
      if (Math.abs(other.length - word.length) <= 1 && !other.includes("'") && isOneEditApart(word, other)) return true;
    }
    if (word.length !== MIN_WORD_LENGTH) return false;
    for (const [index, document] of TWO_LETTER_WORDS.entries()) {
      if (document === this.number && isOneEditApart(word, ALPHABET[Math.floor(index / 26)]! + ALPHABET[index % 26]!)) return true;
    }
    return false;
  }
}

/** For each two-letter word (`pairIndex`), the number of the last document that used it. */
const TWO_LETTER_WORDS = new Int32Array(26 * 26);

/** Index of a two-letter word of ASCII letters, either case. */
function pairIndex(first: number, second: number): number {
  return ((first | 32) - 97) * 26 + ((second | 32) - 97);
}

/** One letter added, dropped or replaced, or two neighbours swapped. */
function isOneEditApart(a: string, b: string): boolean {
  if (a.length < b.length) return isOneEditApart(b, a);
  let index = 0;
  while (index < b.length && a.charCodeAt(index) === b.charCodeAt(index)) index++;
  if (a.length > b.length + 1 || (a.length === b.length && index === a.length)) return false;
  if (a.length > b.length) return sameFrom(a, index + 1, b, index);
  if (sameFrom(a, index + 1, b, index + 1)) return true;
  return index + 1 < a.length && a[index] === b[index + 1] && a[index + 1] === b[index] && sameFrom(a, index + 2, b, index + 2);
}

function sameFrom(a: string, aFrom: number, b: string, bFrom: number): boolean {
  if (a.length - aFrom !== b.length - bFrom) return false;
  for (let offset = 0; aFrom + offset < a.length; offset++) if (a.charCodeAt(aFrom + offset) !== b.charCodeAt(bFrom + offset)) return false;
  return true;
}

class Speller {
  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly document: DocumentWords,
  ) {}

  /** Undefined when the word is fine or not worth reporting; `strict` asks for typing-error evidence only. */
  judge(entry: WordEntry, strict: boolean, reportWithoutSuggestion: boolean): Verdict | undefined {
    const word = entry.word;
    if (word.length < MIN_WORD_LENGTH || word.includes("'") || this.vocabulary.isKnown(entry)) return undefined;
    const inDocument = (candidate: Candidate): boolean => this.document.count(candidate.word) > 0;
    const known = this.vocabulary.known;
    entry.typingError ??= nearCandidates(word).some((candidate) => STRONG_SHAPES.has(candidate.shape));
    const typingError = entry.typingError;
    if (!typingError) {
      entry.derived ??= isDerivedWord(word, known) || (word.endsWith('in') && known(`${word}g`));
      if (entry.derived) return undefined;
    }
    // Cheapest evidence first: the full list of neighbours costs about 50 look-ups a letter.
    const worthAFullLook =
      typingError ||
      (!strict && ((word.length >= MIN_LENGTH_FOR_OMISSION && omissionCandidates(word).length > 0) || this.document.usesWordOneEditFrom(word)));
    const candidates = worthAFullLook ? allCandidates(word) : [];
    const plausible = candidates.filter(
      (candidate) =>
        STRONG_SHAPES.has(candidate.shape) ||
        (!strict && (inDocument(candidate) || (candidate.shape === 'omission' && word.length >= MIN_LENGTH_FOR_OMISSION))),
    );
    if (plausible.length === 0 || (word.length === MIN_WORD_LENGTH && candidates.every((c) => c.shape !== 'transposition'))) {
      return reportWithoutSuggestion && !strict ? { suggestions: [] } : undefined;
    }
    const score = (candidate: Candidate): number =>
      (inDocument(candidate) ? 100 : 0) + SHAPE_RANK[candidate.shape] * 10 + (candidate.word[0] === word[0] ? 1 : 0);
    const ranked = [...plausible].sort((a, b) => score(b) - score(a) || a.word.localeCompare(b.word));
    const best = ranked[0]!;
    const tied = ranked.filter((candidate) => score(candidate) === score(best));
    if (tied.length > 1) return { suggestions: tied.slice(0, 3).map((candidate) => candidate.word) };
    // Safe: the only word one edit away, or the only swap / doubled-letter repair that the document does not contradict.
    const rivals = candidates.filter((candidate) => candidate !== best && (STRONG_SHAPES.has(candidate.shape) || inDocument(candidate)));
    const safe = candidates.length === 1 || (STRONG_SHAPES.has(best.shape) && (rivals.length === 0 || (inDocument(best) && rivals.every((rival) => !inDocument(rival)))));
    return { suggestions: [best.word], fix: { word: best.word, safety: safe ? 'safe' : 'unsafe' } };
  }
}

/** A word: letters, marks and digits, with apostrophes and hyphens inside. `plain`: ASCII letters only. */
interface Token {
  start: number;
  end: number;
  plain: boolean;
  /** Holds a hyphen or a curly apostrophe, so it needs splitting or normalising. */
  joined: boolean;
}

const OTHER_WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;
const otherWordCharacters = new Map<number, boolean>();

function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  if (code >= 0xd800 && code <= 0xdfff) return true;
  let word = otherWordCharacters.get(code);
  if (word === undefined) {
    word = OTHER_WORD_CHARACTER.test(String.fromCharCode(code));
    otherWordCharacters.set(code, word);
  }
  return word;
}

function isJoinerCode(code: number): boolean {
  return code === 39 || code === 45 || code === 0x2019 || code === 0x2010 || code === 0x2011;
}

/**
 * Scans character codes rather than running a Unicode regular expression:
 * on 1.3 MB of web pages the expression alone took longer than the rest of
 * the rule.
 */
function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let index = from;
  while (index < to) {
    while (index < to && !isWordCode(text.charCodeAt(index))) index++;
    if (index >= to) break;
    const start = index;
    let plain = true;
    let joined = false;
    for (;;) {
      const code = text.charCodeAt(index);
      if (index < to && isWordCode(code)) {
        if (plain && !((code >= 97 && code <= 122) || (code >= 65 && code <= 90))) plain = false;
        index++;
      } else if (index + 1 < to && isJoinerCode(code) && isWordCode(text.charCodeAt(index + 1))) {
        if (code !== 39) joined = true;
        index++;
      } else {
        break;
      }
    }
    tokens.push({ start, end: index, plain, joined });
  }
  return tokens;
}

const HYPHEN = /[\u2010\u2011-]/;
/** A capital and lower-case letters; other mixes of case are acronyms and CamelCase. */
const CAPITALISED = /^[A-Z][a-z]+$/;
const CURLY_APOSTROPHE = /\u2019/g;

function partsOf(text: string, token: Token): string[] {
  const word = text.slice(token.start, token.end);
  return token.joined ? word.replace(CURLY_APOSTROPHE, "'").split(HYPHEN) : [word];
}

/** The white-space-delimited chunk holding `index`: an address, handle, tag, path or code rather than prose? */
function inNonProseChunk(text: string, index: number): boolean {
  let start = index;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  let end = index;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  return NOT_PROSE.test(text.slice(start, end));
}

function isSentenceStart(text: string, index: number): boolean {
  let cursor = index - 1;
  while (cursor >= 0 && text[cursor] !== '\n' && OPENERS.test(text[cursor]!)) cursor--;
  return cursor < 0 || text[cursor] === '\n' || SENTENCE_END.test(text[cursor]!);
}

/** "Sri Lanka", "Bigg Boss", "Pos. Piloto": a capital followed by another capital is a name or a label, even at a sentence start. */
function startsNameRun(text: string, end: number): boolean {
  return /^\.?[^\S\r\n]+\p{Lu}/u.test(text.slice(end, end + 5));
}

function matchCase(suggestion: string, typed: string): string {
  return /^[A-Z]/.test(typed) ? suggestion[0]!.toUpperCase() + suggestion.slice(1) : suggestion;
}

function messageFor(typed: string, suggestions: readonly string[]): string {
  if (suggestions.length === 0) return `Unknown word \`${typed}\`; check the spelling or add it to the word list`;
  const quoted = suggestions.map((suggestion) => `\`${matchCase(suggestion, typed)}\``);
  return `Unknown word \`${typed}\`; did you mean ${quoted.join(' or ')}?`;
}

export default defineRule<NoMisspellingOptions>({
  meta: {
    id: 'no-misspelling',
    description: 'Disallow misspelt words',
    version: 1,
    fixable: true,
    fixSafety: 'unsafe',
    recommended: 'warn',
    defaultOptions: { language: 'en', words: [], wordsFile: null, trustRepeated: 2, reportWithoutSuggestion: false },
    optionsSchema: {
      type: 'object',
      properties: {
        language: { enum: SUPPORTED_LANGUAGES },
        words: { type: 'array', items: { type: 'string' } },
        wordsFile: { type: ['string', 'null'] },
        trustRepeated: { type: 'integer', minimum: 0 },
        reportWithoutSuggestion: { type: 'boolean' },
      },
      additionalProperties: false,
    },
  },
  check(context) {
    const options = context.options;
    if (!SUPPORTED_LANGUAGES.includes(options.language)) {
      throw new Error(`no-misspelling has only an English dictionary; set "language" to "en" or "en-US", not "${options.language}"`);
    }
    const text = context.text;
    const vocabulary = vocabularyFor(options);
    if (vocabulary.size > MAX_VOCABULARY_ENTRIES) vocabulary.clear();
    const document = new DocumentWords(vocabulary);
    const speller = new Speller(vocabulary, document);
    const englishShares = new Map<number, number>();
    const looksEnglish = (offset: number): boolean => {
      const line = lineAt(context.lines, offset);
      if (!line) return true;
      let share = englishShares.get(line.number);
      if (share === undefined) {
        share = shareOfKnownWords(text, tokenize(text, line.start, line.end), vocabulary.known);
        englishShares.set(line.number, share);
      }
      return share >= MIN_ENGLISH_SHARE;
    };

    // First every word is counted (a word repeated later in the document is trusted), and the few that
    // no cheap test settles are set aside; only those are judged.
    const doubtful: Array<{ entry: WordEntry; part: string; begin: number; capitalised: boolean }> = [];
    const consider = (entry: WordEntry, begin: number, end: number, partIndex: number, partCount: number): void => {
      document.add(entry);
      const lower = entry.word;
      if (entry.known === true || lower.length < MIN_WORD_LENGTH || lower.includes("'")) return;
      const part = text.slice(begin, end).replace(CURLY_APOSTROPHE, "'");
      const capitalised = part !== lower;
      if (capitalised && !CAPITALISED.test(part)) return;
      if (capitalised && (partIndex > 0 || !isSentenceStart(text, begin) || startsNameRun(text, end))) return;
      if (partCount > 1 && PREFIX_SET.has(lower)) return;
      if (vocabulary.isKnown(entry)) return;
      doubtful.push({ entry, part, begin, capitalised });
    };
    // The tokenizer's scan (see `tokenize`), hashing each word's lower-case form on the way.
    const length = text.length;
    let index = 0;
    while (index < length) {
      while (index < length && !isWordCode(text.charCodeAt(index))) index++;
      if (index >= length) break;
      const start = index;
      let plain = true;
      let joined = false;
      let hash = HASH_SEED;
      // Lower-case ASCII letters first: they are most of the characters of English text.
      for (;;) {
        const code = text.charCodeAt(index);
        if (code >= 97 && code <= 122) {
          hash = hashStep(hash, code);
          index++;
        } else if (code >= 65 && code <= 90) {
          hash = hashStep(hash, code + 32);
          index++;
        } else if (index < length && isWordCode(code)) {
          plain = false;
          index++;
        } else if (index + 1 < length && isJoinerCode(code) && isWordCode(text.charCodeAt(index + 1))) {
          if (code === 39) hash = hashStep(hash, code);
          else joined = true;
          index++;
        } else {
          break;
        }
      }
      if (!plain) continue;
      if (!joined) {
        if (index - start < MIN_WORD_LENGTH) {
          document.addShort(text, start, index);
          continue;
        }
        consider(vocabulary.entryAt(text, start, index, hash), start, index, 0, 1);
        continue;
      }
      const parts = partsOf(text, { start, end: index, plain, joined });
      let begin = start;
      for (const [partIndex, part] of parts.entries()) {
        if (part.length < MIN_WORD_LENGTH) document.addShort(part, 0, part.length);
        else consider(vocabulary.entry(part.toLowerCase()), begin, begin + part.length, partIndex, parts.length);
        begin += part.length + 1;
      }
    }

    for (const { entry, part, begin, capitalised } of doubtful) {
      if ((options.trustRepeated > 0 && entry.count >= options.trustRepeated) || (capitalised && inDictionary(part))) continue;
      const verdict = speller.judge(entry, capitalised, options.reportWithoutSuggestion);
      if (!verdict || inNonProseChunk(text, begin) || !looksEnglish(begin)) continue;
      const end = begin + part.length;
      context.report({
        message: messageFor(part, verdict.suggestions),
        start: begin,
        end,
        ...(verdict.fix && {
          fix: { range: [begin, end], text: matchCase(verdict.fix.word, part) },
          fixSafety: verdict.fix.safety,
        }),
      });
    }
  },
});

function shareOfKnownWords(text: string, tokens: readonly Token[], known: (word: string) => boolean): number {
  let words = 0;
  let knownWords = 0;
  for (const token of tokens) {
    const word = text.slice(token.start, token.end);
    if (!token.plain || !/^[a-z]{3,}$/.test(word)) continue;
    words++;
    if (known(word)) knownWords++;
  }
  return words < MIN_WORDS_FOR_LANGUAGE_CHECK ? 1 : knownWords / words;
}

function lineAt(lines: readonly Line[], offset: number): Line | undefined {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const line = lines[middle]!;
    if (offset < line.start) high = middle - 1;
    else if (offset > line.next) low = middle + 1;
    else return line;
  }
  return undefined;
}
