import { defineRule } from '../src/rule.js';
import type { Line } from '../src/text/lines.js';
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
    fixable: true,
    fixSafety: 'unsafe',
    recommended: 'error',
    defaultOptions: {},
    optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  },
  check(context) {
    const { lines } = context;
    const boundary = findStoryBoundary(lines);
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

/** What every candidate break needs to know about the document, computed once. */
interface DocumentProfile {
  lines: readonly Line[];
  lineWords: readonly string[][];
  blank: readonly boolean[];
  prose: readonly boolean[];
  /** Topic words from each line to the end. */
  wordsFrom: readonly number[];
  /** Prose lines from each line to the end. */
  proseFrom: readonly number[];
  /** The widest run of blank lines before each line. */
  widestGapBefore: readonly number[];
  header: HeaderTemplate;
}

interface Candidate extends StoryBoundary {
  similarity: number;
  /** Independent structural cues (layout change, headline announcing its story, header template). */
  cues: number;
}

/**
 * One pass over the lines keeps word counts for "before" and "after" every
 * break, so each candidate's similarity costs O(1) however long the text.
 * Of the breaks that qualify, the one with most structural cues wins, then
 * the one whose two sides share least: a tail of captions or an info box just
 * before the real boundary shares as little as the boundary itself.
 */
function findStoryBoundary(lines: readonly Line[]): StoryBoundary | undefined {
  const profile = profileDocument(lines);
  const split = new SplitSimilarity(profile.lineWords.flat(), headlineAndLead(profile));
  let best: Candidate | undefined;
  let blankRun = 0;
  for (const [index, words] of profile.lineWords.entries()) {
    if (profile.blank[index]) {
      blankRun++;
      continue;
    }
    if (blankRun > 0 && split.beforeCount >= MIN_ARTICLE_WORDS) {
      const candidate = judgeBreak(profile, index, blankRun, split.similarity());
      if (candidate && (!best || outranks(candidate, best))) best = candidate;
    }
    blankRun = 0;
    for (const word of words) split.moveToBefore(word);
  }
  if (!best || best.evidence === 'template') return best;
  const cohesion = articleCohesion(profile, best.lineIndex);
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
function articleCohesion({ lineWords, wordsFrom }: DocumentProfile, index: number): number {
  const articleWords = wordsFrom[0]! - wordsFrom[index]!;
  const tailWords = Math.min(wordsFrom[index]!, articleWords / 2);
  let cut = index;
  let taken = 0;
  while (cut > 0 && taken < tailWords) taken += lineWords[--cut]!.length;
  return cosine(countWords(lineWords.slice(0, cut)), countWords(lineWords.slice(cut, index)));
}

function countWords(lines: readonly string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const words of lines) for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [word, count] of a) {
    normA += weight(count) ** 2;
    dot += weight(count) * weight(b.get(word) ?? 0);
  }
  for (const count of b.values()) normB += weight(count) ** 2;
  const norms = Math.sqrt(normA * normB);
  return norms > 0 ? dot / norms : 0;
}

function profileDocument(lines: readonly Line[]): DocumentProfile {
  const lineWords = lines.map((line) => topicWords(line.text));
  const blank = lines.map((line) => isBlankText(line.text));
  const prose = lines.map((line) => isProse(line.text));
  const wordsFrom = new Array<number>(lines.length + 1).fill(0);
  const proseFrom = new Array<number>(lines.length + 1).fill(0);
  for (let i = lines.length - 1; i >= 0; i--) {
    wordsFrom[i] = wordsFrom[i + 1]! + lineWords[i]!.length;
    proseFrom[i] = proseFrom[i + 1]! + (prose[i] ? 1 : 0);
  }
  const widestGapBefore: number[] = [];
  let widest = 0;
  let gap = 0;
  for (const isBlank of blank) {
    widestGapBefore.push(widest);
    gap = isBlank ? gap + 1 : 0;
    widest = Math.max(widest, gap);
  }
  return { lines, lineWords, blank, prose, wordsFrom, proseFrom, widestGapBefore, header: headerTemplate(lines) };
}

