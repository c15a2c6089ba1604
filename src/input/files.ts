/**
 * Turns the paths a user gives into the documents to lint, streaming: a
 * folder is walked lazily, so a corpus of millions of files is never listed
 * in memory at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { IGNORE_FILE_NAME, type ResolvedConfig } from '../config/config.js';
import { UsageError } from '../core/errors.js';
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
export interface DiscoveryOptions {
  /** Folders that could not be listed are recorded here and yielded in their place. */
  unlistable?: UnlistableFolders;
  /** Follow symbolic links met inside folders (default true); links named on the command line are always followed. */
  followLinks?: boolean;
}

export async function* discoverFiles(paths: readonly string[], cwd: string, filter: FileFilter, options: DiscoveryOptions = {}): AsyncGenerator<string> {
  const walk = new Walk(cwd, filter, options);
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
    for await (const file of walk.folder(absolute)) {
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

class Walk {
  /** Real paths of the folders entered, so a link back up the tree is not walked forever. */
  private readonly entered = new Set<string>();

  constructor(
    private readonly cwd: string,
    private readonly filter: FileFilter,
    private readonly options: DiscoveryOptions,
  ) {}

  async *folder(folder: string): AsyncGenerator<string> {
    const real = realPathOf(folder);
    if (this.entered.has(real)) return;
    this.entered.add(real);
    let listed: fs.Dirent[];
    try {
      listed = await fs.promises.readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (!this.options.unlistable) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
      this.options.unlistable.set(folder, `Cannot list the folder (${why}); check its permissions or exclude it`);
      yield folder;
      return;
    }
    const entries = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = path.join(folder, entry.name);
      const relative = path.relative(this.cwd, absolute);
      const kind = entry.isSymbolicLink() ? this.linkKind(absolute) : entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : undefined;
      if (kind === 'folder') {
        if (ALWAYS_SKIPPED_FOLDERS.has(entry.name) || this.filter.ignored(relative, true)) continue;
        yield* this.folder(absolute);
      } else if (kind === 'file' && !entry.isSymbolicLink() && isStaleTemporaryName(entry.name)) {
        // Left by a killed run's --fix (write.ts); the original beside it is whole.
        await fs.promises.rm(absolute, { force: true });
      } else if (kind === 'file' && this.filter.matches(relative) && !this.filter.ignored(relative, false)) {
        yield absolute;
      }
    }
  }

  /** What a link inside a folder leads to, when links are followed (a broken link leads nowhere). */
  private linkKind(absolute: string): 'folder' | 'file' | undefined {
    if (this.options.followLinks === false) return undefined;
    try {
      const stat = fs.statSync(absolute);
      return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  }
}

function realPathOf(filePath: string): string {
  try {
    return fs.realpathSync(filePath);
  } catch {
    return filePath;
  }
}

/**
 * Where `--fix` may write: a file whose real path (through any links) lies
 * inside one of the paths being linted. A link that leads outside them is
 * not written through; the reason says what to do instead.
 */
export function createWriteGuard(paths: readonly string[], cwd: string): (filePath: string) => string | undefined {
  const roots = paths.map((given) => {
    const absolute = path.resolve(cwd, given);
    const real = realPathOf(absolute);
    let folder = false;
    let link = false;
    try {
      folder = fs.statSync(absolute).isDirectory();
      link = fs.lstatSync(absolute).isSymbolicLink();
    } catch {
      folder = false;
    }
    // A file named on the command line is its own root, unless it is itself a link (its target is elsewhere).
    return { real, folder, link };
  });
  return (filePath) => {
    const target = realPathOf(filePath);
    const inside = roots.some((root) => (root.folder ? target.startsWith(root.real + path.sep) : !root.link && target === root.real));
    if (inside) return undefined;
    return `Not fixed: a symbolic link to ${target}, outside the paths being linted; lint and fix the target where it is, or copy it in`;
  };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
