import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-misspelling.js';
import { fixText } from '../../src/fix.js';
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
      name: 'Commonwealth spellings',
      text: 'The defence programmes were cancelled; neighbours criticised the centre for its behaviour and colour.\n',
    },
    {
      name: 'hyphenated compounds with a prefix, words with digits, URLs, handles and hashtags',
      text: 'They agreed to co-operate on a pre-war plan with 9th-graders; see www.earbooks.net/en, @bbcnews and #paiment.\n',
    },
    {
      name: 'rare real words that are not one typing slip from a dictionary word',
      text: 'A villanelle about an hourlong cannula fitting for the webpage.\n',
    },
    {
      name: 'word formation the dictionary does not list',
      text: 'The spectrums of teenaged commenters and uncited influencers.\n',
    },
    {
      name: 'a word used twice in the document is taken as intended',
      text: 'The frunk is small. A frunk holds a bag.\n',
    },
    {
      name: 'a capitalised word starting a name is trusted even at the start of a sentence',
      text: 'Bigg Boss returns. Sri Lanka won.\n',
    },
    {
      name: 'dropped g in dialogue',
      text: 'He kept on runnin and whoopin all night.\n',
    },
    {
      name: 'a line in another language',
      text: 'Ce programme est disponible pour les abonnes du service.\n',
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
      name: 'a substitution supported by the document is fixed only as unsafe',
      text: 'We have time. They hava none.\n',
      messages: [{ message: 'Unknown word `hava`; did you mean `have`?', line: 1, column: 20 }],
      output: 'We have time. They hava none.\n',
    },
    {
      name: '--unsafe-fixes applies it',
      text: 'We have time. They hava none.\n',
      unsafe: true,
      messages: [{ message: 'Unknown word `hava`; did you mean `have`?', line: 1, column: 20 }],
      output: 'We have time. They have none.\n',
    },
    {
      name: 'the repair the document uses wins, but a rival in the document keeps the fix unsafe',
      text: 'Their car was there; theer it stood.\n',
      messages: [{ message: 'Unknown word `theer`; did you mean `there`?', line: 1, column: 22 }],
      output: null,
    },
    {
      name: 'two equally good corrections: both named, no fix',
      text: 'Come wiht me.\n',
      messages: [{ message: 'Unknown word `wiht`; did you mean `whit` or `with`?', line: 1, column: 6 }],
      output: null,
      unsafe: true,
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
      name: 'en-US reports British spellings that are one slip from the US form',
      text: 'The programme started.\n',
      options: { language: 'en-US' },
      messages: [{ message: 'Unknown word `programme`; did you mean `programmed` or `programmer`?', line: 1, column: 5 }],
      output: null,
    },
    {
      name: 'reportWithoutSuggestion also reports words with no close dictionary word',
      text: 'Say xyzzy twice.\n',
      options: { reportWithoutSuggestion: true },
      messages: [{ message: 'Unknown word `xyzzy`; check the spelling or add it to the word list', line: 1, column: 5 }],
      output: null,
    },
    {
      name: 'trustRepeated 0 reports every copy',
      text: 'It has beeen long. It has beeen cold.\n',
      options: { trustRepeated: 0 },
      messages: [
        { message: 'Unknown word `beeen`; did you mean `been`?', line: 1, column: 8 },
        { message: 'Unknown word `beeen`; did you mean `been`?', line: 1, column: 27 },
      ],
      output: 'It has been long. It has been cold.\n',
    },
  ],
});

describe('no-misspelling options', () => {
  it('reads a words file relative to the working directory', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-words-'));
    try {
      fs.writeFileSync(path.join(folder, 'words.txt'), '# house words\nthta\n\nBeeen\n');
      const relative = path.relative(process.cwd(), path.join(folder, 'words.txt'));
      expect(path.isAbsolute(relative)).toBe(false);
      const messages = linterFor(rule, { wordsFile: relative }).lint('It has beeen thta way.\n').messages;
      expect(messages).toEqual([]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says clearly when the words file is missing', () => {
    const [message] = linterFor(rule, { wordsFile: '/nonexistent/words.txt' }).lint('Text.\n').messages;
    expect(message?.reason).toContain('no-misspelling cannot read its wordsFile /nonexistent/words.txt (ENOENT)');
  });

  it('refuses languages it has no dictionary for', () => {
    expect(rule.meta.optionsSchema).toMatchObject({ properties: { language: { enum: ['en', 'en-US'] } } });
    const [message] = linterFor(rule, { language: 'de' }).lint('Text.\n').messages;
    expect(message?.reason).toContain('no-misspelling has only an English dictionary; set "language" to "en" or "en-US", not "de"');
  });
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
