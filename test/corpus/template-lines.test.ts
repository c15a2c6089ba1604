import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeTemplateLine, templateLineFingerprint } from '../../src/corpus/template-lines.js';
import { hashNorm, hashString, hashWordAt, normalizeWord, scanWords } from '../../src/core/text/tokens.js';
import { seedsDir } from './seed-corpus.js';

describe('templateLineFingerprint', () => {
  const tricky = [
    'Posted on Mon. March 3, 2024 by admin',
    '“Quoted” ‘single’ «guillemets» and it’s',
    'may sun wed. MAY. a_may may_ _may',
    'Thursday, Dec. 12 — dec.5 3.dec.5 12/03/2024, 1,000.5-3',
    '\u00a0 spaced \u3000 out \t ',
    'İstanbul, KELVİN \u212A, Ça va, 𐐀 deseret',
    '\ufeffbyte order mark',
    '   ',
    'x'.repeat(401),
  ];
  const seedLines = fs.readdirSync(seedsDir).flatMap((name) => fs.readFileSync(path.join(seedsDir, name), 'utf8').split('\n'));

  it('is the fingerprint of normalizeTemplateLine, line for line', () => {
    for (const line of [...tricky, ...seedLines]) {
      const form = normalizeTemplateLine(line);
      expect(templateLineFingerprint(line), JSON.stringify(line)).toEqual(form === undefined ? undefined : hashString(form));
    }
  });
});

describe('hashWordAt', () => {
  it('is hashNorm of normalizeWord, without making strings', () => {
    const text = seedLinesText();
    scanWords(text, (start, end) => expect(hashWordAt(text, start, end)).toBe(hashNorm(normalizeWord(text.slice(start, end)))));
    for (const word of ['it’s', 'U.S.', 'co‐op', 'non‑stop', 'İstanbul', 'ÉCOLE', 'naïve', 'Ǆemal']) expect(hashWordAt(word, 0, word.length), word).toBe(hashNorm(normalizeWord(word)));
  });
});

function seedLinesText(): string {
  return fs.readdirSync(seedsDir).map((name) => fs.readFileSync(path.join(seedsDir, name), 'utf8')).join('\n');
}
