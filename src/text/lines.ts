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
