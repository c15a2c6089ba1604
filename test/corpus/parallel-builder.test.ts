import { describe, expect, it } from 'vitest';
import { CorpusIndexBuilder, type CorpusIndexBudget } from '../../src/corpus/builder.js';
import { ParallelIndexBuilder } from '../../src/corpus/parallel-builder.js';
import { serializeCorpusIndex } from '../../src/corpus/serialize.js';
import { seedNames, seedText } from './seed-corpus.js';

/** Copies of the seeds with a word changed here and there, so passages are shared, counted and varied. */
function corpus(copies: number): Array<[string, string]> {
  const documents: Array<[string, string]> = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const name of seedNames) {
      const words = seedText(name.slice(0, 3)).split(' ');
      const edited = words.map((word, i) => ((i * 7 + copy * 13) % 97 === 0 ? `variant${copy % 5}` : word)).join(' ');
      documents.push([`copy-${copy}/${name}`, edited]);
    }
  }
  return documents;
}

async function serializedOn(workers: number, documents: Array<[string, string]>, budget: Partial<CorpusIndexBudget> = {}): Promise<Buffer> {
  const builder = new CorpusIndexBuilder(budget);
  const parallel = new ParallelIndexBuilder(builder, workers, 0);
  for (const [id, text] of documents) await parallel.add(id, text);
  await parallel.finish();
  samplingTightened = builder.digestThreshold < 2 ** 32;
  return Buffer.from(serializeCorpusIndex(builder.build()));
}

let samplingTightened = false;

describe('ParallelIndexBuilder', () => {
  const documents = corpus(120);

  it('builds on two worker threads the index one thread builds, byte for byte', async () => {
    const single = await serializedOn(1, documents);
    expect(Buffer.compare(await serializedOn(2, documents), single)).toBe(0);
  });

  it('stays identical when passage sampling tightens while documents are out on the threads', async () => {
    const budget = { maxPassageEntries: 2000, maxSeenFilterBytes: 1 << 14 };
    const single = await serializedOn(1, documents, budget);
    expect(Buffer.compare(await serializedOn(2, documents, budget), single)).toBe(0);
    expect(samplingTightened).toBe(true);
  });
});
