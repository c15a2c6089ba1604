import rule from '../../rules/c4-lines.js';
import { NEWS } from '../fixtures/quality/news.js';
import { testRule } from '../rule-tester.js';

const remove = (line: number, message: string, endColumn?: number) => ({
  message: `${message} (C4); remove the line`, line, column: 1, fix: 'unsafe' as const, ...(endColumn ? { endLine: line, endColumn } : {}),
});

testRule(rule, {
  valid: [
    NEWS,
    { name: 'blank lines are not reported', text: `${NEWS}\n\n${NEWS}` },
    { name: 'a citation at the end is cut before the check', text: 'The bridge opened in 1932, the council said.[1]\nIt carries 20,000 cars a day.[citation needed]\n' },
    { name: 'a closing quotation mark ends the line', text: 'The mayor said the repairs "could not wait."\n' },
    { name: 'FineWeb keeps lines without terminal punctuation', text: 'Council closes the bridge for repairs\n', options: { filterNoTerminalPunct: false } },
    { name: 'a heading is kept with the checks off', text: 'Weather\n', options: { filterNoTerminalPunct: false, minWordsPerLine: null } },
  ],
  invalid: [
    {
      name: 'menus, headings, buttons, notices',
      text: 'Home | News | Sport\nCouncil closes the bridge for repairs\nThe council voted on Tuesday to close the bridge for six months of repairs.\nThis site uses cookies to improve your experience.\nPlease enable JavaScript to view the comments.\nShare\n',
      messages: [
        remove(1, 'Line does not end in terminal punctuation', 20),
        remove(2, 'Line does not end in terminal punctuation'),
        { ...remove(4, 'Line mentions "uses cookies"'), message: 'Line mentions "uses cookies" (C4 policy lines); remove the line' },
        remove(5, 'Line mentions "javascript"'),
        remove(6, 'Line does not end in terminal punctuation'),
      ],
      unsafe: true,
      output: 'The council voted on Tuesday to close the bridge for six months of repairs.\n',
    },
    {
      name: 'the fix is unsafe: --fix alone leaves the line',
      text: 'Read more\nThe council voted on Tuesday.\n',
      messages: [remove(1, 'Line does not end in terminal punctuation')],
      output: null,
    },
    {
      name: 'an ellipsis is not an end',
      text: 'The council voted on Tuesday to close the bridge...\n',
      messages: [remove(1, 'Line ends with an ellipsis, not terminal punctuation')],
      output: null,
    },
    {
      name: 'a citation after the full stop, then a space: the line no longer ends in punctuation',
      text: 'The bridge opened in 1932. [1] \n',
      options: { minWordsPerLine: null },
      messages: [remove(1, 'Line does not end in terminal punctuation')],
      output: null,
    },
    {
      name: 'too few words',
      text: 'Thanks!\nGood point.\n',
      messages: [remove(1, 'Line has 1 word, under 3'), remove(2, 'Line has 2 words, under 3')],
      output: null,
    },
    {
      name: 'a word over the limit',
      text: `data:image/png;base64,${'A'.repeat(40)} is the picture.\n`,
      options: { maxWordLength: 30 },
      messages: [remove(1, 'Line has a word of 62 characters, over 30')],
      output: null,
    },
    {
      name: 'a policy line, last line without a terminator',
      text: 'The council voted on Tuesday.\nRead our privacy policy and terms of use.',
      messages: [{ ...remove(2, ''), message: 'Line mentions "privacy policy" (C4 policy lines); remove the line' }],
      unsafe: true,
      output: 'The council voted on Tuesday.\n',
    },
  ],
});
