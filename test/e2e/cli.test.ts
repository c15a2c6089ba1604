/** The CLI as a user runs it: exit codes, formats, config errors, bad input, --fix. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempCopyOfSeeds, tempFolder, type JsonResult } from './run-cli.js';

const folders: string[] = [];
function folder(files: Record<string, string | Uint8Array>): string {
  const created = tempFolder(files);
  folders.push(created);
  return created;
}
afterAll(() => {
  for (const created of folders) fs.rmSync(created, { recursive: true, force: true });
});

const ONLY_TRAILING_SPACES = ['--rule-only', 'no-trailing-spaces'];

describe('exit codes', () => {
  it('0 and no output on a clean corpus', () => {
    const cwd = folder({ 'a.txt': 'A clean line of article text.\n' });
    const run = runCli(['.'], cwd);
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('0 with warnings only, 1 once they exceed --max-warnings', () => {
    const cwd = folder({ 'a.txt': 'Trailing space here \n' });
    expect(runCli([...ONLY_TRAILING_SPACES, '.'], cwd).status).toBe(0);
    expect(runCli([...ONLY_TRAILING_SPACES, '--max-warnings', '1', '.'], cwd).status).toBe(0);
    expect(runCli([...ONLY_TRAILING_SPACES, '--max-warnings', '0', '.'], cwd).status).toBe(1);
  });

  it('1 when a rule set to error reports', () => {
    const cwd = folder({ 'a.txt': 'Trailing space here \n' });
    expect(runCli(['--rule-only', 'no-trailing-spaces', '--rule', 'no-trailing-spaces: error', '.'], cwd).status).toBe(1);
  });

  it('--quiet reports errors only', () => {
    const cwd = folder({ 'a.txt': 'Trailing space here \n' });
    const run = runCli([...ONLY_TRAILING_SPACES, '--quiet', '--format', 'json', '.'], cwd);
    expect((JSON.parse(run.stdout) as JsonResult[])[0]!.messages).toEqual([]);
  });
});

describe('bad input: one line on stderr, exit 2, no stack trace', () => {
  const cases: Array<{ name: string; files?: Record<string, string | Uint8Array>; args: string[]; error: RegExp }> = [
    { name: 'no paths', args: [], error: /^corpuslint: No paths given/ },
    { name: 'a missing path', args: ['missing/'], error: /^corpuslint: No such file or folder: missing\/; check the path$/ },
    { name: 'an unknown option', args: ['--frobnicate', '.'], error: /^corpuslint: Unknown argument: frobnicate/ },
    {
      name: 'a cache in a folder that does not exist',
      args: ['--cache', '--cache-location', 'no-such-folder/cache', '.'],
      error: /^corpuslint: --cache-location .*no-such-folder\/cache: cannot write in .*no-such-folder; choose a file in an existing, writable folder$/,
    },
    { name: 'an unknown format', args: ['--format', 'xml', '.'], error: /^corpuslint: Unknown format "xml": use a built-in one/ },
    { name: 'an unknown rule on the command line', args: ['--rule', 'no-such-rule: error', '.'], error: /^corpuslint: Unknown rule "no-such-rule" in the command line/ },
    {
      name: 'a config that is not JSON',
      files: { '.corpuslintrc.json': '{ "rules": ' },
      args: ['.'],
      error: /^corpuslint: Config .*\.corpuslintrc\.json is not valid JSON/,
    },
    {
      name: 'a config with an unknown key',
      files: { '.corpuslintrc.json': '{ "rulez": {} }' },
      args: ['.'],
      error: /^corpuslint: Config .*\.corpuslintrc\.json: unknown key "rulez"; remove it or check its spelling$/,
    },
    {
      name: 'a config naming an unknown rule',
      files: { '.corpuslintrc.json': '{ "rules": { "no-such-rule": "warn" } }' },
      args: ['.'],
      error: /^corpuslint: Unknown rule "no-such-rule" in .*\.corpuslintrc\.json/,
    },
    {
      name: 'a config with a bad severity',
      files: { '.corpuslintrc.json': '{ "rules": { "no-trailing-spaces": "loud" } }' },
      args: ['.'],
      error: /^corpuslint: Config .*: rules\.no-trailing-spaces must be a severity/,
    },
    {
      name: 'a config with bad rule options',
      files: { '.corpuslintrc.json': '{ "rules": { "no-trailing-spaces": ["warn", { "skipBlank": true }] } }' },
      args: ['.'],
      error: /^corpuslint: Invalid options for rule "no-trailing-spaces" in .*: unknown key "skipBlank"/,
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const cwd = folder({ 'a.txt': 'Fine.\n', ...testCase.files });
      const run = runCli(testCase.args, cwd);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr.trimEnd()).toMatch(testCase.error);
    });
  }

  const unreadable: Array<{ name: string; content: Uint8Array; error: RegExp }> = [
    { name: 'a binary file', content: Uint8Array.from([0x47, 0x49, 0x46, 0x00, 0x01]), error: /^Binary file \(it contains NUL bytes\)/ },
    { name: 'invalid UTF-8', content: Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), error: /^Invalid UTF-8 at byte 3; re-encode/ },
  ];
  for (const testCase of unreadable) {
    it(`${testCase.name} among good ones: a fatal message for that file, the others still linted`, () => {
      const cwd = folder({ 'bad.txt': testCase.content, 'good.txt': 'Trailing \n' });
      const run = runCli([...ONLY_TRAILING_SPACES, '--format', 'json', '.'], cwd);
      expect(run.status).toBe(2);
      const results = JSON.parse(run.stdout) as JsonResult[];
      const bad = results.find((result) => result.filePath.endsWith('bad.txt'))!;
      expect(bad.messages).toHaveLength(1);
      expect(bad.messages[0]!.severity).toBe(2);
      expect(bad.messages[0]!.message).toMatch(testCase.error);
      expect(results.find((result) => result.filePath.endsWith('good.txt'))!.messages).toHaveLength(1);
    });
  }
});

describe('files', () => {
  it('lints .txt and .md in folders, any file named explicitly, and honours .corpuslintignore', () => {
    const cwd = folder({
      'a.txt': 'x \n',
      'b.md': 'x \n',
      'c.html': 'x \n',
      'skip/d.txt': 'x \n',
      'node_modules/e.txt': 'x \n',
      '.corpuslintignore': 'skip/\n',
    });
    const run = runCli([...ONLY_TRAILING_SPACES, '--format', 'json', '.', 'c.html'], cwd);
    const names = (JSON.parse(run.stdout) as JsonResult[]).map((result) => path.relative(cwd, result.filePath)).sort();
    expect(names).toEqual(['a.txt', 'b.md', 'c.html']);
  });

  it('-o writes the report to a file', () => {
    const cwd = folder({ 'a.txt': 'x \n' });
    const run = runCli([...ONLY_TRAILING_SPACES, '--format', 'json', '-o', 'report.json', '.'], cwd);
    expect(run.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(path.join(cwd, 'report.json'), 'utf8'))).toHaveLength(1);
  });

  it('--print-config shows the resolved rules', () => {
    const cwd = folder({ '.corpuslintrc.json': '{ "rules": { "no-trailing-spaces": "error" } }' });
    const run = runCli(['--print-config', 'a.txt'], cwd);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).rules['no-trailing-spaces']).toEqual({ severity: 'error', options: { skipBlankLines: false } });
  });
});

describe('--fix', () => {
  it('rewrites the seeds, and a second --fix changes nothing', () => {
    const cwd = tempCopyOfSeeds();
    folders.push(cwd);
    const before = readAll(path.join(cwd, 'seeds'));
    const first = runCli(['--fix', '--format', 'json', 'seeds/'], cwd);
    expect(first.stderr).toBe('');
    const afterFirst = readAll(path.join(cwd, 'seeds'));
    expect(afterFirst).not.toEqual(before);
    runCli(['--fix', 'seeds/'], cwd);
    expect(readAll(path.join(cwd, 'seeds'))).toEqual(afterFirst);
  });

  it('keeps every line no message covered, in order', () => {
    const cwd = tempCopyOfSeeds();
    folders.push(cwd);
    const before = readAll(path.join(cwd, 'seeds'));
    const report = JSON.parse(runCli(['--format', 'json', 'seeds/'], cwd).stdout) as JsonResult[];
    runCli(['--fix', 'seeds/'], cwd);
    const after = readAll(path.join(cwd, 'seeds'));
    for (const result of report) {
      const name = path.basename(result.filePath);
      const covered = new Set<number>();
      for (const message of result.messages) for (let line = message.line; line <= (message.endLine ?? message.line); line++) covered.add(line);
      const kept = before[name]!.split('\n').filter((line, index) => !covered.has(index + 1) && line.trim() !== '');
      const fixedLines = after[name]!.split('\n');
      let cursor = 0;
      for (const line of kept) {
        const found = fixedLines.indexOf(line.trimEnd(), cursor);
        expect(found, `${name}: unflagged line lost: ${line.slice(0, 60)}`).toBeGreaterThanOrEqual(0);
        cursor = found + 1;
      }
    }
  });

  it('--fix-dry-run prints a diff and writes nothing', () => {
    const cwd = folder({ 'a.txt': 'Trailing \nline\n' });
    const run = runCli([...ONLY_TRAILING_SPACES, '--fix-dry-run', '.'], cwd);
    expect(run.stderr).toContain('-Trailing \n+Trailing\n');
    expect(fs.readFileSync(path.join(cwd, 'a.txt'), 'utf8')).toBe('Trailing \nline\n');
  });

  it('keeps CRLF line endings and a byte-order mark', () => {
    const cwd = folder({ 'a.txt': '\uFEFFFirst \r\nSecond\r\n' });
    runCli([...ONLY_TRAILING_SPACES, '--fix', '.'], cwd);
    expect(fs.readFileSync(path.join(cwd, 'a.txt'), 'utf8')).toBe('\uFEFFFirst\r\nSecond\r\n');
  });

  it('does not rewrite a file whose text did not change', () => {
    const cwd = folder({ 'a.txt': 'Clean.\n' });
    const file = path.join(cwd, 'a.txt');
    const old = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(file, old, old);
    runCli([...ONLY_TRAILING_SPACES, '--fix', '.'], cwd);
    expect(fs.statSync(file).mtime.getTime()).toBe(old.getTime());
  });

  it('reports what is left after fixing, so the exit code describes the fixed text', () => {
    const cwd = folder({ 'a.txt': 'Trailing \n' });
    const run = runCli(['--rule-only', 'no-trailing-spaces', '--rule', 'no-trailing-spaces: error', '--fix', '--format', 'json', '.'], cwd);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as JsonResult[])[0]!.messages).toEqual([]);
  });

  it('leaves no temporary files behind', () => {
    const cwd = folder({ 'a.txt': 'Trailing \n' });
    runCli([...ONLY_TRAILING_SPACES, '--fix', '.'], cwd);
    expect(fs.readdirSync(cwd)).toEqual(['a.txt']);
  });
});

function readAll(folderPath: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(folderPath).map((name) => [name, fs.readFileSync(path.join(folderPath, name), 'utf8')]));
}
