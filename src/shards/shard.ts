/**
 * Corpus shards: files holding many documents, one per record, as corpus
 * pipelines (datatrove, dolma) write them. Each record is linted as its own
 * document; its messages' lines and columns are within the record's text.
 */
import type { JsonlCompression } from './jsonl.js';

/** Where a record keeps its text and its id; the defaults are datatrove's and dolma's. */
export interface ShardFields {
  textField: string;
  idField: string;
}

export const DEFAULT_SHARD_FIELDS: ShardFields = { textField: 'text', idField: 'id' };

export interface ShardRecord<Payload = unknown> {
  /** 1-based line (JSONL) or row (Parquet) number. */
  number: number;
  /** The record's id field, or `line N` / `row N` when it has none. */
  id: string;
  text?: string;
  /** Why the record cannot be linted (then `text` is undefined). */
  error?: string;
  /** The text field is absent (rather than of the wrong type). */
  missingTextField?: boolean;
  /** Not a record at all (a blank line): only kept in place by a fixed shard. */
  skip?: boolean;
  /** What the writer needs to write the record back. */
  payload: Payload;
}

export interface ShardWriter<Payload = unknown> {
  /** Records are written in the order they were read; `newText` undefined keeps the record as it was. */
  write(record: ShardRecord<Payload>, newText: string | undefined): Promise<void>;
  /** Replaces the shard with what was written, atomically. */
  commit(): Promise<void>;
  /** Leaves the shard as it was. */
  abort(): Promise<void>;
}

export type ShardFormat = { kind: 'jsonl'; compression: JsonlCompression } | { kind: 'parquet' };

/** Shard file extensions, for the default `files` globs and format detection. */
export const SHARD_EXTENSIONS = ['.jsonl', '.jsonl.gz', '.jsonl.zst', '.parquet'] as const;

export function shardFormat(filePath: string): ShardFormat | undefined {
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return { kind: 'jsonl', compression: 'none' };
  if (lower.endsWith('.jsonl.gz') || lower.endsWith('.ndjson.gz')) return { kind: 'jsonl', compression: 'gzip' };
  if (lower.endsWith('.jsonl.zst') || lower.endsWith('.ndjson.zst') || lower.endsWith('.jsonl.zstd')) return { kind: 'jsonl', compression: 'zstd' };
  if (lower.endsWith('.parquet')) return { kind: 'parquet' };
  return undefined;
}

export interface OpenShard {
  records: AsyncGenerator<ShardRecord>;
  createWriter(): Promise<ShardWriter>;
}

export async function openShard(
  filePath: string,
  format: ShardFormat,
  fields: ShardFields,
  options: { forWriting: boolean; onBytes?: (count: number) => void },
): Promise<OpenShard> {
  if (format.kind === 'jsonl') {
    const { readJsonlRecords, JsonlShardWriter } = await import('./jsonl.js');
    return {
      records: readJsonlRecords(filePath, format.compression, fields, options.onBytes) as AsyncGenerator<ShardRecord>,
      createWriter: async () => new JsonlShardWriter(filePath, format.compression, fields) as ShardWriter,
    };
  }
  const { openParquetShard } = await import('./parquet.js');
  return openParquetShard(filePath, fields, options);
}
