import { defineRule, NO_OPTIONS_SCHEMA } from '../src/core/rule.js';
import { CHANGES_CASE, characterKind, isSpaceCode, LETTER, lowerAsciiCode, UNSPACED } from '../src/core/text/characters.js';
import { FNV_OFFSET, FNV_PRIME, fnvHashLowerAscii } from '../src/core/text/hash.js';
import type { Line } from '../src/core/text/lines.js';
import stopWordData from './data/appended-stopwords.json' with { type: 'json' };

/**
 * Scrapers glue other stories after the article: a "related stories" block,
 * teasers, or a whole second article with its own headline. The rule looks
 * for the one break in the document where what follows starts something new
 * (a headline-like line, a change of layout, the page's header pattern
 * repeating) and shares almost no vocabulary with the article before it.
 *
 * Thresholds were chosen on the web-dev `appended` set as a whole (34 files,
 * half of them controls with sub-headings) plus the five seeds, never per file;
 * the figures are in no-appended-story.md under "Measured".
 */

/** Words that carry no topic; sharing them proves nothing. */
const STOP_WORDS: ReadonlySet<string> = new Set(stopWordData.words);

/**
 * Cosine similarity (log-scaled word counts) below which the text after a
 * headline-like break is "about something else". On the dev set appended
 * stories scored 0.00–0.09 against their articles and every headline-like
 * line inside a real article (sub-heading, list item) 0.146 or more; 0.12 sits
 * in the gap.
 */
const UNRELATED_SIMILARITY = 0.12;

/**
 * Without a headline, a block of teasers is told only by a change of layout
 * and by topic. Teasers are a sentence or two each, so the generic news words
 * every story uses (country, official, president) weigh more in them: seed
 * 002's block scored 0.12. Breaks before several paragraphs of a real article
 * scored 0.166 or more on the dev set and seeds; 0.15 sits in that gap.
 */
const TEASER_SIMILARITY = 0.15;

/**
 * When the page's own header pattern repeats after the break (headline printed
 * twice, captions twice, a logo line), the second story is usually on a related
 * beat (seed 000: Putin in both, similarity 0.26), so topic alone cannot tell.
 * The limit only keeps a repeated template from overruling clear topical
 * continuity: most real sub-sections scored 0.33–0.44, and none of the few
 * lower ones (down to 0.21) repeats the header pattern.
 */
const ECHO_SIMILARITY = 0.3;

/**
 * The text after the break must share less than this fraction of what the
 * article's own last stretch shares with its beginning. Appended stories on
 * the dev set reached at most 0.37 of it; real sections 0.76 or more.
 */
const MAX_SIMILARITY_TO_COHESION = 0.5;

/** For a fix applied without asking, a quarter of the article's own cohesion at most. */
const SAFE_SIMILARITY_TO_COHESION = 0.25;

/** Below this similarity, with a headline and a wide or mirrored break, the cut is safe to apply. */
const SAFE_SIMILARITY = 0.06;

/**
 * Extra count given to the headline's and lead's words on the article's side,
 * as a reader weighs them: a story about something else shares none of them.
 */
const HEADLINE_LEAD_WEIGHT = 3;

/** An article shorter than this (in topic words) gives too little to compare against. */
const MIN_ARTICLE_WORDS = 30;

/** What follows must read as a story, not a comment form or a one-line credit. */
const MIN_STORY_WORDS = 15;
const PROSE_LINE_WORDS = 12;

/** A headline is short and does not end like a sentence or a clause. */
const MAX_HEADLINE_WORDS = 25;
const MAX_HEADLINE_CHARS = 180;

/** How many lines count as "the header" when looking for its pattern again. */
const HEADER_WINDOW = 12;
/** Repeated lines needed in both header and candidate to call it the same page template. */
const MIN_TEMPLATE_REPEATS = 2;
/** A site logo or label line ("TT", "CBC") is at most this many words. */
const MAX_LABEL_WORDS = 3;

/** Non-blank lines after a headline within which its story's prose must start. */
const LEAD_WINDOW = 2;
/** Lines after a headline searched for its words coming back. */
const ANNOUNCE_WINDOW = 40;

/** A blank line after more than this many single-spaced lines is a change of layout. */
const MIN_LAYOUT_RUN = 3;
/** Teasers come in a block; one closing paragraph that changes subject is normal writing. */
const MIN_TEASERS = 2;

type Evidence = 'topic' | 'teasers' | 'template';

interface StoryBoundary {
  /** Index into the document's lines of the appended story's first line. */
  lineIndex: number;
  evidence: Evidence;
  confident: boolean;
}

