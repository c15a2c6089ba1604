/** Hostile input and OS failures through the built CLI: one line naming the file and what to do, the right exit code. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, runCli, tempFolder } from './run-cli.js';

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
const NOBODY = 65534;

/** runCli, as an unprivileged user when the tests run as root. */
function runCliAs(args: string[], cwd: string): { status: number | null; stdout: string } {
  if (!isRoot) return runCli(args, cwd);
  const run = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'corpuslint.js'), ...args], { cwd, encoding: 'utf8', uid: NOBODY, gid: NOBODY });
  return { status: run.status, stdout: run.stdout };
}

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

/** A 64 KB tmpfs, to fill up: only where the test may mount one (as root, as in CI containers). */
function smallDisk(): string | undefined {
  const mountPoint = folder({});
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]).status === 0;
  if (!mounted) return undefined;
  mounts.push(mountPoint);
  return mountPoint;
}
const mounts: string[] = [];
afterAll(() => {
  for (const mountPoint of mounts) spawnSync('umount', [mountPoint]);
});

describe('OS failures while fixing: one message for that file, exit 2, the others fixed, no temp file left', () => {
  it('an unreadable folder and a read-only folder are reported, the rest is linted and fixed', () => {
    const cwd = folder({ 'locked/a.txt': 'x \n', 'open/b.txt': 'y \n', 'readonly/c.txt': 'z \n' });
    // Root reads and writes through any permission: run as nobody then.
    if (isRoot) {
      fs.chmodSync(cwd, 0o755);
      for (const name of ['', 'locked', 'open', 'open/b.txt', 'readonly', 'readonly/c.txt', 'locked/a.txt']) fs.chownSync(path.join(cwd, name), NOBODY, NOBODY);
    }
    fs.chmodSync(path.join(cwd, 'locked'), 0o000);
    fs.chmodSync(path.join(cwd, 'readonly'), 0o555);
    const run = runCliAs([...ONLY_TRAILING_SPACES, '--fix', '--format', 'json', '.'], cwd);
    expect(run.status).toBe(2);
    expect((JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ message: string }> }>).map((file) => [path.relative(cwd, file.filePath), file.messages.map((m) => m.message)])).toEqual([
      ['locked', ['Cannot list the folder (permission denied); check its permissions or exclude it']],
      ['open/b.txt', []],
      ['readonly/c.txt', ['Cannot write the fix (permission denied; make the file and its folder writable, or run without --fix); the file is unchanged']],
    ]);
    expect(fs.readFileSync(path.join(cwd, 'open/b.txt'), 'utf8')).toBe('y\n');
    expect(fs.readdirSync(path.join(cwd, 'readonly'))).toEqual(['c.txt']);
  });

  it('a full disk', (context) => {
    const disk = smallDisk();
    if (!disk) return context.skip();
    const line = 'Line with a trailing space \n';
    const record = `${JSON.stringify({ id: '1', text: line.repeat(100) })}\n`;
    fs.writeFileSync(path.join(disk, 'a.txt'), line.repeat(1000));
    fs.writeFileSync(path.join(disk, 'b.txt'), 'ok \n');
    fs.writeFileSync(path.join(disk, 'c.jsonl'), record);
    // Leaves room for the small fixes, not for a.txt's copy.
    fs.writeFileSync(path.join(disk, 'padding'), Buffer.alloc(20 * 1024));
    const run = runCli([...ONLY_TRAILING_SPACES, '--fix', '--format', 'json', '.'], disk);
    expect(run.status).toBe(2);
    expect((JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ message: string }> }>).map((file) => [path.basename(file.filePath), file.messages.map((m) => m.message)])).toEqual([
      ['a.txt', ['Cannot write the fix (no space left on the device; free some space and run again); the file is unchanged']],
      ['b.txt', []],
      ['c.jsonl', []],
    ]);
    expect(fs.readdirSync(disk).sort()).toEqual(['a.txt', 'b.txt', 'c.jsonl', 'padding']);
    expect(fs.readFileSync(path.join(disk, 'a.txt'), 'utf8')).toBe(line.repeat(1000));
    expect(fs.readFileSync(path.join(disk, 'b.txt'), 'utf8')).toBe('ok\n');
  });

  it('a temp file left by a killed --fix is removed by the next run; a live one is not', () => {
    const cwd = folder({ 'a.txt': 'Clean.\n', '.a.txt.corpuslint-tmp-999999999-0badf00d': 'half', [`.a.txt.corpuslint-tmp-${process.pid}-0badf00d`]: 'live' });
    expect(runCli([...ONLY_TRAILING_SPACES, '.'], cwd).status).toBe(0);
    expect(fs.readdirSync(cwd).sort()).toEqual([`.a.txt.corpuslint-tmp-${process.pid}-0badf00d`, 'a.txt']);
  });

  it('a JSON Lines shard starting with a byte-order mark is fixed, the mark kept', () => {
    const cwd = folder({ 's.jsonl': `\uFEFF${JSON.stringify({ id: 'a', text: 'Trailing \n' })}\n${JSON.stringify({ id: 'b', text: 'Also \n' })}\n` });
    expect(runCli([...ONLY_TRAILING_SPACES, '--fix', '.'], cwd).status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 's.jsonl'), 'utf8')).toBe(`\uFEFF${JSON.stringify({ id: 'a', text: 'Trailing\n' })}\n${JSON.stringify({ id: 'b', text: 'Also\n' })}\n`);
    expect(fs.readdirSync(cwd)).toEqual(['s.jsonl']);
  });
});

