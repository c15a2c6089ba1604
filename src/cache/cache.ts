/**
 * `--cache`: results of files already linted, keyed on the file's content
 * hash. Every entry of one cache file shares one run key: corpuslint's
 * version, each enabled rule's id, version, severity and options, each
 * plugin's name and version, the shard fields and the limits. When the run
 * key changes the whole cache is stale and starts afresh. Files with
 * messages are cached as well as clean ones.
 *
 * The corpus index is not in the run key: an entry whose rules read the
 * corpus carries what they asked it and what it answered (corpus-reads.ts),
 * and is served only while the new index answers alike; so an edit to one
 * file re-lints the files whose answers it changes, not every file. An entry
 * found to hold is written again naming the index it holds for, so the next
 * run on the same index skips the check.
 *
 * On disk: a header line (JSON), then one `<content hash>\t<checksum>\t<entry JSON>`
 * line per file. The checksum covers the key and the entry, so a damaged
 * line (a flipped byte, a block of NULs, an entry edited or moved to
 * another key) is never served: it is dropped, its file linted again, and
 * the run warns once (`damaged`). Entries stay on disk: loading keeps only where each line is (a
 * typed hash table, ~32 bytes an entry), a hit reads its line back, and this
 * run's entries are appended to a scratch file as they come. A 1 GB corpus
 * with a million messages has a cache of about a gigabyte; held in memory as
 * strings it took over 2 GB.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import { FingerprintTable } from '../corpus/fingerprint-table.js';
import { hashString } from '../core/text/tokens.js';
import type { DocumentFigures } from '../core/fix-effects.js';
import type { PlainMessage } from '../core/plain-message.js';
import type { AnyRule } from '../core/rule.js';
import type { CorpusRead } from './corpus-reads.js';
import { isStaleTemporaryName, openAtomicWriteStream, temporaryPathFor } from '../input/write.js';

export const DEFAULT_CACHE_LOCATION = '.corpuslintcache';

/** Bumped when the layout of entries changes. */
const CACHE_FORMAT = 3;

/** One document's cached results: a text file has one, a shard one per record. */
export interface CachedDocument {
  /** Record id, for shards. */
  recordId?: string;
  messages: PlainMessage[];
  bom?: boolean;
  /** The file or record could not be read: the one-line reason. */
  unreadable?: string;
  /** What fixing does to it, when the run that cached it measured that (`--stats-json`). */
  figures?: DocumentFigures;
  /** What its rules asked the corpus index, with the answers; absent when they asked nothing. */
  corpusReads?: CorpusRead[];
}

export interface CachedFile {
  documents: CachedDocument[];
  /** Shard records skipped for a null text, so a cached run counts them too. */
  nullTextRecords?: number;
  /**
   * The corpus index (its hash) the documents' corpus reads were last found
   * to hold against: a run on that very index serves them without asking it
   * again, so a warm run over an unchanged corpus replays nothing.
   */
  readsHoldFor?: string;
}

export interface RunKeyParts {
  corpuslintVersion: string;
  rules: ReadonlyArray<{ rule: AnyRule; severity: string; options: unknown }>;
  config: ResolvedConfig;
  shardFields: { textField: string; idField: string };
}