export default defineRule({
  meta: {
    id: 'no-appended-story',
    description: 'Disallow an unrelated story appended after the article',
    version: 1,
    fixable: 'sometimes',
    recommended: 'error',
    defaultOptions: {},
    optionsSchema: NO_OPTIONS_SCHEMA,
  },
  create() {
    return {
      check(context) {
        const { lines } = context;
        const boundary = findStoryBoundary(context.text, lines);
        if (!boundary) return;
        const first = lines[boundary.lineIndex]!;
        const last = lines[lines.length - 1]!;
        let keptIndex = boundary.lineIndex - 1;
        while (keptIndex > 0 && isBlankText(lines[keptIndex]!.text)) keptIndex--;
        const kept = lines[keptIndex]!;
        const endsWithNewline = context.text.endsWith('\n');
        const terminator = endsWithNewline ? context.text.slice(kept.end, kept.next) : '';
        const span = first.number === last.number ? `line ${first.number}` : `lines ${first.number}–${last.number}`;
        context.report({
          message: `${MESSAGE_LEAD[boundary.evidence]} from here to the end (${span}): ${MESSAGE_REASON[boundary.evidence]}; remove it`,
          start: first.start,
          end: last.end,
          fix: { range: [kept.end, context.text.length], text: terminator },
          fixSafety: boundary.confident ? 'safe' : 'unsafe',
        });
      },
    };
  },
});

const MESSAGE_LEAD: Record<Evidence, string> = {
  topic: 'Unrelated story appended',
  teasers: 'Unrelated teasers appended',
  template: 'Second story appended',
};

const MESSAGE_REASON: Record<Evidence, string> = {
  topic: "its words barely overlap the article's",
  teasers: "they are about other subjects than the article",
  template: "it repeats the page's own headline-and-caption layout",
};

/**
 * The document's layout: blank lines, gaps, and which lines read as prose.
 * Prose is worked out only for the lines a candidate break asks about (the
 * test reads the whole line), and the header template only when a break
 * could be a second copy of the page.
 */
class DocumentLayout {
  readonly lines: readonly Line[];
  readonly blank: readonly boolean[];
  /** The widest run of blank lines before each line. */
  readonly widestGapBefore: readonly number[];
  /** Per line: 1 prose, 0 not, −1 not yet known. */
  private readonly prose: Int8Array;
  private headerCache: HeaderTemplate | undefined;

  constructor(lines: readonly Line[]) {
    this.lines = lines;
    this.blank = lines.map((line) => isBlankText(line.text));
    this.prose = new Int8Array(lines.length).fill(-1);
    const widestGapBefore: number[] = [];
    let widest = 0;
    let gap = 0;
    for (const isBlank of this.blank) {
      widestGapBefore.push(widest);
      gap = isBlank ? gap + 1 : 0;
      widest = Math.max(widest, gap);
    }
    this.widestGapBefore = widestGapBefore;
  }

  isProse(index: number): boolean {
    if (this.prose[index] === -1) this.prose[index] = !this.blank[index] && isProse(this.lines[index]!.text) ? 1 : 0;
    return this.prose[index] === 1;
  }

  /** The first prose line, or −1. */
  firstProse(): number {
    for (let index = 0; index < this.lines.length; index++) if (this.isProse(index)) return index;
    return -1;
  }

  /** The `count`th prose line counting back from the end (1: the last), or −1. */
  proseFromEnd(count: number): number {
    let seen = 0;
    for (let index = this.lines.length - 1; index >= 0; index--) if (this.isProse(index) && ++seen === count) return index;
    return -1;
  }

  get header(): HeaderTemplate {
    this.headerCache ??= headerTemplate(this.lines);
    return this.headerCache;
  }
}

/** The document's topic words as ids numbered per document. */
interface DocumentWords {
  /** Every line's topic words, end to end. */
  words: readonly number[];
  /** Line `i`'s words are `words[wordStart[i]]` up to `words[wordStart[i + 1]]`. */
  wordStart: Int32Array;
  /** Distinct topic words in the document; ids run from 0 in order of first use. */
  vocabularySize: number;
}

/** A break whose layout could open another story; its topic is judged later. */
interface BreakShape {
  /** Index of the first line after the blank lines. */
  index: number;
  layoutChange: boolean;
  /** `headline`: a headline-like line leading into prose; `teasers`: several prose paragraphs after a change of layout. */
  opens: 'headline' | 'teasers';
}

interface Candidate extends StoryBoundary {
  similarity: number;
  /** Independent structural cues (layout change, headline announcing its story, header template). */
  cues: number;
}

