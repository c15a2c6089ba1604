import rule from '../../rules/eol-last.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: ['The soldiers withdrew.\n', '', 'Windows\r\nline ends\r\n', '\n'],
  invalid: [
    {
      text: 'Trump Call with Putin Expected Soon\nEnd of story',
      messages: [{ message: 'Missing newline at the end of the file; add one', line: 2, column: 13, endLine: 2, endColumn: 13 }],
      output: 'Trump Call with Putin Expected Soon\nEnd of story\n',
    },
    {
      name: 'CRLF files get CRLF',
      text: 'Headline\r\nBody\r\nEnd',
      messages: [{ message: 'Missing newline at the end of the file; add one', line: 3, column: 4 }],
      output: 'Headline\r\nBody\r\nEnd\r\n',
    },
    {
      name: 'a file of one line',
      text: 'TT',
      messages: [{ message: 'Missing newline at the end of the file; add one', line: 1, column: 3 }],
      output: 'TT\n',
    },
  ],
});
