/**
 * Where an appended story starts: the one break in the document laid out
 * like the start of a story (a headline-like line, a change of layout, the
 * page's header pattern repeating) after which the text shares almost no
 * vocabulary with the article before it.
 */
import type { Line } from '../../src/core/text/lines.js';
import { hasWords, isBlankText, normalizeLine } from './line-text.js';
import { cosine, SplitSimilarity, WordCounts } from './topic-similarity.js';
import { collectTopicWords, type TopicWordIds } from './topic-words.js';
import { documentWords as sharedWords, type WordSource } from '../../src/core/text/document-words.js';
import { ASCII_LETTERS, wordIds, wordShapes } from '../../src/core/text/word-ids.js';
import { CHANGES_CASE, characterKind, LETTER, UNSPACED } from '../../src/core/text/characters.js';

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

export type Evidence = 'topic' | 'teasers' | 'template';

export interface StoryBoundary {
  /** Index into the document's lines of the appended story's first line. */
  lineIndex: number;
  evidence: Evidence;
  confident: boolean;
}

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
  private readonly normalizedLines: Array<string | undefined>;

  constructor(lines: readonly Line[]) {
    this.lines = lines;
    this.blank = lines.map((line) => isBlankText(line.text));
    this.prose = new Int8Array(lines.length).fill(-1);
    this.normalizedLines = new Array<string | undefined>(lines.length);
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

  /** The line's text as the template tests compare it (`normalizeLine`), worked out once: windows overlap. */
  normalized(index: number): string {
    return (this.normalizedLines[index] ??= normalizeLine(this.lines[index]!.text));
  }

  get header(): HeaderTemplate {
    this.headerCache ??= headerTemplate(this);
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
export function findStoryBoundary(source: WordSource, topicWords: TopicWordIds): StoryBoundary | undefined {
  const layout = new DocumentLayout(source.lines);
  const breaks = storyShapedBreaks(layout);
  if (breaks.length === 0) return undefined;
  const words = documentWords(source, topicWords);
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


function documentWords(source: WordSource, table: TopicWordIds): DocumentWords {
  const { text, lines } = source;
  table.startDocument();
  const words: number[] = [];
  const into = { table, ids: words };
  const wordStart = new Int32Array(lines.length + 1);
  // Lines whose letters are all ASCII are read off the shared analysis: a topic word there lies inside
  // one of its words, and is that whole word when it is all letters. Other lines are read as they always were.
  const shared = sharedWords(source);
  const shapes = wordShapes(source);
  const { ids, generation } = wordIds(source);
  table.useIds(generation);
  for (const [index, line] of lines.entries()) {
    if (!hasOnlyAsciiLetters(text, line.start, line.end)) {
      if (!collectTopicWords(text, line.start, line.end, false, into)) {
        words.length = wordStart[index]!;
        const lower = line.text.toLowerCase();
        collectTopicWords(lower, 0, lower.length, true, into);
      }
    } else {
      for (let word = shared.lineFirstWord[index]!, last = shared.lineFirstWord[index + 1]!; word < last; word++) {
        const start = shared.starts[word]!;
        const end = shared.ends[word]!;
        if (shapes[word]! & ASCII_LETTERS) {
          // Shorter words say nothing about the topic (as collectWord has it).
          if (end - start < 3) continue;
          const id = table.ofWordId(ids[word]!);
          if (id >= 0) words.push(id);
        } else {
          collectTopicWords(text, start, end, false, into);
        }
      }
    }
    wordStart[index + 1] = words.length;
  }
  return { words, wordStart, vocabularySize: table.documentSize };
}

/**
 * No character of the line outside ASCII is one the topic scan reads as part of a word or a
 * reason to lower-case the line first (a letter, a character that changes case, Chinese or
 * Japanese, ー): the others (curly quotes, dashes, no-break spaces) only separate words, there
 * as in the shared analysis.
 */
function hasOnlyAsciiLetters(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code < 0x80) continue;
    if (code >= 0xd800 && code <= 0xdfff) return false;
    if (characterKind(code) & (LETTER | CHANGES_CASE | UNSPACED) || code === PROLONGED_SOUND_MARK) return false;
  }
  return true;
}

/** ー: Common script, but the topic scan reads it inside Japanese words. */
const PROLONGED_SOUND_MARK = 0x30fc;

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
  const template = repeatsHeaderTemplate(layout, index, layout.header);
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
function headerTemplate(layout: DocumentLayout): HeaderTemplate {
  const to = Math.min(layout.lines.length, HEADER_WINDOW);
  const labels = new Set<string>();
  for (let index = 1; index < to; index++) {
    const text = layout.normalized(index);
    if (text && !hasWords(text, MAX_LABEL_WORDS + 1)) labels.add(text);
  }
  return { repeats: repeatedLines(layout, 0, to), labels };
}

/**
 * The story after the break opens with the page's template: the header printed
 * twice, as the page's own header was; or, when the page's header has been
 * cleaned of its copies (by --fix, or by an earlier pipeline step), the new
 * headline printed again within its own opening lines, with more repeats or
 * the page's label lines beside it. A sub-heading is not printed twice.
 */
function repeatsHeaderTemplate(layout: DocumentLayout, index: number, header: HeaderTemplate): boolean {
  const to = Math.min(layout.lines.length, index + HEADER_WINDOW);
  let labels = 0;
  for (let at = index; at < to; at++) if (header.labels.has(layout.normalized(at))) labels++;
  const templateLines = repeatedLines(layout, index, to) + labels;
  if (templateLines < MIN_TEMPLATE_REPEATS + 1) return false;
  if (header.repeats >= MIN_TEMPLATE_REPEATS) return true;
  const headline = layout.normalized(index);
  for (let at = index + 1; at < to; at++) if (layout.normalized(at) === headline) return true;
  return false;
}

/** Non-blank lines of `from..to - 1` that copy an earlier line of the same window. */
function repeatedLines(layout: DocumentLayout, from: number, to: number): number {
  const seen = new Set<string>();
  let repeats = 0;
  for (let index = from; index < to; index++) {
    const text = layout.normalized(index);
    if (!text) continue;
    if (seen.has(text)) repeats++;
    seen.add(text);
  }
  return repeats;
}

