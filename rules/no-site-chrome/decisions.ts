/**
 * From chrome probabilities to what the rule reports and what `--fix` may
 * delete. Reporting and deleting are separate decisions: a line is reported
 * when the model thinks it more likely chrome than not (`reportAt`) or when
 * the phrase library leaves no doubt, but its removal is a safe fix only when
 * the evidence is strong (`safeAt`, or a whole-line phrase), the line is not a
 * long piece of prose, and the safe fixes of the whole document leave most of
 * its prose and at least one line standing. Everything else reported gets an
 * unsafe fix, which only `--unsafe-fixes` applies.
 */
import { featureOf, isListItem, runLengths, type ContentLine } from './line-features.js';
import { CLOSING_KINDS, kindLabel, STRONG_KINDS, type PhraseEntry } from './phrases.js';

export interface LineDecision {
  chrome: boolean;
  safe: boolean;
  /** What the line is, for the message ('comment form', 'page footer'). */
  kind: string;
}

export interface Thresholds {
  reportAt: number;
  safeAt: number;
}

/** Per-line facts the model's features hold, read back by row. */
export interface LinePosition {
  /** Share of the document's prose words before / after the line. */
  proseBefore(row: number): number;
  proseAfter(row: number): number;
  /** -1 above the heaviest run of prose, 0 inside its span, 1 below it. */
  clusterSide(row: number): number;
}

/** Three short lines in a row make a menu. */
const MENU_RUN = 3;
/** The positions decisions read, from a document's features. */
export function positionFromFeatures(values: Float32Array): LinePosition {
  return {
    proseBefore: (row) => featureOf(values, row, 'proseBefore'),
    proseAfter: (row) => featureOf(values, row, 'proseAfter'),
    clusterSide: (row) => featureOf(values, row, 'mainClusterSide'),
  };
}

/**
 * A prose line this long is an article paragraph as often as a comment: not
 * deleted without asking, unless it lies outside the article's main run of
 * prose and the model is this sure. Under cross-validation that let --fix
 * take 42 more chrome lines (cookie and sign-up small print, teasers of other
 * stories, author boxes) for no article line; the only lines labelled article
 * it took were two reader comments below a comment heading.
 */
const LONG_PROSE_WORDS = 25;
const LONG_PROSE_SAFE_AT = 0.8;
/** Safe fixes may take at most this share of a document's prose words. */
const MAX_SAFE_PROSE_SHARE = 0.5;
/**
 * Table rows and list items (a digit or a list mark) with article prose on both
 * sides are reported (and deleted) only when the model is this sure: standings,
 * tour dates and changelogs are the article's own about as often as chrome
 * (under cross-validation, of such lines scored 0.6–0.9, 299 were chrome and
 * 139 article: two thirds of all article lines flagged on web-dev).
 */
const BETWEEN_REPORT_AT = 0.9;

/**
 * Kinds of phrase an article does not use of itself: where one matches a
 * line outside the article's main run of prose, the line is chrome whatever
 * the model says (a donation appeal after the article reads like prose).
 * Bylines, related-story and tag headings are left to the model: articles
 * quote them.
 */
const SITE_ONLY_KINDS = new Set([
  'comment-form', 'donation', 'subscription', 'newsletter', 'share', 'follow', 'print', 'read-more',
  'cookie', 'legal', 'copyright', 'account', 'advertisement', 'video', 'app', 'source-link', 'shop', 'feedback',
]);

