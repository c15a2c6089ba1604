import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-appended-story/index.js';
import duplicateLines from '../../rules/no-duplicate-lines.js';
import { fixText } from '../../src/core/fix.js';
import { Linter } from '../../src/core/lint.js';
import { linterFor, testRule } from '../rule-tester.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'appended');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

/** A short news article in the shape scrapers print: headline, blank line, single-spaced paragraphs. */
const article = [
  'Wild beat Sabres as Parise scores twice',
  '',
  'Zach Parise scored two goals as the Minnesota Wild beat the Buffalo Sabres 4-1 on Tuesday night.',
  'Parise opened the scoring in the first period after stripping a Sabres centre in the neutral zone.',
  'The Wild goalie Alex Stalock stopped 30 shots as the Wild won for the third game in a row.',
  'Wild coach Bruce Boudreau said Parise was getting his confidence back after a slow start to the season.',
  'The Sabres have lost eight of their last ten games, and the Wild still sit near the bottom of the division.',
].join('\n');

/** An unrelated story with its own headline, as a careless scraper appends it. */
const otherStory = [
  'Oil prices fall on oversupply worries',
  '',
  'Oil prices fell sharply on Tuesday on oversupply concerns, while stock markets across Europe drifted near record highs.',
  'Traders cited doubts over whether producers would agree to cut output at their meeting in Vienna next month.',
  'Brent crude was last down 2.7 percent at 60.73 dollars a barrel, and analysts expect more selling.',
].join('\n');

const appendedMessage = 'Unrelated story appended from here to the end (lines 10–14): its words barely overlap the article\'s; remove it';

testRule(rule, {
  valid: [
    { name: 'an article alone', text: `${article}\n` },
    {
      name: 'a sub-heading set off by blank lines, on the article\'s subject',
      text: `${article}\n\n\nBoudreau keeps faith\nBoudreau said the Wild had beaten good teams and told his players to believe in themselves after the win over the Sabres.\nParise agreed that the Wild had been playing better hockey for ten games.\n`,
    },
    {
      name: 'a closing paragraph that changes subject',
      text: `${article}\n\nThe Associated Press contributed to this report, which was updated on Wednesday morning with comments from the coach.\n`,
    },
    {
      name: 'a Q&A section',
      text: `${article}\n\nWhat did Boudreau say about Parise?\n\nBoudreau said Parise, the Wild winger, was playing with confidence again and that the goals against the Sabres would help him.\n`,
    },
    {
      name: 'a list after a heading',
      text: `${article}\n\nUpcoming Wild games\n\nThursday at Boston\nSaturday at Toronto\nSunday against Buffalo\n`,
    },
    '',
  ],
  invalid: [
    {
      name: 'a second article with its own headline after a wide break',
      text: `${article}\n\n\n${otherStory}\n`,
      messages: [{ message: appendedMessage, line: 10, column: 1, endLine: 14 }],
      output: `${article}\n`,
    },
    {
      name: 'a text without a final newline stays without one',
      text: `${article}\n\n\n${otherStory}`,
      messages: [{ message: appendedMessage, line: 10, column: 1 }],
      output: article,
    },
    {
      name: 'CRLF line ends are kept',
      text: `${article}\n\n\n${otherStory}\n`.replace(/\n/g, '\r\n'),
      messages: [{ message: appendedMessage, line: 10, column: 1 }],
      output: `${article}\r\n`.replace(/(?<!\r)\n/g, '\r\n'),
    },
  ],
});

describe('no-appended-story on the seeds', () => {
  const linter = linterFor(rule);
  const report = (name: string) => linter.lint(fixture(name)).messages.map((m) => ({ line: m.line, endLine: m.place && 'end' in m.place ? m.place.end.line : undefined, safety: m.fixSafety }));

  it('finds the story whose header pattern (headline, captions, logo) repeats the page\'s own', () => {
    expect(report('000_5612f521096bc90f.txt')).toEqual([{ line: 34, endLine: 61, safety: 'unsafe' }]);
  });

  it('still finds that story once --fix has removed the copies from the page\'s own header', () => {
    // The duplicates inside the appended story are held back by its pending removal; those above it go.
    const both = new Linter([rule, duplicateLines].map((r) => ({ rule: r, severity: 'warn' as const, options: r.meta.defaultOptions })));
    const cleaned = fixText(both, fixture('000_5612f521096bc90f.txt')).output;
    const headline = 'Putin Hails N. Korea\'s Support for Ukraine War Ahead of Pyongyang Visit';
    expect(cleaned.split('\n').filter((line) => line === headline)).toHaveLength(1);
    const lines = linter.lint(cleaned).messages.map((m) => cleaned.split('\n')[m.line! - 1]);
    expect(lines).toEqual(['Trump Call with Putin Expected Soon, Trump Adviser Says']);
  });

  it('finds teasers told only by a change of layout and of subject', () => {
    expect(report('002_307ba3ecc93f57b6.txt')).toEqual([{ line: 18, endLine: 33, safety: 'unsafe' }]);
  });

  it('stays silent on sub-headings and a closing donation appeal', () => {
    expect(report('004_e093002d25a5443a.txt')).toEqual([]);
  });

  it('cuts the appended story and the blank lines before it, only when asked for unsafe fixes', () => {
    const text = fixture('000_5612f521096bc90f.txt');
    expect(fixText(linter, text).output).toBe(text);
    const fixed = fixText(linter, text, { unsafe: true }).output;
    expect(fixed).toBe(text.split('\n').slice(0, 30).join('\n'));
  });
});
