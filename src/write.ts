/**
 * Writes fixed text atomically: a temporary file in the same folder, then a
 * rename, so a crash mid-run leaves each file either old or new, never half.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

const BOM = '\uFEFF';

export async function writeTextFile(filePath: string, text: string, bom: boolean): Promise<void> {
  await writeFileAtomic(filePath, bom ? BOM + text : text, { encoding: 'utf8', fsync: true });
}

/** A sibling of `filePath` (same folder, so the final rename is atomic), hidden and unique to this process. */
export function temporaryPathFor(filePath: string): string {
  return path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export interface AtomicWriteStream {
  stream: fs.WriteStream;
  /** After the stream has finished: flush to disk and replace the file. */
  commit(): Promise<void>;
  /** Drop what was written; the file stays as it was. */
  abort(): Promise<void>;
}

/** For outputs too large to hold at once (fixed shards): stream into a temporary file, then rename over the original. */
export function openAtomicWriteStream(filePath: string): AtomicWriteStream {
  const temporaryPath = temporaryPathFor(filePath);
  let mode: number | undefined;
  try {
    mode = fs.statSync(filePath).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const stream = fs.createWriteStream(temporaryPath, { mode });
  return {
    stream,
    commit: async () => {
      const handle = await fs.promises.open(temporaryPath, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temporaryPath, filePath);
    },
    abort: async () => {
      stream.destroy();
      await fs.promises.rm(temporaryPath, { force: true });
    },
  };
}
