/**
 * Where batches of documents are linted: on worker threads, or on this thread
 * when threads are off or the whole run is small.
 */
import type { BuiltCorpusIndex } from '../corpus/built-index.js';
import { DocumentLinter, type BatchOutcome, type DocumentJob, type LintSetup } from '../workers/lint-documents.js';
import type { WorkerPool } from '../workers/pool.js';
import type { RuleRegistry } from '../config/plugins.js';

/**
 * Below this much text the run stays on this thread: a worker takes ~100+ ms
 * to start (loading the rules and dictionaries), about what one core lints
 * in that time.
 */
export const THREADS_AFTER_BYTES = 4 * 1024 * 1024;

/**
 * With threads on, the first batches wait until the run is known to be big
 * enough (or discovery ends), so a parallel run never loads the rules' data
 * (dictionaries, phrase lists) on this thread as well.
 */
export class Executor {
  private pool: WorkerPool | undefined;
  private poolStarting: Promise<WorkerPool> | undefined;
  private local: DocumentLinter | undefined;
  private bytesSeen = 0;
  private mode: 'undecided' | 'threads' | 'here';
  private readonly deferred: Array<{ jobs: DocumentJob[]; transfer: ArrayBuffer[]; resolve: (outcome: Promise<BatchOutcome>) => void }> = [];

  constructor(
    private readonly setup: LintSetup,
    private readonly corpus: BuiltCorpusIndex | undefined,
    private readonly registry: RuleRegistry,
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
    this.local ??= new DocumentLinter(this.setup, this.corpus, this.registry);
    return this.local.lintBatch(jobs);
  }

  private startPool(): Promise<WorkerPool> {
    this.poolStarting ??= import('../workers/pool.js').then(({ WorkerPool }) => {
      this.pool = new WorkerPool(this.workers, { setup: this.setup, corpus: this.corpus?.shareable }, this.workerUrl);
      return this.pool;
    });
    return this.poolStarting;
  }
}
