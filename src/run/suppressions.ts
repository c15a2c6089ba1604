/**
 * A baseline, as ESLint's bulk suppressions: `corpuslint-suppressions.json`
 * holds, per document (a file, or `shard#record`) and per rule, how many
 * problems the corpus had when the baseline was taken. A document with at
 * most that many problems of a rule has them all left out of the report and
 * the exit code; with more, all of them are reported, as ESLint does (which
 * of them are new cannot be told). So a team can fail CI on new problems
 * only, on a corpus that is dirty today.
 *
 * Two choices differ from ESLint, for corpora: warnings are counted too
 * (the recommended preset's spelling and formatting rules warn, and CI runs
 * with `--max-warnings 0`), and a suppression for a document that is gone
 * (a file deleted, a record dropped from a shard that was linted) is unused,
 * as cleaning a corpus means dropping documents.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { UsageError } from '../core/errors.js';
import { MESSAGE_SOURCE } from '../core/message.js';
import { displayPath } from '../input/paths.js';
import { describeWriteError, writeFileAtomically } from '../input/write.js';
import type { DocumentReport } from '../reporters/reporter.js';

export const DEFAULT_SUPPRESSIONS_LOCATION = 'corpuslint-suppressions.json';

/** ESLint's shape: document → rule → `{ count }`. */
export type SuppressionCounts = Record<string, Record<string, { count: number }>>;

/**
 * `apply`: leave out what the file suppresses (an absent file suppresses nothing);
 * `suppress`: first record the current counts of these rules (all: undefined);
 * `prune`: first lower the counts to what still occurs.
 */
export type SuppressionMode = { kind: 'apply' } | { kind: 'suppress'; rules?: readonly string[] } | { kind: 'prune' };

export interface SuppressionSummary {
  /** Problems left out of the report. */
  suppressed: number;
  /** Suppressions (document and rule) that matched fewer problems than their count, or a document that is gone. */
  unused: number;
  /** Documents those unused suppressions are in. */
  unusedDocuments: number;
}

export class Suppressions {
  /** Documents with an entry that a report has matched (only those: the rest of a corpus costs nothing). */
  private readonly seen = new Set<string>();
  /** Shards with records that have an entry, and were linted: a record of theirs not seen is gone. */
  private readonly seenShards = new Set<string>();
  /** Per seen document and rule, what the entry did not use (count minus problems, when problems ≤ count; the whole count when more). */
  private readonly leftOver = new Map<string, Record<string, number>>();
  private suppressedCount = 0;
  private changed = false;

  private constructor(
    readonly location: string,
    private readonly cwd: string,
    private readonly counts: SuppressionCounts,
    private readonly mode: SuppressionMode,
    /** The paths given on the command line, absolute: a document gone from under them is unused. */
    private readonly inputs: readonly string[],
    /** The file existed (an absent one, in `apply` mode, suppresses nothing and is never written). */
    readonly existed: boolean,
  ) {}

