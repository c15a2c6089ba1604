/**
 * The engine's guard: no document is emptied by safe fixes, and safe fixes
 * that together would remove more than four fifths of a document's prose (of
 * its words, when under a fifth of them are prose) are held back as unsafe,
 * whichever rule made them; the document gets one message saying so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, excessiveRemoval, fixText, guardWholesaleRemoval } from '../../src/core/fix.js';
import type { Fix } from '../../src/core/rule.js';
import { countWords, scanWords } from '../../src/core/text/tokens.js';
import { Linter } from '../../src/core/lint.js';
import { defineRule } from '../../src/core/rule.js';

/** Deletes, with a safe fix, every line that starts with a capital letter (as a chrome rule deletes "chrome" lines). */
const deleteCapitalisedLines = defineRule({
  meta: { id: 'delete-capitalised', description: 'test rule', version: 1, fixable: 'safe', recommended: 'warn', defaultOptions: {}, optionsSchema: {} },
  create() {
    return {
      check(context) {
        for (const line of context.lines) {
          if (!/^[A-Z]/.test(line.text)) continue;
          context.report({ message: 'Unexpected line', start: line.start, end: line.end, fix: { range: [line.start, line.next], text: '' } });
        }
      },
    };
  },
});
const linter = new Linter([{ rule: deleteCapitalisedLines, severity: 'warn', options: {} }]);

const HELD_BACK = 'they are held back as unsafe: review them and apply them with --unsafe-fixes if they are right';

describe('safe fixes that would empty a document or remove most of its prose', () => {
  const cases: Array<{ name: string; text: string; notice?: string; output: string; unsafe?: string }> = [
    { name: 'a two-word file', text: 'Hello world\n', notice: `Safe fixes would empty this document (100% of its words); ${HELD_BACK}`, output: 'Hello world\n', unsafe: '' },
    { name: 'a heading alone', text: 'Chapter One\n', notice: `Safe fixes would empty this document (100% of its words); ${HELD_BACK}`, output: 'Chapter One\n', unsafe: '' },
    {
      name: 'more than four fifths of the words (a poem whose lines all start with a capital)',
      text: 'Two roads diverged in a yellow wood,\nAnd sorry I could not travel both\nAnd be one traveler, long I stood\nand looked\n',
      notice: `Safe fixes would remove 91% of this document's words; ${HELD_BACK}`,
      output: 'Two roads diverged in a yellow wood,\nAnd sorry I could not travel both\nAnd be one traveler, long I stood\nand looked\n',
      unsafe: 'and looked\n',
    },
    {
      name: 'most of the words but not four fifths (a page whose site text outweighs its article): applied as safe',
      text: 'Home News Sport\nSubscribe to our newsletter now\nthe council voted to close the bridge\n',
      output: 'the council voted to close the bridge\n',
    },
    {
      name: 'most of the words but a third of the prose left (site text with comments around a short article): applied as safe',
      text:
        'Home News Sport World Business\nCulture Travel Weather Video Audio\nMore Sections Search Sign In\nSubscribe Donate Newsletters Jobs Podcasts\n' +
        'Opinion Science Health Money Style\nAbout Contact Careers Privacy Terms\n' +
        'the council voted on tuesday to close the old bridge for repairs\n' +
        'Great article, thanks for writing this up so clearly for all of us.\n' +
        'Someone should ask the council why the repairs took so long this year.\n',
      output: 'the council voted on tuesday to close the old bridge for repairs\n',
    },
    {
      name: 'more than four fifths of the prose (comments taken for chrome around one sentence of article)',
      text:
        'the council voted on tuesday to close the bridge now\n' +
        'Great article, thanks for writing this up so clearly for us.\n' +
        'Someone should ask the council why the repairs took so long.\n' +
        'The bridge was built in 1932 and last repaired in the seventies.\n' +
        'Traffic will be diverted over the ring road for about six months.\n' +
        'Residents say the diversion adds twenty minutes to every trip in town.\n',
      notice: `Safe fixes would remove 85% of this document's prose; ${HELD_BACK}`,
      output:
        'the council voted on tuesday to close the bridge now\n' +
        'Great article, thanks for writing this up so clearly for us.\n' +
        'Someone should ask the council why the repairs took so long.\n' +
        'The bridge was built in 1932 and last repaired in the seventies.\n' +
        'Traffic will be diverted over the ring road for about six months.\n' +
        'Residents say the diversion adds twenty minutes to every trip in town.\n',
      unsafe: 'the council voted on tuesday to close the bridge now\n',
    },
    {
      name: 'less than half of the words: applied as safe',
      text: 'Share this\nthe council voted on tuesday to close the bridge\n',
      output: 'the council voted on tuesday to close the bridge\n',
    },
    { name: 'nothing to remove', text: 'all lower case\n', output: 'all lower case\n' },
  ];
  for (const { name, text, notice, output, unsafe } of cases) {
    it(name, () => {
      const file = linter.lint(text);
      guardWholesaleRemoval(file, text);
      const notices = file.messages.filter((message) => message.ruleId === undefined).map((message) => message.reason);
      expect(notices).toEqual(notice ? [notice] : []);
      const safeties = file.messages.filter((message) => message.fix).map((message) => message.fixSafety);
      expect(safeties.every((safety) => safety === (notice ? 'unsafe' : 'safe'))).toBe(true);
      const fixed = fixText(linter, text);
      expect(fixed.output).toBe(output);
      // Fixing the output again changes nothing more.
      expect(fixText(linter, fixed.output).output).toBe(fixed.output);
      if (unsafe !== undefined) expect(fixText(linter, text, { unsafe: true }).output).toBe(unsafe);
    });
  }
});

