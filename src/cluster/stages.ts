/**
 * The stages of a cluster run, each one command a job array task runs:
 * index a shard (the map), merge the shards' digests into one corpus index
 * (the reduce), lint a shard against it, and replay every shard's reports as
 * one. The merged index is byte for byte the one a one-machine run builds,
 * and the replayed reports come in the one-machine run's order, so the
 * report is the same.
 */
import fs from 'node:fs';
import { sha256 } from '../cache/cache.js';
import { CorpusIndexBuilder } from '../corpus/builder.js';
import { DocumentDigester, type DocumentDigest } from '../corpus/document-digest.js';
import { ParallelIndexBuilder, type DigestSink } from '../corpus/parallel-builder.js';
import { corpusDocuments, type PreparedCorpus } from '../corpus/phase.js';
import { deserializeCorpusIndex, serializeCorpusIndex } from '../corpus/serialize.js';
import { CORPUS_PARTS } from '../core/corpus-index.js';
import { UsageError } from '../core/errors.js';
import { fromPlainMessage, toPlainMessage, type PlainMessage } from '../core/plain-message.js';
import { createFileFilter, discoverFiles } from '../input/files.js';
import type { ShardFields } from '../input/shards/types.js';
import { openAtomicWriteStream, writeFileAtomically, type AtomicWriteStream } from '../input/write.js';
import type { DocumentReport } from '../reporters/reporter.js';
import type { RunOptions, RunResult } from '../run/types.js';
import { compactWords, DigestReader, digestFileHeader, encodeDigestRecord } from './digest-file.js';
import { inShard, shardOf, type ShardSpec } from './shard-spec.js';
import { configHash, corpusIdentity, newWorkState, shardName, shownPath, WorkDir, writeWorkFile, type DiscoveryInputs, type WorkState } from './work-dir.js';

export interface StageInputs extends DiscoveryInputs {
  fields: ShardFields;
  force: boolean;
}

/** What a stage tells the user on stderr when it is done (or had nothing to do). */
export type StageNotice = (text: string) => void;

/** The work dir's state for these paths and this config, created on first use and checked after. */
export async function openWorkDir(work: WorkDir, inputs: StageInputs, shards: number): Promise<WorkState> {
  const state = newWorkState(await corpusIdentity(inputs), configHash(inputs.config, inputs.fields), shards);
  await work.open(state);
  return state;
}

/** The map: digests of the shard's documents, in discovery order, to W/digests/<i>. */
export async function indexShard(work: WorkDir, shard: ShardSpec, inputs: StageInputs & { workers: number }, notice: StageNotice): Promise<void> {
  const state = await openWorkDir(work, inputs, shard.count);
  const output = work.digestPath(shard.index);
  if (!inputs.force && work.isDone(output, state)) {
    notice(`${shardName(shard)} is already indexed (${shownPath(output)}.done); --force indexes it again`);
    return;
  }
  const ordinals = new Map<string, number>();
  const files = async function* (): AsyncGenerator<string> {
    let ordinal = 0;
    for await (const filePath of discoverFiles(inputs.paths, inputs.cwd, createFileFilter(inputs.config, inputs.cwd), { unlistable: new Map(), followLinks: inputs.followLinks })) {
      if (inShard(ordinal, shard)) {
        ordinals.set(filePath, ordinal);
        yield filePath;
      }
      ordinal++;
    }
  };
  const out = openAtomicWriteStream(output);
  const sink = new DigestFileSink(out);
  const parallel = new ParallelIndexBuilder(sink, inputs.workers);
  try {
    out.stream.write(digestFileHeader());
    for await (const document of corpusDocuments(files(), { cwd: inputs.cwd, fields: inputs.fields, limits: inputs.config.limits })) {
      sink.expect(ordinals.get(document.filePath)!);
      await parallel.add(document.documentId, document.text, document.site);
      await sink.drained();
    }
    await parallel.finish();
    await endStream(out, output);
  } catch (error) {
    await parallel.finish().catch(() => undefined);
    await out.abort();
    throw error;
  }
  await work.markDone(output, state, { shard: shard.index, shards: shard.count, files: ordinals.size, documents: sink.documents });
  notice(`${shardName(shard)} indexed: ${sink.documents.toLocaleString('en-US')} documents in ${ordinals.size.toLocaleString('en-US')} files, digests in ${shownPath(output)}`);
}