describe('descriptor budget', () => {
  it('fixes 400 shards at ulimit -n 200 (each fixed shard holds its output open until finished)', () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 400; index++) files[`s${String(index).padStart(3, '0')}.jsonl`] = `${JSON.stringify({ id: 'a', text: 'Trailing \n' })}\n`;
    const cwd = folder(files);
    const bin = path.join(projectRoot, 'bin', 'corpuslint.js');
    const run = spawnSync('sh', ['-c', `ulimit -n 200 && exec "${process.execPath}" "${bin}" --rule-only no-trailing-spaces --fix --format json .`], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.readdirSync(cwd).length).toBe(400);
    expect(fs.readFileSync(path.join(cwd, 's399.jsonl'), 'utf8')).toBe(`${JSON.stringify({ id: 'a', text: 'Trailing\n' })}\n`);
  });
});

describe('a text file that --fix empties', () => {
  it('is kept, empty, with a warning (as a shard record is)', () => {
    const cwd = folder({ 'bells.txt': '\u0007\u0007\n' });
    const run = runCli(['--rule-only', 'no-control-characters', '--fix', '--format', 'json', '.'], cwd);
    expect((JSON.parse(run.stdout) as Array<{ messages: Array<{ message: string }> }>)[0]!.messages.map((m) => m.message)).toEqual([
      "Fixes removed all of this file's text; the file is kept, empty: review it, or delete it if that is right",
    ]);
    expect(fs.readFileSync(path.join(cwd, 'bells.txt'), 'utf8')).toBe('\n');
  });
});

