/**
 * The built-in ESLint-style formats against the published formatter
 * packages (dev dependencies) run on the same ESLint results, and formatter
 * packages loaded by name from the command line.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { consumerResult } from '../../src/reporters/eslint-formats.js';
import { reporters } from '../../src/reporters/index.js';
import type { DocumentReport } from '../../src/reporters/reporter.js';
import { runCli, tempFolder } from '../e2e/run-cli.js';
import { CWD, contextFor, RULES, sampleReports } from './sample-reports.js';

const require = createRequire(import.meta.url);
type Formatter = (results: unknown[], context?: unknown) => string;
const packageFormatter = (name: string) => require(`eslint-formatter-${name}`) as Formatter;

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** The sample run, with the text of every document that has one, as `json-with-source` gives it. */
function reportsWithSource(): DocumentReport[] {
  return sampleReports().map((report) => (report.filePath.endsWith('bad.txt') ? { ...report, source: 'Broken \u0000 text\n' } : report));
}

const rulesMeta = Object.fromEntries([...RULES.keys()].map((id) => [id, { docs: { url: `https://github.com/corpuslint/corpuslint/blob/main/rules/${id}.md` } }]));

describe('built-in formats print what ESLint formatter packages print', () => {
  it.each(['compact', 'unix', 'junit', 'checkstyle'] as const)('%s', (name) => {
    const reports = reportsWithSource();
    const expected = packageFormatter(name)(reports.map(consumerResult));
    // Ended with a newline, as ESLint's CLI prints a formatter's text that lacks one.
    expect(reporters[name](reports, contextFor())).toBe(expected.endsWith('\n') ? expected : `${expected}\n`);
  });

  it('rdjson, with corpuslint named as the source', () => {
    const reports = reportsWithSource();
    const expected = JSON.parse(packageFormatter('rdjson')(reports.map(consumerResult), { rulesMeta })) as { source: unknown; diagnostics: unknown[] };
    const written = JSON.parse(reporters.rdjson(reports, contextFor())) as typeof expected;
    expect(written.source).toEqual({ name: 'corpuslint', url: 'https://github.com/corpuslint/corpuslint/blob/main/README.md' });
    expect(written.diagnostics).toEqual(expected.diagnostics);
    expect(written.diagnostics).toHaveLength(6);
  });

  it('puts a record\'s own place in the message and the shard\'s first line in the location', () => {
    const [line] = reporters.unix([sampleReports()[1]!], contextFor()).split('\n');
    expect(line).toBe(`${CWD}/corpus/shard.jsonl:1:1: record rec-7 1:8: Unexpected white space at the end of the line; remove it [Error/no-trailing-spaces]`);
  });
});

describe('-f with a formatter package name', () => {
  const corpus = () => {
    const folder = tempFolder({ 'a.txt': 'Leave a Comment   \nThe end.\n', 'b.bin': 'Binary \u0000 bytes \u0000\u0000 here\n' });
    folders.push(folder);
    return folder;
  };
  const args = ['--rule-only', 'no-trailing-spaces', 'a.txt', 'b.bin'];

  it('eslint-formatter-unix prints what the built-in unix format prints', () => {
    const cwd = corpus();
    const external = runCli(['-f', 'eslint-formatter-unix', ...args], cwd);
    const builtin = runCli(['-f', 'unix', ...args], cwd);
    expect(external.stderr).toBe('');
    expect(external.stdout).toBe(builtin.stdout);
    expect(external.stdout).toContain('a.txt:1:16: Unexpected white space at the end of the line; remove it [Warning/no-trailing-spaces]');
  });

  it('codeframe (resolved from `-f codeframe`) shows the text around each problem', () => {
    const run = runCli(['-f', 'codeframe', ...args], corpus());
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('warning: Unexpected white space at the end of the line; remove it (no-trailing-spaces) at a.txt:1:16:\n> 1 | Leave a Comment   \n    |                ^\n  2 | The end.');
  });

  it('rdjson from the package runs on every message, file-level ones at line 1 (its column 0: no text was read)', () => {
    const run = runCli(['-f', 'eslint-formatter-rdjson', ...args], corpus());
    expect(run.stderr).toBe('');
    const diagnostics = (JSON.parse(run.stdout) as { diagnostics: Array<{ location: { path: string; range: unknown } }> }).diagnostics;
    expect(diagnostics.map((diagnostic) => [diagnostic.location.path.replace(/^.*\//, ''), diagnostic.location.range])).toEqual([
      ['a.txt', { start: { line: 1, column: 16 }, end: { line: 1, column: 19 } }],
      ['b.bin', { start: { line: 1, column: 0 } }],
    ]);
  });

  it('an unknown name is one line saying what to install', () => {
    const run = runCli(['-f', 'no-such-format', ...args], corpus());
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'corpuslint: Unknown format "no-such-format": use a built-in one (see corpuslint --help) or install an ESLint formatter package (npm i -D eslint-formatter-no-such-format)\n',
    );
  });
});
