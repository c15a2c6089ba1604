/**
 * The command line: parse flags, resolve config, run, report, exit. Every
 * failure a user can cause ends as one line on stderr and exit code 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { builtinRules } from '../rules/index.js';
import { configuredRules, loadConfig, parseRuleOverride, type LoadedConfig, type ResolvedConfig, type RuleSetting } from './config/config.js';
import { EXIT_CLEAN, EXIT_FAILED, EXIT_PROBLEMS, UsageError } from './core/errors.js';
import { FORMATS_WITH_CORPUS_STATS, FORMATS_WITH_SOURCE, isBuiltinFormat, reportStreams, type ReportFormat } from './reporters/index.js';
import { formatterPackageStream, loadFormatterPackage } from './reporters/formatter-package.js';
import { GITHUB_MAX_RESULTS_PER_RUN } from './reporters/sarif.js';
import { ReportOutput } from './reporters/output.js';
import { addProblems, noProblems, plural, type ProblemCounts } from './reporters/problems.js';
import type { DocumentReport, ReportContext } from './reporters/reporter.js';
import { DEFAULT_CACHE_LOCATION, sha256 } from './cache/cache.js';
import { CorpusStats } from './run/corpus-stats.js';
import { createFileFilter } from './input/files.js';
import { resolveConcurrency, runCorpuslint, type Concurrency, type FixMode, type RunOptions } from './run/run.js';
import { DEFAULT_SHARD_FIELDS } from './input/shards/shard.js';
import { corpuslintVersion } from './version.js';
import { DEFAULT_SUPPRESSIONS_LOCATION, Suppressions, type SuppressionMode } from './run/suppressions.js';
import { CLUSTER_OPTIONS, clusterCommand } from './cluster/command.js';
import type { ClusterArguments } from './cluster/types.js';

const FORMATS = Object.keys(reportStreams);

interface CliArguments extends ClusterArguments {
  paths: string[];
  config?: string;
  rule: string[];
  ruleOnly: string[];
  plugin: string[];
  rulesdir: string[];
  format: string;
  outputFile?: string;
  fix: boolean;
  fixDryRun: boolean;
  unsafeFixes: boolean;
  maxWarnings: string;
  quiet: boolean;
  printConfig?: string;
  listRules: boolean;
  color?: boolean;
  concurrency: string;
  cache: boolean;
  cacheLocation: string;
  textField: string;
  idField: string;
  stats: boolean;
  statsJson?: string;
  progress: boolean;
  maxResults?: number;
  stdin: boolean;
  stdinFilename?: string;
  follow: boolean;
  suppressAll: boolean;
  suppressRule: string[];
  pruneSuppressions: boolean;
  suppressionsLocation: string;
  passOnUnprunedSuppressions: boolean;
  dropList?: string;
  exclusions?: string;
}

function parseArguments(argv: string[]): CliArguments {
  const parsed = yargs(argv)
    .scriptName('corpuslint')
    .usage('$0 [options] <paths...>\n\nLint text corpora: site chrome, duplicated lines, appended stories, typos.')
    .option('config', { alias: 'c', type: 'string', describe: `Use this config file instead of looking for .corpuslintrc.json` })
    .option('rule', { type: 'string', describe: "Set a rule's severity, e.g. --rule 'no-misspelling: off'" })
    .option('rule-only', { type: 'string', describe: 'Run only this rule (repeat for more), at least as a warning' })
    .option('plugin', { type: 'string', describe: 'Load a plugin (package name or path; repeat for more); its rules are <plugin>/<id>' })
    .option('rulesdir', { type: 'string', describe: 'Load every .js rule file in this folder (repeat for more)' })
    .option('format', {
      alias: 'f',
      type: 'string',
      default: 'stylish',
      describe: `Report format: ${FORMATS.join(', ')}, or an installed ESLint formatter package (eslint-formatter-<name>)`,
    })
    .option('output-file', { alias: 'o', type: 'string', describe: 'Write the report to this file' })
    .option('fix', { type: 'boolean', default: false, describe: 'Apply safe fixes to the files' })
    .option('fix-dry-run', { type: 'boolean', default: false, describe: 'Print a diff of what --fix would write; change nothing' })
    .option('unsafe-fixes', { type: 'boolean', default: false, describe: 'With --fix or --fix-dry-run, also apply fixes marked unsafe' })
    .option('max-warnings', { type: 'string', default: '-1', describe: 'Exit with 1 when there are more warnings than this (-1: no limit)' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Report errors only' })
    .option('print-config', { type: 'string', describe: 'Print the config that applies to this file and exit' })
    .option('list-rules', { type: 'boolean', default: false, describe: 'List the built-in rules and exit' })
    .option('color', { type: 'boolean', describe: 'Force colour on or off in the stylish report' })
    .option('concurrency', { type: 'string', default: 'auto', describe: 'Worker threads: auto (one per core), off, or a number' })
    .option('cache', { type: 'boolean', default: false, describe: 'Reuse results for files that have not changed' })
    .option('cache-location', { type: 'string', default: DEFAULT_CACHE_LOCATION, describe: 'Where --cache keeps its file' })
    .option('text-field', { type: 'string', default: DEFAULT_SHARD_FIELDS.textField, describe: 'The field of a JSONL / Parquet record that holds its text' })
    .option('id-field', { type: 'string', default: DEFAULT_SHARD_FIELDS.idField, describe: "The field of a JSONL / Parquet record that holds its id" })
    .option('max-results', {
      type: 'number',
      describe: `SARIF: write at most this many results, errors first (default ${GITHUB_MAX_RESULTS_PER_RUN}, GitHub's limit; 0: no cap)`,
    })
    .option('stdin', { type: 'boolean', default: false, describe: 'Lint the text on standard input (with --fix: print the fixed text)' })
    .option('stdin-filename', { type: 'string', describe: 'The name to report the --stdin text under' })
    .option('stats', { type: 'boolean', default: false, describe: 'Print per-rule messages, documents and time to stderr' })
    .option('stats-json', { type: 'string', describe: 'Write corpus figures (per rule, site, cluster; what --fix removes) as JSON to this file' })
    .option('follow', { type: 'boolean', default: true, describe: 'Follow symbolic links inside folders (--no-follow skips them)' })
    .option('progress', { type: 'boolean', default: true, describe: 'Show a progress bar on stderr when it is a terminal' })
    .option('drop-list', { type: 'string', describe: 'Write the documents to drop (near-duplicate copies, documents fixing empties) to this file, as JSON Lines' })
    .option('exclusions', { type: 'string', describe: 'With --fix: move shard records that fixing empties to shards of the same format under this folder' })
    .option('suppress-all', { type: 'boolean', default: false, describe: 'Record every current problem in the suppressions file (a baseline); later runs report only new ones' })
    .option('suppress-rule', { type: 'string', describe: "Record this rule's current problems in the suppressions file (repeat for more)" })
    .option('prune-suppressions', { type: 'boolean', default: false, describe: 'Remove suppressions for problems that no longer occur' })
    .option('suppressions-location', { type: 'string', default: DEFAULT_SUPPRESSIONS_LOCATION, describe: 'The suppressions file' })
    .option('pass-on-unpruned-suppressions', { type: 'boolean', default: false, describe: 'Do not fail when suppressions no longer occur' })
    .options(CLUSTER_OPTIONS)
    .strictOptions()
    .help()
    // yargs would read the package.json nearest the working folder: the host project's, once installed.
    .version(corpuslintVersion())
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      throw error instanceof UsageError ? error : new UsageError(`${(error?.message ?? message).replace(/\s*\n\s*/g, ' ')}; see corpuslint --help`);
    })
    .parseSync();
  // Repeatable flags are given one value each time (a greedy array would swallow the paths after it).
  return {
    ...(parsed as unknown as CliArguments),
    rule: asList(parsed.rule),
    ruleOnly: asList(parsed['rule-only']),
    plugin: asList(parsed.plugin),
    rulesdir: asList(parsed.rulesdir),
    suppressRule: asList(parsed['suppress-rule']),
    paths: parsed._.map(String),
  };
}

/** A file the run writes (the cache and the files beside it, a drop list) must be writable: say so up front rather than fail after the run. */
function checkedOutputLocation(flag: string, location: string, inputs: InputPaths): string {
  const folder = path.dirname(location);
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${location}: cannot write in ${folder}; choose a file in an existing, writable folder`);
  }
  checkWritableTarget(flag, location, inputs);
  return location;
}

