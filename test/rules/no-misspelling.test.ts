import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-misspelling/index.js';
import { fixText } from '../../src/core/fix.js';
import { UsageError } from '../../src/core/errors.js';
import { runCli, tempFolder } from '../e2e/run-cli.js';
import { linterFor, testRule } from '../rule-tester.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures', 'typos');
const seeds = path.join(here, '..', '..', 'seeds');

testRule(rule, {
  valid: [
    'Putin thanked Kim Jong Un\'s government for helping the war effort.\n',
    {
      name: 'names capitalised mid-sentence, acronyms and CamelCase are trusted',
      text: 'NATO chief Jens Stoltenberg met Kuleba in Pyongyang; the DPRK and iPhone makers replied.\n',
    },
    {
      name: 'British spellings, from the en-GB Hunspell dictionary (language "en" takes either)',
      text: 'The defence programmes were cancelled; neighbours criticised the centre for its behaviour and colour.\n',
    },
    {
      name: 'hyphenated compounds with a prefix, words with digits, URLs, handles and hashtags',
      text: 'They agreed to co-operate on a pre-war plan with 9th-graders; see www.earbooks.net/en, @bbcnews and #paiment.\n',
    },
    {
      name: 'rare real words that are not a likely slip of a common word',
      text: 'A villanelle about an hourlong cannula fitting for the webpage.\n',
    },
    {
      name: 'a known word plus a productive affix needs a strong correction',
      text: 'The spectrums of teenaged commenters and uncited influencers.\n',
    },
    {
      name: 'the page using the stem speaks for the derived form, not for a slip',
      text: 'Financial news: the financials were strong this quarter.\n',
    },
    {
      name: 'a capitalised word starting a name is trusted even at the start of a sentence',
      text: 'Bigg Boss returns. Sri Lanka won.\n',
    },
    {
      name: 'a line in another language',
      text: 'Ce programme est disponible pour les abonnes du service.\n',
    },
    {
      name: 'Latin and French set phrases',
      text: 'The degree was honoris causa, and the rule applies per se.\n',
    },
    {
      name: 'a prefix written apart from its stem',
      text: 'The Audi pre sense system; neo-Nazi groups; intra-Afghan talks.\n',
    },
    {
      name: 'a word the frequency list has as written is likelier meant (chai, and bourse: rare, but commoner than the slip course would need)',
      text: 'A cup of chai near the city\'s bourse.\n',
    },
    {
      name: 'a letter drawn out is not a slip',
      text: 'It was sooo good, nooo doubt, yesss, hmmm.\n',
    },
    {
      name: 'three-letter words are reported only when a swap repairs them',
      text: 'The dom and the por.\n',
    },
    {
      name: 'tokens longer than 40 letters are not words',
      text: `Say ${'qwertyuiopasdfghjklzxcvbnm'.repeat(2)} now.\n`,
      options: { reportWithoutSuggestion: true },
    },
    {
      name: 'options.words',
      text: 'The beeen counter.\n',
      options: { words: ['Beeen'] },
    },
    {
      name: 'en-US still knows US spellings',
      text: 'The defense program was canceled.\n',
      options: { language: 'en-US' },
    },
    {
      name: 'en-GB knows British spellings',
      text: 'The colour of the programme.\n',
      options: { language: 'en-GB' },
    },
  ],
  invalid: [
    {
      name: 'a swapped pair of letters, fixed safely',
      text: 'The move thta surprised everyone.\n',
      messages: [{ message: 'Unknown word `thta`; did you mean `that`?', line: 1, column: 10, endLine: 1, endColumn: 14 }],
      output: 'The move that surprised everyone.\n',
    },
    {
      name: 'a letter typed twice',
      text: 'It has beeen a long week.\n',
      messages: [{ message: 'Unknown word `beeen`; did you mean `been`?', line: 1, column: 8 }],
      output: 'It has been a long week.\n',
    },
    {
      name: 'two edits away (a doubled letter added, another undoubled), in a word of six letters or more',
      text: 'I will go tommorow.\n',
      messages: [{ message: 'Unknown word `tommorow`; did you mean `tomorrow`?', line: 1, column: 11 }],
      output: 'I will go tomorrow.\n',
    },
    {
      name: 'the frequency prior ranks a common word over a rare one',
      text: 'Come wiht me.\n',
      messages: [{ message: 'Unknown word `wiht`; did you mean `with`?', line: 1, column: 6 }],
      output: 'Come with me.\n',
    },
    {
      name: 'a best correction that does not clearly beat the runner-up is fixed only as unsafe',
      text: 'He went dispite the rain.\n',
      messages: [{ message: 'Unknown word `dispite`; did you mean `despite`?', line: 1, column: 9 }],
      output: null,
    },
    {
      name: '--unsafe-fixes applies it',
      text: 'He went dispite the rain.\n',
      unsafe: true,
      messages: [{ message: 'Unknown word `dispite`; did you mean `despite`?', line: 1, column: 9 }],
      output: 'He went despite the rain.\n',
    },
    {
      name: 'two corrections about as likely: both named, no fix',
      text: 'Teh end of the stlying.\n',
      unsafe: true,
      messages: [
        { message: 'Unknown word `Teh`; did you mean `The`?', line: 1, column: 1 },
        { message: 'Unknown word `stlying`; did you mean `staying` or `styling`?', line: 1, column: 16 },
      ],
      output: 'The end of the stlying.\n',
    },
    {
      name: 'a word the document uses is the likelier correction',
      text: 'Hair styling tips: stlying is easy.\n',
      messages: [{ message: 'Unknown word `stlying`; did you mean `styling`?', line: 1, column: 20 }],
      output: 'Hair styling tips: styling is easy.\n',
    },
    {
      name: 'a capitalised word at the start of a sentence keeps its case in the fix',
      text: 'Whaat happened next. Nobody knows.\n',
      messages: [{ message: 'Unknown word `Whaat`; did you mean `What`?', line: 1, column: 1 }],
      output: 'What happened next. Nobody knows.\n',
    },
    {
      name: 'a typo inside a hyphenated compound',
      text: 'A well-konwn actor.\n',
      messages: [{ message: 'Unknown word `konwn`; did you mean `known`?', line: 1, column: 8 }],
      output: 'A well-known actor.\n',
    },
    {
      name: 'en-US reports British spellings',
      text: 'The behaviour changed.\n',
      options: { language: 'en-US' },
      messages: [{ message: 'Unknown word `behaviour`; did you mean `behavior`?', line: 1, column: 5 }],
      output: 'The behavior changed.\n',
    },
    {
      name: 'en-GB reports American spellings',
      text: 'The color of the program.\n',
      options: { language: 'en-GB' },
      messages: [{ message: 'Unknown word `color`; did you mean `colour`?', line: 1, column: 5 }],
      output: 'The colour of the program.\n',
    },
    {
      name: 'reportWithoutSuggestion also reports words no correction explains',
      text: 'Say xyzzy twice.\n',
      options: { reportWithoutSuggestion: true },
      messages: [{ message: 'Unknown word `xyzzy`; check the spelling or add it to the word list', line: 1, column: 5 }],
      output: null,
    },
    {
      name: 'a misspelling repeated in the page is not trusted for that alone',
      text: 'It has beeen long. It has beeen cold.\n',
      messages: [
        { message: 'Unknown word `beeen`; did you mean `been`?', line: 1, column: 8 },
        { message: 'Unknown word `beeen`; did you mean `been`?', line: 1, column: 27 },
      ],
      output: 'It has been long. It has been cold.\n',
    },
  ],
});

