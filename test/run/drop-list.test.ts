/**
 * What the drop list says of one document: whether fixing empties it (and
 * whose fixes, and whether this run applied them), and the entry written.
 */
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/core/lint.js';
import { toPlainMessage } from '../../src/core/plain-message.js';
import { defineRule } from '../../src/core/rule.js';
import { fixText, guardWholesaleRemoval } from '../../src/core/fix.js';
import { dropEntryOf, exclusionShardPath } from '../../src/run/drop-list.js';
import { findEmptied, type Emptied } from '../../src/workers/emptied.js';

/** Deletes, with a safe fix, every line that starts with a capital letter (as a chrome rule deletes menu lines). */
const deleteCapitalised = defineRule({
  meta: { id: 'delete-capitalised', description: 'test rule', version: 1, fixable: 'safe', recommended: 'warn', defaultOptions: {}, optionsSchema: {} },
  create() {
    return {
      check(context) {
        for (const line of context.lines) {
          if (/^[A-Z]/.test(line.text)) context.report({ message: 'Unexpected line', start: line.start, end: line.end, fix: { range: [line.start, line.next], text: '' } });
        }
      },
    };
  },
});
/** Deletes, with an unsafe fix, every line that starts with `#` (as a rule unsure of its finding does). */
const deleteHashLines = defineRule({
  meta: { id: 'delete-hash', description: 'test rule', version: 1, fixable: 'unsafe', recommended: 'warn', defaultOptions: {}, optionsSchema: {} },
  create() {
    return {
      check(context) {
        for (const line of context.lines) {
          if (line.text.startsWith('#')) context.report({ message: 'Unexpected note', start: line.start, end: line.end, fix: { range: [line.start, line.next], text: '' }, fixSafety: 'unsafe' });
        }
      },
    };
  },
});
const linter = new Linter([
  { rule: deleteCapitalised, severity: 'warn', options: {} },
  { rule: deleteHashLines, severity: 'warn', options: {} },
]);

/** The document as the worker sees it in a run of this fix mode. */
function emptiedIn(text: string, fix: 'off' | 'safe' | 'unsafe'): Emptied | undefined {
  if (fix === 'off') {
    const file = linter.lint(text);
    guardWholesaleRemoval(file, text);
    return findEmptied(linter, text, {}, 'off', undefined, file);
  }
  const fixed = fixText(linter, text, { unsafe: fix === 'unsafe' });
  return findEmptied(linter, text, {}, fix, fixed.output === text ? undefined : fixed.output, fixed.file);
}

describe('findEmptied', () => {
  const wouldEmpty = (rules: string[]): Emptied => ({ applied: false, fixes: 'unsafe', rules });
  const emptied = (rules: string[]): Emptied => ({ applied: true, fixes: 'unsafe', rules });
  const cases: Array<{ name: string; text: string; off?: Emptied; safe?: Emptied; unsafe?: Emptied }> = [
    // The engine's guard holds the safe deletion back (it would empty the file), so it is an unsafe fix pending.
    { name: 'safe fixes the guard holds back', text: 'Hello world\n', off: wouldEmpty(['delete-capitalised']), safe: wouldEmpty(['delete-capitalised']), unsafe: emptied(['delete-capitalised']) },
    {
      name: 'two rules, the one removing more first',
      text: '# a note that is longer than the heading\nHeading\n',
      off: wouldEmpty(['delete-hash', 'delete-capitalised']),
      // --fix deleted the heading; what empties the document is still both rules' fixes of the original.
      safe: wouldEmpty(['delete-hash', 'delete-capitalised']),
      unsafe: emptied(['delete-hash', 'delete-capitalised']),
    },
    { name: 'text left after every fix', text: 'Menu\nthe council voted to close the bridge\n# note\n' },
    { name: 'nothing to fix', text: 'all lower case\n' },
    { name: 'a document blank already', text: '  \n\n' },
  ];
  for (const { name, text, off, safe, unsafe } of cases) {
    it(name, () => {
      expect(emptiedIn(text, 'off')).toEqual(off);
      expect(emptiedIn(text, 'safe')).toEqual(safe);
      expect(emptiedIn(text, 'unsafe')).toEqual(unsafe);
    });
  }
});

describe('dropEntryOf', () => {
  const copyMessage = toPlainMessage(Object.assign(linter.lint('x').message('Near-duplicate of a.txt: 91% of this file’s 5-word shingles occur there; keep that file and remove this one'), {
    ruleId: 'no-near-duplicate-docs',
    data: { keep: 'a.txt', partner: 'a.txt' },
  }));
  const cases: Array<{ name: string; path: string; record?: string; messages: ReturnType<typeof toPlainMessage>[]; emptied?: Emptied; entry: unknown }> = [
    { name: 'a clean document', path: 'b.txt', messages: [], entry: undefined },
    {
      name: 'a near-duplicate copy',
      path: 'b.txt',
      messages: [copyMessage],
      entry: { id: 'b.txt', path: 'b.txt', rule: 'no-near-duplicate-docs', reason: copyMessage.reason, keep: 'a.txt' },
    },
    {
      name: 'a copy that fixing would also empty is listed once, as a copy',
      path: 's.jsonl',
      record: 'r2',
      messages: [copyMessage],
      emptied: { applied: false, fixes: 'unsafe', rules: ['no-site-chrome'] },
      entry: { id: 's.jsonl#r2', path: 's.jsonl', record: 'r2', rule: 'no-near-duplicate-docs', reason: copyMessage.reason, keep: 'a.txt' },
    },
    {
      name: 'a record --fix --unsafe-fixes emptied',
      path: 's.jsonl',
      record: 'r1',
      messages: [],
      emptied: { applied: true, fixes: 'unsafe', rules: ['no-site-chrome', 'no-trailing-spaces'] },
      entry: {
        id: 's.jsonl#r1',
        path: 's.jsonl',
        record: 'r1',
        rule: 'no-site-chrome',
        reason: '--fix --unsafe-fixes removed all of its text (fixes of no-site-chrome, no-trailing-spaces)',
        fixes: 'unsafe',
        applied: true,
        rules: ['no-site-chrome', 'no-trailing-spaces'],
      },
    },
  ];
  for (const { name, path, record, messages, emptied, entry } of cases) {
    it(name, () => {
      expect(dropEntryOf(path, record, messages, emptied)).toEqual(entry);
    });
  }
});

describe('exclusionShardPath', () => {
  const cases: Array<[string, string, string, string]> = [
    ['/work/excluded', '/work/corpus/a/s.jsonl.gz', '/work', '/work/excluded/corpus/a/s.jsonl.gz'],
    ['/work/excluded', '/data/crawl/s.parquet', '/work', '/work/excluded/data/crawl/s.parquet'],
  ];
  it.each(cases)('under %s: %s (working folder %s) → %s', (dir, shard, cwd, expected) => {
    expect(exclusionShardPath(dir, shard, cwd)).toBe(expected);
  });
});
