/**
 * JSON Lines / Parquet shards: one document per record. Records stream in,
 * are linted like files, and (when fixing) stream out to a new shard that
 * replaces the old one only if some record changed.
 */
import fs from 'node:fs';
import { siteOfUrl } from '../core/site.js';
import { createTwoFilesPatch } from 'diff';
import { contentHashOfFile, sha256, type CachedDocument } from '../cache/cache.js';
import { displayPath, recordDocumentId } from '../input/paths.js';
import type { DocumentOutcome } from '../workers/lint-documents.js';
import { UnreadableFileError } from '../input/read.js';
import type { DocumentReport } from '../reporters/reporter.js';
import { openShard, type ShardFormat, type ShardRecord, type ShardWriter } from '../input/shards/shard.js';
import { WriteError } from '../input/write.js';
import { emptiedRecordWarning, excludedRecordNote } from './notices.js';
import type { RunContext } from './run-context.js';
import { ExclusionShard, exclusionShardPath } from './drop-list.js';

/**
 * Fixed shards open at once. Each keeps its temporary output open until its
 * last record is finished, and small shards are read far ahead of that: 3,000
 * of them at `ulimit -n 1024` ran out of descriptors. A quarter of the
 * process's descriptor limit (Linux's default soft limit is 1,024), at most
 * 128: the rest is left to reads, the worker threads loading their modules,
 * and the cache.
 */
const MAX_OPEN_SHARD_WRITERS = Math.max(8, Math.min(128, Math.floor(openFileLimit() / 4)));

/** The soft limit on open files, as /proc says (Linux); 1,024 where it cannot be read. */
function openFileLimit(): number {
  try {
    const limits = fs.readFileSync('/proc/self/limits', 'utf8');
    const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1];
    return soft === undefined || soft === 'unlimited' ? 1024 : Number(soft);
  } catch {
    return 1024;
  }
}

interface ShardState {
  /** Shard bytes read and not yet given to a finished record: the progress bar counts them when it is. */
  bytesRead: number;
  /** Records skipped for a null text, kept with the cache entry. */
  nullTextRecords: number;
  writer: ShardWriter | undefined;
  changed: boolean;
  /** Records already reported with their fixed text, before the shard was written (or failed to be). */
  reportedFixed: number;
  /** What the cache will hold for the shard (undefined: not cached). */
  documents: CachedDocument[] | undefined;
  /** Where records that fixing empties go (`--exclusions`), opened with the first of them. */
  exclusions: ExclusionShard | undefined;
  /**
   * The shard's cached records (its content hash matched), when some of them
   * read the corpus: each is served again if its reads still hold, in record
   * order, and only the others are linted.
   */
  cachedRecords: CachedDocument[] | undefined;
  /** Records (not skipped) seen so far: where the next one is in `cachedRecords`. */
  recordsSeen: number;
}