/**
 * Takes digests in document order, as the index builder does, and writes them
 * out instead. Digests are made with no passage sampling (threshold 2^32):
 * the merge's builder drops what its own threshold leaves out, which is what
 * a one-machine run's builder keeps from a digest made earlier.
 */
class DigestFileSink implements DigestSink {
  readonly digestThreshold = 2 ** 32;
  /** The merged index serves whatever rules lint against it. */
  readonly parts = CORPUS_PARTS;
  documents = 0;
  private readonly digester = new DocumentDigester();
  private readonly pending: number[] = [];
  private next = 0;

  constructor(private readonly out: AtomicWriteStream) {}

  /** The file ordinal of the next document added (digests come back in the order added). */
  expect(ordinal: number): void {
    this.pending.push(ordinal);
  }

  add(documentId: string, text: string, site?: string): void {
    this.addDigest(documentId, this.digester.digest(text, this.digestThreshold), text, site);
  }

  /** `site` as the record named it, or undefined: the merge's builder then takes it from the path, as on one machine. */
  addDigest(documentId: string, digest: DocumentDigest, text: string, site?: string): void {
    const ordinal = this.pending[this.next++]!;
    if (this.next > 4096) {
      this.pending.splice(0, this.next);
      this.next = 0;
    }
    this.documents++;
    this.out.stream.write(encodeDigestRecord({ ordinal, documentId, ...compactWords(digest, text), ...(site !== undefined && { site }) }));
  }

  /** Waits while the file is behind, so written digests do not pile up in memory. */
  async drained(): Promise<void> {
    const failure = this.out.failure();
    if (failure) throw failure;
    if (!this.out.stream.writableNeedDrain) return;
    await new Promise<void>((resolve) => this.out.stream.once('drain', resolve));
  }
}

/** The reduce: every shard's digests into one corpus index, in one-machine document order. */
export async function mergeIndex(work: WorkDir, force: boolean, notice: StageNotice): Promise<void> {
  const state = work.requireState();
  const output = work.indexPath;
  if (!force && work.isDone(output, state)) {
    notice(`the index is already merged (${shownPath(output)}.done); --force merges it again`);
    return;
  }
  for (let shard = 0; shard < state.shards; shard++) {
    work.requireDone(work.digestPath(shard), state, `Index shard ${shard}/${state.shards}`, `corpuslint index --shard ${shard}/${state.shards} --work-dir ${shownPath(work.root)} <paths>`);
  }
  const readers = Array.from({ length: state.shards }, (_, shard) => new DigestReader(work.digestPath(shard)));
  const builder = new CorpusIndexBuilder();
  let documents = 0;
  try {
    const heads = readers.map((reader) => reader.next());
    for (let ordinal = 0; ordinal < state.corpus.files; ordinal++) {
      const shard = shardOf(ordinal, state.shards);
      for (let head = heads[shard]; head && head.ordinal === ordinal; head = heads[shard]) {
        builder.addDigest(head.documentId, head.digest, head.words, head.site);
        documents++;
        heads[shard] = readers[shard]!.next();
      }
    }
    const stray = heads.findIndex((head) => head !== undefined);
    if (stray >= 0) throw new UsageError(`${work.digestPath(stray)} holds documents out of order or past the corpus's ${state.corpus.files} files; run index --shard ${stray}/${state.shards} again with --force`);
  } finally {
    for (const reader of readers) reader.close();
  }
  const bytes = serializeCorpusIndex(builder.build());
  await writeWorkFile(output, () => writeFileAtomically(output, bytes));
  await work.markDone(output, state, { documents });
  notice(`index merged: ${documents.toLocaleString('en-US')} documents from ${state.shards} shards, ${(bytes.length / 1e6).toFixed(1)} MB in ${shownPath(output)}`);
}

