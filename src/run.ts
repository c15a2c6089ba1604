/**
 * One corpuslint run over files on disk: discover, (index the corpus,) lint
 * or fix each document, write fixes atomically. Returns reports; printing and
 * exit codes are the CLI's business.
 *
 * Documents stream through a bounded, ordered window (run/window.ts): files
 * are read as they are discovered, linted in batches on worker threads (or on
 * this thread for small runs, run/executor.ts), and finished in discovery
 * order, so the output is the same whatever the concurrency.
 */
import fs from 'node:fs';
import os from 'node:os';
import { LintCache, runKey } from './cache.js';
import { configuredRules, type ResolvedConfig } from './config.js';
import { prepareCorpus } from './corpus-phase.js';
import { checkPathsExist, createFileFilter, discoverFiles } from './files.js';
import type { FixMode, LintSetup } from './pool/lint-documents.js';
import { ProgressBar } from './progress.js';
import type { DocumentReport } from './reporters/reporter.js';
import { Executor, THREADS_AFTER_BYTES } from './run/executor.js';
import { RunContext } from './run/run-context.js';
import { addShard } from './run/shard-documents.js';
import { addTextFile } from './run/text-documents.js';
import { OrderedWindow } from './run/window.js';
import { loadRuleRegistry, type RuleRegistry } from './plugins.js';
import { DEFAULT_SHARD_FIELDS, shardFormat, type ShardFields } from './shards/shard.js';
import { CORPUS_INDEX_ROW, RunStats } from './stats.js';
import { corpuslintVersion } from './version.js';

export type { FixMode } from './pool/lint-documents.js';

/** `auto`: one worker per core; `off` (or 1): everything on this thread; n: n worker threads. */
export type Concurrency = 'auto' | 'off' | number;

export interface RunOptions {
  cwd: string;
  paths: readonly string[];
  config: ResolvedConfig;
  /** The rules `config` names; loaded from `config.plugins` when not given. */
  registry?: RuleRegistry;
  fix: FixMode;
  /** With a fix mode: compute fixes and return them as diffs, write nothing. */
  dryRun: boolean;
  /** Default `auto`. */
  concurrency?: Concurrency;
  /** Where the cache lives, when `--cache` is on. */
  cacheLocation?: string;
  /** Which fields of a shard's records hold the text and the id. */
  shardFields?: ShardFields;
  /** Draw a progress bar on stderr (only if it is a terminal). */
  progress?: boolean;
  /** Collect per-rule figures (RunResult.stats). */
  stats?: boolean;
  /**
   * Receive each report as it is finished, in order, instead of collecting
   * them in RunResult.reports: memory then stays flat however many
   * documents there are. A returned promise holds the run until it settles
   * (e.g. until the output has drained), so a slow reader slows the run
   * instead of filling memory.
   */
  onReport?: (report: DocumentReport) => void | Promise<void>;
  /** The compiled worker script (tests running from sources point at dist/). */
  workerUrl?: URL;
  /** Text linted on this thread before worker threads start (default 4 MB; tests set 0). */
  minBytesForThreads?: number;
}

export interface RunResult {
  reports: DocumentReport[];
  /** Unified diffs of what `--fix` would write (dry run only). */
  diffs: string[];
  /** Files (or shard records) that could not be read as UTF-8 text. */
  unreadableCount: number;
  filesWritten: number;
  /** The `--stats` table, when asked for. */
  stats?: RunStats;
  /** Documents answered from the cache / linted, when the cache is on. */
  cacheHits: number;
  cacheMisses: number;
  /** Worker threads the run used (0: it stayed on this thread). */
  threadsUsed: number;
}

export async function runCorpuslint(options: RunOptions): Promise<RunResult> {
  const { cwd, config } = options;
  checkPathsExist(options.paths, cwd);
  const registry = options.registry ?? (await loadRuleRegistry(config.plugins));
  const rules = configuredRules(config, registry);
  const filter = createFileFilter(config, cwd);
  const files = () => discoverFiles(options.paths, cwd, filter);
  const shardFields = options.shardFields ?? DEFAULT_SHARD_FIELDS;

  const workers = resolveConcurrency(options.concurrency ?? 'auto');
  const stats = options.stats ? new RunStats(rules.map(({ rule }) => rule.meta.id)) : undefined;
  const corpusStarted = performance.now();
  const corpus = rules.some(({ rule }) => rule.meta.usesCorpus)
    ? await prepareCorpus(files, {
        cwd,
        fields: shardFields,
        indexCacheLocation: options.cacheLocation === undefined ? undefined : `${options.cacheLocation}-index`,
        workers,
      })
    : undefined;
  if (corpus) stats?.addTimes({ [CORPUS_INDEX_ROW]: performance.now() - corpusStarted });

  const cache =
    options.cacheLocation === undefined
      ? undefined
      : await LintCache.load(options.cacheLocation, runKey({ corpuslintVersion: corpuslintVersion(), rules, config, shardFields, corpusHash: corpus?.hash }));

  const setup: LintSetup = { config, fix: options.fix, timeRules: options.stats === true };
  const progress = ProgressBar.forStream(process.stderr, options.progress === true);
  if (progress.active) void countTotal(files(), progress);

  const executor = new Executor(setup, corpus?.index, registry, workers, options.workerUrl, options.minBytesForThreads ?? THREADS_AFTER_BYTES);
  const window = new OrderedWindow(executor, stats);
  const run = new RunContext(options, shardFields, cache, progress, window, stats, corpus?.fileHashes);
  try {
    for await (const filePath of files()) {
      const format = shardFormat(filePath);
      if (format) await addShard(run, filePath, format);
      else await addTextFile(run, filePath);
    }
    await window.drain();
  } catch (error) {
    cache?.close();
    corpus?.fileHashes?.close(false);
    throw error;
  } finally {
    progress.stop();
    run.result.threadsUsed = executor.threadsUsed;
    await executor.close();
  }
  corpus?.fileHashes?.close(true);
  await cache?.save();
  return run.result;
}

function resolveConcurrency(value: Concurrency): number {
  if (value === 'off') return 1;
  if (value === 'auto') return os.availableParallelism();
  return Math.max(1, Math.floor(value));
}

/** Counts the files and bytes ahead of the run, for the progress bar's total. */
async function countTotal(files: AsyncIterable<string>, progress: ProgressBar): Promise<void> {
  let count = 0;
  let bytes = 0;
  try {
    for await (const filePath of files) {
      count++;
      bytes += (await fs.promises.stat(filePath)).size;
    }
    progress.setTotal(count, bytes);
  } catch {
    // Without a total the bar still shows files, MB and MB/s.
  }
}