describe('countWords', () => {
  const sliced = (text: string, start: number, end: number): number => {
    let count = 0;
    scanWords(text.slice(start, end), () => count++);
    return count;
  };
  const fixtures = fs.readdirSync('test/fixtures', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.txt'));

  it('counts as scanWords does on a slice, over the real texts of test/fixtures: whole, line by line and in arbitrary ranges', () => {
    expect(fixtures.length).toBeGreaterThan(20);
    for (const file of fixtures) {
      const text = fs.readFileSync(path.join('test/fixtures', file), 'utf8');
      expect(countWords(text)).toBe(sliced(text, 0, text.length));
      let start = 0;
      for (const line of text.split('\n')) {
        expect(countWords(text, start, start + line.length)).toBe(sliced(text, start, start + line.length));
        start += line.length + 1;
      }
      // Ranges that cut words, joiners and surrogate pairs wherever they fall.
      for (let from = 0; from < text.length; from += 97) {
        for (const length of [0, 1, 2, 7, 40, 301]) expect(countWords(text, from, from + length)).toBe(sliced(text, from, from + length));
      }
    }
  });

  it('reads a range cut inside a surrogate pair, at a joiner or past the end as slice does', () => {
    const text = "a\u{1D4D0}b don't x-\u{1D4D0} 1.5 \u{1F600}";
    for (let from = -3; from <= text.length + 1; from++) {
      for (let to = -3; to <= text.length + 2; to++) expect(countWords(text, from, to)).toBe(sliced(text, from, to));
    }
  });
});

describe('excessiveRemoval with the fixes that made the result', () => {
  const fixtures = fs.readdirSync('test/fixtures', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.txt'));

  it('answers as counting the result does, for line deletions, cuts inside lines and insertions over the real texts of test/fixtures', () => {
    let excessive = 0;
    let judged = 0;
    for (const file of fixtures) {
      const text = fs.readFileSync(path.join('test/fixtures', file), 'utf8');
      const lines: Array<{ start: number; end: number }> = [];
      for (let start = 0; start <= text.length; ) {
        const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
        lines.push({ start, end });
        start = end + 1;
      }
      for (let every = 1; every <= 5; every++) {
        const deleteLines: Fix[] = lines.filter((_, index) => index % every === 0).map((line) => ({ range: [line.start, Math.min(line.end + 1, text.length)], text: '' }));
        // Cuts that join lines or words, and text inserted at a line's start or end.
        const mixed: Fix[] = lines.filter((_, index) => index % (every + 1) === 1).flatMap((line, index): Fix[] =>
          index % 3 === 0 ? [{ range: [Math.max(0, line.end - 2), Math.min(line.end + 2, text.length)], text: '' }]
          : index % 3 === 1 ? [{ range: [line.start, line.start], text: 'inserted words here ' }]
          : [{ range: [line.start, line.end], text: 'x' }],
        );
        for (const fixes of [deleteLines, mixed]) {
          const applied = applyFixes(text, fixes);
          const answer = excessiveRemoval(text, applied.text);
          expect(excessiveRemoval(text, applied.text, applied.taken)).toEqual(answer);
          judged++;
          if (answer) excessive++;
        }
      }
    }
    // Both answers occur, so both paths were compared.
    expect(excessive).toBeGreaterThan(0);
    expect(judged - excessive).toBeGreaterThan(0);
  });
});
