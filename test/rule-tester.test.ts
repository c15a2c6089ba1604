/** The public RuleTester catches what a rule author can get wrong: each broken table below must fail, with this message. */
import { describe, expect, it } from 'vitest';
import { defineRule, type Rule } from '../src/core/rule.js';
import { RuleTester, type RuleTable } from '../src/rule-tester.js';

/** Reports every "TODO" and deletes it; `safety` and `fixable` as given. */
function todoRule(fixable: boolean, safety: 'safe' | 'unsafe'): Rule<{ word: string }> {
  return defineRule<{ word: string }>({
    meta: {
      id: 'no-todo',
      description: 'TODO markers',
      version: 1,
      fixable,
      fixSafety: safety,
      recommended: 'off',
      defaultOptions: { word: 'TODO' },
      optionsSchema: { type: 'object', properties: { word: { type: 'string', minLength: 1 } }, additionalProperties: false },
    },
    check(context) {
      const { word } = context.options;
      for (let at = context.text.indexOf(word); at !== -1; at = context.text.indexOf(word, at + word.length)) {
        context.report({ message: `Unexpected ${word}; finish it or remove it`, start: at, end: at + word.length, fix: { range: [at, at + word.length], text: '' } });
      }
    },
  });
}

/** Runs at once, outside vitest's tree, so a failure is a thrown error to check. */
const immediate = new RuleTester({ describe: (_name, body) => body(), it: (_name, body) => body() });

const message = (line: number, column: number, word = 'TODO') => ({ message: `Unexpected ${word}; finish it or remove it`, line, column });

describe('RuleTester', () => {
  it('passes a correct table', () => {
    expect(() =>
      immediate.run(todoRule(true, 'safe'), {
        valid: ['Done.', { text: 'TODO', options: { word: 'FIXME' } }],
        invalid: [{ text: 'a TODO', messages: [{ ...message(1, 3), fix: 'safe' }], output: 'a ' }],
      }),
    ).not.toThrow();
  });

  const broken: Array<[string, Rule<{ word: string }>, RuleTable<{ word: string }>, string | RegExp]> = [
    ['a valid text with a message', todoRule(true, 'safe'), { valid: ['TODO'], invalid: [] }, /Expected values to be strictly deep-equal/],
    ['a wrong column', todoRule(true, 'safe'), { valid: [], invalid: [{ text: 'a TODO', messages: [message(1, 2)], output: 'a ' }] }, /strictly deep-equal/],
    ['a wrong output', todoRule(true, 'safe'), { valid: [], invalid: [{ text: 'a TODO', messages: [message(1, 3)], output: 'a TODO' }] }, /strictly equal/],
    ['an unsafe fix expected safe', todoRule(true, 'unsafe'), { valid: [], invalid: [{ text: 'TODO', messages: [{ ...message(1, 1), fix: 'safe' }], output: null }] }, /strictly deep-equal/],
    ['a fix from a rule that says it has none', todoRule(false, 'safe'), { valid: [], invalid: [{ text: 'TODO', messages: [message(1, 1)], output: '' }] }, 'no-todo reported a fix but its meta.fixable is false: Unexpected TODO; finish it or remove it'],
    ['options against the schema', todoRule(true, 'safe'), { valid: [{ text: 'x', options: { word: '' } }], invalid: [] }, 'Invalid options for rule "no-todo" in the test case: word must NOT have fewer than 1 characters'],
  ];
  it.each(broken)('fails on %s', (_name, rule, table, error) => {
    expect(() => immediate.run(rule, table)).toThrow(error);
  });
});
