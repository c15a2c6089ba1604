/**
 * Parquet shards, read and written with hyparquet (pure JS). Read one row
 * group at a time (only the text and id columns when not fixing); a fixed
 * shard keeps the original schema, row groups, codec and key-value metadata,
 * and every column but the text as it was read.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type CompressionCodec, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { fileWriter, ParquetWriter, type ColumnSource } from 'hyparquet-writer';
import { compress as zstdCompress } from '@bokuweb/zstd-wasm';
import { compressZstd, ZSTD_LEVEL } from './zstd.js';
import { describeWriteError, temporaryPathFor, writeTargetOf } from '../write.js';
import { type OpenShard, recordUrl, type ShardFields, type ShardRecord, type ShardWriter } from './types.js';
import { corpuslintVersion } from '../../version.js';

type Row = Record<string, unknown>;

interface ParquetPayload {
  /** The whole row when fixing (every column); undefined when only linting. */
  row: Row | undefined;
}

/**
 * Every codec parquet defines but LZO: hyparquet's companion package (LZ4 and
 * LZ4_RAW, which pyarrow and DuckDB write, plus a WebAssembly snappy faster
 * than hyparquet's own, gzip, brotli and zstd).
 */
const DECOMPRESSORS = compressors;

export async function openParquetShard(
  filePath: string,
  fields: ShardFields,
  options: { forWriting: boolean; onBytes?: (count: number) => void },
): Promise<OpenShard> {
  const file = await asyncBufferFromFile(filePath);
  const metadata = await parquetMetadataAsync(file);
  const topLevel = topLevelColumns(metadata);
  const columns = options.forWriting ? undefined : [fields.textField, fields.idField, 'url', 'metadata'].filter((name) => topLevel.includes(name));
  const totalBytes = fs.statSync(filePath).size;

  async function* records(): AsyncGenerator<ShardRecord<ParquetPayload>> {
    let rowStart = 0;
    let number = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const rows = (await parquetReadObjects({ file, metadata, rowStart, rowEnd, columns, compressors: DECOMPRESSORS })) as Row[];
      for (const row of rows) {
        number++;
        yield toRecord(row, number, fields, options.forWriting);
      }
      options.onBytes?.(Math.round((totalBytes * rowEnd) / Math.max(1, Number(metadata.num_rows))) - Math.round((totalBytes * rowStart) / Math.max(1, Number(metadata.num_rows))));
      rowStart = rowEnd;
    }
  }

  return {
    records: records() as AsyncGenerator<ShardRecord>,
    createWriter: async (target) => new ParquetShardWriter(target ?? filePath, metadata, topLevel, fields, target === undefined) as ShardWriter,
  };
}

function toRecord(row: Row, number: number, fields: ShardFields, keepRow: boolean): ShardRecord<ParquetPayload> {
  const idValue = row[fields.idField];
  const id = typeof idValue === 'string' || typeof idValue === 'number' || typeof idValue === 'bigint' ? String(idValue) : `row ${number}`;
  const text = row[fields.textField];
  const payload = { row: keepRow ? row : undefined };
  // A null in a nullable text column is a document with no text: skipped (and counted), not an error.
  if (text === null) return { number: number, id, payload, skip: true, nullText: true };
  if (typeof text !== 'string') {
    const found = text === undefined ? 'no field' : `a ${text === null ? 'null' : typeof text} in field`;
    return {
      number,
      id,
      payload,
      error: `Record has ${found} "${fields.textField}" for its text; set --text-field to the field that holds the text`,
      missingTextField: text === undefined,
    };
  }
  const url = recordUrl(row);
  return url === undefined ? { number, id, text, payload } : { number, id, text, url, payload };
}

function topLevelColumns(metadata: FileMetaData): string[] {
  const names: string[] = [];
  const schema = metadata.schema;
  // Walk the flattened schema tree, keeping the root's direct children.
  let index = 1;
  const rootChildren = schema[0]?.num_children ?? 0;
  for (let child = 0; child < rootChildren; child++) {
    const element = schema[index]!;
    names.push(element.name);
    index = skipSubtree(schema, index);
  }
  return names;
}

function skipSubtree(schema: FileMetaData['schema'], index: number): number {
  const children = schema[index]?.num_children ?? 0;
  let next = index + 1;
  for (let i = 0; i < children; i++) next = skipSubtree(schema, next);
  return next;
}

