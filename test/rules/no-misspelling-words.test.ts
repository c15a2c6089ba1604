import { describe, expect, it } from 'vitest';
import { isWholeWord, WordScan } from '../../rules/no-misspelling/words.js';
import { analyseWords } from '../../src/core/text/document-words.js';
import { splitLines } from '../../src/core/text/lines.js';

describe('no-misspelling word cuts', () => {
  it('reads a shared word as its own only where its scan would cut the same word', () => {
    const text = 'plain cafe\u0301 x\u0301abc abc-\u0301 \u0301-abc abc\u{1F600} “quoted” don’t e.g. end';
    const own = new Set<string>();
    const scan = new WordScan(text);
    while (scan.next()) own.add(`${scan.start}:${scan.end}`);
    const words = analyseWords(text, splitLines(text));
    for (let i = 0; i < words.count; i++) {
      const [start, end] = [words.starts[i]!, words.ends[i]!];
      if (!/^[A-Za-z0-9]+$/.test(text.slice(start, end))) continue;
      expect(isWholeWord(text, start, end), text.slice(start, end)).toBe(own.has(`${start}:${end}`));
    }
  });
});
