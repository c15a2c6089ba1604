/**
 * The library's entry points. Each does what the CLI does with the same
 * inputs: the config is looked up from `cwd` (default `process.cwd()`) unless
 * one is given, presets, plugins and rule options resolve the same way, and
 * `lintFiles` runs the CLI's own pipeline (discovery, corpus index, cache,
 * worker threads, atomic writes), handing reports over as they are finished.
 */
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { configuredRules, loadConfig, resolveConfig, type LoadConfigOptions } from './config/config.js';
import { fixText as fixWithLinter, guardWholesaleRemoval } from './core/fix.js';
import { Linter as CoreLinter, type RuleEntry } from './core/lint.js';
import type { DocumentReport } from './reporters/reporter.js';
import { DEFAULT_CACHE_LOCATION } from './cache/cache.js';
import { runCorpuslint, type Concurrency, type FixMode } from './run/run.js';
import type { ShardFields } from './input/shards/shard.js';
import type { ContentLimits } from './core/limits.js';

export interface LintOptions extends LoadConfigOptions {
  /** The name messages carry (it is not read). */
  filePath?: string;
}

export interface FixOptions extends LintOptions {
  /** Also apply fixes marked unsafe (`--unsafe-fixes`). */
  unsafe?: boolean;
}

export interface LintResult {
  filePath?: string;
  /** Sorted by place; `fatal: true` is an error, `false` a warning. */
  messages: VFileMessage[];
  errorCount: number;
  warningCount: number;
  /** fixText only: the fixed text (the input when nothing applied). */
  output?: string;
}

export interface LintFilesOptions extends LoadConfigOptions {
  /** `--fix` (`safe`) or `--fix --unsafe-fixes` (`unsafe`); default `off`. */
  fix?: FixMode;
  /** With `fix`: compute the fixes but write nothing (`--fix-dry-run`). */
  dryRun?: boolean;
  /** Default `auto`, as the CLI. */
  concurrency?: Concurrency;
  /** `--cache`: `true` for `.corpuslintcache` in `cwd`, or the cache file's path. */
  cache?: boolean | string;
  shardFields?: ShardFields;
}

/**
 * A Linter for library users: with no rules it runs the recommended set
 * with default options, as the CLI does without a config. `fix` applies
 * fixes the way `--fix` does.
 */
export class Linter extends CoreLinter {
  /** `limits`: the sizes past which content rules skip a line or a document (default: the config default). */
  constructor(rules?: readonly RuleEntry[], limits?: ContentLimits) {
    super(rules ?? configuredRules(resolveConfig(undefined, undefined)), limits);
  }

  /** A Linter for the rules `loadConfig` resolves (config file, plugins, `rules`), as `lintText` uses: build once, lint many. */
  static async load(options: LoadConfigOptions = {}): Promise<Linter> {
    const { config, registry } = await loadConfig(options);
    return new Linter(configuredRules(config, registry), config.limits);
  }

  fix(text: string, options: { filePath?: string; unsafe?: boolean } = {}): LintResult & { output: string } {
    const fixed = fixWithLinter(this, text, options);
    return { ...resultOf(fixed.file.messages, options.filePath), output: fixed.output };
  }
}

export async function lintText(text: string, options: LintOptions = {}): Promise<LintResult> {
  const linter = await Linter.load(options);
  const file = linter.lint(text, { filePath: options.filePath });
  guardWholesaleRemoval(file, text);
  return resultOf(file.messages, options.filePath);
}

export async function fixText(text: string, options: FixOptions = {}): Promise<LintResult & { output: string }> {
  return (await Linter.load(options)).fix(text, { filePath: options.filePath, unsafe: options.unsafe });
}

/**
 * Lints files and folders as the CLI does, yielding one report per document
 * in discovery order as soon as it is finished; the run waits while the
 * caller is busy with a report, so memory stays flat on a corpus of any size.
 * Breaking out of the loop stops the run.
 */
export function lintFiles(paths: readonly string[], options: LintFilesOptions = {}): AsyncIterable<DocumentReport> {
  return { [Symbol.asyncIterator]: () => streamReports(paths, options) };
}

async function* streamReports(paths: readonly string[], options: LintFilesOptions): AsyncGenerator<DocumentReport> {
  const channel = new ReportChannel();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const run = (async () => {
    const { config, registry } = await loadConfig(options);
    const cacheLocation = options.cache === true ? DEFAULT_CACHE_LOCATION : options.cache || undefined;
    await runCorpuslint({
      cwd,
      paths,
      config,
      registry,
      fix: options.fix ?? 'off',
      dryRun: options.dryRun ?? false,
      concurrency: options.concurrency,
      cacheLocation: cacheLocation === undefined ? undefined : path.resolve(cwd, cacheLocation),
      shardFields: options.shardFields,
      onReport: (report) => channel.push(report),
    });
  })();
  run.then(
    () => channel.end(),
    (error: unknown) => channel.fail(error),
  );
  try {
    for (let next = await channel.take(); next !== undefined; next = await channel.take()) yield next;
  } finally {
    channel.cancel();
    await run.catch(() => undefined);
  }
}

class RunCancelled extends Error {}

/** One report at a time from the run to the caller: `push` settles when the caller has taken it. */
class ReportChannel {
  private waiting: { report: DocumentReport; taken: () => void; cancelled: (error: Error) => void } | undefined;
  private reader: ((report: DocumentReport | undefined) => void) | undefined;
  private readerFailed: ((error: unknown) => void) | undefined;
  private done = false;
  private failure: { error: unknown } | undefined;
  private cancelled = false;

  push(report: DocumentReport): Promise<void> {
    if (this.cancelled) return Promise.reject(new RunCancelled());
    return new Promise((taken, cancelled) => {
      if (this.reader) {
        const reader = this.reader;
        this.clearReader();
        reader(report);
        taken();
      } else {
        this.waiting = { report, taken, cancelled };
      }
    });
  }

  take(): Promise<DocumentReport | undefined> {
    if (this.waiting) {
      const { report, taken } = this.waiting;
      this.waiting = undefined;
      taken();
      return Promise.resolve(report);
    }
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.done) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.reader = resolve;
      this.readerFailed = reject;
    });
  }

  end(): void {
    this.done = true;
    this.reader?.(undefined);
    this.clearReader();
  }

  fail(error: unknown): void {
    if (error instanceof RunCancelled) return this.end();
    this.failure = { error };
    this.readerFailed?.(error);
    this.clearReader();
  }

  cancel(): void {
    this.cancelled = true;
    this.waiting?.cancelled(new RunCancelled());
    this.waiting = undefined;
  }

  private clearReader(): void {
    this.reader = undefined;
    this.readerFailed = undefined;
  }
}


function resultOf(messages: VFileMessage[], filePath: string | undefined): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  for (const message of messages) {
    if (message.fatal === true) errorCount++;
    else if (message.fatal === false) warningCount++;
  }
  const result: LintResult = { messages, errorCount, warningCount };
  if (filePath !== undefined) result.filePath = filePath;
  return result;
}
