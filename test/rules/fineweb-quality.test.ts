import rule from '../../rules/fineweb-quality.js';
import { NEWS } from '../fixtures/quality/news.js';
import { testRule } from '../rule-tester.js';

const drop = (message: string) => [{ message: `${message} (FineWeb quality); drop the document`, line: 1, column: 1, fix: 'none' as const }];
const TWO_LINES = 'The council voted on Tuesday to close the bridge for six months of repairs.\nWork will start in March and the ring road will take the traffic, the mayor said.\n';

testRule(rule, {
  valid: [
    NEWS,
    TWO_LINES,
    { name: 'CRLF ends a line as LF does', text: TWO_LINES.replaceAll('\n', '\r\n') },
    { name: 'a page with no punctuated line, with linePunctExcludeZero', text: 'The council voted on Tuesday to close the bridge for six months of repairs\n', options: { linePunctExcludeZero: true } },
    { name: 'blank lines repeat without counting', text: `${TWO_LINES}\n\n${NEWS}` },
  ],
  invalid: [
    {
      name: 'no line ends in punctuation',
      text: 'The council voted on Tuesday to close the bridge for six months of repairs\nWork will start in March, the mayor said\n',
      messages: drop('Share of lines ending in punctuation 0 is at most 0.12'),
      output: null,
    },
    {
      name: 'short lines',
      text: 'Weather\nSunny, 24 degrees.\nWind: light.\nUV: high.\nPollen: low.\n',
      messages: drop('Share of short lines (30 characters or fewer) 1 is at least 0.67'),
      output: null,
    },
    {
      name: 'the empty line after the last newline counts, as in datatrove',
      text: 'The council voted on Tuesday to close the bridge for six months of repairs.\nIt did.\n',
      messages: drop('Share of short lines (30 characters or fewer) 0.667 is at least 0.5'),
      options: { shortLineThr: 0.5 },
      output: null,
    },
    {
      name: 'a repeated line',
      text: `${TWO_LINES}Read the full story on our website.\nDrivers should expect delays on the ring road during the morning rush hour.\nRead the full story on our website.\n`,
      messages: [
        { message: 'Duplicated-line character share 0.116 is at least 0.01 (FineWeb quality, "Read the full story on our website." 2 times); drop the document', line: 1, column: 1 },
      ],
      output: null,
    },
    {
      name: 'a list of words, one a line',
      text: 'Apples.\nPears.\nPlums.\nFigs.\nDates.\n',
      options: { shortLineThr: null },
      messages: drop('Newlines per word 0.5 is over 0.3'),
      output: null,
    },
    { name: 'empty', text: '', messages: [{ message: 'Document has no words (FineWeb quality); drop the document', line: 1, column: 1 }], output: null },
  ],
});