/** What `-o` and `--cache-location` must not overwrite: the paths given, and the files linted inside the folders given. */
interface InputPaths {
  given: readonly string[];
  linted(filePath: string): boolean;
}

function inputPathsOf(paths: readonly string[], config: ResolvedConfig, cwd: string): InputPaths {
  const given = paths.map((given) => path.resolve(cwd, given));
  const filter = createFileFilter(config, cwd);
  return {
    given,
    linted: (filePath) =>
      given.includes(filePath) ||
      given.some((folder) => filePath.startsWith(folder + path.sep) && filter.matches(path.relative(cwd, filePath)) && !filter.ignored(path.relative(cwd, filePath), false)),
  };
}

const EXAMPLE_FILE_NAMES: Record<string, string> = {
  '-o': 'report.json',
  '--cache-location': '.corpuslintcache',
  '--suppressions-location': DEFAULT_SUPPRESSIONS_LOCATION,
  '--drop-list': 'drop.jsonl',
  '--stats-json': 'stats.json',
};

/** A report or cache file must be a new or existing plain file that is not one of the inputs. */
function checkWritableTarget(flag: string, target: string, inputs: InputPaths): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) throw new UsageError(`${flag} ${target} is a folder; name a file (e.g. ${path.join(target, EXAMPLE_FILE_NAMES[flag] ?? path.basename(target))})`);
  if (inputs.linted(target)) throw new UsageError(`${flag} ${target} is one of the files being linted; write it somewhere else`);
}

