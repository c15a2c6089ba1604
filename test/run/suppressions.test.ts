/** The baseline's arithmetic on one document, as ESLint's SuppressionsService does it (warnings counted too). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VFileMessage } from 'vfile-message';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentReport } from '../../src/reporters/reporter.js';
import { Suppressions, type SuppressionCounts, type SuppressionMode } from '../../src/run/suppressions.js';

const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-suppressions-'));
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

function message(ruleId: string | undefined, fatal: boolean | undefined, source = 'corpuslint'): VFileMessage {
  const made = new VFileMessage(`problem of ${ruleId ?? source}`, { ruleId, source });
  made.fatal = fatal;
  return made;
}

/** Messages by rule: `[rule, count]`, warnings. */
function report(name: string, counts: Array<[string, number]>, extra: VFileMessage[] = []): DocumentReport {
  return { filePath: path.join(cwd, name), messages: [...counts.flatMap(([rule, count]) => Array.from({ length: count }, () => message(rule, false))), ...extra] };
}

function suppressionsFile(counts: SuppressionCounts, mode: SuppressionMode): Suppressions {
  const location = path.join(cwd, `suppressions-${Math.random().toString(16).slice(2)}.json`);
  fs.writeFileSync(location, JSON.stringify(counts));
  return Suppressions.load(location, cwd, mode, [path.join(cwd, 'corpus')]);
}

const ruleIds = (filtered: DocumentReport) => filtered.messages.map((kept) => kept.ruleId ?? kept.source);

describe('applying a baseline to one document', () => {
  const cases: Array<{ name: string; entry: Record<string, number>; found: Array<[string, number]>; extra?: VFileMessage[]; reported: Array<string | undefined>; suppressed: number; unused: number }> = [
    { name: 'as many as counted: all left out', entry: { a: 2 }, found: [['a', 2]], reported: [], suppressed: 2, unused: 0 },
    { name: 'fewer than counted: left out, and the rest unused', entry: { a: 3 }, found: [['a', 1]], reported: [], suppressed: 1, unused: 1 },
    { name: 'more than counted: all of that rule reported', entry: { a: 1 }, found: [['a', 2], ['b', 1]], reported: ['a', 'a', 'b'], suppressed: 0, unused: 0 },
    { name: 'a rule not in the entry: reported', entry: { a: 1 }, found: [['a', 1], ['b', 1]], reported: ['b'], suppressed: 1, unused: 0 },
    { name: 'a rule gone from the document: unused', entry: { a: 1, b: 1 }, found: [['a', 1]], reported: [], suppressed: 1, unused: 1 },
    {
      name: "corpuslint's own note on a document is counted under corpuslint; a document that could not be read never",
      entry: { corpuslint: 1 },
      found: [],
      extra: [message(undefined, false), message(undefined, true)],
      reported: ['corpuslint'],
      suppressed: 1,
      unused: 0,
    },
  ];
  for (const { name, entry, found, extra, reported, suppressed, unused } of cases) {
    it(name, () => {
      const counts = { 'corpus/doc.txt': Object.fromEntries(Object.entries(entry).map(([rule, count]) => [rule, { count }])) };
      const suppressions = suppressionsFile(counts, { kind: 'apply' });
      const filtered = suppressions.filter(report('corpus/doc.txt', found, extra));
      expect(ruleIds(filtered)).toEqual(reported);
      const summary = suppressions.finish();
      expect([summary.suppressed, summary.unused]).toEqual([suppressed, unused]);
    });
  }
});

describe('rewriting a baseline', () => {
  // corpus/gone.txt is missing from the folder linted; elsewhere/kept.txt lies outside what was linted, so it always stays.
  const kept = { 'elsewhere/kept.txt': { a: { count: 1 } } };
  const before: SuppressionCounts = { 'corpus/doc.txt': { a: { count: 3 }, b: { count: 1 } }, 'corpus/gone.txt': { a: { count: 1 } }, ...kept };
  const cases: Array<{ name: string; mode: SuppressionMode; after: SuppressionCounts }> = [
    { name: '--suppress-all: the counts found, gone documents dropped', mode: { kind: 'suppress' }, after: { 'corpus/doc.txt': { a: { count: 2 }, c: { count: 1 } }, ...kept } },
    {
      name: '--suppress-rule c: that rule only',
      mode: { kind: 'suppress', rules: ['c'] },
      after: { 'corpus/doc.txt': { a: { count: 3 }, b: { count: 1 }, c: { count: 1 } }, 'corpus/gone.txt': { a: { count: 1 } }, ...kept },
    },
    { name: '--prune-suppressions: lowered to what is found, gone documents dropped', mode: { kind: 'prune' }, after: { 'corpus/doc.txt': { a: { count: 2 } }, ...kept } },
  ];
  for (const { name, mode, after } of cases) {
    it(name, async () => {
      const suppressions = suppressionsFile(before, mode);
      suppressions.filter(report('corpus/doc.txt', [['a', 2], ['c', 1]]));
      expect(suppressions.finish()).toMatchObject({ unused: 0 });
      expect(await suppressions.save()).toBe(true);
      expect(JSON.parse(fs.readFileSync(suppressions.location, 'utf8'))).toEqual(after);
    });
  }

  it('an apply run reports the gone document as unused and writes nothing', async () => {
    const suppressions = suppressionsFile(before, { kind: 'apply' });
    suppressions.filter(report('corpus/doc.txt', [['a', 2], ['c', 1]]));
    expect(suppressions.finish()).toEqual({ suppressed: 2, unused: 3, unusedDocuments: 2 });
    expect(await suppressions.save()).toBe(false);
  });
});
