import { describe, expect, it } from 'vitest';
import { analyseWords, documentWords } from '../../src/core/text/document-words.js';
import { splitLines } from '../../src/core/text/lines.js';
import { hashWordAt } from '../../src/core/text/tokens.js';

describe('analyseWords', () => {
  it.each([
    ['', [], [0]],
    ['one two\n\nthree', [0, 0, 2], [0, 2, 2, 3]],
    ['\n\nlead-in', [2], [0, 0, 0, 1]],
    ['a\r\nb c\n', [0, 1, 1], [0, 1, 3]],
  ])('places the words of %j on their lines', (text, lineOf, lineFirstWord) => {
    const words = analyseWords(text, splitLines(text));
    expect([...words.lineOf]).toEqual(lineOf);
    expect([...words.lineFirstWord]).toEqual(lineFirstWord);
  });

  it('hashes each word as the index phase does', () => {
    const text = "Don't re-use the CAFÉ's U.S. data";
    const words = analyseWords(text, splitLines(text));
    const cut = [...words.starts].map((start, i) => text.slice(start, words.ends[i]));
    expect(cut).toEqual(["Don't", 're-use', 'the', "CAFÉ's", 'U.S', 'data']);
    expect([...words.hashes]).toEqual([...words.starts].map((start, i) => hashWordAt(text, start, words.ends[i]!)));
  });

  it('keeps one document’s words when the next is scanned', () => {
    const first = analyseWords('alpha beta', splitLines('alpha beta'));
    analyseWords('gamma', splitLines('gamma'));
    expect(first.count).toBe(2);
    expect(first.ends[1]).toBe(10);
  });
});

describe('documentWords', () => {
  it('scans a document once however many rules ask', () => {
    const memos = new Map<symbol | string, unknown>();
    let computed = 0;
    const context = {
      text: 'one two',
      lines: splitLines('one two'),
      memo<T>(key: symbol | string, compute: () => T): T {
        if (!memos.has(key)) {
          computed++;
          memos.set(key, compute());
        }
        return memos.get(key) as T;
      },
    };
    expect(documentWords(context)).toBe(documentWords(context));
    expect(computed).toBe(1);
  });
});
