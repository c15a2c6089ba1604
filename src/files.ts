/**
 * Turns the paths a user gives into the documents to lint, streaming: a
 * folder is walked lazily, so a corpus of millions of files is never listed
 * in memory at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { IGNORE_FILE_NAME, type ResolvedConfig } from './config.js';
import { UsageError } from './errors.js';
import { isStaleTemporaryName } from './write.js';

/** Never worth linting, as in ESLint. */
const ALWAYS_SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface FileFilter {
  /** Whether a file found inside a folder is linted. */
  matches(relativePath: string): boolean;
  /** Whether a path (file or folder) is ignored by `.corpuslintignore` or the config's `ignores`. */
  ignored(relativePath: string, isFolder: boolean): boolean;
}

export function createFileFilter(config: ResolvedConfig, cwd: string): FileFilter {
  const ignoreFile = path.join(cwd, IGNORE_FILE_NAME);
  const ignorer: Ignore = ignore();
  if (fs.existsSync(ignoreFile)) ignorer.add(fs.readFileSync(ignoreFile, 'utf8'));
  ignorer.add(config.ignores);
  const included = picomatch(config.files, { dot: false });
  return {
    matches: (relativePath) => included(toPosix(relativePath)) || included(path.basename(relativePath)),
    ignored: (relativePath, isFolder) => {
      const posix = toPosix(relativePath);
      // `ignore` only accepts paths inside the base folder; outside it nothing applies.
      if (!posix || posix.startsWith('../') || path.isAbsolute(relativePath)) return false;
      return ignorer.ignores(isFolder ? `${posix}/` : posix);
    },
  };
}

/** Fails fast, before any linting, on a path that does not exist. */
export function checkPathsExist(paths: readonly string[], cwd: string): void {
  for (const given of paths) {
    if (!fs.existsSync(path.resolve(cwd, given))) {
      throw new UsageError(`No such file or folder: ${given}; check the path`);
    }
  }
}

/**
 * Yields absolute file paths: a file named on the command line whatever its
 * extension (unless ignored), and the matching files inside each folder, in
 * a stable (sorted) order.
 */
export async function* discoverFiles(paths: readonly string[], cwd: string, filter: FileFilter, unlistable?: UnlistableFolders): AsyncGenerator<string> {
  const seen = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const stat = await fs.promises.stat(absolute);
    if (!stat.isDirectory()) {
      if (!filter.ignored(path.relative(cwd, absolute), false) && !seen.has(absolute)) {
        seen.add(absolute);
        yield absolute;
      }
      continue;
    }
    for await (const file of walk(absolute, cwd, filter, unlistable)) {
      if (seen.has(file)) continue;
      seen.add(file);
      yield file;
    }
  }
}

/**
 * Folders that could not be listed, with the reason: the walk yields such a
 * folder in its place among the files, and the run reports it there (as a
 * fatal message for that folder) and goes on with the rest.
 */
export type UnlistableFolders = Map<string, string>;

async function* walk(folder: string, cwd: string, filter: FileFilter, unlistable: UnlistableFolders | undefined): AsyncGenerator<string> {
  let listed: fs.Dirent[];
  try {
    listed = await fs.promises.readdir(folder, { withFileTypes: true });
  } catch (error) {
    if (!unlistable) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
    unlistable.set(folder, `Cannot list the folder (${why}); check its permissions or exclude it`);
    yield folder;
    return;
  }
  const entries = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(folder, entry.name);
    const relative = path.relative(cwd, absolute);
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED_FOLDERS.has(entry.name) || filter.ignored(relative, true)) continue;
      yield* walk(absolute, cwd, filter, unlistable);
    } else if (entry.isFile() && isStaleTemporaryName(entry.name)) {
      // Left by a killed run's --fix (write.ts); the original beside it is whole.
      await fs.promises.rm(absolute, { force: true });
    } else if (entry.isFile() && filter.matches(relative) && !filter.ignored(relative, false)) {
      yield absolute;
    }
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
