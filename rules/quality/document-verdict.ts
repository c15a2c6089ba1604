/**
 * What the document-quality rules (gopher-quality, gopher-repetition,
 * c4-lines, c4-document, fineweb-quality) share besides the scan: where a
 * verdict on a whole document is placed, how a measured value is written
 * beside its threshold, and the `languages` option.
 */
import type { RelatedLocation, RuleContext } from '../../src/core/rule.js';
import { qualityScan, type QualityScan } from '../../src/core/text/quality-scan.js';

export interface LanguagesOption {
  /**
   * ISO 639-1 codes of the languages the rule applies to; a document that
   * reads as another is skipped with one info message. `[]`: every language.
   */
  languages: string[];
}

/** The heuristics were tuned on English web text (Gopher's and C4's papers say so; FineWeb filtered English). */
export const DEFAULT_LANGUAGES = ['en'];

export const LANGUAGES_SCHEMA = { type: 'array', items: { type: 'string', pattern: '^[a-z]{2}$' } };

/** The options schema of a document-quality rule: its thresholds, and `languages`; nothing else. */
export function qualityOptionsSchema(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', properties: { ...properties, languages: LANGUAGES_SCHEMA }, additionalProperties: false };
}

/** A threshold that `null` turns off, as `None` does in datatrove. */
export const THRESHOLD_SCHEMA = { type: ['number', 'null'], minimum: 0 };

/**
 * True when the document reads as a language the rule does not apply to; the
 * first quality rule to find that in a lint says so (an info message), the
 * others with the same `languages` skip it silently.
 */
export function skippedForLanguage(context: RuleContext, languages: readonly string[]): boolean {
  if (languages.length === 0) return false;
  const scan = qualityScan(context);
  const language = scan.otherLanguage(languages);
  if (language === undefined) return false;
  const key = languages.join(',');
  if (!scan.notices.has(key)) {
    scan.notices.add(key);
    const first = context.lines[0];
    context.report({
      message: `Document-quality rules skipped this document: it reads as "${language}", not ${languages.map((code) => `"${code}"`).join(' or ')}; add "${language}" to their languages option to check it`,
      start: first?.start ?? 0,
      end: first?.end ?? 0,
      severity: 'info',
      data: { language, languages },
    });
  }
  return true;
}

export interface DocumentVerdict {
  /** What was measured, e.g. `Mean word length`. */
  measure: string;
  value: number;
  /** How the value fails the threshold: `over`, `under`, `at most` (≤ drops), `at least` (≥ drops). */
  relation: 'over' | 'under' | 'at most' | 'at least';
  threshold: number;
  /** Which filter: `Gopher quality`, `C4`, `FineWeb quality`. */
  filter: string;
  /** datatrove's name for the reason, kept in the message data for scripts that compare. */
  reason: string;
  /** What repeats, or what was found, said after the measure (`"I am" 3 times`). */
  detail?: string;
  related?: RelatedLocation[];
}

/**
 * A verdict on the whole document, at 1:1 (spanning its first line): the
 * measured value against the threshold, and the advice to drop it, which the
 * drop list does (the rule offers no fix).
 */
export function reportDocument(context: RuleContext, verdict: DocumentVerdict): void {
  const first = context.lines[0];
  const detail = verdict.detail ? `, ${verdict.detail}` : '';
  const shown = formatMeasured(verdict.value, verdict.threshold);
  context.report({
    message: `${verdict.measure} ${shown} is ${verdict.relation} ${formatNumber(verdict.threshold)} (${verdict.filter}${detail}); drop the document`,
    start: first?.start ?? 0,
    end: first?.end ?? 0,
    data: { reason: verdict.reason, value: verdict.value, threshold: verdict.threshold },
    ...(verdict.related ? { related: verdict.related } : {}),
  });
}

/** A document with no words at all, which every datatrove filter drops ("empty"). */
/**
 * The start every document-quality rule shares: the document's words, or
 * undefined when the rule has nothing more to do (no words: reported as
 * empty; another language: skipped with one notice).
 */
export function wordsToJudge(context: RuleContext, filter: string, languages: readonly string[]): QualityScan['tokens'] | undefined {
  const { tokens } = qualityScan(context);
  if (tokens.count === 0) {
    reportEmpty(context, filter);
    return undefined;
  }
  return skippedForLanguage(context, languages) ? undefined : tokens;
}

export function reportEmpty(context: RuleContext, filter: string): void {
  context.report({
    message: `Document has no words (${filter}); drop the document`,
    start: 0,
    end: context.lines[0]?.end ?? 0,
    data: { reason: 'empty', value: 0 },
  });
}

/** `toLocaleString` builds a formatter at every call. */
const integers = new Intl.NumberFormat('en-US');

/** Integers with thousands separators, other values to 3 significant digits (1 decimal from 100 up). */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return integers.format(value);
  if (Math.abs(value) >= 100) return integers.format(Math.round(value * 10) / 10);
  return String(Number(value.toPrecision(3)));
}

/** The value as formatNumber writes it, with more decimals where that would print it equal to the threshold. */
function formatMeasured(value: number, threshold: number): string {
  let shown = formatNumber(value);
  for (let digits = 4; digits <= 8 && value !== threshold && shown === formatNumber(threshold); digits++) {
    shown = String(Number(value.toPrecision(digits)));
  }
  return shown;
}

/** Text quoted in a message: white space runs as one space, long text by its ends. */
export function quoted(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 60 ? `${flat.slice(0, 28)}…${flat.slice(-28)}` : flat}"`;
}
