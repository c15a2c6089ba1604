/**
 * Any ESLint formatter package, by name (`-f eslint-formatter-pretty`, or
 * `-f pretty` as ESLint resolves it), installed where corpuslint runs. It is
 * given ESLint's results with each document's text (`source`, which
 * codeframe-style formatters print) and ESLint's context (`cwd`,
 * `rulesMeta`). A formatter takes the whole array at once, so this format
 * holds every result in memory until the end, unlike the built-in ones.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../core/errors.js';
import { consumerResult } from './eslint-formats.js';
import type { JsonFileResult } from './json.js';
import type { ReportContext } from './reporter.js';
import { ruleDocs } from './rule-docs.js';

type EslintFormatter = (results: JsonFileResult[], context: EslintFormatterContext) => string | Promise<string>;

interface EslintFormatterContext {
  cwd: string;
  rulesMeta: Record<string, { type: string; docs: { description: string; url: string }; fixable?: 'code' }>;
}

/** The names ESLint tries for `-f name`: the package itself, then the `eslint-formatter-` conventions. */
function candidateNames(name: string): string[] {
  if (name.startsWith('@')) {
    const [scope, rest] = name.split('/');
    if (rest === undefined) return [`${scope}/eslint-formatter`];
    return rest.startsWith('eslint-formatter') ? [name] : [name, `${scope}/eslint-formatter-${rest}`];
  }
  return name.startsWith('eslint-formatter-') ? [name] : [name, `eslint-formatter-${name}`];
}

/** Finds and loads the formatter package, from the working folder's node_modules (then corpuslint's own). */
export async function loadFormatterPackage(name: string, cwd: string): Promise<EslintFormatter> {
  const requirers = [createRequire(path.join(cwd, 'noop.js')), createRequire(import.meta.url)];
  for (const candidate of candidateNames(name)) {
    for (const requirer of requirers) {
      let resolved: string;
      try {
        resolved = requirer.resolve(candidate);
      } catch {
        continue;
      }
      const loaded = (await import(pathToFileURL(resolved).href)) as { default?: unknown };
      const formatter = typeof loaded.default === 'function' ? loaded.default : loaded;
      if (typeof formatter !== 'function') {
        throw new UsageError(`Format "${name}": ${candidate} does not export a formatter function; use an ESLint formatter package`);
      }
      return formatter as EslintFormatter;
    }
  }
  throw new UsageError(
    `Unknown format "${name}": use a built-in one (see corpuslint --help) or install an ESLint formatter package (npm i -D eslint-formatter-${name.replace(/^eslint-formatter-/, '')})`,
  );
}

/** A stream over a formatter package: results gathered, formatted once at the end. */
export function formatterPackageStream(formatter: EslintFormatter, name: string, context: ReportContext) {
  const results: JsonFileResult[] = [];
  return {
    header: () => '',
    document(report: Parameters<typeof consumerResult>[0]) {
      results.push(consumerResult(report));
      return '';
    },
    async footer() {
      const rulesMeta: EslintFormatterContext['rulesMeta'] = {};
      for (const [id, rule] of context.rules) {
        rulesMeta[id] = {
          type: 'suggestion',
          docs: { description: rule.meta.description, url: ruleDocs(rule).url },
          ...(rule.meta.fixable === 'none' ? {} : { fixable: 'code' as const }),
        };
      }
      let output: string;
      try {
        output = await formatter(results, { cwd: context.cwd, rulesMeta });
      } catch (error) {
        throw new UsageError(`Format "${name}" failed (${(error as Error).message}); it may need results corpuslint does not give, try another format`);
      }
      // As ESLint's CLI prints it: the formatter's text and a newline, nothing when it returns nothing.
      return output ? `${output}\n` : '';
    },
  };
}
