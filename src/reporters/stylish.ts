/**
 * The default, human format: vfile-reporter's table (`line:column-endLine:endColumn
 * warning  message  rule-id`, grouped by document, then a summary), plus
 * ESLint's closing hint about what `--fix` would fix.
 */
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { reporter as vfileReporter } from 'vfile-reporter';
import { countProblems, documentName, plural } from './problems.js';
import type { Reporter } from './reporter.js';

/**
 * Like ESLint's stylish, prints nothing at all when no document has a problem
 * (vfile-reporter would list every clean file as "no issues found"), so a
 * clean run over a corpus of thousands of files stays silent.
 */
export const stylishReporter: Reporter = (reports, context) => {
  const files = reports.filter((report) => report.messages.length > 0).map((report) => toVFile(report, context.cwd));
  if (files.length === 0) return '';
  const table = vfileReporter(files, { color: context.color, quiet: true });
  const hint = fixHint(countProblems(reports));
  return hint ? `${table}\n${hint}` : table;
};

function toVFile(report: Parameters<Reporter>[0][number], cwd: string): VFile {
  const file = new VFile({ path: documentName(report, cwd) });
  file.messages = report.messages.map(withoutSource);
  return file;
}

/**
 * Every message's `source` is "corpuslint"; vfile-reporter would print it in
 * a fifth column on every line, telling the user nothing.
 */
function withoutSource(message: VFileMessage): VFileMessage {
  const copy = new VFileMessage(message.reason, { place: message.place, ruleId: message.ruleId });
  copy.fatal = message.fatal;
  copy.url = message.url;
  return copy;
}

function fixHint(counts: ReturnType<typeof countProblems>): string {
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