/** The words of the first line and of the first line that reads as prose: what the article says it is about. */
function headlineAndLead({ lineWords, blank, prose }: DocumentProfile): string[] {
  const headline = blank.indexOf(false);
  const lead = prose.indexOf(true);
  return [...(lineWords[headline] ?? []), ...(lead > headline ? lineWords[lead] ?? [] : [])];
}

function judgeBreak(profile: DocumentProfile, index: number, blankRun: number, similarity: number): Candidate | undefined {
  const { lines, blank } = profile;
  const proseLines = profile.proseFrom[index]!;
  if (profile.wordsFrom[index]! < MIN_STORY_WORDS || proseLines === 0) return undefined;

  const layoutChange = breaksLayout(profile, index, blankRun);
  const text = lines[index]!.text;
  if (isHeadlineLike(text) && leadsIntoProse(profile, index)) {
    const template = repeatsHeaderTemplate(lines, index, profile.header);
    const cues = Number(layoutChange) + Number(announcesStory(profile, index)) + Number(template);
    if (similarity < UNRELATED_SIMILARITY) {
      const mirrorsTitle = blank[index + 1] === true && blank[1] === true;
      const confident = similarity < SAFE_SIMILARITY && (layoutChange || mirrorsTitle);
      return { lineIndex: index, evidence: 'topic', confident, similarity, cues };
    }
    if (template && similarity < ECHO_SIMILARITY) {
      return { lineIndex: index, evidence: 'template', confident: false, similarity, cues };
    }
    return undefined;
  }
  // No headline: only a block of several prose paragraphs set off by a change
  // of layout counts (teasers); a single closing paragraph is normal writing.
  if (layoutChange && proseLines >= MIN_TEASERS && similarity < TEASER_SIMILARITY) {
    return { lineIndex: index, evidence: 'teasers', confident: false, similarity, cues: 1 };
  }
  return undefined;
}

/**
 * A break unlike the article's own paragraph breaks: a blank line cutting into
 * a single-spaced run of lines, or a wider gap than any the article used.
 */
function breaksLayout({ blank, widestGapBefore }: DocumentProfile, index: number, blankRun: number): boolean {
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
function leadsIntoProse({ blank, prose }: DocumentProfile, index: number): boolean {
  let seen = 0;
  for (let i = index; i < blank.length && seen <= LEAD_WINDOW; i++) {
    if (blank[i]) continue;
    if (prose[i]) return true;
    seen++;
  }
  return false;
}

/**
 * A headline's words come back in the story under it ("Boys State Swim
 * Results" … "state title").
 */
function announcesStory({ lines, lineWords }: DocumentProfile, index: number): boolean {
  const announced = new Set(lineWords[index]);
  const headline = lines[index]!.text.trim();
  const end = Math.min(lines.length, index + 1 + ANNOUNCE_WINDOW);
  for (let i = index + 1; i < end; i++) {
    if (lines[i]!.text.trim() === headline) continue;
    if (lineWords[i]!.some((word) => announced.has(word))) return true;
  }
  return false;
}

/** A sentence or more: long enough, and ending as sentences end (a credit like "(AFP)" may follow). */
function isProse(text: string): boolean {
  return wordCount(text) >= PROSE_LINE_WORDS && SENTENCE_END.test(text.trimEnd());
}

const SENTENCE_END = /[.!?…。！？]["'”’)\]」』]*(?:\s*[([][^()[\]]{1,40}[)\]])?$/u;

function isHeadlineLike(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > MAX_HEADLINE_CHARS || wordCount(trimmed) > MAX_HEADLINE_WORDS) return false;
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
    if (text && wordCount(text) <= MAX_LABEL_WORDS) labels.add(text);
  }
  return { repeats: repeatedLines(window), labels };
}