export function decideLines(
  lines: readonly ContentLine[],
  probabilities: ArrayLike<number>,
  thresholds: Thresholds,
  position: LinePosition,
  forcedKind: (row: number) => string | undefined = () => undefined,
): LineDecision[] {
  const shortRuns = runLengths(lines, (item) => item.shape.short);
  const decisions = lines.map((item, row): LineDecision => {
    const phrase = decisivePhrase(item, position.clusterSide(row));
    const forced = forcedKind(row) ?? (phrase ? kindLabel(phrase.kind) : isOutletLabel(item, row, position) ? OUTLET_LABEL : undefined);
    // Between two parts of the article's prose, a line the model flags is as likely the article's own table or list.
    const between = (item.shape.digit || isListItem(item.shape.trimmed)) && position.proseBefore(row) >= EDGE_SHARE && position.proseAfter(row) >= EDGE_SHARE;
    const reportAt = between ? Math.max(thresholds.reportAt, BETWEEN_REPORT_AT) : thresholds.reportAt;
    const chrome = forced !== undefined || probabilities[row]! >= reportAt;
    const sureOutside = position.clusterSide(row) !== 0 && probabilities[row]! >= LONG_PROSE_SAFE_AT;
    const longProse = item.shape.prose && item.shape.words >= LONG_PROSE_WORDS && !sureOutside && !(item.phrase && STRONG_KINDS.has(item.phrase.kind));
    const safeAt = between ? Math.max(thresholds.safeAt, BETWEEN_REPORT_AT) : thresholds.safeAt;
    const safe = chrome && !longProse && (forced !== undefined || probabilities[row]! >= safeAt);
    const kind = forced === OUTLET_LABEL && shortRuns[row]! >= MENU_RUN ? 'navigation menu' : (forced ?? kindOf(item, shortRuns[row]! >= MENU_RUN, row, position));
    return { chrome, safe, kind };
  });
  closeAtClosingHeading(lines, decisions, position);
  markChromeParagraphs(lines, decisions, position);
  const proseWords = (keep: (row: number) => boolean) =>
    lines.reduce((sum, item, row) => sum + (item.shape.prose && keep(row) ? item.shape.words : 0), 0);
  // Too much prose would go: the prose lines are left for a person to confirm; short chrome lines still go.
  if (proseWords((row) => decisions[row]!.safe) > proseWords(() => true) * MAX_SAFE_PROSE_SHARE) {
    lines.forEach((item, row) => {
      if (item.shape.prose) decisions[row]!.safe = false;
    });
  }
  if (decisions.every((decision) => decision.safe)) for (const decision of decisions) decision.safe = false;
  return decisions;
}

/** The phrase that makes a line chrome on its own, if any. */
function decisivePhrase(item: ContentLine, clusterSide: number): PhraseEntry | undefined {
  const phrase = item.phrase;
  if (!phrase) return undefined;
  // An entry marked for the page's edge ('©', 'powered by') is a photo credit or a sentence inside the article.
  if (phrase.zone === 'edge' && clusterSide === 0) return undefined;
  if (STRONG_KINDS.has(phrase.kind)) return phrase;
  if (!SITE_ONLY_KINDS.has(phrase.kind)) return undefined;
  // A whole short line ("Support us", "Read more") is a button anywhere; a phrase inside a sentence only outside the article.
  if ((phrase.match === 'line' || phrase.match === 'start') && !item.shape.prose) return phrase;
  return clusterSide !== 0 ? phrase : undefined;
}

const OUTLET_LABEL = 'outlet or logo label';
/** Outlet names and logos are short: 'TT', 'CBC', 'SEARCH'. */
const LABEL_CHARS = 12;
/** The head of a page: its first non-blank lines, where logos and section names sit. */
const HEAD_LINES = 10;

/**
 * 'TT', 'CBC', 'Sections' at the head of a page, before any prose and above
 * most of it: a lone word or two that is no sentence. A first line set off by
 * a blank line is the document's title ("Chapter One"), not a label.
 */
function isOutletLabel(item: ContentLine, row: number, position: LinePosition): boolean {
  const { words, trimmed, tableRow } = item.shape;
  if (row >= HEAD_LINES || position.proseBefore(row) > 0 || position.proseAfter(row) < 0.5 || (row === 0 && item.blankAfter)) return false;
  return words >= 1 && words <= 2 && trimmed.length <= LABEL_CHARS && !/[.!?:]$/.test(trimmed) && !tableRow;
}

/**
 * A counted comment heading ('34 responses to “…”', 'Comments (12)') opens
 * the comment thread wherever the article's prose ends: a thread often holds
 * more prose than the article, so the last-quarter test above would miss it.
 * It must follow a tenth of the prose and a third of the lines, so a count
 * beside the byline at a page's head does not count. Under cross-validation
 * it found 55 more chrome lines on web-dev and 41 on web-dev-readability,
 * for 2 more article lines flagged.
 */
