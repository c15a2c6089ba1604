/**
 * What cleaning would do to the corpus, as one aggregate: `--stats-json`
 * writes it and the HTML report draws it, so the two cannot disagree. It is
 * fed one document at a time as results stream in (counts, histograms, a
 * table per site and per near-duplicate cluster, the few worst documents),
 * never the texts; what it holds grows with sites and clusters, not with
 * documents or bytes. The shape is schemas/stats.schema.json.
 */
import { countedRuleId } from '../core/message.js';
import type { DocumentFigures } from '../core/fix-effects.js';
import type { PlainMessage } from '../core/plain-message.js';
import { CORPUS_INDEX_ROW, ENGINE_ROW, RunStats } from './stats.js';

/** The rule whose fixes measure a site's chrome share. */
export const CHROME_RULE_ID = 'no-site-chrome';
/** The rule whose messages (and their `data`) describe near-duplicate clusters. */
export const NEAR_DUPLICATE_RULE_ID = 'no-near-duplicate-docs';
/** Version of the JSON's shape, raised when a field changes meaning or goes. */
export const STATS_FORMAT_VERSION = 1;

/**
 * Lower bounds of the document-length buckets, in UTF-8 bytes: empty, then
 * powers of two from 128 bytes (a short caption) to 1 MiB and more.
 */
export const LENGTH_BUCKET_EDGES: readonly number[] = [0, 1, ...Array.from({ length: 14 }, (_, index) => 128 * 2 ** index)];
/** Cluster-size buckets: exact sizes to 9, then decades. */
export const CLUSTER_SIZE_EDGES: readonly number[] = [2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1000];
/** Sites listed in the JSON, most documents first; the rest are counted in `omitted`. */
export const MAX_LISTED_SITES = 10_000;
/** Documents listed as the worst (most bytes fixes remove). */
export const WORST_DOCUMENTS = 25;

export interface FixAmount {
  bytes: number;
  lines: number;
}

export interface RuleStats {
  id: string;
  messages: number;
  documents: number;
  safeFixes: FixAmount;
  unsafeFixes: FixAmount;
  /** Documents a fix empties, counted under the rule that removed most of their bytes. */
  emptiedDocuments: { safe: number; unsafe: number };
  /** Time in the rule's check, summed over threads; 0 when not timed. */
  milliseconds: number;
}

export interface SiteStats {
  site: string;
  documents: number;
  bytes: number;
  /** Share of the site's bytes that no-site-chrome's fixes (safe and unsafe) remove. */
  chromeShare: number;
  /** Share of the site's documents with at least one message. */
  flaggedShare: number;
}

export interface WorstDocument {
  document: string;
  site?: string;
  bytes: number;
  /** Bytes safe and unsafe fixes together remove. */
  removableBytes: number;
  messages: number;
}

export interface CorpusStatsJson {
  format: number;
  corpuslint: string;
  /** SHA-256 of the resolved config (rules, options, plugins, limits), as --print-config shows it. */
  configHash: string;
  fix: 'off' | 'safe' | 'unsafe';
  /** The run's exit code, when the run got that far. */
  exitCode?: number;
  inputs: { documents: number; bytes: number; shards: number; unreadable: number };
  totals: {
    messages: number;
    errors: number;
    warnings: number;
    flaggedDocuments: number;
    safeFixes: FixAmount;
    unsafeFixes: FixAmount;
    bytesAfterFix: number;
    emptiedDocuments: { safe: number; unsafe: number };
  };
  rules: RuleStats[];
  timing: { engineMilliseconds: number; corpusIndexMilliseconds: number };
  nearDuplicates: { clusters: number; documentsToDrop: number; clusterSizes: { atLeast: number; clusters: number }[] };
  sites: { count: number; omitted: number; list: SiteStats[] };
  lengths: { edges: number[]; beforeFix: number[]; afterFix: number[] };
  worstDocuments: WorstDocument[];
}

interface RuleTotals {
  safeFixes: FixAmount;
  unsafeFixes: FixAmount;
  emptiedDocuments: { safe: number; unsafe: number };
}

interface SiteTotals {
  documents: number;
  bytes: number;
  chromeBytes: number;
  flaggedDocuments: number;
}

export interface CorpusStatsSetup {
  corpuslintVersion: string;
  configHash: string;
  fix: 'off' | 'safe' | 'unsafe';
  /** The rules that run, in configuration order. */
  ruleIds: readonly string[];
}

