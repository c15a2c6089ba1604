import rule from '../../rules/no-control-characters.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    'Kim Jong Un\tPyongyang\n',
    { name: 'CRLF line ends', text: 'Headline\r\nBody\r\n' },
    { name: 'a byte order mark at the very start', text: '\uFEFFHeadline\n' },
    { name: 'ZWJ in an emoji sequence', text: 'Family: 👨\u200D👩\u200D👧\n' },
    { name: 'ZWNJ in Persian', text: 'می\u200Cخواهم\n' },
    { name: 'zero-width spaces between Thai words', text: 'ภาษาไทย\u200Bง่ายนิดเดียว\n' },
    { name: 'bidi marks inside right-to-left text', text: 'قال \u200Fالرئيس\u200E "OK"\n' },
    { name: 'soft hyphens are hyphenation hints', text: 'Donau\u00ADdampf\u00ADschiff\n' },
  ],
  invalid: [
    {
      text: 'Subscribe\u0007 now\n',
      messages: [{ message: 'Unexpected control character U+0007 (BELL); remove it', line: 1, column: 10, endLine: 1, endColumn: 11 }],
      output: 'Subscribe now\n',
    },
    {
      name: 'consecutive characters make one message',
      text: 'Read more\u0000\u0000\u0008\n',
      messages: [
        { message: 'Unexpected control characters U+0000 (NULL) and U+0008 (BACKSPACE); remove them', line: 1, column: 10, endColumn: 13 },
      ],
      output: 'Read more\n',
    },
    {
      name: 'zero-width space and word joiner',
      text: 'North\u200BKorea and Russia\u2060\n',
      messages: [
        { message: 'Unexpected invisible character U+200B (ZERO WIDTH SPACE); remove it', line: 1, column: 6 },
        { message: 'Unexpected invisible character U+2060 (WORD JOINER); remove it', line: 1, column: 23 },
      ],
      output: 'NorthKorea and Russia\n',
    },
    {
      name: 'a byte order mark left inside the text by concatenation',
      text: 'First story\n\uFEFFSecond story\n',
      messages: [{ message: 'Unexpected invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE); remove it', line: 2, column: 1 }],
      output: 'First story\nSecond story\n',
    },
    {
      name: 'bidi controls in a left-to-right line',
      text: '@kcna\u200E said \u202Etxet\u202C\n',
      messages: [
        { message: 'Unexpected invisible character U+200E (LEFT-TO-RIGHT MARK); remove it', line: 1, column: 6 },
        { message: 'Unexpected invisible character U+202E (RIGHT-TO-LEFT OVERRIDE); remove it', line: 1, column: 13 },
        { message: 'Unexpected invisible character U+202C (POP DIRECTIONAL FORMATTING); remove it', line: 1, column: 18 },
      ],
      output: '@kcna said txet\n',
    },
    {
      name: 'U+FFFD is lost text: the removal is unsafe',
      text: 'Caf\uFFFD in Seoul\n',
      messages: [
        {
          message: 'Unexpected replacement character U+FFFD (REPLACEMENT CHARACTER): text was lost in decoding; restore it from the source or remove it',
          line: 1,
          column: 4,
        },
      ],
      output: null,
    },
    {
      name: 'U+FFFD goes with unsafe fixes',
      text: 'Caf\uFFFD in Seoul\n',
      unsafe: true,
      messages: [
        {
          message: 'Unexpected replacement character U+FFFD (REPLACEMENT CHARACTER): text was lost in decoding; restore it from the source or remove it',
          line: 1,
          column: 4,
        },
      ],
      output: 'Caf in Seoul\n',
    },
    {
      name: 'a control between letters may have been a space: unsafe',
      text: 'warning\u0001shots\n',
      messages: [{ message: 'Unexpected control character U+0001 (START OF HEADING); remove it', line: 1, column: 8 }],
      output: null,
    },
    {
      name: 'form feed between words becomes a line break',
      text: 'End of page\u000CNext page\n',
      messages: [
        { message: 'Unexpected control character U+000C (FORM FEED) used as a line break; replace with a newline', line: 1, column: 12 },
      ],
      output: 'End of page\nNext page\n',
    },
    {
      name: 'lone CRs (old Mac line ends) become the file’s newline',
      text: 'One\rTwo\r\nThree\r\n',
      messages: [
        { message: 'Unexpected control character U+000D (CARRIAGE RETURN) used as a line break; replace with a newline', line: 1, column: 4 },
      ],
      output: 'One\r\nTwo\r\nThree\r\n',
    },
    {
      name: 'a CR doubled before CRLF goes',
      text: 'Three\r\r\nFour\r\n',
      messages: [{ message: 'Unexpected control character U+000D (CARRIAGE RETURN); remove it', line: 1, column: 6 }],
      output: 'Three\r\nFour\r\n',
    },
    {
      name: 'terminal colour codes go as a whole',
      text: '\u001B[1;31mBREAKING\u001B[0m: talks resume\n',
      messages: [
        { message: 'Unexpected terminal escape sequence starting with U+001B (ESCAPE); remove it', line: 1, column: 1, endColumn: 8 },
        { message: 'Unexpected terminal escape sequence starting with U+001B (ESCAPE); remove it', line: 1, column: 16 },
      ],
      output: 'BREAKING: talks resume\n',
    },
    {
      name: 'UTF-8 read as Latin-1 is decoded again',
      text: 'Kim\u00E2\u0080\u0099s visit\n',
      messages: [
        {
          message: 'Unexpected control characters U+0080 (PADDING CHARACTER) and U+0099 (SINGLE GRAPHIC CHARACTER INTRODUCER) in UTF-8 text read as Latin-1; replace with `’`',
          line: 1,
          column: 4,
          endColumn: 7,
        },
      ],
      output: 'Kim’s visit\n',
    },
    {
      name: 'a sequence that decodes to a control again is read as Windows-1252',
      text: 'Wait\u00C2\u0085\n',
      unsafe: true,
      messages: [
        { message: 'Unexpected control character U+0085 (NEXT LINE), probably Windows-1252 text read as Latin-1; replace with `…`', line: 1, column: 6 },
      ],
      output: 'Wait\u00C2…\n',
    },
    {
      name: 'Windows-1252 read as Latin-1: a likely repair, so unsafe',
      text: 'Putin\u0092s \u0093guarantee\u0094\n',
      unsafe: true,
      messages: [
        { message: 'Unexpected control character U+0092 (PRIVATE USE TWO), probably Windows-1252 text read as Latin-1; replace with `’`', line: 1, column: 6 },
        { message: 'Unexpected control character U+0093 (SET TRANSMIT STATE), probably Windows-1252 text read as Latin-1; replace with `“`', line: 1, column: 9 },
        { message: 'Unexpected control character U+0094 (CANCEL CHARACTER), probably Windows-1252 text read as Latin-1; replace with `”`', line: 1, column: 19 },
      ],
      output: 'Putin’s “guarantee”\n',
    },
  ],
});
