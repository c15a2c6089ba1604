import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-near-duplicate-docs.js';
import { buildSeedIndex, seedId, seedNames, seedText } from '../corpus/seed-corpus.js';
import { linterFor } from '../rule-tester.js';

/** The rule needs the document's id, which the table tester does not pass, so these tests call the linter directly. */
describe('no-near-duplicate-docs', () => {
  const corpus = buildSeedIndex();
  const lint = (name: string, options = {}) => linterFor(rule, options).lint(seedText(name.slice(0, 3)), { filePath: seedId(name), corpus });

  it('reports the truncated copy 003 on its first line, naming 001 and the similarity', () => {
    const [message, ...rest] = lint('003_24101499d16d6b1c.txt').messages;
    expect(rest).toEqual([]);
    expect(message?.reason).toBe(
      "Near-duplicate of seeds/001_8cf9da5644d1772f.txt: 91% of this file's 5-word shingles occur there; keep that file and remove this one",
    );
    expect([message?.line, message?.column]).toEqual([1, 1]);
    expect(message?.fix).toBeUndefined();
    expect(message?.related).toEqual([{ message: 'The copy to keep', filePath: seedId('001_8cf9da5644d1772f.txt'), line: 1, column: 1, endLine: undefined, endColumn: undefined }]);
    expect(message?.data).toMatchObject({ keep: seedId('001_8cf9da5644d1772f.txt'), cluster: [seedId('001_8cf9da5644d1772f.txt'), seedId('003_24101499d16d6b1c.txt')], measure: 'containment' });
  });

  it('leaves 000, 001, 002 and 004 alone', () => {
    for (const name of seedNames.filter((n) => !n.startsWith('003'))) expect(lint(name).messages).toEqual([]);
  });

  it('honours a stricter containment threshold', () => {
    expect(lint('003_24101499d16d6b1c.txt', { containment: 0.95 }).messages).toEqual([]);
  });

  it('is silent without a corpus or without a file path', () => {
    expect(linterFor(rule).lint(seedText('003')).messages).toEqual([]);
    expect(linterFor(rule).lint(seedText('003'), { corpus }).messages).toEqual([]);
  });
});
