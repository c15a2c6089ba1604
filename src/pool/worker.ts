/**
 * A worker thread: rebuilds the linter from the resolved config (plain JSON)
 * and the serialised corpus index, then lints the batches it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BuiltCorpusIndex, type ShareableCorpusIndex } from '../corpus/built-index.js';
import { DocumentLinter, type LintSetup } from './lint-documents.js';
import type { WorkerTask } from './pool.js';

export interface WorkerSetup {
  setup: LintSetup;
  /** The corpus index, when a rule uses it: its tables sit in shared memory, so they are not copied. */
  corpus?: ShareableCorpusIndex;
}

const { setup, corpus } = workerData as WorkerSetup;
const linter = new DocumentLinter(setup, corpus && BuiltCorpusIndex.fromShareable(corpus));

parentPort!.on('message', (task: WorkerTask) => {
  try {
    parentPort!.postMessage({ id: task.id, result: linter.lintBatch(task.jobs) });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
  }
});