/** Puts every record of a shard in the window, then a last step that commits (or drops) the fixed shard. */
export async function addShard(run: RunContext, filePath: string, format: ShardFormat): Promise<void> {
  const { options, cache, progress, window } = run;
  const shardName = displayPath(filePath, options.cwd);
  const fixing = options.fix !== 'off';
  // The corpus phase's log has the shard's hash when it ran (and must be kept in step either way).
  const contentHash = run.fileHashes?.contentHashOf(filePath) ?? (cache && contentHashOfFile(filePath));
  const key = cache ? sha256(`${shardName}\0${contentHash!.toString('hex')}`) : undefined;
  const cached = key === undefined ? undefined : cache!.get(key);
  run.options.corpusStats?.addShard();
  const reusable = cached !== undefined && cached.documents.every((document) => !run.mustLintAgain(document));
  if (reusable && run.holdsUnread(cached)) {
    run.result.cacheHits += cached.documents.length;
    run.result.nullTextRecords += cached.nullTextRecords ?? 0;
    const size = progress.active ? fs.statSync(filePath).size : 0;
    window.enqueue(0, Promise.resolve(), async () => {
      for (const document of cached.documents) {
        if (document.recordId === undefined) {
          await run.reportUnreadable(filePath, document.unreadable ?? '');
          continue;
        }
        await finishRecord(run, filePath, recordDocumentId(shardName, document.recordId), document.recordId, document);
      }
      progress.bytesDone(size);
      progress.fileDone();
    });
    return;
  }

  const state: ShardState = {
    writer: undefined,
    changed: false,
    reportedFixed: 0,
    documents: key ? [] : undefined,
    bytesRead: 0,
    nullTextRecords: 0,
    exclusions: undefined,
    cachedRecords: reusable ? cached.documents : undefined,
    recordsSeen: 0,
  };
  const refused = fixing && !options.dryRun ? run.refusesWrite(filePath) : undefined;
  if (refused) {
    window.enqueue(0, Promise.resolve(), () => run.reportUnreadable(filePath, refused));
    return;
  }
  const writing = fixing && !options.dryRun;
  if (writing) {
    while (run.openShardWriters >= MAX_OPEN_SHARD_WRITERS && (await window.finishOldest()));
    run.openShardWriters++;
  }
  let shard;
  try {
    shard = await openShard(filePath, format, run.fields, { forWriting: writing, onBytes: (count) => {
        state.bytesRead += count;
      },
    });
    if (writing) state.writer = await shard.createWriter();
    if (writing && options.exclusionsDir !== undefined) {
      const opened = shard;
      const target = exclusionShardPath(options.exclusionsDir, filePath, options.cwd);
      state.exclusions = new ExclusionShard(target, format, run.fields, () => opened.createWriter(target));
    }
    let first = true;
    for await (const record of shard.records) {
      if (record.skip) {
        if (record.nullText) {
          run.result.nullTextRecords++;
          state.nullTextRecords++;
        }
        if (state.writer) window.enqueue(0, Promise.resolve(), () => state.writer!.write(record, undefined));
        continue;
      }
      if (first && record.missingTextField) {
        throw new UnreadableFileError(
          `The first record has no field "${run.fields.textField}"; set --text-field to the field that holds the text (and --id-field for the id)`,
        );
      }
      first = false;
      addRecord(run, filePath, shardName, record, state);
      await window.throttle();
    }
  } catch (error) {
    const reason = error instanceof UnreadableFileError ? error.message : `Cannot read the shard (${(error as Error).message}); check that it is a valid ${describeFormat(format)} file`;
    window.enqueue(0, Promise.resolve(), async () => {
      const wasWriting = state.writer !== undefined;
      await state.exclusions?.abort();
      await state.writer?.abort();
      state.writer = undefined;
      state.documents = undefined;
      await run.reportUnreadable(filePath, wasWriting ? `${reason}. ${notWritten(state)}` : reason);
    });
  }
  window.enqueue(0, Promise.resolve(), async () => {
    if (state.writer) {
      if (state.changed) {
        try {
          // The exclusions first: a crash in between leaves a record in both shards, never in neither.
          const excluded = await commitExclusions(state);
          await state.writer.commit();
          run.result.filesWritten++;
          run.result.excluded += excluded;
        } catch (error) {
          if (!(error instanceof WriteError)) throw error;
          state.documents = undefined;
          await run.reportUnreadable(filePath, error.message.replace('; the file is unchanged', `. ${notWritten(state)}`));
        }
      } else {
        await state.exclusions?.abort();
        await state.writer.abort();
      }
    }
    if (writing) run.openShardWriters--;
    if (key && state.documents && !state.changed) {
      cache!.set(key, run.cacheEntry(state.documents, state.nullTextRecords));
    }
    // What was read after the last record (the end of a file, a footer).
    progress.bytesDone(state.bytesRead);
    state.bytesRead = 0;
    progress.fileDone();
  });
}

