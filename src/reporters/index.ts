/** The report formats, by the name `--format` takes. */
import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import type { Reporter } from './reporter.js';
import { sarifReporter } from './sarif.js';
import { stylishReporter } from './stylish.js';

export type ReportFormat = 'stylish' | 'json' | 'sarif' | 'github';

export const reporters: Record<ReportFormat, Reporter> = {
  stylish: stylishReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
};
