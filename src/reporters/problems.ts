/**
 * What every reporter reads off a message the same way: its severity, its
 * span, whether it is a file-level problem, how fixable it is, and the totals
 * that summary lines print.
 */
import type { VFileMessage } from 'vfile-message';
import { fixableBy, fixesToApply } from '../core/fix.js';
import type { Fix } from '../core/rule.js';
import { displayPath } from '../input/paths.js';
import type { DocumentReport, ProblemCounts } from './reporter.js';

export type { ProblemCounts };
import { abbreviateMiddle } from '../core/text/abbreviate.js';

/** A message's place, 1-based, `endColumn` exclusive; undefined for file-level problems. */
export interface Span {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** vfile's `fatal: true` is an error; `false` (and the unset "info") count as warnings. */
export function isError(message: VFileMessage): boolean {
  return message.fatal === true;
}

/**
 * A problem with the document as a whole (unreadable file, crashed rule,
 * fix loop): it has no place in the text. Rules always report a place.
 */
export function isFileLevel(message: VFileMessage): boolean {
  return spanOf(message) === undefined;
}

export function spanOf(message: VFileMessage): Span | undefined {
  const place = message.place;
  if (!place) return undefined;
  if ('start' in place) {
    if (place.start.line === undefined || place.start.column === undefined) return undefined;
    return { line: place.start.line, column: place.start.column, endLine: place.end.line, endColumn: place.end.column };
  }
  if (place.line === undefined || place.column === undefined) return undefined;
  return { line: place.line, column: place.column };
}

/** The fix `--fix` applies, or undefined. */
export function safeFixOf(message: VFileMessage): Fix | undefined {
  return fixableBy(message, false);
}

/**
 * The fixes `--fix` takes from these messages when it holds some safe ones
 * back (a safe fix inside text that a pending unsafe fix removes, src/core/fix.ts);
 * undefined when it takes every safe fix, the common case, which costs no set.
 */
export function fixesTakenByFix(messages: readonly VFileMessage[]): ReadonlySet<Fix> | undefined {
  const pendingRemoval = messages.some((message) => message.fix?.text === '' && !safeFixOf(message));
  return pendingRemoval ? new Set(fixesToApply(messages, false)) : undefined;
}

/** The fix only `--fix --unsafe-fixes` applies, or undefined. */
export function unsafeFixOf(message: VFileMessage): Fix | undefined {
  return message.fix && !safeFixOf(message) ? message.fix : undefined;
}

/**
 * One line for a person about what a fix does, from the text it replaces
 * (vfile's `actual`): `Remove "   "`, `Replace "teh" with "the"`.
 */
export function describeFix(message: VFileMessage, fix: Fix): string {
  const actual = message.actual ?? '';
  if (fix.text === '') return `Remove ${quote(actual)}`;
  if (actual === '') return `Insert ${quote(fix.text)}`;
  return `Replace ${quote(actual)} with ${quote(fix.text)}`;
}

function quote(text: string): string {
  return JSON.stringify(abbreviateMiddle(text));
}

/** How a report's document is named to a person: relative to cwd, `shard.jsonl#record-id` inside a shard. */
export function documentName(report: DocumentReport, cwd: string): string {
  const name = displayPath(report.filePath, cwd);
  return report.recordId === undefined ? name : `${name}#${report.recordId}`;
}

/**
 * A shard record's message for formats that can only point at files: the
 * lines and columns count within the record's text, not the shard file, so
 * they go into the text (`record rec-7 1:8: …`) instead of the location.
 */
export function withRecordPlace(report: DocumentReport, message: VFileMessage): string {
  if (report.recordId === undefined) return message.reason;
  const span = spanOf(message);
  return `record ${report.recordId}${span ? ` ${span.line}:${span.column}` : ''}: ${message.reason}`;
}


export function noProblems(): ProblemCounts {
  return { errors: 0, warnings: 0, fixable: 0, unsafeFixable: 0, documents: 0 };
}

/** Adds one document's problems to `counts`: what a streamed report keeps of it. */
export function addProblems(counts: ProblemCounts, report: DocumentReport): void {
  if (report.messages.length === 0) return;
  counts.documents++;
  // A held-back safe fix goes with its removal under --unsafe-fixes, so that is where it is counted.
  const applied = fixesTakenByFix(report.messages);
  for (const message of report.messages) {
    if (isError(message)) counts.errors++;
    else counts.warnings++;
    if (message.fix && (applied ? applied.has(message.fix) : safeFixOf(message))) counts.fixable++;
    else if (message.fix) counts.unsafeFixable++;
  }
}

export function countProblems(reports: readonly DocumentReport[]): ProblemCounts {
  const counts = noProblems();
  for (const report of reports) addProblems(counts, report);
  return counts;
}

/** "1 problem", "3 problems". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
