import { defineRule, type RuleContext } from '../src/core/rule.js';
import {
  DEFAULT_LANGUAGES, qualityOptionsSchema, THRESHOLD_SCHEMA, quoted, reportDocument, type LanguagesOption, wordsToJudge,
} from './quality/document-verdict.js';

export interface FinewebQualityOptions extends LanguagesOption {
  /** At most this share of lines ending in punctuation drops the document. */
  linePunctThr: number | null;
  /** A document with no line ending in punctuation is kept by the first check. */
  linePunctExcludeZero: boolean;
  /** At least this share of short lines drops the document. */
  shortLineThr: number | null;
  /** A line of at most this many characters is short. */
  shortLineLength: number;
  /** At least this share of characters in repeated lines drops the document. */
  charDuplicatesRatio: number | null;
  /** More newlines per word than this drops the document. */
  newLineRatio: number | null;
}

/**
 * FineWeb's own filters (Penedo et al. 2024, "The FineWeb Datasets: Decanting
 * the Web for the Finest Text Data at Scale", arXiv:2406.17557, §3.3), with
 * the defaults of datatrove's FineWebQualityFilter
 * (src/datatrove/pipeline/filters/fineweb_quality_filter.py).
 */
const DEFAULTS: FinewebQualityOptions = {
  linePunctThr: 0.12,
  linePunctExcludeZero: false,
  shortLineThr: 0.67,
  shortLineLength: 30,
  charDuplicatesRatio: 0.01,
  newLineRatio: 0.3,
  languages: DEFAULT_LANGUAGES,
};

const FILTER = 'FineWeb quality';
/** datatrove's `stop_chars`: what a line must end with to count as ending in punctuation. */
const STOP_CHARS = new Set([0x2e, 0x27, 0x22, 0x21, 0x3f]);

export default defineRule<FinewebQualityOptions>({
  meta: {
    id: 'fineweb-quality',
    description: "Report documents FineWeb's quality filter drops: few lines ending in punctuation, mostly short lines, repeated lines, list-like layout",
    version: 1,
    fixable: 'none',
    recommended: 'off',
    defaultOptions: DEFAULTS,
    optionsSchema: qualityOptionsSchema({
      linePunctThr: THRESHOLD_SCHEMA,
      linePunctExcludeZero: { type: 'boolean' },
      shortLineThr: THRESHOLD_SCHEMA,
      shortLineLength: { type: 'integer', minimum: 0 },
      charDuplicatesRatio: THRESHOLD_SCHEMA,
      newLineRatio: THRESHOLD_SCHEMA,
    }),
  },
  create(options) {
    return { check: (context) => check(context, options) };
  },
});

function check(context: RuleContext, options: FinewebQualityOptions): void {
  const { text, lines } = context;
  const tokens = wordsToJudge(context, FILTER, options.languages);
  if (!tokens) return;
  const verdict = (measure: string, value: number, relation: 'over' | 'at most' | 'at least', threshold: number, reason: string, detail?: string, related?: { offset: number; endOffset: number }) =>
    reportDocument(context, {
      measure, value, relation, threshold, filter: FILTER, reason, detail,
      ...(related ? { related: [{ message: 'First occurrence', ...related }] } : {}),
    });

  // datatrove splits on "\n": a text ending in a newline has one more, empty, line than `lines` holds.
  const trailingEmpty = text.endsWith('\n') ? 1 : 0;
  const lineCount = lines.length + trailingEmpty;
  let punctuated = 0;
  let short = trailingEmpty;
  for (const line of lines) {
    if (line.end > line.start && STOP_CHARS.has(text.charCodeAt(line.end - 1))) punctuated++;
    if (line.end - line.start <= options.shortLineLength) short++;
  }
  const punctuatedShare = punctuated / lineCount;
  if (options.linePunctThr !== null && punctuatedShare <= options.linePunctThr && !(punctuatedShare === 0 && options.linePunctExcludeZero)) {
    return verdict('Share of lines ending in punctuation', punctuatedShare, 'at most', options.linePunctThr, 'line_punct_ratio');
  }
  const shortShare = short / lineCount;
  if (options.shortLineThr !== null && shortShare >= options.shortLineThr) {
    return verdict(`Share of short lines (${options.shortLineLength} characters or fewer)`, shortShare, 'at least', options.shortLineThr, 'short_line_ratio');
  }
  if (options.charDuplicatesRatio !== null) {
    const seen = new Map<string, { count: number; start: number }>();
    let duplicateChars = 0;
    let top: { count: number; start: number; length: number } | undefined;
    for (const line of lines) {
      if (line.text.trim() === '') continue;
      const entry = seen.get(line.text);
      if (!entry) {
        seen.set(line.text, { count: 1, start: line.start });
        continue;
      }
      duplicateChars += line.text.length;
      entry.count++;
      if (!top || entry.count > top.count) top = { count: entry.count, start: entry.start, length: line.text.length };
    }
    const newlines = lineCount - 1;
    const share = duplicateChars / (text.length - newlines);
    if (share >= options.charDuplicatesRatio && top) {
      const repeated = `${quoted(text.slice(top.start, top.start + top.length))} ${top.count} times`;
      return verdict('Duplicated-line character share', share, 'at least', options.charDuplicatesRatio, 'char_dup_ratio', repeated, { offset: top.start, endOffset: top.start + top.length });
    }
  }
  const perWord = (lineCount - 1) / tokens.count;
  if (options.newLineRatio !== null && perWord > options.newLineRatio) {
    return verdict('Newlines per word', perWord, 'over', options.newLineRatio, 'list_ratio');
  }
}