describe('no-misspelling message data', () => {
  it('carries the corrections and the margin that made the fix safe or not', () => {
    const lint = (text: string) => linterFor(rule).lint(text).messages.map((message) => message.data);
    expect(lint('The move thta surprised everyone.\n')).toEqual([{ expected: ['that'], margin: 71_000 }]);
    expect(lint('He went dispite the rain.\n')).toEqual([{ expected: ['despite'], margin: 4.1 }]);
    expect(lint('I will go tommorow.\n')).toEqual([{ expected: ['tomorrow'], margin: null }]);
  });
});

describe('no-misspelling options', () => {
  it('resolves a words file relative to the config file that names it', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-words-'));
    try {
      fs.writeFileSync(path.join(folder, 'words.txt'), '# house words\nthta\n\nBeeen\n');
      const resolved = rule.meta.resolveOptions!({ ...rule.meta.defaultOptions, wordsFile: 'words.txt' }, folder);
      expect(resolved.wordsFile).toBe(path.join(folder, 'words.txt'));
      expect(resolved.words).toEqual(['thta', 'beeen']);
      expect(linterFor(rule, resolved).lint('It has beeen thta way.\n').messages).toEqual([]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a missing words file is a one-line configuration error', () => {
    expect(() => rule.meta.resolveOptions!({ ...rule.meta.defaultOptions, wordsFile: 'nonexistent/words.txt' }, '/tmp')).toThrow(
      new UsageError('no-misspelling cannot read its wordsFile /tmp/nonexistent/words.txt (ENOENT); fix the path or create the file'),
    );
  });

  it('offers en, en-US and en-GB', () => {
    expect(rule.meta.optionsSchema).toMatchObject({ properties: { language: { enum: ['en', 'en-US', 'en-GB'] } } });
  });
});

describe('no-misspelling words file through the CLI', () => {
  const cases: Array<{ name: string; files: Record<string, string>; status: number; stderr: string }> = [
    { name: 'found beside the config, wherever the run starts', files: { 'words.txt': 'thta\n' }, status: 0, stderr: '' },
    {
      name: 'missing: exit 2 and one line naming the file',
      files: {},
      status: 2,
      stderr: 'corpuslint: no-misspelling cannot read its wordsFile <folder>/words.txt (ENOENT); fix the path or create the file (set in <folder>/.corpuslintrc.json)\n',
    },
  ];
  for (const { name, files, status, stderr } of cases) {
    it(name, () => {
      const folder = tempFolder({
        ...files,
        '.corpuslintrc.json': JSON.stringify({ rules: { 'no-misspelling': ['warn', { wordsFile: 'words.txt' }] } }),
        'docs/a.txt': 'The move thta surprised everyone.\n',
      });
      try {
        const run = runCli(['docs'], folder);
        expect({ status: run.status, stderr: run.stderr.replaceAll(fs.realpathSync(folder), '<folder>').replaceAll(folder, '<folder>') }).toEqual({ status, stderr });
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  }
});

describe('no-misspelling on real pages', () => {
  const linter = linterFor(rule);

  it('flags nothing in the seeds but, at most, the misspelt "paiment" (004:75)', () => {
    const flagged: string[] = [];
    for (const name of fs.readdirSync(seeds).filter((file) => file.endsWith('.txt')).sort()) {
      const file = linter.lint(fs.readFileSync(path.join(seeds, name), 'utf8'));
      for (const message of file.messages) flagged.push(`${name.slice(0, 3)}:${message.line}`);
    }
    expect(flagged.filter((place) => place !== '004:75')).toEqual([]);
  });

  interface Typo {
    line: number;
    column: number;
    endColumn: number;
    wrong: string;
    correct: string;
  }
  const labels = JSON.parse(fs.readFileSync(path.join(fixtures, 'labels.json'), 'utf8')) as {
    files: Record<string, { typos: Typo[]; may_typos: Array<{ line: number }>; control: boolean }>;
  };
  for (const [name, label] of Object.entries(labels.files)) {
    it(`${name}: finds the injected misspellings${label.control ? ' (control: none)' : ''} and nothing else`, () => {
      const text = fs.readFileSync(path.join(fixtures, name), 'utf8');
      const messages = linter.lint(text).messages;
      const places = messages.map((message) => `${message.line}:${message.column}`);
      const may = new Set(label.may_typos.map((typo) => typo.line));
      expect(places.filter((place) => !may.has(Number(place.split(':')[0])))).toEqual(label.typos.map((typo) => `${typo.line}:${typo.column}`));
      const fixed = fixText(linter, text, { unsafe: true }).output.split('\n');
      const gold = fs.readFileSync(path.join(fixtures, 'gold', name), 'utf8').split('\n');
      for (const typo of label.typos) expect(fixed[typo.line - 1]).toBe(gold[typo.line - 1]);
    });
  }
});