/**
 * Layout first: a document with no break shaped like the start of a story
 * needs no word counts at all. Then one pass over the words keeps counts for
 * "before" and "after" the moving split, so each candidate's similarity costs
 * O(1) however long the text. Of the breaks that qualify, the one with most
 * structural cues wins, then the one whose two sides share least: a tail of
 * captions or an info box just before the real boundary shares as little as
 * the boundary itself.
 */
function findStoryBoundary(text: string, lines: readonly Line[]): StoryBoundary | undefined {
  const layout = new DocumentLayout(lines);
  const breaks = storyShapedBreaks(layout);
  if (breaks.length === 0) return undefined;
  const words = documentWords(text, lines);
  const split = new SplitSimilarity(words.words, words.vocabularySize, headlineAndLead(layout, words));
  let best: Candidate | undefined;
  for (const shape of breaks) {
    split.moveToBefore(words.wordStart[shape.index]!);
    if (split.beforeCount < MIN_ARTICLE_WORDS) continue;
    const candidate = judgeBreak(layout, words, shape, split.similarity());
    if (candidate && (!best || outranks(candidate, best))) best = candidate;
  }
  if (!best || best.evidence === 'template') return best;
  const cohesion = articleCohesion(words, best.lineIndex);
  if (best.similarity >= MAX_SIMILARITY_TO_COHESION * cohesion) return undefined;
  return { ...best, confident: best.confident && best.similarity < SAFE_SIMILARITY_TO_COHESION * cohesion };
}

function outranks(candidate: Candidate, best: Candidate): boolean {
  return candidate.cues > best.cues || (candidate.cues === best.cues && candidate.similarity < best.similarity);
}

/**
 * How much the article's last stretch (as long as the text after the break,
 * at most half the article) shares with the rest of it: the similarity a
 * continuation of this article would be expected to reach. Reviews and lists
 * whose paragraphs each use new words score low, so a low similarity after a
 * break proves less in them.
 */
function articleCohesion({ words, wordStart, vocabularySize }: DocumentWords, index: number): number {
  const articleWords = wordStart[index]!;
  const tailWords = Math.min(words.length - articleWords, articleWords / 2);
  let cut = index;
  let taken = 0;
  while (cut > 0 && taken < tailWords) {
    cut--;
    taken += wordStart[cut + 1]! - wordStart[cut]!;
  }
  const head = new WordCounts(words, 0, wordStart[cut]!, vocabularySize);
  const tail = new WordCounts(words, wordStart[cut]!, articleWords, vocabularySize);
  return cosine(head, tail);
}

/** Word counts of a stretch of the document, with its distinct words in order of first use. */
class WordCounts {
  readonly counts: Int32Array;
  readonly distinct: number[] = [];

  constructor(words: readonly number[], from: number, to: number, vocabularySize: number) {
    this.counts = new Int32Array(vocabularySize);
    for (let i = from; i < to; i++) {
      const word = words[i]!;
      if (this.counts[word] === 0) this.distinct.push(word);
      this.counts[word]! += 1;
    }
  }
}

/** Sums in order of first use, as the string maps this replaced did, so the figures are the same to the last bit. */
function cosine(a: WordCounts, b: WordCounts): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const word of a.distinct) {
    const count = a.counts[word]!;
    normA += weight(count) ** 2;
    dot += weight(count) * weight(b.counts[word]!);
  }
  for (const word of b.distinct) normB += weight(b.counts[word]!) ** 2;
  const norms = Math.sqrt(normA * normB);
  return norms > 0 ? dot / norms : 0;
}

function documentWords(text: string, lines: readonly Line[]): DocumentWords {
  TOPIC_WORDS.startDocument();
  const words: number[] = [];
  const wordStart = new Int32Array(lines.length + 1);
  for (const [index, line] of lines.entries()) {
    if (!collectTopicWords(text, line.start, line.end, false, words)) {
      words.length = wordStart[index]!;
      const lower = line.text.toLowerCase();
      collectTopicWords(lower, 0, lower.length, true, words);
    }
    wordStart[index + 1] = words.length;
  }
  return { words, wordStart, vocabularySize: TOPIC_WORDS.documentSize };
}

/**
 * Breaks (blank lines, then a line of text) laid out like the start of a
 * story, in document order. Whether the text after them is about something
 * else is for `judgeBreak`.
 */
