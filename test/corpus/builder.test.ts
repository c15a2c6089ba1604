import { describe, expect, it } from 'vitest';
import { analyseWords } from '../../src/core/text/document-words.js';
import { splitLines } from '../../src/core/text/lines.js';
import { CorpusIndexBuilder } from '../../src/corpus/builder.js';
import { PASSAGE_VALUES, type BuiltCorpusIndex } from '../../src/corpus/built-index.js';
import { buildSeedIndex, seedId, seedNames, seedText } from './seed-corpus.js';

const thresholds = { jaccard: 0.8, containment: 0.8, minShingles: 50 };

describe('near-duplicate documents', () => {
  const index = buildSeedIndex();

  it('finds the truncated copy 003 inside 001 and keeps 001', () => {
    const match = index.nearDuplicateOf(seedId('003_24101499d16d6b1c.txt'), thresholds);
    expect(match).toMatchObject({ partner: seedId('001_8cf9da5644d1772f.txt'), keep: seedId('001_8cf9da5644d1772f.txt'), measure: 'containment' });
    expect(match!.similarity).toBeGreaterThan(0.85);
    expect(match!.cluster).toEqual([seedId('001_8cf9da5644d1772f.txt'), seedId('003_24101499d16d6b1c.txt')]);
  });

  it('reports neither the copy to keep, nor the other agency, nor the outlets that edited the wire story', () => {
    for (const name of seedNames.filter((n) => !n.startsWith('003'))) expect(index.nearDuplicateOf(seedId(name), thresholds)).toBeUndefined();
  });

  it('follows the thresholds: at containment 0.95 the truncated copy is no longer reported', () => {
    expect(index.nearDuplicateOf(seedId('003_24101499d16d6b1c.txt'), { ...thresholds, containment: 0.95 })).toBeUndefined();
  });

  it('finds an exact copy by Jaccard similarity and keeps the first indexed', () => {
    const builder = new CorpusIndexBuilder();
    const story = seedText('001');
    builder.add('a.txt', story);
    builder.add('b.txt', story);
    builder.add('c.txt', seedText('002'));
    const copies = builder.build();
    expect(copies.nearDuplicateOf('a.txt', thresholds)).toBeUndefined();
    expect(copies.nearDuplicateOf('b.txt', thresholds)).toMatchObject({ partner: 'a.txt', keep: 'a.txt', measure: 'jaccard', similarity: 1 });
    expect(copies.nearDuplicateOf('c.txt', thresholds)).toBeUndefined();
    expect(copies.nearDuplicateOf('unknown.txt', thresholds)).toBeUndefined();
  });
});

describe('template line counts', () => {
  it('counts a line once per document, folding case, numbers and dates', () => {
    const builder = new CorpusIndexBuilder();
    builder.add('a', 'Posted on March 3, 2024\nSource link\nSource link\n');
    builder.add('b', 'posted on June 12, 2025\nSource link\n');
    builder.add('c', 'Something else entirely\n');
    const index = builder.build();
    expect(index.documentCount).toBe(3);
    expect(index.lineDocumentCount('Source link')).toBe(2);
    expect(index.lineDocumentCount('Posted on January 1, 2020')).toBe(2);
    expect(index.lineDocumentCount('Never seen')).toBe(0);
    expect(index.lineDocumentCount('   ')).toBe(0);
  });

  it('forgets the rarest lines when the table is full but keeps the common ones', () => {
    const builder = new CorpusIndexBuilder({ maxLineEntries: 64 });
    for (let doc = 0; doc < 200; doc++) builder.add(`d${doc}`, `Leave a Comment\nunique line ${'x'.repeat(doc % 7)} ${String.fromCharCode(97 + (doc % 26))}${doc}\n`);
    const index = builder.build() as BuiltCorpusIndex;
    expect(index.data.lines.size).toBeLessThanOrEqual(64);
    expect(index.lineDocumentCount('Leave a Comment')).toBe(200);
  });
});

describe('passage variants', () => {
  const index = buildSeedIndex();

  it('finds the three slips of 000 against the other copies', () => {
    const text = seedText('000');
    const found = index.passageVariants(text, undefined).map((v) => [v.ownNorm.join(' '), v.majorityNorm.join(' '), v.majorityDocuments]);
    expect(found).toContainEqual(['on', 'of', 2]);
    expect(found).toContainEqual(['reporter', 'reporters', 2]);
    expect(found).toContainEqual(['', 'conflict', 2]);
  });

  it('answers the same from the words the shared analysis cut as from its own scan', () => {
    for (const name of seedNames) {
      const text = seedText(name.slice(0, 3));
      expect(index.passageVariants(text, undefined, 2, analyseWords(text, splitLines(text)))).toEqual(index.passageVariants(text, undefined));
    }
  });

  it('finds nothing in the other agency\'s story except where it quotes the same spokesman', () => {
    const found = index.passageVariants(seedText('002'), undefined);
    expect(found.every((v) => v.majorityNorm.join(' ') === 'and')).toBe(true);
  });

  it('samples passage n-grams by hash when over budget, keeping exact counts for those kept', () => {
    const sampled = buildSeedIndex({ maxPassageEntries: 600 }) as BuiltCorpusIndex;
    expect(sampled.data.passageThreshold).toBeLessThan(2 ** 32);
    expect(sampled.data.passages.size).toBeLessThanOrEqual(600);
    const full = index as BuiltCorpusIndex;
    const { keysHi, keysLo, values } = sampled.data.passages.toEntries();
    expect(keysHi.length).toBe(sampled.data.passages.size);
    for (let entry = 0; entry < keysHi.length; entry++) {
      const fullSlot = full.data.passages.find(keysHi[entry]!, keysLo[entry]!);
      expect(fullSlot).toBeGreaterThanOrEqual(0);
      expect(values[entry * PASSAGE_VALUES]).toBe(full.data.passages.cells[full.data.passages.valueIndex(fullSlot)]);
    }
  });
});
