/**
 * `corpuslint seeds/` against the hand-labelled defects of the example
 * corpus: every `must` defect is reported by a rule of its kind, and nothing
 * is reported on a line that is not labelled (must or may) or inside a
 * labelled appended story. Mirrors ../shared/tools/score-seeds.mjs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runCli, type JsonMessage, type JsonResult } from './run-cli.js';

interface Finding {
  line?: number;
  lines?: number[];
  kind: string;
  note: string;
  range?: [number, number];
}
interface Labels {
  files: Record<string, { must: Finding[]; may: Finding[] }>;
  corpus: { near_duplicates: Array<{ files: [string, string] }>; not_duplicate: Array<{ files: string[] }> };
}

const labels = JSON.parse(fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'seeds-labels.json'), 'utf8')) as Labels;
const LINE_REMOVING = new Set(['no-site-chrome', 'no-duplicate-lines', 'no-appended-story']);

function kindOf(ruleId: string | null): string {
  const id = ruleId ?? '';
  if (id.includes('near-duplicate')) return 'corpus';
  if (id === 'no-appended-story') return 'appended';
  if (/typo|spell/.test(id)) return 'typo';
  if (LINE_REMOVING.has(id)) return 'removing';
  return 'format';
}

function reports(finding: Finding, message: JsonMessage): boolean {
  const kind = kindOf(message.ruleId);
  const line = finding.line ?? 0;
  const covers = message.line <= line && line <= (message.endLine ?? message.line);
  if (finding.kind === 'appended') return kind === 'appended' && Math.abs(message.line - line) <= 1;
  if (finding.kind === 'chrome' || finding.kind === 'duplicate') return (kind === 'removing' || kind === 'appended') && covers;
  return kind === finding.kind && covers;
}

describe('corpuslint seeds/ (the labelled example corpus)', () => {
  const run = runCli(['--format', 'json', 'seeds/']);
  const results = JSON.parse(run.stdout) as JsonResult[];
  const byName = new Map(results.map((result) => [path.basename(result.filePath), result.messages]));

  it('exits 1: the seeds are dirty', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });

  for (const [name, fileLabels] of Object.entries(labels.files)) {
    for (const finding of fileLabels.must) {
      it(`reports ${name}:${finding.line} (${finding.kind}: ${finding.note})`, () => {
        expect((byName.get(name) ?? []).some((message) => reports(finding, message))).toBe(true);
      });
    }

    it(`raises no false alarm in ${name}`, () => {
      const labelled = new Set<number>();
      for (const finding of [...fileLabels.must, ...fileLabels.may]) for (const line of finding.lines ?? [finding.line ?? 0]) labelled.add(line);
      const ranges = fileLabels.must.flatMap((finding) => (finding.range ? [finding.range] : []));
      const falseAlarms = (byName.get(name) ?? []).filter((message) => {
        if (kindOf(message.ruleId) === 'corpus') return false;
        for (let line = message.line; line <= (message.endLine ?? message.line); line++) {
          if (labelled.has(line) || ranges.some(([from, to]) => from <= line && line <= to)) return false;
        }
        return true;
      });
      expect(falseAlarms.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`)).toEqual([]);
    });
  }

  for (const { files } of labels.corpus.near_duplicates) {
    it(`reports ${files[0]} and ${files[1]} as near-duplicates`, () => {
      const names = (name: string, other: string) =>
        (byName.get(name) ?? []).some((m) => kindOf(m.ruleId) === 'corpus' && m.message.includes(other.replace(/\.txt$/, '')));
      expect(names(files[0], files[1]) || names(files[1], files[0])).toBe(true);
    });
  }

  for (const { files } of labels.corpus.not_duplicate) {
    for (const name of files) {
      it(`never calls ${name} a near-duplicate`, () => {
        expect((byName.get(name) ?? []).filter((m) => kindOf(m.ruleId) === 'corpus')).toEqual([]);
      });
    }
  }
});
