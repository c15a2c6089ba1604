/**
 * The shared word analysis of one document: every word as the index phase
 * cuts and hashes it (tokens.ts), with the line it sits on, in typed arrays.
 * Computed at most once per document and view of the text, on the first
 * rule's request (`documentWords(context)`), so a run whose rules read no
 * words scans none, and a run where five rules read them scans once.
 */
import type { Line } from './lines.js';
import { WordScanner } from './tokens.js';

export interface DocumentWords {
  readonly count: number;
  /** Fingerprint of each word's comparison form (tokens.ts `hashWordAt`). */
  readonly hashes: Uint32Array;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  /** Index into the document's lines of the line holding each word. */
  readonly lineOf: Uint32Array;
  /** Words of line `i` are `lineFirstWord[i] .. lineFirstWord[i + 1] - 1` (length lines + 1). */
  readonly lineFirstWord: Uint32Array;
}

/** What `documentWords` needs from a rule context. */
export interface WordSource {
  readonly text: string;
  readonly lines: readonly Line[];
  memo<T>(key: symbol | string, compute: () => T): T;
}

const WORDS = Symbol('document words');

/** One scanner per thread: its arrays are copied out at exact size, so they can be reused. */
const scanner = new WordScanner();

export function documentWords(context: WordSource): DocumentWords {
  return context.memo(WORDS, () => analyseWords(context.text, context.lines));
}

export function analyseWords(text: string, lines: readonly Line[]): DocumentWords {
  const count = scanner.scan(text);
  const hashes = scanner.hashes.slice(0, count);
  const starts = scanner.starts.slice(0, count);
  const ends = scanner.ends.slice(0, count);
  const lineOf = new Uint32Array(count);
  const lineFirstWord = new Uint32Array(lines.length + 1);
  let line = 0;
  for (let word = 0; word < count; word++) {
    const start = starts[word]!;
    // Words never span a line break (a newline is not a word character or joiner), so one forward walk places them.
    while (line + 1 < lines.length && lines[line + 1]!.start <= start) lineFirstWord[++line] = word;
    lineOf[word] = line;
  }
  while (line < lines.length) lineFirstWord[++line] = count;
  return { count, hashes, starts, ends, lineOf, lineFirstWord };
}
