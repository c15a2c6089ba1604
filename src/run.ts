/**
 * One corpuslint run over files on disk: discover, (index the corpus,) lint
 * or fix each document, write fixes atomically. Returns reports; printing and
 * exit codes are the CLI's business.
 *
 * Documents stream through a bounded window: files are read as they are
 * discovered, linted in batches on worker threads (or on this thread for
 * small runs), and finished (reported, fixes written) strictly in discovery
 * order, so the output is the same whatever the concurrency. Only the
 * documents inside the window are in memory at once.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { VFileMessage } from 'vfile-message';
import { hashFile, LintCache, runKey, sha256, type CachedDocument } from './cache.js';
import type { CorpusIndex } from './corpus/corpus-index.js';
import { configuredRules, type ResolvedConfig } from './config.js';
import { checkPathsExist, createFileFilter, discoverFiles } from './files.js';
import { fixableBy, MAX_FIX_PASSES } from './fix.js';
import { MESSAGE_SOURCE } from './message.js';
import { fromPlainMessage, type PlainMessage } from './plain-message.js';
import { DocumentLinter, type BatchOutcome, type DocumentJob, type DocumentOutcome, type FixMode, type LintSetup } from './pool/lint-documents.js';
import type { WorkerPool } from './pool/pool.js';
import { ProgressBar } from './progress.js';
import { decodeText, readFileBytes, readTextFile, UnreadableFileError } from './read.js';
import type { DocumentReport } from './reporters/reporter.js';
import { DEFAULT_SHARD_FIELDS, openShard, shardFormat, type ShardFields, type ShardFormat, type ShardRecord, type ShardWriter } from './shards/shard.js';
import { RunStats } from './stats.js';
import { corpuslintVersion } from './version.js';
import writeFileAtomic from 'write-file-atomic';
import { writeTextFile } from './write.js';

export type { FixMode } from './pool/lint-documents.js';

/** `auto`: one worker per core; `off` (or 1): everything on this thread; n: n worker threads. */
export type Concurrency = 'auto' | 'off' | number;

