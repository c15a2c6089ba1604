/** datatrove's own filter tests, ported: the same documents get the same keep / drop decisions and reasons. */
import { describe, expect, it } from 'vitest';
import { builtinRulesById } from '../../rules/index.js';
import { DATATROVE_CASES } from '../fixtures/datatrove/filter-cases.js';
import { linterFor } from '../rule-tester.js';

describe("datatrove's test_filters.py cases", () => {
  it.each(DATATROVE_CASES.map((testCase) => [`${testCase.rule}: ${testCase.name}`, testCase] as const))('%s', (_name, testCase) => {
    const rule = builtinRulesById.get(testCase.rule)!;
    const messages = linterFor(rule, { ...rule.meta.defaultOptions, ...testCase.options }).lint(testCase.text).messages;
    const reasons = messages.map((message) => String(message.data?.reason));
    if (Array.isArray(testCase.expected)) expect(reasons).toEqual(testCase.expected);
    else expect(reasons).toEqual(testCase.expected === 'keep' ? [] : [testCase.expected]);
  });
});
