import rule from '../../rules/c4-document.js';
import { countSentences } from '../../rules/c4-filter.js';
import { describe, expect, it } from 'vitest';
import { NEWS } from '../fixtures/quality/news.js';
import { testRule } from '../rule-tester.js';

const ARTICLE = 'Council closes the bridge for repairs\nThe council voted on Tuesday to close the bridge. Work starts in March.\nThe bridge carries 20,000 cars a day. Drivers will use the ring road.\nThe mayor said the repairs could not wait. "It is not safe," she said.\n';

testRule(rule, {
  valid: [
    ARTICLE,
    { name: 'lorem ipsum in a line C4 removes first (no terminal punctuation) does not drop the page', text: `Lorem ipsum dolor sit amet\n${ARTICLE}` },
    { name: 'a curly bracket in a javascript line, removed before the bracket is seen', text: `Enable JavaScript { to read more }.\n${ARTICLE}` },
    { name: 'the sentence count off', text: 'Just one sentence.\n', options: { minNumSentences: null } },
  ],
  invalid: [
    {
      name: 'a navigation page',
      text: 'Home | News | Sport\nThe council voted on Tuesday to close the bridge for six months of repairs.\nShare\n',
      messages: [{ message: 'Sentence count 1 is under 5 (C4, in the lines it keeps); drop the document', line: 1, column: 1, fix: 'none' }],
      output: null,
    },
    {
      name: 'placeholder text',
      text: `${ARTICLE}Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n`,
      messages: [{ message: 'Line 5 has "lorem ipsum" (C4); drop the document', line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'code',
      text: 'Our theme uses the function init() { return true; } to start.\nThe council voted on Tuesday to close the bridge. Work starts in March.\n',
      messages: [{ message: 'Line 1 has a curly bracket "{" (C4); drop the document', line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'the first page-level reason found wins',
      text: `${ARTICLE}The template says {title}.\nLorem ipsum dolor sit amet, consectetur adipiscing elit.\n`,
      messages: [{ message: 'Line 5 has a curly bracket "{" (C4); drop the document', line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'an empty document has no sentences',
      text: '',
      messages: [{ message: 'Sentence count 0 is under 5 (C4, in the lines it keeps); drop the document', line: 1, column: 1 }],
      output: null,
    },
  ],
});

describe('countSentences, standing in for Punkt', () => {
  it.each([
    ['The council met. Work starts in March.', 2],
    ['Mr. Smith met Dr. Jones in the U.S. on Monday.', 1],
    ['J. R. R. Tolkien wrote it.', 1],
    ['He asked: "Why?" Nobody answered.', 2],
    ['Prices rose 3.5 per cent. Wages did not.', 2],
    ['It is over... or is it?', 1],
    ['Stop! Wait! Go.', 3],
    [NEWS.trim(), 3],
  ])('%s → %i', (line, expected) => {
    expect(countSentences(line, 0, line.length)).toBe(expected);
  });
});
