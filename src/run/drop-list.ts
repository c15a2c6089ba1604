/**
 * `--drop-list <file>`: the documents a corpus builder would drop, one JSON
 * object a line, in discovery order: near-duplicate copies (every copy but
 * the one to keep, as no-near-duplicate-docs reports them) and documents
 * that fixing empties (or that `--fix --unsafe-fixes` would). The list is
 * what a pipeline reads to filter, as datatrove's and dolma's steps read
 * their attribute files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { PlainMessage } from '../core/plain-message.js';
import { displayPath, recordDocumentId } from '../input/paths.js';
import { openShard, type ShardFields, type ShardFormat, type ShardRecord, type ShardWriter } from '../input/shards/shard.js';
import { describeWriteError, openAtomicWriteStream, WriteError, type AtomicWriteStream } from '../input/write.js';
import type { Emptied } from '../workers/emptied.js';

/** The rule whose messages name a copy to drop and the document to keep (`data.keep`). */
export const NEAR_DUPLICATE_RULE = 'no-near-duplicate-docs';

export interface DropEntry {
  /** The document as corpuslint names it everywhere: its path, or `shard#record`. */
  id: string;
  /** The file (or shard) relative to the working folder. */
  path: string;
  /** The record's id, for a shard record. */
  record?: string;
  rule: string;
  reason: string;
  /** Near-duplicates: the document to keep instead. */
  keep?: string;
  /** Emptied documents: which fixes empty it, whether this run applied them, and every rule whose fixes remove text. */
  fixes?: 'safe' | 'unsafe';
  applied?: boolean;
  rules?: string[];
}

/**
 * One entry for a document, or undefined when it is not one to drop. A copy
 * that fixing would also empty is listed once, as a copy: dropping it is
 * the reason that holds whatever is fixed.
 */
export function dropEntryOf(path: string, recordId: string | undefined, messages: readonly PlainMessage[], emptied: Emptied | undefined): DropEntry | undefined {
  const id = recordId === undefined ? path : recordDocumentId(path, recordId);
  const where = recordId === undefined ? { id, path } : { id, path, record: recordId };
  const copy = messages.find((message) => message.ruleId === NEAR_DUPLICATE_RULE);
  if (copy) {
    const keep = copy.data?.keep;
    return { ...where, rule: NEAR_DUPLICATE_RULE, reason: copy.reason, ...(typeof keep === 'string' ? { keep } : {}) };
  }
  if (!emptied) return undefined;
  const flags = emptied.fixes === 'safe' ? '--fix' : '--fix --unsafe-fixes';
  const what = emptied.applied ? `${flags} removed all of its text` : `${flags} would remove all of its text`;
  const by = emptied.rules.length > 0 ? ` (fixes of ${emptied.rules.join(', ')})` : '';
  return { ...where, rule: emptied.rules[0] ?? 'corpuslint', reason: `${what}${by}`, fixes: emptied.fixes, applied: emptied.applied, rules: emptied.rules };
}

/** The file, written as the run finishes documents, and put in place (atomically) when it ends. */
export class DropListWriter {
  private readonly out: AtomicWriteStream;
  count = 0;

  constructor(
    readonly location: string,
    private readonly cwd: string,
  ) {
    this.out = openAtomicWriteStream(location);
  }

  async add(filePath: string, recordId: string | undefined, messages: readonly PlainMessage[], emptied: Emptied | undefined): Promise<void> {
    const entry = dropEntryOf(displayPath(filePath, this.cwd), recordId, messages, emptied);
    if (!entry) return;
    this.count++;
    if (this.out.stream.write(`${JSON.stringify(entry)}\n`)) return;
    // A stream that failed never drains; commit() reports the failure.
    await new Promise<void>((resolve) => {
      this.out.stream.once('drain', resolve);
      this.out.stream.once('close', resolve);
    });
  }

  async commit(): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => {
        const failure = this.out.failure();
        if (failure) return reject(failure);
        this.out.stream.once('error', reject);
        this.out.stream.end(resolve);
      });
      await this.out.commit();
    } catch (error) {
      await this.out.abort();
      throw new UsageError(`Cannot write the drop list ${displayPath(this.location, this.cwd)} (${describeWriteError(error).why})`);
    }
  }

  async abort(): Promise<void> {
    await this.out.abort();
  }
}

/**
 * Where `--exclusions <dir>` puts a shard's removed records: the shard's
 * path relative to the working folder, under `dir` (a shard outside the
 * working folder: its absolute path, under `dir`).
 */
export function exclusionShardPath(dir: string, shardPath: string, cwd: string): string {
  const relative = path.relative(cwd, shardPath);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return path.join(dir, inside ? relative : path.resolve(shardPath).slice(path.parse(path.resolve(shardPath)).root.length));
}

/**
 * An exclusion shard: the records fixing emptied, as they were, in their
 * shard's format (schema and codecs for Parquet). Opened with its first
 * record; records an earlier run put there are kept, ahead of the new ones.
 * Written atomically, like a fixed shard.
 */
export class ExclusionShard {
  private writer: ShardWriter | undefined;
  private count = 0;
  private failure: WriteError | undefined;

  constructor(
    readonly target: string,
    private readonly format: ShardFormat,
    private readonly fields: ShardFields,
    private readonly createWriter: () => Promise<ShardWriter>,
  ) {}

  /** A failure is kept for commit() to report, as a fixed shard's writes are: the shard's own records go on being finished. */
  async add(record: ShardRecord): Promise<void> {
    if (this.failure) return;
    try {
      if (!this.writer) {
        await fs.promises.mkdir(path.dirname(this.target), { recursive: true });
        this.writer = await this.createWriter();
        await this.keepEarlierRecords(this.writer);
      }
      await this.writer.write(record, undefined);
      this.count++;
    } catch (error) {
      this.failure = this.writeError(error);
    }
  }

  /** How many records this run added. */
  async commit(): Promise<number> {
    if (this.failure) {
      await this.abort();
      throw this.failure;
    }
    if (!this.writer) return 0;
    try {
      await this.writer.commit();
    } catch (error) {
      throw this.writeError(error);
    }
    return this.count;
  }

  async abort(): Promise<void> {
    await this.writer?.abort();
  }

  private async keepEarlierRecords(writer: ShardWriter): Promise<void> {
    if (!fs.existsSync(this.target)) return;
    const earlier = await openShard(this.target, this.format, this.fields, { forWriting: true });
    for await (const record of earlier.records) await writer.write(record, undefined);
  }

  private writeError(error: unknown): WriteError {
    const why = error instanceof WriteError ? error.why : describeWriteError(error).why;
    return new WriteError(`the exclusion shard ${this.target}: ${why}`);
  }
}