/** Exclusion shards mirror the linted shards' paths, so their folder must lie outside what is linted (or the next run lints them). */
function checkedExclusionsDir(dir: string, args: CliArguments, inputs: InputPaths, cwd: string): string {
  if (!args.fix) throw new UsageError('--exclusions goes with --fix: it moves the records fixing empties (a dry run writes nothing)');
  const inside = inputs.given.find((given) => dir === given || dir.startsWith(given + path.sep));
  if (inside !== undefined || dir === cwd) {
    throw new UsageError(`--exclusions ${args.exclusions}: lies inside ${path.relative(cwd, inside ?? cwd) || '.'}, where the shards are; choose a folder outside the paths being linted`);
  }
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new UsageError(`--exclusions ${args.exclusions} is a file; name a folder (it is created if missing)`);
  return dir;
}

/** Warnings allowed before exit code 1: a whole number, -1 for no limit. */
function parseMaxWarnings(value: string): number {
  const count = Number(value);
  if (value.trim() === '' || !Number.isInteger(count) || count < -1) {
    throw new UsageError(`--max-warnings ${JSON.stringify(value)}: use a whole number of warnings (0 or more), or -1 for no limit`);
  }
  return count;
}

/** More threads than this only add memory (each loads the rules' data) and contention. */
const MAX_THREADS = 64;

