/** The report formats, by the name `--format` takes. */
import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { countProblems } from './problems.js';
import type { Reporter, WholeReporter } from './reporter.js';
import { sarifReporter } from './sarif.js';
import { stylishReporter } from './stylish.js';

export type ReportFormat = 'stylish' | 'json' | 'sarif' | 'github';

/** Each format as a stream, which the CLI writes out as documents are finished. */
export const reportStreams: Record<ReportFormat, Reporter> = {
  stylish: stylishReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
};

/** The same formats over reports held in memory (tests, programs that keep `RunResult.reports`). */
export const reporters: Record<ReportFormat, WholeReporter> = {
  stylish: wholeReport(stylishReporter),
  json: wholeReport(jsonReporter),
  sarif: wholeReport(sarifReporter),
  github: wholeReport(githubReporter),
};

/** One way to format: the whole report is the stream run over the array. */
export function wholeReport(reporter: Reporter): WholeReporter {
  return (reports, context) => {
    const stream = reporter(context);
    let output = stream.header();
    for (const report of reports) output += stream.document(report);
    return output + stream.footer(countProblems(reports));
  };
}