export class CorpusStats {
  /** Messages, documents and time per rule: the same counts `--stats` prints. */
  readonly runStats: RunStats;
  exitCode: number | undefined;
  private documents = 0;
  private bytes = 0;
  private bytesAfterFix = 0;
  private shards = 0;
  private unreadable = 0;
  private errors = 0;
  private warnings = 0;
  private flaggedDocuments = 0;
  private readonly fixes = new Map<string, RuleTotals>();
  private readonly sites = new Map<string, SiteTotals>();
  /** Near-duplicate clusters by the document each keeps: their size. */
  private readonly clusters = new Map<string, number>();
  private documentsToDrop = 0;
  private readonly lengthsBefore = new Array<number>(LENGTH_BUCKET_EDGES.length).fill(0);
  private readonly lengthsAfter = new Array<number>(LENGTH_BUCKET_EDGES.length).fill(0);
  /** Kept sorted, worst first, at most WORST_DOCUMENTS long. */
  private readonly worst: WorstDocument[] = [];

  constructor(private readonly setup: CorpusStatsSetup) {
    this.runStats = new RunStats(setup.ruleIds);
  }

  addShard(): void {
    this.shards++;
  }

  addUnreadable(): void {
    this.unreadable++;
  }

  /** One linted document: its messages as reported, and what fixing does to it (undefined: not measured). */
  addDocument(documentId: string, messages: readonly PlainMessage[], figures: DocumentFigures | undefined): void {
    this.runStats.addDocument(messages);
    this.documents++;
    for (const message of messages) {
      // As the report's summary counts them: an info message is a warning there too.
      if (message.fatal === true) this.errors++;
      else this.warnings++;
      if (countedRuleId(message) === NEAR_DUPLICATE_RULE_ID) this.addNearDuplicate(message);
    }
    const flagged = messages.length > 0;
    if (flagged) this.flaggedDocuments++;
    if (!figures) return;
    this.bytes += figures.bytes;
    this.bytesAfterFix += figures.bytesAfterFix;
    this.lengthsBefore[bucketOf(figures.bytes)]!++;
    this.lengthsAfter[bucketOf(figures.bytesAfterFix)]!++;
    let removable = 0;
    for (const [id, effect] of Object.entries(figures.rules)) {
      const totals = this.totalsOf(id);
      totals.safeFixes.bytes += effect.safeBytes;
      totals.safeFixes.lines += effect.safeLines;
      totals.unsafeFixes.bytes += effect.unsafeBytes;
      totals.unsafeFixes.lines += effect.unsafeLines;
      removable += effect.safeBytes + effect.unsafeBytes;
    }
    if (figures.emptiedBySafe !== undefined) this.totalsOf(figures.emptiedBySafe).emptiedDocuments.safe++;
    if (figures.emptiedByUnsafe !== undefined) this.totalsOf(figures.emptiedByUnsafe).emptiedDocuments.unsafe++;
    if (figures.site !== undefined) {
      let site = this.sites.get(figures.site);
      if (!site) {
        site = { documents: 0, bytes: 0, chromeBytes: 0, flaggedDocuments: 0 };
        this.sites.set(figures.site, site);
      }
      site.documents++;
      site.bytes += figures.bytes;
      const chrome = figures.rules[CHROME_RULE_ID];
      if (chrome) site.chromeBytes += chrome.safeBytes + chrome.unsafeBytes;
      if (flagged) site.flaggedDocuments++;
    }
    if (removable > 0) this.rankWorst({ document: documentId, ...(figures.site === undefined ? {} : { site: figures.site }), bytes: figures.bytes, removableBytes: removable, messages: messages.length });
  }