export interface RunOptions {
  cwd: string;
  paths: readonly string[];
  config: ResolvedConfig;
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

/** A batch goes to a worker once it holds this much text or this many documents (amortises the message passing). */
const BATCH_BYTES = 512 * 1024;
const BATCH_DOCUMENTS = 256;
/** How much may be read but not yet finished, in bytes and documents, per worker (at least two workers' worth). */
const WINDOW_BYTES_PER_WORKER = 8 * 1024 * 1024;
const WINDOW_DOCUMENTS_PER_WORKER = 4096;
/**
 * Below this much text the run stays on this thread: a worker takes ~100+ ms
 * to start (loading the rules and dictionaries), about what one core lints
 * in that time.
 */
const THREADS_AFTER_BYTES = 4 * 1024 * 1024;

export async function runCorpuslint(options: RunOptions): Promise<RunResult> {
  const { cwd, config } = options;
  checkPathsExist(options.paths, cwd);
  const rules = configuredRules(config);
  const filter = createFileFilter(config, cwd);
  const files = () => discoverFiles(options.paths, cwd, filter);
  const shardFields = options.shardFields ?? DEFAULT_SHARD_FIELDS;

  let corpus: CorpusIndex | undefined;
  let serializedCorpus: Uint8Array | undefined;
  let corpusHash: string | undefined;
  if (rules.some(({ rule }) => rule.meta.usesCorpus)) {
    const { serializeCorpusIndex, deserializeCorpusIndex } = await import('./corpus/serialize.js');
    // With the cache on, an unchanged corpus reuses its index: hashing every file is far cheaper than indexing it.
    const indexCache = options.cacheLocation === undefined ? undefined : `${options.cacheLocation}-index`;
    const corpusKey = indexCache === undefined ? undefined : await corpusContentKey(files(), cwd, shardFields);
    serializedCorpus = indexCache === undefined ? undefined : readCachedIndex(indexCache, corpusKey!);
    if (serializedCorpus) {
      corpus = deserializeCorpusIndex(serializedCorpus);
    } else {
      corpus = await indexCorpus(files(), cwd, shardFields);
      serializedCorpus = serializeCorpusIndex(corpus);
      if (indexCache !== undefined) await writeCachedIndex(indexCache, corpusKey!, serializedCorpus);
    }
    corpusHash = sha256(serializedCorpus);
  }

  const cache =
    options.cacheLocation === undefined
      ? undefined
      : await LintCache.load(options.cacheLocation, runKey({ corpuslintVersion: corpuslintVersion(), rules, config, shardFields, corpusHash }));

  const workers = resolveConcurrency(options.concurrency ?? 'auto');
  const setup: LintSetup = { config, fix: options.fix, timeRules: options.stats === true };
  const progress = ProgressBar.forStream(process.stderr, options.progress === true);
  if (progress.active) void countTotal(files(), progress);

  const run = new Run(options, shardFields, cache, progress, new Executor(setup, corpus, serializedCorpus, workers, options.workerUrl, options.minBytesForThreads ?? THREADS_AFTER_BYTES));
  if (options.stats) run.stats = run.result.stats = new RunStats(rules.map(({ rule }) => rule.meta.id));
  try {
    for await (const filePath of files()) {
      const format = shardFormat(filePath);
      if (format) await run.addShard(filePath, format);
      else await run.addTextFile(filePath);
    }
    await run.drain();
  } finally {
    progress.stop();
    run.result.threadsUsed = run.executor.threadsUsed;
    await run.executor.close();
  }
  await cache?.save();
  return run.result;
}

/** The first pass for cross-document rules: every document once, into compact structures. */
async function indexCorpus(files: AsyncIterable<string>, cwd: string, fields: ShardFields): Promise<CorpusIndex> {
  const { CorpusIndexBuilder } = await import('./corpus/builder.js');
  const builder = new CorpusIndexBuilder();
  for await (const filePath of files) {
    const format = shardFormat(filePath);
    if (format) {
      try {
        const shard = await openShard(filePath, format, fields, { forWriting: false });
        for await (const record of shard.records) {
          if (record.text !== undefined) builder.add(recordDocumentId(displayPath(filePath, cwd), record.id), record.text);
        }
      } catch {
        // The lint pass reports unreadable shards; the index goes without them.
      }
      continue;
    }
    try {
      builder.add(displayPath(filePath, cwd), (await readTextFile(filePath)).text);
    } catch (error) {
      // The lint pass reports unreadable files; the index simply goes without them.
      if (!(error instanceof UnreadableFileError)) throw error;
    }
  }
  return builder.build();
}

/** What the corpus index is a function of: corpuslint's version, the shard fields, and every document's name and content. */
async function corpusContentKey(files: AsyncIterable<string>, cwd: string, fields: ShardFields): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ corpuslint: corpuslintVersion(), fields }));
  for await (const filePath of files) {
    const content = shardFormat(filePath) ? await hashFile(filePath) : sha256(await fs.promises.readFile(filePath).catch(() => Buffer.alloc(0)));
    hash.update(`${displayPath(filePath, cwd)}\0${content}\n`);
  }
  return hash.digest('hex');
}

/** The index cache: a header line with the key, then the serialised index. */
function readCachedIndex(location: string, key: string): Uint8Array | undefined {
  try {
    const bytes = fs.readFileSync(location);
    const newline = bytes.indexOf(0x0a);
    if (newline === -1 || bytes.subarray(0, newline).toString('utf8') !== key) return undefined;
    return new Uint8Array(bytes.subarray(newline + 1));
  } catch {
    return undefined;
  }
}

async function writeCachedIndex(location: string, key: string, serialized: Uint8Array): Promise<void> {
  await writeFileAtomic(location, Buffer.concat([Buffer.from(`${key}\n`), serialized]));
}

/** How documents are named in messages and to the corpus index: relative to where the user ran us. */
export function displayPath(filePath: string, cwd: string): string {
  const relative = path.relative(cwd, filePath);
  return (relative.startsWith('..') ? filePath : relative).split(path.sep).join('/');
}

/** A shard's record as a document name: `shard.jsonl#<id>`. */
export function recordDocumentId(shardDisplayPath: string, recordId: string): string {
  return `${shardDisplayPath}#${recordId}`;
}