function addRecord(run: RunContext, filePath: string, shardName: string, record: ShardRecord, state: ShardState): void {
  const documentId = recordDocumentId(shardName, record.id);
  const shardBytes = state.bytesRead;
  state.bytesRead = 0;
  const cached = state.cachedRecords?.[state.recordsSeen++];
  const text = record.text;
  if (cached && cached.recordId === record.id && text !== undefined && cached.unreadable === undefined && run.stillHolds(cached, text)) {
    run.result.cacheHits++;
    run.window.enqueue(0, Promise.resolve(), async () => {
      await state.writer?.write(record, undefined);
      state.documents?.push(cached);
      await finishRecord(run, filePath, documentId, record.id, cached);
      run.progress.bytesDone(shardBytes);
    });
    return;
  }
  if (text === undefined) {
    run.window.enqueue(0, Promise.resolve(), async () => {
      await state.writer?.write(record, undefined);
      state.documents?.push({ recordId: record.id, messages: [], unreadable: record.error });
      await finishRecord(run, filePath, documentId, record.id, { messages: [], unreadable: record.error });
      run.progress.bytesDone(shardBytes);
    });
    return;
  }
  if (run.cache) run.result.cacheMisses++;
  const bytes = text.length;
  let outcome: DocumentOutcome;
  const site = record.url === undefined ? undefined : siteOfUrl(record.url);
  run.window.enqueue(
    bytes,
    run.window.submit(site === undefined ? { documentId, text } : { documentId, text, site }, undefined, bytes).then((value) => {
      outcome = value;
    }),
    async () => {
      const output = outcome.output;
      const messages = outcome.messages;
      // A shard never loses a record silently: it stays, with its (empty) text, or moves to the exclusion shard, and the user is told.
      const emptied = output !== undefined && output.trim() === '' && text.trim() !== '';
      const excluding = emptied && state.exclusions !== undefined;
      if (excluding) messages.push(excludedRecordNote(displayPath(state.exclusions!.target, run.options.cwd)));
      else if (output !== undefined && output.trim() === '') messages.push(emptiedRecordWarning());
      if (output !== undefined) {
        state.changed = true;
        if (run.options.dryRun) {
          run.result.diffs.push(createTwoFilesPatch(`a/${documentId}`, `b/${documentId}`, text, output, '', '', { context: 2 }));
        }
      }
      if (excluding) {
        await state.exclusions!.add(record);
        await state.writer!.drop(record);
      } else {
        await state.writer?.write(record, output);
      }
      if (state.writer && output !== undefined) state.reportedFixed++;
      const document: CachedDocument = { recordId: record.id, messages };
      if (outcome.figures) document.figures = outcome.figures;
      if (outcome.corpusReads) document.corpusReads = outcome.corpusReads;
      state.documents?.push(document);
      await finishRecord(run, filePath, documentId, record.id, { ...outcome, messages, output }, run.options.keepSource ? text : undefined);
      run.progress.bytesDone(shardBytes);
    },
  );
}

/** `source`: the record's text, when the format prints it. */
async function finishRecord(
  run: RunContext,
  filePath: string,
  documentId: string,
  recordId: string,
  outcome: DocumentOutcome,
  source?: string,
): Promise<void> {
  if (outcome.unreadable !== undefined) {
    await run.reportUnreadable(filePath, outcome.unreadable, recordId);
    return;
  }
  const messages = await run.reportedMessages(filePath, documentId, outcome, recordId);
  const report: DocumentReport = { filePath, recordId, messages };
  if (outcome.output !== undefined) report.output = outcome.output;
  else if (source !== undefined && messages.length > 0) report.source = source;
  await run.report(report);
}

/**
 * A fixed shard's records are reported as they are finished, before the shard
 * is written (holding them would hold a whole shard in memory): when the
 * write then fails, this says which of those reports did not come true.
 */
function notWritten(state: ShardState): string {
  if (state.reportedFixed === 0) return 'The shard is unchanged';
  const records = state.reportedFixed === 1 ? 'the 1 record reported above as fixed was' : `the ${state.reportedFixed.toLocaleString('en-US')} records reported above as fixed were`;
  return `The shard is unchanged: ${records} not written`;
}

/** Commits the exclusion shard, if a record went there: how many did; a failure leaves the shard unchanged (the caller aborts it). */
async function commitExclusions(state: ShardState): Promise<number> {
  if (!state.exclusions) return 0;
  try {
    return await state.exclusions.commit();
  } catch (error) {
    await state.writer!.abort();
    state.writer = undefined;
    throw error;
  }
}

function describeFormat(format: ShardFormat): string {
  if (format.kind === 'parquet') return 'Parquet';
  return format.compression === 'gzip' ? 'gzip-compressed JSON Lines' : format.compression === 'zstd' ? 'zstd-compressed JSON Lines' : 'JSON Lines';
}
