/**
 * The shapes every shard format shares, at the low end of the folder: the
 * readers (jsonl.ts, parquet.ts) and the dispatcher (shard.ts) all import
 * these, and shard.ts loads the readers lazily, so they live apart from it.
 */
export type JsonlCompression = 'none' | 'gzip' | 'zstd';

/** Where a record keeps its text and its id; the defaults are datatrove's and dolma's. */
export interface ShardFields {
  textField: string;
  idField: string;
}

export interface ShardRecord<Payload = unknown> {
  /** 1-based line (JSONL) or row (Parquet) number. */
  number: number;
  /** The record's id field, or `line N` / `row N` when it has none. */
  id: string;
  text?: string;
  /** The page's address, when the record has one (`url`, or Dolma's `metadata.url`): it names the document's site. */
  url?: string;
  /** Why the record cannot be linted (then `text` is undefined). */
  error?: string;
  /** The text field is absent (rather than of the wrong type). */
  missingTextField?: boolean;
  /** Not a record to lint (a blank line, a null text): only kept in place by a fixed shard. */
  skip?: boolean;
  /** Skipped because its text field is null (counted in the run's summary). */
  nullText?: boolean;
  /** What the writer needs to write the record back. */
  payload: Payload;
}

/** The address a record keeps: a top-level `url` (FineWeb, C4, RedPajama) or Dolma's `metadata.url`. */
export function recordUrl(record: Record<string, unknown>): string | undefined {
  if (typeof record.url === 'string') return record.url;
  const metadata = record.metadata;
  if (typeof metadata === 'object' && metadata !== null && typeof (metadata as { url?: unknown }).url === 'string') return (metadata as { url: string }).url;
  return undefined;
}

export interface ShardWriter<Payload = unknown> {
  /** Records are written in the order they were read; `newText` undefined keeps the record as it was. */
  write(record: ShardRecord<Payload>, newText: string | undefined): Promise<void>;
  /** Leaves a record out, in its turn (a Parquet shard's row groups keep their bounds). */
  drop(record: ShardRecord<Payload>): Promise<void>;
  /** Replaces the shard with what was written, atomically. */
  commit(): Promise<void>;
  /** Leaves the shard as it was. */
  abort(): Promise<void>;
}

export interface OpenShard {
  records: AsyncGenerator<ShardRecord>;
  /** A writer replacing this shard, or (`target`) writing a new shard of its format and schema there. */
  createWriter(target?: string): Promise<ShardWriter>;
}
