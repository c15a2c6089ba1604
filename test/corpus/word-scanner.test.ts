import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashWordAt, scanWords, WordScanner } from '../../src/core/text/tokens.js';
import { seedsDir } from './seed-corpus.js';

/** What WordScanner must produce: scanWords' cuts, hashed by hashWordAt. */
function reference(text: string): number[][] {
  const words: number[][] = [];
  scanWords(text, (start, end) => words.push([start, end, hashWordAt(text, start, end)]));
  return words;
}

function scanned(scanner: WordScanner, text: string): number[][] {
  const count = scanner.scan(text);
  return Array.from({ length: count }, (_, i) => [scanner.starts[i]!, scanner.ends[i]!, scanner.hashes[i]!]);
}

describe('WordScanner', () => {
  const scanner = new WordScanner();

  it('cuts and hashes like scanWords and hashWordAt on the seeds and on joiners, quotes and non-ASCII words', () => {
    const seeds = fs.readdirSync(seedsDir).map((name) => fs.readFileSync(path.join(seedsDir, name), 'utf8'));
    const tricky = "it’s U.S. co‐op non‑stop -x- x- .5 a..b a'' 'a İstanbul ÉCOLE naïve Ǆemal 𐐀deseret 𐐀 a\ud800b \udc00 x-𐐀 end.";
    for (const text of [...seeds, tricky, '', ' ', 'a', "a'"]) expect(scanned(scanner, text)).toEqual(reference(text));
  });

  it('grows past its first arrays and reuses them for the next text', () => {
    const long = Array.from({ length: 10_000 }, (_, i) => `w${i}`).join(' ');
    expect(scanned(scanner, long)).toEqual(reference(long));
    expect(scanned(scanner, 'short text')).toEqual(reference('short text'));
  });

  it('agrees with the reference on arbitrary text', () => {
    const pieces = fc.constantFrom('a', 'Z', '9', ' ', '.', '-', "'", '\u2019', '\u02bc', '\u2010', '\u2011', 'é', 'İ', '\n', '𐐀', '\ud800', '—', ',');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(scanned(scanner, text)).toEqual(reference(text));
      }),
      { numRuns: 500 },
    );
  });
});