  static load(location: string, cwd: string, mode: SuppressionMode, inputs: readonly string[]): Suppressions {
    let text: string;
    try {
      text = fs.readFileSync(location, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return new Suppressions(location, cwd, {}, mode, inputs, false);
      throw new UsageError(`Cannot read the suppressions file ${displayPath(location, cwd)} (${code ?? String(error)}); check its permissions`);
    }
    return new Suppressions(location, cwd, parseCounts(text, displayPath(location, cwd)), mode, inputs, true);
  }

  /** Whether runs read this file at all: it exists, or this run writes it. */
  get active(): boolean {
    return this.existed || this.mode.kind !== 'apply';
  }

  /** The report without the problems the baseline covers (recording or pruning counts first, by the mode). */
  filter(report: DocumentReport): DocumentReport {
    const key = documentKey(report, this.cwd);
    const current = countByRule(report.messages);
    if (this.mode.kind === 'suppress') this.record(key, current, this.mode.rules);
    const entry = this.counts[key];
    if (report.recordId !== undefined && this.hasRecordEntries(report.filePath)) this.seenShards.add(displayPath(report.filePath, this.cwd));
    if (!entry) return report;
    this.seen.add(key);
    if (this.mode.kind === 'prune') this.prune(key, entry, current);
    const suppressedRules = new Set<string>();
    const leftOver: Record<string, number> = {};
    for (const [rule, { count }] of Object.entries(entry)) {
      const found = current.get(rule) ?? 0;
      if (found <= count) {
        if (found > 0) suppressedRules.add(rule);
        if (found < count) leftOver[rule] = count - found;
      }
    }
    if (Object.keys(leftOver).length > 0) this.leftOver.set(key, leftOver);
    if (suppressedRules.size === 0) return report;
    const messages = report.messages.filter((message) => {
      const rule = suppressibleRule(message);
      return rule === undefined || !suppressedRules.has(rule);
    });
    this.suppressedCount += report.messages.length - messages.length;
    return { ...report, messages };
  }

  /** After the run: what was suppressed and what no longer occurs; a run that rewrites the file drops the gone documents' entries (for the rules it rewrites). */
  finish(): SuppressionSummary {
    let unused = 0;
    let unusedDocuments = 0;
    for (const [key, entry] of Object.entries(this.counts)) {
      const leftOver = this.seen.has(key) ? this.leftOver.get(key) : this.isGone(key) ? countsOf(entry) : undefined;
      if (!leftOver) continue;
      const rules = Object.keys(leftOver).length;
      if (rules === 0) continue;
      unused += rules;
      unusedDocuments++;
      // A gone document's suppressions go when the file is rewritten for the rules being rewritten.
      if (this.mode.kind !== 'apply' && !this.seen.has(key)) {
        const rules = this.mode.kind === 'suppress' ? this.mode.rules : undefined;
        this.setEntry(key, rules ? Object.fromEntries(Object.entries(entry).filter(([rule]) => !rules.includes(rule))) : {});
      }
    }
    // Once pruned or re-recorded, nothing this run saw is left unused.
    if (this.mode.kind !== 'apply') return { suppressed: this.suppressedCount, unused: 0, unusedDocuments: 0 };
    return { suppressed: this.suppressedCount, unused, unusedDocuments };
  }

  /** Writes the file (sorted, so a baseline diffs well in review) when `suppress` or `prune` changed it, or created it. */
  async save(): Promise<boolean> {
    if (this.mode.kind === 'apply' || (!this.changed && this.existed)) return false;
    const sorted: SuppressionCounts = {};
    for (const key of Object.keys(this.counts).sort()) {
      const rules = this.counts[key]!;
      sorted[key] = Object.fromEntries(Object.keys(rules).sort().map((rule) => [rule, { count: rules[rule]!.count }]));
    }
    try {
      await writeFileAtomically(this.location, Buffer.from(`${JSON.stringify(sorted, null, 2)}\n`, 'utf8'));
    } catch (error) {
      const { why } = describeWriteError(error);
      throw new UsageError(`Cannot write the suppressions file ${displayPath(this.location, this.cwd)} (${why})`);
    }
    return true;
  }

  /** Sets the entry's counts for these rules (every rule: undefined) to what the document has now. */
  private record(key: string, current: ReadonlyMap<string, number>, rules: readonly string[] | undefined): void {
    const entry: Record<string, { count: number }> = { ...this.counts[key] };
    for (const rule of rules ?? Object.keys(entry)) delete entry[rule];
    for (const [rule, count] of current) if (rules === undefined || rules.includes(rule)) entry[rule] = { count };
    this.setEntry(key, entry);
  }

  /** Lowers each count to the problems still found (ESLint's prune). */
  private prune(key: string, entry: Record<string, { count: number }>, current: ReadonlyMap<string, number>): void {
    const pruned: Record<string, { count: number }> = {};
    for (const [rule, { count }] of Object.entries(entry)) {
      const found = Math.min(count, current.get(rule) ?? 0);
      if (found > 0) pruned[rule] = { count: found };
    }
    this.setEntry(key, pruned);
  }

  private setEntry(key: string, entry: Record<string, { count: number }>): void {
    const before = JSON.stringify(this.counts[key] ?? {});
    if (Object.keys(entry).length === 0) delete this.counts[key];
    else this.counts[key] = entry;
    if (JSON.stringify(entry) !== before) this.changed = true;
  }

  private shardsWithEntries: Set<string> | undefined;

  /** Whether any entry names a record of this shard (the set is built once, from the keys' `#` prefixes). */
  private hasRecordEntries(shardPath: string): boolean {
    if (!this.shardsWithEntries) {
      this.shardsWithEntries = new Set();
      for (const key of Object.keys(this.counts)) for (const prefix of hashPrefixes(key)) this.shardsWithEntries.add(prefix);
    }
    return this.shardsWithEntries.has(displayPath(shardPath, this.cwd));
  }

  /** A document not seen is gone when its shard was linted, or when its file is missing from under the paths linted. */
  private isGone(key: string): boolean {
    const prefixes = hashPrefixes(key);
    if (prefixes.some((prefix) => this.seenShards.has(prefix))) return true;
    const candidates = [key, ...prefixes].map((name) => path.resolve(this.cwd, name));
    if (candidates.some((candidate) => fs.existsSync(candidate))) return false;
    return candidates.some((candidate) => this.inputs.some((input) => candidate === input || candidate.startsWith(input + path.sep)));
  }
}

/** How the file names a document: as reports name it (relative to the working folder, `shard#record`). */
function documentKey(report: DocumentReport, cwd: string): string {
  const name = displayPath(report.filePath, cwd);
  return report.recordId === undefined ? name : `${name}#${report.recordId}`;
}

/** The names a key's shard could have: the key up to each `#` (a file name or a record id may hold one too). */
function hashPrefixes(key: string): string[] {
  const prefixes: string[] = [];
  for (let at = key.indexOf('#'); at > 0; at = key.indexOf('#', at + 1)) prefixes.push(key.slice(0, at));
  return prefixes;
}

/**
 * What a problem is counted under: its rule, or for corpuslint's own notes on
 * a document (safe fixes held back, a fix loop) `corpuslint`. A document that
 * could not be read is never suppressed: the run fails on it (exit 2).
 */
function suppressibleRule(message: VFileMessage): string | undefined {
  if (message.ruleId) return message.ruleId;
  if (message.fatal === true) return undefined;
  return message.source ?? MESSAGE_SOURCE;
}

function countByRule(messages: readonly VFileMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    const rule = suppressibleRule(message);
    if (rule !== undefined) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  }
  return counts;
}

function countsOf(entry: Record<string, { count: number }>): Record<string, number> {
  return Object.fromEntries(Object.entries(entry).map(([rule, { count }]) => [rule, count]));
}

/** The file as ESLint writes it, checked, so a hand edit gone wrong is one line naming the key. */
function parseCounts(text: string, name: string): SuppressionCounts {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The suppressions file ${name} is not valid JSON (${(error as Error).message}); fix it, or delete it and run --suppress-all again`);
  }
  const fail = (where: string): never => {
    throw new UsageError(`The suppressions file ${name}: ${where} must be { "<rule>": { "count": <whole number ≥ 1> } }; fix it, or delete it and run --suppress-all again`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('the file');
  for (const [document, rules] of Object.entries(value as Record<string, unknown>)) {
    if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) fail(JSON.stringify(document));
    for (const [rule, entry] of Object.entries(rules as Record<string, unknown>)) {
      const count = (entry as { count?: unknown } | null)?.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) fail(`${JSON.stringify(document)} → ${JSON.stringify(rule)}`);
    }
  }
  return value as SuppressionCounts;
}
