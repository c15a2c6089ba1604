/** The seed corpus (five copies of one story) indexed the way the CLI does, for the corpus tests. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CorpusIndexBuilder, type CorpusIndexBudget } from '../../src/corpus/builder.js';
import type { CorpusIndex } from '../../src/core/corpus-index.js';

export const seedsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'corpus', 'seeds');

export const seedNames = fs.readdirSync(seedsDir).filter((name) => name.endsWith('.txt')).sort();

export function seedId(name: string): string {
  return `seeds/${name}`;
}

export function seedText(prefix: string): string {
  const name = seedNames.find((candidate) => candidate.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return fs.readFileSync(path.join(seedsDir, name), 'utf8');
}

export function buildSeedIndex(budget: Partial<CorpusIndexBudget> = {}): CorpusIndex {
  const builder = new CorpusIndexBuilder(budget);
  for (const name of seedNames) builder.add(seedId(name), fs.readFileSync(path.join(seedsDir, name), 'utf8'));
  return builder.build();
}
