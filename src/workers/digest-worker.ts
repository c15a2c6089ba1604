/**
 * A worker thread of the index phase: turns batches of document texts into
 * digests (src/corpus/document-digest.ts), handing the digests' buffers back
 * without a copy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CorpusPart } from '../core/corpus-index.js';
import { copyOfDigest, digestBuffers, DocumentDigester } from '../corpus/document-digest.js';
import type { WorkerTask } from './pool.js';

export interface DigestJob {
  text: string;
  /** The builder's passage threshold when the batch was sent. */
  passageThreshold: number;
}

/** The worker's `workerData`. */
export interface DigestWorkerSetup {
  /** The parts of the index the digests are for. */
  parts: readonly CorpusPart[];
}

const digester = new DocumentDigester((workerData as DigestWorkerSetup).parts);

parentPort!.on('message', (task: WorkerTask<DigestJob>) => {
  try {
    const digests = task.jobs.map(({ text, passageThreshold }) => copyOfDigest(digester.digest(text, passageThreshold)));
    parentPort!.postMessage({ id: task.id, result: digests }, digests.flatMap(digestBuffers));
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
  }
});
