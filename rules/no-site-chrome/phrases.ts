/**
 * The phrase library of no-site-chrome, compiled once, and the one-pass scan
 * of a line that phrase look-ups need (its shape, normal form and the words
 * that may begin a phrase). The phrases are the rule's reasons ("comment
 * form", "donation appeal") and features of its line model.
 */
import chromePhrases from '../data/chrome-phrases.json' with { type: 'json' };
import { fnvHashLowerAscii } from '../../src/core/text/hash.js';
import { SpanTable } from '../../src/core/text/span-table.js';



export interface PhraseEntry {
  phrase?: string;
  pattern?: string;
  match?: 'line' | 'start' | 'contains';
  kind: string;
  lang: string;
  reason: string;
  maxWords?: number;
  /**
   * Cheap pre-checks of a 'pattern' entry, so that its expression runs only
   * on the few lines that may match: the line has one of `words` (whole
   * words of the normal form) or one of the characters of `symbols`, begins
   * with one of `firstWords`, has an ASCII digit (`digit`), and is at most
   * `maxLength` UTF-16 units long.
   */
  words?: string[];
  symbols?: string;
  firstWords?: string[];
  digit?: boolean;
  maxLength?: number;
  /** 'edge': only outside the article body (bylines and timestamps look like datelines inside it). */
  zone?: 'edge';
}

interface PhraseLibrary {
  kinds: Record<string, string>;
  entries: PhraseEntry[];
}

/**
 * The phrase library compiled once at module load, so that each line is
 * normalised once and looked up, not compared with every phrase.
 */
interface CompiledPhrases {
  /** 'line' phrases (and their bare forms) by normalised text. */
  whole: Map<string, PhraseEntry>;
  /** Length of the longest key of `whole`: longer lines need no look-up. */
  wholeMaxLength: number;
  /** 'start' phrases by their first UTF-16 unit, in library order. */
  startsByFirstUnit: Map<number, StartPhrase[]>;
  /** 'contains' phrases by their first word, so a line is scanned once, not once per phrase. */
  /** The words a 'contains' phrase begins with or a pattern's pre-check names, so a line is scanned once, not once per phrase. */
  phraseWords: Map<string, PhraseWord>;
  /**
   * The same words in a SpanTable (the value: an index into `phraseWordList`),
   * so a word of a line is looked up where it stands, with no substring. Only
   * words without A–Z, the only ones a normal form can hold.
   */
  phraseWordTable: SpanTable;
  phraseWordList: PhraseWord[];
  /** Set at the `wordKey` of every word in `phraseWords`: most words of a line are ruled out without a substring. */
  wordKeys: Uint8Array;
  /** 'contains' phrases that start with a symbol ('©'). */
  containsSymbol: ContainsPhrase[];
  /**
   * 'contains' phrases with a CJK character ('本网站使用cookie'): no space
   * marks where a CJK word begins, so they are looked for anywhere in a line
   * with a CJK character, not at word starts.
   */
  containsCjk: ContainsPhrase[];
  patterns: CompiledPattern[];
}

interface PhraseWord {
  /** The 'contains' phrases that begin with the word, in library order. */
  phrases: ContainsPhrase[];
  /** The bits of the patterns whose 'words' pre-check names the word. */
  gateBits: number;
}

interface CompiledPattern {
  entry: PhraseEntry;
  regex: RegExp;
  /** This pattern's bit in `PhraseWord.gateBits` and `symbolGatesOf`. */
  bit: number;
  firstWords: Set<string> | undefined;
}

interface StartPhrase {
  phrase: string;
  entry: PhraseEntry;
  maxWords: number;
  /** The phrase ends in punctuation or a space ('share:', 'latest '), so any character may follow it. */
  open: boolean;
}

interface ContainsPhrase {
  phrase: string;
  entry: PhraseEntry;
  order: number;
  /** The phrase has an apostrophe or a quote mark, so it is matched after `plainQuotes`. */
  quoted: boolean;
}

