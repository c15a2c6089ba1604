/**
 * A fixed set of worker threads linting batches of documents. Each worker
 * holds at most two batches (one running, one waiting, so it never idles
 * while a result travels back); the rest queue here. Callers bound how many
 * batches they submit, so memory stays bounded whatever the corpus size.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchOutcome, DocumentJob } from './lint-documents.js';
import type { WorkerSetup, WorkerTask } from './worker.js';

const BATCHES_PER_WORKER = 2;

interface PendingBatch {
  task: WorkerTask;
  transfer: ArrayBuffer[];
  resolve: (outcome: BatchOutcome) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  running: Map<number, PendingBatch>;
}

/**
 * The compiled worker script. From sources (tests run TypeScript through
 * vitest) it is the built copy in dist/, which `npm test` builds first.
 */
export function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/src/pool/worker.js', here) : new URL('./worker.js', here);
}

export class WorkerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: PendingBatch[] = [];
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(size: number, setup: WorkerSetup, workerUrl: URL = defaultWorkerUrl()) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(fileURLToPath(workerUrl), { workerData: setup });
      const entry: PoolWorker = { worker, running: new Map() };
      worker.on('message', (reply: { id: number; result?: BatchOutcome; error?: string }) => {
        const batch = entry.running.get(reply.id);
        if (!batch) return;
        entry.running.delete(reply.id);
        if (reply.error !== undefined) batch.reject(new Error(reply.error));
        else batch.resolve(reply.result!);
        this.dispatch();
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing) this.fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
      this.workers.push(entry);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** `transfer`: buffers handed to the worker rather than copied (the jobs' bytes). */
  run(jobs: DocumentJob[], transfer: ArrayBuffer[] = []): Promise<BatchOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { id: this.nextId++, jobs }, transfer, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let target: PoolWorker | undefined;
      for (const entry of this.workers) {
        if (entry.running.size < BATCHES_PER_WORKER && (!target || entry.running.size < target.running.size)) target = entry;
      }
      if (!target) return;
      const batch = this.queue.shift()!;
      target.running.set(batch.task.id, batch);
      target.worker.postMessage(batch.task, batch.transfer);
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const entry of this.workers) {
      for (const batch of entry.running.values()) batch.reject(error);
      entry.running.clear();
    }
    for (const batch of this.queue.splice(0)) batch.reject(error);
  }
}