function parseConcurrency(value: string): Concurrency {
  if (value === 'auto' || value === 'off') return value;
  const count = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(count) || count < 1 || count > MAX_THREADS) {
    throw new UsageError(`--concurrency ${JSON.stringify(value)}: use auto, off or a whole number of threads from 1 to ${MAX_THREADS}`);
  }
  return count;
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export async function main(argv: string[] = hideBin(process.argv)): Promise<number> {
  const cwd = process.cwd();
  const args = parseArguments(argv);
  if (args.listRules) {
    process.stdout.write(listRules());
    return EXIT_CLEAN;
  }
  const { config, registry } = await loadCliConfig(args, cwd);
  if (args.printConfig !== undefined) {
    process.stdout.write(`${JSON.stringify({ file: path.resolve(cwd, args.printConfig), ...config }, null, 2)}\n`);
    return EXIT_CLEAN;
  }
  if (args.stdin && args.paths.length > 0) throw new UsageError('--stdin lints standard input: give no paths with it (name the text with --stdin-filename)');
  if (args.stdinFilename !== undefined && !args.stdin) throw new UsageError('--stdin-filename goes with --stdin');
  if (!args.stdin && args.paths.length === 0) throw new UsageError('No paths given; run `corpuslint <files or folders>`, e.g. `corpuslint seeds/`');
  const fix: FixMode = args.fix || args.fixDryRun ? (args.unsafeFixes ? 'unsafe' : 'safe') : 'off';
  if (args.unsafeFixes && fix === 'off') throw new UsageError('--unsafe-fixes goes with --fix or --fix-dry-run');

  const maxWarnings = parseMaxWarnings(args.maxWarnings);
  const concurrency = parseConcurrency(args.concurrency);
  const inputs = inputPathsOf(args.paths, config, cwd);
  const outputFile = args.outputFile === undefined ? undefined : path.resolve(cwd, args.outputFile);
  if (outputFile !== undefined) checkWritableTarget('-o', outputFile, inputs);
  const cacheLocation = args.cache ? checkedOutputLocation('--cache-location', path.resolve(cwd, args.cacheLocation), inputs) : undefined;
  const dropListLocation = args.dropList === undefined ? undefined : checkedOutputLocation('--drop-list', path.resolve(cwd, args.dropList), inputs);
  const exclusionsDir = args.exclusions === undefined ? undefined : checkedExclusionsDir(path.resolve(cwd, args.exclusions), args, inputs, cwd);
  const color = args.color ?? (args.outputFile === undefined && process.stdout.isTTY === true);
  const rulesThatRan = new Map(configuredRules(config, registry).map(({ rule }) => [rule.meta.id, rule]));
  const maxResults = args.maxResults ?? GITHUB_MAX_RESULTS_PER_RUN;
  if (!Number.isInteger(maxResults) || maxResults < 0) throw new UsageError(`--max-results ${args.maxResults}: use a whole number of results (0: no cap)`);
  const notice = (text: string) => process.stderr.write(`corpuslint: ${text}\n`);
  // Stylish fits a terminal's width; a file or a pipe gets every message whole.
  const columns = args.outputFile === undefined && process.stdout.isTTY ? process.stdout.columns : undefined;
  const statsJsonFile = args.statsJson === undefined ? undefined : path.resolve(cwd, args.statsJson);
  if (statsJsonFile !== undefined) checkWritableTarget('--stats-json', statsJsonFile, inputs);
  // One aggregate for --stats-json and the HTML report, so their numbers are the same computation.
  const corpusStats =
    statsJsonFile !== undefined || FORMATS_WITH_CORPUS_STATS.has(args.format)
      ? new CorpusStats({ corpuslintVersion: corpuslintVersion(), configHash: sha256(JSON.stringify(config)), fix, ruleIds: [...rulesThatRan.keys()] })
      : undefined;
  const context: ReportContext = { cwd, rules: rulesThatRan, color, maxResults, notice, columns, corpusStats };
  const builtin = isBuiltinFormat(args.format);
  const stream = builtin
    ? reportStreams[args.format as ReportFormat](context)
    : formatterPackageStream(await loadFormatterPackage(args.format, cwd), args.format, context);
  // With --stdin --fix the fixed text is the standard output, as in ESLint and textlint, so the report goes to stderr.
  const stdinFix = args.stdin && args.fix;
  const output = new ReportOutput(stream, outputFile, stdinFix ? process.stderr : process.stdout);
  const stdin = args.stdin ? { filePath: path.resolve(cwd, args.stdinFilename ?? '<stdin>'), bytes: readStandardInput() } : undefined;
  let fixedText: string | undefined;
  // Reports are written as they come and then dropped; only counts stay, for the exit code.
  const problems = noProblems();
  const suppressions = loadSuppressions(args, registry, cwd, inputs);
  // A cluster stage (src/cluster/) either finishes here or runs in place of a one-machine run, reported the same way.
  const cluster = await clusterCommand(args, { cwd, config, registry, workers: resolveConcurrency(concurrency), notice });
  if (typeof cluster === 'number') return cluster;
  const result = await (cluster ? (options: RunOptions) => cluster.run(options, runCorpuslint) : runCorpuslint)({
    cwd,
    paths: args.paths,
    config,
    registry,
    fix,
    // --stdin --fix writes nothing back: the fixed text goes to stdout.
    dryRun: args.fixDryRun || stdinFix,
    stdin,
    concurrency,
    cacheLocation,
    shardFields: { textField: args.textField, idField: args.idField },
    progress: args.progress,
    followLinks: args.follow,
    stats: args.stats,
    dropListLocation,
    exclusionsDir,
    corpusStats,
    keepSource: !builtin || FORMATS_WITH_SOURCE.has(args.format),
    onReport: (report) => {
      if (stdinFix) fixedText = report.output;
      const reported = suppressions ? suppressions.filter(report) : report;
      addProblems(problems, reported);
      return output.document(args.quiet ? errorsOnly(reported) : reported);
    },
  });
  const code = exitCode(problems, result.unreadableCount, maxWarnings);
  if (corpusStats) corpusStats.exitCode = code;
  await output.end();
  if (corpusStats && statsJsonFile !== undefined) await writeStatsJson(statsJsonFile, corpusStats);
  if (stdinFix && stdin) process.stdout.write(fixedText ?? stdin.bytes.toString('utf8'));
  // The diff first, then the table, a blank line apart, so neither reads as part of the other.
  const diff = args.fixDryRun && !stdinFix && result.diffs.length > 0 ? result.diffs.join('') : '';
  if (diff) process.stderr.write(diff);
  if (args.stats && result.stats) process.stderr.write(`${diff ? '\n' : ''}${result.stats.format()}`);
  if (dropListLocation !== undefined) notice(`${plural(result.dropped, 'document')} to drop listed in ${args.dropList}`);
  if (result.excluded > 0) notice(`${plural(result.excluded, 'record')} moved to exclusion shards under ${args.exclusions}`);
  if (result.nullTextRecords > 0) notice(`skipped ${plural(result.nullTextRecords, 'record')} whose text is null (documents with no text)`);
  // A report written to a file leaves the terminal silent; one line says how the run went.
  if (args.outputFile !== undefined) notice(`${runSummary(problems)}; report written to ${args.outputFile}`);
  for (const warning of result.warnings) notice(`warning: ${warning}`);
  const unpruned = suppressions ? await finishSuppressions(suppressions, args, cwd, notice) : false;
  return unpruned ? EXIT_FAILED : code;
}

