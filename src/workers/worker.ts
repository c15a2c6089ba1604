/**
 * A worker thread: rebuilds the linter from the resolved config (plain JSON)
 * and the serialised corpus index, then lints the batches it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BuiltCorpusIndex, type ShareableCorpusIndex } from '../corpus/built-index.js';
import { loadRuleRegistry } from '../config/plugins.js';
import { DocumentLinter, type LintSetup } from './lint-documents.js';
import type { WorkerTask } from './pool.js';

export interface WorkerSetup {
  setup: LintSetup;
  /** The corpus index, when a rule uses it: its tables sit in shared memory, so they are not copied. */
  corpus?: ShareableCorpusIndex;
}

const { setup, corpus } = workerData as WorkerSetup;
// Third-party rules are imported here again, by the file URLs the main thread resolved; the port
// buffers the first batches until the listener below is attached.
const registry = await loadRuleRegistry(setup.config.plugins);
const linter = new DocumentLinter(setup, corpus && BuiltCorpusIndex.fromShareable(corpus), registry);

parentPort!.on('message', (task: WorkerTask) => {
  try {
    parentPort!.postMessage({ id: task.id, result: linter.lintBatch(task.jobs) });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
  }
});
