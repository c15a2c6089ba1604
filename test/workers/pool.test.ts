import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { WORKER_HEAP_MB, WorkerPool } from '../../src/workers/pool.js';

const exhaustHeap = new URL('../fixtures/workers/exhaust-heap.mjs', import.meta.url);

describe('WorkerPool', () => {
  it('turns a worker out of heap into one line naming the documents it held', async () => {
    const pool = new WorkerPool<{ documentId: string }, unknown>(1, undefined, exhaustHeap);
    try {
      const run = pool.run([{ documentId: 'crawl/huge.txt' }, { documentId: 'crawl/next.txt' }]);
      await expect(run).rejects.toThrow(UsageError);
      await expect(run).rejects.toThrow(
        `a worker thread ran out of its ${WORKER_HEAP_MB} MB heap on crawl/huge.txt, crawl/next.txt; lint the largest documents with --concurrency off, or lower limits.maxDocumentLength in the config`,
      );
    } finally {
      await pool.close();
    }
  }, 60_000);
});
