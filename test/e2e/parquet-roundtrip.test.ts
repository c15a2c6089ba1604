/**
 * `--fix` on Parquet shards written by another library (parquet-wasm, i.e.
 * arrow-rs, the reader behind parquet-rs and Polars), read back by that
 * library: every codec, a column with a codec of its own, dictionary
 * encoding (arrow-rs's default), several row groups, and a file whose
 * key-value metadata is an empty list (as parquetjs writes it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import * as parquetWasm from 'parquet-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempFolder } from './run-cli.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

const TEXTS = ['Body with a trailing space.  \n', 'Clean body.\n', 'Another line. \n', 'Last one.\n', 'Fifth.   \n'];
const FIXED = TEXTS.map((text) => text.replace(/ +\n/g, '\n'));

function arrowRsShard(codec: keyof typeof parquetWasm.Compression): Uint8Array {
  const table = tableFromArrays({ id: ['a', 'b', 'c', 'd', 'e'], text: TEXTS, score: Float64Array.from([0.5, 1, 1.5, 2, 2.5]) });
  const properties = new parquetWasm.WriterPropertiesBuilder()
    .setCompression(parquetWasm.Compression[codec])
    .setColumnCompression('score', parquetWasm.Compression.GZIP)
    .setMaxRowGroupSize(2)
    .build();
  return parquetWasm.writeParquet(parquetWasm.Table.fromIPCStream(tableToIPC(table, 'stream')), properties);
}

async function readBack(file: string) {
  const bytes = fs.readFileSync(file);
  const metadata = (await parquetWasm.ParquetFile.fromFile(new Blob([bytes]))).metadata();
  const group = metadata.rowGroup(0);
  const codecs = Array.from({ length: group.numColumns() }, (_, index) => parquetWasm.Compression[group.column(index).compression()]);
  const table = tableFromIPC(parquetWasm.readParquet(bytes).intoIPCStream());
  return {
    createdBy: metadata.fileMetadata().createdBy(),
    rowGroups: metadata.numRowGroups(),
    codecs,
    text: table.getChild('text')!.toArray() as string[],
    score: [...((table.getChild('score')?.toArray() as Float64Array | undefined) ?? [])],
  };
}

const fix = (cwd: string, name: string) => runCli(['--rule-only', 'no-trailing-spaces', '--fix', name], cwd);

describe('Parquet --fix, read back by arrow-rs', () => {
  it.each([
    ['SNAPPY', 'SNAPPY'],
    ['ZSTD', 'ZSTD'],
    ['GZIP', 'GZIP'],
    ['UNCOMPRESSED', 'UNCOMPRESSED'],
    // No LZ4 encoder here: written back as snappy, which every reader has.
    ['LZ4_RAW', 'SNAPPY'],
  ] as const)('%s keeps its data, row groups and per-column codecs (as %s)', async (codec, written) => {
    const cwd = tempFolder({ 'shard.parquet': arrowRsShard(codec) });
    folders.push(cwd);
    const run = fix(cwd, 'shard.parquet');
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(await readBack(path.join(cwd, 'shard.parquet'))).toEqual({
      createdBy: expect.stringMatching(/^corpuslint version \d+\.\d+\.\d+ \(hyparquet-writer\)$/),
      rowGroups: 3,
      codecs: [written, written, 'GZIP'],
      text: FIXED,
      score: [0.5, 1, 1.5, 2, 2.5],
    });
  });

  it('writes no empty key-value metadata list, which arrow-rs cannot read', async () => {
    const shard = parquetWriteBuffer({ columnData: [{ name: 'text', data: TEXTS, type: 'STRING' }], kvMetadata: [] });
    const cwd = tempFolder({ 'shard.parquet': new Uint8Array(shard) });
    folders.push(cwd);
    expect(fix(cwd, 'shard.parquet').status).toBe(0);
    expect((await readBack(path.join(cwd, 'shard.parquet'))).text).toEqual(FIXED);
  });
});
