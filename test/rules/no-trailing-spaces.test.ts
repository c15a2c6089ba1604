import rule from '../../rules/no-trailing-spaces.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: ['Putin thanked Kim Jong Un.\nRead the full story.\n', '', 'Tab\tinside is fine\n'],
  invalid: [
    {
      text: 'Leave a Comment   \nThe end.\n',
      messages: [{ message: 'Unexpected white space at the end of the line; remove it', line: 1, column: 16, endLine: 1, endColumn: 19 }],
      output: 'Leave a Comment\nThe end.\n',
    },
    {
      name: 'keeps CRLF terminators',
      text: 'Caption \r\nNext\r\n',
      messages: [{ message: 'Unexpected white space at the end of the line; remove it', line: 1, column: 8 }],
      output: 'Caption\r\nNext\r\n',
    },
    {
      name: 'skipBlankLines leaves indented blank lines alone',
      text: 'a \n  \nb\n',
      options: { skipBlankLines: true },
      messages: [{ message: 'Unexpected white space at the end of the line; remove it', line: 1, column: 2 }],
      output: 'a\n  \nb\n',
    },
  ],
});
