/**
 * What a run is given and what it returns, at the low end of src/run/: the
 * run's steps (run-context, text and shard documents) read these, and
 * src/run/run.ts, which calls those steps, re-exports them.
 */
import type { ResolvedConfig } from '../config/config.js';
import type { RuleRegistry } from '../config/plugins.js';
import type { FixMode } from '../workers/lint-documents.js';
import type { DocumentReport } from '../reporters/reporter.js';
import type { ShardFields } from '../input/shards/types.js';
import type { RunStats } from './stats.js';
import type { CorpusStats } from './corpus-stats.js';
import type { PreparedCorpus } from '../corpus/phase.js';

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
  /** Follow symbolic links inside folders (default true; `--no-follow`). */
  followLinks?: boolean;
  /** Collect per-rule figures (RunResult.stats). */
  stats?: boolean;
  /**
   * Measure what fixing does to each document and feed this aggregate
   * (`--stats-json`, the HTML report); its per-rule counts are then
   * RunResult.stats. Cached results without those figures are linted again.
   */
  corpusStats?: CorpusStats;
  /** Give each report with problems its document's text (`DocumentReport.source`), for formats that print it. */
  keepSource?: boolean;
  /** Lint this text (standard input) as the one document, named `filePath`, instead of `paths`. */
  stdin?: { filePath: string; bytes: Buffer };
  /**
   * Receive each report as it is finished, in order, instead of collecting
   * them in RunResult.reports: memory then stays flat however many
   * documents there are. A returned promise holds the run until it settles
   * (e.g. until the output has drained), so a slow reader slows the run
   * instead of filling memory.
   */
  onReport?: (report: DocumentReport) => void | Promise<void>;
  /** Write the documents to drop (near-duplicate copies, documents fixing empties) here, as JSON Lines (`--drop-list`). */
  dropListLocation?: string;
  /** With a fix that writes: shard records fixing empties go to a shard of the same format under this folder, not back into theirs (`--exclusions`). */
  exclusionsDir?: string;
  /**
   * Lint only the discovered files this accepts (`ordinal`: the file's place
   * in discovery order, from 0), as a cluster shard does (src/cluster/); the
   * corpus index still covers every file.
   */
  selectFiles?: (filePath: string, ordinal: number) => boolean;
  /** The corpus index to lint against, instead of indexing the files here (a cluster run's merged index). */
  loadCorpus?: () => Promise<PreparedCorpus>;
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
  /** Shard records skipped because their text is null (documents with no text). */
  nullTextRecords: number;
  filesWritten: number;
  /** The `--stats` table, when asked for. */
  stats?: RunStats;
  /** Documents answered from the cache / linted, when the cache is on. */
  cacheHits: number;
  cacheMisses: number;
  /** Worker threads the run used (0: it stayed on this thread). */
  threadsUsed: number;
  /** Entries written to the drop list. */
  dropped: number;
  /** Records moved to exclusion shards. */
  excluded: number;
  /** One line each, for stderr: damaged cache state that was ignored. */
  warnings: string[];
}