class ParquetShardWriter implements ShardWriter<ParquetPayload> {
  private readonly temporaryPath: string;
  private readonly writer: ParquetWriter;
  private readonly groupSizes: number[];
  private group = 0;
  private pending: Row[] = [];
  /** Records of the current row group written or dropped. */
  private taken = 0;
  private ready: Promise<void>;
  /** Each top-level column's codec as the shard had it (where we can write it). */
  private readonly codecs: Map<string, CompressionCodec>;

  private readonly filePath: string;

  constructor(
    filePath: string,
    metadata: FileMetaData,
    private readonly columns: string[],
    private readonly fields: ShardFields,
    /** Replacing the shard read: keep its row groups. A new shard (an exclusion shard) holds what it is given in groups of the first one's size. */
    replacing: boolean,
  ) {
    // Through a link: the link stays, its target is replaced.
    this.filePath = writeTargetOf(filePath);
    this.temporaryPath = temporaryPathFor(this.filePath);
    const groupSizes = metadata.row_groups.map((group) => Number(group.num_rows));
    this.groupSizes = replacing ? groupSizes : [];
    this.newGroupSize = Math.max(1, groupSizes[0] ?? 1);
    this.codecs = columnCodecs(metadata);
    // The zstd encoder needs its WebAssembly loaded before the (synchronous) writer calls it.
    this.ready = [...this.codecs.values()].includes('ZSTD') ? compressZstd(new Uint8Array(0)).then(() => undefined) : Promise.resolve();
    const kvMetadata = metadata.key_value_metadata;
    this.writer = new ParquetWriter({
      writer: fileWriter(this.temporaryPath),
      schema: metadata.schema,
      codec: this.codecs.values().next().value ?? 'SNAPPY',
      compressors: COMPRESSORS,
      // An empty list is valid Thrift that parquet-rs cannot read ("Expected list element type of Struct but got Byte").
      ...(kvMetadata && kvMetadata.length > 0 ? { kvMetadata } : {}),
      // Readers work around known bugs by the writer named here (parquet-mr, parquet-rs versions), so name the one that wrote it.
      createdBy: `corpuslint version ${corpuslintVersion()} (hyparquet-writer)`,
    });
  }

  async write(record: ShardRecord<ParquetPayload>, newText: string | undefined): Promise<void> {
    await this.ready;
    const row = record.payload.row!;
    this.pending.push(newText === undefined ? row : { ...row, [this.fields.textField]: newText });
    this.take();
  }

  async drop(): Promise<void> {
    await this.ready;
    this.take();
  }

  private take(): void {
    this.taken++;
    if (this.taken >= (this.groupSizes[this.group] ?? this.newGroupSize)) this.flushGroup();
  }

  async commit(): Promise<void> {
    try {
      await this.ready;
      if (this.pending.length > 0) this.flushGroup();
      await this.writer.finish();
      await fs.promises.rename(this.temporaryPath, this.filePath);
    } catch (error) {
      await this.abort();
      throw describeWriteError(error);
    }
  }

  async abort(): Promise<void> {
    await fs.promises.rm(this.temporaryPath, { force: true });
  }

  private readonly newGroupSize: number;

  private flushGroup(): void {
    const rows = this.pending;
    this.taken = 0;
    this.group++;
    // Every record of the group was dropped: no empty group is written.
    if (rows.length === 0) return;
    const columnData: ColumnSource[] = this.columns.map((name) => ({
      name,
      data: rows.map((row) => row[name]) as ColumnSource['data'],
      codec: this.codecs.get(name) ?? 'SNAPPY',
    }));
    void this.writer.write({ columnData, rowGroupSize: rows.length });
    this.pending = [];
  }
}

const COMPRESSORS = {
  GZIP: (input: Uint8Array) => new Uint8Array(zlib.gzipSync(input)),
  BROTLI: (input: Uint8Array) => new Uint8Array(zlib.brotliCompressSync(input)),
  ZSTD: (input: Uint8Array) => zstdCompress(input, ZSTD_LEVEL),
};

/**
 * Each top-level column's codec in the shard's first row group (a nested
 * column's first leaf), when we can write it too; snappy otherwise (what
 * pyarrow and datatrove default to: no LZ4 encoder here).
 */
function columnCodecs(metadata: FileMetaData): Map<string, CompressionCodec> {
  const codecs = new Map<string, CompressionCodec>();
  for (const chunk of metadata.row_groups[0]?.columns ?? []) {
    const name = chunk.meta_data?.path_in_schema[0];
    if (name === undefined || codecs.has(name)) continue;
    const codec = chunk.meta_data!.codec;
    codecs.set(name, codec === 'UNCOMPRESSED' || codec === 'GZIP' || codec === 'BROTLI' || codec === 'ZSTD' ? codec : 'SNAPPY');
  }
  return codecs;
}
