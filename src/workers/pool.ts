/**
 * A fixed set of worker threads linting batches of documents. Each worker
 * holds at most two batches (one running, one waiting, so it never idles
 * while a result travels back); the rest queue here. Callers bound how many
 * batches they submit, so memory stays bounded whatever the corpus size.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../core/errors.js';
import type { BatchOutcome, DocumentJob } from './lint-documents.js';

const BATCHES_PER_WORKER = 2;

/**
 * Each worker's old-generation heap, in MB. Left unbounded, V8 sizes a heap
 * from the machine's memory and lets garbage pile up between collections:
 * on 100 MB of text two lint workers took the process from 500 to 790 MB
 * of RSS with nothing more alive. Linting the largest document the default
 * limits admit (10 million characters) needs under 256 MB, so this is twice
 * that; the index and the documents' bytes live outside the heap.
 */
export const WORKER_HEAP_MB = 512;

/** What a worker script receives: a batch of jobs, answered with `{ id, result }` or `{ id, error }`. */
export interface WorkerTask<Job = DocumentJob> {
  id: number;
  jobs: Job[];
}

interface PendingBatch<Job, Result> {
  task: WorkerTask<Job>;
  transfer: ArrayBuffer[];
  resolve: (outcome: Result) => void;
  reject: (error: Error) => void;
}

interface PoolWorker<Job, Result> {
  worker: Worker;
  running: Map<number, PendingBatch<Job, Result>>;
}

/**
 * A compiled worker script of this folder (`worker` lints, `digest-worker`
 * digests documents for the corpus index). From sources (tests run
 * TypeScript through vitest) it is the built copy in dist/, which `npm test`
 * builds first.
 */
export function workerScriptUrl(name: 'worker' | 'digest-worker' = 'worker'): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL(`../../dist/src/workers/${name}.js`, here) : new URL(`./${name}.js`, here);
}

/** Linting batches by default; the index phase runs digest batches on a pool of its own. */
export class WorkerPool<Job = DocumentJob, Result = BatchOutcome> {
  private readonly workers: Array<PoolWorker<Job, Result>> = [];
  private readonly queue: Array<PendingBatch<Job, Result>> = [];
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;

  /** `workerData`: what every worker starts with (for linting, a WorkerSetup). */
  constructor(size: number, workerData: unknown, workerUrl: URL = workerScriptUrl()) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(fileURLToPath(workerUrl), { workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      const entry: PoolWorker<Job, Result> = { worker, running: new Map() };
      worker.on('message', (reply: { id: number; result?: Result; error?: string }) => {
        const batch = entry.running.get(reply.id);
        if (!batch) return;
        entry.running.delete(reply.id);
        if (reply.error !== undefined) batch.reject(new Error(reply.error));
        else batch.resolve(reply.result!);
        this.dispatch();
      });
      worker.on('error', (error) => this.fail(outOfMemory(error) ? heapExhausted(entry.running.values()) : error));
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
  run(jobs: Job[], transfer: ArrayBuffer[] = []): Promise<Result> {
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
      let target: PoolWorker<Job, Result> | undefined;
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

function outOfMemory(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** The one line a user gets when a worker's heap budget is not enough: the documents it held, and what to do. */
function heapExhausted<Job, Result>(running: Iterable<PendingBatch<Job, Result>>): UsageError {
  const documents = [...running].flatMap((batch) => batch.task.jobs.flatMap((job) => (job as { documentId?: string }).documentId ?? []));
  const named = documents.length === 0 ? 'a batch of documents' : documents.slice(0, 3).join(', ') + (documents.length > 3 ? ` and ${documents.length - 3} more` : '');
  return new UsageError(
    `a worker thread ran out of its ${WORKER_HEAP_MB} MB heap on ${named}; lint the largest documents with --concurrency off, or lower limits.maxDocumentLength in the config`,
  );
}
