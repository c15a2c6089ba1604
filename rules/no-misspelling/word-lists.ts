/** The words a configuration accepts besides the dictionary's: `words` and the `wordsFile`. */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../src/core/errors.js';

const wordsFileCache = new Map<string, ReadonlySet<string>>();

/**
 * The words of a words file, read once per process. `base` is the folder
 * relative paths start from: the config file's (the CLI resolves the path
 * when it reads the config) or, for a bare `Linter`, the working folder.
 */
export function readWordsFile(file: string, base = process.cwd()): ReadonlySet<string> {
  const absolute = path.resolve(base, file);
  let words = wordsFileCache.get(absolute);
  if (!words) {
    let content: string;
    try {
      content = fs.readFileSync(absolute, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new UsageError(`no-misspelling cannot read its wordsFile ${absolute} (${code}); fix the path or create the file`);
    }
    words = new Set(
      content
        .split(/\r?\n/)
        .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
        .filter(Boolean),
    );
    wordsFileCache.set(absolute, words);
  }
  return words;
}

export function acceptedWords(options: { words: readonly string[]; wordsFile: string | null }): ReadonlySet<string> {
  return new Set([...options.words.map((word) => word.toLowerCase()), ...(options.wordsFile ? readWordsFile(options.wordsFile) : [])]);
}
