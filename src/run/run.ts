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
import path from 'node:path';
import { LintCache, runKey } from '../cache/cache.js';
import { configuredRules } from '../config/config.js';
import { prepareCorpus } from '../corpus/phase.js';
import { checkPathsExist, createFileFilter, discoverFiles, type UnlistableFolders } from '../input/files.js';
import { loadRuleRegistry } from '../config/plugins.js';
import type { LintSetup } from '../workers/lint-documents.js';
import { ProgressBar } from './progress.js';
import { Executor, THREADS_AFTER_BYTES } from './executor.js';
import { RunContext } from './run-context.js';
import { addShard } from './shard-documents.js';
import { addTextFile } from './text-documents.js';
import type { Concurrency, RunOptions, RunResult } from './types.js';
import { OrderedWindow } from './window.js';
import { DEFAULT_SHARD_FIELDS, shardFormat } from '../input/shards/shard.js';
import { detectShardFormat } from '../input/shards/sniff.js';
import { CORPUS_INDEX_ROW, RunStats } from './stats.js';
import { UsageError } from '../core/errors.js';
import { corpusPartsRead } from '../core/rule.js';
import { holdInput, holdUnrereadableInputs } from '../input/read.js';
import { corpuslintVersion } from '../version.js';
import { DropListWriter } from './drop-list.js';

export type { FixMode } from '../workers/lint-documents.js';
export type { Concurrency, RunOptions, RunResult } from './types.js';

export async function runCorpuslint(options: RunOptions): Promise<RunResult> {
  const { cwd, config, stdin } = options;
  if (!stdin) checkPathsExist(options.paths, cwd);
  const registry = options.registry ?? (await loadRuleRegistry(config.plugins));
  const rules = configuredRules(config, registry);
  const filter = createFileFilter(config, cwd);
  const unlistable: UnlistableFolders = new Map();
  const heldInputs = stdin ? [stdin.filePath] : holdUnrereadableInputs(options.paths.map((given) => path.resolve(cwd, given)));
  if (stdin) holdInput(stdin.filePath, stdin.bytes);
  checkHeldInputs(heldInputs, options);
  let documentsFound = 0;
  const files = stdin
    ? async function* () {
        yield stdin.filePath;
      }
    : async function* () {
        for await (const filePath of discoverFiles(options.paths, cwd, filter, { unlistable, followLinks: options.followLinks })) {
          documentsFound++;
          yield filePath;
        }
      };
  const shardFields = options.shardFields ?? DEFAULT_SHARD_FIELDS;
  const lintedFiles = options.selectFiles ? selectedFiles(files, options.selectFiles) : files;

  const workers = resolveConcurrency(options.concurrency ?? 'auto');
  const stats = options.corpusStats?.runStats ?? (options.stats ? new RunStats(rules.map(({ rule }) => rule.meta.id)) : undefined);
  const progress = ProgressBar.forStream(process.stderr, options.progress === true);
  if (progress.active) void countTotal(lintedFiles(), progress);
  const corpusStarted = performance.now();
  const corpusParts = corpusPartsRead(rules.map(({ rule }) => rule.meta));
  if (corpusParts.length > 0) progress.startPhase('indexing');
  const corpus =
    corpusParts.length === 0
      ? undefined
      : options.loadCorpus
        ? await options.loadCorpus()
        : await prepareCorpus(files, {
            progress,
            cwd,
            fields: shardFields,
            indexCacheLocation: options.cacheLocation === undefined ? undefined : `${options.cacheLocation}-index`,
            workers,
            limits: config.limits,
            parts: corpusParts,
          });
  if (corpus) stats?.addTimes({ [CORPUS_INDEX_ROW]: performance.now() - corpusStarted });

  const cache =
    options.cacheLocation === undefined
      ? undefined
      : await LintCache.load(options.cacheLocation, runKey({ corpuslintVersion: corpuslintVersion(), rules, config, shardFields }));

  const dropList = options.dropListLocation === undefined ? undefined : new DropListWriter(options.dropListLocation, cwd);
  const setup: LintSetup = {
    config,
    fix: options.fix,
    timeRules: stats !== undefined,
    findEmptied: dropList !== undefined,
    measureFixes: options.corpusStats !== undefined,
    recordCorpusReads: cache !== undefined && corpus !== undefined,
  };
  progress.startPhase('linting');

  const executor = new Executor(setup, corpus?.index, registry, workers, options.workerUrl, options.minBytesForThreads ?? THREADS_AFTER_BYTES);
  const window = new OrderedWindow(executor, stats);
  const run = new RunContext(options, shardFields, cache, progress, window, stats, corpus?.fileHashes, dropList, corpus);
  try {
    for await (const filePath of lintedFiles()) {
      const unlistableReason = unlistable.get(filePath);
      if (unlistableReason !== undefined) {
        window.enqueue(0, Promise.resolve(), () => run.reportUnreadable(filePath, unlistableReason));
        continue;
      }
      const format = stdin ? undefined : detectShardFormat(filePath, shardFields);
      if (format) await addShard(run, filePath, format);
      else await addTextFile(run, filePath);
    }
    await window.drain();
    if (!stdin && documentsFound === 0) throw new UsageError(noDocumentsMessage(options.paths, config.files));
  } catch (error) {
    cache?.close();
    corpus?.fileHashes?.close(false);
    await dropList?.abort();
    throw error;
  } finally {
    progress.stop();
    run.result.threadsUsed = executor.threadsUsed;
    await executor.close();
  }
  corpus?.fileHashes?.close(true);
  await cache?.save();
  if (cache) stats?.setCacheUse({ hits: run.result.cacheHits, documents: run.result.cacheHits + run.result.cacheMisses, checkMilliseconds: run.replayMilliseconds });
  if (dropList) {
    await dropList.commit();
    run.result.dropped = dropList.count;
  }
  if (corpus?.warning) run.result.warnings.push(corpus.warning);
  if (cache?.damaged) {
    run.result.warnings.push(`${cache.damaged.toLocaleString('en-US')} damaged entr${cache.damaged === 1 ? 'y' : 'ies'} in the cache ${options.cacheLocation} ignored; those files were linted again`);
  }
  return run.result;
}

