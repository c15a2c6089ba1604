/**
 * The index as bytes, for the index cache and the lint cache's key: a JSON header (sizes and scalars),
 * the document ids and successor words as NUL-separated UTF-8, then the typed
 * arrays back to back (all 4-byte elements, so each starts aligned). Hash
 * tables travel as their entries alone, sorted by key, so equal indexes give
 * equal bytes; the reader rebuilds them in shared memory for worker threads.
 */
import { BuiltCorpusIndex, PASSAGE_VALUES } from './built-index.js';
import type { CorpusIndex } from '../core/corpus-index.js';
import { FingerprintTable } from './fingerprint-table.js';
import { sharedCopy } from '../core/typed-arrays.js';

const MAGIC = 0x58494c43; // "CLIX"
const FORMAT_VERSION = 2;

interface Header {
  version: number;
  lineFloor: number;
  passageThreshold: number;
  stringsBytes: number;
  documentCount: number;
  arrays: Array<{ name: string; kind: 'u32' | 'f32'; length: number }>;
}

type ArrayName =
  | 'shingleCounts'
  | 'first'
  | 'second'
  | 'jaccard'
  | 'firstInSecond'
  | 'secondInFirst'
  | 'linesHi'
  | 'linesLo'
  | 'linesValues'
  | 'passagesHi'
  | 'passagesLo'
  | 'passagesValues'
  | 'wordFingerprints';

export function serializeCorpusIndex(index: CorpusIndex): Uint8Array {
  if (!(index instanceof BuiltCorpusIndex)) throw new Error('Only an index from CorpusIndexBuilder can be serialized');
  const { data } = index;
  const lines = data.lines.toEntries();
  const passages = data.passages.toEntries();
  const arrays: Record<ArrayName, Uint32Array | Float32Array> = {
    shingleCounts: data.shingleCounts,
    first: data.pairs.first,
    second: data.pairs.second,
    jaccard: data.pairs.jaccard,
    firstInSecond: data.pairs.firstInSecond,
    secondInFirst: data.pairs.secondInFirst,
    linesHi: lines.keysHi,
    linesLo: lines.keysLo,
    linesValues: lines.values,
    passagesHi: passages.keysHi,
    passagesLo: passages.keysLo,
    passagesValues: passages.values,
    wordFingerprints: Uint32Array.from(data.words.keys()),
  };
  const strings = new TextEncoder().encode([...data.documentIds, ...data.words.values()].join('\0'));
  const header: Header = {
    version: FORMAT_VERSION,
    lineFloor: data.lineFloor,
    passageThreshold: data.passageThreshold,
    stringsBytes: strings.length,
    documentCount: data.documentIds.length,
    arrays: Object.entries(arrays).map(([name, array]) => ({
      name,
      kind: array instanceof Float32Array ? 'f32' : 'u32',
      length: array.length,
    })),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const prefix = 8 + align4(headerBytes.length) + align4(strings.length);
  const total = prefix + Object.values(arrays).reduce((sum, array) => sum + array.byteLength, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  bytes.set(headerBytes, 8);
  bytes.set(strings, 8 + align4(headerBytes.length));
  let offset = prefix;
  for (const array of Object.values(arrays)) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset += array.byteLength;
  }
  return bytes;
}

/**
 * Reads the index back, into shared memory (SharedArrayBuffer): worker
 * threads are handed `index.shareable` and read the same tables.
 */
export function deserializeCorpusIndex(bytes: Uint8Array): BuiltCorpusIndex {
  // Copy into a fresh, aligned buffer: the input may be a view at any offset (e.g. read from a file).
  const buffer = bytes.slice().buffer;
  const view = new DataView(buffer);
  if (bytes.length < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('Not a corpuslint corpus index');
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, headerLength))) as Header;
  if (header.version !== FORMAT_VERSION) throw new Error(`Corpus index format ${header.version} is not ${FORMAT_VERSION}; rebuild the index`);
  const stringsStart = 8 + align4(headerLength);
  const strings = new TextDecoder().decode(new Uint8Array(buffer, stringsStart, header.stringsBytes)).split('\0');
  let offset = stringsStart + align4(header.stringsBytes);
  const arrays = new Map<string, Uint32Array | Float32Array>();
  for (const { name, kind, length } of header.arrays) {
    arrays.set(name, kind === 'f32' ? new Float32Array(buffer, offset, length) : new Uint32Array(buffer, offset, length));
    offset += length * 4;
  }
  const u32 = (name: ArrayName) => sharedCopy(arrays.get(name) as Uint32Array);
  const f32 = (name: ArrayName) => sharedCopy(arrays.get(name) as Float32Array);
  const table = (valuesPerEntry: number, prefix: 'lines' | 'passages') =>
    FingerprintTable.fromEntries(
      valuesPerEntry,
      { keysHi: arrays.get(`${prefix}Hi`) as Uint32Array, keysLo: arrays.get(`${prefix}Lo`) as Uint32Array, values: arrays.get(`${prefix}Values`) as Uint32Array },
      true,
    );
  const wordFingerprints = arrays.get('wordFingerprints') as Uint32Array;
  const words = new Map<number, string>();
  wordFingerprints.forEach((fingerprint, i) => words.set(fingerprint, strings[header.documentCount + i]!));
  return new BuiltCorpusIndex({
    documentIds: strings.slice(0, header.documentCount),
    words,
    shingleCounts: u32('shingleCounts'),
    pairs: {
      first: u32('first'),
      second: u32('second'),
      jaccard: f32('jaccard'),
      firstInSecond: f32('firstInSecond'),
      secondInFirst: f32('secondInFirst'),
    },
    lines: table(1, 'lines'),
    lineFloor: header.lineFloor,
    passages: table(PASSAGE_VALUES, 'passages'),
    passageThreshold: header.passageThreshold,
  });
}

function align4(length: number): number {
  return (length + 3) & ~3;
}
