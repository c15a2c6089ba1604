/**
 * Every rule on pathological lines, under a time limit far above a linear
 * scan's cost and far below a quadratic one's: 200,000 spaces took 84 s in
 * no-trailing-spaces' old regular expression, and 10,000 letters 42 s in
 * no-misspelling. Content rules run with the size limits lifted (their own
 * code must be linear); the whole linter then runs with the default limits on
 * lines ten times longer, which content rules skip.
 */
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.js';
import { CorpusIndexBuilder } from '../../src/corpus/builder.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { Linter } from '../../src/core/lint.js';
import { seedText } from '../corpus/seed-corpus.js';

/**
 * Per 100,000 characters: a linear rule takes under 0.4 s for that on a
 * loaded machine (no-control-characters, reporting every third character,
 * is the slowest), a quadratic one minutes.
 */
const MS_PER_100K = 2000;
const limitFor = (text: string): number => (MS_PER_100K * text.length) / 100_000;
const NO_LIMITS = { maxLineLength: Number.MAX_SAFE_INTEGER, maxDocumentLength: Number.MAX_SAFE_INTEGER };

const shapes: Record<string, (length: number) => string> = {
  'one letter': (n) => 'a'.repeat(n),
  'one long word': (n) => 'abcdefghij'.repeat(n / 10),
  spaces: (n) => `x${' '.repeat(n)}x`,
  'trailing spaces': (n) => `x${' \t'.repeat(n / 2)}`,
  punctuation: (n) => '.,;!?-'.repeat(n / 6),
  'alternating scripts': (n) => 'aб文'.repeat(n / 3),
  'unknown words': (n) => 'Teh qwzx brwn '.repeat(n / 14),
  'dotted chunk': (n) => 'xqz.'.repeat(n / 4),
  hyphens: (n) => 'xqzt-'.repeat(n / 5),
  'control characters': (n) => 'a\u200b\u0007'.repeat(n / 3),
  'one-word lines': (n) => 'word\n'.repeat(n / 5),
};

/** The cross-document rules need an index: the seed story plus the pathological texts themselves. */
function corpusOf(texts: readonly string[]) {
  const builder = new CorpusIndexBuilder();
  builder.add('seed.txt', seedText('000'));
  texts.forEach((text, index) => builder.add(`doc-${index}.txt`, text));
  return builder.build();
}

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

describe('every rule on pathological lines', () => {
  const length = 200_000;
  const texts = Object.entries(shapes).map(([name, make]) => ({ name, text: make(length) }));
  const corpus = corpusOf(texts.map(({ text }) => text));
  for (const rule of builtinRules) {
    const linter = new Linter([{ rule, severity: 'warn', options: rule.meta.defaultOptions }], NO_LIMITS);
    linter.lint('warm up the rule: load its dictionary and phrase lists.\n', { corpus });
    it(`${rule.meta.id}, ${length.toLocaleString('en-US')} characters, no size limits`, () => {
      for (const { name, text } of texts) {
        expect({ name, slow: timed(() => linter.lint(text, { filePath: 'doc.txt', corpus })) > limitFor(text) }).toEqual({ name, slow: false });
      }
    });
  }

  it('all rules with the default limits, 1,000,000 characters', () => {
    const linter = new Linter(builtinRules.map((rule) => ({ rule, severity: 'warn' as const, options: rule.meta.defaultOptions })), DEFAULT_LIMITS);
    for (const [name, make] of Object.entries(shapes)) {
      const text = make(1_000_000);
      expect({ name, slow: timed(() => linter.lint(text, { corpus })) > limitFor(text) }).toEqual({ name, slow: false });
    }
  });
});
