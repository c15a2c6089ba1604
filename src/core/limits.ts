/**
 * Size limits for content rules. Formatting rules (`meta.type: 'layout'`)
 * are single scans and run on text of any size; the content rules build
 * words, n-grams and trees, so their time and memory follow the longest line
 * and the document. Past a limit they skip that line (or the whole document)
 * and the document gets one info message saying so, so a 200 MB line of
 * minified code costs a scan, not minutes and gigabytes.
 */
import type { Line } from './text/lines.js';

export interface ContentLimits {
  /** Lines longer than this (UTF-16 code units) are blanked for content rules. */
  maxLineLength: number;
  /** Documents longer than this are not given to content rules at all. */
  maxDocumentLength: number;
}

/**
 * 100,000 characters is about 15,000 words on one line, far past any paragraph
 * (the longest line in the shared web-dev pages is 50,618 characters); 10,000,000 is
 * ten long books, past any single scraped document.
 */
export const DEFAULT_LIMITS: ContentLimits = { maxLineLength: 100_000, maxDocumentLength: 10_000_000 };

/** What content rules see of a document, and what was held back from them. */
export interface ContentView {
  /** The text with each over-long line replaced by as many spaces (offsets stay valid); '' for an over-long document. */
  text: string;
  lines: Line[];
  /** One line for the user when something was skipped. */
  notice?: { reason: string; line?: Line };
}

export function contentView(text: string, lines: Line[], limits: ContentLimits): ContentView {
  if (text.length > limits.maxDocumentLength) {
    return {
      text: '',
      lines: [],
      notice: {
        reason: `Content rules skipped this document: ${count(text.length)} characters, over limits.maxDocumentLength (${count(limits.maxDocumentLength)}); only formatting rules ran. Raise the limit in the config to lint it`,
      },
    };
  }
  const overlong = lines.filter((line) => line.end - line.start > limits.maxLineLength);
  if (overlong.length === 0) return { text, lines };
  let masked = '';
  let cursor = 0;
  const maskedLines = lines.slice();
  for (const line of overlong) {
    const blank = ' '.repeat(line.end - line.start);
    masked += text.slice(cursor, line.start) + blank;
    cursor = line.end;
    maskedLines[line.number - 1] = { ...line, text: blank };
  }
  masked += text.slice(cursor);
  const first = overlong[0]!;
  const which =
    overlong.length === 1
      ? `line ${first.number} (${count(first.end - first.start)} characters)`
      : `${count(overlong.length)} lines (the first is line ${first.number}, ${count(first.end - first.start)} characters)`;
  return {
    text: masked,
    lines: maskedLines,
    notice: {
      reason: `Content rules skipped ${which}, over limits.maxLineLength (${count(limits.maxLineLength)}); only formatting rules checked it. Raise the limit in the config to lint it`,
      line: first,
    },
  };
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
