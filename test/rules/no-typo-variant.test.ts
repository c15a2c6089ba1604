import rule from '../../rules/no-typo-variant.js';
import { CorpusIndexBuilder } from '../../src/corpus/builder.js';
import { buildSeedIndex, seedText } from '../corpus/seed-corpus.js';
import { testRule } from '../rule-tester.js';

const seeds = buildSeedIndex();
const seed000 = seedText('000');

/** A corpus of the given copies of one passage, plus a document to lint against it. */
function corpusOf(...copies: string[]) {
  const builder = new CorpusIndexBuilder();
  copies.forEach((copy, index) => builder.add(`copy-${index}.txt`, copy));
  return builder.build();
}

const conflict = 'The two Koreas have remained technically at war since their 1950-53 conflict and the border dividing them is one of the most heavily fortified in the world.\n';
const dropped = 'The two Koreas have remained technically at war since their 1950-53, and the border dividing them is one of the most heavily fortified in the world.\n';
const wounded = 'The South said it believed the soldiers crossed as they were fortifying the border, but said some of them were wounded after detonating landmines.\n';
const injured = wounded.replace('wounded', 'injured');
const defence = 'Putin is set to boost defence ties between the two nuclear-armed countries during a visit to Pyongyang this week.\n';
const quoted = 'He also hailed Moscow and Pyongyang for "maintaining the common line and stand at the UN" on Tuesday afternoon.\n';
const onTuesday = 'Putin wrote in an article published by Pyongyang\'s state media on Tuesday, ahead of the visit to the capital.\n';

testRule(rule, {
  valid: [
    { name: 'no corpus: silent', text: dropped },
    { name: 'the copies that agree are not reported', text: seedText('001'), corpus: seeds },
    { name: 'another agency\'s story is not reported', text: seedText('002'), corpus: seeds },
    { name: 'a synonym is rewording, not a slip', text: injured, corpus: corpusOf(wounded, wounded, wounded, injured) },
    { name: 'British and American spelling', text: defence.replace('defence', 'defense'), corpus: corpusOf(defence, defence, defence, defence.replace('defence', 'defense')) },
    { name: 'quote, dash and U.S. styles', text: quoted.replace(/"/g, '\u201c').replace('UN', 'U.N.'), corpus: corpusOf(quoted, quoted, quoted.replace(/"/g, '\u201c').replace('UN', 'U.N.')) },
    { name: 'a dropped function word is house style', text: onTuesday.replace('on Tuesday', 'Tuesday'), corpus: corpusOf(onTuesday, onTuesday, onTuesday, onTuesday.replace('on Tuesday', 'Tuesday')) },
    { name: 'an added content word is an edit', text: conflict.replace('heavily', 'very heavily'), corpus: corpusOf(conflict, conflict, conflict, conflict.replace('heavily', 'very heavily')) },
    { name: 'one other copy is not a majority', text: dropped, corpus: corpusOf(conflict, dropped) },
    { name: 'an even split is not a majority', text: dropped, corpus: corpusOf(conflict, conflict, dropped, dropped) },
  ],
  invalid: [
    {
      name: 'seed 000: rafts on, dropped conflict, reporter',
      text: seed000,
      corpus: seeds,
      unsafe: true,
      messages: [
        { message: 'Unexpected `on`: 2 other copies of this passage say `of`; replace it', line: 20, column: 32, endLine: 20, endColumn: 34 },
        { message: 'Missing `conflict`: 2 other copies of this passage say `1950-53 conflict and`; insert it', line: 27, column: 61, endColumn: 73 },
        { message: 'Unexpected `reporter`: 2 other copies of this passage say `reporters`; replace it', line: 28, column: 236 },
      ],
      output: seed000
        .replace('rafts on UN', 'rafts of UN')
        .replace('1950-53, and', '1950-53 conflict and')
        .replace('told reporter.', 'told reporters.'),
    },
    {
      name: 'two agreeing copies: the fix is unsafe',
      text: dropped,
      corpus: corpusOf(conflict, conflict, dropped),
      messages: [{ message: 'Missing `conflict`: 2 other copies of this passage say `1950-53 conflict and`; insert it', line: 1, column: 61 }],
      output: null,
    },
    {
      name: 'three agreeing copies: the fix is safe',
      text: dropped,
      corpus: corpusOf(conflict, conflict, conflict, dropped),
      messages: [{ message: 'Missing `conflict`: 3 other copies of this passage say `1950-53 conflict and`; insert it', line: 1, column: 61 }],
      output: conflict,
    },
    {
      name: 'another inflection of the same word',
      text: wounded.replace('the soldiers crossed', 'the soldier crossed'),
      corpus: corpusOf(wounded, wounded, wounded, wounded.replace('the soldiers crossed', 'the soldier crossed')),
      messages: [{ message: 'Unexpected `soldier`: 3 other copies of this passage say `soldiers`; replace it', line: 1, column: 32 }],
      output: wounded,
    },
  ],
});
