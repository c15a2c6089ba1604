/**
 * The one scan of a document that the document-quality rules (gopher-quality,
 * gopher-repetition, c4-*, fineweb-quality) share: its tokens as datatrove's
 * filters count them, and its language. It runs once per lint of a document,
 * however many of those rules are on, and makes no object per token.
 *
 * Tokens approximate the word tokenizer datatrove gives those filters (NLTK's
 * for English): white space separates tokens; a run of letters, digits and
 * marks is a word, with an apostrophe, hyphen or dot inside it kept (`don't`,
 * `well-written`, `3.5`, where NLTK makes `do` `n't` of the first); a run of
 * anything else is one symbol token (`,'` and `...` each one token, where NLTK
 * cuts some runs, such as `?!`, in two). Offsets and lengths are UTF-16 code
 * units, as JavaScript counts (Python counts code points: they differ only
 * outside the Basic Multilingual Plane).
 */
import { LANGUAGES, LanguageTally, stopwordEntryAt } from './language.js';
import type { RuleContext } from '../rule.js';

/** The token has a letter, digit or mark: a word, not a symbol token. */
export const WORD_TOKEN = 1;
/** The token has a letter (Python's `str.isalpha` of one of its characters). */
export const LETTER_TOKEN = 2;

export interface DocumentTokens {
  count: number;
  /** Offsets of token `i`: `starts[i]` to `ends[i]` (exclusive). Longer than `count`: read below it. */
  starts: Int32Array;
  ends: Int32Array;
  /** WORD_TOKEN | LETTER_TOKEN bits per token. */
  flags: Uint8Array;
}

export interface QualityScan {
  /** Tokenized on first use. */
  readonly tokens: DocumentTokens;
  /**
   * The document's language (an ISO 639-1 code, as stopwords-iso names them)
   * when it is clearly not one of `languages`; undefined when it may be one of
   * them, or there is too little text to tell.
   */
  otherLanguage(languages: readonly string[]): string | undefined;
  /** Keys of the language notes given for this lint of the document, so the rules give one between them. */
  readonly notices: Set<string>;
}

const SPACE = 1;
const LETTER = 2;
/** Digits and combining marks: part of a word, not letters. */
const WORD_PART = 4;
const SYMBOL = 8;
const WORD = LETTER | WORD_PART;

/** Character classes of BMP code units, filled on first sight (0: not seen yet). */
const bmpClass = new Uint8Array(0x10000);
const IS_SPACE = /^\s$/u;
const IS_LETTER = /^\p{L}$/u;
const IS_WORD_PART = /^[\p{N}\p{M}]$/u;

function classifyCodePoint(point: number): number {
  const char = String.fromCodePoint(point);
  if (IS_SPACE.test(char)) return SPACE;
  if (IS_LETTER.test(char)) return LETTER;
  if (IS_WORD_PART.test(char)) return WORD_PART;
  return SYMBOL;
}

for (let code = 0; code < 0x80; code++) bmpClass[code] = classifyCodePoint(code);

function classOfUnit(code: number): number {
  let known = bmpClass[code]!;
  if (known === 0) bmpClass[code] = known = classifyCodePoint(code);
  return known;
}

/** Inside a word, between two word characters: apostrophes, hyphens, dots. */
function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2e || code === 0x2d || code === 0x2019 || code === 0x2010 || code === 0x2011;
}

/** Buffers reused from one document to the next (a scan is read before the next document is linted). */
let buffers: DocumentTokens = { count: 0, starts: new Int32Array(1024), ends: new Int32Array(1024), flags: new Uint8Array(1024) };

/** The class of the character at `at` and its length in code units, packed as `class | length << 4`. */
function classAt(text: string, at: number, length: number): number {
  const code = text.charCodeAt(at);
  if (code < 0x80) return bmpClass[code]! | 16;
  if (code >= 0xd800 && code <= 0xdbff && at + 1 < length) {
    const point = text.codePointAt(at)!;
    if (point > 0xffff) return classifyCodePoint(point) | 32;
  }
  return classOfUnit(code) | 16;
}

