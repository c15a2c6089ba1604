/** Hostile input and OS failures through the built CLI: one line naming the file and what to do, the right exit code. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempFolder } from './run-cli.js';

const folders: string[] = [];
function folder(files: Record<string, string | Uint8Array>): string {
  const created = tempFolder(files);
  folders.push(created);
  return created;
}
afterAll(() => {
  for (const created of folders) {
    fs.chmodSync(created, 0o755);
    for (const entry of fs.readdirSync(created, { recursive: true, withFileTypes: true })) {
      if (entry.isDirectory()) fs.chmodSync(path.join(entry.parentPath, entry.name), 0o755);
    }
    fs.rmSync(created, { recursive: true, force: true });
  }
});

const ONLY_TRAILING_SPACES = ['--rule-only', 'no-trailing-spaces'];
const isRoot = process.getuid?.() === 0;

describe('bad options: a usage error, exit 2', () => {
  const cases: Array<{ args: string[]; stderr: string }> = [
    ...['abc', 'O', '-5', '1.5', ''].map((value) => ({
      args: ['--max-warnings', value, 'a.txt'],
      stderr: `corpuslint: --max-warnings ${JSON.stringify(value)}: use a whole number of warnings (0 or more), or -1 for no limit\n`,
    })),
    ...['1000000', '0', '2.5', 'lots'].map((value) => ({
      args: ['--concurrency', value, 'a.txt'],
      stderr: `corpuslint: --concurrency ${JSON.stringify(value)}: use auto, off or a whole number of threads from 1 to 64\n`,
    })),
    { args: ['-o', 'a.txt', 'a.txt'], stderr: 'corpuslint: -o {cwd}/a.txt is one of the files being linted; write it somewhere else\n' },
    { args: ['-o', 'corpus/b.txt', '.'], stderr: 'corpuslint: -o {cwd}/corpus/b.txt is one of the files being linted; write it somewhere else\n' },
    { args: ['-o', 'corpus', 'a.txt'], stderr: 'corpuslint: -o {cwd}/corpus is a folder; name a file (e.g. {cwd}/corpus/report.json)\n' },
    {
      args: ['--cache', '--cache-location', 'corpus', 'a.txt'],
      stderr: 'corpuslint: --cache-location {cwd}/corpus is a folder; name a file (e.g. {cwd}/corpus/.corpuslintcache)\n',
    },
    {
      args: ['--cache', '--cache-location', 'a.txt', '.'],
      stderr: 'corpuslint: --cache-location {cwd}/a.txt is one of the files being linted; write it somewhere else\n',
    },
  ];
  for (const { args, stderr } of cases) {
    it(args.join(' '), () => {
      const cwd = folder({ 'a.txt': 'Trailing space \n', 'corpus/b.txt': 'Text.\n' });
      const before = fs.readFileSync(path.join(cwd, 'a.txt'), 'utf8');
      expect(runCli(args, cwd)).toEqual({ status: 2, stdout: '', stderr: stderr.replaceAll('{cwd}', fs.realpathSync(cwd)) });
      expect(fs.readFileSync(path.join(cwd, 'a.txt'), 'utf8')).toBe(before);
    });
  }

  it('--max-warnings accepts -1, 0 and whole numbers', () => {
    const cwd = folder({ 'a.txt': 'Trailing space \n' });
    expect([' -1', '-1', '0', '1'].map((value) => runCli([...ONLY_TRAILING_SPACES, `--max-warnings=${value}`, 'a.txt'], cwd).status)).toEqual([0, 0, 1, 0]);
  });
});

describe('reading what is not UTF-8 text, and writing where it cannot', () => {
  it('a UTF-16 file says UTF-16 and how to convert it', () => {
    const text = 'An article in UTF-16.\n';
    const cwd = folder({ 'le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'nobom.txt': Buffer.from(text, 'utf16le') });
    const run = runCli(['--format', 'json', '.'], cwd);
    expect(run.status).toBe(2);
    expect((JSON.parse(run.stdout) as Array<{ messages: Array<{ message: string }> }>).map((file) => file.messages.map((m) => m.message))).toEqual([
      ['UTF-16 text (little-endian); corpuslint reads UTF-8: convert it (e.g. iconv -f UTF-16 -t UTF-8)'],
      ['UTF-16 text (little-endian); corpuslint reads UTF-8: convert it (e.g. iconv -f UTF-16 -t UTF-8)'],
    ]);
  });

  it('a config file with a byte-order mark is read', () => {
    const cwd = folder({ '.corpuslintrc.json': '\uFEFF{ "rules": { "no-trailing-spaces": "error" } }', 'a.txt': 'Trailing space \n' });
    expect(runCli([...ONLY_TRAILING_SPACES, 'a.txt'], cwd).status).toBe(1);
  });

  it('a report that cannot be written (-o /dev/full) is exit 2', () => {
    const cwd = folder({ 'a.txt': 'Trailing space \n' });
    expect(runCli([...ONLY_TRAILING_SPACES, '-o', '/dev/full', 'a.txt'], cwd)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'corpuslint: Cannot write the report to /dev/full (ENOSPC: no space left on device, write); check that the path is writable and the disk has room\n',
    });
  });

  it('stylish escapes control characters in file names', () => {
    const cwd = folder({ 'a\u001b[31mred.txt': 'Trailing space \n' });
    expect(runCli([...ONLY_TRAILING_SPACES, '.'], cwd).stdout.split('\n')[0]).toBe('a\\u001b[31mred.txt');
  });
});
