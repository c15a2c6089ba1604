/** `context.memo`: what several rules compute from one document is computed once per document, per view of the text. */
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/core/lint.js';
import { defineRule } from '../../src/core/rule.js';

const SHARED = Symbol('line count');

function counting(id: string, computed: string[], layout = false) {
  return defineRule({
    meta: { id, description: id, version: 1, fixable: 'none', recommended: 'warn', defaultOptions: {}, optionsSchema: {}, ...(layout && { type: 'layout' as const }) },
    create: () => ({
      check(context) {
        const lines = context.memo(SHARED, () => {
          computed.push(`${id}: ${context.text.length}`);
          return context.lines.length;
        });
        context.report({ message: `${lines} lines`, start: 0, end: 0 });
      },
    }),
  });
}

describe('context.memo', () => {
  it('runs the computation once per document for every rule that asks', () => {
    const computed: string[] = [];
    const linter = new Linter([{ rule: counting('a', computed) }, { rule: counting('b', computed) }]);
    expect(linter.lint('one\ntwo\n').messages.map((message) => message.reason)).toEqual(['2 lines', '2 lines']);
    expect(linter.lint('three\n').messages.map((message) => message.reason)).toEqual(['1 lines', '1 lines']);
    expect(computed).toEqual(['a: 8', 'a: 6']);
  });

  it('keeps layout rules (the whole text) apart from content rules (the text past size limits blanked)', () => {
    const computed: string[] = [];
    const long = `${'x'.repeat(30)}\nshort\n`;
    const linter = new Linter([{ rule: counting('content', computed) }, { rule: counting('layout', computed, true) }], { maxLineLength: 10, maxDocumentLength: 1000 });
    linter.lint(long);
    expect(computed).toHaveLength(2);
  });
});