function storyShapedBreaks(layout: DocumentLayout): BreakShape[] {
  const { lines, blank } = layout;
  const breaks: BreakShape[] = [];
  // A story needs prose after its break; teasers need several prose lines.
  const lastProse = layout.proseFromEnd(1);
  const lastTeasers = layout.proseFromEnd(MIN_TEASERS);
  let blankRun = 0;
  for (let index = 0; index <= lastProse; index++) {
    if (blank[index]) {
      blankRun++;
      continue;
    }
    if (blankRun > 0) {
      const layoutChange = breaksLayout(layout, index, blankRun);
      if (isHeadlineLike(lines[index]!.text) && leadsIntoProse(layout, index)) {
        breaks.push({ index, layoutChange, opens: 'headline' });
      } else if (layoutChange && index <= lastTeasers) {
        // No headline: only a block of several prose paragraphs set off by a change
        // of layout counts (teasers); a single closing paragraph is normal writing.
        breaks.push({ index, layoutChange, opens: 'teasers' });
      }
    }
    blankRun = 0;
  }
  return breaks;
}

/** The words of the first line and of the first line that reads as prose: what the article says it is about. */
function headlineAndLead(layout: DocumentLayout, { words, wordStart }: DocumentWords): number[] {
  const lineWords = (index: number) => (index < 0 ? [] : words.slice(wordStart[index]!, wordStart[index + 1]!));
  const headline = layout.blank.indexOf(false);
  const lead = layout.firstProse();
  return [...lineWords(headline), ...(lead > headline ? lineWords(lead) : [])];
}

function judgeBreak(layout: DocumentLayout, words: DocumentWords, shape: BreakShape, similarity: number): Candidate | undefined {
  const { index, layoutChange } = shape;
  if (words.words.length - words.wordStart[index]! < MIN_STORY_WORDS) return undefined;
  if (shape.opens === 'teasers') {
    if (similarity >= TEASER_SIMILARITY) return undefined;
    return { lineIndex: index, evidence: 'teasers', confident: false, similarity, cues: 1 };
  }
  const unrelated = similarity < UNRELATED_SIMILARITY;
  if (!unrelated && similarity >= ECHO_SIMILARITY) return undefined;
  const template = repeatsHeaderTemplate(layout.lines, index, layout.header);
  if (!unrelated && !template) return undefined;
  const cues = Number(layoutChange) + Number(announcesStory(layout.lines, words, index)) + Number(template);
  if (unrelated) {
    const mirrorsTitle = layout.blank[index + 1] === true && layout.blank[1] === true;
    const confident = similarity < SAFE_SIMILARITY && (layoutChange || mirrorsTitle);
    return { lineIndex: index, evidence: 'topic', confident, similarity, cues };
  }
  return { lineIndex: index, evidence: 'template', confident: false, similarity, cues };
}

/**
 * A break unlike the article's own paragraph breaks: a blank line cutting into
 * a single-spaced run of lines, or a wider gap than any the article used.
 */
function breaksLayout({ blank, widestGapBefore }: DocumentLayout, index: number, blankRun: number): boolean {
  const breakStart = index - blankRun;
  let run = 0;
  while (run <= MIN_LAYOUT_RUN && run < breakStart && !blank[breakStart - 1 - run]) run++;
  if (run > MIN_LAYOUT_RUN) return true;
  return blankRun >= 2 && blankRun > widestGapBefore[breakStart]!;
}

/**
 * A story opens with a title and then prose; a line of an info box, a list
 * item or a credit is followed by more short lines. A title long enough to be
 * a sentence counts as its own lead.
 */
function leadsIntoProse(layout: DocumentLayout, index: number): boolean {
  const { blank } = layout;
  let seen = 0;
  for (let i = index; i < blank.length && seen <= LEAD_WINDOW; i++) {
    if (blank[i]) continue;
    if (layout.isProse(i)) return true;
    seen++;
  }
  return false;
}

/**
 * A headline's words come back in the story under it ("Boys State Swim
 * Results" … "state title").
 */
function announcesStory(lines: readonly Line[], { words, wordStart }: DocumentWords, index: number): boolean {
  const announced = new Set(words.slice(wordStart[index]!, wordStart[index + 1]!));
  const headline = lines[index]!.text.trim();
  const end = Math.min(lines.length, index + 1 + ANNOUNCE_WINDOW);
  for (let i = index + 1; i < end; i++) {
    if (lines[i]!.text.trim() === headline) continue;
    for (let w = wordStart[i]!; w < wordStart[i + 1]!; w++) if (announced.has(words[w]!)) return true;
  }
  return false;
}

/** A sentence or more: long enough, and ending as sentences end (a credit like "(AFP)" may follow). */
function isProse(text: string): boolean {
  return hasWords(text, PROSE_LINE_WORDS) && SENTENCE_END.test(text.trimEnd());
}

