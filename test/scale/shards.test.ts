/** JSONL (plain, gzip, zstd) and Parquet shards: each record a document; --fix rewrites a shard keeping every other field. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type ResolvedConfig } from '../../src/config/config.js';
import { runCorpuslint } from '../../src/run/run.js';
import { replaceTopLevelString } from '../../src/input/shards/jsonl.js';
import { compressZstd } from '../../src/input/shards/zstd.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-shards-'));
  folders.push(folder);
  return folder;
}

/** Only the whitespace rules: their fixes are predictable, so the tests say exactly what a fixed shard holds. */
function whitespaceConfig(): ResolvedConfig {
  const config = resolveConfig(undefined, undefined);
  for (const [id, setting] of Object.entries(config.rules)) {
    setting.severity = ['no-trailing-spaces', 'no-trailing-blank-lines'].includes(id) ? 'warn' : 'off';
  }
  return config;
}

const RECORDS = [
  { id: 'doc-1', text: 'Putin thanked Kim Jong Un.   \nRead more.\n', url: 'https://example.com/a', meta: { lang: 'en', score: 0.93 } },
  { id: 'doc-2', text: 'A clean line of article text.\n', url: 'https://example.com/b', meta: { lang: 'en', score: 0.5 } },
  // Only white space: fixing would leave nothing of it.
  { id: 'doc-3', text: 'x\n\n\n', url: 'https://example.com/c', meta: { lang: 'en', score: 0.1 } },
];

async function lint(folder: string, fix: 'off' | 'safe' = 'off', extra: Partial<Parameters<typeof runCorpuslint>[0]> = {}) {
  return runCorpuslint({ cwd: folder, paths: ['.'], config: whitespaceConfig(), fix, dryRun: false, concurrency: 'off', ...extra });
}

const zstdCompressed = new Map<string, Buffer>();
function zstdBuffer(text: string): Buffer {
  const bytes = zstdCompressed.get(text);
  if (!bytes) throw new Error('compress the text first (beforeAll)');
  return bytes;
}

describe('replaceTopLevelString', () => {
  it('replaces only the value of the top-level field, leaving every other byte', () => {
    const line = '{"id": 7, "big": 12345678901234567890123, "nested": {"text": "inner"}, "text" : "old \\"quoted\\"", "z": [1, "]"]}';
    expect(replaceTopLevelString(line, 'text', 'new\nline')).toBe(
      '{"id": 7, "big": 12345678901234567890123, "nested": {"text": "inner"}, "text" : "new\\nline", "z": [1, "]"]}',
    );
  });
});