export function resolveConcurrency(value: Concurrency): number {
  if (value === 'off') return 1;
  if (value === 'auto') return os.availableParallelism();
  return Math.max(1, Math.floor(value));
}

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

/**
 * Lints batches on worker threads, or on this thread when threads are off or
 * the whole run is small. With threads on, the first batches wait until the
 * run is known to be big enough (or discovery ends), so a parallel run never
 * loads the rules' data (dictionaries, phrase lists) on this thread as well.
 */
class Executor {
  private pool: WorkerPool | undefined;
  private poolStarting: Promise<WorkerPool> | undefined;
  private local: DocumentLinter | undefined;
  private bytesSeen = 0;
  private mode: 'undecided' | 'threads' | 'here';
  private readonly deferred: Array<{ jobs: DocumentJob[]; transfer: ArrayBuffer[]; resolve: (outcome: Promise<BatchOutcome>) => void }> = [];

  constructor(
    private readonly setup: LintSetup,
    private readonly corpus: CorpusIndex | undefined,
    private readonly serializedCorpus: unknown,
    readonly workers: number,
    private readonly workerUrl: URL | undefined,
    private readonly minBytesForThreads: number,
  ) {
    this.mode = workers > 1 ? 'undecided' : 'here';
  }

  run(jobs: DocumentJob[], transfer: ArrayBuffer[], bytes: number): Promise<BatchOutcome> {
    this.bytesSeen += bytes;
    if (this.mode === 'undecided' && this.bytesSeen > this.minBytesForThreads) this.decide(true);
    if (this.mode === 'undecided') {
      return new Promise((resolve) => this.deferred.push({ jobs, transfer, resolve }));
    }
    return this.dispatch(jobs, transfer);
  }

  /** `bigEnough`: the window is full, or the run goes past the threshold; otherwise discovery has ended with a small run. */
  decide(bigEnough: boolean): void {
    if (this.mode !== 'undecided') return;
    this.mode = bigEnough ? 'threads' : 'here';
    for (const { jobs, transfer, resolve } of this.deferred.splice(0)) resolve(this.dispatch(jobs, transfer));
  }

  get threadsUsed(): number {
    return this.pool?.size ?? 0;
  }

  async close(): Promise<void> {
    if (this.poolStarting) await (await this.poolStarting).close();
  }

  private async dispatch(jobs: DocumentJob[], transfer: ArrayBuffer[]): Promise<BatchOutcome> {
    if (this.mode === 'threads') return (await this.startPool()).run(jobs, transfer);
    this.local ??= new DocumentLinter(this.setup, this.corpus);
    return this.local.lintBatch(jobs);
  }

  private startPool(): Promise<WorkerPool> {
    this.poolStarting ??= import('./pool/pool.js').then(({ WorkerPool }) => {
      this.pool = new WorkerPool(this.workers, { setup: this.setup, corpus: this.serializedCorpus }, this.workerUrl);
      return this.pool;
    });
    return this.poolStarting;
  }
}

interface WindowEntry {
  ready: Promise<void>;
  finish: () => Promise<void>;
  bytes: number;
}

interface PendingJob {
  job: DocumentJob;
  resolve: (outcome: DocumentOutcome) => void;
  reject: (error: Error) => void;
}

class Run {
  readonly result: RunResult = { reports: [], diffs: [], unreadableCount: 0, filesWritten: 0, cacheHits: 0, cacheMisses: 0, threadsUsed: 0 };
  stats: RunStats | undefined;
  private readonly window: WindowEntry[] = [];
  private windowBytes = 0;
  private batch: PendingJob[] = [];
  private batchTransfer: ArrayBuffer[] = [];
  private batchBytes = 0;

  constructor(
    private readonly options: RunOptions,
    private readonly fields: ShardFields,
    private readonly cache: LintCache | undefined,
    private readonly progress: ProgressBar,
    readonly executor: Executor,
  ) {}

