/**
 * Inputs as users and pipelines give them: piped text, --stdin, Dolma's
 * `.json.gz` shards, folders with nothing to lint, null texts, stray NULs,
 * LZ4-compressed Parquet.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, tempFolder, type JsonResult } from './run-cli.js';

const bin = path.join(projectRoot, 'bin', 'corpuslint.js');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function folder(files: Record<string, string | Uint8Array> = {}): string {
  const created = tempFolder(files);
  folders.push(created);
  return created;
}

/** The CLI with `input` piped to its standard input. */
function runWithInput(args: string[], input: string | Buffer, cwd = folder()): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const PAGE = 'Leave a Comment\nx.   \n';
const RULES = ['--rule-only', 'no-site-chrome', '--rule-only', 'no-trailing-spaces'];
const ruleIds = (results: JsonResult[]) => results.map((result) => result.messages.map((message) => message.ruleId));

describe('standard input', () => {
  it('a pipe named as /dev/stdin is read once, for the corpus index and the lint alike', () => {
    const run = runWithInput([...RULES, '-f', 'json', '/dev/stdin'], PAGE);
    expect(run.status).toBe(1);
    expect(ruleIds(JSON.parse(run.stdout) as JsonResult[])).toEqual([['no-site-chrome', 'no-trailing-spaces']]);
  });

  it('--stdin lints the text under --stdin-filename', () => {
    const cwd = folder();
    const run = runWithInput([...RULES, '-f', 'json', '--stdin', '--stdin-filename', 'pages/page.txt'], PAGE, cwd);
    const [result] = JSON.parse(run.stdout) as JsonResult[];
    expect(result!.filePath).toBe(path.join(fs.realpathSync(cwd), 'pages', 'page.txt'));
    expect(result!.messages.map((message) => [message.ruleId, message.line])).toEqual([
      ['no-site-chrome', 1],
      ['no-trailing-spaces', 2],
    ]);
  });

  it('--stdin --fix prints the fixed text on stdout and the report on stderr, writing no file', () => {
    const cwd = folder();
    const run = runWithInput(['--rule-only', 'no-trailing-spaces', '-f', 'unix', '--stdin', '--stdin-filename', 'page.txt', '--fix'], 'Leave a Comment\nx.   \n', cwd);
    expect(run).toEqual({ status: 0, stdout: 'Leave a Comment\nx.\n', stderr: '' });
    expect(fs.readdirSync(cwd)).toEqual([]);
    const unfixable = runWithInput(['--rule-only', 'no-trailing-spaces', '--stdin', '--fix', '-f', 'compact'], 'Clean text.\n');
    expect(unfixable).toEqual({ status: 0, stdout: 'Clean text.\n', stderr: '' });
  });

  it.each([
    { args: ['--stdin', 'a.txt'], error: 'corpuslint: --stdin lints standard input: give no paths with it (name the text with --stdin-filename)\n' },
    { args: ['--stdin-filename', 'a.txt', 'a.txt'], error: 'corpuslint: --stdin-filename goes with --stdin\n' },
    { args: ['--fix', '/dev/stdin'], error: 'corpuslint: --fix cannot write back to /dev/stdin (a pipe or device, read once); use --stdin --fix, which prints the fixed text on standard output\n' },
    { args: ['--stdin', '--cache'], error: 'corpuslint: --cache cannot be used with --stdin; drop --cache, or lint a file\n' },
    { args: ['--stdin', '--stdin-filename', 'x.jsonl'], error: 'corpuslint: --stdin reads one text document, not a shard (x.jsonl); give the shard\'s path instead\n' },
  ])('$args: one line saying what to do', ({ args, error }) => {
    const run = runWithInput(args, PAGE, folder({ 'a.txt': 'Text.\n' }));
    expect([run.status, run.stderr]).toEqual([2, error]);
  });
});

