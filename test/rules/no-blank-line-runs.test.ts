import rule from '../../rules/no-blank-line-runs.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    'North Korea fired warning shots.\n\nThe soldiers withdrew.\n',
    '',
    'One paragraph only\n',
    { name: 'blank lines at the end are no-trailing-blank-lines’ job', text: 'The end.\n\n\n\n' },
    { name: 'max allows longer runs', text: 'a\n\n\nb\n', options: { max: 2 } },
  ],
  invalid: [
    {
      text: 'Putin thanked Kim.\n\n\n\nTrump Call with Putin Expected Soon\n',
      messages: [{ message: '3 blank lines in a row; keep at most 1', line: 2, column: 1, endLine: 4, endColumn: 1 }],
      output: 'Putin thanked Kim.\n\nTrump Call with Putin Expected Soon\n',
    },
    {
      name: 'lines of white space count as blank',
      text: 'Caption\n  \n\t\nStory\n',
      messages: [{ message: '2 blank lines in a row; keep at most 1', line: 2, column: 1, endLine: 3, endColumn: 2 }],
      output: 'Caption\n  \nStory\n',
    },
    {
      name: 'keeps CRLF terminators',
      text: 'Headline\r\n\r\n\r\nBody\r\n',
      messages: [{ message: '2 blank lines in a row; keep at most 1', line: 2, column: 1 }],
      output: 'Headline\r\n\r\nBody\r\n',
    },
    {
      name: 'a run at the start of the file',
      text: '\n\nHeadline\n',
      messages: [{ message: '2 blank lines in a row; keep at most 1', line: 1, column: 1 }],
      output: '\nHeadline\n',
    },
    {
      name: 'each run is reported once',
      text: 'a\n\n\nb\n\nc\n\n\n\nd',
      messages: [
        { message: '2 blank lines in a row; keep at most 1', line: 2, column: 1 },
        { message: '3 blank lines in a row; keep at most 1', line: 7, column: 1 },
      ],
      output: 'a\n\nb\n\nc\n\nd',
    },
    {
      name: 'max 0 forbids blank lines',
      text: 'a\n\nb\n',
      options: { max: 0 },
      messages: [{ message: 'Unexpected blank line; remove it', line: 2, column: 1 }],
      output: 'a\nb\n',
    },
  ],
});
