/**
 * The baseline as a team adopts it, step by step as ESLint's bulk
 * suppressions document it: suppress what is there, fail on what is new,
 * fail on what no longer occurs until it is pruned; on files and on shard
 * records.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryFolders, type JsonResult } from './run-cli.js';

const folder = temporaryFolders();

const SPACES = ['--rule-only', 'no-trailing-spaces', '--concurrency', 'off'];
const FILE = 'corpuslint-suppressions.json';

function baseline(cwd: string, name = FILE): unknown {
  return JSON.parse(fs.readFileSync(path.join(cwd, name), 'utf8'));
}

function reported(stdout: string): Array<[string, number]> {
  return (JSON.parse(stdout) as JsonResult[]).filter((result) => result.messages.length > 0).map((result) => [path.basename(result.filePath) + (result.recordId ? `#${result.recordId}` : ''), result.messages.length]);
}

const UNUSED = (suppressions: string, documents: string) =>
  `corpuslint: ${suppressions} in ${documents} of ${FILE} no longer ${suppressions.startsWith('1 ') ? 'occurs' : 'occur'}; run again with --prune-suppressions to remove them, or with --pass-on-unpruned-suppressions to ignore them\n`;

describe('a baseline on text files', () => {
  it('suppresses what is there, reports a document once it has more, fails on what no longer occurs, and prunes', () => {
    const cwd = folder({ 'corpus/a.txt': 'one \ntwo \nthree\n', 'corpus/b.txt': 'four \n', 'corpus/c.txt': 'clean\n' });
    const all = runCli([...SPACES, '--suppress-all', 'corpus'], cwd);
    expect(all).toEqual({
      status: 0,
      stdout: '',
      stderr: `corpuslint: suppressions written to ${FILE}\ncorpuslint: 3 problems suppressed by ${FILE}\n`,
    });
    expect(fs.readFileSync(path.join(cwd, FILE), 'utf8')).toBe(
      '{\n  "corpus/a.txt": {\n    "no-trailing-spaces": {\n      "count": 2\n    }\n  },\n  "corpus/b.txt": {\n    "no-trailing-spaces": {\n      "count": 1\n    }\n  }\n}\n',
    );

    // CI with no warning allowed passes on the old problems.
    expect(runCli([...SPACES, '--max-warnings', '0', 'corpus'], cwd)).toEqual({ status: 0, stdout: '', stderr: `corpuslint: 3 problems suppressed by ${FILE}\n` });

    // One more in b: which is new cannot be told, so both of b's are reported (as ESLint does); a's stay suppressed.
    fs.writeFileSync(path.join(cwd, 'corpus/b.txt'), 'four \nfive \n');
    const grown = runCli([...SPACES, '--max-warnings', '0', '-f', 'json', 'corpus'], cwd);
    expect(grown.status).toBe(1);
    expect(reported(grown.stdout)).toEqual([['b.txt', 2]]);
    expect(grown.stderr).toBe(`corpuslint: 2 problems suppressed by ${FILE}\n`);

    // One of a's fixed: the baseline is now looser than the corpus, and the run fails until it is pruned.
    fs.writeFileSync(path.join(cwd, 'corpus/b.txt'), 'four \n');
    fs.writeFileSync(path.join(cwd, 'corpus/a.txt'), 'one\ntwo \nthree\n');
    const loose = runCli([...SPACES, 'corpus'], cwd);
    expect(loose).toEqual({ status: 2, stdout: '', stderr: `corpuslint: 2 problems suppressed by ${FILE}\n${UNUSED('1 suppression', '1 document')}` });
    expect(runCli([...SPACES, '--pass-on-unpruned-suppressions', 'corpus'], cwd).status).toBe(0);
    expect(runCli([...SPACES, '--prune-suppressions', 'corpus'], cwd).status).toBe(0);
    expect(baseline(cwd)).toEqual({ 'corpus/a.txt': { 'no-trailing-spaces': { count: 1 } }, 'corpus/b.txt': { 'no-trailing-spaces': { count: 1 } } });
    expect(runCli([...SPACES, 'corpus'], cwd).status).toBe(0);

    // A document dropped from the corpus leaves its suppressions unused.
    fs.rmSync(path.join(cwd, 'corpus/b.txt'));
    expect(runCli([...SPACES, 'corpus'], cwd).stderr).toBe(`corpuslint: 1 problem suppressed by ${FILE}\n${UNUSED('1 suppression', '1 document')}`);
    runCli([...SPACES, '--prune-suppressions', 'corpus'], cwd);
    expect(baseline(cwd)).toEqual({ 'corpus/a.txt': { 'no-trailing-spaces': { count: 1 } } });
  });

  it('--suppress-rule records one rule and leaves the others reported', () => {
    const cwd = folder({ 'a.txt': 'one \ntwo' });
    const rules = ['--rule-only', 'no-trailing-spaces', '--rule-only', 'eol-last', '--concurrency', 'off'];
    const run = runCli([...rules, '--suppress-rule', 'eol-last', '-f', 'json', 'a.txt'], cwd);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as JsonResult[])[0]!.messages.map((message) => message.ruleId)).toEqual(['no-trailing-spaces']);
    expect(baseline(cwd)).toEqual({ 'a.txt': { 'eol-last': { count: 1 } } });
    // Then the other rule too: the first rule's counts stay.
    runCli([...rules, '--suppress-rule', 'no-trailing-spaces', 'a.txt'], cwd);
    expect(baseline(cwd)).toEqual({ 'a.txt': { 'eol-last': { count: 1 }, 'no-trailing-spaces': { count: 1 } } });
    expect(runCli([...rules, '--max-warnings', '0', 'a.txt'], cwd).status).toBe(0);
  });

  it('--suppressions-location keeps the file elsewhere; without it the default file is not read', () => {
    const cwd = folder({ 'corpus/a.txt': 'one \n' });
    fs.mkdirSync(path.join(cwd, 'ci'));
    expect(runCli([...SPACES, '--suppress-all', '--suppressions-location', 'ci/baseline.json', 'corpus'], cwd).status).toBe(0);
    expect(fs.existsSync(path.join(cwd, FILE))).toBe(false);
    expect(baseline(cwd, 'ci/baseline.json')).toEqual({ 'corpus/a.txt': { 'no-trailing-spaces': { count: 1 } } });
    expect(runCli([...SPACES, '--max-warnings', '0', '--suppressions-location', 'ci/baseline.json', 'corpus'], cwd).status).toBe(0);
    expect(runCli([...SPACES, '--max-warnings', '0', 'corpus'], cwd).status).toBe(1);
  });

  it('--fix --suppress-all fixes what it can and records the rest', () => {
    const cwd = folder({ 'a.txt': 'Leave a Comment\nShare this article\nRead more\nFollow us on Twitter\n', 'b.txt': 'A line of article text. \n' });
    const rules = ['--rule-only', 'no-trailing-spaces', '--rule-only', 'no-site-chrome', '--concurrency', 'off'];
    expect(runCli([...rules, '--fix', '--suppress-all', 'a.txt', 'b.txt'], cwd).status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'b.txt'), 'utf8')).toBe('A line of article text.\n');
    // The chrome block's fix is unsafe, so it stays, suppressed; the trailing space was fixed, not suppressed.
    expect(baseline(cwd)).toEqual({ 'a.txt': { 'no-site-chrome': { count: 1 } } });
    expect(runCli([...rules, 'a.txt', 'b.txt'], cwd).status).toBe(0);
  });
});

describe('a baseline on shard records', () => {
  const shard = (records: Array<{ id: string; text: string }>) => records.map((record) => JSON.stringify(record)).join('\n') + '\n';

  it('counts per record, and a record dropped from the shard is a suppression no longer needed', () => {
    const cwd = folder({ 'corpus/s.jsonl': shard([{ id: 'r1', text: 'one \ntwo \n' }, { id: 'r2', text: 'three \n' }, { id: 'r3', text: 'clean\n' }]) });
    expect(runCli([...SPACES, '--suppress-all', 'corpus'], cwd).status).toBe(0);
    expect(baseline(cwd)).toEqual({ 'corpus/s.jsonl#r1': { 'no-trailing-spaces': { count: 2 } }, 'corpus/s.jsonl#r2': { 'no-trailing-spaces': { count: 1 } } });
    expect(runCli([...SPACES, '--max-warnings', '0', 'corpus'], cwd).status).toBe(0);

    fs.writeFileSync(path.join(cwd, 'corpus/s.jsonl'), shard([{ id: 'r1', text: 'one \ntwo \n' }, { id: 'r3', text: 'clean \n' }]));
    const run = runCli([...SPACES, '-f', 'json', 'corpus'], cwd);
    expect(run.status).toBe(2);
    expect(reported(run.stdout)).toEqual([['s.jsonl#r3', 1]]);
    expect(run.stderr).toBe(`corpuslint: 2 problems suppressed by ${FILE}\n${UNUSED('1 suppression', '1 document')}`);
    runCli([...SPACES, '--prune-suppressions', 'corpus'], cwd);
    expect(baseline(cwd)).toEqual({ 'corpus/s.jsonl#r1': { 'no-trailing-spaces': { count: 2 } } });
  });
});

describe('suppression flags and files that cannot work: one line, exit 2', () => {
  const cases: Array<{ name: string; files?: Record<string, string>; args: string[]; error: string }> = [
    { name: '--suppress-all with --suppress-rule', args: ['--suppress-all', '--suppress-rule', 'eol-last', 'a.txt'], error: '--suppress-all and --suppress-rule cannot be used together; give one of them' },
    {
      name: '--prune-suppressions with --suppress-all',
      args: ['--prune-suppressions', '--suppress-all', 'a.txt'],
      error: '--prune-suppressions cannot be used with --suppress-all or --suppress-rule; run them one after the other',
    },
    {
      name: 'a baseline from a dry run',
      args: ['--suppress-all', '--fix-dry-run', 'a.txt'],
      error: '--suppress-all, --suppress-rule and --prune-suppressions count the problems of the text on disk; use them with --fix, not --fix-dry-run',
    },
    { name: 'an unknown rule', args: ['--suppress-rule', 'no-such-rule', 'a.txt'], error: 'Unknown rule "no-such-rule" in --suppress-rule; run `corpuslint --list-rules` to see the rule ids' },
    {
      name: 'a file that is not JSON',
      files: { [FILE]: '{ "a.txt": ' },
      args: ['a.txt'],
      error: `The suppressions file ${FILE} is not valid JSON (Unexpected end of JSON input); fix it, or delete it and run --suppress-all again`,
    },
    {
      name: 'a count that is not a whole number',
      files: { [FILE]: '{ "a.txt": { "eol-last": { "count": 0 } } }' },
      args: ['a.txt'],
      error: `The suppressions file ${FILE}: "a.txt" → "eol-last" must be { "<rule>": { "count": <whole number ≥ 1> } }; fix it, or delete it and run --suppress-all again`,
    },
  ];
  for (const { name, files, args, error } of cases) {
    it(name, () => {
      const cwd = folder({ 'a.txt': 'text\n', ...files });
      expect(runCli(args, cwd)).toEqual({ status: 2, stdout: '', stderr: `corpuslint: ${error}\n` });
    });
  }
});
