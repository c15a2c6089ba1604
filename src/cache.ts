/**
 * `--cache`: results of files already linted, keyed on the file's content
 * hash. Every entry of one cache file shares one run key: corpuslint's
 * version, each enabled rule's id, version, severity and options, the shard
 * fields and, when a rule reads the corpus, the corpus index's hash. When
 * the run key changes the whole cache is stale and starts afresh. Files with
 * messages are cached as well as clean ones.
 *
 * On disk: a header line (JSON), then one `<content hash>\t<entry JSON>` line
 * per file, so neither reading nor writing builds one huge string. Entries
 * stay serialised in memory (far smaller than message objects) and are
 * parsed on a hit only.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import type { ResolvedConfig } from './config.js';
import type { PlainMessage } from './plain-message.js';
import type { AnyRule } from './rule.js';
import { openAtomicWriteStream } from './write.js';

export const DEFAULT_CACHE_LOCATION = '.corpuslintcache';

/** Bumped when the layout of entries changes. */
const CACHE_FORMAT = 1;

/** One document's cached results: a text file has one, a shard one per record. */
export interface CachedDocument {
  /** Record id, for shards. */
  recordId?: string;
  messages: PlainMessage[];
  bom?: boolean;
  /** The file or record could not be read: the one-line reason. */
  unreadable?: string;
}

export interface CachedFile {
  documents: CachedDocument[];
}

export interface RunKeyParts {
  corpuslintVersion: string;
  rules: ReadonlyArray<{ rule: AnyRule; severity: string; options: unknown }>;
  config: ResolvedConfig;
  shardFields: { textField: string; idField: string };
  /** Hash of the corpus index, when a rule reads it. */
  corpusHash?: string;
}

export function runKey(parts: RunKeyParts): string {
  return sha256(
    JSON.stringify({
      format: CACHE_FORMAT,
      corpuslint: parts.corpuslintVersion,
      rules: parts.rules.map(({ rule, severity, options }) => [rule.meta.id, rule.meta.version, severity, options]),
      shardFields: parts.shardFields,
      corpus: parts.corpusHash ?? null,
    }),
  );
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hashes a file as a stream, for shards too large to read at once. */
export async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export class LintCache {
  private readonly entries = new Map<string, string>();
  private changed = false;

  private constructor(
    private readonly location: string,
    private readonly key: string,
  ) {}

  /** Loads the cache at `location`; a missing, unreadable or stale file gives an empty cache. */
  static async load(location: string, key: string): Promise<LintCache> {
    const cache = new LintCache(location, key);
    if (!fs.existsSync(location)) return cache;
    const lines = readline.createInterface({ input: fs.createReadStream(location, 'utf8'), crlfDelay: Infinity });
    let header = true;
    try {
      for await (const line of lines) {
        if (header) {
          header = false;
          const parsed = JSON.parse(line) as { format?: number; runKey?: string };
          if (parsed.format !== CACHE_FORMAT || parsed.runKey !== key) {
            cache.changed = true;
            break;
          }
          continue;
        }
        const tab = line.indexOf('\t');
        if (tab > 0) cache.entries.set(line.slice(0, tab), line.slice(tab + 1));
      }
    } catch {
      // A damaged cache is only a slower run: start afresh.
      cache.entries.clear();
      cache.changed = true;
    } finally {
      lines.close();
    }
    return cache;
  }

  get(contentHash: string): CachedFile | undefined {
    const value = this.entries.get(contentHash);
    if (value === undefined) return undefined;
    return JSON.parse(value) as CachedFile;
  }

  set(contentHash: string, file: CachedFile): void {
    this.entries.set(contentHash, JSON.stringify(file));
    this.changed = true;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Writes the cache atomically (only when something changed). */
  async save(): Promise<void> {
    if (!this.changed) return;
    const out = openAtomicWriteStream(this.location);
    try {
      const write = async (text: string) => {
        if (!out.stream.write(text)) await new Promise<void>((resolve) => out.stream.once('drain', () => resolve()));
      };
      await write(`${JSON.stringify({ format: CACHE_FORMAT, runKey: this.key, tool: 'corpuslint' })}\n`);
      for (const [hash, value] of this.entries) await write(`${hash}\t${value}\n`);
      await new Promise<void>((resolve, reject) => {
        out.stream.once('error', reject);
        out.stream.end(() => resolve());
      });
      await out.commit();
    } catch (error) {
      await out.abort();
      throw error;
    }
  }
}
