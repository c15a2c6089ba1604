import { describe, expect, it } from 'vitest';
import { BuiltCorpusIndex } from '../../src/corpus/built-index.js';
import { deserializeCorpusIndex, serializeCorpusIndex } from '../../src/corpus/serialize.js';
import { buildSeedIndex, seedId, seedNames, seedText } from './seed-corpus.js';

describe('serializeCorpusIndex', () => {
  it('round-trips: the copy answers every query as the original does', () => {
    const index = buildSeedIndex();
    const bytes = serializeCorpusIndex(index);
    // A view at an odd offset, as a worker message may deliver it.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const copy = deserializeCorpusIndex(shifted.subarray(1));
    expect(copy.documentCount).toBe(index.documentCount);
    const thresholds = { jaccard: 0.8, containment: 0.8, minShingles: 50 };
    for (const name of seedNames) {
      expect(copy.nearDuplicateOf(seedId(name), thresholds)).toEqual(index.nearDuplicateOf(seedId(name), thresholds));
      const text = seedText(name.slice(0, 3));
      expect(copy.passageVariants(text, seedId(name))).toEqual(index.passageVariants(text, seedId(name)));
      for (const line of text.split('\n')) expect(copy.lineDocumentCount(line)).toBe(index.lineDocumentCount(line));
    }
    expect(Buffer.compare(serializeCorpusIndex(copy), bytes)).toBe(0);
  });

  it('reads back into shared memory, which a worker thread receives without a copy', () => {
    const index = deserializeCorpusIndex(serializeCorpusIndex(buildSeedIndex()));
    // What postMessage / workerData does to the shareable form.
    const received = structuredClone(index.shareable);
    for (const array of [received.lines.cells, received.passages.cells, received.shingleCounts, received.pairs.first]) {
      expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
    received.passages.cells[0] = (received.passages.cells[0]! + 1) >>> 0;
    expect(index.data.passages.cells[0]).toBe(received.passages.cells[0]);
    received.passages.cells[0] = (received.passages.cells[0]! - 1) >>> 0;
    const inWorker = BuiltCorpusIndex.fromShareable(received);
    const thresholds = { jaccard: 0.8, containment: 0.8, minShingles: 50 };
    for (const name of seedNames) {
      const text = seedText(name.slice(0, 3));
      expect(inWorker.nearDuplicateOf(seedId(name), thresholds)).toEqual(index.nearDuplicateOf(seedId(name), thresholds));
      expect(inWorker.passageVariants(text, seedId(name))).toEqual(index.passageVariants(text, seedId(name)));
    }
  });

  it('refuses bytes that are not an index', () => {
    expect(() => deserializeCorpusIndex(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow('Not a corpuslint corpus index');
  });
});
