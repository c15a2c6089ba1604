/**
 * GitHub Actions workflow commands: each problem becomes an `::error` or
 * `::warning` annotation on the file in the pull request's diff.
 */
import type { VFileMessage } from 'vfile-message';
import { displayPath } from '../input/paths.js';
import { isError, plural, spanOf, withRecordPlace } from './problems.js';
import type { DocumentReport, Reporter } from './reporter.js';

/** GitHub shows at most this many annotations of each kind (error, warning) per step; the rest only reach the log. */
export const ANNOTATIONS_SHOWN_PER_KIND = 10;

export const githubReporter: Reporter = (context) => ({
  header: () => '',
  document: (report) => report.messages.map((message) => `${annotation(report, message, context.cwd)}\n`).join(''),
  footer(counts) {
    if (counts.errors + counts.warnings === 0) return '';
    const summary = `corpuslint found ${plural(counts.errors + counts.warnings, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}) in ${plural(counts.documents, 'file')}`;
    const notice =
      counts.errors > ANNOTATIONS_SHOWN_PER_KIND || counts.warnings > ANNOTATIONS_SHOWN_PER_KIND
        ? `::notice::${escapeData(`${summary}; GitHub shows only the first ${ANNOTATIONS_SHOWN_PER_KIND} of each kind as annotations, the step's log lists them all`)}\n`
        : '';
    return `${notice}${summary}\n`;
  },
});

function annotation(report: DocumentReport, message: VFileMessage, cwd: string): string {
  const properties: Array<[string, string | number]> = [['file', displayPath(report.filePath, cwd)]];
  const span = spanOf(message);
  const text = withRecordPlace(report, message);
  if (report.recordId === undefined && span) {
    properties.push(['line', span.line]);
    // GitHub ignores columns on annotations that span several lines.
    const oneLine = span.endLine === undefined || span.endLine === span.line;
    if (oneLine) properties.push(['col', span.column]);
    if (span.endLine !== undefined) properties.push(['endLine', span.endLine]);
    if (oneLine && span.endColumn !== undefined) properties.push(['endColumn', span.endColumn]);
  }
  if (message.ruleId) properties.push(['title', message.ruleId]);
  const command = isError(message) ? 'error' : 'warning';
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${command} ${list}::${escapeData(text)}`;
}

/** As @actions/core's `escapeData`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As @actions/core's `escapeProperty`: also `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
