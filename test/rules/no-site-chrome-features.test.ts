/**
 * The chrome model's features come from fast scans (shared span tables, typed
 * arrays, regular expressions behind pre-checks); the shipped model was
 * trained on what the plain definitions give. These tests hold the two equal:
 * word identity by lower case (including the characters whose lower case is
 * not one unit in place), stop-word share and vocabulary overlap, and the
 * list-marker pre-check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentFeatures, featureOf, isListItem } from '../../rules/no-site-chrome/line-features.js';
import { classOf, ALNUM, CJK_CHAR } from '../../rules/no-site-chrome/phrases.js';
import { DocumentVocabulary } from '../../rules/no-site-chrome/vocabulary.js';
import { isStopwordOf, LANGUAGE_SAMPLE_WORDS, LanguageTally, stopwordEntry } from '../../src/core/text/language.js';
import { splitLines } from '../../src/core/text/lines.js';

/** The words of a line as the features were first defined: runs of letters and digits, lower-cased as the whole line; CJK characters one a word. */
function referenceWords(text: string): string[] {
  const lower = text.toLowerCase();
  const sameLength = lower.length === text.length;
  const words: string[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start >= 0 && end - start <= 40) words.push(sameLength ? lower.slice(start, end) : text.slice(start, end).toLowerCase());
    start = -1;
  };
  for (let index = 0; index < text.length; index++) {
    const bits = classOf(text.charCodeAt(index));
    if (bits & CJK_CHAR) {
      close(index);
      words.push(text.charAt(index));
    } else if (bits & ALNUM) {
      if (start < 0) start = index;
    } else close(index);
  }
  close(text.length);
  return words;
}

/** stopwordShare and vocabularyOverlap of each content line, from Maps of strings. */
function referenceVocabularyFeatures(text: string) {
  const { lines } = documentFeatures(splitLines(text));
  const words = lines.map((item) => referenceWords(item.shape.trimmed));
  const tally = new LanguageTally();
  let sampled = 0;
  for (const line of words) {
    for (const word of line) tally.add(stopwordEntry(word));
    if ((sampled += line.length) >= LANGUAGE_SAMPLE_WORDS) break;
  }
  const best = tally.best();
  const isStopword = (word: string) => best >= 0 && isStopwordOf(stopwordEntry(word), best);
  const longLines = new Map<string, number>();
  lines.forEach((item, row) => {
    if (item.shape.words >= 12) for (const word of new Set(words[row])) longLines.set(word, (longLines.get(word) ?? 0) + 1);
  });
  return lines.map((item, row) => {
    const own = item.shape.words >= 12 ? 1 : 0;
    const content = words[row]!.filter((word) => !isStopword(word));
    const shared = content.filter((word) => (longLines.get(word) ?? 0) - own > 0).length;
    return {
      stopwordShare: Math.fround(words[row]!.length ? (words[row]!.length - content.length) / words[row]!.length : 0),
      vocabularyOverlap: Math.fround(content.length ? shared / content.length : 0),
    };
  });
}

function vocabularyFeatures(text: string) {
  const { lines, values } = documentFeatures(splitLines(text));
  return lines.map((_, row) => ({ stopwordShare: featureOf(values, row, 'stopwordShare'), vocabularyOverlap: featureOf(values, row, 'vocabularyOverlap') }));
}

const PIECES = [
  'the', 'The', 'THE', 'and', 'of', 'news', 'News', 'Straße', 'STRASSE', 'İstanbul', 'istanbul', 'ΟΔΟΣ', 'οδος', 'Σ', 'σ',
  '\u212Aey', 'key', 'KEY', '新闻', '的', 'ニュース', '😀', 'x'.repeat(41), 'don\u2019t', 'e\u0301te', 'ﬁle', 'file',
  ' ', ' ', ' ', '  ', ', ', '. ', '\t', ' | ', '\n', '\n\n',
];

describe('no-site-chrome features', () => {
  it('gives one id to words whose lower case is the same string', () => {
    const vocabulary = new DocumentVocabulary();
    const ids = ['News', 'news', 'NEWS', 'key', '\u212Aey'.toLowerCase(), 'straße', 'strasse'].map((word) => vocabulary.idOf(word, 0, word.length));
    expect(ids).toEqual([0, 0, 0, 1, 1, 2, 3]);
    expect(vocabulary.entries).toEqual(['news', 'key', 'straße', 'strasse'].map(stopwordEntry));
    // A new document starts again from 0.
    expect(new DocumentVocabulary().idOf('key', 0, 3)).toBe(0);
  });

  it('reads stop-word share and vocabulary overlap as Maps of lower-cased words give them', () => {
    const sentence = 'The officials of the ministry said that the talks about the news would follow this week and next';
    const text = `${sentence}.\nİSTANBUL NEWS ΟΔΟΣ\n${sentence.toUpperCase()} ΟΔΟΣ İstanbul\n新闻的新闻\n\u212Aey KEY key\n`;
    expect(vocabularyFeatures(text)).toEqual(referenceVocabularyFeatures(text));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }), (pieces) => {
        const document = `${sentence}.\n${pieces.join('')}\n${sentence} ${pieces.join('')}\n`;
        expect(vocabularyFeatures(document)).toEqual(referenceVocabularyFeatures(document));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a line met before the features it had when new', () => {
    const page = 'Home | News | Sport\n\nSubscribe to our newsletter\n\nThe minister said on Monday that the talks would go on for another week.\nShare this:\n';
    const first = documentFeatures(splitLines(page));
    // Another document with the same lines, in another order and with other neighbours, before the page is read again.
    documentFeatures(splitLines(`Share this:\nHome | News | Sport\n${page}\n\n\nSubscribe to our newsletter`));
    const again = documentFeatures(splitLines(page));
    expect(again.values).toEqual(first.values);
    expect(again.lines.map(({ blankBefore, blankAfter, phrase }) => [blankBefore, blankAfter, phrase?.kind])).toEqual(
      first.lines.map(({ blankBefore, blankAfter, phrase }) => [blankBefore, blankAfter, phrase?.kind]),
    );
  });

  it('checks list markers as the regular expression alone does', () => {
    const LIST_MARKER = /^\s*(?:[-*•·▪►▸»–—+]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s/u;
    const units = fc.constantFrom(...'-*•·▪►▸»–—+()1234567890abzAZ. \t\u00a0\u3000x.)');
    fc.assert(
      fc.property(fc.array(units, { maxLength: 10 }), (chars) => {
        const text = chars.join('');
        expect(isListItem(text)).toBe(LIST_MARKER.test(text.slice(0, 8)));
      }),
      { numRuns: 2000 },
    );
  });
});
