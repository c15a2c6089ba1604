/**
 * The corpus phase: before any document is linted, cross-document rules need
 * an index of the whole corpus. Every document is read once into compact
 * structures; with the cache on, an unchanged corpus reuses its last index.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { siteOfUrl } from '../core/site.js';
import { sha256 } from '../cache/cache.js';
import type { BuiltCorpusIndex } from './built-index.js';
import type { CorpusPart } from '../core/corpus-index.js';
import { FileHashLog } from '../cache/file-hash-log.js';
import { contentView, type ContentLimits } from '../core/limits.js';
import { displayPath, recordDocumentId } from '../input/paths.js';
import type { ProgressBar } from '../run/progress.js';
import { decodeText, readFileBytes, UnreadableFileError } from '../input/read.js';
import { openShard, type ShardFields } from '../input/shards/shard.js';
import { detectShardFormat } from '../input/shards/sniff.js';
import { splitLines } from '../core/text/lines.js';
import { corpuslintVersion } from '../version.js';
import { WriteError, writeFileAtomically } from '../input/write.js';

export interface PreparedCorpus {
  /** In shared memory: worker threads are sent `index.shareable` and read the same tables. */
  index: BuiltCorpusIndex;
  /** With the cache on: the serialized index's hash, part of the lint cache's key (cached messages are only valid against the same corpus). */
  hash?: string;
  /** With the cache on: every text file's content hash, in walk order, for the lint phase. */
  fileHashes?: FileHashLog;
  /** The cached index was damaged, so it was built again: one line for the user. */
  warning?: string;
}

/**
 * `files` is called for each pass over the corpus (a fresh discovery each time).
 * `indexCacheLocation`: where the index is cached, when the cache is on.
 */
export interface CorpusPhaseOptions {
  cwd: string;
  fields: ShardFields;
  /** Where the index is cached, when the cache is on. */
  indexCacheLocation: string | undefined;
  /** Threads to digest documents on (1: this thread only). */
  workers: number;
  /** Counts the files indexed, for the progress bar's indexing phase. */
  progress?: ProgressBar;
  /** The index holds what content rules see of each document: nothing past these sizes. */
  limits: ContentLimits;
  /** The parts of the index to build: those the run's rules read. */
  parts: readonly CorpusPart[];
}

export async function prepareCorpus(files: () => AsyncIterable<string>, options: CorpusPhaseOptions): Promise<PreparedCorpus> {
  const { cwd, fields, indexCacheLocation } = options;
  const { serializeCorpusIndex, deserializeCorpusIndex } = await import('./serialize.js');
  // Hashing every file is far cheaper than indexing it (and the file hash log spares the unchanged ones).
  const fileHashes = indexCacheLocation === undefined ? undefined : new FileHashLog(`${indexCacheLocation}-files`);
  const corpusKey = fileHashes && (await corpusContentKey(fileHashes.hashAll(files()), cwd, fields, options.limits, options.parts));
  const cached = indexCacheLocation === undefined ? undefined : readCachedIndex(indexCacheLocation, corpusKey!);
  let warning: string | undefined;
  if (cached?.bytes) {
    try {
      return { index: deserializeCorpusIndex(cached.bytes), hash: sha256(cached.bytes), fileHashes };
    } catch {
      warning = damagedIndexWarning(indexCacheLocation!);
    }
  } else if (cached?.damaged) {
    warning = damagedIndexWarning(indexCacheLocation!);
  }
  // The builder's tables are already in shared memory; only the cache needs the bytes.
  const index = await indexCorpus(files(), options);
  if (indexCacheLocation === undefined) return { index };
  const serialized = serializeCorpusIndex(index);
  await writeCachedIndex(indexCacheLocation, corpusKey!, serialized);
  return { index, hash: sha256(serialized), fileHashes, ...(warning && { warning }) };
}

function damagedIndexWarning(location: string): string {
  return `the corpus index cache ${location} was damaged; it was ignored and the corpus indexed again`;
}

