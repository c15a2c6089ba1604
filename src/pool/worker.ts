/**
 * A worker thread: rebuilds the linter from the resolved config (plain JSON)
 * and the serialised corpus index, then lints the batches it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CorpusIndex } from '../corpus/corpus-index.js';
import { DocumentLinter, type DocumentJob, type LintSetup } from './lint-documents.js';

export interface WorkerSetup {
  setup: LintSetup;
  /** What serializeCorpusIndex returned, when a rule uses the corpus. */
  corpus?: unknown;
}

export interface WorkerTask {
  id: number;
  jobs: DocumentJob[];
}

const { setup, corpus } = workerData as WorkerSetup;
let index: CorpusIndex | undefined;
if (corpus !== undefined) {
  const { deserializeCorpusIndex } = await import('../corpus/serialize.js');
  index = deserializeCorpusIndex(corpus as Parameters<typeof deserializeCorpusIndex>[0]);
}
const linter = new DocumentLinter(setup, index);

parentPort!.on('message', (task: WorkerTask) => {
  try {
    parentPort!.postMessage({ id: task.id, result: linter.lintBatch(task.jobs) });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
  }
});
