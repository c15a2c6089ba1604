import { defineRule, type RuleContext } from '../src/rule.js';
import type { Line } from '../src/text/lines.js';
import chromePhrases from './data/chrome-phrases.json' with { type: 'json' };

/**
 * Website text that is not the article: menus, footers, comment forms,
 * donation and newsletter boxes, share buttons, cookie notices, outlet labels.
 *
 * The model works on blocks, not single lines, because that is how pages are
 * built: the article is one run of long, sentence-like lines (with short
 * sub-headings, captions and tables between them), and chrome comes in runs of
 * short lines before and after it. So the rule (1) finds the article body as
 * the heaviest cluster of prose lines, (2) keeps what sits inside it unless a
 * phrase says otherwise, and (3) outside it flags lines that a phrase, a menu
 * run, a chrome neighbourhood or the corpus marks as template text. A short
 * line between article paragraphs is a sub-heading, never chrome by shape.
 */

interface PhraseEntry {
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
  /** Set at the `wordKey` of every word in `phraseWords`: most words of a line are ruled out without a substring. */
  wordKeys: Uint8Array;
  /** 'contains' phrases that start with a symbol ('©'). */
  containsSymbol: ContainsPhrase[];
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

export interface ChromeOptions {
  /** Prose lines closer than this (in non-blank lines between them) belong to one article body. */
  maxArticleGap: number;
  /** How many short lines in a row make a menu. */
  minMenuRun: number;
  /** With a corpus: a short line found in at least this share of documents is template text. */
  minTemplateShare: number;
}

const DEFAULT_OPTIONS: ChromeOptions = {
  // Sub-heading + caption + pull quote is the most seen between two paragraphs
  // of one article in the web-dev pages; menus and teaser lists are longer.
  maxArticleGap: 3,
  minMenuRun: 3,
  minTemplateShare: 0.3,
};

/** Line shapes, from the web-dev pages: article paragraphs are long sentences; chrome is short. */
const SHAPE = {
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

type Zone = 'body' | 'edge';

const OUTLET_LABEL = 'outlet or logo label';

interface LineInfo {
  line: Line;
  blank: boolean;
  words: number;
  prose: boolean;
  sentence: boolean;
  short: boolean;
  tableRow: boolean;
  /** The line without its outer white space. */
  text: string;
  phrase: PhraseEntry | undefined;
  anchor: boolean;
  chrome: string | undefined;
}

function compilePhrases(data: PhraseLibrary): CompiledPhrases {
  const result: CompiledPhrases = {
    whole: new Map(),
    wholeMaxLength: 0,
    startsByFirstUnit: new Map(),
    phraseWords: new Map(),
    wordKeys: new Uint8Array(128 * 128 * 16),
    containsSymbol: [],
    patterns: [],
  };
  const phraseWord = (word: string): PhraseWord => {
    let found = result.phraseWords.get(word);
    if (!found) {
      found = { phrases: [], gateBits: 0 };
      result.phraseWords.set(word, found);
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
        const start: StartPhrase = { phrase, entry, maxWords: entry.maxWords ?? 20, open: /[\p{P}\p{S}\s]$/u.test(phrase) };
        const unit = phrase.charCodeAt(0);
        result.startsByFirstUnit.set(unit, [...(result.startsByFirstUnit.get(unit) ?? []), start]);
      } else {
        const first = /^[\p{L}\p{N}]+/u.exec(phrase)?.[0];
        const item = { phrase, entry, order, quoted: /['"]/.test(phrase) };
        if (first === undefined) result.containsSymbol.push(item);
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
const SPACE = 1;
const LETTER = 2;
const LOWER = 4;
const ALNUM = 8;
const PUNCT_SYMBOL = 16;
const DIGIT = 32;
const CJK_CHAR = 64;
const INVISIBLE = 128;
/** One of the curly quotes and accents that `plainQuotes` replaces. */
const FANCY_QUOTE = 256;
/** Ends a sentence: . ! ? 。 ！ ？ … : ; */
const SENTENCE_END = 512;
/** May follow the end of a sentence: closing quotes and brackets. */
const SENTENCE_CLOSER = 1024;
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

function classOf(codePoint: number): number {
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
function codePointAt(text: string, index: number): number {
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

function matchPhrase(shape: LineShape): PhraseEntry | undefined {
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
  const found = findContainedPhrase(norm, quotesPending, candidates);
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
  return !(classOf(text.charCodeAt(start.phrase.length)) & ALNUM);
}

/** Set by `findContainedPhrase`: the bits of the patterns whose pre-check words the line has. */
let gateWordBits = 0;

/**
 * The earliest library entry among the 'contains' phrases found in the line,
 * each starting at a word; on the way, sets `gateWordBits`.
 */
function findContainedPhrase(norm: string, quotesPending: boolean, candidates: number[]): ContainsPhrase | undefined {
  let found: ContainsPhrase | undefined;
  // Quote marks matter only to the few phrases with an apostrophe or a quote mark in them.
  let withPlainQuotes = quotesPending ? undefined : norm;
  gateWordBits = 0;
  for (let at = 0; at < candidates.length; at += 2) {
    const wordStart = candidates[at]!;
    const word = compiled.phraseWords.get(norm.slice(wordStart, candidates[at + 1]));
    if (!word) continue;
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

interface LineShape {
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
  /** The bits of the patterns one of whose pre-check symbols the line has. */
  symbolGates: number;
}

/**
 * The line's shape, its normal form and the words that may begin a
 * 'contains' phrase, from one pass over its characters.
 */
function shapeOf(text: string): LineShape {
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
    symbolGates,
  };
}

/** Last, so that every table and helper above exists when it runs. */
const library = chromePhrases as PhraseLibrary;
const compiled = compilePhrases(library);

export default defineRule<ChromeOptions>({
  meta: {
    id: 'no-site-chrome',
    description: 'Disallow website chrome (menus, footers, comment forms, share and subscription prompts) among article text',
    version: 1,
    fixable: true,
    fixSafety: 'safe',
    recommended: 'error',
    usesCorpus: true,
    defaultOptions: DEFAULT_OPTIONS,
    optionsSchema: {
      type: 'object',
      properties: {
        maxArticleGap: { type: 'integer', minimum: 0 },
        minMenuRun: { type: 'integer', minimum: 2 },
        minTemplateShare: { type: 'number', minimum: 0, maximum: 1 },
      },
      additionalProperties: false,
    },
  },
  check(context) {
    const options = { ...DEFAULT_OPTIONS, ...context.options };
    const infos: LineInfo[] = context.lines.map((line) => {
      const shape = shapeOf(line.text);
      const phrase = shape.blank ? undefined : matchPhrase(shape);
      return {
        line,
        blank: shape.blank,
        words: shape.words,
        prose: shape.prose,
        sentence: shape.sentence,
        short: shape.short,
        tableRow: shape.tableRow,
        text: shape.trimmed,
        phrase,
        anchor: shape.prose && phrase === undefined,
        chrome: undefined,
      };
    });
    const content = infos.filter((info) => !info.blank);
    if (content.length === 0) return;

    const body = findArticleBody(content, options.maxArticleGap);
    const zoneOf = (index: number): Zone => (body && index >= body.first && index <= body.last ? 'body' : 'edge');
    const templateCount = templateCounter(context.corpus, options.minTemplateShare);

    // A first line set off by a blank line is the document's title (how clean
    // texts and most scrapers begin) unless it is prose or a whole-line phrase.
    const title = content[0]!.line.number < infos.length && infos[content[0]!.line.number]!.blank ? content[0] : undefined;
    content.forEach((info, index) => {
      const zone = zoneOf(index);
      if (info === title && !info.prose && info.phrase?.match !== 'line') return;
      if (info.phrase && (zone === 'edge' || info.phrase.zone !== 'edge') && !(zone === 'body' && info.prose && info.phrase.match !== 'line' && !isStrongInProse(info.phrase))) {
        info.chrome = library.kinds[info.phrase.kind] ?? info.phrase.kind;
        return;
      }
      if (zone === 'body') return;
      // Logos and outlet names head the page; after the article a lone word is as likely a list's heading.
      if (isOutletLabel(info) && (!body || index < body.first)) info.chrome = OUTLET_LABEL;
      else if (templateCount(info) && !info.prose) info.chrome = 'template text repeated across documents';
    });

    markMenuRuns(content, zoneOf, options.minMenuRun);
    markHeadlineLists(content, zoneOf);
    markChromeNeighbourhoods(content, zoneOf, body);
    markChromeParagraphs(infos, body ? [content[body.first]!.line.number, content[body.last]!.line.number] : undefined);

    reportBlocks(context, infos);
  },
});

/** Phrases that stay chrome inside the body even on a long line (cookie banners, comment-form notices). */
function isStrongInProse(entry: PhraseEntry): boolean {
  return entry.kind === 'cookie' || entry.kind === 'comment-form' || entry.kind === 'copyright' || entry.kind === 'video';
}

/** 'TT', 'CBC', 'Sections': a lone word or two that is no sentence. */
function isOutletLabel(info: LineInfo): boolean {
  const text = info.text;
  return info.words >= 1 && info.words <= 2 && text.length <= SHAPE.labelChars && !/[.!?]$/.test(text) && !info.tableRow;
}

interface ArticleBody {
  /** Indexes into the non-blank lines. */
  first: number;
  last: number;
  /** The comment-form or related-list heading that ended the article, if one did. */
  closedBy?: number;
}

/**
 * Clusters prose lines that lie within `maxGap` non-blank lines of each other
 * and returns the cluster with the most prose words: the article. Prose that
 * a phrase marks as chrome (cookie banners, appeals) does not anchor it.
 * Neighbouring clusters join it when nothing between them is marked as
 * chrome (an article split by a list or a table is still one article).
 */
function findArticleBody(content: LineInfo[], maxGap: number): ArticleBody | undefined {
  const clusters: Array<ArticleBody & { weight: number; anchors: number; lastAnchor: number }> = [];
  content.forEach((info, index) => {
    // Short sentences ('Webb emerged, naked.') carry an article across a gap
    // but cannot start one: a lone 'Remind me later.' is no article.
    const bridge = info.sentence && !info.phrase;
    if (!info.anchor && !bridge) return;
    const current = clusters[clusters.length - 1];
    if (current && index - current.last - 1 <= maxGap) {
      current.last = index;
      if (info.anchor) {
        current.weight += info.words;
        current.anchors++;
        current.lastAnchor = index;
      }
    } else if (info.anchor) {
      clusters.push({ first: index, last: index, lastAnchor: index, weight: info.words, anchors: 1 });
    }
  });
  for (const cluster of clusters) cluster.last = cluster.lastAnchor;
  // A teaser list (headline, summary, headline, summary) has as many prose
  // lines as an article but only half its density; weigh density in.
  const score = (cluster: (typeof clusters)[number]) => cluster.weight * (cluster.anchors / (cluster.last - cluster.first + 1)) ** 2;
  if (clusters.length === 0) return undefined;
  let best = 0;
  clusters.forEach((cluster, index) => {
    if (score(cluster) > score(clusters[best]!)) best = index;
  });
  const body = { first: clusters[best]!.first, last: clusters[best]!.last };
  const unmarked = (from: number, to: number) =>
    content.slice(from, to).every((info) => !info.phrase || info.phrase.zone === 'edge') && !hasLinkList(content, from, to);
  for (let index = best - 1; index >= 0 && unmarked(clusters[index]!.last + 1, body.first); index--) body.first = clusters[index]!.first;
  for (let index = best + 1; index < clusters.length && unmarked(body.last + 1, clusters[index]!.first); index++) body.last = clusters[index]!.last;
  return endAtClosingMarker(content, startAfterOpeningByline(content, body));
}

/**
 * A page's dek or photo caption often lies just above the byline and joins
 * the body; a byline or timestamp among the body's first two prose lines
 * starts the article after it.
 */
function startAfterOpeningByline(content: LineInfo[], body: ArticleBody): ArticleBody {
  let anchors = 0;
  let byline: number | undefined;
  for (let index = body.first; index <= body.last; index++) {
    const info = content[index]!;
    if (info.phrase?.kind === 'byline') {
      if (anchors > 0) byline = index;
    } else if (info.anchor && ++anchors > MAX_DEK_LINES) break;
  }
  if (byline === undefined) return body;
  let first = byline + 1;
  while (first <= body.last && !content[first]!.anchor) first++;
  const weightOf = (from: number, to: number) =>
    content.slice(from, to).reduce((sum, info) => sum + (info.anchor ? info.words : 0), 0);
  if (first > body.last || weightOf(body.first, byline) * 2 > weightOf(first, body.last + 1)) return body;
  return { ...body, first };
}

/** A headline's dek and a photo caption: at most this many prose lines above the byline. */
const MAX_DEK_LINES = 2;

/** Headlines in a list of links: short, no sentence end, no table row. */
function isHeadlineShaped(info: LineInfo): boolean {
  return !info.prose && !info.tableRow && info.words <= SHAPE.headlineWords && !/[.;:]$/.test(info.text);
}

/**
 * Whether `content[from..to)` holds a run of headline-shaped lines long
 * enough to be a list of links (and not a list that a line ending in ':'
 * introduces): a page's other stories, which the article does not span.
 */
function hasLinkList(content: LineInfo[], from: number, to: number): boolean {
  let run = 0;
  for (let index = from; index < to; index++) {
    const info = content[index]!;
    const follows = index > from && info.line.number === content[index - 1]!.line.number + 1;
    if (!isHeadlineShaped(info)) run = 0;
    else if (run > 0 && follows) run++;
    else run = content[index - 1]?.text.endsWith(':') && follows ? 0 : 1;
    if (run >= SHAPE.minHeadlineRun) return true;
  }
  return false;
}

/**
 * Comment sections and related-story lists often follow the article without
 * a gap, and their prose joins the body; a comment-form or related-list
 * heading inside the body's last part ends it there.
 */
function endAtClosingMarker(content: LineInfo[], body: ArticleBody): ArticleBody {
  const weightOf = (from: number, to: number) =>
    content.slice(from, to).reduce((sum, info) => sum + (info.anchor ? info.words : 0), 0);
  const anchorsIn = (from: number, to: number) => content.slice(from, to).filter((info) => info.anchor).length;
  for (let index = body.first + 1; index <= body.last; index++) {
    const phrase = content[index]!.phrase;
    // An edge phrase ('About 40 people') inside the article is the article's.
    if (!phrase || phrase.zone === 'edge') continue;
    const before = weightOf(body.first, index);
    const after = weightOf(index + 1, body.last + 1);
    const closes = CLOSING_KINDS.has(phrase.kind)
      ? after <= before * (phrase.kind === 'comment-form' ? 1 : 0.5)
      : // Any other chrome (a newsletter box, share buttons) ends the article
        // when the prose after it is sparse: a footer's blurbs between its
        // links, not the paragraphs of an article that an inline box interrupts.
        after <= before * 0.5 && anchorsIn(index + 1, body.last + 1) < (body.last - index) * MAX_FOOTER_PROSE_SHARE;
    if (closes) {
      let last = index - 1;
      while (last > body.first && !content[last]!.anchor) last--;
      return { first: body.first, last, closedBy: index };
    }
  }
  return body;
}

/**
 * Below this share of prose lines, what follows a chrome line at the article's
 * end is a footer (a blurb under each link or heading), not the rest of the
 * article (paragraphs one after another, a sub-heading or caption between).
 */
const MAX_FOOTER_PROSE_SHARE = 0.5;

/** Headings after which a page does not return to the article. */
const CLOSING_KINDS = new Set(['comment-form', 'related', 'tags', 'source-link', 'author']);

function templateCounter(corpus: { documentCount: number; lineDocumentCount(text: string): number } | undefined, share: number) {
  return (info: LineInfo): boolean => {
    if (!corpus || corpus.documentCount < 3) return false;
    const count = corpus.lineDocumentCount(info.line.text);
    return count >= 3 && count >= share * corpus.documentCount;
  };
}

/** Outside the body, runs of short lines are menus, tag lists and footers. */
function markMenuRuns(content: LineInfo[], zoneOf: (index: number) => Zone, minRun: number): void {
  let start = 0;
  while (start < content.length) {
    let end = start;
    while (end < content.length && zoneOf(end) === 'edge' && !content[end]!.prose && !content[end]!.tableRow && (content[end]!.short || content[end]!.chrome)) end++;
    const run = content.slice(start, end);
    const shortCount = run.filter((info) => info.short).length;
    // Short paragraphs set apart by blank lines (an event's ticket box, a
    // list) are written text unless a known chrome phrase is among them.
    const contiguous = run.every((info, at) => at === 0 || info.line.number === run[at - 1]!.line.number + 1);
    if (end - start >= minRun && shortCount >= minRun && (contiguous || run.some((info) => info.phrase && info.phrase.zone !== 'edge'))) {
      for (let index = start; index < end; index++) {
        const info = content[index]!;
        if (!info.chrome || info.chrome === OUTLET_LABEL) info.chrome = 'navigation menu';
      }
    }
    start = end > start ? end : start + 1;
  }
}

/**
 * Outside the body, four or more headline-shaped lines in a row (no blank
 * line between) are a list of links to other stories.
 */
function markHeadlineLists(content: LineInfo[], zoneOf: (index: number) => Zone): void {
  const isHeadline = (info: LineInfo, index: number) =>
    zoneOf(index) === 'edge' && !info.prose && !info.tableRow && info.words <= SHAPE.headlineWords && !/[.;:]$/.test(info.text);
  let start = 0;
  while (start < content.length) {
    let end = start;
    while (end < content.length && isHeadline(content[end]!, end) && (end === start || content[end]!.line.number === content[end - 1]!.line.number + 1)) end++;
    // 'Tour dates:' followed by the dates is the article's own list.
    const before = content[start - 1];
    const introduced = before !== undefined && before.line.number === content[start]!.line.number - 1 && before.text.endsWith(':');
    if (end - start >= SHAPE.minHeadlineRun && !introduced) {
      for (let index = start; index < end; index++) content[index]!.chrome ??= 'related-content list';
    }
    start = end > start ? end : start + 1;
  }
}

/**
 * Outside the body, a line between two chrome lines is chrome too (a teaser
 * headline in a related-links list, a sentence in a donation banner), and so
 * is anything that follows chrome after the article has ended.
 */
function markChromeNeighbourhoods(content: LineInfo[], zoneOf: (index: number) => Zone, body: ArticleBody | undefined): void {
  if (body) {
    // Above the article, a short label next to a byline or timestamp belongs
    // to it: the author's title ('Opinion Columnist'), a desk ('TRD NATIONAL /').
    for (let index = 1; index < body.first; index++) {
      const info = content[index]!;
      if (info.chrome || !info.short || info.sentence) continue;
      const isByline = (other: LineInfo | undefined) => other?.phrase?.kind === 'byline' && other.chrome !== undefined;
      const before = content[index - 1];
      const after = content[index + 1];
      if ((isByline(before) && before!.line.number === info.line.number - 1) || (isByline(after) && after!.line.number === info.line.number + 1)) {
        info.chrome = library.kinds.byline!;
      }
    }
    // After the article, once chrome has begun, the page does not return to it.
    let seenChrome = false;
    // A comment section, a related-stories heading, a tag list or an author
    // box after the article closes it: what follows (reader comments, teaser
    // summaries, the author's or publisher's blurb) reads like prose but is
    // the page's, not the article's, and takes the closing line's kind.
    const kindOf = (info: LineInfo) => library.kinds[info.phrase!.kind] ?? info.phrase!.kind;
    let closedAs = body.closedBy !== undefined ? kindOf(content[body.closedBy]!) : undefined;
    for (let index = body.last + 1; index < content.length; index++) {
      const info = content[index]!;
      if (closedAs && !info.chrome) info.chrome = closedAs;
      // A lone short label ('STAFF', 'Ticketing') may be the article's; a phrase or a menu is not.
      if (info.chrome && ((info.phrase && info.phrase.zone !== 'edge') || info.chrome === 'navigation menu')) {
        seenChrome = true;
        if (info.phrase && CLOSING_KINDS.has(info.phrase.kind)) closedAs ??= kindOf(info);
      } else if (info.phrase?.kind === 'author') {
        seenChrome = true;
        closedAs ??= kindOf(info);
      } else if (seenChrome && !info.prose && !info.tableRow && !(info.sentence && info.words >= 5)) info.chrome ??= 'page footer';
    }
  }
  for (let pass = 0; pass < 2; pass++) {
    for (let index = 0; index < content.length; index++) {
      const info = content[index]!;
      if (info.chrome || zoneOf(index) === 'body') continue;
      const before = content[index - 1];
      const after = content[index + 1];
      const chromeBefore = before?.chrome !== undefined && info.line.number - before.line.number === 1;
      const chromeAfter = after?.chrome !== undefined && after.line.number - info.line.number === 1;
      if (chromeBefore && chromeAfter) info.chrome = before.chrome;
    }
  }
}

/**
 * Outside the article, a paragraph (lines between blank lines) that is mostly
 * chrome is all chrome: the one plain sentence in a donation banner goes too.
 */
function markChromeParagraphs(infos: LineInfo[], body: [number, number] | undefined): void {
  let start = 0;
  while (start < infos.length) {
    while (start < infos.length && infos[start]!.blank) start++;
    let end = start;
    while (end < infos.length && !infos[end]!.blank) end++;
    const paragraph = infos.slice(start, end);
    const inBody = body && paragraph.some((info) => info.line.number >= body[0] && info.line.number <= body[1]);
    const chrome = paragraph.filter((info) => info.chrome);
    if (!inBody && paragraph.length > 1 && chrome.length * 2 > paragraph.length) {
      for (const info of paragraph) info.chrome ??= chrome[0]!.chrome;
    }
    start = end;
  }
}

/** One message per run of chrome lines (blank lines between them join the run). */
function reportBlocks(context: RuleContext<ChromeOptions>, infos: LineInfo[]): void {
  let index = 0;
  while (index < infos.length) {
    if (!infos[index]!.chrome) {
      index++;
      continue;
    }
    let last = index;
    const kinds = new Set<string>([infos[index]!.chrome!]);
    let probe = index + 1;
    while (probe < infos.length && (infos[probe]!.blank || infos[probe]!.chrome)) {
      if (infos[probe]!.chrome) {
        last = probe;
        kinds.add(infos[probe]!.chrome!);
      }
      probe++;
    }
    const first = infos[index]!.line;
    const end = infos[last]!.line;
    const kind = kinds.size === 1 ? [...kinds][0]! : mainKind(infos.slice(index, last + 1));
    const message =
      first === end
        ? `Site chrome (${kind}), not article text; remove the line`
        : `Site chrome (${kind}) on lines ${first.number}–${end.number}; remove the block`;
    context.report({ message, start: first.start, end: end.end, fix: { range: [first.start, end.next], text: '' } });
    index = last + 1;
  }
}

function mainKind(block: LineInfo[]): string {
  const counts = new Map<string, number>();
  for (const info of block) if (info.chrome) counts.set(info.chrome, (counts.get(info.chrome) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}