function repeatsHeaderTemplate(lines: readonly Line[], index: number, header: HeaderTemplate): boolean {
  if (header.repeats < MIN_TEMPLATE_REPEATS) return false;
  const window = lines.slice(index, index + HEADER_WINDOW);
  const labels = window.filter((line) => header.labels.has(normalizeLine(line.text))).length;
  return repeatedLines(window) + labels >= MIN_TEMPLATE_REPEATS + 1;
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
 * Cosine similarity of log-scaled word counts on either side of a moving
 * split. Moving one word across changes only its own terms, so the dot
 * product and both norms are updated in constant time.
 */
class SplitSimilarity {
  private readonly before = new Map<string, number>();
  private readonly after = new Map<string, number>();
  private dot = 0;
  private beforeNorm = 0;
  private afterNorm = 0;
  beforeCount = 0;

  /** `emphasis`: words counted extra on the "before" side (the headline and lead). */
  constructor(words: readonly string[], emphasis: readonly string[]) {
    for (const word of words) this.after.set(word, (this.after.get(word) ?? 0) + 1);
    for (const word of emphasis) this.before.set(word, (this.before.get(word) ?? 0) + HEADLINE_LEAD_WEIGHT);
    for (const count of this.after.values()) this.afterNorm += weight(count) ** 2;
    for (const [word, count] of this.before) {
      this.beforeNorm += weight(count) ** 2;
      this.dot += weight(count) * weight(this.after.get(word) ?? 0);
    }
  }

  moveToBefore(word: string): void {
    const b = this.before.get(word) ?? 0;
    const a = this.after.get(word) ?? 0;
    const [oldB, oldA, newB, newA] = [weight(b), weight(a), weight(b + 1), weight(a - 1)];
    this.dot += newB * newA - oldB * oldA;
    this.beforeNorm += newB ** 2 - oldB ** 2;
    this.afterNorm += newA ** 2 - oldA ** 2;
    this.before.set(word, b + 1);
    this.after.set(word, a - 1);
    this.beforeCount++;
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

/**
 * Content words of a line: lowercased, stop words dropped, lightly stemmed.
 * Chinese and Japanese write no spaces, so their runs count as overlapping
 * character pairs, the usual unit for comparing such text without a dictionary.
 */
function topicWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD_OR_UNSPACED_RUN)) {
    const token = match[0];
    if (token.charCodeAt(0) >= FIRST_UNSPACED_CODE && UNSPACED_SCRIPT.test(token)) {
      for (let i = 0; i + 1 < token.length; i++) words.push(token.slice(i, i + 2));
      continue;
    }
    const apostrophe = token.search(/['’]/u);
    const word = apostrophe === -1 ? token : token.slice(0, apostrophe);
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    words.push(stem(word));
  }
  return words;
}

/** Below U+2E80 (CJK radicals) no character belongs to the unspaced scripts; a cheap test first. */
const FIRST_UNSPACED_CODE = 0x2e80;
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const WORD_OR_UNSPACED_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+|\p{L}+(?:['’]\p{L}+)*/gu;

/** Light suffix stripping: enough to match "sanctions" with "sanction", cheap and predictable. */
function stem(word: string): string {
  let stripped = word;
  if (word.endsWith('ies')) stripped = `${word.slice(0, -3)}y`;
  else if (word.endsWith('ing')) stripped = word.slice(0, -3);
  else if (word.endsWith('ed') || word.endsWith('es')) stripped = word.slice(0, -2);
  else if (word.endsWith('s')) stripped = word.slice(0, -1);
  return (stripped.length >= 3 ? stripped : word).slice(0, 8);
}

/** Words as a reader counts them; in Chinese and Japanese, two characters make about one word. */
function wordCount(text: string): number {
  const trimmed = text.trim();
  if (!trimmed) return 0;
  const unspaced = /[^\u0000-\u2e7f]/u.test(trimmed) ? (trimmed.match(UNSPACED_CHARACTERS)?.length ?? 0) : 0;
  return trimmed.split(/\s+/u).length + Math.floor(unspaced / 2);
}

const UNSPACED_CHARACTERS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

function normalizeLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function isBlankText(text: string): boolean {
  return text.trim() === '';
}
