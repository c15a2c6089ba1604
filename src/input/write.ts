/**
 * Writes fixed text atomically: a temporary file in the same folder, then a
 * rename, so a crash mid-run leaves each file either old or new, never half.
 *
 * Temporary files are hidden and recognisable (`.name.corpuslint-tmp-<pid>-<hex>`):
 * removed on any error, and one left by a killed run is removed by the next
 * run that walks its folder (files.ts). A symbolic link is written through:
 * the link stays and its target gets the new content (the link policy in the
 * README says which targets may be written). A file with other hard links
 * gets the finished, synced temporary file copied into it in place, so every
 * name keeps seeing one file (a rename would leave the other names on the
 * old content).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const BOM = '\uFEFF';
const TEMPORARY_MARK = '.corpuslint-tmp-';

/** A temporary file of ours: `.name.corpuslint-tmp-<pid>-<hex>`. */
const TEMPORARY_NAME = /^\..+\.corpuslint-tmp-(\d+)-[0-9a-f]+$/;

/** A write the OS refused; `why` is the reason and what to do, for messages about other files than fixes (the cache). */
export class WriteError extends Error {
  override name = 'WriteError';
  constructor(readonly why: string) {
    super(`Cannot write the fix (${why}); the file is unchanged`);
  }
}

export async function writeTextFile(filePath: string, text: string, bom: boolean): Promise<void> {
  await writeFileAtomically(filePath, Buffer.from(bom ? BOM + text : text, 'utf8'));
}

/** Temp file, fsync, rename; the temp file is removed if any step fails, and the error says what to do. */
export async function writeFileAtomically(filePath: string, data: Uint8Array): Promise<void> {
  const target = writeTargetOf(filePath);
  const temporaryPath = temporaryPathFor(target);
  try {
    const handle = await fs.promises.open(temporaryPath, 'wx', modeOf(target));
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await replaceWith(temporaryPath, target);
  } catch (error) {
    await fs.promises.rm(temporaryPath, { force: true });
    throw describeWriteError(error);
  }
}

/** A sibling of `filePath` (same folder, so the final rename is atomic), hidden and unique to this process. */
export function temporaryPathFor(filePath: string): string {
  return path.join(path.dirname(filePath), `.${path.basename(filePath)}${TEMPORARY_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Whether `name` is a temporary file left by a corpuslint process that is no longer running. */
export function isStaleTemporaryName(name: string): boolean {
  const match = TEMPORARY_NAME.exec(name);
  if (!match) return false;
  const pid = Number(match[1]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Puts the finished temporary file in the target's place: a rename, or for a
 * file with other hard links a copy into the same inode (then synced), which
 * keeps the links at the cost of the rename's all-or-nothing (a crash during
 * the copy can leave that file half written; the temporary copy is whole).
 */
async function replaceWith(temporaryPath: string, target: string): Promise<void> {
  if (linkCount(target) <= 1) {
    await fs.promises.rename(temporaryPath, target);
    return;
  }
  await fs.promises.copyFile(temporaryPath, target);
  const handle = await fs.promises.open(target, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rm(temporaryPath, { force: true });
}

function linkCount(filePath: string): number {
  try {
    return fs.statSync(filePath).nlink;
  } catch {
    return 0;
  }
}

/** The OS error as a one-line reason with what to do. */
export function describeWriteError(error: unknown): WriteError {
  if (error instanceof WriteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'no space left on the device; free some space and run again'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'permission denied; make the file and its folder writable, or run without --fix'
        : code === 'EMFILE' || code === 'ENFILE'
          ? 'too many open files; raise the limit (ulimit -n) or lint fewer files at once'
          : `${code ?? (error as Error).message}`;
  return new WriteError(why);
}

/** The file a write to `filePath` replaces: the target of a symbolic link, so the link itself stays. */
export function writeTargetOf(filePath: string): string {
  try {
    return fs.realpathSync(filePath);
  } catch {
    return filePath;
  }
}

function modeOf(filePath: string): number | undefined {
  try {
    return fs.statSync(filePath).mode & 0o7777;
  } catch {
    return undefined;
  }
}

export interface AtomicWriteStream {
  stream: fs.WriteStream;
  /** The write that failed, if one did: the stream is then destroyed and writes to it go nowhere. */
  failure(): Error | undefined;
  /** After the stream has finished: flush to disk and replace the file. */
  commit(): Promise<void>;
  /** Drop what was written; the file stays as it was. */
  abort(): Promise<void>;
}

/** For outputs too large to hold at once (fixed shards): stream into a temporary file, then rename over the original. */
export function openAtomicWriteStream(filePath: string): AtomicWriteStream {
  const target = writeTargetOf(filePath);
  const temporaryPath = temporaryPathFor(target);
  const stream = fs.createWriteStream(temporaryPath, { mode: modeOf(target) });
  // The error is the commit's to report (or the abort's to ignore), never an unhandled 'error' event.
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure ??= error;
  });
  const remove = () => fs.promises.rm(temporaryPath, { force: true });
  return {
    stream,
    failure: () => failure,
    commit: async () => {
      try {
        if (failure) throw failure;
        const handle = await fs.promises.open(temporaryPath, 'r+');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await replaceWith(temporaryPath, target);
      } catch (error) {
        await remove();
        throw describeWriteError(error);
      }
    },
    abort: async () => {
      stream.destroy();
      await remove();
    },
  };
}
