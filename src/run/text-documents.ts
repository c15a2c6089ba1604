/** Plain text files: one document each, read here and linted as raw bytes (decoded off this thread). */
import fs from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { sha256, type CachedDocument, type CachedFile } from '../cache/cache.js';
import { displayPath } from '../input/paths.js';
import type { DocumentJob, DocumentOutcome } from '../workers/lint-documents.js';
import { decodeText, readFileBytes, UnreadableFileError } from '../input/read.js';
import type { DocumentReport } from '../reporters/reporter.js';
import { WriteError, writeTextFile } from '../input/write.js';
import { emptiedFileWarning } from './notices.js';
import type { RunContext } from './run-context.js';

/** Reads a file and puts it in the window: answered from the cache, or submitted for linting. */
export async function addTextFile(run: RunContext, filePath: string): Promise<void> {
  const { options, cache, progress, window } = run;
  const documentId = displayPath(filePath, options.cwd);
  // The corpus phase hashed the file already: a hit that needs no check against the corpus needs no read at all.
  const logged = cache && run.fileHashes?.contentHashOf(filePath)?.toString('hex');
  const loggedEntry = logged ? usableCacheEntry(run, lintCacheKey(documentId, logged)) : undefined;
  if (loggedEntry && run.holdsUnread(loggedEntry)) {
    answerFromCache(run, filePath, documentId, loggedEntry.documents[0]!, progress.active ? fs.statSync(filePath).size : 0);
    await window.throttle();
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFileBytes(filePath);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    window.enqueue(0, Promise.resolve(), async () => {
      await run.reportUnreadable(filePath, error.message);
      progress.fileDone();
    });
    await window.throttle();
    return;
  }
  const key = cache ? lintCacheKey(documentId, logged || sha256(bytes)) : undefined;
  // A logged hash was looked up above already. Its reads are checked on the text it was logged for,
  // not on one the file was edited to since.
  const cached = logged ? loggedEntry : key === undefined ? undefined : usableCacheEntry(run, key);
  if (cached && (run.holdsUnread(cached) || ((!logged || sha256(bytes) === logged) && run.stillHolds(cached.documents[0]!, decodeText(bytes).text)))) {
    // Checked against this index now: the next run on it need not check again.
    if (!run.holdsUnread(cached)) cache!.set(key!, run.cacheEntry(cached.documents));
    answerFromCache(run, filePath, documentId, cached.documents[0]!, bytes.length);
    await window.throttle();
    return;
  }
  if (cache) run.result.cacheMisses++;
  // A dry run diffs against the original, and a format that prints the text shows it, so they keep
  // the bytes; otherwise the bytes move to the worker.
  const keepBytes = options.dryRun || options.keepSource === true;
  // Read now: a transfer to the worker empties `bytes`.
  const size = bytes.length;
  const job: DocumentJob = { documentId, bytes: keepBytes ? bytes : transferable(bytes) };
  const outcome = window.submit(job, keepBytes ? undefined : (job.bytes!.buffer as ArrayBuffer), bytes.length);
  let result: DocumentOutcome;
  window.enqueue(
    bytes.length,
    outcome.then((value) => {
      result = value;
    }),
    async () => {
      const original = keepBytes ? bytes : undefined;
      await finishTextFile(run, filePath, documentId, result, original, key);
      progress.bytesDone(size);
      progress.fileDone();
    },
  );
  await window.throttle();
}

/** A text file's lint-cache key: its name and its content's SHA-256 (hex). */
function lintCacheKey(documentId: string, contentHash: string): string {
  return sha256(`${documentId}\0${contentHash}`);
}

/** The cached entry under `key`, unless this run would fix something in it (then the file is linted again). */
function usableCacheEntry(run: RunContext, key: string): CachedFile | undefined {
  const cached = run.cache!.get(key);
  const document = cached?.documents[0];
  return document && !run.mustLintAgain(document) ? cached : undefined;
}

/** `size`: the file's bytes, for the progress bar. */
function answerFromCache(run: RunContext, filePath: string, documentId: string, cached: CachedDocument, size: number): void {
  run.result.cacheHits++;
  run.window.enqueue(0, Promise.resolve(), async () => {
    await finishTextFile(run, filePath, documentId, { messages: cached.messages, bom: cached.bom, unreadable: cached.unreadable, figures: cached.figures }, undefined);
    run.progress.bytesDone(size);
    run.progress.fileDone();
  });
}

/** Reports the file and writes its fix (or records the diff, in a dry run); `key`: where the cache keeps it. */
async function finishTextFile(
  run: RunContext,
  filePath: string,
  documentId: string,
  outcome: DocumentOutcome,
  original: Buffer | undefined,
  key?: string,
): Promise<void> {
  const { cache, result } = run;
  if (outcome.unreadable !== undefined) {
    if (key) cache!.set(key, { documents: [{ messages: [], unreadable: outcome.unreadable }] });
    await run.reportUnreadable(filePath, outcome.unreadable);
    return;
  }
  if (outcome.output !== undefined && outcome.output.trim() === '') outcome = { ...outcome, messages: [...outcome.messages, emptiedFileWarning()] };
  const messages = await run.reportedMessages(filePath, documentId, outcome);
  const report: DocumentReport = { filePath, messages };
  // ESLint's rule for `source`: when there are problems and no fixed output. A cache hit was not read, so it is read now.
  if (run.options.keepSource && messages.length > 0 && outcome.output === undefined) {
    report.source = decodeText(original ?? (await readFileBytes(filePath))).text;
  }
  const cached: CachedDocument = { messages: outcome.messages };
  if (outcome.bom) cached.bom = true;
  if (outcome.corpusReads) cached.corpusReads = outcome.corpusReads;
  if (outcome.output === undefined) {
    if (outcome.figures) cached.figures = outcome.figures;
    if (key) cache!.set(key, run.cacheEntry([cached]));
  } else {
    report.output = outcome.output;
    if (run.options.dryRun) {
      const before = decodeText(original!).text;
      result.diffs.push(createTwoFilesPatch(`a/${documentId}`, `b/${documentId}`, before, outcome.output, '', '', { context: 2 }));
    } else {
      const refused = run.refusesWrite(filePath);
      if (refused) {
        await run.reportUnreadable(filePath, refused);
        return;
      }
      try {
        await writeTextFile(filePath, outcome.output, outcome.bom === true);
      } catch (error) {
        if (!(error instanceof WriteError)) throw error;
        // The file is as it was: report that, not the messages of a fixed text that was never written.
        await run.reportUnreadable(filePath, error.message);
        return;
      }
      result.filesWritten++;
      // The messages describe the fixed text, which is now the file's content.
      if (cache && !outcome.fixLoop) {
        const written = Buffer.from((outcome.bom ? '\uFEFF' : '') + outcome.output, 'utf8');
        cache.set(lintCacheKey(documentId, sha256(written)), run.cacheEntry([cached]));
      }
    }
  }
  await run.report(report);
}

/** A Uint8Array that owns its whole ArrayBuffer, so it can be handed to a worker without copying. */
function transferable(bytes: Buffer): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  return new Uint8Array(bytes);
}
