/**
 * JSON Lines shards (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`) as datatrove and
 * dolma write them: one JSON object per line, the document's text in one
 * field. Read as a stream, one line at a time; a fixed shard is written
 * line by line, every record that did not change copied byte for byte and a
 * changed one edited in place (only its text value is replaced), so other
 * fields keep their exact form (key order, number precision, escapes).
 */
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import { describeWriteError, openAtomicWriteStream, type AtomicWriteStream } from '../write.js';
import { type JsonlCompression, recordUrl, type ShardFields, type ShardRecord, type ShardWriter } from './types.js';

const NEWLINE = 0x0a;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Raw bytes of one line (without its `\n`), kept so an unchanged record is written back exactly. */
interface JsonlPayload {
  bytes: Buffer;
  /** The line ended with `\n` (the last line of a file may not). */
  newline: boolean;
}

export async function* readJsonlRecords(
  filePath: string,
  compression: JsonlCompression,
  fields: ShardFields,
  onBytes?: (count: number) => void,
): AsyncGenerator<ShardRecord<JsonlPayload>> {
  const raw = fs.createReadStream(filePath, { highWaterMark: 1 << 20 });
  if (onBytes) raw.on('data', (chunk) => onBytes(chunk.length));
  const stream: Readable =
    compression === 'gzip' ? raw.pipe(zlib.createGunzip()) : compression === 'zstd' ? raw.pipe(createZstdDecompressor()) : raw;
  raw.on('error', (error) => stream.destroy(error));
  let lineNumber = 0;
  let number = 0;
  for await (const { bytes, newline } of splitLines(stream)) {
    lineNumber++;
    const payload: JsonlPayload = { bytes, newline };
    if (isBlank(bytes)) {
      // Not a record; a fixed shard keeps it where it was.
      yield { number: 0, id: '', payload, skip: true };
      continue;
    }
    number++;
    yield parseRecord(payload, lineNumber, fields);
  }
}