export const SHAPE = {
  /** A prose line has at least this many words (CJK: two characters count as a word). */
  proseWords: 10,
  /** ... or this many, even without terminal punctuation (a paragraph cut by the scraper). */
  longProseWords: 18,
  /** Share of words starting in lower case that separates sentences from Title Case headlines. */
  minLowercaseShare: 0.3,
  /** Menu items, buttons and labels: at most this many words. */
  shortWords: 5,
  /** Headlines in a list of links are at most this long. */
  headlineWords: 16,
  /** A headline, its dek and a byline make three lines in a row; a list of links makes more. */
  minHeadlineRun: 4,
  /** Standalone outlet labels and logos ('TT', 'CBC', 'SEARCH'). */
  labelChars: 12,
} as const;

function compilePhrases(data: PhraseLibrary): CompiledPhrases {
  const result: CompiledPhrases = {
    whole: new Map(),
    wholeMaxLength: 0,
    startsByFirstUnit: new Map(),
    phraseWords: new Map(),
    phraseWordTable: new SpanTable(),
    phraseWordList: [],
    wordKeys: new Uint8Array(128 * 128 * 16),
    containsSymbol: [],
    containsCjk: [],
    patterns: [],
  };
  const phraseWord = (word: string): PhraseWord => {
    let found = result.phraseWords.get(word);
    if (!found) {
      found = { phrases: [], gateBits: 0 };
      result.phraseWords.set(word, found);
      if (!/[A-Z]/.test(word)) {
        const index = result.phraseWordList.push(found) - 1;
        result.phraseWordTable.intern(word, 0, word.length, fnvHashLowerAscii(word), () => index);
      }
      result.wordKeys[wordKeyOf(word, 0, word.length)] = 1;
    }
    return found;
  };
  const addWhole = (key: string, entry: PhraseEntry) => {
    if (!key || result.whole.has(key)) return;
    result.whole.set(key, entry);
    result.wholeMaxLength = Math.max(result.wholeMaxLength, key.length);
  };
  for (const [order, entry] of data.entries.entries()) {
    if (entry.pattern !== undefined) {
      const bit = 1 << result.patterns.length;
      result.patterns.push({ entry, regex: new RegExp(entry.pattern, 'iu'), bit, firstWords: entry.firstWords && new Set(entry.firstWords) });
      for (const word of entry.words ?? []) phraseWord(word).gateBits |= bit;
      for (const symbol of entry.symbols ?? '') symbolGatesOf[symbol.charCodeAt(0)]! |= bit;
    } else if (entry.phrase !== undefined) {
      const phrase = normalise(entry.phrase);
      if (entry.match === 'line') {
        addWhole(phrase, entry);
        addWhole(stripOuter(phrase), entry);
      } else if (entry.match === 'start') {
        // A phrase ending in a CJK character ('阅读全文') may be followed by any character: CJK words are not spaced.
        const open = /[\p{P}\p{S}\s]$/u.test(phrase) || (classOf(codePointBefore(phrase, phrase.length)) & CJK_CHAR) !== 0;
        const start: StartPhrase = { phrase, entry, maxWords: entry.maxWords ?? 20, open };
        const unit = phrase.charCodeAt(0);
        result.startsByFirstUnit.set(unit, [...(result.startsByFirstUnit.get(unit) ?? []), start]);
      } else {
        const first = /^[\p{L}\p{N}]+/u.exec(phrase)?.[0];
        const item = { phrase, entry, order, quoted: /['"]/.test(phrase) };
        if (hasCjk(phrase)) result.containsCjk.push(item);
        else if (first === undefined) result.containsSymbol.push(item);
        else {
          phraseWord(first).phrases.push(item);
        }
      }
    }
  }
  return result;
}

/**
 * A cheap fingerprint of the word at `text[wordStart, wordStart + length)`
 * that needs no substring: its first two units in lower case (any non-ASCII
 * unit counts as 0x7f) and its length (15 for longer words).
 */
function wordKeyOf(text: string, wordStart: number, length: number): number {
  const first = Math.min(lowerAscii(text.charCodeAt(wordStart)), 0x7f);
  const second = length > 1 ? Math.min(lowerAscii(text.charCodeAt(wordStart + 1)), 0x7f) : 0;
  return (first << 11) | (second << 4) | Math.min(length, 15);
}

function lowerAscii(unit: number): number {
  return unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
}

/** Whether the word may begin a 'contains' phrase or name a pattern's pre-check: a word starting with a non-ASCII letter always may (its lower case is not worked out here). */
function mayBePhraseWord(text: string, wordStart: number, length: number): boolean {
  return text.charCodeAt(wordStart) > 0x7f || compiled.wordKeys[wordKeyOf(text, wordStart, length)] === 1;
}

/**
 * Character classes, as bits, with the meaning of the regular expressions the
 * rule was first written with: SPACE is JavaScript's `\s` (what `trim()`
 * removes), LETTER `\p{L}`, LOWER `\p{Ll}`, ALNUM `[\p{L}\p{N}]`, PUNCT_SYMBOL
 * `[\p{P}\p{S}]`, DIGIT `\d` (ASCII only), INVISIBLE the zero-width marks a
 * blank line may hold. Looking them up in a table instead of running a
 * Unicode regular expression per token is most of the rule's speed.
 */
export const SPACE = 1;
export const LETTER = 2;
export const LOWER = 4;
export const ALNUM = 8;
export const PUNCT_SYMBOL = 16;
export const DIGIT = 32;
export const CJK_CHAR = 64;
const INVISIBLE = 128;
/** One of the curly quotes and accents that `plainQuotes` replaces. */
const FANCY_QUOTE = 256;
/** Ends a sentence: . ! ? 。 ！ ？ … : ; */
export const SENTENCE_END = 512;
/** May follow the end of a sentence: closing quotes and brackets. */
export const SENTENCE_CLOSER = 1024;
const KNOWN = 2048;
/** Neither white space nor an invisible mark: a line with one is not blank. */
const VISIBLE = 4096;
/**
 * NFKC may change a line with this character: it changes the character
 * itself, or the character may compose with the one before it (combining
 * marks, Hangul vowel and final jamo, the Kirat Rai vowel signs). A line
 * without one is its own NFKC form, with no call to `normalize`.
 */
const NFKC_RISK = 8192;

/** For each UTF-16 unit, the bits of the patterns that name it among their pre-check symbols. */
const symbolGatesOf = new Uint32Array(0x10000);

/** Classes of the 65,536 UTF-16 units, filled in as they are met; a fixed size, shared by all documents. */
const unitClasses = new Uint16Array(0x10000);

export function classOf(codePoint: number): number {
  if (codePoint > 0xffff) return classify(codePoint);
  const known = unitClasses[codePoint]!;
  if (known !== 0) return known;
  const bits = classify(codePoint) | KNOWN;
  unitClasses[codePoint] = bits;
  return bits;
}

/** The classes of the ASCII characters, for the line scan's fast path. */
const asciiClasses = Uint16Array.from({ length: 0x80 }, (_, unit) => classOf(unit));

function classify(codePoint: number): number {
  const char = String.fromCodePoint(codePoint);
  let bits = 0;
  if (/^\s$/u.test(char)) bits |= SPACE;
  if (/^\p{L}$/u.test(char)) bits |= LETTER | ALNUM;
  if (/^\p{Ll}$/u.test(char)) bits |= LOWER;
  if (/^\p{N}$/u.test(char)) bits |= ALNUM;
  if (/^[\p{P}\p{S}]$/u.test(char)) bits |= PUNCT_SYMBOL;
  if (codePoint >= 0x30 && codePoint <= 0x39) bits |= DIGIT;
  if (/^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]$/u.test(char)) bits |= CJK_CHAR;
  if (/^[\u200b-\u200f\u2060\ufeff]$/u.test(char)) bits |= INVISIBLE;
  if (/^[‘’‛`´“”„«»]$/u.test(char)) bits |= FANCY_QUOTE;
  if (/^[.!?。！？…:;]$/u.test(char)) bits |= SENTENCE_END;
  if (/^[\s"'”’»)\]]$/u.test(char)) bits |= SENTENCE_CLOSER;
  if (!(bits & (SPACE | INVISIBLE))) bits |= VISIBLE;
  if (char.normalize('NFKC') !== char || /^\p{M}$/u.test(char) || (codePoint >= 0x1160 && codePoint <= 0x11ff) || (codePoint >= 0x16d00 && codePoint <= 0x16d7f)) {
    bits |= NFKC_RISK;
  }
  return bits;
}

/** The code point at `index`; a lone surrogate stands for itself, as in a `u` regular expression. */
export function codePointAt(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
    const low = text.charCodeAt(index + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return unit;
}

/** The code point that ends just before `end`. */
function codePointBefore(text: string, end: number): number {
  const unit = text.charCodeAt(end - 1);
  if (unit >= 0xdc00 && unit <= 0xdfff && end >= 2) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (unit - 0xdc00) + 0x10000;
  }
  return unit;
}

function normalise(text: string): string {
  return plainQuotes(text.normalize('NFKC').toLowerCase())
    .replace(/\s+/g, ' ')
    .trim();
}

function plainQuotes(text: string): string {
  return text.replace(/[‘’‛`´]/g, "'").replace(/[“”„«»]/g, '"');
}

/** Arrows, bullets, quotes and punctuation around a button label ('Read more »', '» Share', 'Comments (3)'). */
function stripOuter(text: string): string {
  let end = text.length;
  // A counter at the end: '(', spaces, digits, spaces, ')'.
  if (text.charCodeAt(end - 1) === 0x29) {
    let at = end - 2;
    while (at >= 0 && classOf(text.charCodeAt(at)) & SPACE) at--;
    while (at >= 0 && classOf(text.charCodeAt(at)) & DIGIT) at--;
    while (at >= 0 && classOf(text.charCodeAt(at)) & SPACE) at--;
    if (at >= 0 && text.charCodeAt(at) === 0x28) end = at;
  }
  let start = 0;
  while (start < end) {
    const codePoint = codePointAt(text, start);
    if (!(classOf(codePoint) & (SPACE | PUNCT_SYMBOL | DIGIT))) break;
    start += codePoint > 0xffff ? 2 : 1;
  }
  while (end > start) {
    const codePoint = codePointBefore(text, end);
    if (!(classOf(codePoint) & (SPACE | PUNCT_SYMBOL))) break;
    end -= codePoint > 0xffff ? 2 : 1;
  }
  return text.slice(start, end);
}

/** What ends a full sentence for the 'start' phrases (not ':', as in 'Share this:'). */
const TERMINAL_PUNCTUATION = new Set(['.', '!', '?']);

export function matchPhrase(shape: LineShape): PhraseEntry | undefined {
  const { words, trimmed, candidates } = shape;
  let { norm, quotesPending } = shape;
  // 'Share this: Facebook Twitter' is a widget; 'Share this information, please?' is the author talking.
  const sentence = words >= 4 && TERMINAL_PUNCTUATION.has(norm.charAt(norm.length - 1));
  // Keys are short; a long line needs no look-up (and no hashing).
  const wholeFits = stripOuter(norm).length <= compiled.wholeMaxLength;
  if (quotesPending && (wholeFits || !sentence)) {
    norm = plainQuotes(norm);
    quotesPending = false;
  }
  if (wholeFits) {
    const whole = compiled.whole.get(stripOuter(norm)) ?? (norm.length <= compiled.wholeMaxLength ? compiled.whole.get(norm) : undefined);
    if (whole) return whole;
  }
  if (!sentence) {
    for (const start of compiled.startsByFirstUnit.get(norm.charCodeAt(0)) ?? []) {
      if (words <= start.maxWords && startsWithWord(norm, start)) return start.entry;
    }
  }
  const found = findContainedPhrase(norm, quotesPending, candidates, shape.cjk);
  if (found) return found.entry;
  const gates = gateWordBits | shape.symbolGates;
  let firstWord: string | undefined;
  for (const { entry, regex, bit, firstWords } of compiled.patterns) {
    if ((entry.words !== undefined || entry.symbols !== undefined) && !(gates & bit)) continue;
    if (entry.digit && !shape.digit) continue;
    if (entry.maxLength !== undefined && trimmed.length > entry.maxLength) continue;
    if (firstWords && !firstWords.has((firstWord ??= firstWordOf(norm)))) continue;
    if (regex.test(trimmed)) return entry;
  }
  return undefined;
}

/** The run of letters and digits that begins the normal form ('' when it begins otherwise). */
function firstWordOf(norm: string): string {
  let end = 0;
  while (end < norm.length && classOf(norm.charCodeAt(end)) & ALNUM) end++;
  return norm.slice(0, end);
}

function startsWithWord(text: string, start: StartPhrase): boolean {
  if (!text.startsWith(start.phrase)) return false;
  if (text.length === start.phrase.length || start.open) return true;
  const next = classOf(codePointAt(text, start.phrase.length));
  // A CJK character after the phrase begins a new word ('我们使用cookie来…'): CJK words are not spaced.
  return !(next & ALNUM) || (next & CJK_CHAR) !== 0;
}

function hasCjk(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (classOf(text.charCodeAt(index)) & CJK_CHAR) return true;
  return false;
}

/** Set by `findContainedPhrase`: the bits of the patterns whose pre-check words the line has. */
let gateWordBits = 0;

/**
 * The earliest library entry among the 'contains' phrases found in the line,
 * each starting at a word; on the way, sets `gateWordBits`.
 */
function findContainedPhrase(norm: string, quotesPending: boolean, candidates: number[], cjk: boolean): ContainsPhrase | undefined {
  let found: ContainsPhrase | undefined;
  // Quote marks matter only to the few phrases with an apostrophe or a quote mark in them.
  let withPlainQuotes = quotesPending ? undefined : norm;
  gateWordBits = 0;
  for (let at = 0; at < candidates.length; at += 2) {
    const wordStart = candidates[at]!;
    const wordEnd = candidates[at + 1]!;
    const index = compiled.phraseWordTable.get(norm, wordStart, wordEnd, fnvHashLowerAscii(norm, wordStart, wordEnd), -1);
    if (index < 0) continue;
    const word = compiled.phraseWordList[index]!;
    gateWordBits |= word.gateBits;
    for (const item of word.phrases) {
      if (found && item.order >= found.order) continue;
      if (item.quoted) withPlainQuotes ??= plainQuotes(norm);
      if ((item.quoted ? withPlainQuotes! : norm).startsWith(item.phrase, wordStart)) found = item;
    }
  }
  for (const item of compiled.containsSymbol) {
    if ((!found || item.order < found.order) && norm.includes(item.phrase)) found = item;
  }
  if (cjk) {
    for (const item of compiled.containsCjk) {
      if ((!found || item.order < found.order) && norm.includes(item.phrase)) found = item;
    }
  }
  return found;
}

/**
 * Start and end of each word (a run of letters and digits) of the normal form
 * that may begin a 'contains' phrase, as pairs of offsets.
 */
function firstWordCandidates(norm: string): number[] {
  const candidates: number[] = [];
  let index = 0;
  while (index < norm.length) {
    let codePoint = codePointAt(norm, index);
    if (!(classOf(codePoint) & ALNUM)) {
      index += codePoint > 0xffff ? 2 : 1;
      continue;
    }
    const wordStart = index;
    do {
      index += codePoint > 0xffff ? 2 : 1;
      codePoint = index < norm.length ? codePointAt(norm, index) : 0x20;
    } while (classOf(codePoint) & ALNUM);
    if (mayBePhraseWord(norm, wordStart, index - wordStart)) candidates.push(wordStart, index);
  }
  return candidates;
}

export interface LineShape {
  blank: boolean;
  words: number;
  prose: boolean;
  sentence: boolean;
  short: boolean;
  tableRow: boolean;
  /** The line without its outer white space. */
  trimmed: string;
  /** The line as phrases are matched: NFKC, lower case, plain quotes, single spaces. */
  norm: string;
  /** `norm` still has curly quotes: `plainQuotes` is left until a phrase needs it (most long lines never do). */
  quotesPending: boolean;
  /** `firstWordCandidates(norm)`, or more (a candidate is checked against the phrases). */
  candidates: number[];
  /** The line has an ASCII digit. */
  digit: boolean;
  /** The line has a CJK character (kana, ideograph, Hangul syllable). */
  cjk: boolean;
  /** The bits of the patterns one of whose pre-check symbols the line has. */
  symbolGates: number;
}

/**
 * The line's shape, its normal form and the words that may begin a
 * 'contains' phrase, from one pass over its characters.
 */
export function shapeOf(text: string): LineShape {
  let start = 0;
  let end = text.length;
  while (start < end && classOf(text.charCodeAt(start)) & SPACE) start++;
  while (end > start && classOf(text.charCodeAt(end - 1)) & SPACE) end--;
  let tokens = 0;
  let lettered = 0;
  let lower = 0;
  let numbers = 0;
  let cjk = 0;
  /** The classes of all characters of the line that are not white space, or-ed together. */
  let seen = 0;
  /** The classes of the current token's characters, or-ed; 0 between tokens. */
  let token = 0;
  let tokenLower = false;
  let singleSpaces = true;
  let previousSpace = false;
  let symbolGates = 0;
  let wordStart = -1;
  const candidates: number[] = [];
  // One step past the end, as if a space followed, closes the last token and word.
  for (let index = start; index <= end; index++) {
    const at = index;
    let unit = index < end ? text.charCodeAt(index) : 0x20;
    let bits: number;
    if (unit < 0x80) bits = asciiClasses[unit]!;
    else {
      if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < end) {
        const low = text.charCodeAt(index + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          unit = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          index++;
        }
      }
      bits = classOf(unit);
      if (bits & CJK_CHAR) cjk++;
      if (bits & PUNCT_SYMBOL && unit <= 0xffff) symbolGates |= symbolGatesOf[unit]!;
    }
    if (bits & ALNUM) {
      if (wordStart < 0) wordStart = at;
    } else if (wordStart >= 0) {
      if (mayBePhraseWord(text, wordStart, at - wordStart)) candidates.push(wordStart - start, at - start);
      wordStart = -1;
    }
    if (bits & SPACE) {
      if (index < end && (unit !== 0x20 || previousSpace)) singleSpaces = false;
      previousSpace = true;
      if (token & ALNUM) {
        tokens++;
        if (token & LETTER) {
          lettered++;
          if (tokenLower) lower++;
        }
        if (token & DIGIT) numbers++;
      }
      token = 0;
    } else {
      previousSpace = false;
      if (bits & LETTER && !(token & LETTER)) tokenLower = (bits & LOWER) !== 0;
      token |= bits;
      seen |= bits;
      if (unit < 0x80 && bits & PUNCT_SYMBOL) symbolGates |= symbolGatesOf[unit]!;
    }
  }
  const blank = (seen & VISIBLE) === 0;
  const quotes = (seen & FANCY_QUOTE) !== 0;
  const digit = (seen & DIGIT) !== 0;
  const trimmed = text.slice(start, end);
  const words = cjk > tokens ? Math.round(cjk / 2) : tokens;
  const lowercaseShare = cjk > tokens ? 1 : lettered ? lower / lettered : 0;
  let last = end;
  while (last > start && classOf(text.charCodeAt(last - 1)) & SENTENCE_CLOSER) last--;
  const endsSentence = last > start && (classOf(text.charCodeAt(last - 1)) & SENTENCE_END) !== 0;
  const sentenceLike = lowercaseShare >= SHAPE.minLowercaseShare;
  // Most lines are already in NFKC with single spaces: then the normal form is
  // the lower case with plain quotes, and the words found above are its words
  // (unless lower-casing changed the length, as 'İ' does).
  let norm = '';
  let sameWords = false;
  let quotesPending = false;
  if (blank) sameWords = true;
  else if (seen & NFKC_RISK && trimmed.normalize('NFKC') !== trimmed) norm = normalise(text);
  else {
    norm = trimmed.toLowerCase();
    quotesPending = quotes;
    if (!singleSpaces) norm = norm.replace(/\s+/g, ' ');
    else sameWords = norm.length === trimmed.length;
  }
  return {
    blank,
    words,
    prose: sentenceLike && ((words >= SHAPE.proseWords && endsSentence) || words >= SHAPE.longProseWords),
    sentence: endsSentence && words >= 2 && sentenceLike,
    short: words <= SHAPE.shortWords && !(endsSentence && sentenceLike && words >= 3),
    tableRow: numbers >= 3 && numbers * 3 >= tokens,
    trimmed,
    norm,
    quotesPending,
    candidates: sameWords ? candidates : firstWordCandidates(norm),
    digit,
    cjk: cjk > 0,
    symbolGates,
  };
}


/** Last, so that every table and helper above exists when it runs. */
export const library = chromePhrases as PhraseLibrary;
const compiled = compilePhrases(library);

/** Kinds that are chrome even inside the article's prose (cookie banners, comment-form notices). */
export const STRONG_KINDS: ReadonlySet<string> = new Set(['cookie', 'comment-form', 'copyright', 'video']);
/** Headings after which a page seldom returns to the article: comments, related stories, tags, sources, the author's box. */
export const CLOSING_KINDS: ReadonlySet<string> = new Set(['comment-form', 'related', 'tags', 'source-link', 'author']);

/** What a person reads for a phrase's kind ('comment form' for 'comment-form'). */
export function kindLabel(kind: string): string {
  return library.kinds[kind] ?? kind;
}
