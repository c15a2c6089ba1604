/**
 * The HTML report's examples: for each rule, the first few messages found (in
 * discovery order, so the page is the same whatever the concurrency), each
 * with its lines in context and its fix as a line diff. Only these few
 * excerpts are kept while the run streams; the page stays the same size
 * whatever the corpus's.
 */
import { diffLines } from 'diff';
import type { VFileMessage } from 'vfile-message';
import { applyFixes } from '../../core/fix.js';
import { countedRuleId } from '../../core/message.js';
import { lineIndexAt, splitLines, type Line } from '../../core/text/lines.js';
import { documentName, safeFixOf, spanOf } from '../problems.js';
import type { DocumentReport } from '../reporter.js';

/** Examples kept per rule: enough to see what it finds, few enough that a page of many rules stays short. */
export const EXAMPLES_PER_RULE = 3;
/** Lines shown around the flagged ones. */
const CONTEXT_LINES = 2;
/** At most this many lines of an excerpt or a diff (a truncated story can be hundreds). */
const MAX_SHOWN_LINES = 16;
/** A longer line is cut in the middle (a base64 blob on one line). */
const MAX_LINE_CHARS = 300;

export interface ExcerptLine {
  number: number;
  text: string;
  flagged: boolean;
}

export interface DiffLine {
  kind: 'context' | 'removed' | 'added';
  text: string;
}

export interface Example {
  ruleId: string;
  document: string;
  line: number;
  severity: 'error' | 'warning';
  reason: string;
  excerpt: ExcerptLine[];
  /** Lines of the excerpt left out (shown as a count). */
  excerptOmitted: number;
  fix?: { safety: 'safe' | 'unsafe'; lines: DiffLine[]; omitted: number };
}

export class ExampleSampler {
  private readonly byRule = new Map<string, Example[]>();

  /** Keeps the document's messages while their rules need examples; needs the text (`source`, or `output` after --fix). */
  add(report: DocumentReport, cwd: string): void {
    const text = report.source ?? report.output;
    if (text === undefined) return;
    let lines: Line[] | undefined;
    const taken = new Set<string>();
    for (const message of report.messages) {
      const ruleId = countedRuleId(message);
      if (ruleId === undefined || taken.has(ruleId)) continue;
      const examples = this.byRule.get(ruleId) ?? [];
      if (examples.length >= EXAMPLES_PER_RULE) continue;
      const span = spanOf(message);
      if (!span) continue;
      lines ??= splitLines(text);
      examples.push(exampleOf(ruleId, documentName(report, cwd), message, span.line, span.endLine ?? span.line, text, lines));
      this.byRule.set(ruleId, examples);
      // One example a document per rule: three of one page's chrome blocks say less than three pages'.
      taken.add(ruleId);
    }
  }

  examples(ruleId: string): readonly Example[] {
    return this.byRule.get(ruleId) ?? [];
  }
}

function exampleOf(ruleId: string, document: string, message: VFileMessage, startLine: number, endLine: number, text: string, lines: readonly Line[]): Example {
  const from = Math.max(1, startLine - CONTEXT_LINES);
  const to = Math.min(lines.length, Math.max(endLine, startLine) + CONTEXT_LINES);
  const shown = lines.slice(from - 1, to).map((line) => ({ number: line.number, text: cut(line.text), flagged: line.number >= startLine && line.number <= endLine }));
  const example: Example = {
    ruleId,
    document,
    line: startLine,
    severity: message.fatal === true ? 'error' : 'warning',
    reason: message.reason,
    excerpt: shown.slice(0, MAX_SHOWN_LINES),
    excerptOmitted: Math.max(0, shown.length - MAX_SHOWN_LINES),
  };
  if (message.fix) example.fix = { safety: safeFixOf(message) ? 'safe' : 'unsafe', ...fixDiff(text, lines, message) };
  return example;
}

/** The lines the fix touches, before and after it (applied alone, by the one fix applier), as a line diff. */
function fixDiff(text: string, lines: readonly Line[], message: VFileMessage): { lines: DiffLine[]; omitted: number } {
  const fix = message.fix!;
  const fixed = applyFixes(text, [fix]).text;
  const first = lineIndexAt(lines, fix.range[0]);
  const last = lineIndexAt(lines, fix.range[1]);
  const start = lines[Math.max(0, first - 1)]?.start ?? 0;
  const end = lines[Math.min(lines.length - 1, last + 1)]?.next ?? text.length;
  const before = text.slice(start, end);
  const after = fixed.slice(start, end + fixed.length - text.length);
  const diff: DiffLine[] = [];
  for (const change of diffLines(before, after)) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'context';
    for (const line of splitLines(change.value)) diff.push({ kind, text: cut(line.text) });
    // A change that removes or adds only a line break shows as an empty line.
    if (change.value !== '' && splitLines(change.value).length === 0) diff.push({ kind, text: '' });
  }
  return { lines: diff.slice(0, MAX_SHOWN_LINES), omitted: Math.max(0, diff.length - MAX_SHOWN_LINES) };
}

function cut(text: string): string {
  if (text.length <= MAX_LINE_CHARS) return text;
  const half = Math.floor(MAX_LINE_CHARS / 2);
  return `${text.slice(0, half)} … ${text.slice(-half)}`;
}