  async addTextFile(filePath: string): Promise<void> {
    const documentId = displayPath(filePath, this.options.cwd);
    let bytes: Buffer;
    try {
      bytes = await readFileBytes(filePath);
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      this.enqueue(0, Promise.resolve(), async () => {
        this.result.unreadableCount++;
        await this.report({ filePath, messages: [fileError(filePath, error.message)] });
        this.progress.fileDone();
      });
      await this.throttle();
      return;
    }
    this.progress.addBytes(bytes.length);
    const key = this.cache ? sha256(`${documentId}\0${sha256(bytes)}`) : undefined;
    const cached = key === undefined ? undefined : this.cache!.get(key)?.documents[0];
    if (cached && (this.options.fix === 'off' || !hasApplicableFix(cached.messages, this.options.fix))) {
      this.result.cacheHits++;
      this.enqueue(0, Promise.resolve(), async () => {
        await this.finishTextFile(filePath, documentId, { messages: cached.messages, bom: cached.bom, unreadable: cached.unreadable }, undefined);
        this.progress.fileDone();
      });
      await this.throttle();
      return;
    }
    if (this.cache) this.result.cacheMisses++;
    // A dry run diffs against the original, so it keeps the bytes; otherwise they move to the worker.
    const keepBytes = this.options.dryRun;
    const job: DocumentJob = { documentId, bytes: keepBytes ? bytes : transferable(bytes) };
    const outcome = this.submit(job, keepBytes ? undefined : (job.bytes!.buffer as ArrayBuffer), bytes.length);
    let result: DocumentOutcome;
    this.enqueue(
      bytes.length,
      outcome.then((value) => {
        result = value;
      }),
      async () => {
        const original = keepBytes ? bytes : undefined;
        await this.finishTextFile(filePath, documentId, result, original, key);
        this.progress.fileDone();
      },
    );
    await this.throttle();
  }

  private async finishTextFile(filePath: string, documentId: string, outcome: DocumentOutcome, original: Buffer | undefined, key?: string): Promise<void> {
    if (outcome.unreadable !== undefined) {
      this.result.unreadableCount++;
      if (key) this.cache!.set(key, { documents: [{ messages: [], unreadable: outcome.unreadable }] });
      await this.report({ filePath, messages: [fileError(filePath, outcome.unreadable)] });
      return;
    }
    this.stats?.addDocument(outcome.messages);
    const messages = outcome.messages.map((plain) => fromPlainMessage(plain, documentId));
    if (outcome.fixLoop) messages.push(fixLoopWarning(filePath));
    const report: DocumentReport = { filePath, messages };
    const cached: CachedDocument = { messages: outcome.messages };
    if (outcome.bom) cached.bom = true;
    if (outcome.output === undefined) {
      if (key) this.cache!.set(key, { documents: [cached] });
    } else {
      report.output = outcome.output;
      if (this.options.dryRun) {
        const before = decodeText(original!).text;
        this.result.diffs.push(createTwoFilesPatch(`a/${documentId}`, `b/${documentId}`, before, outcome.output, '', '', { context: 2 }));
      } else {
        await writeTextFile(filePath, outcome.output, outcome.bom === true);
        this.result.filesWritten++;
        // The messages describe the fixed text, which is now the file's content.
        if (this.cache && !outcome.fixLoop) {
          const written = Buffer.from((outcome.bom ? '\uFEFF' : '') + outcome.output, 'utf8');
          this.cache.set(sha256(`${documentId}\0${sha256(written)}`), { documents: [cached] });
        }
      }
    }
    await this.report(report);
  }

