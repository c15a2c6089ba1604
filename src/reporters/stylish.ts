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
import { withoutStackTrace } from '../core/message.js';
import { printablePath } from '../input/paths.js';
import { documentName, plural, type ProblemCounts } from './problems.js';
import type { DocumentReport, ReportContext, Reporter } from './reporter.js';

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
      const table = withoutSummaryLine(tableWithin(report, context), report);
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
 * vfile-reporter pads every message to the document's longest, so one long
 * message pushes every rule id past a terminal's edge, where it wraps. On a
 * terminal, messages are cut (`…`) just enough for the widest row to fit;
 * the full text stays in every machine format.
 */
function tableWithin(report: DocumentReport, context: ReportContext): string {
  const render = (maxReason: number) =>
    vfileReporter([toVFile(report, context.cwd, maxReason)], { color: context.color, quiet: true });
  const table = render(Number.POSITIVE_INFINITY);
  if (context.columns === undefined) return table;
  const widest = Math.max(...stripAnsi(table).split('\n').map((line) => line.length));
  if (widest <= context.columns) return table;
  const longestReason = Math.max(...report.messages.map((message) => message.reason.length));
  return render(Math.max(MIN_REASON_WIDTH, longestReason - (widest - context.columns)));
}

/** Messages are never cut shorter than this, however narrow the terminal: past that, wrapping reads better than nothing. */
const MIN_REASON_WIDTH = 30;

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- the escape character starts what is removed
  return text.replace(/\u001B\[[0-9;]*m/g, '');
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(width - 1, 0)).trimEnd()}…`;
}

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

function toVFile(report: DocumentReport, cwd: string, maxReason: number): VFile {
  const file = new VFile({ path: printablePath(documentName(report, cwd)) });
  file.messages = report.messages.map((message) => withoutSource(message, maxReason));
  return file;
}

/**
 * Every message's `source` is "corpuslint"; vfile-reporter would print it in
 * a fifth column on every line, telling the user nothing.
 */
function withoutSource(message: VFileMessage, maxReason: number): VFileMessage {
  const copy = withoutStackTrace(() => new VFileMessage(cut(message.reason, maxReason), { place: message.place, ruleId: message.ruleId }));
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
