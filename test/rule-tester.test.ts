/** The public RuleTester catches what a rule author can get wrong: each broken table below must fail, with this message. */
import { describe, expect, it } from 'vitest';
import { defineRule, type Fixable, type FixSafety, type Rule } from '../src/core/rule.js';
import { RuleTester, type RuleTable } from '../src/rule-tester.js';

/** Reports every "TODO" and deletes it; `fixable` as given, and each fix as safe as `findingSafety` when set. */
function todoRule(fixable: Fixable, findingSafety?: FixSafety): Rule<{ word: string }> {
  return defineRule<{ word: string }>({
    meta: {
      id: 'no-todo',
      description: 'TODO markers',
      version: 1,
      fixable,
      recommended: 'off',
      defaultOptions: { word: 'TODO' },
      optionsSchema: { type: 'object', properties: { word: { type: 'string', minLength: 1 } }, additionalProperties: false },
    },
    create(options) {
      return {
        check(context) {
          const { word } = options;
          for (let at = context.text.indexOf(word); at !== -1; at = context.text.indexOf(word, at + word.length)) {
            const fix = { range: [at, at + word.length] as [number, number], text: '' };
            context.report({ message: `Unexpected ${word}; finish it or remove it`, start: at, end: at + word.length, fix, ...(findingSafety && { fixSafety: findingSafety }) });
          }
        },
      };
    },
  });
}

/** Runs at once, outside vitest's tree, so a failure is a thrown error to check. */
const immediate = new RuleTester({ describe: (_name, body) => body(), it: (_name, body) => body() });

const message = (line: number, column: number, word = 'TODO') => ({ message: `Unexpected ${word}; finish it or remove it`, line, column });

describe('RuleTester', () => {
  it('passes a correct table', () => {
    expect(() =>
      immediate.run(todoRule('safe'), {
        valid: ['Done.', { text: 'TODO', options: { word: 'FIXME' } }],
        invalid: [{ text: 'a TODO', messages: [{ ...message(1, 3), fix: 'safe' }], output: 'a ' }],
      }),
    ).not.toThrow();
  });

  const broken: Array<[string, Rule<{ word: string }>, RuleTable<{ word: string }>, string | RegExp]> = [
    ['a valid text with a message', todoRule('safe'), { valid: ['TODO'], invalid: [] }, /Expected values to be strictly deep-equal/],
    ['a wrong column', todoRule('safe'), { valid: [], invalid: [{ text: 'a TODO', messages: [message(1, 2)], output: 'a ' }] }, /strictly deep-equal/],
    ['a wrong output', todoRule('safe'), { valid: [], invalid: [{ text: 'a TODO', messages: [message(1, 3)], output: 'a TODO' }] }, /strictly equal/],
    ['an unsafe fix expected safe', todoRule('unsafe'), { valid: [], invalid: [{ text: 'TODO', messages: [{ ...message(1, 1), fix: 'safe' }], output: null }] }, /strictly deep-equal/],
    ['a fix from a rule that says it has none', todoRule('none'), { valid: [], invalid: [{ text: 'TODO', messages: [message(1, 1)], output: '' }] }, 'no-todo reported a fix but its meta.fixable is "none": Unexpected TODO; finish it or remove it'],
    ['a safe fix from a rule whose fixes are all unsafe', todoRule('unsafe', 'safe'), { valid: [], invalid: [{ text: 'TODO', messages: [message(1, 1)], output: '' }] }, 'no-todo reported a safe fix but its meta.fixable is "unsafe" (use "sometimes"): Unexpected TODO; finish it or remove it'],
    ['options against the schema', todoRule('safe'), { valid: [{ text: 'x', options: { word: '' } }], invalid: [] }, 'Invalid options for rule "no-todo" in the test case: word must NOT have fewer than 1 characters'],
  ];
  it.each(broken)('fails on %s', (_name, rule, table, error) => {
    expect(() => immediate.run(rule, table)).toThrow(error);
  });
});