const COMMENT_THREAD_KIND = 'comment-form';
const COMMENT_PROSE_BEFORE = 0.1;
/** A closing heading counts only this close to the end of the document's prose. */
const CLOSING_PROSE_AFTER = 0.25;

/**
 * Comment threads and related-story lists follow the article and read like
 * prose: after a closing heading ("2 thoughts on …", "More Great Wired
 * Stories") near the end of the prose, every line is chrome of its kind, and
 * --fix deletes all but its long prose lines (those it reports for a person to
 * confirm). Under cross-validation, of the 560 lines such headings took in
 * that the model had not flagged, one was the article's: the heading counts
 * only in the last quarter of the prose, and the guard on half of the prose
 * still holds.
 */
function closeAtClosingHeading(lines: readonly ContentLine[], decisions: LineDecision[], position: LinePosition): void {
  const heading = lines.findIndex(
    (item, row) =>
      item.phrase &&
      CLOSING_KINDS.has(item.phrase.kind) &&
      !item.shape.prose &&
      (item.phrase.kind === COMMENT_THREAD_KIND && item.shape.digit
        ? position.proseBefore(row) > COMMENT_PROSE_BEFORE && row * 3 > lines.length
        : position.proseAfter(row) <= CLOSING_PROSE_AFTER && position.proseBefore(row) > 0.5),
  );
  if (heading < 0) return;
  const kind = kindLabel(lines[heading]!.phrase!.kind);
  decisions[heading] = { chrome: true, safe: true, kind };
  for (let row = heading + 1; row < lines.length; row++) {
    const longProse = lines[row]!.shape.prose && lines[row]!.shape.words >= LONG_PROSE_WORDS;
    const decision = decisions[row]!;
    if (decision.chrome) decision.safe ||= !longProse;
    else decisions[row] = { chrome: true, safe: !longProse, kind };
  }
}


/** A banner or a sign-up box is a few lines; a longer "paragraph" is a page scraped without blank lines. */
const MAX_BOX_LINES = 8;

/**
 * Outside the article's main run of prose, a paragraph (lines between blank
 * lines) that holds a decisive phrase ("Support us", "Remind me later.") is
 * chrome: its short lines, and when most of it is chrome, its one plain
 * sentence of a donation banner too. Its added lines are reported, not
 * deleted by --fix alone. A paragraph with no such phrase is left to the
 * model: under cross-validation, "mostly chrome" alone took in only article
 * lines (a theatre's ticket box).
 */
function markChromeParagraphs(lines: readonly ContentLine[], decisions: LineDecision[], position: LinePosition): void {
  let start = 0;
  while (start < lines.length) {
    let end = start + 1;
    while (end < lines.length && !lines[end]!.blankBefore) end++;
    const rows = Array.from({ length: end - start }, (_, at) => start + at);
    const chrome = rows.filter((row) => decisions[row]!.chrome);
    const outside = rows.every((row) => position.clusterSide(row) !== 0);
    const mostly = chrome.length * 2 > rows.length;
    const marked = rows.some((row) => decisivePhrase(lines[row]!, position.clusterSide(row)) !== undefined);
    if (rows.length > 1 && rows.length <= MAX_BOX_LINES && outside && marked) {
      const kind = decisions[chrome[0] ?? start]!.kind;
      for (const row of rows) {
        if (!decisions[row]!.chrome && (mostly || !lines[row]!.shape.prose)) decisions[row] = { chrome: true, safe: false, kind };
      }
    }
    start = end;
  }
}

/** Share of the document's prose below which a line counts as above or below the article. */
const EDGE_SHARE = 0.02;

function kindOf(item: ContentLine, menu: boolean, row: number, position: LinePosition): string {
  if (item.phrase) return kindLabel(item.phrase.kind);
  if (position.proseBefore(row) < EDGE_SHARE) return menu ? 'navigation menu' : 'page header';
  if (position.proseAfter(row) < EDGE_SHARE) return menu ? 'link list' : 'page footer';
  return 'boilerplate between article paragraphs';
}