function parseRecord(payload: JsonlPayload, lineNumber: number, fields: ShardFields): ShardRecord<JsonlPayload> {
  const fallbackId = `line ${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(payload.bytes));
  } catch (error) {
    const why = error instanceof TypeError ? 'it is not valid UTF-8' : `it is not valid JSON: ${(error as Error).message}`;
    return { number: lineNumber, id: fallbackId, payload, error: `Line ${lineNumber} cannot be read (${why}); fix or remove the line` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { number: lineNumber, id: fallbackId, payload, error: `Line ${lineNumber} is not a JSON object; each line of a shard must be one record` };
  }
  const record = value as Record<string, unknown>;
  const idValue = record[fields.idField];
  const id = typeof idValue === 'string' || typeof idValue === 'number' ? String(idValue) : fallbackId;
  const text = record[fields.textField];
  // A null in a nullable text column is a document with no text: skipped (and counted), not an error.
  if (text === null) return { number: lineNumber, id, payload, skip: true, nullText: true };
  if (typeof text !== 'string') {
    const found = text === undefined ? 'no field' : `a ${text === null ? 'null' : typeof text} in field`;
    return {
      number: lineNumber,
      id,
      payload,
      error: `Record has ${found} "${fields.textField}" for its text; set --text-field to the field that holds the text`,
      missingTextField: text === undefined,
    };
  }
  const url = recordUrl(record);
  return url === undefined ? { number: lineNumber, id, text, payload } : { number: lineNumber, id, text, url, payload };
}

/** The record's line with its text field replaced; a byte-order mark before the first record stays where it was. */
function withTextReplaced(line: string, field: string, newText: string): string {
  const bom = line.startsWith('\uFEFF') ? '\uFEFF' : '';
  return bom + replaceTopLevelString(line.slice(bom.length), field, newText);
}

export class JsonlShardWriter implements ShardWriter<JsonlPayload> {
  private readonly out: AtomicWriteStream;
  private readonly sink: NodeJS.WritableStream;
  private readonly zstdChunks: Buffer[] | undefined;

  constructor(
    private readonly filePath: string,
    private readonly compression: JsonlCompression,
    private readonly fields: ShardFields,
  ) {
    this.out = openAtomicWriteStream(filePath);
    if (compression === 'gzip') {
      const gzip = zlib.createGzip();
      gzip.pipe(this.out.stream);
      this.sink = gzip;
    } else {
      this.sink = this.out.stream;
    }
    // The zstd encoder at hand compresses a whole buffer at once: the shard is gathered, then compressed in one frame.
    this.zstdChunks = compression === 'zstd' ? [] : undefined;
  }

  async write(record: ShardRecord<JsonlPayload>, newText: string | undefined): Promise<void> {
    const { bytes, newline } = record.payload;
    const line = newText === undefined ? bytes : Buffer.from(withTextReplaced(bytes.toString('utf8'), this.fields.textField, newText), 'utf8');
    await this.push(line);
    if (newline) await this.push(NEWLINE_BUFFER);
  }

  async drop(): Promise<void> {}

  async commit(): Promise<void> {
    if (this.zstdChunks) {
      const { compressZstd } = await import('./zstd.js');
      await this.pushRaw(Buffer.from(await compressZstd(Buffer.concat(this.zstdChunks))));
    }
    try {
      await new Promise<void>((resolve, reject) => {
        const failure = this.out.failure();
        if (failure) return reject(failure);
        this.out.stream.once('close', () => reject(this.out.failure() ?? new Error('the output closed early')));
        this.out.stream.once('finish', resolve);
        this.out.stream.once('error', reject);
        this.sink.end();
      });
    } catch (error) {
      await this.out.abort();
      throw describeWriteError(error);
    }
    await this.out.commit();
  }

  async abort(): Promise<void> {
    await this.out.abort();
  }

  private async push(chunk: Buffer): Promise<void> {
    if (this.zstdChunks) this.zstdChunks.push(chunk);
    else await this.pushRaw(chunk);
  }

  /** After a failed write (disk full) the rest goes nowhere; commit() reports the failure. */
  private async pushRaw(chunk: Buffer): Promise<void> {
    if (this.out.failure() || this.sink.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.sink.off('drain', done);
        this.out.stream.off('close', done);
        resolve();
      };
      this.sink.once('drain', done);
      this.out.stream.once('close', done);
    });
  }
}

const NEWLINE_BUFFER = Buffer.from('\n');

/**
 * Replaces the value of a top-level field of a JSON object (given as its
 * source text) by a JSON string, leaving every other byte as it was.
 */
export function replaceTopLevelString(json: string, field: string, value: string): string {
  const span = findTopLevelValue(json, field);
  if (!span) throw new Error(`no top-level field "${field}"`);
  return json.slice(0, span[0]) + JSON.stringify(value) + json.slice(span[1]);
}

/** Start and end offsets of a top-level field's value; undefined when the field is absent. The text must be valid JSON. */
function findTopLevelValue(json: string, field: string): [number, number] | undefined {
  let at = skipSpace(json, 0);
  if (json[at] !== '{') return undefined;
  at++;
  let found: [number, number] | undefined;
  while (at < json.length) {
    at = skipSpace(json, at);
    if (json[at] === '}') break;
    if (json[at] === ',') {
      at++;
      continue;
    }
    const keyEnd = skipString(json, at);
    const key = JSON.parse(json.slice(at, keyEnd)) as string;
    at = skipSpace(json, keyEnd);
    at = skipSpace(json, at + 1); // the colon
    const valueEnd = skipValue(json, at);
    // JSON.parse keeps the last of duplicate keys; so do we.
    if (key === field) found = [at, valueEnd];
    at = valueEnd;
  }
  return found;
}

function skipSpace(json: string, at: number): number {
  while (at < json.length) {
    const code = json.charCodeAt(at);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) break;
    at++;
  }
  return at;
}

function skipString(json: string, at: number): number {
  at++;
  while (at < json.length) {
    const char = json[at];
    if (char === '\\') at += 2;
    else if (char === '"') return at + 1;
    else at++;
  }
  return at;
}

function skipValue(json: string, at: number): number {
  const first = json[at];
  if (first === '"') return skipString(json, at);
  if (first !== '{' && first !== '[') {
    while (at < json.length && !',}] \t\r\n'.includes(json[at]!)) at++;
    return at;
  }
  let depth = 0;
  while (at < json.length) {
    const char = json[at];
    if (char === '"') {
      at = skipString(json, at);
      continue;
    }
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return at + 1;
    }
    at++;
  }
  return at;
}

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  return true;
}

/** Splits a byte stream on `\n`, yielding each line's bytes (copied, so a chunk is not kept alive by one line). */
async function* splitLines(stream: AsyncIterable<Buffer>): AsyncGenerator<{ bytes: Buffer; newline: boolean }> {
  let carry: Buffer[] = [];
  for await (const chunk of stream) {
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      const piece = chunk.subarray(start, newline);
      yield { bytes: carry.length ? Buffer.concat([...carry, piece]) : Buffer.from(piece), newline: true };
      carry = [];
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) carry.push(Buffer.from(chunk.subarray(start)));
  }
  if (carry.length) yield { bytes: Buffer.concat(carry), newline: false };
}

function createZstdDecompressor(): Transform {
  let decompressor: Decompress;
  return new Transform({
    construct(callback) {
      decompressor = new Decompress((data) => {
        this.push(Buffer.from(data));
      });
      callback();
    },
    transform(chunk: Buffer, _encoding, callback) {
      try {
        decompressor.push(chunk);
        callback();
      } catch (error) {
        callback(new Error(`not a valid zstd stream (${(error as Error).message})`));
      }
    },
    flush(callback) {
      try {
        decompressor.push(new Uint8Array(0), true);
        callback();
      } catch (error) {
        callback(new Error(`the zstd stream is cut short (${(error as Error).message})`));
      }
    },
  });
}
