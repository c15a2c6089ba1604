/**
 * The default, human format: vfile-reporter's table (`line:column-endLine:endColumn
 * warning  message  rule-id`, grouped by document, then a summary), plus
 * ESLint's closing hint about what `--fix` would fix.
 *
 * Each document's table is printed as the document is finished, so columns
 * are aligned within a document, not across the whole run.
 */
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { reporter as vfileReporter } from 'vfile-reporter';
import { withoutStackTrace } from '../message.js';
import { documentName, plural, type ProblemCounts } from './problems.js';
import type { DocumentReport, Reporter } from './reporter.js';

/**
 * Like ESLint's stylish, prints nothing at all when no document has a problem
 * (vfile-reporter would list every clean file as "no issues found"), so a
 * clean run over a corpus of thousands of files stays silent.
 */
export const stylishReporter: Reporter = (context) => {
  let documentsShown = 0;
  return {
    header: () => '',
    document(report) {
      if (report.messages.length === 0) return '';
      const table = withoutSummaryLine(vfileReporter([toVFile(report, context.cwd)], { color: context.color, quiet: true }), report);
      // vfile-reporter puts a blank line between one document's messages and the next document's name.
      return `${documentsShown++ === 0 ? '' : '\n'}${table}\n`;
    },
    footer(counts) {
      if (counts.errors + counts.warnings === 0) return '';
      const hint = fixHint(counts);
      return `\n${summaryLine(counts, context.color)}\n${hint ? `${hint}\n` : ''}`;
    },
  };
};

/**
 * vfile-reporter ends a table with a blank line and a one-line count when
 * there are errors or warnings; per document that count would repeat, so it
 * is cut, and the footer prints the run's count instead.
 */
function withoutSummaryLine(table: string, report: DocumentReport): string {
  const counted = report.messages.some((message) => message.fatal === true || message.fatal === false);
  return counted ? table.slice(0, table.lastIndexOf('\n\n')) : table;
}

/** vfile-reporter's count line (`6 messages (✖ 2 errors, ⚠ 4 warnings)`), over the whole run. */
function summaryLine(counts: ProblemCounts, color: boolean): string {
  const [red, yellow, reset] = color ? ['\u001B[31m', '\u001B[33m', '\u001B[39m'] : ['', '', ''];
  const parts: string[] = [];
  if (counts.errors > 0) parts.push(`${red}✖${reset} ${plural(counts.errors, 'error')}`);
  if (counts.warnings > 0) parts.push(`${yellow}⚠${reset} ${plural(counts.warnings, 'warning')}`);
  const line = parts.join(', ');
  return parts.length > 1 ? `${counts.errors + counts.warnings} messages (${line})` : line;
}

function toVFile(report: DocumentReport, cwd: string): VFile {
  const file = new VFile({ path: documentName(report, cwd) });
  file.messages = report.messages.map(withoutSource);
  return file;
}

/**
 * Every message's `source` is "corpuslint"; vfile-reporter would print it in
 * a fifth column on every line, telling the user nothing.
 */
function withoutSource(message: VFileMessage): VFileMessage {
  const copy = withoutStackTrace(() => new VFileMessage(message.reason, { place: message.place, ruleId: message.ruleId }));
  copy.fatal = message.fatal;
  copy.url = message.url;
  return copy;
}

function fixHint(counts: ProblemCounts): string {
  const { fixable, unsafeFixable } = counts;
  if (fixable > 0) {
    const safe = `  ${plural(fixable, 'problem')} ${fixable === 1 ? 'is' : 'are'} fixable with \`--fix\``;
    return unsafeFixable > 0 ? `${safe}; ${unsafeFixable} more with \`--fix --unsafe-fixes\`` : safe;
  }
  if (unsafeFixable > 0) {
    return `  ${plural(unsafeFixable, 'problem')} ${unsafeFixable === 1 ? 'is' : 'are'} fixable with \`--fix --unsafe-fixes\``;
  }
  return '';
}
