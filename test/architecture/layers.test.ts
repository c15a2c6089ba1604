/**
 * The layers docs/architecture.md describes, checked on the import graph:
 * the core (rule contract, lint, fix, messages, text positions) imports
 * nothing from `node:`, rules read no files, and no module needs one that
 * needs it back.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCircles, pathTo, reachable, readImportGraph, type ImportGraph } from './import-graph.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const graph = readImportGraph(root, ['src', 'rules']);

/** The core: what `Linter` runs on. Everything here must work on text alone (a browser, a worker, a test). */
const CORE_FILES = [...graph.imports.keys()].filter((file) => file.startsWith('src/core/')).sort();

/**
 * Rules that still read files themselves, each with why and what replaces it.
 * The test fails once an entry is no longer needed, so the list only shrinks.
 */
const RULES_READING_FILES: Record<string, string> = {
  // The `wordsFile` option is read when the config is resolved (the rule's resolveOptions hook, which
  // the config layer calls), and again by a bare Linter given a path; the dictionaries and the
  // frequency list come in as packages.
  'rules/no-misspelling/word-lists.ts': 'the wordsFile option',
};

function nodeImports(graph: ImportGraph, file: string, skip: ReadonlySet<string> = new Set()): string[] {
  const pruned: ImportGraph = { imports: new Map([...graph.imports].map(([from, to]) => [from, skip.has(from) && from !== file ? [] : to])) };
  return [...reachable(pruned, file)].filter((target) => target.startsWith('node:')).sort();
}

describe('layers', () => {
  it('finds the core', () => {
    expect(CORE_FILES).toContain('src/core/lint.ts');
  });

  describe('the core imports nothing from node:, directly or through what it imports', () => {
    for (const file of CORE_FILES) {
      it(file, () => {
        const found = nodeImports(graph, file);
        expect(found.map((target) => pathTo(graph, file, target)!.join(' → '))).toEqual([]);
      });
    }
  });

  describe('rules/ imports no node:fs', () => {
    const ruleFiles = [...graph.imports.keys()].filter((file) => file.startsWith('rules/')).sort();
    const allowed = new Set(Object.keys(RULES_READING_FILES));
    for (const file of ruleFiles) {
      it(file, () => {
        const readsFiles = nodeImports(graph, file, allowed).includes('node:fs');
        expect(readsFiles).toBe(allowed.has(file));
      });
    }
  });

  describe('rules/ import only the core of src/ (and each other\'s data), as docs/architecture.md says', () => {
    const ruleFiles = [...graph.imports.keys()].filter((file) => file.startsWith('rules/')).sort();
    for (const file of ruleFiles) {
      it(file, () => {
        const outside = graph.imports.get(file)!.filter((target) => target.startsWith('src/') && !target.startsWith('src/core/'));
        expect(outside).toEqual([]);
      });
    }
  });

  it('has no import circle, type-only imports included', () => {
    expect(importCircles(graph)).toEqual([]);
  });
});

describe('the import graph reader', () => {
  const sample: ImportGraph = {
    imports: new Map([
      ['a.ts', ['b.ts', 'node:path']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'node:fs']],
      ['d.ts', ['a.ts']],
    ]),
  };

  it.each([
    ['a.ts', ['node:fs', 'node:path']],
    ['b.ts', ['node:fs', 'node:path']],
    ['d.ts', ['node:fs', 'node:path']],
  ])('finds what %s reaches', (file, expected) => {
    expect(nodeImports(sample, file)).toEqual(expected);
  });

  it('names the path to a forbidden import', () => {
    expect(pathTo(sample, 'd.ts', 'node:fs')).toEqual(['d.ts', 'a.ts', 'b.ts', 'c.ts', 'node:fs']);
  });

  it('finds each circle once', () => {
    expect(importCircles(sample)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('reads type-only, re-export and dynamic imports, and skips commented ones', () => {
    const files = readImportGraph(root, ['src/input/shards']).imports;
    expect(files.get('src/input/shards/shard.ts')).toEqual(['src/input/shards/types.ts', 'src/input/shards/types.ts', 'src/input/shards/jsonl.ts', 'src/input/shards/parquet.ts']);
  });
});