/** The first pass for cross-document rules: every document once, into compact structures. */
async function indexCorpus(files: AsyncIterable<string>, options: CorpusPhaseOptions): Promise<BuiltCorpusIndex> {
  const [{ CorpusIndexBuilder }, { ParallelIndexBuilder }] = await Promise.all([import('./builder.js'), import('./parallel-builder.js')]);
  const builder = new CorpusIndexBuilder({}, options.parts);
  const parallel = new ParallelIndexBuilder(builder, options.workers);
  try {
    for await (const { documentId, text, site } of corpusDocuments(files, options)) await parallel.add(documentId, text, site);
  } finally {
    await parallel.finish();
  }
  return builder.build();
}

/** One document as the index sees it: its name and what content rules see of its text. */
export interface IndexedDocument {
  filePath: string;
  documentId: string;
  text: string;
  /** The site a shard record's url names (undefined: the builder takes it from the path). */
  site?: string;
}

/**
 * The documents of `files` in order, as the index takes them (a shard's
 * records one by one; unreadable files left out): one way to read a corpus
 * for the index, whether on one machine or a shard at a time (src/cluster/).
 */
export async function* corpusDocuments(
  files: AsyncIterable<string>,
  { cwd, fields, progress, limits }: Pick<CorpusPhaseOptions, 'cwd' | 'fields' | 'progress' | 'limits'>,
): AsyncGenerator<IndexedDocument> {
  // A text no longer than a line may be has no over-long line: it is not split into lines to check.
  const contentOf = (text: string): string =>
    text.length <= limits.maxLineLength && text.length <= limits.maxDocumentLength ? text : contentView(text, splitLines(text), limits).text;
  for await (const filePath of files) {
    const format = detectShardFormat(filePath, fields);
    if (format) {
      try {
        const shard = await openShard(filePath, format, fields, { forWriting: false });
        for await (const record of shard.records) {
          if (record.text === undefined) continue;
          const site = record.url === undefined ? undefined : siteOfUrl(record.url);
          yield { filePath, documentId: recordDocumentId(displayPath(filePath, cwd), record.id), text: contentOf(record.text), site };
        }
      } catch {
        // The lint pass reports unreadable shards; the index goes without them.
      }
      if (progress?.active) progress.bytesDone(fs.statSync(filePath).size);
      progress?.fileDone();
      continue;
    }
    let text: string | undefined;
    try {
      const bytes = await readFileBytes(filePath);
      progress?.bytesDone(bytes.length);
      text = contentOf(decodeText(bytes).text);
    } catch (error) {
      // The lint pass reports unreadable files; the index simply goes without them.
      if (!(error instanceof UnreadableFileError)) throw error;
    }
    if (text !== undefined) yield { filePath, documentId: displayPath(filePath, cwd), text };
    progress?.fileDone();
  }
}

/** What the corpus index is a function of: corpuslint's version, the shard fields, the limits, the parts built, and every document's name and content. */
async function corpusContentKey(
  files: AsyncIterable<{ filePath: string; contentHash: Buffer }>,
  cwd: string,
  fields: ShardFields,
  limits: ContentLimits,
  parts: readonly CorpusPart[],
): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ corpuslint: corpuslintVersion(), fields, limits, parts }));
  for await (const { filePath, contentHash } of files) {
    hash.update(`${displayPath(filePath, cwd)}\0${contentHash.toString('hex')}\n`);
  }
  return hash.digest('hex');
}

/**
 * The index cache: a header line with the key and the body's SHA-256, then
 * the serialised index. Another key is an index of another corpus (not
 * damage); a body that fails its checksum is damaged.
 */
function readCachedIndex(location: string, key: string): { bytes?: Uint8Array; damaged?: true } | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(location);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(0x0a);
  const [headerKey, checksum] = (newline === -1 ? '' : bytes.subarray(0, newline).toString('latin1')).split('\t');
  if (headerKey !== key) return /^[0-9a-f]{64}$/.test(headerKey ?? '') ? undefined : { damaged: true };
  const body = new Uint8Array(bytes.subarray(newline + 1));
  return checksum === sha256(body) ? { bytes: body } : { damaged: true };
}

/** A cache that cannot be written costs the next run time, not this run its result: one warning line. */
async function writeCachedIndex(location: string, key: string, serialized: Uint8Array): Promise<void> {
  try {
    await writeFileAtomically(location, Buffer.concat([Buffer.from(`${key}\t${sha256(serialized)}\n`), serialized]));
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    process.stderr.write(`corpuslint: warning: cannot write the corpus index cache ${location} (${error.why}); the next run indexes again\n`);
  }
}
