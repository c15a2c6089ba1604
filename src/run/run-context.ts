/**
 * What every document of a run shares while it is finished: the options, the
 * cache, the progress bar, the ordered window, and the result being built.
 */
import type { VFileMessage } from 'vfile-message';
import type { CachedDocument, CachedFile, LintCache } from '../cache/cache.js';
import type { FileHashLog } from '../cache/file-hash-log.js';
import { createWriteGuard } from '../input/files.js';
import { fixableBy } from '../core/fix.js';
import { fromPlainMessage, type PlainMessage } from '../core/plain-message.js';
import type { DocumentOutcome, FixMode } from '../workers/lint-documents.js';
import type { ProgressBar } from './progress.js';
import type { DocumentReport } from '../reporters/reporter.js';
import type { RunOptions, RunResult } from './types.js';
import type { ShardFields } from '../input/shards/shard.js';
import type { RunStats } from './stats.js';
import { fileError, fixLoopWarning } from './notices.js';
import type { OrderedWindow } from './window.js';
import type { DropListWriter } from './drop-list.js';
import { hasPendingUnsafeRemoval } from '../workers/emptied.js';
import type { CorpusIndex } from '../core/corpus-index.js';
import { replayCorpusReads } from '../cache/corpus-reads.js';

export class RunContext {
  /** Why `--fix` may not write this file (a link leading outside the linted paths), or undefined. */
  readonly refusesWrite: (filePath: string) => string | undefined;
  /** Fixed shards being written (each holds a descriptor until its last record is finished). */
  openShardWriters = 0;
  /** Time spent asking the index again what cached documents asked it (`--stats`). */
  replayMilliseconds = 0;
  readonly result: RunResult = {
    reports: [],
    diffs: [],
    unreadableCount: 0,
    nullTextRecords: 0,
    filesWritten: 0,
    cacheHits: 0,
    cacheMisses: 0,
    threadsUsed: 0,
    dropped: 0,
    excluded: 0,
    warnings: [],
  };

  constructor(
    readonly options: RunOptions,
    readonly fields: ShardFields,
    readonly cache: LintCache | undefined,
    readonly progress: ProgressBar,
    readonly window: OrderedWindow,
    readonly stats: RunStats | undefined,
    /** Content hashes the corpus phase logged, so a cached file is not read twice. */
    readonly fileHashes?: FileHashLog,
    readonly dropList?: DropListWriter,
    /** This run's corpus index, which cached documents' reads are checked against, and its hash. */
    readonly corpus?: { index: CorpusIndex; hash?: string },
  ) {
    if (stats) this.result.stats = stats;
    this.refusesWrite = createWriteGuard(options.paths, options.cwd);
  }

  /** Hands a finished report to `onReport`, or keeps it for the result. */
  async report(report: DocumentReport): Promise<void> {
    if (this.options.onReport) await this.options.onReport(report);
    else this.result.reports.push(report);
  }

  /** Reports a file, or a shard record, that could not be linted at all. */
  async reportUnreadable(filePath: string, reason: string, recordId?: string): Promise<void> {
    this.result.unreadableCount++;
    this.options.corpusStats?.addUnreadable();
    const messages = [fileError(filePath, reason)];
    await this.report(recordId === undefined ? { filePath, messages } : { filePath, recordId, messages });
  }

  /**
   * Whether a cached document cannot answer for itself: it has a fix to apply, the drop list must know what
   * unsafe fixes leave of it, or the run measures fixes (`--stats-json`) and the entry was cached without figures.
   */
  mustLintAgain(document: CachedDocument): boolean {
    const { messages } = document;
    if (this.options.corpusStats && !document.figures && document.unreadable === undefined) return true;
    return (this.options.fix !== 'off' && hasApplicableFix(messages, this.options.fix)) || (this.dropList !== undefined && this.options.fix !== 'unsafe' && hasPendingUnsafeRemoval(messages));
  }

  /** Whether a cached file can be served without its text: no document's rules read the corpus, or they were checked against this very index. */
  holdsUnread(file: CachedFile): boolean {
    return file.documents.every((document) => document.corpusReads === undefined) || (this.corpus?.hash !== undefined && file.readsHoldFor === this.corpus.hash);
  }

  /**
   * Whether a cached document's messages still hold against this run's
   * corpus: every question its rules asked the index gets the recorded
   * answer again. `text`: the document's text (its content hash matched).
   */
  stillHolds(document: CachedDocument, text: string): boolean {
    if (document.corpusReads === undefined) return true;
    if (this.corpus === undefined) return false;
    const started = performance.now();
    try {
      return replayCorpusReads(this.corpus.index, document.corpusReads, text, this.options.config.limits);
    } finally {
      this.replayMilliseconds += performance.now() - started;
    }
  }

  /** What the cache keeps of a file: its documents, and for those that read the corpus, the index they hold for. */
  cacheEntry(documents: CachedDocument[], nullTextRecords = 0): CachedFile {
    const file: CachedFile = { documents };
    if (nullTextRecords > 0) file.nullTextRecords = nullTextRecords;
    if (this.corpus && documents.some((document) => document.corpusReads !== undefined)) file.readsHoldFor = this.corpus.hash;
    return file;
  }

  /** A linted document's messages as reported (counted for `--stats`, and listed for `--drop-list`, on the way). */
  async reportedMessages(filePath: string, documentId: string, outcome: DocumentOutcome, recordId?: string): Promise<VFileMessage[]> {
    // The aggregate counts into the same RunStats, so only one of the two is fed.
    if (this.options.corpusStats) this.options.corpusStats.addDocument(documentId, outcome.messages, outcome.figures);
    else this.stats?.addDocument(outcome.messages);
    if (this.dropList) await this.dropList.add(filePath, recordId, outcome.messages, outcome.emptied);
    const messages = outcome.messages.map((plain) => fromPlainMessage(plain, documentId));
    if (outcome.fixLoop) messages.push(fixLoopWarning(filePath));
    return messages;
  }
}

/** Whether cached messages carry a fix the run would apply (then the document is linted again, to fix it). */
export function hasApplicableFix(messages: readonly PlainMessage[], fix: FixMode): boolean {
  return messages.some((message) => fixableBy(message as unknown as VFileMessage, fix === 'unsafe') !== undefined);
}
