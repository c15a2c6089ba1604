/**
 * Corpus shards: files holding many documents, one per record, as corpus
 * pipelines (datatrove, dolma) write them. Each record is linted as its own
 * document; its messages' lines and columns are within the record's text.
 */
import type { JsonlCompression, OpenShard, ShardFields, ShardRecord, ShardWriter } from './types.js';

export type { JsonlCompression, OpenShard, ShardFields, ShardRecord, ShardWriter } from './types.js';

export const DEFAULT_SHARD_FIELDS: ShardFields = { textField: 'text', idField: 'id' };

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
      createWriter: async (target) => new JsonlShardWriter(target ?? filePath, format.compression, fields) as ShardWriter,
    };
  }
  const { openParquetShard } = await import('./parquet.js');
  return openParquetShard(filePath, fields, options);
}