/** The merged index as a one-machine run holds it after its corpus phase. */
export function loadMergedIndex(work: WorkDir): PreparedCorpus {
  const bytes = new Uint8Array(fs.readFileSync(work.indexPath));
  return { index: deserializeCorpusIndex(bytes), hash: sha256(bytes) };
}

/** A report as a line of W/results/<i>.jsonl: every field reporters read, messages as plain data. */
interface StoredReport {
  /** The file's place in discovery order. */
  at: number;
  filePath: string;
  recordId?: string;
  output?: string;
  source?: string;
  messages: Array<{ file?: string; name: string; plain: PlainMessage }>;
}

export interface ShardLint {
  /** Runs the lint of the shard: a one-machine run's, restricted to the shard's files, against the merged index. */
  run(options: RunOptions, run: (options: RunOptions) => Promise<RunResult>): Promise<RunResult>;
}

/** The lint stage: checks its inputs, then lints shard i and keeps its reports for `corpuslint report`. */
export async function shardLint(work: WorkDir, shard: ShardSpec, inputs: StageInputs, notice: StageNotice): Promise<ShardLint | undefined> {
  const state = work.requireState();
  work.check(state, { corpus: await corpusIdentity(inputs), config: configHash(inputs.config, inputs.fields), shards: shard.count });
  work.requireDone(work.indexPath, state, 'The merged index', `corpuslint index --merge --work-dir ${shownPath(work.root)}`);
  const output = work.resultsPath(shard.index);
  if (!inputs.force && work.isDone(output, state)) {
    notice(`${shardName(shard)} is already linted (${shownPath(output)}.done); --force lints it again`);
    return undefined;
  }
  return {
    async run(options, run) {
      const ordinals = new Map<string, number>();
      const out = openAtomicWriteStream(output);
      let documents = 0;
      let result: RunResult;
      try {
        result = await run({
          ...options,
          selectFiles: (filePath, ordinal) => {
            if (!inShard(ordinal, shard)) return false;
            ordinals.set(filePath, ordinal);
            return true;
          },
          loadCorpus: async () => loadMergedIndex(work),
          onReport: async (report) => {
            documents++;
            if (!out.stream.write(`${JSON.stringify(storedReport(report, ordinals.get(report.filePath)!))}\n`)) {
              await new Promise<void>((resolve) => out.stream.once('drain', resolve));
            }
            await options.onReport?.(report);
          },
        });
        await endStream(out, output);
      } catch (error) {
        await out.abort();
        throw error;
      }
      await work.markDone(output, state, {
        shard: shard.index,
        shards: shard.count,
        documents,
        fix: options.fix,
        dryRun: options.dryRun,
        unreadable: result.unreadableCount,
        nullTextRecords: result.nullTextRecords,
        warnings: result.warnings,
      });
      return result;
    },
  };
}

function storedReport(report: DocumentReport, at: number): StoredReport {
  return {
    at,
    filePath: report.filePath,
    ...(report.recordId !== undefined && { recordId: report.recordId }),
    ...(report.output !== undefined && { output: report.output }),
    ...(report.source !== undefined && { source: report.source }),
    messages: report.messages.map((message) => ({ ...(message.file !== undefined && { file: message.file }), name: message.name, plain: toPlainMessage(message) })),
  };
}

function restoredReport(stored: StoredReport): DocumentReport {
  const messages = stored.messages.map(({ file, name, plain }) => {
    const message = fromPlainMessage(plain, file ?? '');
    message.name = name;
    return message;
  });
  return {
    filePath: stored.filePath,
    ...(stored.recordId !== undefined && { recordId: stored.recordId }),
    messages,
    ...(stored.output !== undefined && { output: stored.output }),
    ...(stored.source !== undefined && { source: stored.source }),
  };
}