export function runKey(parts: RunKeyParts): string {
  return sha256(
    JSON.stringify({
      format: CACHE_FORMAT,
      corpuslint: parts.corpuslintVersion,
      rules: parts.rules.map(({ rule, severity, options }) => [rule.meta.id, rule.meta.version, severity, options]),
      shardFields: parts.shardFields,
      limits: parts.config.limits,
      // Third-party rules change with their package's version (or, for files of one's own, their content).
      ...(parts.config.plugins ? { plugins: parts.config.plugins.map(({ name, version }) => [name, version]) } : {}),
    }),
  );
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const hashBuffer = Buffer.allocUnsafe(1 << 20);

/**
 * SHA-256 of a file's content, read synchronously through one reused buffer:
 * the corpus phase hashes every file of a run, and a fresh buffer per file
 * left hundreds of MB of garbage outside the JS heap at 1 GB. An unreadable
 * file hashes as empty (the lint phase reports it).
 */
export function contentHashOfFile(filePath: string): Buffer {
  const hash = createHash('sha256');
  let file: number | undefined;
  try {
    file = fs.openSync(filePath, 'r');
    for (let read; (read = fs.readSync(file, hashBuffer, 0, hashBuffer.length, null)) > 0; ) hash.update(hashBuffer.subarray(0, read));
  } catch {
    // Hashes what was read: nothing, for a file that cannot be opened.
  } finally {
    if (file !== undefined) fs.closeSync(file);
  }
  return hash.digest();
}

export class LintCache {
  /** Entries of the cache file as loaded: where each one's line starts and how long it is. Texts stay on disk. */
  private readonly stored = new FingerprintTable(STORED_VALUES);
  private storedFile: number | undefined;
  /** Entries set in this run, appended to a scratch file as they come (bounded memory at any corpus size). */
  private readonly added = new FingerprintTable(0);
  private addedPath: string | undefined;
  private addedFile: number | undefined;
  /** The file on disk was written under another run key (or damaged): none of it survives a save. */
  private stale = false;
  /** Entries (or a header) that failed their checksum or did not parse: ignored, their files linted again. */
  damaged = 0;

  private constructor(
    private readonly location: string,
    private readonly key: string,
  ) {}

  /** Loads the cache at `location`; a missing, unreadable or stale file gives an empty cache. */
  static async load(location: string, key: string): Promise<LintCache> {
    const cache = new LintCache(location, key);
    removeStaleScratchFiles(location);
    if (!fs.existsSync(location)) return cache;
    try {
      let header = true;
      for (const { key: entryKey, offset, length } of cacheLines(location)) {
        if (header) {
          header = false;
          let parsed: { format?: number; runKey?: string };
          try {
            parsed = JSON.parse(entryKey) as typeof parsed;
          } catch {
            cache.damaged++;
            parsed = {};
          }
          if (parsed.format !== CACHE_FORMAT || parsed.runKey !== key) {
            cache.stale = true;
            break;
          }
          continue;
        }
        if (entryKey === '') continue;
        const { hi, lo } = hashString(entryKey);
        const at = cache.stored.valueIndex(cache.stored.insert(hi, lo));
        cache.stored.cells[at] = offset % 2 ** 32;
        cache.stored.cells[at + 1] = Math.floor(offset / 2 ** 32);
        cache.stored.cells[at + 2] = length;
      }
      if (!cache.stale) cache.storedFile = fs.openSync(location, 'r');
    } catch {
      // A damaged cache is only a slower run: start afresh.
      cache.stale = true;
      cache.damaged++;
    }
    if (cache.stale) cache.stored.prune(() => false);
    return cache;
  }

  get(contentHash: string): CachedFile | undefined {
    const line = this.storedLine(contentHash);
    if (line === undefined) return undefined;
    const tab = line.indexOf('\t');
    // The table is keyed on 64 bits of the hash: the line names the whole key.
    if (line.slice(0, tab) !== contentHash) return undefined;
    const secondTab = line.indexOf('\t', tab + 1);
    const entry = line.slice(secondTab + 1);
    if (secondTab < 0 || line.slice(tab + 1, secondTab) !== entryChecksum(contentHash, entry)) {
      this.damaged++;
      return undefined;
    }
    try {
      return JSON.parse(entry) as CachedFile;
    } catch {
      this.damaged++;
      return undefined;
    }
  }

  set(contentHash: string, file: CachedFile): void {
    if (this.addedFile === undefined) {
      // Beside the cache, hidden, and removed by the next run if this one is killed (not in the OS temp folder forever).
      this.addedPath = temporaryPathFor(this.location);
      this.addedFile = fs.openSync(this.addedPath, 'w');
    }
    const { hi, lo } = hashString(contentHash);
    this.added.insert(hi, lo);
    const entry = JSON.stringify(file);
    fs.writeSync(this.addedFile, `${contentHash}\t${entryChecksum(contentHash, entry)}\t${entry}\n`);
  }

  get size(): number {
    return this.stored.size + this.added.size;
  }

  /**
   * Writes the cache atomically, only when something changed: the entries
   * loaded that were not set again, then this run's, streamed from disk.
   */
  async save(): Promise<void> {
    try {
      if (this.addedFile === undefined && !this.stale) return;
      const out = openAtomicWriteStream(this.location);
      try {
        const write = async (text: string, encoding: BufferEncoding) => {
          if (!out.stream.write(text, encoding)) await new Promise<void>((resolve) => out.stream.once('drain', () => resolve()));
        };
        await write(`${JSON.stringify({ format: CACHE_FORMAT, runKey: this.key, tool: 'corpuslint' })}\n`, 'utf8');
        if (this.storedFile !== undefined) {
          let header = true;
          for (const { key: entryKey, offset, length } of cacheLines(this.location)) {
            if (header) {
              header = false;
              continue;
            }
            if (!this.isCurrentStoredLine(entryKey, offset)) continue;
            const line = Buffer.allocUnsafe(length + 1);
            fs.readSync(this.storedFile, line, 0, length + 1, offset);
            if (!out.stream.write(line)) await new Promise<void>((resolve) => out.stream.once('drain', () => resolve()));
          }
        }
        if (this.addedPath !== undefined) {
          fs.closeSync(this.addedFile!);
          this.addedFile = undefined;
          for await (const chunk of fs.createReadStream(this.addedPath, { highWaterMark: 1 << 20 })) {
            if (!out.stream.write(chunk)) await new Promise<void>((resolve) => out.stream.once('drain', () => resolve()));
          }
        }
        await new Promise<void>((resolve, reject) => {
          out.stream.once('error', reject);
          out.stream.end(() => resolve());
        });
        await out.commit();
      } catch (error) {
        await out.abort();
        throw error;
      }
    } finally {
      this.close();
    }
  }

  /** Lets go of the files without saving (a run that failed). */
  close(): void {
    if (this.storedFile !== undefined) fs.closeSync(this.storedFile);
    if (this.addedFile !== undefined) fs.closeSync(this.addedFile);
    if (this.addedPath !== undefined) fs.rmSync(this.addedPath, { force: true });
    this.storedFile = undefined;
    this.addedFile = undefined;
    this.addedPath = undefined;
  }

  /** The loaded line for this key (read from disk), if any. */
  private storedLine(contentHash: string): string | undefined {
    if (this.storedFile === undefined) return undefined;
    const { hi, lo } = hashString(contentHash);
    const slot = this.stored.find(hi, lo);
    if (slot < 0) return undefined;
    const bytes = Buffer.allocUnsafe(this.stored.cells[this.stored.valueIndex(slot) + 2]!);
    fs.readSync(this.storedFile, bytes, 0, bytes.length, this.storedOffset(slot));
    return bytes.toString('utf8');
  }

  /** Kept on save: the last copy of its key in the loaded file, and not set again in this run. */
  private isCurrentStoredLine(entryKey: string, offset: number): boolean {
    if (entryKey === '') return false;
    const { hi, lo } = hashString(entryKey);
    if (this.added.find(hi, lo) >= 0) return false;
    const slot = this.stored.find(hi, lo);
    return slot >= 0 && this.storedOffset(slot) === offset;
  }

  /** Where a loaded entry's line starts (kept as two uint32 halves). */
  private storedOffset(slot: number): number {
    const at = this.stored.valueIndex(slot);
    return this.stored.cells[at]! + this.stored.cells[at + 1]! * 2 ** 32;
  }
}

/** 64 bits of SHA-256 over the key and the entry: enough to catch damage, short beside the entry. */
function entryChecksum(key: string, entry: string): string {
  return createHash('sha256').update(key).update('\t').update(entry).digest('hex').slice(0, 16);
}

/** Scratch files of killed runs beside the cache (`.name.corpuslint-tmp-<pid>-<hex>`). */
function removeStaleScratchFiles(location: string): void {
  const folder = path.dirname(location);
  const prefix = `.${path.basename(location)}`;
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && isStaleTemporaryName(name)) fs.rmSync(path.join(folder, name), { force: true });
  }
}