  toJSON(): CorpusStatsJson {
    const rows = this.runStats.figures();
    const rules: RuleStats[] = [];
    const totals = { safeFixes: { bytes: 0, lines: 0 }, unsafeFixes: { bytes: 0, lines: 0 }, emptiedDocuments: { safe: 0, unsafe: 0 } };
    for (const [id, row] of rows) {
      if (id === ENGINE_ROW || id === CORPUS_INDEX_ROW) continue;
      const fixes = this.fixes.get(id) ?? emptyTotals();
      rules.push({ id, messages: row.messages, documents: row.documents, ...structuredClone(fixes), milliseconds: round(row.milliseconds) });
      totals.safeFixes.bytes += fixes.safeFixes.bytes;
      totals.safeFixes.lines += fixes.safeFixes.lines;
      totals.unsafeFixes.bytes += fixes.unsafeFixes.bytes;
      totals.unsafeFixes.lines += fixes.unsafeFixes.lines;
      totals.emptiedDocuments.safe += fixes.emptiedDocuments.safe;
      totals.emptiedDocuments.unsafe += fixes.emptiedDocuments.unsafe;
    }
    const sites = [...this.sites.entries()]
      .map(([site, figures]): SiteStats => ({
        site,
        documents: figures.documents,
        bytes: figures.bytes,
        chromeShare: share(figures.chromeBytes, figures.bytes),
        flaggedShare: share(figures.flaggedDocuments, figures.documents),
      }))
      .sort((a, b) => b.documents - a.documents || (a.site < b.site ? -1 : 1));
    const clusterSizes = CLUSTER_SIZE_EDGES.map((atLeast) => ({ atLeast, clusters: 0 }));
    for (const size of this.clusters.values()) clusterSizes[bucketIn(CLUSTER_SIZE_EDGES, size)]!.clusters++;
    const json: CorpusStatsJson = {
      format: STATS_FORMAT_VERSION,
      corpuslint: this.setup.corpuslintVersion,
      configHash: this.setup.configHash,
      fix: this.setup.fix,
      inputs: { documents: this.documents, bytes: this.bytes, shards: this.shards, unreadable: this.unreadable },
      totals: {
        // Every message, those about a document as a whole (a fix loop, an emptied file) included.
        messages: this.errors + this.warnings,
        errors: this.errors,
        warnings: this.warnings,
        flaggedDocuments: this.flaggedDocuments,
        ...totals,
        bytesAfterFix: this.bytesAfterFix,
      },
      rules,
      timing: { engineMilliseconds: round(rows.get(ENGINE_ROW)?.milliseconds ?? 0), corpusIndexMilliseconds: round(rows.get(CORPUS_INDEX_ROW)?.milliseconds ?? 0) },
      nearDuplicates: { clusters: this.clusters.size, documentsToDrop: this.documentsToDrop, clusterSizes },
      sites: { count: sites.length, omitted: Math.max(0, sites.length - MAX_LISTED_SITES), list: sites.slice(0, MAX_LISTED_SITES) },
      lengths: { edges: [...LENGTH_BUCKET_EDGES], beforeFix: [...this.lengthsBefore], afterFix: [...this.lengthsAfter] },
      worstDocuments: this.worst.map((entry) => ({ ...entry })),
    };
    if (this.exitCode !== undefined) json.exitCode = this.exitCode;
    return json;
  }

  /** The rule's message names the copy to keep and the cluster's size; each message is one copy to drop. */
  private addNearDuplicate(message: PlainMessage): void {
    this.documentsToDrop++;
    const keep = message.data?.keep;
    const size = message.data?.clusterSize;
    if (typeof keep === 'string' && typeof size === 'number') this.clusters.set(keep, Math.max(size, this.clusters.get(keep) ?? 0));
  }

  private totalsOf(id: string): RuleTotals {
    let totals = this.fixes.get(id);
    if (!totals) {
      totals = emptyTotals();
      this.fixes.set(id, totals);
    }
    return totals;
  }

  private rankWorst(entry: WorstDocument): void {
    const worse = (a: WorstDocument, b: WorstDocument) => a.removableBytes > b.removableBytes || (a.removableBytes === b.removableBytes && a.messages > b.messages);
    if (this.worst.length === WORST_DOCUMENTS && !worse(entry, this.worst[this.worst.length - 1]!)) return;
    let index = this.worst.length;
    while (index > 0 && worse(entry, this.worst[index - 1]!)) index--;
    this.worst.splice(index, 0, entry);
    if (this.worst.length > WORST_DOCUMENTS) this.worst.pop();
  }
}

function emptyTotals(): RuleTotals {
  return { safeFixes: { bytes: 0, lines: 0 }, unsafeFixes: { bytes: 0, lines: 0 }, emptiedDocuments: { safe: 0, unsafe: 0 } };
}

function bucketOf(bytes: number): number {
  return bucketIn(LENGTH_BUCKET_EDGES, bytes);
}

/** The last bucket whose lower bound is ≤ value. */
function bucketIn(edges: readonly number[], value: number): number {
  let index = 0;
  while (index + 1 < edges.length && edges[index + 1]! <= value) index++;
  return index;
}

/** A share rounded to four places (0.1234), 0 for an empty whole. */
function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((10_000 * part) / whole) / 10_000;
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 10) / 10;
}