/** The baseline this run reads (and with --suppress-* or --prune-suppressions, rewrites); undefined when there is none. */
function loadSuppressions(args: CliArguments, registry: LoadedConfig['registry'], cwd: string, inputs: InputPaths): Suppressions | undefined {
  const writes = args.suppressAll || args.suppressRule.length > 0 || args.pruneSuppressions;
  if (args.suppressAll && args.suppressRule.length > 0) throw new UsageError('--suppress-all and --suppress-rule cannot be used together; give one of them');
  if (args.pruneSuppressions && (args.suppressAll || args.suppressRule.length > 0)) {
    throw new UsageError('--prune-suppressions cannot be used with --suppress-all or --suppress-rule; run them one after the other');
  }
  if (writes && args.fixDryRun) {
    throw new UsageError('--suppress-all, --suppress-rule and --prune-suppressions count the problems of the text on disk; use them with --fix, not --fix-dry-run');
  }
  for (const id of args.suppressRule) {
    if (!registry.has(id)) throw new UsageError(`Unknown rule "${id}" in --suppress-rule; run \`corpuslint --list-rules\` to see the rule ids`);
  }
  const location = path.resolve(cwd, args.suppressionsLocation);
  if (writes) checkWritableTarget('--suppressions-location', location, inputs);
  const mode: SuppressionMode = args.suppressAll
    ? { kind: 'suppress' }
    : args.suppressRule.length > 0
      ? { kind: 'suppress', rules: args.suppressRule }
      : args.pruneSuppressions
        ? { kind: 'prune' }
        : { kind: 'apply' };
  const suppressions = Suppressions.load(location, cwd, mode, inputs.given);
  return suppressions.active ? suppressions : undefined;
}

