/**
 * Shards that do not say so by their name: Dolma and the Common Pile ship
 * `*.json.gz` files, one JSON object a line. Such a file is a shard when its
 * first line parses as a JSON object with the text field.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import { shardFormat, type ShardFormat } from './shard.js';
import type { JsonlCompression, ShardFields } from './types.js';

/** The names that may hold JSON Lines, and how each is compressed. */
const MAYBE_JSONL: ReadonlyArray<[string, JsonlCompression]> = [
  ['.json', 'none'],
  ['.json.gz', 'gzip'],
  ['.json.zst', 'zstd'],
  ['.json.zstd', 'zstd'],
];

/** The first bytes read to sniff a `.json*` file: enough for a first record of a long document. */
const SNIFF_BYTES = 256 * 1024;

/** `shardFormat`, and for `.json`, `.json.gz`, `.json.zst`: JSON Lines if the first record says so. */
export function detectShardFormat(filePath: string, fields: ShardFields): ShardFormat | undefined {
  const byName = shardFormat(filePath);
  if (byName) return byName;
  const lower = filePath.toLowerCase();
  const candidate = MAYBE_JSONL.find(([extension]) => lower.endsWith(extension));
  if (!candidate) return undefined;
  const compression = candidate[1];
  try {
    const firstLine = firstLineOf(readStart(filePath), compression);
    const record = JSON.parse(firstLine) as unknown;
    const isRecord = typeof record === 'object' && record !== null && !Array.isArray(record) && fields.textField in record;
    return isRecord ? { kind: 'jsonl', compression } : undefined;
  } catch {
    // Not JSON Lines (a pretty-printed document, a damaged archive): linted as text, or reported unreadable there.
    return undefined;
  }
}

function readStart(filePath: string): Buffer {
  const file = fs.openSync(filePath, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    return buffer.subarray(0, fs.readSync(file, buffer, 0, SNIFF_BYTES, 0));
  } finally {
    fs.closeSync(file);
  }
}

/** The first line of the (possibly compressed, possibly cut) start of a file. */
function firstLineOf(start: Buffer, compression: JsonlCompression): string {
  let text: Uint8Array = start;
  // A cut stream: decompress what is there, without asking for its end.
  if (compression === 'gzip') text = zlib.gunzipSync(start, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  if (compression === 'zstd') {
    const chunks: Uint8Array[] = [];
    new Decompress((chunk) => chunks.push(chunk)).push(start);
    text = Buffer.concat(chunks);
  }
  const decoded = Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
  const newline = decoded.indexOf('\n');
  return newline === -1 ? decoded : decoded.slice(0, newline);
}
