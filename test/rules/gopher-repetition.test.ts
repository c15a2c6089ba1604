import rule from '../../rules/gopher-repetition.js';
import { TOLKIEN } from '../fixtures/datatrove/filter-cases.js';
import { NEWS } from '../fixtures/quality/news.js';
import { testRule } from '../rule-tester.js';

const drop = (message: string) => [{ message: `${message}; drop the document`, line: 1, column: 1, fix: 'none' as const }];

testRule(rule, {
  valid: [
    NEWS,
    TOLKIEN,
    { name: 'a repeated line with the line checks off', text: 'Subscribe now.\nSubscribe now.\nThe council met.\n', options: { dupLineFrac: null, dupLineCharFrac: null, topNGrams: [] } },
    { name: 'blank lines between paragraphs are not lines that repeat', text: `${NEWS}\n\n\n${TOLKIEN}\n` },
  ],
  invalid: [
    {
      name: "a short text: its first 4-gram, seen once, is its top 4-gram (datatrove's most_common takes it)",
      text: 'The council voted on Tuesday to close the bridge for repairs.\nWork will start in March and last six months.\n',
      messages: drop('Top 4-gram character share 0.185 is over 0.16 (Gopher repetition, "The council voted on" once)'),
      output: null,
    },
    {
      name: 'repeated paragraphs',
      text: 'Subscribe to our newsletter.\n\nThe council voted on Tuesday.\n\nSubscribe to our newsletter.\n\nWork starts in March.\n\nSubscribe to our newsletter.\n',
      messages: drop('Duplicate paragraph share 0.4 is over 0.3 (Gopher repetition, "Subscribe to our newsletter." 3 times)'),
      output: null,
    },
    {
      name: 'a long paragraph twice, with a trailing space',
      text: `The council voted on Tuesday.\n\n${'The bridge will close for repairs in March and reopen in the autumn. '.repeat(3)}\n\n${'The bridge will close for repairs in March and reopen in the autumn. '.repeat(3)}\n`,
      // The last paragraph loses its trailing space to the strip, so the two differ as paragraphs; as lines they are equal.
      messages: drop('Duplicate line character share 0.462 is over 0.2 (Gopher repetition, "The bridge will close for re…ch and reopen in the autumn." 2 times)'),
      output: null,
    },
    {
      name: 'repeated lines',
      text: 'Subscribe to our newsletter.\nThe council voted on Tuesday to close the bridge for repairs.\nSubscribe to our newsletter.\nWork will start in March and last six months.\nSubscribe to our newsletter.\n',
      messages: drop('Duplicate line share 0.333 is over 0.3 (Gopher repetition, "Subscribe to our newsletter." 3 times)'),
      output: null,
    },
    {
      name: 'a long line twice',
      text: `The council met.\nWork starts soon.\nThe mayor spoke.\n${'The bridge will close for repairs in March and reopen in the autumn.\n'.repeat(2)}`,
      messages: drop('Duplicate line character share 0.358 is over 0.2 (Gopher repetition, "The bridge will close for re…ch and reopen in the autumn." 2 times)'),
      output: null,
    },
    {
      name: 'one 2-gram everywhere',
      text: 'Buy cheap flights, buy cheap hotels, buy cheap cars: buy cheap everything at the lowest prices online, buy cheap today.\n',
      messages: drop('Top 2-gram character share 0.3 is over 0.2 (Gopher repetition, "buy cheap" 4 times)'),
      output: null,
    },
    {
      name: 'a 4-gram twice in a short text',
      text: 'The committee will meet again next week to discuss the budget for the new school year and the repairs.\nParents asked the committee to discuss the budget for the new school year and the repairs before summer.\n',
      messages: drop('Top 4-gram character share 0.202 is over 0.16 (Gopher repetition, "to discuss the budget" 2 times)'),
      output: null,
    },
    {
      name: 'a long passage repeated inside a line',
      text: `${'The bridge will close for repairs in March. '.repeat(2)}The council voted on Tuesday, and work will start soon after the vote.\n`,
      options: { topNGrams: [] },
      messages: drop('Duplicated 5-gram character share 0.245 is over 0.15 (Gopher repetition, "The bridge will close for" repeats)'),
      output: null,
    },
    { name: 'empty', text: '', messages: [{ message: 'Document has no words (Gopher repetition); drop the document', line: 1, column: 1 }], output: null },
  ],
});
