/**
 * A shard's document digests on disk (W/digests/<i>): what the merge needs
 * to add each document to the index exactly as a one-machine run does
 * (CorpusIndexBuilder.addDigest), and no more. The builder reads a
 * document's text only for the spelling of a successor word, so each
 * document carries just those spellings (its "words"), with the digest's
 * successor offsets pointing into them.
 *
 * Layout: "CLDG", the format version, then per document eight uint32 (its
 * file's place in discovery order, id and words byte lengths, shingle count,
 * line, sample and gram array lengths, and the site's byte length plus one,
 * 0 when the record named no site), the id, words and site as UTF-16LE
 * (lone surrogates survive, as in the texts), padding to 4 bytes, then the
 * signature, lines, samples and grams as uint32 in the machine's byte
 * order (every node of a cluster shares it).
 */
import fs from 'node:fs';
import { GRAM_FIELDS, GRAM_SUCCESSOR, GRAM_SUCCESSOR_END, GRAM_SUCCESSOR_START, MINHASH_SIZE, type DocumentDigest } from '../corpus/document-digest.js';
import { UsageError } from '../core/errors.js';

const MAGIC = 0x47444c43; // "CLDG"
const FORMAT_VERSION = 2;
const HEADER_WORDS = 8;

export interface DigestRecord {
  /** The document's file, by its place in discovery order. */
  ordinal: number;
  documentId: string;
  digest: DocumentDigest;
  /** The successor spellings the digest's offsets point into. */
  words: string;
  /** The site a shard record's url named (undefined: the builder takes it from the path). */
  site?: string;
}

/** A document's digest with its successor offsets moved into a string of just those spellings. */
export function compactWords(digest: DocumentDigest, text: string): { digest: DocumentDigest; words: string } {
  const grams = digest.grams.slice();
  const offsets = new Map<string, number>();
  let words = '';
  for (let at = 0; at < grams.length; at += GRAM_FIELDS) {
    if (grams[at + GRAM_SUCCESSOR] === 0) continue;
    const spelling = text.slice(grams[at + GRAM_SUCCESSOR_START], grams[at + GRAM_SUCCESSOR_END]);
    let start = offsets.get(spelling);
    if (start === undefined) {
      start = words.length;
      offsets.set(spelling, start);
      words += spelling;
    }
    grams[at + GRAM_SUCCESSOR_START] = start;
    grams[at + GRAM_SUCCESSOR_END] = start + spelling.length;
  }
  return { digest: { ...digest, grams }, words };
}

export function digestFileHeader(): Buffer {
  return Buffer.from(new Uint32Array([MAGIC, FORMAT_VERSION]).buffer);
}

export function encodeDigestRecord({ ordinal, documentId, digest, words, site }: DigestRecord): Buffer {
  const id = Buffer.from(documentId, 'utf16le');
  const spelled = Buffer.from(words, 'utf16le');
  const siteBytes = Buffer.from(site ?? '', 'utf16le');
  const header = new Uint32Array([ordinal, id.length, spelled.length, digest.shingleCount, digest.lines.length, digest.samples.length, digest.grams.length, site === undefined ? 0 : siteBytes.length + 1]);
  const padding = Buffer.alloc(paddingFor(id.length + spelled.length + siteBytes.length));
  return Buffer.concat([header, id, spelled, siteBytes, padding, digest.signature, digest.lines, digest.samples, digest.grams].map(asBuffer));
}

function paddingFor(bytes: number): number {
  return (4 - (bytes % 4)) % 4;
}

function asBuffer(part: Uint32Array | Buffer): Buffer {
  return Buffer.isBuffer(part) ? part : Buffer.from(part.buffer, part.byteOffset, part.byteLength);
}

/** Reads a digest file front to back, a buffer at a time (the merge holds one reader per shard). */
export class DigestReader {
  private readonly fd: number;
  private buffer = Buffer.alloc(1 << 20);
  private start = 0;
  private end = 0;
  private eof = false;

  constructor(private readonly filePath: string) {
    this.fd = fs.openSync(filePath, 'r');
    const magic = this.take(8);
    if (!magic || magic.readUInt32LE(0) !== MAGIC || magic.readUInt32LE(4) !== FORMAT_VERSION) {
      fs.closeSync(this.fd);
      throw new UsageError(`${filePath} is not a corpuslint digest file of this version; run its index shard again with --force`);
    }
  }

  /** The next document, or undefined at the end of the file. */
  next(): DigestRecord | undefined {
    const head = this.take(HEADER_WORDS * 4);
    if (!head) return undefined;
    const [ordinal, idBytes, wordsBytes, shingleCount, lines, samples, grams, siteField] = Array.from({ length: HEADER_WORDS }, (_, i) => head.readUInt32LE(i * 4)) as [
      number, number, number, number, number, number, number, number,
    ];
    const siteBytes = Math.max(siteField - 1, 0);
    const stringBytes = idBytes + wordsBytes + siteBytes;
    const strings = this.need(stringBytes + paddingFor(stringBytes));
    const documentId = strings.toString('utf16le', 0, idBytes);
    const words = strings.toString('utf16le', idBytes, idBytes + wordsBytes);
    const site = siteField === 0 ? undefined : strings.toString('utf16le', idBytes + wordsBytes, stringBytes);
    const arrays = this.need((MINHASH_SIZE + lines + samples + grams) * 4);
    const values = new Uint32Array(arrays.buffer.slice(arrays.byteOffset, arrays.byteOffset + arrays.byteLength));
    let at = 0;
    const part = (length: number): Uint32Array => values.subarray(at, (at += length));
    const digest: DocumentDigest = { signature: part(MINHASH_SIZE), lines: part(lines), samples: part(samples), grams: part(grams), shingleCount };
    return { ordinal, documentId, words, digest, ...(site !== undefined && { site }) };
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private need(bytes: number): Buffer {
    const taken = this.take(bytes);
    if (!taken) throw new UsageError(`${this.filePath} ends inside a document (cut short?); run its index shard again with --force`);
    return taken;
  }

  /** The next `bytes` bytes (valid until the next call), or undefined at a clean end of file. */
  private take(bytes: number): Buffer | undefined {
    if (bytes === 0) return Buffer.alloc(0);
    while (this.end - this.start < bytes && !this.eof) this.fill(bytes);
    if (this.end - this.start < bytes) {
      if (this.end === this.start) return undefined;
      throw new UsageError(`${this.filePath} ends inside a document (cut short?); run its index shard again with --force`);
    }
    const taken = this.buffer.subarray(this.start, this.start + bytes);
    this.start += bytes;
    return taken;
  }

  private fill(wanted: number): void {
    if (this.buffer.length < wanted) {
      const grown = Buffer.alloc(Math.max(wanted, this.buffer.length * 2));
      this.buffer.copy(grown, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
      this.buffer = grown;
    } else if (this.start > 0) {
      this.buffer.copy(this.buffer, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
    }
    const read = fs.readSync(this.fd, this.buffer, this.end, this.buffer.length - this.end, null);
    if (read === 0) this.eof = true;
    this.end += read;
  }
}