function tokenize(text: string, maxWords = Infinity): DocumentTokens {
  // A token is at least one code unit and tokens are apart: never more tokens than code units.
  if (buffers.starts.length < text.length) {
    const size = Math.max(text.length, buffers.starts.length * 2);
    buffers = { count: 0, starts: new Int32Array(size), ends: new Int32Array(size), flags: new Uint8Array(size) };
  }
  const { starts, ends, flags } = buffers;
  const length = text.length;
  let count = 0;
  let words = 0;
  let at = 0;
  while (at < length && words < maxWords) {
    const code = text.charCodeAt(at);
    // ASCII inline: most of any web text.
    let packed = code < 0x80 ? bmpClass[code]! | 16 : classAt(text, at, length);
    let kind = packed & 15;
    if (kind === SPACE) {
      at += packed >> 4;
      continue;
    }
    const start = at;
    at += packed >> 4;
    let kinds = kind;
    if (kind & WORD) {
      while (at < length) {
        const next = text.charCodeAt(at);
        packed = next < 0x80 ? bmpClass[next]! | 16 : classAt(text, at, length);
        kind = packed & 15;
        if (kind & WORD) {
          kinds |= kind;
          at += packed >> 4;
        } else if (isJoiner(next) && at + 1 < length && classAt(text, at + 1, length) & WORD) {
          at++;
        } else {
          break;
        }
      }
    } else {
      while (at < length) {
        const next = text.charCodeAt(at);
        packed = next < 0x80 ? bmpClass[next]! | 16 : classAt(text, at, length);
        if ((packed & 15) !== SYMBOL) break;
        at += packed >> 4;
      }
    }
    starts[count] = start;
    ends[count] = at;
    flags[count] = (kinds & WORD ? WORD_TOKEN : 0) | (kinds & LETTER ? LETTER_TOKEN : 0);
    if (kinds & WORD) words++;
    count++;
  }
  buffers.count = count;
  return buffers;
}

/**
 * A language is named only on this many stop-word hits: a short document
 * ("Just one sentence.") has too few words to tell, and is checked.
 */
const MIN_LANGUAGE_EVIDENCE = 8;
/**
 * The running words read: a page's first 250 words tell English from French
 * (no-site-chrome, which weighs every line's stop words, reads 3,000).
 */
const SAMPLE_WORDS = 250;
/** Nor on one word said again and again ("comment" is French too): it takes this many different stop words. */
const MIN_DISTINCT_STOPWORDS = 4;

function tallyLanguages(text: string, tokens: DocumentTokens): LanguageTally {
  const tally = new LanguageTally();
  for (let index = 0; index < tokens.count && tally.words < SAMPLE_WORDS; index++) {
    if (tokens.flags[index]! & WORD_TOKEN) tally.add(stopwordEntryAt(text, tokens.starts[index]!, tokens.ends[index]!));
  }
  return tally;
}

/**
 * The document's language when it is clearly none of `languages`: its best
 * language has enough hits and every listed one has fewer (stop words shared
 * by several languages tie them, and a tie is no evidence against a listed
 * one). Undefined when the document may be in one of them.
 */
function otherLanguage(tally: LanguageTally, languages: readonly string[]): string | undefined {
  const best = tally.best();
  if (best < 0 || tally.hits[best]! < MIN_LANGUAGE_EVIDENCE || tally.distinct < MIN_DISTINCT_STOPWORDS) return undefined;
  for (const language of languages) {
    const index = LANGUAGES.indexOf(language);
    if (index >= 0 && tally.hits[index] === tally.hits[best]) return undefined;
  }
  return LANGUAGES[best];
}

const QUALITY_SCAN = Symbol('quality scan');

/** The scan of the document a rule is linting, made once per document for every quality rule (`context.memo`). */
export function qualityScan(context: Pick<RuleContext, 'text' | 'memo'>): QualityScan {
  return context.memo(QUALITY_SCAN, () => scanDocument(context.text));
}

function scanDocument(text: string): QualityScan {
  let tokens: DocumentTokens | undefined;
  let evidence: LanguageTally | undefined;
  const scan: QualityScan = {
    get tokens() {
      return (tokens ??= tokenize(text));
    },
    // The c4 rules need no tokens but the language's: the first words are enough for that.
    otherLanguage: (languages) => otherLanguage((evidence ??= tallyLanguages(text, tokens ?? tokenize(text, SAMPLE_WORDS))), languages),
    notices: new Set(),
  };
  return scan;
}

/** Python's `str.isspace` characters, which `strip` removes. */
export function isSpace(code: number): boolean {
  return (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x20) || code === 0x85 || code === 0xa0 || code === 0x1680
    || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}
