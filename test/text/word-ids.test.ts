import { describe, expect, it } from 'vitest';
import { analyseWords } from '../../src/core/text/document-words.js';
import { splitLines } from '../../src/core/text/lines.js';
import { ASCII_ALNUM, ASCII_LETTERS, HAS_CAPITAL, idsOf, NO_ID, shapesOf, wordIds, wordOfId, wordShapes } from '../../src/core/text/word-ids.js';

function analysed(text: string) {
  const words = analyseWords(text, splitLines(text));
  const shapes = shapesOf(text, words);
  return { words, shapes, ids: idsOf(text, words, shapes) };
}

function contextOf(text: string) {
  const memos = new Map<symbol | string, unknown>();
  return {
    text,
    lines: splitLines(text),
    memo<T>(key: symbol | string, compute: () => T): T {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  };
}

describe('shapesOf', () => {
  it('tells words of ASCII letters from words with digits, joiners or other letters', () => {
    const { shapes } = analysed("The mp3 don't café U.S word");
    expect([...shapes]).toEqual([ASCII_ALNUM | ASCII_LETTERS | HAS_CAPITAL, ASCII_ALNUM, 0, 0, 0, ASCII_ALNUM | ASCII_LETTERS]);
  });
});

describe('idsOf', () => {
  it('gives one id to a word however it is capitalised, and none to other words', () => {
    const { ids } = analysed('Word word WORD other 42 café');
    const [word, same, shouted, other, number, accented] = [...ids.ids];
    expect(same).toBe(word);
    expect(shouted).toBe(word);
    expect(other).not.toBe(word);
    expect([number, accented]).toEqual([NO_ID, NO_ID]);
    expect(wordOfId(word!)).toBe('word');
    expect(wordOfId(other!)).toBe('other');
  });

  it('keeps a word’s id from one document to the next', () => {
    const first = analysed('alpha beta').ids;
    const second = analysed('Beta gamma alpha').ids;
    expect(second.generation).toBe(first.generation);
    expect(second.ids[0]).toBe(first.ids[1]);
    expect(second.ids[2]).toBe(first.ids[0]);
  });

  it('tells apart words whose fingerprints meet in the document table', () => {
    // Many distinct words in one document: every one keeps its own id.
    const words = Array.from({ length: 3000 }, (_, i) => `w${'abcdefghij'[i % 10]}${i.toString(36).replace(/\d/g, (d) => 'klmnopqrst'[Number(d)]!)}`);
    const { ids } = analysed(words.join(' '));
    expect([...ids.ids].map(wordOfId)).toEqual(words);
  });
});

describe('wordIds and wordShapes', () => {
  it('are computed once per document', () => {
    const context = contextOf('one two one');
    expect(wordIds(context)).toBe(wordIds(context));
    expect(wordShapes(context)).toBe(wordShapes(context));
    expect(wordIds(context).ids[2]).toBe(wordIds(context).ids[0]);
  });
});
