/** The built CLI on a small shard, as a user runs it. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempFolder } from '../e2e/run-cli.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

const SHARD = [
  { id: 'story-1', text: 'Putin thanked Kim Jong Un.   \nRead the full story.\n', url: 'https://example.com/1' },
  { id: 'story-2', text: 'A clean line of article text.\n', url: 'https://example.com/2' },
]
  .map((record) => JSON.stringify(record))
  .join('\n')
  .concat('\n');

describe('corpuslint on a JSONL shard', () => {
  it('names the shard and the record id in JSON, and fixes the shard in place', () => {
    const cwd = tempFolder({ 'corpus/shard-0000.jsonl': SHARD });
    folders.push(cwd);
    const lint = runCli(['--rule-only', 'no-trailing-spaces', '--format', 'json', '--concurrency', 'off', 'corpus'], cwd);
    expect(lint.status).toBe(0);
    const reports = JSON.parse(lint.stdout) as Array<{ filePath: string; recordId?: string; messages: Array<{ line: number; column: number }> }>;
    expect(reports.map((report) => [path.basename(report.filePath), report.recordId, report.messages.map((m) => [m.line, m.column])])).toEqual([
      ['shard-0000.jsonl', 'story-1', [[1, 27]]],
      ['shard-0000.jsonl', 'story-2', []],
    ]);
    expect(lint.stderr).toBe('');

    const fix = runCli(['--rule-only', 'no-trailing-spaces', '--fix', '--stats', 'corpus'], cwd);
    expect(fix.status).toBe(0);
    expect(fix.stderr).toMatch(/^Rule\s+Messages\s+Documents\s+Time \(ms\)/);
    const lines = fs.readFileSync(path.join(cwd, 'corpus/shard-0000.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { id: 'story-1', text: 'Putin thanked Kim Jong Un.\nRead the full story.\n', url: 'https://example.com/1' },
      { id: 'story-2', text: 'A clean line of article text.\n', url: 'https://example.com/2' },
    ]);
  });

  it('--stats shows the corpus phase as a row of its own when a rule reads the corpus', () => {
    const cwd = tempFolder({ 'a.txt': 'One short document about a city council vote.\n', 'b.txt': 'Another one about the weather.\n' });
    const stats = runCli(['--rule-only', 'no-near-duplicate-docs', '--stats', '.'], cwd).stderr;
    expect(stats).toMatch(/^no-near-duplicate-docs\s+0\s+0\s/m);
    expect(stats).toMatch(/^\(corpus index\)\s+0\s+0\s+\d+\.\d/m);
    expect(runCli(['--rule-only', 'no-trailing-spaces', '--stats', '.'], cwd).stderr).not.toContain('(corpus index)');
  });

  it('rejects a bad --concurrency in one line', () => {
    const run = runCli(['--concurrency', 'many', '.'], projectless());
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('corpuslint: --concurrency "many": use auto, off or a whole number of threads from 1 to 64\n');
  });
});

function projectless(): string {
  const cwd = tempFolder({ 'a.txt': 'Text.\n' });
  folders.push(cwd);
  return cwd;
}
