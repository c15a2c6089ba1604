/** The report formats, by the name `--format` takes. */
import { checkstyleReporter, compactReporter, junitReporter, rdjsonReporter, unixReporter } from './eslint-formats.js';
import { githubReporter } from './github.js';
import { htmlReporter } from './html/index.js';
import { jsonReporter } from './json.js';
import { countProblems } from './problems.js';
import type { Reporter, WholeReporter } from './reporter.js';
import { sarifReporter } from './sarif.js';
import { stylishReporter } from './stylish.js';

export type ReportFormat = 'stylish' | 'json' | 'json-with-source' | 'sarif' | 'github' | 'compact' | 'unix' | 'junit' | 'checkstyle' | 'rdjson' | 'html';

/** Each format as a stream, which the CLI writes out as documents are finished. */
export const reportStreams: Record<ReportFormat, Reporter> = {
  stylish: stylishReporter,
  json: jsonReporter,
  // The same JSON with each document's text, for consumers that show it; not the default, as at corpus scale it is the corpus again.
  'json-with-source': jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  compact: compactReporter,
  unix: unixReporter,
  junit: junitReporter,
  checkstyle: checkstyleReporter,
  rdjson: rdjsonReporter,
  html: htmlReporter,
};

/** Formats that print each document's text, which the run then keeps for them (`DocumentReport.source`). */
export const FORMATS_WITH_SOURCE: ReadonlySet<string> = new Set(['json-with-source', 'rdjson', 'html']);

/** Formats drawn from the run's corpus figures (the `--stats-json` aggregate), which the run then collects. */
export const FORMATS_WITH_CORPUS_STATS: ReadonlySet<string> = new Set(['html']);

export function isBuiltinFormat(name: string): name is ReportFormat {
  return Object.hasOwn(reportStreams, name);
}

/** The same formats over reports held in memory (tests, programs that keep `RunResult.reports`). */
export const reporters = Object.fromEntries(
  Object.entries(reportStreams).map(([name, reporter]) => [name, wholeReport(reporter)]),
) as Record<ReportFormat, WholeReporter>;

/** One way to format: the whole report is the stream run over the array. */
export function wholeReport(reporter: Reporter): WholeReporter {
  return (reports, context) => {
    const stream = reporter(context);
    let output = stream.header();
    for (const report of reports) output += stream.document(report);
    return output + stream.footer(countProblems(reports));
  };
}