const SENTENCE_END = /[.!?…。！？]["'”’)\]」』]*(?:\s*[([][^()[\]]{1,40}[)\]])?$/u;

function isHeadlineLike(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > MAX_HEADLINE_CHARS || hasWords(trimmed, MAX_HEADLINE_WORDS + 1)) return false;
  // Titles start with a capital, a figure or a quote; scripts without case (Chinese, Arabic…) with any letter.
  if (!/^[\p{Lu}\p{Lo}\p{N}"'“‘「『[]/u.test(trimmed)) return false;
  // A line wholly in parentheses is a credit or a caption, not a title.
  if (/^\(.*\)$/.test(trimmed)) return false;
  const core = trimmed.replace(/["'”’)\]」』]+$/u, '');
  return !/[.,;:。．，、；：]$/u.test(core);
}

interface HeaderTemplate {
  repeats: number;
  labels: ReadonlySet<string>;
}

/** The page's opening lines as a template: how many lines it prints twice, and its short label lines. */
function headerTemplate(lines: readonly Line[]): HeaderTemplate {
  const window = lines.slice(0, HEADER_WINDOW);
  const labels = new Set<string>();
  for (const line of window.slice(1)) {
    const text = normalizeLine(line.text);
    if (text && !hasWords(text, MAX_LABEL_WORDS + 1)) labels.add(text);
  }
  return { repeats: repeatedLines(window), labels };
}

/**
 * The story after the break opens with the page's template: the header printed
 * twice, as the page's own header was; or, when the page's header has been
 * cleaned of its copies (by --fix, or by an earlier pipeline step), the new
 * headline printed again within its own opening lines, with more repeats or
 * the page's label lines beside it. A sub-heading is not printed twice.
 */
function repeatsHeaderTemplate(lines: readonly Line[], index: number, header: HeaderTemplate): boolean {
  const window = lines.slice(index, index + HEADER_WINDOW);
  const labels = window.filter((line) => header.labels.has(normalizeLine(line.text))).length;
  const templateLines = repeatedLines(window) + labels;
  if (templateLines < MIN_TEMPLATE_REPEATS + 1) return false;
  if (header.repeats >= MIN_TEMPLATE_REPEATS) return true;
  const headline = normalizeLine(lines[index]!.text);
  return window.slice(1).some((line) => normalizeLine(line.text) === headline);
}

/** Non-blank lines that copy an earlier line of the same window. */
function repeatedLines(window: readonly Line[]): number {
  const seen = new Set<string>();
  let repeats = 0;
  for (const line of window) {
    const text = normalizeLine(line.text);
    if (!text) continue;
    if (seen.has(text)) repeats++;
    seen.add(text);
  }
  return repeats;
}

/**
 * Cosine similarity of log-scaled word counts on either side of a split that
 * moves forward through the document. Moving one word across changes only its
 * own terms, so the dot product and both norms are updated in constant time.
 * Sums run in the order the string maps this replaced used, so every figure
 * is the same to the last bit.
 */
class SplitSimilarity {
  private readonly words: readonly number[];
  private readonly before: Int32Array;
  private readonly after: Int32Array;
  /** `weight(count)` for every count this document can reach. */
  private readonly weights: Float64Array;
  private dot = 0;
  private beforeNorm = 0;
  private afterNorm = 0;
  /** Words before the split; the split sits just before `words[beforeCount]`. */
  beforeCount = 0;

  /** `emphasis`: words counted extra on the "before" side (the headline and lead). */
  constructor(words: readonly number[], vocabularySize: number, emphasis: readonly number[]) {
    this.words = words;
    this.before = new Int32Array(vocabularySize);
    this.after = new Int32Array(vocabularySize);
    for (const word of words) this.after[word]! += 1;
    const emphasised: number[] = [];
    for (const word of emphasis) {
      if (this.before[word] === 0) emphasised.push(word);
      this.before[word]! += HEADLINE_LEAD_WEIGHT;
    }
    const weights = weightTable(words.length + HEADLINE_LEAD_WEIGHT * emphasis.length + 1);
    this.weights = weights;
    // Ids run in order of first use, which is the order the after side's words were first counted.
    for (const count of this.after) this.afterNorm += weights[count]! ** 2;
    for (const word of emphasised) {
      const count = this.before[word]!;
      this.beforeNorm += weights[count]! ** 2;
      this.dot += weights[count]! * weights[this.after[word]!]!;
    }
  }

  /** Moves every word before `words[end]` to the "before" side. */
  moveToBefore(end: number): void {
    const { words, before, after, weights } = this;
    for (let i = this.beforeCount; i < end; i++) {
      const word = words[i]!;
      const b = before[word]!;
      const a = after[word]!;
      const oldB = weights[b]!;
      const oldA = weights[a]!;
      const newB = weights[b + 1]!;
      const newA = weights[a - 1]!;
      this.dot += newB * newA - oldB * oldA;
      this.beforeNorm += newB ** 2 - oldB ** 2;
      this.afterNorm += newA ** 2 - oldA ** 2;
      before[word] = b + 1;
      after[word] = a - 1;
    }
    this.beforeCount = Math.max(this.beforeCount, end);
  }

  similarity(): number {
    const norms = Math.sqrt(this.beforeNorm * this.afterNorm);
    return norms > 0 ? Math.max(0, this.dot) / norms : 0;
  }
}

/** Sublinear term weight, so one word repeated often does not drown the rest. */
function weight(count: number): number {
  return count > 0 ? 1 + Math.log(count) : 0;
}

/** `weight` of 0 … size − 1, kept for the process and grown as longer documents need. */
let weights = new Float64Array(0);

function weightTable(size: number): Float64Array {
  if (weights.length < size) {
    const grown = new Float64Array(Math.max(size, weights.length * 2, 1024));
    for (let count = 0; count < grown.length; count++) grown[count] = weight(count);
    weights = grown;
  }
  return weights;
}

/**
 * Topic words get ids shared by every document the process lints, so a word's
 * stop-word test and stem are worked out once per corpus, not once per use,
 * and a document counts its words in arrays instead of string maps. Each
 * document numbers its own words from 0 on top.
 *
 * Words as written are looked up by their characters in place, so reading a
 * line makes no string per word: an open-addressing table whose slots hold
 * the hash, the topic id and where the word's characters sit in one flat
 * character pool. A look-up touches one slot and one run of the pool; with
 * strings in a map it chased four objects and was half the rule's time.
 *
 * The tables are emptied between documents once they pass
 * `TOPIC_WORD_CACHE_LIMIT` entries, so a long run over many languages stays
 * within bounded memory.
 */
class TopicWordIds {
  /** Per slot, `SLOT_SIZE` numbers: hash, topic id (−1: none), start in `characters`, length (0: free slot). */
  private slots = new Int32Array(SLOT_SIZE << 12);
  private characters = new Uint16Array(1 << 16);
  private charactersUsed = 0;
  private wordsKnown = 0;
  /** A topic form (stem or character pair) → its id. */
  private readonly idOfForm = new Map<string, number>();
  /** Per id: the current document's id for it, valid where `stampOf` holds the current stamp. */
  private documentIdOf = new Int32Array(1024);
  private stampOf = new Int32Array(1024);
  private stamp = 0;
  /** Distinct topic words seen in the current document. */
  documentSize = 0;

  startDocument(): void {
    if (this.wordsKnown + this.idOfForm.size > TOPIC_WORD_CACHE_LIMIT) {
      this.slots.fill(0);
      this.charactersUsed = 0;
      this.wordsKnown = 0;
      this.idOfForm.clear();
    }
    if (this.stamp === 0x7fffffff) {
      this.stampOf.fill(0);
      this.stamp = 0;
    }
    this.stamp++;
    this.documentSize = 0;
  }

  /**
   * The document id of the word `text.slice(start, end)` (A–Z read as
   * lowercase) of a spaced script, or −1 for a stop word or one too short to
   * say anything. `hash`: its `fnvHashLowerAscii`.
   */
  ofWord(text: string, start: number, end: number, hash: number): number {
    const { slots, characters } = this;
    const length = end - start;
    const mask = slots.length / SLOT_SIZE - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT_SIZE;
      const slotLength = slots[at + 3]!;
      if (slotLength === 0) {
        const id = this.addWord(lowerAscii(text.slice(start, end)), hash, at);
        return id < 0 ? id : this.documentId(id);
      }
      if (slots[at] !== hash || slotLength !== length) continue;
      const from = slots[at + 2]! - start;
      let same = true;
      for (let i = start; i < end; i++) {
        if (characters[from + i] !== lowerAsciiCode(text.charCodeAt(i))) {
          same = false;
          break;
        }
      }
      if (!same) continue;
      const id = slots[at + 1]!;
      return id < 0 ? id : this.documentId(id);
    }
  }

  /** The document id of a pair of Chinese or Japanese characters. */
  ofPair(pair: string): number {
    return this.documentId(this.formId(pair));
  }

  private addWord(word: string, hash: number, at: number): number {
    const id = word.length < 3 || STOP_WORDS.has(word) ? -1 : this.formId(stem(word));
    if (this.charactersUsed + word.length > this.characters.length) {
      const characters = new Uint16Array(Math.max(this.characters.length * 2, this.charactersUsed + word.length));
      characters.set(this.characters);
      this.characters = characters;
    }
    for (let i = 0; i < word.length; i++) this.characters[this.charactersUsed + i] = word.charCodeAt(i);
    this.slots[at] = hash;
    this.slots[at + 1] = id;
    this.slots[at + 2] = this.charactersUsed;
    this.slots[at + 3] = word.length;
    this.charactersUsed += word.length;
    this.wordsKnown++;
    if (this.wordsKnown * 2 * SLOT_SIZE > this.slots.length) this.growSlots();
    return id;
  }

  private growSlots(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length / SLOT_SIZE - 1;
    for (let at = 0; at < old.length; at += SLOT_SIZE) {
      if (old[at + 3] === 0) continue;
      let slot = old[at]! & mask;
      while (slots[slot * SLOT_SIZE + 3] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(at, at + SLOT_SIZE), slot * SLOT_SIZE);
    }
    this.slots = slots;
  }

  private formId(form: string): number {
    let id = this.idOfForm.get(form);
    if (id === undefined) {
      id = this.idOfForm.size;
      this.idOfForm.set(form, id);
      if (id >= this.stampOf.length) {
        const documentIdOf = new Int32Array(this.stampOf.length * 2);
        const stampOf = new Int32Array(this.stampOf.length * 2);
        documentIdOf.set(this.documentIdOf);
        stampOf.set(this.stampOf);
        this.documentIdOf = documentIdOf;
        this.stampOf = stampOf;
      }
    }
    return id;
  }

  private documentId(id: number): number {
    if (this.stampOf[id] !== this.stamp) {
      this.stampOf[id] = this.stamp;
      this.documentIdOf[id] = this.documentSize++;
    }
    return this.documentIdOf[id]!;
  }
}

const SLOT_SIZE = 4;

/** Enough for the vocabulary of a large, varied corpus slice; a few MB. */
const TOPIC_WORD_CACHE_LIMIT = 200_000;
const TOPIC_WORDS = new TopicWordIds();

/**
 * Appends the ids of the content words in `text.slice(start, end)`:
 * lowercased, stop words dropped, lightly stemmed. Chinese and Japanese write
 * no spaces, so their runs count as overlapping character pairs, the usual
 * unit for comparing such text without a dictionary.
 *
 * Tokens are what `[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+|\p{L}+(?:['’]\p{L}+)*`
 * (flag u) matches in the lowercased line, read with one scan of character
 * codes: that regular expression, with a string per token, was most of the
 * rule's time. A token of letters that starts at or above U+2E80 and holds a
 * Chinese or Japanese character (Korean mixed with Hanja) counts in pairs too.
 *
 * `lowered` false: the text is read as it is, A–Z lowercased on the way,
 * which is what lowercasing the line gives as long as no other character
 * changes case; at the first one that does (É, Σ, any astral character) the
 * scan gives up and returns false, having appended only tokens that the
 * lowercased line starts with too. The caller then reads the lowercased line.
 */
function collectTopicWords(text: string, start: number, end: number, lowered: boolean, ids: number[]): boolean {
  let i = start;
  while (i < end) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      if (ASCII_LETTER_LOWER[unit] !== 0) {
        i = collectLetters(text, i, end, lowered, ids);
        if (i < 0) return false;
      } else {
        i++;
      }
      continue;
    }
    const code = unit < 0xd800 ? unit : text.codePointAt(i)!;
    const kind = characterKind(code);
    if (!lowered && kind & CHANGES_CASE) return false;
    if (kind & UNSPACED || code === PROLONGED_SOUND_MARK) i = collectUnspacedRun(text, i, end, lowered, ids);
    else if (kind & LETTER) i = collectLetters(text, i, end, lowered, ids);
    else i += code > 0xffff ? 2 : 1;
    if (i < 0) return false;
  }
  return true;
}

/** A run of Chinese or Japanese characters (and ー) from `start`; returns where it ends, or −1 to give up (see `collectTopicWords`). */
function collectUnspacedRun(text: string, start: number, end: number, lowered: boolean, ids: number[]): number {
  let j = start;
  let unspaced = false;
  while (j < end) {
    const next = text.codePointAt(j)!;
    const nextKind = characterKind(next);
    if (!(nextKind & UNSPACED) && next !== PROLONGED_SOUND_MARK) {
      if (!lowered && nextKind & CHANGES_CASE) return -1;
      break;
    }
    if (nextKind & UNSPACED) unspaced = true;
    j += next > 0xffff ? 2 : 1;
  }
  if (unspaced) collectPairs(text, start, j, ids);
  else collectWord(text, start, j, fnvHashLowerAscii(text, start, j), ids);
  return j;
}

/**
 * Letters from `start`, and further letters after an apostrophe; the word is
 * what comes before the first apostrophe. Returns where the token ends, or −1
 * to give up (see `collectTopicWords`).
 */
function collectLetters(text: string, start: number, end: number, lowered: boolean, ids: number[]): number {
  let j = start;
  let hash = FNV_OFFSET;
  let wordEnd = -1;
  let unspaced = false;
  for (;;) {
    while (j < end) {
      const next = text.charCodeAt(j);
      if (next < 0x80) {
        const letter = ASCII_LETTER_LOWER[next]!;
        if (letter === 0) break;
        if (wordEnd === -1) hash = Math.imul(hash ^ letter, FNV_PRIME);
        j++;
        continue;
      }
      const point = next < 0xd800 ? next : text.codePointAt(j)!;
      const pointKind = characterKind(point);
      if (!lowered && pointKind & CHANGES_CASE) return -1;
      if (!(pointKind & LETTER)) break;
      if (pointKind & UNSPACED) unspaced = true;
      const size = point > 0xffff ? 2 : 1;
      if (wordEnd === -1) for (let k = j; k < j + size; k++) hash = Math.imul(hash ^ text.charCodeAt(k), FNV_PRIME);
      j += size;
    }
    if (j + 1 >= end) break;
    const mark = text.charCodeAt(j);
    if (mark !== APOSTROPHE && mark !== RIGHT_SINGLE_QUOTE) break;
    const afterKind = characterKind(text.codePointAt(j + 1)!);
    if (!lowered && afterKind & CHANGES_CASE) return -1;
    if (!(afterKind & LETTER)) break;
    if (wordEnd === -1) wordEnd = j;
    j++;
  }
  if (unspaced && text.charCodeAt(start) >= FIRST_UNSPACED_CODE) collectPairs(text, start, j, ids);
  else collectWord(text, start, wordEnd === -1 ? j : wordEnd, hash, ids);
  return j;
}

function collectWord(text: string, start: number, end: number, hash: number, ids: number[]): void {
  // Shorter words say nothing about the topic; no need to look them up.
  if (end - start < 3) return;
  const id = TOPIC_WORDS.ofWord(text, start, end, hash);
  if (id >= 0) ids.push(id);
}

function collectPairs(text: string, start: number, end: number, ids: number[]): void {
  for (let i = start; i + 1 < end; i++) ids.push(TOPIC_WORDS.ofPair(lowerAscii(text.slice(i, i + 2))));
}

/** The text with A–Z lowercased, all else as it is. */
function lowerAscii(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()) : text;
}


