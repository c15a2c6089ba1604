// The index phase's fast paths must give exactly what the plain definitions give: the serialized
// index (and the lint cache keyed on it) must not change with them.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedUint32List } from '../../src/corpus/chunked-list.js';
import { FingerprintTable } from '../../src/corpus/fingerprint-table.js';
import { TemplateLineMemo } from '../../src/corpus/template-line-memo.js';
import { templateLineFingerprint } from '../../src/corpus/template-lines.js';
import { FNV_PRIME } from '../../src/core/text/hash.js';
import { hashString, mix32, ngramHi, ngramLo, SEED_HI, SEED_LO } from '../../src/core/text/tokens.js';
import { seedsDir } from './seed-corpus.js';

/** The n-gram hashes as the loops define them (tokens.ts unrolls them for n = 4 and 5). */
function referenceHi(words: Uint32Array, from: number, n: number): number {
  let h = SEED_HI ^ n;
  for (let j = 0; j < n; j++) h = (Math.imul(h ^ words[from + j]!, FNV_PRIME) + j) | 0;
  return mix32(h);
}

function referenceLo(words: Uint32Array, from: number, n: number): number {
  let l = SEED_LO ^ n;
  for (let j = 0; j < n; j++) l = Math.imul((l + words[from + j]!) | 0, 0x5bd1e995) ^ (l >>> 15);
  return mix32(l);
}

describe('n-gram hashes', () => {
  it('unrolled for 4 and 5 words, equal the loop for every length', () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 6, maxLength: 12 }), (words) => {
        for (const n of [1, 2, 3, 4, 5, 6]) {
          expect(ngramHi(words, 1, n)).toBe(referenceHi(words, 1, n));
          expect(ngramLo(words, 1, n)).toBe(referenceLo(words, 1, n));
        }
      }),
    );
  });
});

describe('hashString', () => {
  it('of a range is the hash of the slice', () => {
    expect(hashString('xx hello world yy', 3, 14)).toEqual(hashString('hello world'));
    expect(hashString('abc', 1, 1)).toEqual(hashString(''));
  });
});

describe('TemplateLineMemo', () => {
  const seedLines = fs.readdirSync(seedsDir).flatMap((name) => fs.readFileSync(path.join(seedsDir, name), 'utf8').split('\n'));
  const tricky = ['', '   ', '\t Posted on March 3, 2024 by admin  ', 'Posted on March 3, 2024 by admin', '© 2023 Example Media', 'İSTANBUL news', 'x'.repeat(400), ` ${'x'.repeat(400)} `, 'x'.repeat(401), '\u00a0Share\u2028'];

  function memoised(memo: TemplateLineMemo, line: string): number[] | undefined {
    const out = new Uint32Array(2);
    return memo.fingerprint(` ${line}\n`, 1, line.length + 1, out, 0) ? [out[0]!, out[1]!] : undefined;
  }

  function direct(line: string): number[] | undefined {
    const fingerprint = templateLineFingerprint(line);
    return fingerprint && [fingerprint.hi, fingerprint.lo];
  }

  it('gives templateLineFingerprint of the line, the first time and when remembered', () => {
    const memo = new TemplateLineMemo();
    for (const pass of [1, 2]) for (const line of [...tricky, ...seedLines]) expect(memoised(memo, line), `pass ${pass}: ${line}`).toEqual(direct(line));
  });

  it('stays right after it fills and is emptied', () => {
    const memo = new TemplateLineMemo();
    for (let i = 0; i < 70_000; i++) memoised(memo, `line ${i} of the footer`);
    for (const line of [...tricky, 'line 3 of the footer', 'line 69999 of the footer']) expect(memoised(memo, line)).toEqual(direct(line));
  });
});

describe('FingerprintTable.toEntries', () => {
  it('lists the entries ordered by key as unsigned 64-bit numbers, with their values', () => {
    const table = new FingerprintTable(2);
    const keys = [
      [0xffffffff, 1],
      [0, 0xfffffff1],
      [0x80000000, 3],
      [0x7fffffff, 0x80000001],
      [0x80000000, 1],
      [5, 7],
    ];
    keys.forEach(([hi, lo], i) => {
      const at = table.valueIndex(table.insert(hi!, lo!));
      table.cells[at] = i;
      table.cells[at + 1] = i * 10;
    });
    const sorted = keys.map(([hi, lo], i) => ({ hi: hi!, lo: lo!, i })).sort((a, b) => a.hi - b.hi || a.lo - b.lo);
    const entries = table.toEntries();
    expect([...entries.keysHi]).toEqual(sorted.map((k) => k.hi));
    expect([...entries.keysLo]).toEqual(sorted.map((k) => k.lo));
    expect([...entries.values]).toEqual(sorted.flatMap((k) => [k.i, k.i * 10]));
  });
});

describe('ChunkedUint32List', () => {
  it('reads back what was appended, across chunk boundaries', () => {
    const list = new ChunkedUint32List(8);
    const all: number[] = [];
    for (let run = 0; run < 20; run++) {
      const values = Uint32Array.from({ length: run % 7 }, (_, i) => run * 100 + i);
      list.append(values);
      all.push(...values);
    }
    expect(list.length).toBe(all.length);
    expect(all.map((_, i) => list.get(i))).toEqual(all);
    expect(list.byteLength).toBe(Math.ceil(all.length / 8) * 8 * 4);
  });
});
