/**
 * The index phase on worker threads: documents are digested in parallel
 * (the per-document half of the work) and merged into the builder in the
 * order they were added, so the index is the one a single thread builds.
 * Only the batches in flight are held: their texts wait here for the merge
 * (the first spelling of a word is taken from them).
 */
import type { DocumentDigest } from './document-digest.js';
import type { CorpusIndexBuilder } from './builder.js';
import type { DigestJob, DigestWorkerSetup } from '../workers/digest-worker.js';
import type { WorkerPool } from '../workers/pool.js';

/** Where digests go in document order: the index builder, or a cluster shard's digest file (src/cluster/). Digests hold the sink's `parts`. */
export type DigestSink = Pick<CorpusIndexBuilder, 'add' | 'addDigest' | 'digestThreshold' | 'parts'>;

/** A batch goes to a worker once it holds this much text or this many documents (as in the lint phase). */
const BATCH_CHARS = 512 * 1024;
const BATCH_DOCUMENTS = 256;
/** Batches in flight per worker: one being digested, one waiting, one being merged. */
const BATCHES_PER_WORKER = 3;
/**
 * Below this much text the phase stays on this thread: a worker takes ~50 ms
 * to start, about what one core digests in that time.
 */
const THREADS_AFTER_CHARS = 4 * 1024 * 1024;

interface Batch {
  ids: string[];
  texts: string[];
  /** Each document's site when its record named one (undefined: from its path). */
  sites: Array<string | undefined>;
  chars: number;
  digests?: Promise<DocumentDigest[]>;
}

export class ParallelIndexBuilder {
  private pool: WorkerPool<DigestJob, DocumentDigest[]> | undefined;
  private readonly inFlight: Batch[] = [];
  private batch: Batch = emptyBatch();
  private charsSeen = 0;

  /** `threadsAfterChars`: how much text to see before starting threads (tests start them at once). */
  constructor(
    private readonly builder: DigestSink,
    private readonly workers: number,
    private readonly threadsAfterChars = THREADS_AFTER_CHARS,
  ) {}

  async add(documentId: string, text: string, site?: string): Promise<void> {
    this.batch.ids.push(documentId);
    this.batch.texts.push(text);
    this.batch.sites.push(site);
    this.batch.chars += text.length;
    this.charsSeen += text.length;
    if (this.batch.chars >= BATCH_CHARS || this.batch.ids.length >= BATCH_DOCUMENTS) await this.flush();
  }

  /** Merges everything still in flight; the builder is then complete. */
  async finish(): Promise<void> {
    try {
      await this.flush();
      while (this.inFlight.length > 0) await this.mergeHead();
    } finally {
      await this.pool?.close();
    }
  }

  private async flush(): Promise<void> {
    if (this.batch.ids.length === 0) return;
    const batch = this.batch;
    this.batch = emptyBatch();
    this.inFlight.push(batch);
    if (this.workers > 1 && this.charsSeen >= this.threadsAfterChars) {
      const pool = await this.startPool();
      // Batches held back before the pool started go first, in order.
      for (const waiting of this.inFlight) {
        if (waiting.digests) continue;
        const passageThreshold = this.builder.digestThreshold;
        waiting.digests = pool.run(waiting.texts.map((text) => ({ text, passageThreshold })));
      }
    }
    // On one thread a batch is merged at once: held, its texts would outlive the young generation
    // and be promoted, for the old generation's collector to sweep.
    const limit = this.pool ? this.workers * BATCHES_PER_WORKER : this.workers > 1 ? Math.ceil(this.threadsAfterChars / BATCH_CHARS) : 0;
    while (this.inFlight.length > limit) await this.mergeHead();
  }

  private async mergeHead(): Promise<void> {
    const head = this.inFlight.shift()!;
    if (head.digests) {
      const digests = await head.digests;
      digests.forEach((digest, i) => this.builder.addDigest(head.ids[i]!, digest, head.texts[i]!, head.sites[i]));
    } else {
      head.ids.forEach((id, i) => this.builder.add(id, head.texts[i]!, head.sites[i]));
    }
  }

  private async startPool(): Promise<WorkerPool<DigestJob, DocumentDigest[]>> {
    if (!this.pool) {
      const { WorkerPool, workerScriptUrl } = await import('../workers/pool.js');
      const setup: DigestWorkerSetup = { parts: this.builder.parts };
      this.pool = new WorkerPool<DigestJob, DocumentDigest[]>(this.workers, setup, workerScriptUrl('digest-worker'));
    }
    return this.pool;
  }
}

function emptyBatch(): Batch {
  return { ids: [], texts: [], sites: [], chars: 0 };
}
