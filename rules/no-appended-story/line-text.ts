/** Line text as the boundary finder reads it: words as a reader counts them, blank lines, white space folded. */
import { characterKind, isSpaceCode, UNSPACED } from '../../src/core/text/characters.js';
import { FIRST_UNSPACED_CODE } from './topic-words.js';

/**
 * Whether the text has at least `minimum` words as a reader counts them: runs
 * of non-space characters (what splitting the trimmed text on `\s+` gives); in
 * Chinese and Japanese, two characters make about one word. Stops counting
 * once there are enough, as most lines are long.
 */
export function hasWords(text: string, minimum: number): boolean {
  let words = 0;
  let unspaced = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpaceCode(code)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      words++;
      inWord = true;
    }
    if (code >= FIRST_UNSPACED_CODE) {
      const point = text.codePointAt(i)!;
      if (characterKind(point) & UNSPACED) unspaced++;
      if (point > 0xffff) i++;
    }
    if (words + Math.floor(unspaced / 2) >= minimum) return true;
  }
  return false;
}

/** Runs of white space as one space, trimmed; most lines already are, and come back as they are. */
export function normalizeLine(text: string): string {
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const code = text.charCodeAt(i);
    if (!isSpaceCode(code)) continue;
    if (code !== 0x20 || i === 0 || i === last || isSpaceCode(text.charCodeAt(i + 1))) {
      return text.replace(/\s+/gu, ' ').trim();
    }
  }
  return text;
}

export function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

