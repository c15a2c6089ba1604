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
import { isStopwordOf, LANGUAGE_SAMPLE_WORDS, LanguageTally, stopwordEntry } from '../../src/core/text/language.js';
import type { Line } from '../../src/core/text/lines.js';
import {
  ALNUM, CJK_CHAR, DIGIT, LETTER, LOWER, PUNCT_SYMBOL, SENTENCE_CLOSER, SENTENCE_END, SPACE,
  CLOSING_KINDS, STRONG_KINDS, classOf, matchPhrase, shapeOf, type LineShape, type PhraseEntry,
} from './phrases.js';

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
  /** Word ids (document-scoped), CJK characters counted one a word. */
  words: number[];
}

const CODE_SYMBOLS = new Set([...'{}[]();=<>/\\_|$#@*&^~`']);
const LIST_MARKER = /^\s*(?:[-*•·▪►▸»–—+]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s/u;
/** A bullet, dash, plus, number or letter marking a list item ('• ', '3. ', 'b) '). */
export function isListItem(trimmed: string): boolean {
  return LIST_MARKER.test(trimmed.slice(0, 8));
}

const LINK = /https?:\/\/|www\.|\.(?:com|org|net|html?)\b|\S@\S+\.\w/iu;

export function documentFeatures(lines: readonly Line[]): DocumentFeatures {
  const content: ContentLine[] = [];
  const shapes = lines.map((line) => shapeOf(line.text));
  for (const [index, line] of lines.entries()) {
    const shape = shapes[index]!;
    if (shape.blank) continue;
    const phrase = matchPhrase(shape);
    content.push({
      line,
      shape,
      phrase,
      prose: shape.prose && phrase === undefined,
      blankBefore: index > 0 && shapes[index - 1]!.blank,
      blankAfter: index + 1 < lines.length && shapes[index + 1]!.blank,
    });
  }
  const n = content.length;
  const values = new Float32Array(n * FEATURES);
  if (n === 0) return { lines: content, values };

  const vocabulary = new Map<string, number>();
  const counts = content.map((item) => countLine(item.shape.trimmed, vocabulary));
  const stopword = stopwordFlags(vocabulary, counts);

  // Where the prose mass lies: the share of the document's prose words before and after each line.
  const proseWeight = content.map((item) => (item.prose ? item.shape.words : 0));
  const totalProse = proseWeight.reduce((sum, weight) => sum + weight, 0);
  const documentProseShare = content.filter((item) => item.prose).length / n;

  // The article's vocabulary: how many long lines each word occurs in.
  const longLineCount = new Uint32Array(vocabulary.size);
  const isLong = content.map((item) => item.shape.words >= VOCABULARY_LINE_WORDS);
  counts.forEach((count, index) => {
    if (!isLong[index]) return;
    for (const word of new Set(count.words)) longLineCount[word]!++;
  });

  const repeats = new Map<string, number>();
  for (const item of content) repeats.set(item.shape.norm, (repeats.get(item.shape.norm) ?? 0) + 1);

  const own = new Float32Array(n * OWN.length);
  content.forEach((item, index) => {
    const { shape, phrase } = item;
    const count = counts[index]!;
    const row = index * OWN.length;
    const set = (name: (typeof OWN)[number], value: number) => (own[row + OWN_INDEX[name]] = value);
    const words = Math.max(shape.words, 1);
    const ownLong = isLong[index] ? 1 : 0;
    // Content words (not stop words), and those of them the page's other long lines use.
    let contentWords = 0;
    let shared = 0;
    for (const word of count.words) {
      if (stopword[word]) continue;
      contentWords++;
      if (longLineCount[word]! - ownLong > 0) shared++;
    }
    set('logChars', Math.log1p(count.chars));
    set('logWords', Math.log1p(shape.words));
    set('meanWordLength', count.letters / words);
    set('endsSentence', endsSentence(shape.trimmed) ? 1 : 0);
    set('endsColon', shape.trimmed.endsWith(':') ? 1 : 0);
    set('punctuationShare', count.punctuation / Math.max(count.chars, 1));
    set('digitShare', count.digits / Math.max(count.chars, 1));
    set('capitalisedShare', count.letteredWords ? count.capitalisedWords / count.letteredWords : 0);
    set('allCaps', count.letters >= 2 && count.upperLetters === count.letters ? 1 : 0);
    set('stopwordShare', count.words.length ? (count.words.length - contentWords) / count.words.length : 0);
    set('commasPerWord', count.commas / words);
    set('innerSentenceEnds', Math.min(count.innerSentenceEnds, 10));
    set('listMarker', isListItem(shape.trimmed) ? 1 : 0);
    set('tableLike', shape.tableRow || shape.trimmed.includes('\t') || shape.trimmed.includes(' | ') ? 1 : 0);
    set('codeShare', count.codeSymbols / Math.max(count.chars, 1));
    set('link', LINK.test(shape.trimmed.length > 2000 ? shape.trimmed.slice(0, 2000) : shape.trimmed) ? 1 : 0);
    set('quoteStart', /^["'“”‘’«»„]/u.test(shape.trimmed) ? 1 : 0);
    set('prose', item.prose ? 1 : 0);
    set('phrase', phrase ? 1 : 0);
    set('phraseWholeLine', phrase?.match === 'line' ? 1 : 0);
    set('phraseClosing', phrase && CLOSING_KINDS.has(phrase.kind) ? 1 : 0);
    set('phraseByline', phrase?.kind === 'byline' ? 1 : 0);
    set('phraseStrong', phrase && STRONG_KINDS.has(phrase.kind) ? 1 : 0);
    set('repeatsInDocument', Math.min(repeats.get(shape.norm)! - 1, 3));
    set('vocabularyOverlap', contentWords ? shared / contentWords : 0);
  });

  // Prefix sums for windows and positions.
  const proseBefore = new Float64Array(n + 1);
  for (let index = 0; index < n; index++) proseBefore[index + 1] = proseBefore[index]! + proseWeight[index]!;
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
  const clusters = proseClusters(content, proseWeight, totalProse);
  const introduced = introducedByColon(content);
  const headlineRun = runLengths(content, isHeadlineShaped);

  const ownValue = (index: number, name: (typeof OWN)[number]) => own[index * OWN.length + OWN_INDEX[name]]!;
  const windowMean = (index: number, radius: number, value: (at: number) => number) => {
    let sum = 0;
    let taken = 0;
    for (let at = Math.max(0, index - radius); at <= Math.min(n - 1, index + radius); at++) {
      if (at === index) continue;
      sum += value(at);
      taken++;
    }
    return taken ? sum / taken : 0;
  };

  for (let index = 0; index < n; index++) {
    const row = index * FEATURES;
    let column = 0;
    for (let at = 0; at < OWN.length; at++) values[row + column++] = own[index * OWN.length + at]!;
    values[row + column++] = n > 1 ? index / (n - 1) : 0.5;
    // A page without prose has none before or after any line.
    values[row + column++] = totalProse ? proseBefore[index]! / totalProse : 0;
    values[row + column++] = totalProse ? (totalProse - proseBefore[index + 1]!) / totalProse : 0;
    values[row + column++] = Math.log1p(index);
    values[row + column++] = Math.log1p(n - 1 - index);
    values[row + column++] = Math.log1p(n);
    values[row + column++] = documentProseShare;
    values[row + column++] = content[index]!.blankBefore ? 1 : 0;
    values[row + column++] = content[index]!.blankAfter ? 1 : 0;
    for (const offset of NEIGHBOUR_OFFSETS) {
      const at = index + offset;
      const inside = at >= 0 && at < n;
      for (const name of NEIGHBOUR) values[row + column++] = inside ? ownValue(at, name) : -1;
    }
    values[row + column++] = windowMean(index, 3, (at) => ownValue(at, 'logWords'));
    values[row + column++] = windowMean(index, 5, (at) => ownValue(at, 'prose'));
    values[row + column++] = windowMean(index, 3, (at) => ownValue(at, 'phrase'));
    values[row + column++] = Math.log1p(nearestProseBefore[index]!);
    values[row + column++] = Math.log1p(nearestProseAfter[index]!);
    values[row + column++] = Math.log1p(shortRun[index]!);
    values[row + column++] = windowMean(index, 3, (at) => ownValue(at, 'vocabularyOverlap'));
    values[row + column++] = clusters.share[index]!;
    values[row + column++] = index < clusters.mainFirst ? -1 : index > clusters.mainLast ? 1 : 0;
    values[row + column++] = Math.log1p(index < clusters.mainFirst ? clusters.mainFirst - index : index > clusters.mainLast ? index - clusters.mainLast : 0);
    values[row + column++] = introduced[index]!;
    values[row + column++] = Math.log1p(headlineRun[index]!);
  }
  return { lines: content, values };
}

function endsSentence(trimmed: string): boolean {
  let end = trimmed.length;
  while (end > 0 && classOf(trimmed.charCodeAt(end - 1)) & SENTENCE_CLOSER) end--;
  return end > 0 && (classOf(trimmed.charCodeAt(end - 1)) & SENTENCE_END) !== 0 && trimmed.charCodeAt(end - 1) !== 0x3a;
}

/** Longest words kept as vocabulary; longer runs (base64, hashes) count as one word, not as text. */
const MAX_WORD_LENGTH = 40;

function countLine(text: string, vocabulary: Map<string, number>): LineCounts {
  const counts: LineCounts = {
    chars: 0, letters: 0, punctuation: 0, digits: 0, commas: 0, innerSentenceEnds: 0,
    capitalisedWords: 0, letteredWords: 0, upperLetters: 0, codeSymbols: 0, words: [],
  };
  const idOf = (word: string) => {
    let id = vocabulary.get(word);
    if (id === undefined) vocabulary.set(word, (id = vocabulary.size));
    return id;
  };
  // One lower-casing a line, not one a word; per word only where lower case changes lengths ('İ').
  const lower = text.toLowerCase();
  const sameLength = lower.length === text.length;
  let wordStart = -1;
  const closeWord = (end: number) => {
    if (wordStart < 0) return;
    const first = classOf(text.charCodeAt(wordStart));
    if (first & LETTER) {
      counts.letteredWords++;
      if (!(first & LOWER)) counts.capitalisedWords++;
    }
    if (end - wordStart <= MAX_WORD_LENGTH) counts.words.push(idOf(sameLength ? lower.slice(wordStart, end) : text.slice(wordStart, end).toLowerCase()));
    wordStart = -1;
  };
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const bits = classOf(unit);
    counts.chars++;
    if (bits & CJK_CHAR) {
      closeWord(index);
      counts.letters++;
      counts.words.push(idOf(text.charAt(index)));
      continue;
    }
    if (bits & ALNUM) {
      if (wordStart < 0) wordStart = index;
      if (bits & LETTER) {
        counts.letters++;
        if (!(bits & LOWER) && text.charAt(index).toLowerCase() !== text.charAt(index)) counts.upperLetters++;
      }
      if (bits & DIGIT) counts.digits++;
      continue;
    }
    closeWord(index);
    if (bits & PUNCT_SYMBOL) {
      counts.punctuation++;
      if (unit === 0x2c || unit === 0x3001 || unit === 0xff0c) counts.commas++;
      if (CODE_SYMBOLS.has(text.charAt(index))) counts.codeSymbols++;
      if (bits & SENTENCE_END && unit !== 0x3a && index + 1 < text.length && classOf(text.charCodeAt(index + 1)) & SPACE) {
        counts.innerSentenceEnds++;
      }
    }
  }
  closeWord(text.length);
  return counts;
}

/**
 * Which of the document's words are stop words of its language: the language
 * whose list covers most of its running words (Chinese and Japanese lists hold
 * single characters, which is how CJK words are counted here). Counting
 * running words, not distinct ones, lets the few function words that make up
 * a third of any text decide, not the length of a list.
 */
function stopwordFlags(vocabulary: Map<string, number>, counts: LineCounts[]): Uint8Array {
  const entryOf = new Int32Array(vocabulary.size).fill(-1);
  for (const [word, id] of vocabulary) entryOf[id] = stopwordEntry(word);
  const tally = new LanguageTally();
  let sampled = 0;
  for (const count of counts) {
    for (const word of count.words) tally.add(entryOf[word]!);
    if ((sampled += count.words.length) >= LANGUAGE_SAMPLE_WORDS) break;
  }
  const best = tally.best();
  const flags = new Uint8Array(vocabulary.size);
  if (best < 0) return flags;
  entryOf.forEach((entry, id) => {
    if (isStopwordOf(entry, best)) flags[id] = 1;
  });
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
function proseClusters(content: ContentLine[], weight: number[], total: number) {
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
      sum += weight[index]!;
      return;
    }
    close();
    [first, last, sum] = [index, index, weight[index]!];
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
  return !item.prose && !item.shape.tableRow && item.shape.words <= HEADLINE_WORDS && !/[.;:]$/.test(item.shape.trimmed);
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
