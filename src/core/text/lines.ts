/** A document's lines, computed once per text and shared by every rule. */
export interface Line {
  /** 1-based. */
  number: number;
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past the line's last character, before its terminator. */
  end: number;
  /** Offset just past the terminator (`end` on the last line without one). */
  next: number;
  text: string;
}

/**
 * Splits on `\n` and `\r\n`. A terminator ends a line rather than starting an
 * empty one, so `"a\n"` is one line and `""` is none.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) {
      lines.push({ number, start, end: text.length, next: text.length, text: text.slice(start) });
      return lines;
    }
    const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    lines.push({ number, start, end, next: newline + 1, text: text.slice(start, end) });
    start = newline + 1;
    number++;
  }
  return lines;
}

/** True for a line with nothing but white space. */
export function isBlank(line: Line): boolean {
  return line.text.trim() === '';
}

/** A 1-based line and column (UTF-16 code units), as vfile and ESLint count them. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/**
 * The one offset → line/column conversion, on the same lines rules see (so a
 * lone `\r` is not a line break here either). An offset past a line's end
 * (inside its terminator) stays on that line.
 */
export function pointAt(lines: readonly Line[], offset: number): Point {
  if (lines.length === 0) return { line: 1, column: 1, offset: 0 };
  const line = lines[lineIndexAt(lines, offset)]!;
  // The offset just past a final terminator is the start of a line that has no characters.
  if (offset >= line.next && line.next > line.end) return { line: line.number + 1, column: 1, offset };
  return { line: line.number, column: offset - line.start + 1, offset };
}

/** Index of the line holding `offset`: the last line starting at or before it (0 for an empty document). */
export function lineIndexAt(lines: readonly Line[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The document's own terminator style: CRLF when most of its line breaks are CRLF. */
export function prefersCrlf(text: string): boolean {
  let crlf = 0;
  let lf = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    if (index > 0 && text.charCodeAt(index - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf;
}