  async addShard(filePath: string, format: ShardFormat): Promise<void> {
    const shardName = displayPath(filePath, this.options.cwd);
    const fixing = this.options.fix !== 'off';
    const key = this.cache ? sha256(`${shardName}\0${await hashFile(filePath)}`) : undefined;
    const cached = key === undefined ? undefined : this.cache!.get(key);
    if (cached && (!fixing || cached.documents.every((document) => !hasApplicableFix(document.messages, this.options.fix)))) {
      this.result.cacheHits += cached.documents.length;
      this.progress.addBytes(fs.statSync(filePath).size);
      this.enqueue(0, Promise.resolve(), async () => {
        for (const document of cached.documents) {
          if (document.recordId === undefined) {
            this.result.unreadableCount++;
            await this.report({ filePath, messages: [fileError(filePath, document.unreadable ?? '')] });
            continue;
          }
          await this.finishRecord(filePath, recordDocumentId(shardName, document.recordId), document.recordId, document);
        }
        this.progress.fileDone();
      });
      return;
    }

    const state: ShardState = {
      writer: undefined,
      changed: false,
      documents: key ? [] : undefined,
    };
    let shard;
    try {
      shard = await openShard(filePath, format, this.fields, { forWriting: fixing && !this.options.dryRun, onBytes: (count) => this.progress.addBytes(count) });
      if (fixing && !this.options.dryRun) state.writer = await shard.createWriter();
      let first = true;
      for await (const record of shard.records) {
        if (record.skip) {
          if (state.writer) this.enqueue(0, Promise.resolve(), () => state.writer!.write(record, undefined));
          continue;
        }
        if (first && record.missingTextField) {
          throw new UnreadableFileError(
            `The first record has no field "${this.fields.textField}"; set --text-field to the field that holds the text (and --id-field for the id)`,
          );
        }
        first = false;
        this.addRecord(filePath, shardName, record, state);
        await this.throttle();
      }
    } catch (error) {
      const reason = error instanceof UnreadableFileError ? error.message : `Cannot read the shard (${(error as Error).message}); check that it is a valid ${describeFormat(format)} file`;
      this.enqueue(0, Promise.resolve(), async () => {
        await state.writer?.abort();
        state.writer = undefined;
        state.documents = undefined;
        this.result.unreadableCount++;
        await this.report({ filePath, messages: [fileError(filePath, reason)] });
      });
    }
    this.enqueue(0, Promise.resolve(), async () => {
      if (state.writer) {
        if (state.changed) {
          await state.writer.commit();
          this.result.filesWritten++;
        } else {
          await state.writer.abort();
        }
      }
      if (key && state.documents && !state.changed) this.cache!.set(key, { documents: state.documents });
      this.progress.fileDone();
    });
  }

  private addRecord(filePath: string, shardName: string, record: ShardRecord, state: ShardState): void {
    const documentId = recordDocumentId(shardName, record.id);
    if (record.text === undefined) {
      this.enqueue(0, Promise.resolve(), async () => {
        await state.writer?.write(record, undefined);
        state.documents?.push({ recordId: record.id, messages: [], unreadable: record.error });
        await this.finishRecord(filePath, documentId, record.id, { messages: [], unreadable: record.error });
      });
      return;
    }
    if (this.cache) this.result.cacheMisses++;
    const bytes = record.text.length;
    let outcome: DocumentOutcome;
    const text = record.text;
    this.enqueue(
      bytes,
      this.submit({ documentId, text }, undefined, bytes).then((value) => {
        outcome = value;
      }),
      async () => {
        const output = outcome.output;
        const messages = outcome.messages;
        // A shard never loses a record silently: it stays, with its (empty) text, and the user is told.
        if (output !== undefined && output.trim() === '') messages.push(emptiedRecordWarning());
        if (output !== undefined) {
          state.changed = true;
          if (this.options.dryRun) {
            this.result.diffs.push(createTwoFilesPatch(`a/${documentId}`, `b/${documentId}`, text, output, '', '', { context: 2 }));
          }
        }
        await state.writer?.write(record, output);
        state.documents?.push({ recordId: record.id, messages });
        await this.finishRecord(filePath, documentId, record.id, { ...outcome, messages, output });
      },
    );
  }

  private async finishRecord(filePath: string, documentId: string, recordId: string, outcome: DocumentOutcome): Promise<void> {
    if (outcome.unreadable !== undefined) {
      this.result.unreadableCount++;
      await this.report({ filePath, recordId, messages: [fileError(filePath, outcome.unreadable)] });
      return;
    }
    this.stats?.addDocument(outcome.messages);
    const messages = outcome.messages.map((plain) => fromPlainMessage(plain, documentId));
    if (outcome.fixLoop) messages.push(fixLoopWarning(filePath));
    const report: DocumentReport = { filePath, recordId, messages };
    if (outcome.output !== undefined) report.output = outcome.output;
    await this.report(report);
  }

  /** Finishes everything still in the window, in order. */
  async drain(): Promise<void> {
    this.flushBatch();
    this.executor.decide(false);
    while (this.window.length > 0) await this.finishHead();
  }