describe('JSON Lines shards', () => {
  const body = `${RECORDS.map((record) => JSON.stringify(record)).join('\n')}\n`;
  beforeAll(async () => {
    zstdCompressed.set(body, Buffer.from(await compressZstd(Buffer.from(body))));
  });

  for (const [name, encode, decode] of [
    ['shard.jsonl', (text: string) => Buffer.from(text), (bytes: Buffer) => bytes.toString('utf8')],
    ['shard.jsonl.gz', (text: string) => zlib.gzipSync(text), (bytes: Buffer) => zlib.gunzipSync(bytes).toString('utf8')],
    // The encoder's WebAssembly must be initialised once per process: go through corpuslint's own wrapper.
    ['shard.jsonl.zst', (text: string) => zstdBuffer(text), (bytes: Buffer) => Buffer.from(zstdDecompress(bytes)).toString('utf8')],
  ] as const) {
    it(`${name}: reports each record by id, with lines within its text`, async () => {
      const folder = tempFolder();
      fs.writeFileSync(path.join(folder, name), encode(body));
      const result = await lint(folder);
      expect(result.reports.map((report) => [report.recordId, report.messages.map((m) => [m.ruleId, m.line, m.column])])).toEqual([
        ['doc-1', [['no-trailing-spaces', 1, 27]]],
        ['doc-2', []],
        ['doc-3', [['no-trailing-blank-lines', 2, 1]]],
      ]);
      expect(result.reports[0]!.filePath).toBe(path.join(folder, name));
      expect(result.reports[0]!.messages[0]!.file).toBe(`${name}#doc-1`);
    });

    it(`${name}: --fix rewrites the shard, keeping other fields and every record`, async () => {
      const folder = tempFolder();
      const file = path.join(folder, name);
      fs.writeFileSync(file, encode(body));
      const result = await lint(folder, 'safe');
      expect(result.filesWritten).toBe(1);
      const records = decode(fs.readFileSync(file)).trimEnd().split('\n').map((line) => JSON.parse(line) as (typeof RECORDS)[number]);
      expect(records).toEqual([
        { ...RECORDS[0], text: 'Putin thanked Kim Jong Un.\nRead more.\n' },
        RECORDS[1],
        { ...RECORDS[2], text: 'x\n' },
      ]);
      // Unchanged records are copied byte for byte.
      expect(decode(fs.readFileSync(file)).split('\n')[1]).toBe(JSON.stringify(RECORDS[1]));
      expect(fs.readdirSync(folder)).toEqual([name]);
    });
  }

  it('keeps a record whose text a fix empties, with an empty text, and says so', async () => {
    const folder = tempFolder();
    const file = path.join(folder, 'shard.jsonl');
    fs.writeFileSync(file, `${JSON.stringify({ id: 'blank', text: '   ', keep: true })}\n${JSON.stringify({ id: 'ok', text: 'Fine.\n' })}\n`);
    const result = await lint(folder, 'safe');
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([{ id: 'blank', text: '', keep: true }, { id: 'ok', text: 'Fine.\n' }]);
    const blank = result.reports.find((report) => report.recordId === 'blank')!;
    expect(blank.messages.map((m) => m.reason)).toContainEqual(expect.stringContaining('record is kept with an empty text'));
  });

  it('names a record without an id by its line, reports unreadable lines, skips null texts, and loses none of them on --fix', async () => {
    const folder = tempFolder();
    const file = path.join(folder, 'shard.jsonl');
    const content = `{"text": "Trailing   "}\n{not json\n\n{"id": "n", "text": null}\n`;
    fs.writeFileSync(file, content);
    const result = await lint(folder, 'safe');
    expect(result.reports.map((report) => [report.recordId, report.messages.map((m) => m.reason.slice(0, 30))])).toEqual([
      ['line 1', []],
      ['line 2', ['Line 2 cannot be read (it is n']],
    ]);
    // A null text is a document with no text: skipped and counted, not an unreadable record.
    expect(result.unreadableCount).toBe(1);
    expect(result.nullTextRecords).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe(`{"text": "Trailing"}\n{not json\n\n{"id": "n", "text": null}\n`);
  });

  it('--text-field and --id-field pick other fields; a shard without the text field is one clear error', async () => {
    const folder = tempFolder();
    fs.writeFileSync(path.join(folder, 'shard.jsonl'), `${JSON.stringify({ doc_id: 'a', content: 'Trailing \n' })}\n`);
    const wrong = await lint(folder);
    expect(wrong.reports).toHaveLength(1);
    expect(wrong.reports[0]!.messages[0]!.reason).toBe(
      'The first record has no field "text"; set --text-field to the field that holds the text (and --id-field for the id)',
    );
    expect(wrong.unreadableCount).toBe(1);
    const right = await lint(folder, 'off', { shardFields: { textField: 'content', idField: 'doc_id' } });
    expect(right.reports.map((report) => [report.recordId, report.messages.map((m) => m.ruleId)])).toEqual([['a', ['no-trailing-spaces']]]);
  });
});

describe('Parquet shards', () => {
  function writeShard(file: string): void {
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: 'id', data: RECORDS.map((record) => record.id), type: 'STRING' },
        { name: 'text', data: RECORDS.map((record) => record.text), type: 'STRING' },
        { name: 'score', data: [0.93, null, 0.1], type: 'DOUBLE' },
        { name: 'tokens', data: [7n, 6n, 12345678901234567n], type: 'INT64' },
        { name: 'english', data: [true, false, true], type: 'BOOLEAN' },
      ],
      rowGroupSize: 2,
    });
  }

  it('reports each row by id', async () => {
    const folder = tempFolder();
    writeShard(path.join(folder, 'shard.parquet'));
    const result = await lint(folder);
    expect(result.reports.map((report) => [report.recordId, report.messages.map((m) => [m.ruleId, m.line])])).toEqual([
      ['doc-1', [['no-trailing-spaces', 1]]],
      ['doc-2', []],
      ['doc-3', [['no-trailing-blank-lines', 2]]],
    ]);
  });

  it('--fix keeps the schema, the row groups and every other column', async () => {
    const folder = tempFolder();
    const file = path.join(folder, 'shard.parquet');
    writeShard(file);
    await lint(folder, 'safe');
    const buffer = await asyncBufferFromFile(file);
    const metadata = await parquetMetadataAsync(buffer);
    expect(metadata.row_groups.map((group) => Number(group.num_rows))).toEqual([2, 1]);
    expect(await parquetReadObjects({ file: buffer })).toEqual([
      { id: 'doc-1', text: 'Putin thanked Kim Jong Un.\nRead more.\n', score: 0.93, tokens: 7n, english: true },
      { id: 'doc-2', text: 'A clean line of article text.\n', score: null, tokens: 6n, english: false },
      { id: 'doc-3', text: 'x\n', score: 0.1, tokens: 12345678901234567n, english: true },
    ]);
    expect(fs.readdirSync(folder)).toEqual(['shard.parquet']);
  });
});
