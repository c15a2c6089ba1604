/** What the CLI says on stderr about the report itself: the summary with -o, the SARIF cap, the dry-run diff beside --stats. */
import fs from 'node:fs';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempFolder } from '../e2e/run-cli.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function corpus(): string {
  const folder = tempFolder({ 'a.txt': 'One \nTwo \nThree \n', 'b.txt': 'Clean text.\n' });
  folders.push(folder);
  return folder;
}

const TRAILING = ['--rule-only', 'no-trailing-spaces'];

describe('stderr beside the report', () => {
  it.each([
    { args: ['-f', 'json', '-o', 'out.json'], stderr: 'corpuslint: 3 problems (0 errors, 3 warnings) in 1 document; report written to out.json\n' },
    { args: ['-f', 'json'], stderr: '' },
    {
      args: ['-f', 'sarif', '--max-results', '2', '-o', 'out.sarif'],
      stderr:
        'corpuslint: SARIF report capped at 2 results: kept 0 of 0 errors and 2 of 3 warnings and notes, 1 left out (GitHub takes at most 25,000 a run); set --max-results (0: no cap), or lint the corpus in parts\n' +
        'corpuslint: 3 problems (0 errors, 3 warnings) in 1 document; report written to out.sarif\n',
    },
    { args: ['-f', 'sarif', '--max-results', '-1'], stderr: 'corpuslint: --max-results -1: use a whole number of results (0: no cap)\n' },
  ])('$args', ({ args, stderr }) => {
    const cwd = corpus();
    const run = runCli([...TRAILING, ...args, '.'], cwd);
    expect(run.stderr).toBe(stderr);
    if (args.includes('out.sarif')) {
      const log = JSON.parse(fs.readFileSync(path.join(cwd, 'out.sarif'), 'utf8')) as Sarif.Log;
      expect(log.runs[0]!.results).toHaveLength(2);
    }
  });

  it('keeps the --fix-dry-run diff and the --stats table apart', () => {
    const run = runCli([...TRAILING, '--fix-dry-run', '--stats', '--concurrency', 'off', '.'], corpus());
    const [diff, table] = run.stderr.split('\n\n');
    expect(diff).toBe(`${'='.repeat(67)}\n--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n-One \n-Two \n-Three \n+One\n+Two\n+Three`);
    expect(table).toMatch(/^Rule +Messages +Documents +Time \(ms\) +Time %\n/);
  });
});