describe('what a folder holds', () => {
  it('a folder with no document to lint is an error, as in ESLint', () => {
    const run = runWithInput(['data'], '', folder({ 'data/notes.csv': 'a,b\n' }));
    expect([run.status, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe(
      'corpuslint: No documents found in data: folders are searched for **/*.txt, **/*.md, **/*.jsonl, **/*.jsonl.gz, **/*.jsonl.zst, **/*.json.gz, **/*.json.zst, **/*.parquet; name a file, or set "files" in .corpuslintrc.json\n',
    );
  });

  it('Dolma\'s .json.gz shards are JSON Lines, found in folders and named', () => {
    const shard = zlib.gzipSync('{"id":"d1","text":"Leave a Comment\\nBody.  \\n","source":"cc"}\n{"id":"d2","text":"Clean body.\\n"}\n');
    const cwd = folder({ 'v1_7/cc_en_head-0000.json.gz': shard, 'one.json': '{"id":"j1","text":"Body.  \\n"}\n', 'pretty.json': '{\n  "text": "Body.  "\n}\n' });
    const found = JSON.parse(runWithInput([...RULES, '-f', 'json', 'v1_7'], '', cwd).stdout) as JsonResult[];
    expect(found.map((result) => [path.basename(result.filePath), result.recordId, result.messages.map((message) => message.ruleId)])).toEqual([
      ['cc_en_head-0000.json.gz', 'd1', ['no-site-chrome', 'no-trailing-spaces']],
      ['cc_en_head-0000.json.gz', 'd2', []],
    ]);
    const named = JSON.parse(runWithInput([...RULES, '-f', 'json', 'one.json', 'pretty.json'], '', cwd).stdout) as JsonResult[];
    // A `.json` whose first line is a record is a shard; a pretty-printed document is text.
    expect(named.map((result) => [path.basename(result.filePath), result.recordId])).toEqual([
      ['one.json', 'j1'],
      ['pretty.json', undefined],
    ]);
  });

  it('null texts in JSON Lines and Parquet are skipped and counted, not errors', () => {
    const parquet = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: ['p1', 'p2'], type: 'STRING' },
        { name: 'text', data: [null, 'Body.  \n'], type: 'STRING' },
      ],
    });
    const cwd = folder({ 'a.jsonl': '{"id":"a1","text":null}\n{"id":"a2","text":"Clean.\\n"}\n', 'b.parquet': new Uint8Array(parquet) });
    const run = runWithInput(['--rule-only', 'no-trailing-spaces', '-f', 'json', '-o', 'report.json', '.'], '', cwd);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'corpuslint: skipped 2 records whose text is null (documents with no text)\ncorpuslint: 1 problem (0 errors, 1 warning) in 1 document; report written to report.json\n',
    );
    const results = JSON.parse(fs.readFileSync(path.join(cwd, 'report.json'), 'utf8')) as JsonResult[];
    expect(results.map((result) => [result.recordId, result.messages.length])).toEqual([
      ['a2', 0],
      ['p2', 1],
    ]);
    // Answered from the cache the second time, and counted the same.
    for (let run = 0; run < 2; run++) {
      const cached = runWithInput(['--rule-only', 'no-trailing-spaces', '--cache', '-f', 'json', '-o', 'report.json', '.'], '', cwd);
      expect(cached.stderr.split('\n')[0]).toBe('corpuslint: skipped 2 records whose text is null (documents with no text)');
    }
  });
});

describe('bytes', () => {
  it('stray NULs in UTF-8 text are text: no-control-characters reports them and --fix removes them', () => {
    const cwd = folder({ 'page.txt': 'A scraped page.\nWith a stray \u0000 NUL.\n', 'image.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]) });
    const run = runWithInput(['--rule-only', 'no-control-characters', '-f', 'compact', 'page.txt', 'image.bin'], '', cwd);
    expect(run.stdout.split('\n').map((line) => line.replace(cwd + path.sep, ''))).toEqual([
      'page.txt: line 2, col 14, Warning - Unexpected control character U+0000 (NULL); remove it (no-control-characters)',
      'image.bin: line 1, col 1, Error - Binary file (it contains NUL bytes); corpuslint lints text: exclude it in .corpuslintignore',
      '',
      '2 problems',
      '',
    ]);
    runWithInput(['--rule-only', 'no-control-characters', '--fix', 'page.txt'], '', cwd);
    expect(fs.readFileSync(path.join(cwd, 'page.txt'), 'utf8')).toBe('A scraped page.\nWith a stray  NUL.\n');
  });

  it('reads LZ4_RAW and LZ4 Parquet columns', () => {
    // A valid LZ4 block of literals only (the format's last sequence), so the test needs no LZ4 encoder.
    const lz4Block = (input: Uint8Array) => {
      const extra: number[] = [];
      let rest = input.length - 15;
      if (input.length >= 15) {
        for (; rest >= 255; rest -= 255) extra.push(255);
        extra.push(rest);
      }
      return new Uint8Array([Math.min(input.length, 15) << 4, ...extra, ...input]);
    };
    // Hadoop's LZ4 framing: big-endian uncompressed and compressed sizes, then the block.
    const lz4Hadoop = (input: Uint8Array) => {
      const block = lz4Block(input);
      const header = Buffer.alloc(8);
      header.writeUInt32BE(input.length, 0);
      header.writeUInt32BE(block.length, 4);
      return new Uint8Array([...header, ...block]);
    };
    const files: Record<string, Uint8Array> = {};
    for (const [codec, compress] of [['LZ4_RAW', lz4Block], ['LZ4', lz4Hadoop]] as const) {
      files[`${codec}.parquet`] = new Uint8Array(
        parquetWriteBuffer({
          columnData: [{ name: 'text', data: ['Body with a trailing space. \n', 'Clean body.\n'], type: 'STRING' }],
          codec,
          compressors: { [codec]: compress },
        }),
      );
    }
    const cwd = folder(files);
    const run = runWithInput(['--rule-only', 'no-trailing-spaces', '-f', 'json', 'LZ4_RAW.parquet', 'LZ4.parquet'], '', cwd);
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.map((result) => [path.basename(result.filePath), result.recordId, result.messages.map((message) => message.ruleId)])).toEqual([
      ['LZ4_RAW.parquet', 'row 1', ['no-trailing-spaces']],
      ['LZ4_RAW.parquet', 'row 2', []],
      ['LZ4.parquet', 'row 1', ['no-trailing-spaces']],
      ['LZ4.parquet', 'row 2', []],
    ]);
  });
});
