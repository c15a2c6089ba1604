/**
 * The table every rule's test uses, after ESLint's RuleTester: `valid` texts
 * stay silent; `invalid` texts give exactly these messages and, after fixing,
 * exactly this output (`null` when nothing may change).
 */
import { describe, expect, it } from 'vitest';
import type { CorpusIndex } from '../src/corpus/corpus-index.js';
import { fixText } from '../src/fix.js';
import { Linter } from '../src/lint.js';
import type { Rule } from '../src/rule.js';

export interface ValidCase<Options> {
  name?: string;
  text: string;
  options?: Partial<Options>;
  corpus?: CorpusIndex;
}

export interface ExpectedMessage {
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface InvalidCase<Options> extends ValidCase<Options> {
  messages: ExpectedMessage[];
  /** Text after `--fix` (with `unsafe` fixes too when `unsafe` is set); `null`: unchanged. */
  output: string | null;
  unsafe?: boolean;
}

export interface RuleTable<Options> {
  valid: Array<string | ValidCase<Options>>;
  invalid: InvalidCase<Options>[];
}

export function linterFor<Options>(rule: Rule<Options>, options: Partial<Options> = {}): Linter {
  return new Linter([{ rule, severity: 'warn', options: { ...rule.meta.defaultOptions, ...options } }]);
}

export function testRule<Options>(rule: Rule<Options>, table: RuleTable<Options>): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const [index, entry] of table.valid.entries()) {
        const testCase = typeof entry === 'string' ? { text: entry } : entry;
        it(testCase.name ?? `valid #${index + 1}: ${preview(testCase.text)}`, () => {
          const file = linterFor(rule, testCase.options).lint(testCase.text, { corpus: testCase.corpus });
          expect(file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const [index, testCase] of table.invalid.entries()) {
        it(testCase.name ?? `invalid #${index + 1}: ${preview(testCase.text)}`, () => {
          const linter = linterFor(rule, testCase.options);
          const file = linter.lint(testCase.text, { corpus: testCase.corpus });
          const actual = file.messages.map((message) => {
            const shape: ExpectedMessage = { message: message.reason, line: message.line ?? 0, column: message.column ?? 0 };
            const expected = testCase.messages.find((m) => m.line === shape.line && m.column === shape.column);
            if (expected?.endLine !== undefined) shape.endLine = message.place && 'end' in message.place ? message.place.end.line : undefined;
            if (expected?.endColumn !== undefined) shape.endColumn = message.place && 'end' in message.place ? message.place.end.column : undefined;
            return shape;
          });
          expect(actual).toEqual(testCase.messages);
          for (const message of file.messages) expect(message.ruleId).toBe(rule.meta.id);
          const fixed = fixText(linter, testCase.text, { corpus: testCase.corpus, unsafe: testCase.unsafe });
          expect(fixed.output).toBe(testCase.output ?? testCase.text);
        });
      }
    });
  });
}

function preview(text: string): string {
  const flat = JSON.stringify(text);
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
