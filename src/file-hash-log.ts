/**
 * With `--cache` and a cross-document rule, the corpus phase hashes every file
 * to tell whether its cached index still holds; the lint phase needs the same
 * hashes for the lint cache. The log keeps them on disk in walk order (40
 * bytes a file, never in memory), and the lint phase reads them back in the
 * same order, so a cached file is not read and hashed a second time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Per file: 8 bytes of the path's hash (to check the two walks agree), then the content's SHA-256. */
const RECORD_BYTES = 40;
const BUFFER_RECORDS = 4096;

export class FileHashLog {
  private readonly file: number;
  private readonly buffer = Buffer.allocUnsafe(RECORD_BYTES * BUFFER_RECORDS);
  private buffered = 0;
  /** Reading: the records in the buffer and the next one to match. */
  private available = 0;
  private cursor = 0;
  private readPosition = 0;

  private constructor(private readonly location: string) {
    this.file = fs.openSync(location, 'w+');
  }

  static create(): FileHashLog {
    return new FileHashLog(path.join(os.tmpdir(), `corpuslint-hashes-${process.pid}-${crypto.randomUUID()}`));
  }

  /** Writing, in the corpus phase's walk order. */
  append(filePath: string, contentHash: Buffer): void {
    if (this.buffered === BUFFER_RECORDS) this.flush();
    const at = this.buffered * RECORD_BYTES;
    pathHash(filePath).copy(this.buffer, at);
    contentHash.copy(this.buffer, at + 8);
    this.buffered++;
  }

  /**
   * Reading, in the lint phase's walk order: the content hash logged for this
   * file, or undefined when the walks disagree here (a file came or went in
   * between), and the caller reads the file itself.
   */
  contentHashOf(filePath: string): Buffer | undefined {
    if (this.buffered > 0) this.flush();
    const wanted = pathHash(filePath);
    // Look at this record and the next: one file added or removed between the walks costs one miss.
    for (let ahead = 0; ahead < 2; ahead++) {
      const record = this.record(ahead);
      if (!record) return undefined;
      if (record.subarray(0, 8).equals(wanted)) {
        this.cursor += ahead + 1;
        return Buffer.from(record.subarray(8));
      }
    }
    return undefined;
  }

  close(): void {
    fs.closeSync(this.file);
    fs.rmSync(this.location, { force: true });
  }

  private flush(): void {
    fs.writeSync(this.file, this.buffer, 0, this.buffered * RECORD_BYTES);
    this.buffered = 0;
  }

  private record(ahead: number): Buffer | undefined {
    if (this.cursor + ahead >= this.available) {
      // Refill from the first unmatched record.
      const start = this.readPosition - (this.available - this.cursor) * RECORD_BYTES;
      const read = fs.readSync(this.file, this.buffer, 0, this.buffer.length, start);
      this.readPosition = start + read;
      this.available = Math.floor(read / RECORD_BYTES);
      this.cursor = 0;
      if (ahead >= this.available) return undefined;
    }
    const at = (this.cursor + ahead) * RECORD_BYTES;
    return this.buffer.subarray(at, at + RECORD_BYTES);
  }
}

function pathHash(filePath: string): Buffer {
  return crypto.createHash('sha256').update(filePath).digest().subarray(0, 8);
}