/** Writes the file when this run changed it and says what it did; true when suppressions no longer occur (ESLint exits 2 then). */
async function finishSuppressions(suppressions: Suppressions, args: CliArguments, cwd: string, notice: (text: string) => void): Promise<boolean> {
  const summary = suppressions.finish();
  const name = path.relative(cwd, suppressions.location) || suppressions.location;
  if (await suppressions.save()) notice(`suppressions written to ${name}`);
  if (summary.suppressed > 0) notice(`${plural(summary.suppressed, 'problem')} suppressed by ${name}`);
  if (summary.unused === 0 || args.passOnUnprunedSuppressions) return false;
  notice(
    `${plural(summary.unused, 'suppression')} in ${plural(summary.unusedDocuments, 'document')} of ${name} no longer ${summary.unused === 1 ? 'occurs' : 'occur'}; ` +
      'run again with --prune-suppressions to remove them, or with --pass-on-unpruned-suppressions to ignore them',
  );
  return true;
}

/** Written in place, as `-o` is: the target may be a device or a pipe (`/dev/stdout`), which a rename would replace. */
async function writeStatsJson(filePath: string, corpusStats: CorpusStats): Promise<void> {
  try {
    await fs.promises.writeFile(filePath, `${JSON.stringify(corpusStats.toJSON(), null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`Cannot write --stats-json ${filePath} (${(error as Error).message}); check that the path is writable and the disk has room`);
  }
}

/** "2 problems (1 error, 1 warning) in 1 document", or "no problems in the documents linted". */
function runSummary(problems: ProblemCounts): string {
  const total = problems.errors + problems.warnings;
  if (total === 0) return 'no problems';
  return `${plural(total, 'problem')} (${plural(problems.errors, 'error')}, ${plural(problems.warnings, 'warning')}) in ${plural(problems.documents, 'document')}`;
}

function readStandardInput(): Buffer {
  try {
    return fs.readFileSync(0);
  } catch (error) {
    throw new UsageError(`Cannot read standard input (${(error as NodeJS.ErrnoException).code ?? String(error)}); pipe the text in, e.g. \`cat page.txt | corpuslint --stdin\``);
  }
}

async function loadCliConfig(args: CliArguments, cwd: string): Promise<LoadedConfig> {
  const overrides: Record<string, RuleSetting> = {};
  for (const value of args.rule) Object.assign(overrides, parseRuleOverride(value));
  const loaded = await loadConfig({ cwd, config: args.config, rules: overrides, plugins: args.plugin, rulesDirs: args.rulesdir });
  const { config, registry } = loaded;
  if (args.ruleOnly.length > 0) {
    for (const id of args.ruleOnly) {
      if (!registry.has(id)) throw new UsageError(`Unknown rule "${id}" in --rule-only; run \`corpuslint --list-rules\` to see the rule ids`);
    }
    for (const [id, setting] of Object.entries(config.rules)) {
      setting.severity = args.ruleOnly.includes(id) ? (setting.severity === 'off' ? 'warn' : setting.severity) : 'off';
    }
  }
  return loaded;
}

function listRules(): string {
  const width = Math.max(...builtinRules.map((rule) => rule.meta.id.length));
  return builtinRules
    .map((rule) => {
      const fix = rule.meta.fixable === 'none' ? 'no fix' : `fix: ${rule.meta.fixable}`;
      return `${rule.meta.id.padEnd(width)}  ${rule.meta.recommended.padEnd(5)}  ${fix.padEnd(11)}  ${rule.meta.description}`;
    })
    .join('\n')
    .concat('\n');
}

function errorsOnly(report: DocumentReport): DocumentReport {
  return { ...report, messages: report.messages.filter((message) => message.fatal === true) };
}

function exitCode(problems: ProblemCounts, unreadableCount: number, maxWarnings: number): number {
  if (unreadableCount > 0) return EXIT_FAILED;
  if (problems.errors > 0) return EXIT_PROBLEMS;
  if (maxWarnings >= 0 && problems.warnings > maxWarnings) return EXIT_PROBLEMS;
  return EXIT_CLEAN;
}

/** Entry point for bin/: a UsageError is the user's to fix (one line); anything else is our bug. */
export async function runCli(): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`corpuslint: ${error.message}\n`);
    } else {
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`corpuslint: internal error: ${reason}. Please report it; set CORPUSLINT_DEBUG=1 for the stack trace\n`);
      if (process.env.CORPUSLINT_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    }
    process.exitCode = EXIT_FAILED;
  }
}