  private async report(report: DocumentReport): Promise<void> {
    if (this.options.onReport) await this.options.onReport(report);
    else this.result.reports.push(report);
  }

  private submit(job: DocumentJob, transfer: ArrayBuffer | undefined, bytes: number): Promise<DocumentOutcome> {
    const promise = new Promise<DocumentOutcome>((resolve, reject) => this.batch.push({ job, resolve, reject }));
    if (transfer) this.batchTransfer.push(transfer);
    this.batchBytes += bytes;
    if (this.batchBytes >= BATCH_BYTES || this.batch.length >= BATCH_DOCUMENTS) this.flushBatch();
    return promise;
  }

  private flushBatch(): void {
    if (this.batch.length === 0) return;
    const pending = this.batch;
    const transfer = this.batchTransfer;
    const bytes = this.batchBytes;
    this.batch = [];
    this.batchTransfer = [];
    this.batchBytes = 0;
    this.executor.run(pending.map(({ job }) => job), transfer, bytes).then(
      (outcome) => {
        if (outcome.times) this.stats?.addTimes(outcome.times);
        pending.forEach(({ resolve }, index) => resolve(outcome.outcomes[index]!));
      },
      (error: Error) => pending.forEach(({ reject }) => reject(error)),
    );
  }

  /** Queues a step to run in discovery order once `ready`; waits while the window is full. */
  private enqueue(bytes: number, ready: Promise<void>, finish: () => Promise<void>): void {
    // Keep the failure for the in-order finish, rather than as an unhandled rejection.
    ready.catch(() => undefined);
    this.window.push({ ready, finish, bytes });
    this.windowBytes += bytes;
  }

  /** Called by the producers between documents: finish the oldest entries while the window is over its bounds. */
  async throttle(): Promise<void> {
    const workers = Math.max(2, this.executor.workers);
    while (this.windowBytes > WINDOW_BYTES_PER_WORKER * workers || this.window.length > WINDOW_DOCUMENTS_PER_WORKER * workers) {
      this.executor.decide(true);
      await this.finishHead();
    }
  }

  private async finishHead(): Promise<void> {
    const head = this.window.shift()!;
    // The head may still sit in the batch being filled.
    this.flushBatch();
    await head.ready;
    this.windowBytes -= head.bytes;
    await head.finish();
  }
}

interface ShardState {
  writer: ShardWriter | undefined;
  changed: boolean;
  /** What the cache will hold for the shard (undefined: not cached). */
  documents: CachedDocument[] | undefined;
}

function hasApplicableFix(messages: readonly PlainMessage[], fix: FixMode): boolean {
  return messages.some((message) => fixableBy(message as unknown as VFileMessage, fix === 'unsafe') !== undefined);
}

/** A Uint8Array that owns its whole ArrayBuffer, so it can be handed to a worker without copying. */
function transferable(bytes: Buffer): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  return new Uint8Array(bytes);
}

function describeFormat(format: ShardFormat): string {
  if (format.kind === 'parquet') return 'Parquet';
  return format.compression === 'gzip' ? 'gzip-compressed JSON Lines' : format.compression === 'zstd' ? 'zstd-compressed JSON Lines' : 'JSON Lines';
}

function fileError(filePath: string, reason: string): VFileMessage {
  const message = new VFileMessage(reason, { source: MESSAGE_SOURCE });
  message.file = filePath;
  message.fatal = true;
  return message;
}

function fixLoopWarning(filePath: string): VFileMessage {
  const message = new VFileMessage(
    `Fixes kept undoing each other; stopped after ${MAX_FIX_PASSES} passes. Check the rules' settings and fix the rest by hand`,
    { source: MESSAGE_SOURCE },
  );
  message.file = filePath;
  message.fatal = false;
  return message;
}

/** Goes through the plain-message path like every other message, so the cache can hold it too. */
function emptiedRecordWarning(): PlainMessage {
  return {
    reason: 'Fixes removed all of this record\'s text; the record is kept with an empty text: review it, or drop it in your pipeline',
    source: MESSAGE_SOURCE,
    fatal: false,
    place: { line: 1, column: 1 },
  };
}