/** Per loaded entry: line offset (low and high 32 bits) and length in bytes. */
const STORED_VALUES = 3;

/**
 * The cache file's lines: where each starts, its length in bytes (without the
 * newline), and its key (the text before the tab; for the header line, the
 * whole line). Read in large chunks and cut on bytes, so no string is made of
 * an entry's messages until a hit asks for them.
 */
function* cacheLines(location: string): Generator<{ key: string; offset: number; length: number }> {
  const file = fs.openSync(location, 'r');
  try {
    let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let chunkStart = 0;
    let filled = 0;
    let at = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, at);
      if (newline < 0 || newline >= filled) {
        // Move the unfinished line to the front (growing the chunk for a line longer than it) and read on.
        const carried = filled - at;
        const next = carried * 2 > chunk.length ? Buffer.allocUnsafe(chunk.length * 2) : chunk;
        chunk.copy(next, 0, at, filled);
        chunk = next;
        chunkStart += at;
        at = 0;
        const read = fs.readSync(file, chunk, carried, chunk.length - carried, chunkStart + carried);
        filled = carried + read;
        if (read === 0) return;
        continue;
      }
      const tab = chunk.indexOf(TAB, at);
      const keyEnd = tab >= 0 && tab < newline ? tab : newline;
      yield { key: chunk.toString(keyEnd === newline ? 'utf8' : 'latin1', at, keyEnd), offset: chunkStart + at, length: newline - at };
      at = newline + 1;
    }
  } finally {
    fs.closeSync(file);
  }
}

const CHUNK_BYTES = 4 << 20;
const NEWLINE = 0x0a;
const TAB = 0x09;