describe('symbolic links (the policy in the README)', () => {
  function linkedCorpus(): string {
    const cwd = folder({ 'outside/o.txt': 'Outside \n', 'corpus/blobs/b1': 'Blob \n', 'corpus/blobs/s1': `${JSON.stringify({ id: 'a', text: 'Rec \n' })}\n` });
    // As a Hugging Face hub snapshot lays files out: every name a link into a blob store.
    fs.symlinkSync('blobs/b1', path.join(cwd, 'corpus/snap.txt'));
    fs.symlinkSync('blobs/s1', path.join(cwd, 'corpus/s.jsonl'));
    fs.symlinkSync('../outside/o.txt', path.join(cwd, 'corpus/out.txt'));
    return cwd;
  }
  const names = (run: { stdout: string }, cwd: string) =>
    (JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ message: string }> }>).map((file) => [path.relative(cwd, file.filePath), file.messages.map((m) => m.message)]);

  it('links inside folders are followed for reading; --no-follow skips them', () => {
    const cwd = linkedCorpus();
    const trailing = 'Unexpected white space at the end of the line; remove it';
    expect(names(runCli([...ONLY_TRAILING_SPACES, '--format', 'json', 'corpus'], cwd), cwd)).toEqual([
      ['corpus/out.txt', [trailing]],
      ['corpus/s.jsonl', [trailing]],
      ['corpus/snap.txt', [trailing]],
    ]);
    // Nothing left to lint is a usage error.
    expect(runCli([...ONLY_TRAILING_SPACES, '--no-follow', '--format', 'json', 'corpus'], cwd)).toMatchObject({ status: 2, stdout: '' });
  });

  it('--fix writes through a link to a target inside the linted paths, keeping the link; refuses one leading outside', () => {
    const cwd = linkedCorpus();
    const run = runCli([...ONLY_TRAILING_SPACES, '--fix', '--format', 'json', 'corpus'], cwd);
    expect(run.status).toBe(2);
    expect(names(run, cwd)).toEqual([
      ['corpus/out.txt', [`Not fixed: a symbolic link to ${fs.realpathSync(cwd)}/outside/o.txt, outside the paths being linted; lint and fix the target where it is, or copy it in`]],
      ['corpus/s.jsonl', []],
      ['corpus/snap.txt', []],
    ]);
    expect(fs.lstatSync(path.join(cwd, 'corpus/snap.txt')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(path.join(cwd, 'corpus/s.jsonl')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(cwd, 'corpus/blobs/b1'), 'utf8')).toBe('Blob\n');
    expect(fs.readFileSync(path.join(cwd, 'corpus/blobs/s1'), 'utf8')).toBe(`${JSON.stringify({ id: 'a', text: 'Rec\n' })}\n`);
    expect(fs.readFileSync(path.join(cwd, 'outside/o.txt'), 'utf8')).toBe('Outside \n');
  });

  it('a link named on the command line is read, and fixed only when its target is in a linted folder', () => {
    const cwd = linkedCorpus();
    expect(runCli([...ONLY_TRAILING_SPACES, '--fix', 'corpus/out.txt'], cwd).status).toBe(2);
    expect(fs.readFileSync(path.join(cwd, 'outside/o.txt'), 'utf8')).toBe('Outside \n');
    expect(runCli([...ONLY_TRAILING_SPACES, '--fix', 'corpus/out.txt', 'outside'], cwd).status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'outside/o.txt'), 'utf8')).toBe('Outside\n');
  });

  it('--fix keeps hard links: every name of the file sees the fix, text files and shards alike', () => {
    const cwd = folder({ 'corpus/a.txt': 'Text \n', 'corpus/s.jsonl': `${JSON.stringify({ id: 'a', text: 'Rec \n' })}\n` });
    fs.linkSync(path.join(cwd, 'corpus/a.txt'), path.join(cwd, 'a-elsewhere.txt'));
    fs.linkSync(path.join(cwd, 'corpus/s.jsonl'), path.join(cwd, 's-elsewhere.jsonl'));
    const inode = fs.statSync(path.join(cwd, 'corpus/a.txt')).ino;
    expect(runCli([...ONLY_TRAILING_SPACES, '--fix', 'corpus'], cwd).status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'a-elsewhere.txt'), 'utf8')).toBe('Text\n');
    expect(fs.readFileSync(path.join(cwd, 's-elsewhere.jsonl'), 'utf8')).toBe(`${JSON.stringify({ id: 'a', text: 'Rec\n' })}\n`);
    expect(fs.statSync(path.join(cwd, 'corpus/a.txt')).ino).toBe(inode);
    expect(fs.readdirSync(path.join(cwd, 'corpus')).sort()).toEqual(['a.txt', 's.jsonl']);
  });

  it('a link loop is walked once', () => {
    const cwd = folder({ 'corpus/a.txt': 'Text \n' });
    fs.symlinkSync('..', path.join(cwd, 'corpus/up'));
    expect(names(runCli([...ONLY_TRAILING_SPACES, '--format', 'json', 'corpus'], cwd), cwd)).toEqual([['corpus/a.txt', ['Unexpected white space at the end of the line; remove it']]]);
  });
});

describe('a shard that breaks mid-read under --fix', () => {
  it('is left unchanged, and the report says which records reported as fixed were not written', () => {
    let records = '';
    for (let index = 0; index < 300; index++) records += `${JSON.stringify({ id: `r${index}`, text: `Trailing line ${index} \n` })}\n`;
    const whole = zlib.gzipSync(Buffer.from(records));
    const cut = whole.subarray(0, Math.floor(whole.length * 0.7));
    const cwd = folder({ 's.jsonl.gz': cut });
    const run = runCli([...ONLY_TRAILING_SPACES, '--fix', '--format', 'json', '.'], cwd);
    expect(run.status).toBe(2);
    const reports = JSON.parse(run.stdout) as Array<{ messages: Array<{ message: string }> }>;
    expect(reports.at(-1)!.messages.map((m) => m.message)).toEqual([
      `Cannot read the shard (unexpected end of file); check that it is a valid gzip-compressed JSON Lines file. The shard is unchanged: the ${reports.length - 1} records reported above as fixed were not written`,
    ]);
    expect(fs.readFileSync(path.join(cwd, 's.jsonl.gz')).equals(cut)).toBe(true);
    expect(fs.readdirSync(cwd)).toEqual(['s.jsonl.gz']);
  });
});
