/**
 * `--drop-list` and `--exclusions` as a user runs them: on text files and on
 * every shard format, with and without --fix, checking the list written, the
 * fixed shard and the exclusion shard.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { parquetWriteFile } from 'hyparquet-writer';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressZstd } from '../../src/input/shards/zstd.js';
import { projectRoot, runCli, temporaryFolders } from './run-cli.js';

const folder = temporaryFolders();

/** A page that is all comment-form chrome: no-site-chrome's fix for it is unsafe, and it removes every line. */
const CHROME_ONLY = 'Leave a Comment\nShare this article\nRead more\nFollow us on Twitter\n';
const ARTICLE = 'The council voted on Tuesday to approve the new budget for the coming year, after a long debate.\n';
/** Seed 003 is a truncated copy of seed 001. */
const ORIGINAL = fs.readFileSync(path.join(projectRoot, 'seeds/001_8cf9da5644d1772f.txt'), 'utf8');
const COPY = fs.readFileSync(path.join(projectRoot, 'seeds/003_24101499d16d6b1c.txt'), 'utf8');
const RULES = ['--rule-only', 'no-site-chrome', '--rule-only', 'no-near-duplicate-docs', '--concurrency', 'off'];

function readDropList(file: string): unknown[] {
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

const wouldEmpty = (where: { id: string; path: string; record?: string }) => ({
  ...where,
  rule: 'no-site-chrome',
  reason: '--fix --unsafe-fixes would remove all of its text (fixes of no-site-chrome)',
  fixes: 'unsafe',
  applied: false,
  rules: ['no-site-chrome'],
});
const emptied = (where: { id: string; path: string; record?: string }) => ({
  ...wouldEmpty(where),
  reason: '--fix --unsafe-fixes removed all of its text (fixes of no-site-chrome)',
  applied: true,
});
const copyOf = (where: { id: string; path: string; record?: string }, original: string, percent: number) => ({
  ...where,
  rule: 'no-near-duplicate-docs',
  reason: `Near-duplicate of ${original}: ${percent}% of this file's 5-word shingles occur there; keep that file and remove this one`,
  keep: original,
});

describe('--drop-list on text files', () => {
  const files = { 'corpus/a-chrome.txt': CHROME_ONLY, 'corpus/b-article.txt': ARTICLE, 'corpus/c-original.txt': ORIGINAL, 'corpus/d-copy.txt': COPY };
  const copy = copyOf({ id: 'corpus/d-copy.txt', path: 'corpus/d-copy.txt' }, 'corpus/c-original.txt', 91);
  const chrome = { id: 'corpus/a-chrome.txt', path: 'corpus/a-chrome.txt' };
  const cases: Array<{ name: string; args: string[]; entries: unknown[]; chromeAfter: string }> = [
    { name: 'lint only', args: [], entries: [wouldEmpty(chrome), copy], chromeAfter: CHROME_ONLY },
    // The engine never lets safe fixes empty a page, so --fix leaves it and the list says what --unsafe-fixes would do.
    { name: '--fix', args: ['--fix'], entries: [wouldEmpty(chrome), copy], chromeAfter: CHROME_ONLY },
    { name: '--fix --unsafe-fixes', args: ['--fix', '--unsafe-fixes'], entries: [emptied(chrome), copy], chromeAfter: '' },
    { name: '--fix-dry-run --unsafe-fixes', args: ['--fix-dry-run', '--unsafe-fixes'], entries: [emptied(chrome), copy], chromeAfter: CHROME_ONLY },
  ];
  for (const { name, args, entries, chromeAfter } of cases) {
    it(name, () => {
      const cwd = folder(files);
      const run = runCli([...RULES, ...args, '--drop-list', 'drop.jsonl', '-o', 'report.json', '-f', 'json', 'corpus'], cwd);
      expect(run.stderr).toContain('corpuslint: 2 documents to drop listed in drop.jsonl\n');
      expect(readDropList(path.join(cwd, 'drop.jsonl'))).toEqual(entries);
      expect(fs.readFileSync(path.join(cwd, 'corpus/a-chrome.txt'), 'utf8')).toBe(chromeAfter);
    });
  }

  it('writes an empty list for a clean corpus, and lists the same with a cache, first and second run', () => {
    const clean = folder({ 'a.txt': ARTICLE });
    expect(runCli([...RULES, '--drop-list', 'drop.jsonl', 'a.txt'], clean).status).toBe(0);
    expect(fs.readFileSync(path.join(clean, 'drop.jsonl'), 'utf8')).toBe('');
    const cwd = folder(files);
    for (let run = 0; run < 2; run++) {
      runCli([...RULES, '--cache', '--drop-list', 'drop.jsonl', 'corpus'], cwd);
      expect(readDropList(path.join(cwd, 'drop.jsonl'))).toEqual([wouldEmpty(chrome), copy]);
    }
  });
});

/** Each shard format: how to write records into it and read them back. */
interface ShardKind {
  name: string;
  write(file: string, records: ReadonlyArray<Record<string, unknown>>): Promise<void>;
  read(file: string): Promise<Array<Record<string, unknown>>>;
  /** Rows per row group (Parquet). */
  groups?(file: string): Promise<number[]>;
}

const jsonLines = (records: ReadonlyArray<Record<string, unknown>>) => records.map((record) => JSON.stringify(record)).join('\n') + '\n';
const parseLines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

const SHARD_KINDS: ShardKind[] = [
  { name: 'shard.jsonl', write: async (file, records) => fs.writeFileSync(file, jsonLines(records)), read: async (file) => parseLines(fs.readFileSync(file, 'utf8')) },
  {
    name: 'shard.jsonl.gz',
    write: async (file, records) => fs.writeFileSync(file, zlib.gzipSync(jsonLines(records))),
    read: async (file) => parseLines(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')),
  },
  {
    name: 'shard.jsonl.zst',
    write: async (file, records) => fs.writeFileSync(file, Buffer.from(await compressZstd(Buffer.from(jsonLines(records))))),
    read: async (file) => parseLines(Buffer.from(zstdDecompress(fs.readFileSync(file))).toString('utf8')),
  },
  {
    name: 'shard.parquet',
    write: async (file, records) => {
      parquetWriteFile({
        filename: file,
        columnData: [
          { name: 'id', data: records.map((record) => record.id as string), type: 'STRING' },
          { name: 'text', data: records.map((record) => record.text as string), type: 'STRING' },
          { name: 'url', data: records.map((record) => record.url as string), type: 'STRING' },
        ],
        rowGroupSize: 2,
      });
    },
    read: async (file) => (await parquetReadObjects({ file: await asyncBufferFromFile(file) })) as Array<Record<string, unknown>>,
    groups: async (file) => (await parquetMetadataAsync(await asyncBufferFromFile(file))).row_groups.map((group) => Number(group.num_rows)),
  },
];

const RECORDS = [
  { id: 'r1', text: CHROME_ONLY, url: 'https://example.com/1' },
  { id: 'r2', text: ARTICLE, url: 'https://example.com/2' },
  { id: 'r3', text: ORIGINAL, url: 'https://example.com/3' },
  { id: 'r4', text: COPY, url: 'https://example.com/4' },
];

describe.each(SHARD_KINDS)('--drop-list and --exclusions on $name', (kind) => {
  let shardFiles: Record<string, Uint8Array>;
  beforeAll(async () => {
    const scratch = folder({});
    await kind.write(path.join(scratch, kind.name), RECORDS);
    shardFiles = { [`corpus/${kind.name}`]: fs.readFileSync(path.join(scratch, kind.name)) };
  });
  const shard = `corpus/${kind.name}`;
  const where = (record: string) => ({ id: `${shard}#${record}`, path: shard, record });

  it('lists the record fixing would empty and the copy, with and without --fix; --fix keeps every record', async () => {
    for (const args of [[], ['--fix']]) {
      const cwd = folder(shardFiles);
      const run = runCli([...RULES, ...args, '--drop-list', 'drop.jsonl', 'corpus'], cwd);
      expect(run.stderr).toContain('2 documents to drop listed in drop.jsonl');
      expect(readDropList(path.join(cwd, 'drop.jsonl'))).toEqual([wouldEmpty(where('r1')), copyOf(where('r4'), `${shard}#r3`, 91)]);
      const after = await kind.read(path.join(cwd, shard));
      expect(after.map((record) => record.id)).toEqual(['r1', 'r2', 'r3', 'r4']);
      expect(after[0]).toEqual(RECORDS[0]);
    }
  });

  it('--fix --unsafe-fixes --exclusions moves the emptied record, as it was, to a shard of the same format; a later run adds to it', async () => {
    const cwd = folder(shardFiles);
    const run = runCli([...RULES, '--fix', '--unsafe-fixes', '--exclusions', 'excluded', '--drop-list', 'drop.jsonl', '-f', 'json', 'corpus'], cwd);
    expect(run.stderr).toContain('corpuslint: 1 record moved to exclusion shards under excluded\n');
    const report = (JSON.parse(run.stdout) as Array<{ recordId: string; messages: Array<{ message: string }> }>).find((result) => result.recordId === 'r1')!;
    expect(report.messages.map((message) => message.message)).toEqual([
      `Fixes removed all of this record's text; the record is moved, as it was, to the exclusion shard excluded/${shard}`,
    ]);
    expect(readDropList(path.join(cwd, 'drop.jsonl'))).toEqual([emptied(where('r1')), copyOf(where('r4'), `${shard}#r3`, 91)]);
    // The seeds lose their own comment forms to the fix; the article is untouched.
    const fixed = await kind.read(path.join(cwd, shard));
    expect(fixed.map((record) => record.id)).toEqual(['r2', 'r3', 'r4']);
    expect(fixed[0]).toEqual(RECORDS[1]);
    expect(await kind.read(path.join(cwd, 'excluded', shard))).toEqual([RECORDS[0]]);
    // Row groups of two: the first lost its first record, and keeps its bound.
    if (kind.groups) expect(await kind.groups(path.join(cwd, shard))).toEqual([1, 2]);

    // The article becomes chrome too: the second run's exclusion keeps the first's record ahead of its own.
    const second = [{ ...fixed[0]!, text: CHROME_ONLY }, fixed[1]!, fixed[2]!];
    await kind.write(path.join(cwd, shard), second);
    expect(runCli([...RULES, '--fix', '--unsafe-fixes', '--exclusions', 'excluded', 'corpus'], cwd).stderr).toContain('1 record moved');
    expect(await kind.read(path.join(cwd, shard))).toEqual(fixed.slice(1));
    expect(await kind.read(path.join(cwd, 'excluded', shard))).toEqual([RECORDS[0], second[0]]);
    expect(fs.readdirSync(path.join(cwd, 'excluded/corpus'))).toEqual([kind.name]);
  });
});

describe('the flags refuse what cannot work, in one line', () => {
  const cases: Array<{ name: string; args: string[]; error: string }> = [
    { name: '--exclusions without --fix', args: ['--exclusions', 'out', 'corpus'], error: '--exclusions goes with --fix: it moves the records fixing empties (a dry run writes nothing)' },
    {
      name: '--exclusions inside the linted folder',
      args: ['--fix', '--exclusions', 'corpus/excluded', 'corpus'],
      error: '--exclusions corpus/excluded: lies inside corpus, where the shards are; choose a folder outside the paths being linted',
    },
    { name: '--exclusions naming a file', args: ['--fix', '--exclusions', 'notes.md', 'corpus'], error: '--exclusions notes.md is a file; name a folder (it is created if missing)' },
    { name: '--drop-list naming a folder', args: ['--drop-list', 'corpus', 'corpus'], error: `--drop-list ${'<cwd>'}/corpus is a folder; name a file (e.g. <cwd>/corpus/drop.jsonl)` },
    {
      name: '--drop-list in a folder that does not exist',
      args: ['--drop-list', 'out/drop.jsonl', 'corpus'],
      error: '--drop-list <cwd>/out/drop.jsonl: cannot write in <cwd>/out; choose a file in an existing, writable folder',
    },
    { name: '--drop-list naming a linted file', args: ['--drop-list', 'corpus/a.txt', 'corpus'], error: '--drop-list <cwd>/corpus/a.txt is one of the files being linted; write it somewhere else' },
  ];
  for (const { name, args, error } of cases) {
    it(name, () => {
      const cwd = folder({ 'corpus/a.txt': ARTICLE, 'notes.md': 'notes\n' });
      const run = runCli(args, cwd);
      expect(run.status).toBe(2);
      expect(run.stderr.replaceAll(fs.realpathSync(cwd), '<cwd>').replaceAll(cwd, '<cwd>')).toBe(`corpuslint: ${error}\n`);
    });
  }
});
