/**
 * The features the chrome model reads for each non-blank line of a document:
 * shallow text features of the line and of its neighbours, as boilerpipe
 * (Kohlschütter et al., WSDM 2010) and jusText do for HTML blocks, plus where
 * the line sits relative to the document's prose and whether it shares the
 * article's vocabulary. Nothing here depends on English alone: stop-word
 * density uses the page's own language (guessed from stopwords-iso's lists),
 * and the other features are shapes and positions.
 *
 * The training script (scripts/train-chrome.mjs) reads features through this
 * module too, so the model sees at run time exactly what it was trained on.
 */
import { FNV_OFFSET, FNV_PRIME } from '../../src/core/text/hash.js';
import { isStopwordOf, LANGUAGE_SAMPLE_WORDS, LanguageTally } from '../../src/core/text/language.js';
import type { Line } from '../../src/core/text/lines.js';
import {
  ALNUM, CJK_CHAR, DIGIT, LETTER, LOWER, PUNCT_SYMBOL, SENTENCE_CLOSER, SENTENCE_END, SPACE,
  CLOSING_KINDS, STRONG_KINDS, classOf, matchPhrase, shapeOf, type LineShape, type PhraseEntry,
} from './phrases.js';
import { fnvHash } from '../../src/core/text/hash.js';
import { resized } from '../../src/core/typed-arrays.js';
import { DocumentVocabulary, sharedWordGeneration, sharedWordId } from './vocabulary.js';

/** One non-blank line as the model sees it. */
export interface ContentLine {
  line: Line;
  shape: LineShape;
  phrase: PhraseEntry | undefined;
  /** Prose by shape and no phrase: a line that carries the article's weight. */
  prose: boolean;
  /** A blank line directly above / below. */
  blankBefore: boolean;
  blankAfter: boolean;
}

export interface DocumentFeatures {
  lines: ContentLine[];
  /** `lines.length` rows of `FEATURE_NAMES.length` values. */
  values: Float32Array;
}


/** A line of at least this many words takes part in the article's vocabulary. */
const VOCABULARY_LINE_WORDS = 12;

const OWN = [
  'logChars', 'logWords', 'meanWordLength', 'endsSentence', 'endsColon', 'punctuationShare', 'digitShare',
  'capitalisedShare', 'allCaps', 'stopwordShare', 'commasPerWord', 'innerSentenceEnds', 'listMarker',
  'tableLike', 'codeShare', 'link', 'quoteStart', 'prose', 'phrase', 'phraseWholeLine', 'phraseClosing',
  'phraseByline', 'phraseStrong', 'repeatsInDocument', 'vocabularyOverlap',
] as const;
const POSITION = [
  'relativePosition', 'proseBefore', 'proseAfter', 'logLinesFromStart', 'logLinesFromEnd', 'logDocumentLines',
  'documentProseShare', 'blankBefore', 'blankAfter',
] as const;
const NEIGHBOUR_OFFSETS = [-2, -1, 1, 2] as const;
const NEIGHBOUR = ['logWords', 'endsSentence', 'phrase', 'stopwordShare', 'prose'] as const;
const WINDOW = [
  'windowLogWords3', 'windowProse5', 'windowPhrases3', 'logDistanceToProseBefore', 'logDistanceToProseAfter',
  'logShortRun', 'windowVocabulary3', 'clusterShare', 'mainClusterSide', 'logDistanceToMainCluster',
  'introducedByColon', 'logHeadlineRun',
] as const;

export const FEATURE_NAMES: readonly string[] = [
  ...OWN,
  ...POSITION,
  ...NEIGHBOUR_OFFSETS.flatMap((offset) => NEIGHBOUR.map((name) => `${name}@${offset > 0 ? '+' : ''}${offset}`)),
  ...WINDOW,
];
const FEATURES = FEATURE_NAMES.length;
const FEATURE_INDEX = new Map(FEATURE_NAMES.map((name, at) => [name, at]));

/** One feature of line `row`, by name, from `documentFeatures(…).values`. */
export function featureOf(values: Float32Array, row: number, name: string): number {
  return values[row * FEATURES + FEATURE_INDEX.get(name)!]!;
}
const OWN_INDEX = Object.fromEntries(OWN.map((name, index) => [name, index])) as Record<(typeof OWN)[number], number>;
const POSITION_COLUMN = OWN.length;
const NEIGHBOUR_COLUMN = POSITION_COLUMN + POSITION.length;
const WINDOW_COLUMN = NEIGHBOUR_COLUMN + NEIGHBOUR_OFFSETS.length * NEIGHBOUR.length;
/** The own columns the neighbour features copy, in NEIGHBOUR's order. */
const NEIGHBOUR_SOURCES = NEIGHBOUR.map((name) => OWN_INDEX[name]);

