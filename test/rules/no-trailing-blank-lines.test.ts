import rule from '../../rules/no-trailing-blank-lines.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: ['The soldiers withdrew.\n', 'No final newline', '', 'a\n\n\nb\n'],
  invalid: [
    {
      text: 'The soldiers withdrew.\n\n\n\n',
      messages: [{ message: '3 blank lines at the end of the file; remove them', line: 2, column: 1, endLine: 4, endColumn: 1 }],
      output: 'The soldiers withdrew.\n',
    },
    {
      name: 'one blank line',
      text: 'End.\n\n',
      messages: [{ message: 'Unexpected blank line at the end of the file; remove it', line: 2, column: 1 }],
      output: 'End.\n',
    },
    {
      name: 'lines of white space count as blank',
      text: 'End.\n  \n\t\n',
      messages: [{ message: '2 blank lines at the end of the file; remove them', line: 2, column: 1, endLine: 3, endColumn: 2 }],
      output: 'End.\n',
    },
    {
      name: 'keeps CRLF terminators',
      text: 'End.\r\n\r\n\r\n',
      messages: [{ message: '2 blank lines at the end of the file; remove them', line: 2, column: 1 }],
      output: 'End.\r\n',
    },
    {
      name: 'adds no final newline the text did not have',
      text: 'End.\n\n   ',
      messages: [{ message: '2 blank lines at the end of the file; remove them', line: 2, column: 1 }],
      output: 'End.',
    },
    {
      name: 'a file of blank lines becomes empty',
      text: '\n \n\n',
      messages: [{ message: '3 blank lines at the end of the file; remove them', line: 1, column: 1 }],
      output: '',
    },
  ],
});