/** What a pipe or standard input cannot do: be written back, or be hashed again for the cache. */
function checkHeldInputs(held: readonly string[], options: RunOptions): void {
  if (held.length === 0) return;
  const what = options.stdin ? '--stdin' : `${held[0]} (a pipe or device, read once)`;
  if (options.cacheLocation !== undefined) throw new UsageError(`--cache cannot be used with ${what}; drop --cache, or lint a file`);
  if (options.fix !== 'off' && !options.dryRun) {
    throw new UsageError(`--fix cannot write back to ${what}; use --stdin --fix, which prints the fixed text on standard output`);
  }
  if (options.stdin && shardFormat(options.stdin.filePath)) {
    throw new UsageError(`--stdin reads one text document, not a shard (${path.basename(options.stdin.filePath)}); give the shard's path instead`);
  }
}

/** ESLint's "No files matching" for corpuslint: the run found nothing at all to lint. */
function noDocumentsMessage(paths: readonly string[], globs: readonly string[]): string {
  return `No documents found in ${paths.join(', ')}: folders are searched for ${globs.join(', ')}; name a file, or set "files" in .corpuslintrc.json`;
}

/** Threads a run uses for `--concurrency` (the cluster's index stage too). */
export function resolveConcurrency(value: Concurrency): number {
  if (value === 'off') return 1;
  if (value === 'auto') return os.availableParallelism();
  return Math.max(1, Math.floor(value));
}

/** The discovered files `select` accepts, each asked with its place in discovery order. */
function selectedFiles(files: () => AsyncIterable<string>, select: (filePath: string, ordinal: number) => boolean): () => AsyncIterable<string> {
  return async function* () {
    let ordinal = 0;
    for await (const filePath of files()) if (select(filePath, ordinal++)) yield filePath;
  };
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