/** Per line counts from one scan of its characters. */
interface LineCounts {
  chars: number;
  letters: number;
  punctuation: number;
  digits: number;
  commas: number;
  innerSentenceEnds: number;
  capitalisedWords: number;
  letteredWords: number;
  upperLetters: number;
  codeSymbols: number;
  /** The line has a '.' or a ':', without which LINK cannot match. */
  dotOrColon: boolean;
  /** The line has a tab or a '|'. */
  tableMark: boolean;
}

/** `{}[]();=<>/\_|$#@*&^~\``, by ASCII code. */
const CODE_SYMBOL = new Uint8Array(0x80);
for (const symbol of '{}[]();=<>/\\_|$#@*&^~`') CODE_SYMBOL[symbol.charCodeAt(0)] = 1;

const LIST_MARKER = /^\s*(?:[-*•·▪►▸»–—+]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s/u;
/** What a list item may begin with, besides white space: LIST_MARKER runs only after one. */
const LIST_MARKER_START = new Set([...'-*•·▪►▸»–—+(0123456789abcdefghijklmnopqrstuvwxyz'].map((char) => char.charCodeAt(0)));
/** A bullet, dash, plus, number or letter marking a list item ('• ', '3. ', 'b) '). */
export function isListItem(trimmed: string): boolean {
  if (trimmed.length === 0) return false;
  const first = trimmed.charCodeAt(0);
  if (!LIST_MARKER_START.has(first) && !(classOf(first) & SPACE)) return false;
  return LIST_MARKER.test(trimmed.slice(0, 8));
}

const LINK = /https?:\/\/|www\.|\.(?:com|org|net|html?)\b|\S@\S+\.\w/iu;
/** The quote marks a quotation line begins with. */
const QUOTE_START = new Set([...'"\'“”‘’«»„'].map((char) => char.charCodeAt(0)));

/**
 * A document's word ids, line after line (`lineWords[i]` to `lineWords[i + 1]`
 * are line `i`'s), in an array reused from one document to the next.
 */
let wordIds = new Int32Array(1 << 14);

/**
 * What a line's text alone decides: its shape, phrase, counts and words (as
 * shared word ids). Everything else depends on the document.
 */
interface LineScan {
  text: string;
  shape: LineShape;
  phrase: PhraseEntry | undefined;
  /** Undefined for a blank line. */
  counts: LineCounts | undefined;
  words: Int32Array;
}

/**
 * The scans of lines met more than once, by the FNV-1a hash of their text.
 * Menus, footers and other template lines recur from page to page (four in
 * five non-blank lines of bench/corpus/10m are a repeat), and a repeat costs
 * a hash instead of three scans of its characters and a phrase look-up. A
 * line is kept only when met again (`linesMet`), so a page of lines met once
 * (most paragraphs) costs a hash and a bit each, not a copy and a table entry.
 * A collision only scans a line again, or keeps one early.
 */
const lineScans = new Map<number, LineScan>();
/** One bit for each value of a hash's low 20 bits, set when a line with such a hash is met. */
const linesMet = new Uint8Array(1 << 17);
/** Characters of the lines kept; past `MAX_SCANNED_CHARS` no line is kept, and the next document starts both tables again. */
let scannedChars = 0;
const MAX_SCANNED_CHARS = 1 << 22;
/** Longer lines are scanned each time: paragraphs seldom recur, and they would fill the table. */
const MAX_SCANNED_LINE = 2000;
/** The shared word generation the scans' word ids belong to. */
let scansGeneration = -1;
const NO_WORDS = new Int32Array(0);

function scanOf(text: string): LineScan {
  if (text.length > MAX_SCANNED_LINE) return scanLine(text, false);
  const hash = fnvHash(text);
  const bit = 1 << (hash & 7);
  const byte = (hash >>> 3) & 0x1ffff;
  if (!(linesMet[byte]! & bit)) {
    linesMet[byte]! |= bit;
    return scanLine(text, false);
  }
  const known = lineScans.get(hash);
  if (known?.text === text) return known;
  if (known || scannedChars > MAX_SCANNED_CHARS) return scanLine(text, false);
  // A line is a slice of its document: a copy of its own keeps the table from holding whole documents.
  const scan = scanLine((' ' + text).slice(1), true);
  lineScans.set(hash, scan);
  scannedChars += text.length;
  return scan;
}

function scanLine(text: string, kept: boolean): LineScan {
  const shape = shapeOf(text);
  if (shape.blank) return { text, shape, phrase: undefined, counts: undefined, words: NO_WORDS };
  const counts = countLine(shape.trimmed);
  const words = resolveWords(shape.trimmed);
  return { text, shape, phrase: matchPhrase(shape), counts, words: kept ? words.slice() : words };
}

export function documentFeatures(lines: readonly Line[]): DocumentFeatures {
  const vocabulary = new DocumentVocabulary();
  if (scansGeneration !== sharedWordGeneration() || scannedChars > MAX_SCANNED_CHARS) {
    lineScans.clear();
    linesMet.fill(0);
    scannedChars = 0;
    scansGeneration = sharedWordGeneration();
  }
  const content: ContentLine[] = [];
  const counts: LineCounts[] = [];
  /** Where each content line's word ids begin in `wordIds`, and where the last one's end. */
  const lineWordStarts: number[] = [0];
  let wordCount = 0;
  let previousBlank = false;
  for (let index = 0; index < lines.length; index++) {
    const { shape, phrase, counts: lineCounts, words } = scanOf(lines[index]!.text);
    if (!lineCounts) {
      if (!previousBlank && content.length > 0) content[content.length - 1]!.blankAfter = true;
      previousBlank = true;
      continue;
    }
    content.push({ line: lines[index]!, shape, phrase, prose: shape.prose && phrase === undefined, blankBefore: previousBlank, blankAfter: false });
    counts.push(lineCounts);
    previousBlank = false;
    if (wordIds.length < wordCount + words.length) wordIds = resized(wordIds, Math.max(wordIds.length * 2, wordCount + words.length));
    for (let at = 0; at < words.length; at++) wordIds[wordCount++] = vocabulary.idOfShared(words[at]!);
    lineWordStarts.push(wordCount);
  }
  const n = content.length;
  const values = new Float32Array(n * FEATURES);
  if (n === 0) return { lines: content, values };
  const lineWords = Int32Array.from(lineWordStarts);

  const stopword = stopwordFlags(vocabulary.entries, lineWords);

  // Where the prose mass lies: the share of the document's prose words before and after each line.
  let totalProse = 0;
  let proseLines = 0;
  for (const item of content) {
    if (!item.prose) continue;
    totalProse += item.shape.words;
    proseLines++;
  }
  const documentProseShare = proseLines / n;

  // The article's vocabulary: how many long lines each word occurs in (once a line).
  const longLineCount = new Uint32Array(vocabulary.size);
  const lastLongLine = new Int32Array(vocabulary.size).fill(-1);
  for (let index = 0; index < n; index++) {
    if (content[index]!.shape.words < VOCABULARY_LINE_WORDS) continue;
    for (let at = lineWords[index]!; at < lineWords[index + 1]!; at++) {
      const word = wordIds[at]!;
      if (lastLongLine[word] === index) continue;
      lastLongLine[word] = index;
      longLineCount[word]!++;
    }
  }

  const repeats = new Map<string, number>();
  for (const item of content) repeats.set(item.shape.norm, (repeats.get(item.shape.norm) ?? 0) + 1);

  for (let index = 0; index < n; index++) {
    const item = content[index]!;
    const { shape, phrase } = item;
    const count = counts[index]!;
    const row = index * FEATURES;
    const words = Math.max(shape.words, 1);
    const ownLong = shape.words >= VOCABULARY_LINE_WORDS ? 1 : 0;
    // Content words (not stop words), and those of them the page's other long lines use.
    const firstWord = lineWords[index]!;
    const lineWordCount = lineWords[index + 1]! - firstWord;
    let contentWords = 0;
    let shared = 0;
    for (let at = firstWord; at < firstWord + lineWordCount; at++) {
      const word = wordIds[at]!;
      if (stopword[word]) continue;
      contentWords++;
      if (longLineCount[word]! - ownLong > 0) shared++;
    }
    const trimmed = shape.trimmed;
    const last = trimmed.charCodeAt(trimmed.length - 1);
    values[row + OWN_INDEX.logChars] = Math.log1p(count.chars);
    values[row + OWN_INDEX.logWords] = Math.log1p(shape.words);
    values[row + OWN_INDEX.meanWordLength] = count.letters / words;
    values[row + OWN_INDEX.endsSentence] = endsSentence(trimmed) ? 1 : 0;
    values[row + OWN_INDEX.endsColon] = last === 0x3a ? 1 : 0;
    values[row + OWN_INDEX.punctuationShare] = count.punctuation / Math.max(count.chars, 1);
    values[row + OWN_INDEX.digitShare] = count.digits / Math.max(count.chars, 1);
    values[row + OWN_INDEX.capitalisedShare] = count.letteredWords ? count.capitalisedWords / count.letteredWords : 0;
    values[row + OWN_INDEX.allCaps] = count.letters >= 2 && count.upperLetters === count.letters ? 1 : 0;
    values[row + OWN_INDEX.stopwordShare] = lineWordCount ? (lineWordCount - contentWords) / lineWordCount : 0;
    values[row + OWN_INDEX.commasPerWord] = count.commas / words;
    values[row + OWN_INDEX.innerSentenceEnds] = Math.min(count.innerSentenceEnds, 10);
    values[row + OWN_INDEX.listMarker] = isListItem(trimmed) ? 1 : 0;
    values[row + OWN_INDEX.tableLike] = shape.tableRow || (count.tableMark && (trimmed.includes('\t') || trimmed.includes(' | '))) ? 1 : 0;
    values[row + OWN_INDEX.codeShare] = count.codeSymbols / Math.max(count.chars, 1);
    values[row + OWN_INDEX.link] = count.dotOrColon && LINK.test(trimmed.length > 2000 ? trimmed.slice(0, 2000) : trimmed) ? 1 : 0;
    values[row + OWN_INDEX.quoteStart] = QUOTE_START.has(trimmed.charCodeAt(0)) ? 1 : 0;
    values[row + OWN_INDEX.prose] = item.prose ? 1 : 0;
    values[row + OWN_INDEX.phrase] = phrase ? 1 : 0;
    values[row + OWN_INDEX.phraseWholeLine] = phrase?.match === 'line' ? 1 : 0;
    values[row + OWN_INDEX.phraseClosing] = phrase && CLOSING_KINDS.has(phrase.kind) ? 1 : 0;
    values[row + OWN_INDEX.phraseByline] = phrase?.kind === 'byline' ? 1 : 0;
    values[row + OWN_INDEX.phraseStrong] = phrase && STRONG_KINDS.has(phrase.kind) ? 1 : 0;
    values[row + OWN_INDEX.repeatsInDocument] = Math.min(repeats.get(shape.norm)! - 1, 3);
    values[row + OWN_INDEX.vocabularyOverlap] = contentWords ? shared / contentWords : 0;
  }

  // Prefix sums for windows and positions.
  const proseBefore = new Float64Array(n + 1);
  for (let index = 0; index < n; index++) proseBefore[index + 1] = proseBefore[index]! + (content[index]!.prose ? content[index]!.shape.words : 0);
  const nearestProseBefore = new Int32Array(n);
  const nearestProseAfter = new Int32Array(n);
  let last = -1;
  for (let index = 0; index < n; index++) {
    nearestProseBefore[index] = last < 0 ? n : index - last;
    if (content[index]!.prose) last = index;
  }
  last = -1;
  for (let index = n - 1; index >= 0; index--) {
    nearestProseAfter[index] = last < 0 ? n : last - index;
    if (content[index]!.prose) last = index;
  }
  const shortRun = runLengths(content, (item) => item.shape.short);
  const clusters = proseClusters(content, totalProse);
  const introduced = introducedByColon(content);
  const headlineRun = runLengths(content, isHeadlineShaped);

  for (let index = 0; index < n; index++) {
    const row = index * FEATURES;
    let column = row + POSITION_COLUMN;
    values[column++] = n > 1 ? index / (n - 1) : 0.5;
    // A page without prose has none before or after any line.
    values[column++] = totalProse ? proseBefore[index]! / totalProse : 0;
    values[column++] = totalProse ? (totalProse - proseBefore[index + 1]!) / totalProse : 0;
    values[column++] = Math.log1p(index);
    values[column++] = Math.log1p(n - 1 - index);
    values[column++] = Math.log1p(n);
    values[column++] = documentProseShare;
    values[column++] = content[index]!.blankBefore ? 1 : 0;
    values[column++] = content[index]!.blankAfter ? 1 : 0;
    for (const offset of NEIGHBOUR_OFFSETS) {
      const at = index + offset;
      const inside = at >= 0 && at < n;
      for (const source of NEIGHBOUR_SOURCES) values[column++] = inside ? values[at * FEATURES + source]! : -1;
    }
    values[column++] = windowMean(values, n, index, 3, OWN_INDEX.logWords);
    values[column++] = windowMean(values, n, index, 5, OWN_INDEX.prose);
    values[column++] = windowMean(values, n, index, 3, OWN_INDEX.phrase);
    values[column++] = Math.log1p(nearestProseBefore[index]!);
    values[column++] = Math.log1p(nearestProseAfter[index]!);
    values[column++] = Math.log1p(shortRun[index]!);
    values[column++] = windowMean(values, n, index, 3, OWN_INDEX.vocabularyOverlap);
    values[column++] = clusters.share[index]!;
    values[column++] = index < clusters.mainFirst ? -1 : index > clusters.mainLast ? 1 : 0;
    values[column++] = Math.log1p(index < clusters.mainFirst ? clusters.mainFirst - index : index > clusters.mainLast ? index - clusters.mainLast : 0);
    values[column++] = introduced[index]!;
    values[column++] = Math.log1p(headlineRun[index]!);
  }
  return { lines: content, values };
}

/** Mean of one own feature over the lines within `radius` of line `index`, the line itself left out. */
function windowMean(values: Float32Array, n: number, index: number, radius: number, column: number): number {
  let sum = 0;
  let taken = 0;
  for (let at = Math.max(0, index - radius); at <= Math.min(n - 1, index + radius); at++) {
    if (at === index) continue;
    sum += values[at * FEATURES + column]!;
    taken++;
  }
  return taken ? sum / taken : 0;
}

function endsSentence(trimmed: string): boolean {
  let end = trimmed.length;
  while (end > 0 && classOf(trimmed.charCodeAt(end - 1)) & SENTENCE_CLOSER) end--;
  return end > 0 && (classOf(trimmed.charCodeAt(end - 1)) & SENTENCE_END) !== 0 && trimmed.charCodeAt(end - 1) !== 0x3a;
}

/** Longest words kept as vocabulary; longer runs (base64, hashes) count as one word, not as text. */
const MAX_WORD_LENGTH = 40;

/**
 * How lower-casing treats each BMP code unit on its own, filled on first
 * sight: KNOWN, CHANGES (its lower case is another string) and ONE_UNIT (its
 * lower case is one code unit, and it is no surrogate). In a line of ONE_UNIT
 * units only, `toLowerCase()` keeps every unit in its place, so an ASCII word's
 * lower case can be read from the line itself.
 */
const caseOfUnit = new Uint8Array(0x10000);
const CASE_KNOWN = 1;
const CASE_CHANGES = 2;
const CASE_ONE_UNIT = 4;

function caseOf(unit: number): number {
  const known = caseOfUnit[unit]!;
  if (known !== 0) return known;
  const char = String.fromCharCode(unit);
  const lower = char.toLowerCase();
  const bits = CASE_KNOWN | (lower !== char ? CASE_CHANGES : 0) | (lower.length === 1 && !(unit >= 0xd800 && unit <= 0xdfff) ? CASE_ONE_UNIT : 0);
  return (caseOfUnit[unit] = bits);
}

/** The words `countLine` found in its line: start, end and kind of each, until the line is read. */
let spanStarts = new Int32Array(256);
let spanEnds = new Int32Array(256);
/** 0: ASCII only, 1: other, 2: a CJK character. */
let spanKinds = new Uint8Array(256);
/** FNV-1a of an ASCII word with A–Z as a–z, as `fnvHashLowerAscii` gives it, taken on the way. */
let spanHashes = new Int32Array(256);
/** The shared ids `resolveWords` gives, reused from one line to the next (a kept line keeps a copy). */
let lineWordIds = new Int32Array(256);
/** How many words `countLine` found, and whether its line keeps every unit in place when lower-cased. */
let spanCount = 0;
let spansAligned = true;
const SPAN_ASCII = 0;
const SPAN_OTHER = 1;
const SPAN_CJK = 2;

/**
 * The line's counts, from one scan of its characters; its words are left in
 * the span arrays for `resolveWords`. A word is a run of letters and digits,
 * lower-cased as the whole line is; a CJK character is a word of its own.
 */
function countLine(text: string): LineCounts {
  let letters = 0;
  let punctuation = 0;
  let digits = 0;
  let commas = 0;
  let innerSentenceEnds = 0;
  let capitalisedWords = 0;
  let letteredWords = 0;
  let upperLetters = 0;
  let codeSymbols = 0;
  let dotOrColon = false;
  let tableMark = false;
  /** Every unit lower-cases to one unit, in place. */
  let aligned = true;
  let spans = 0;
  let wordStart = -1;
  let wordAscii = true;
  const length = text.length;
  if (spanStarts.length < length + 1) {
    spanStarts = new Int32Array(length + 1);
    spanEnds = new Int32Array(length + 1);
    spanKinds = new Uint8Array(length + 1);
    spanHashes = new Int32Array(length + 1);
  }
  let hash = FNV_OFFSET;
  for (let index = 0; index <= length; index++) {
    // One step past the end, as if a space followed, closes the last word.
    const unit = index < length ? text.charCodeAt(index) : 0x20;
    const bits = classOf(unit);
    if (unit >= 0x80 && !(caseOf(unit) & CASE_ONE_UNIT)) aligned = false;
    if (bits & ALNUM && !(bits & CJK_CHAR)) {
      if (wordStart < 0) {
        wordStart = index;
        wordAscii = true;
        hash = FNV_OFFSET;
      }
      if (unit >= 0x80) wordAscii = false;
      else hash = Math.imul(hash ^ (unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit), FNV_PRIME);
      if (bits & LETTER) {
        letters++;
        if (!(bits & LOWER) && (unit < 0x80 || caseOf(unit) & CASE_CHANGES)) upperLetters++;
      }
      if (bits & DIGIT) digits++;
      continue;
    }
    if (wordStart >= 0) {
      const first = classOf(text.charCodeAt(wordStart));
      if (first & LETTER) {
        letteredWords++;
        if (!(first & LOWER)) capitalisedWords++;
      }
      if (index - wordStart <= MAX_WORD_LENGTH) {
        spanStarts[spans] = wordStart;
        spanEnds[spans] = index;
        spanHashes[spans] = hash;
        spanKinds[spans++] = wordAscii ? SPAN_ASCII : SPAN_OTHER;
      }
      wordStart = -1;
    }
    if (bits & CJK_CHAR) {
      letters++;
      spanStarts[spans] = index;
      spanEnds[spans] = index + 1;
      spanKinds[spans++] = SPAN_CJK;
      continue;
    }
    if (bits & PUNCT_SYMBOL) {
      punctuation++;
      if (unit === 0x2c || unit === 0x3001 || unit === 0xff0c) commas++;
      if (unit < 0x80 && CODE_SYMBOL[unit]) codeSymbols++;
      if (bits & SENTENCE_END && unit !== 0x3a && index + 1 < length && classOf(text.charCodeAt(index + 1)) & SPACE) innerSentenceEnds++;
      if (unit === 0x2e || unit === 0x3a) dotOrColon = true;
      else if (unit === 0x7c) tableMark = true;
    } else if (unit === 0x09) tableMark = true;
  }
  spanCount = spans;
  spansAligned = aligned;
  return {
    chars: length, letters, punctuation, digits, commas, innerSentenceEnds,
    capitalisedWords, letteredWords, upperLetters, codeSymbols, dotOrColon, tableMark,
  };
}

/**
 * The shared ids of the words `countLine` found in `text` (in `lineWordIds`, until the next line), keyed by their
 * lower case as `toLowerCase()` of the whole line gives it (a Greek final
 * sigma depends on what follows the word). When the line keeps its units in
 * place, an ASCII word is read from the line and other words from its lower
 * case; otherwise each word is cut from the lower case when that has the
 * line's length, else lower-cased on its own.
 */
function resolveWords(text: string): Int32Array {
  const spans = spanCount;
  const aligned = spansAligned;
  if (lineWordIds.length < spans) lineWordIds = new Int32Array(spans * 2);
  const ids = lineWordIds;
  let lower: string | undefined;
  for (let span = 0; span < spans; span++) {
    const start = spanStarts[span]!;
    const end = spanEnds[span]!;
    const kind = spanKinds[span]!;
    let id: number;
    if (aligned && kind === SPAN_ASCII) id = sharedWordId(text, start, end, spanHashes[span]!);
    else if (kind === SPAN_CJK) id = sharedWordId(text, start, end);
    else if (aligned) id = sharedWordId((lower ??= text.toLowerCase()), start, end);
    else {
      lower ??= text.toLowerCase();
      const word = lower.length === text.length ? lower.slice(start, end) : text.slice(start, end).toLowerCase();
      id = sharedWordId(word, 0, word.length);
    }
    ids[span] = id;
  }
  return ids.subarray(0, spans);
}

/**
 * Which of the document's words are stop words of its language: the language
 * whose list covers most of its running words (Chinese and Japanese lists hold
 * single characters, which is how CJK words are counted here). Counting
 * running words, not distinct ones, lets the few function words that make up
 * a third of any text decide, not the length of a list.
 */
function stopwordFlags(entries: readonly number[], lineWords: Int32Array): Uint8Array {
  const tally = new LanguageTally();
  for (let line = 0; line + 1 < lineWords.length; line++) {
    for (let at = lineWords[line]!; at < lineWords[line + 1]!; at++) tally.add(entries[wordIds[at]!]!);
    if (lineWords[line + 1]! >= LANGUAGE_SAMPLE_WORDS) break;
  }
  const best = tally.best();
  const flags = new Uint8Array(entries.length);
  if (best < 0) return flags;
  for (let id = 0; id < entries.length; id++) if (isStopwordOf(entries[id]!, best)) flags[id] = 1;
  return flags;
}

/** Prose lines this close (in non-blank lines between them) form one cluster: a sub-heading, a caption and a pull quote fit between two paragraphs. */
const CLUSTER_GAP = 3;

/**
 * Runs of prose lines with short gaps, as the article body usually is: for
 * each line, the share of the document's prose in the cluster whose span
 * holds it (0 outside every cluster), and the span of the heaviest cluster.
 * A page's article is usually that cluster; the model learns when it is not
 * (lists, tables and code split an article into several).
 */
function proseClusters(content: ContentLine[], total: number) {
  const share = new Float32Array(content.length);
  let mainFirst = 0;
  let mainLast = content.length - 1;
  let mainWeight = -1;
  let first = -1;
  let last = -1;
  let sum = 0;
  const close = () => {
    if (first < 0) return;
    share.fill(total ? sum / total : 0, first, last + 1);
    if (sum > mainWeight) [mainWeight, mainFirst, mainLast] = [sum, first, last];
  };
  content.forEach((item, index) => {
    if (!item.prose) return;
    if (first >= 0 && index - last - 1 <= CLUSTER_GAP) {
      last = index;
      sum += item.shape.words;
      return;
    }
    close();
    [first, last, sum] = [index, index, item.shape.words];
  });
  close();
  return { share, mainFirst, mainLast };
}

/**
 * 1 for the lines of a list the article introduces ("Tour dates:", "You will
 * need:"): a run of lines with no blank line between them, after a line that
 * ends in a colon. Menus and link lists seldom follow one.
 */
function introducedByColon(content: ContentLine[]): Uint8Array {
  const flags = new Uint8Array(content.length);
  let open = false;
  content.forEach((item, index) => {
    if (index > 0 && item.blankBefore) open = false;
    if (open && !item.prose) flags[index] = 1;
    if (item.shape.trimmed.endsWith(':') && item.shape.words >= 2) open = true;
    else if (item.prose) open = false;
  });
  return flags;
}

/** Headlines in a list of links: short, no sentence end, no table row. */
const HEADLINE_WORDS = 16;

function isHeadlineShaped(item: ContentLine): boolean {
  if (item.prose || item.shape.tableRow || item.shape.words > HEADLINE_WORDS) return false;
  const last = item.shape.trimmed.charCodeAt(item.shape.trimmed.length - 1);
  return last !== 0x2e && last !== 0x3b && last !== 0x3a;
}

/** For each line, the length of the run of consecutive lines with `property` it is part of (menus, lists of links); 0 outside one. */
export function runLengths(content: readonly ContentLine[], property: (item: ContentLine) => boolean): Int32Array {
  const runs = new Int32Array(content.length);
  let start = 0;
  while (start < content.length) {
    if (!property(content[start]!)) {
      start++;
      continue;
    }
    let end = start;
    while (end < content.length && property(content[end]!)) end++;
    runs.fill(end - start, start, end);
    start = end;
  }
  return runs;
}
