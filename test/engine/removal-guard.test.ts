/**
 * The engine's guard: safe fixes that together would empty a document or
 * remove most of its words are held back as unsafe, whichever rule made them,
 * and the document gets one message saying so.
 */
import { describe, expect, it } from 'vitest';
import { fixText, guardWholesaleRemoval } from '../../src/core/fix.js';
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

describe('safe fixes that would empty a document or remove most of its words', () => {
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