/** The report stage: every shard's reports, replayed in one-machine order into `onReport`. */
export async function replayReports(work: WorkDir, expectedConfig: string, options: Pick<RunOptions, 'onReport'>): Promise<RunResult> {
  const state = work.requireState();
  work.check(state, { config: expectedConfig });
  const markers = Array.from({ length: state.shards }, (_, shard) =>
    work.requireDone(work.resultsPath(shard), state, `Lint shard ${shard}/${state.shards}`, `corpuslint --shard ${shard}/${state.shards} --work-dir ${shownPath(work.root)} <paths>`),
  );
  const modes = new Set(markers.map((marker) => `${String(marker.fix)}${marker.dryRun ? ' (dry run)' : ''}`));
  if (modes.size > 1) {
    throw new UsageError(`The shards were linted with different fix modes (${[...modes].join(', ')}); lint them all again with the same options and --force`);
  }
  const readers = markers.map((_, shard) => new LineReader(work.resultsPath(shard)));
  const result: RunResult = { reports: [], diffs: [], unreadableCount: 0, nullTextRecords: 0, filesWritten: 0, cacheHits: 0, cacheMisses: 0, threadsUsed: 0, dropped: 0, excluded: 0, warnings: [] };
  try {
    const heads = readers.map((reader) => reader.nextReport());
    for (let ordinal = 0; ordinal < state.corpus.files; ordinal++) {
      const shard = shardOf(ordinal, state.shards);
      for (let head = heads[shard]; head && head.at === ordinal; head = heads[shard]) {
        const report = restoredReport(head);
        if (options.onReport) await options.onReport(report);
        else result.reports.push(report);
        heads[shard] = readers[shard]!.nextReport();
      }
    }
    const stray = heads.findIndex((head) => head !== undefined);
    if (stray >= 0) throw new UsageError(`${work.resultsPath(stray)} holds reports out of order; lint shard ${stray}/${state.shards} again with --force`);
  } finally {
    for (const reader of readers) reader.close();
  }
  for (const marker of markers) {
    result.unreadableCount += Number(marker.unreadable ?? 0);
    result.nullTextRecords += Number(marker.nullTextRecords ?? 0);
    for (const warning of (marker.warnings as string[] | undefined) ?? []) if (!result.warnings.includes(warning)) result.warnings.push(warning);
  }
  return result;
}

/** Lines of a results file, a buffer at a time (the report holds one reader per shard). */
class LineReader {
  private readonly fd: number;
  private readonly chunk = Buffer.alloc(1 << 20);
  private pending: Buffer[] = [];
  private lines: string[] = [];
  private eof = false;

  constructor(private readonly filePath: string) {
    this.fd = fs.openSync(filePath, 'r');
  }

  nextReport(): StoredReport | undefined {
    while (this.lines.length === 0 && !this.eof) this.fill();
    const line = this.lines.shift();
    if (line === undefined) return undefined;
    try {
      return JSON.parse(line) as StoredReport;
    } catch {
      throw new UsageError(`${this.filePath} has a damaged line; lint its shard again with --force`);
    }
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private fill(): void {
    const read = fs.readSync(this.fd, this.chunk, 0, this.chunk.length, null);
    if (read === 0) {
      this.eof = true;
      if (this.pending.length > 0) throw new UsageError(`${this.filePath} ends inside a line (cut short?); lint its shard again with --force`);
      return;
    }
    let from = 0;
    const data = this.chunk.subarray(0, read);
    for (let newline = data.indexOf(0x0a); newline >= 0; newline = data.indexOf(0x0a, from)) {
      this.pending.push(data.subarray(from, newline));
      this.lines.push(Buffer.concat(this.pending).toString('utf8'));
      this.pending = [];
      from = newline + 1;
    }
    if (from < read) this.pending.push(Buffer.from(data.subarray(from)));
  }
}

/** Finishes a stage's output: flushed, then renamed into place (the marker comes after). */
async function endStream(out: AtomicWriteStream, output: string): Promise<void> {
  await new Promise<void>((resolve) => {
    if (out.failure()) return resolve();
    out.stream.once('error', () => resolve());
    out.stream.end(() => resolve());
  });
  await writeWorkFile(output, () => out.commit());
}
