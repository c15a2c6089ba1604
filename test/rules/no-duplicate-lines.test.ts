import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-duplicate-lines.js';
import { fixText } from '../../src/core/fix.js';
import { linterFor, testRule } from '../rule-tester.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures', 'duplicates');
const seeds = path.join(here, '..', '..', 'seeds');

const caption = 'Russian President Vladimir Putin and North Korean leader Kim Jong Un. (AFP)';
const headline = "Putin Hails N. Korea's Support for Ukraine War Ahead of Pyongyang Visit";

testRule(rule, {
  valid: [
    'Advertisement\nThe first paragraph.\nAdvertisement\nThe second paragraph.\n',
    '* * *\nPart one.\n* * *\nPart two.\n',
    'Q:\nWhat changed?\nA:\nNothing.\nQ:\nWhy?\nA:\nBecause.\n',
    'Read more\nStory one.\nRead more\n',
    {
      name: 'a repeat outside the window is not "nearby"',
      text: `Pos Player Plays % Stats\n${'row\n'.repeat(9)}Pos Player Plays % Stats\n`,
    },
    {
      name: 'the same line in two documents is another rule\'s job',
      text: 'The two Koreas have remained technically at war since their 1950-53 conflict.\n',
    },
    {
      name: 'allow lists lines that repeat on purpose',
      text: 'Continue reading the main story\nText.\nContinue reading the main story\n',
      options: { allow: ['continue reading the main story'] },
    },
  ],
  invalid: [
    {
      name: 'a caption printed twice, with the copy and its terminator removed',
      text: `${caption}\n${caption}\nTT\n`,
      messages: [{ message: 'Caption repeated from line 1; remove the copy', line: 2, column: 1, endLine: 2, endColumn: 76 }],
      output: `${caption}\nTT\n`,
    },
    {
      name: 'a headline repeated after the byline',
      text: `${headline}\n\nBy Staff\n\n${headline}\n\nBody text.\n`,
      messages: [{ message: 'Headline repeated from line 1; remove the copy', line: 5, column: 1 }],
      output: `${headline}\n\nBy Staff\n\n\nBody text.\n`,
    },
    {
      name: 'case, white space, quote and dash style do not hide a copy',
      text: 'He said “it’s over” – again.\nNext line.\nHE SAID "it\'s  over" - again. \n',
      messages: [{ message: 'Line repeated from line 1; remove the copy', line: 3, column: 1 }],
      output: 'He said “it’s over” – again.\nNext line.\n',
    },
    {
      name: 'a paragraph with several sentences; CRLF terminators',
      text: 'First. Second sentence here.\r\nOther.\r\nFirst. Second sentence here.\r\n',
      messages: [{ message: 'Paragraph repeated from line 1; remove the copy', line: 3, column: 1 }],
      output: 'First. Second sentence here.\r\nOther.\r\n',
    },
    {
      name: 'a copy on the last line without a terminator takes the one before it',
      text: 'Doobie Brothers reunite\nClay Patrick McBride\nThe band.\nClay Patrick McBride',
      messages: [{ message: 'Line repeated from line 2; remove the copy', line: 4, column: 1 }],
      output: 'Doobie Brothers reunite\nClay Patrick McBride\nThe band.',
    },
    {
      name: 'every copy points at the first occurrence',
      text: 'Audi e-tron Sportback revealed\nInterior and Technology\nInterior and Technology\nInterior and Technology\n',
      messages: [
        { message: 'Line repeated from line 2; remove the copy', line: 3, column: 1 },
        { message: 'Line repeated from line 2; remove the copy', line: 4, column: 1 },
      ],
      output: 'Audi e-tron Sportback revealed\nInterior and Technology\n',
    },
    {
      name: 'CJK lines count each character as a word',
      text: '先日、商標法違反の疑いで男性が逮捕されました。\n先日、商標法違反の疑いで男性が逮捕されました。\n',
      messages: [{ message: 'Headline repeated from line 1; remove the copy', line: 2, column: 1 }],
      output: '先日、商標法違反の疑いで男性が逮捕されました。\n',
    },
    {
      name: 'minLength and minWords 0 report even a lone word',
      text: 'Body.\nAdvertisement\nAdvertisement\n',
      options: { minLength: 0, minWords: 0 },
      messages: [{ message: 'Line repeated from line 2; remove the copy', line: 3, column: 1 }],
      output: 'Body.\nAdvertisement\n',
    },
    {
      name: 'window 0 looks through the whole document',
      text: `Week 11 snap counts\nPos Player Plays % Stats\n${'row\n'.repeat(20)}Pos Player Plays % Stats\n`,
      options: { window: 0 },
      messages: [{ message: 'Line repeated from line 2; remove the copy', line: 23, column: 1 }],
      output: `Week 11 snap counts\nPos Player Plays % Stats\n${'row\n'.repeat(20)}`,
    },
  ],
});

describe('no-duplicate-lines on real pages', () => {
  const linter = linterFor(rule);

  it('finds the seed copies (000: lines 4, 7, 9, 10) and nothing else before the appended story', () => {
    const flagged: string[] = [];
    for (const name of fs.readdirSync(seeds).filter((file) => file.endsWith('.txt')).sort()) {
      const file = linter.lint(fs.readFileSync(path.join(seeds, name), 'utf8'));
      for (const message of file.messages) flagged.push(`${name.slice(0, 3)}:${message.line}`);
    }
    // 37, 40, 42 and 43 are copies inside 000's appended story (labelled "may").
    expect(flagged).toEqual(['000:4', '000:7', '000:9', '000:10', '000:37', '000:40', '000:42', '000:43']);
  });

  it('points the first seed copy at its original as a related location', () => {
    const [message] = linter.lint(fs.readFileSync(path.join(seeds, '000_5612f521096bc90f.txt'), 'utf8')).messages;
    expect(message?.related).toEqual([{ message: 'First occurrence', line: 3, column: 1, endLine: 3, endColumn: 76 }]);
  });

  const labels = JSON.parse(fs.readFileSync(path.join(fixtures, 'labels.json'), 'utf8')) as {
    files: Record<string, { duplicate_lines: number[] }>;
  };
  for (const [name, label] of Object.entries(labels.files)) {
    it(`${name}: flags exactly the labelled copies and --fix restores the gold text`, () => {
      const text = fs.readFileSync(path.join(fixtures, name), 'utf8');
      expect(linter.lint(text).messages.map((message) => message.line)).toEqual(label.duplicate_lines);
      const goldPath = path.join(fixtures, 'gold', name);
      const gold = fs.existsSync(goldPath) ? fs.readFileSync(goldPath, 'utf8') : text;
      // Deleting a copy between two blank lines leaves a blank-line run: another rule's job.
      expect(nonBlankLines(fixText(linter, text).output)).toEqual(nonBlankLines(gold));
    });
  }
});

function nonBlankLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
