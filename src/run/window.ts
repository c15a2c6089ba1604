/**
 * The ordered window: documents are submitted as they are discovered, linted
 * in batches by the executor (in whatever order they complete), and finished
 * (reported, fixes written) strictly in discovery order, so the output is the
 * same whatever the concurrency. Only the documents inside the window are in
 * memory at once.
 */
import type { BatchOutcome, DocumentJob, DocumentOutcome } from '../workers/lint-documents.js';
import type { RunStats } from './stats.js';
import type { Executor } from './executor.js';

/** A batch goes to a worker once it holds this much text or this many documents (amortises the message passing). */
const BATCH_BYTES = 512 * 1024;
const BATCH_DOCUMENTS = 256;
/** How much may be read but not yet finished, in bytes and documents, per worker (at least two workers' worth). */
const WINDOW_BYTES_PER_WORKER = 8 * 1024 * 1024;
const WINDOW_DOCUMENTS_PER_WORKER = 4096;

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

export class OrderedWindow {
  private readonly window: WindowEntry[] = [];
  private windowBytes = 0;
  private batch: PendingJob[] = [];
  private batchTransfer: ArrayBuffer[] = [];
  private batchBytes = 0;

  constructor(
    private readonly executor: Executor,
    private readonly stats: RunStats | undefined,
  ) {}

  /** Adds a document to the batch being filled; `transfer`: a buffer handed to the worker rather than copied. */
  submit(job: DocumentJob, transfer: ArrayBuffer | undefined, bytes: number): Promise<DocumentOutcome> {
    const promise = new Promise<DocumentOutcome>((resolve, reject) => this.batch.push({ job, resolve, reject }));
    if (transfer) this.batchTransfer.push(transfer);
    this.batchBytes += bytes;
    if (this.batchBytes >= BATCH_BYTES || this.batch.length >= BATCH_DOCUMENTS) this.flushBatch();
    return promise;
  }

  /** Queues a step to run in discovery order once `ready`; `bytes` counts against the window's bound until it has run. */
  enqueue(bytes: number, ready: Promise<void>, finish: () => Promise<void>): void {
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

  /** Finishes the oldest entry, if there is one (to release what it holds open); false when the window is empty. */
  async finishOldest(): Promise<boolean> {
    if (this.window.length === 0) return false;
    this.executor.decide(true);
    await this.finishHead();
    return true;
  }

  /** Finishes everything still in the window, in order. */
  async drain(): Promise<void> {
    this.flushBatch();
    this.executor.decide(false);
    while (this.window.length > 0) await this.finishHead();
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
      (outcome: BatchOutcome) => {
        if (outcome.times) this.stats?.addTimes(outcome.times);
        pending.forEach(({ resolve }, index) => resolve(outcome.outcomes[index]!));
      },
      (error: Error) => pending.forEach(({ reject }) => reject(error)),
    );
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
