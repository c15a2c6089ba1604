import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-typo-variant.js';
import { CorpusIndexBuilder } from '../../src/corpus/builder.js';
import { fixText } from '../../src/core/fix.js';
import { buildSeedIndex, seedText } from '../corpus/seed-corpus.js';
import { linterFor, testRule } from '../rule-tester.js';

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
const itsOwn = 'The company said the board had approved its own plan to move the factory from Ohio toward the coast next year.\n';
const zelensky = 'Ukrainian President Volodymyr Zelensky told lawmakers in Kyiv that the talks would resume after the holiday.\n';
const lose = 'Officials warned that farmers could lose their crops if the river rose again this spring.\n';
/** Four copies: three say `original`, the fourth `changed`. */
const slipCorpus = (original: string, changed: string) => corpusOf(original, original, original, changed);
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
    { name: 'toward / towards is house style', text: itsOwn.replace('toward', 'towards'), corpus: slipCorpus(itsOwn, itsOwn.replace('toward', 'towards')) },
    { name: 'British and American spellings the dictionaries tell apart', text: itsOwn.replace('plan', 'ageing plan'), corpus: slipCorpus(itsOwn.replace('plan', 'aging plan'), itsOwn.replace('plan', 'ageing plan')) },
    { name: 'spellings one dictionary allows both of (adviser / advisor)', text: itsOwn.replace('board', 'adviser'), corpus: slipCorpus(itsOwn.replace('board', 'advisor'), itsOwn.replace('board', 'adviser')) },
    { name: 'a name one letter apart is a transliteration', text: zelensky.replace('Zelensky', 'Zelenskiy'), corpus: slipCorpus(zelensky, zelensky.replace('Zelensky', 'Zelenskiy')) },
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
      name: 'its / it\'s: words that differ only by an apostrophe',
      text: itsOwn.replace('its own', "it's own"),
      corpus: slipCorpus(itsOwn, itsOwn.replace('its own', "it's own")),
      messages: [{ message: "Unexpected `it's`: 3 other copies of this passage say `its`; replace it", line: 1, column: 41, endColumn: 45 }],
      output: itsOwn,
    },
    {
      name: 'form / from: one Damerau edit apart',
      text: itsOwn.replace('from Ohio', 'form Ohio'),
      corpus: slipCorpus(itsOwn, itsOwn.replace('from Ohio', 'form Ohio')),
      messages: [{ message: 'Unexpected `form`: 3 other copies of this passage say `from`; replace it', line: 1, column: 74 }],
      output: itsOwn,
    },
    {
      name: 'lose / loose',
      text: lose.replace('could lose', 'could loose'),
      corpus: slipCorpus(lose, lose.replace('could lose', 'could loose')),
      messages: [{ message: 'Unexpected `loose`: 3 other copies of this passage say `lose`; replace it', line: 1, column: 37 }],
      output: lose,
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

/**
 * Clusters made from web-dev's clean articles by scripts/make-typo-variant-clusters.mjs:
 * copies a, b and c carry editorial variation only (curly quotes and dashes; British
 * spellings, towards, per cent, US and a synonym; two paragraphs swapped), copy d the
 * same quotes plus injected slips (labels.json).
 */
const clusterFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'typo-variant-clusters');
const EXPECTED_IN_CLUSTERS: Record<string, string[]> = {
  'c00-d.txt': [
    '4:71 Missing `rally`: 3 other copies of this passage say `a rally in`; insert it',
    '9:81 Unexpected `there`: 3 other copies of this passage say `their`; replace it',
    '10:702 Unexpected `on`: 3 other copies of this passage say `of`; replace it',
  ],
  'c01-d.txt': [
    '1:418 Missing `accumulating`: 3 other copies of this passage say `been accumulating in`; insert it',
  ],
  'c02-d.txt': [
    '8:67 Missing `appearance`: 3 other copies of this passage say `first appearance on`; insert it',
  ],
  'c03-d.txt': [
    '3:119 Unexpected `led`: 3 other copies of this passage say `lead`; replace it',
    '8:83 Missing `several`: 3 other copies of this passage say `and several observations`; insert it',
    '10:146 Unexpected `on`: 3 other copies of this passage say `of`; replace it',
  ],
  'c04-d.txt': [
    '1:91 Unexpected `too`: 3 other copies of this passage say `to`; replace it',
  ],
  'c05-d.txt': [
    '4:84 Missing `preparando`: 3 other copies of this passage say `estamos preparando para`; insert it',
    '6:60 Missing `pessoal`: 3 other copies of this passage say `o pessoal do`; insert it',
    '8:124 Missing `introduzir`: 3 other copies of this passage say `para introduzir seus`; insert it',
  ],
  'c06-d.txt': [
    '2:85 Unexpected `on`: 3 other copies of this passage say `of`; replace it',
    '8:40 Missing `start`: 3 other copies of this passage say `tepid start in`; insert it',
    '9:52 Missing `other`: 3 other copies of this passage say `the other way`; insert it',
  ],
  'c07-d.txt': [
    '3:53 Missing `fostering`: 3 other copies of this passage say `for fostering living`; insert it',
    '6:93 Missing `hydrocarbons`: 3 other copies of this passage say `spew hydrocarbons like`; insert it',
  ],
};

describe('no-typo-variant on clusters of republished articles', () => {
  const names = fs.readdirSync(clusterFolder).filter((name) => name.endsWith('.txt')).sort();
  const builder = new CorpusIndexBuilder();
  for (const name of names) builder.add(name, fs.readFileSync(path.join(clusterFolder, name), 'utf8'));
  const corpus = builder.build();
  const linter = linterFor(rule);
  const labels = JSON.parse(fs.readFileSync(path.join(clusterFolder, 'labels.json'), 'utf8')) as { slips: Array<{ file: string; line: number }> };

  it('labels every reported place, and nothing else is reported', () => {
    const reported = Object.entries(EXPECTED_IN_CLUSTERS).flatMap(([name, messages]) => messages.map((message) => `${name}:${message.split(':')[0]}`));
    expect(reported.sort()).toEqual(labels.slips.map((slip) => `${slip.file}:${slip.line}`).sort());
  });

  for (const name of names) {
    const text = fs.readFileSync(path.join(clusterFolder, name), 'utf8');
    const expected = EXPECTED_IN_CLUSTERS[name] ?? [];
    it(`${name}: ${expected.length === 0 ? 'editorial variation only, silent' : `${expected.length} slips, fixed back to the clean copy`}`, () => {
      const messages = linter.lint(text, { corpus, filePath: name }).messages;
      expect(messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual(expected);
      if (expected.length > 0) {
        const clean = fs.readFileSync(path.join(clusterFolder, name.replace('-d.txt', '-a.txt')), 'utf8');
        expect(fixText(linter, text, { corpus, filePath: name }).output).toBe(clean);
      }
    });
  }
});
