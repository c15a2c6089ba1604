// The index builds only the parts the run's rules read: each part answers as it does in the whole
// index, the parts not built answer as a corpus without such text, and the index cache tells them apart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_PARTS, type CorpusIndex, type CorpusPart } from '../../src/core/corpus-index.js';
import { corpusPartsRead } from '../../src/core/rule.js';
import { CorpusIndexBuilder } from '../../src/corpus/builder.js';
import { ParallelIndexBuilder } from '../../src/corpus/parallel-builder.js';
import { prepareCorpus } from '../../src/corpus/phase.js';
import { serializeCorpusIndex } from '../../src/corpus/serialize.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { DEFAULT_SHARD_FIELDS } from '../../src/input/shards/shard.js';
import { seedId, seedNames, seedText, seedsDir } from './seed-corpus.js';

const thresholds = { jaccard: 0.8, containment: 0.8, minShingles: 50 };
const template = 'Posted on March 3, 2024 by admin';

/** The seeds, each with a template line, in a folder named like a host so site lines are counted too. */
const documents = seedNames.map((name): [string, string] => [`crawl/www.example.com/${name}`, `${template}\n${seedText(name.slice(0, 3))}`]);

function indexOf(parts: readonly CorpusPart[]): CorpusIndex {
  const builder = new CorpusIndexBuilder({}, parts);
  for (const [id, text] of documents) builder.add(id, text);
  return builder.build();
}

/** Every answer of the index's queries on the corpus, by part. */
function answers(index: CorpusIndex): Record<CorpusPart, unknown> {
  return {
    templateLines: [index.lineDocumentCount(template), index.siteLineDocumentCount?.('example.com', template), index.siteDocumentCount?.('example.com')],
    nearDuplicates: documents.map(([id]) => index.nearDuplicateOf(id, thresholds)),
    passages: documents.map(([id, text]) => index.passageVariants(text, id)),
  };
}

describe('corpusPartsRead', () => {
  it('is empty when no rule reads the corpus, every part for `true`, else the union in CORPUS_PARTS order', () => {
    expect(corpusPartsRead([{}, { usesCorpus: false }])).toEqual([]);
    expect(corpusPartsRead([{ usesCorpus: true }])).toEqual(CORPUS_PARTS);
    expect(corpusPartsRead([{ usesCorpus: ['passages'] }, { usesCorpus: ['templateLines', 'passages'] }])).toEqual(['templateLines', 'passages']);
  });
});

describe('an index of some parts', () => {
  const whole = answers(indexOf(CORPUS_PARTS));
  const empty = answers(indexOf([]));

  it('answers as the whole index for the parts it holds and as an empty corpus for the others', () => {
    expect(whole.templateLines).toEqual([seedNames.length, seedNames.length, seedNames.length]);
    expect(whole.nearDuplicates).toContainEqual(expect.objectContaining({ measure: 'containment' }));
    expect((whole.passages as unknown[][]).flat().length).toBeGreaterThan(0);
    expect(empty).toEqual({ templateLines: [0, 0, 0], nearDuplicates: documents.map(() => undefined), passages: documents.map(() => []) });
    for (const part of CORPUS_PARTS) {
      const one = answers(indexOf([part]));
      for (const other of CORPUS_PARTS) expect(one[other]).toEqual(other === part ? whole[other] : empty[other]);
    }
  });

  it('is built on worker threads as on one, byte for byte', async () => {
    for (const parts of [['templateLines'], ['nearDuplicates', 'passages']] as CorpusPart[][]) {
      const serialized = async (workers: number) => {
        const builder = new CorpusIndexBuilder({}, parts);
        const parallel = new ParallelIndexBuilder(builder, workers, 0);
        for (const [id, text] of documents) await parallel.add(id, text);
        await parallel.finish();
        return Buffer.from(serializeCorpusIndex(builder.build()));
      };
      expect(Buffer.compare(await serialized(2), await serialized(1))).toBe(0);
    }
  });
});

describe('the index cache', () => {
  it('does not serve an index of other parts', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-parts-'));
    const files = async function* () {
      for (const name of seedNames) yield path.join(seedsDir, name);
    };
    const options = { cwd, fields: DEFAULT_SHARD_FIELDS, indexCacheLocation: path.join(cwd, 'index'), workers: 1, limits: DEFAULT_LIMITS };
    const lines = await prepareCorpus(files, { ...options, parts: ['templateLines'] });
    const passages = await prepareCorpus(files, { ...options, parts: ['passages'] });
    expect(passages.hash).not.toBe(lines.hash);
    expect(passages.index.passageVariants(seedText('000'), seedId('000'))).not.toEqual([]);
    expect((await prepareCorpus(files, { ...options, parts: ['passages'] })).hash).toBe(passages.hash);
    fs.rmSync(cwd, { recursive: true, force: true });
  });
});
