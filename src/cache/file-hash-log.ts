/**
 * Every text file's content hash, in walk order, on disk (never in memory):
 * with `--cache` and a cross-document rule the corpus phase needs each file's
 * hash to tell whether its cached index still holds, and the lint phase needs
 * the same hashes for the lint cache.
 *
 * The log is kept beside the cache (`<cache>-files`) with each file's size and
 * modification time, as git's index keeps them: the next run re-reads only the
 * files whose size or time changed, and the lint phase reads the hashes back
 * in the same order, so an unchanged file is neither read nor hashed at all.
 * As in git, a file modified in the same instant the log was written (a "racy"
 * file) is hashed again rather than trusted, and so is one whose inode or
 * change time (ctime) differs: an edit that keeps the size and restores the
 * mtime (`touch -r`, some sync tools) cannot restore the ctime. Each record
 * carries a checksum; a damaged one is not trusted either (the file is
 * hashed again).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { contentHashOfFile } from './cache.js';
import { hashString } from '../core/text/tokens.js';
import { temporaryPathFor } from '../input/write.js';

/**
 * Per file: the path's fingerprint (8 bytes), size, mtime and ctime in ms and
 * the inode (doubles), the content's SHA-256, then 8 bytes of SHA-256 over
 * all that (the record's checksum).
 */
const RECORD_BYTES = 80;
const CHECKSUM_AT = 72;
const BUFFER_RECORDS = 4096;

interface LoggedFile {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  contentHash: Buffer;
}

/** Reads a log in walk order, matching each file against the next record (or the one after it). */
class LogReader {
  private readonly buffer = Buffer.allocUnsafe(RECORD_BYTES * BUFFER_RECORDS);
  private available = 0;
  private cursor = 0;
  private readPosition = 0;

  constructor(private readonly file: number) {}

  next(filePath: string): LoggedFile | undefined {
    const wanted = pathFingerprint(filePath);
    // One file added or removed between the walks costs one miss, not the rest of the run.
    for (let ahead = 0; ahead < 2; ahead++) {
      const record = this.record(ahead);
      if (!record) return undefined;
      if (record.readUInt32LE(0) === wanted.hi && record.readUInt32LE(4) === wanted.lo) {
        this.cursor += ahead + 1;
        if (!recordChecksum(record).equals(record.subarray(CHECKSUM_AT))) return undefined;
        return {
          size: record.readDoubleLE(8),
          mtimeMs: record.readDoubleLE(16),
          ctimeMs: record.readDoubleLE(24),
          ino: record.readDoubleLE(32),
          contentHash: Buffer.from(record.subarray(40, CHECKSUM_AT)),
        };
      }
    }
    return undefined;
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

export class FileHashLog {
  private readonly temporaryPath: string;
  private readonly file: number;
  private readonly writeBuffer = Buffer.allocUnsafe(RECORD_BYTES * BUFFER_RECORDS);
  private buffered = 0;
  private reader: LogReader | undefined;

  /** A new log, to be kept at `location` when the run succeeds. */
  constructor(private readonly location: string) {
    this.temporaryPath = temporaryPathFor(location);
    this.file = fs.openSync(this.temporaryPath, 'w+');
  }

  /**
   * Hashes every file of `files` into this log, taking the hash from the log
   * a previous run left at `location` where size and time say the file is
   * unchanged. Yields each file with its hash, for the caller's corpus key.
   */
  async *hashAll(files: AsyncIterable<string>): AsyncGenerator<{ filePath: string; contentHash: Buffer }> {
    const previous = openPrevious(this.location);
    try {
      for await (const filePath of files) {
        let stat: fs.Stats | undefined;
        try {
          stat = fs.statSync(filePath);
        } catch {
          stat = undefined;
        }
        const logged = previous?.reader.next(filePath);
        const unchanged =
          stat &&
          logged &&
          logged.size === stat.size &&
          logged.mtimeMs === stat.mtimeMs &&
          logged.ctimeMs === stat.ctimeMs &&
          logged.ino === stat.ino &&
          Math.max(stat.mtimeMs, stat.ctimeMs) < previous!.writtenAtMs;
        const contentHash = unchanged ? logged.contentHash : contentHashOfFile(filePath);
        this.append(filePath, stat, contentHash);
        yield { filePath, contentHash };
      }
    } finally {
      if (previous) fs.closeSync(previous.file);
    }
  }

  /** The content hash logged for this file, in the lint phase's walk order; undefined when the walks disagree here. */
  contentHashOf(filePath: string): Buffer | undefined {
    if (!this.reader) {
      this.flush();
      this.reader = new LogReader(this.file);
    }
    return this.reader.next(filePath)?.contentHash;
  }

  /** Keeps the log for the next run (`keep`), or drops it (a run that failed). */
  close(keep: boolean): void {
    this.flush();
    fs.closeSync(this.file);
    if (keep) fs.renameSync(this.temporaryPath, this.location);
    else fs.rmSync(this.temporaryPath, { force: true });
  }

  private append(filePath: string, stat: fs.Stats | undefined, contentHash: Buffer): void {
    if (this.buffered === BUFFER_RECORDS) this.flush();
    const at = this.buffered * RECORD_BYTES;
    const { hi, lo } = pathFingerprint(filePath);
    this.writeBuffer.writeUInt32LE(hi, at);
    this.writeBuffer.writeUInt32LE(lo, at + 4);
    this.writeBuffer.writeDoubleLE(stat?.size ?? -1, at + 8);
    this.writeBuffer.writeDoubleLE(stat?.mtimeMs ?? -1, at + 16);
    this.writeBuffer.writeDoubleLE(stat?.ctimeMs ?? -1, at + 24);
    this.writeBuffer.writeDoubleLE(stat?.ino ?? -1, at + 32);
    contentHash.copy(this.writeBuffer, at + 40);
    const record = this.writeBuffer.subarray(at, at + RECORD_BYTES);
    recordChecksum(record).copy(record, CHECKSUM_AT);
    this.buffered++;
  }

  private flush(): void {
    if (this.buffered === 0) return;
    fs.writeSync(this.file, this.writeBuffer, 0, this.buffered * RECORD_BYTES);
    this.buffered = 0;
  }
}

function openPrevious(location: string): { file: number; reader: LogReader; writtenAtMs: number } | undefined {
  try {
    const file = fs.openSync(location, 'r');
    // A file changed within the same second as the log was written may not show it in its time.
    return { file, reader: new LogReader(file), writtenAtMs: fs.fstatSync(file).mtimeMs - 1000 };
  } catch {
    return undefined;
  }
}

function recordChecksum(record: Buffer): Buffer {
  return crypto.createHash('sha256').update(record.subarray(0, CHECKSUM_AT)).digest().subarray(0, RECORD_BYTES - CHECKSUM_AT);
}

function pathFingerprint(filePath: string): { hi: number; lo: number } {
  const { hi, lo } = hashString(filePath);
  return { hi: hi >>> 0, lo: lo >>> 0 };
}