/** Below U+2E80 (CJK radicals) no character belongs to the unspaced scripts. */
const FIRST_UNSPACED_CODE = 0x2e80;
/** ー: Common script, but it belongs inside Japanese words. */
const PROLONGED_SOUND_MARK = 0x30fc;
const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;

const ASCII_LOWER = Uint8Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code).toLowerCase().charCodeAt(0));
/** A–Z and a–z → a–z; 0 for any other ASCII character. */
const ASCII_LETTER_LOWER = ASCII_LOWER.map((lower) => (lower >= 0x61 && lower <= 0x7a ? lower : 0));


/** Light suffix stripping: enough to match "sanctions" with "sanction", cheap and predictable. */
function stem(word: string): string {
  let stripped = word;
  if (word.endsWith('ies')) stripped = `${word.slice(0, -3)}y`;
  else if (word.endsWith('ing')) stripped = word.slice(0, -3);
  else if (word.endsWith('ed') || word.endsWith('es')) stripped = word.slice(0, -2);
  else if (word.endsWith('s')) stripped = word.slice(0, -1);
  return (stripped.length >= 3 ? stripped : word).slice(0, 8);
}

/**
 * Whether the text has at least `minimum` words as a reader counts them: runs
 * of non-space characters (what splitting the trimmed text on `\s+` gives); in
 * Chinese and Japanese, two characters make about one word. Stops counting
 * once there are enough, as most lines are long.
 */
function hasWords(text: string, minimum: number): boolean {
  let words = 0;
  let unspaced = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpaceCode(code)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      words++;
      inWord = true;
    }
    if (code >= FIRST_UNSPACED_CODE) {
      const point = text.codePointAt(i)!;
      if (characterKind(point) & UNSPACED) unspaced++;
      if (point > 0xffff) i++;
    }
    if (words + Math.floor(unspaced / 2) >= minimum) return true;
  }
  return false;
}

/** Runs of white space as one space, trimmed; most lines already are, and come back as they are. */
function normalizeLine(text: string): string {
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const code = text.charCodeAt(i);
    if (!isSpaceCode(code)) continue;
    if (code !== 0x20 || i === 0 || i === last || isSpaceCode(text.charCodeAt(i + 1))) {
      return text.replace(/\s+/gu, ' ').trim();
    }
  }
  return text;
}

function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

