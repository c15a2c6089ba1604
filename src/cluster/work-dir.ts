/**
 * The work dir every stage of a cluster run shares (on a shared file
 * system): what corpus and config it is for, and each stage's outputs with a
 * completion marker beside them, so a rerun skips finished shards and a
 * stage finding a missing or partial input says which.
 *
 *   W/work.json           the corpus (hash of its document paths, in order), the config's hash, the shard count
 *   W/digests/<i>         shard i's document digests (the map); W/digests/<i>.done its marker
 *   W/index               the merged corpus index (the reduce), byte for byte a one-machine run's; W/index.done
 *   W/results/<i>.jsonl   shard i's reports, lossless, for `corpuslint report`; W/results/<i>.done
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import { UsageError } from '../core/errors.js';
import { createFileFilter, discoverFiles } from '../input/files.js';
import { displayPath } from '../input/paths.js';
import type { ShardFields } from '../input/shards/types.js';
import { WriteError, writeFileAtomically } from '../input/write.js';
import { corpuslintVersion } from '../version.js';
import type { ShardSpec } from './shard-spec.js';

/** Bumped when the layout or a file's format changes: an older work dir is then refused, not misread. */
const WORK_DIR_FORMAT = 1;

export interface CorpusIdentity {
  /** SHA-256 of the document paths in discovery order (as the reports name them). */
  hash: string;
  files: number;
}

export interface WorkState {
  format: number;
  corpus: CorpusIdentity;
  /** SHA-256 of corpuslint's version, the resolved config and the shard fields. */
  config: string;
  shards: number;
}

/** What every finished shard or stage writes beside its output. */
export interface Marker {
  corpus: string;
  config: string;
  /** The output's size: a marker beside a shorter file means the file was cut (a partial copy). */
  bytes: number;
  [detail: string]: unknown;
}

export interface DiscoveryInputs {
  paths: readonly string[];
  cwd: string;
  config: ResolvedConfig;
  followLinks: boolean;
}

/** One walk over the paths, as a run discovers them; only the names are hashed (reading every file on every task would cost a corpus read each). */
export async function corpusIdentity({ paths, cwd, config, followLinks }: DiscoveryInputs): Promise<CorpusIdentity> {
  const hash = createHash('sha256');
  let files = 0;
  for await (const filePath of discoverFiles(paths, cwd, createFileFilter(config, cwd), { unlistable: new Map(), followLinks })) {
    hash.update(`${displayPath(filePath, cwd)}\n`);
    files++;
  }
  return { hash: hash.digest('hex'), files };
}

export function configHash(config: ResolvedConfig, fields: ShardFields): string {
  return createHash('sha256').update(JSON.stringify({ corpuslint: corpuslintVersion(), config, fields })).digest('hex');
}

export class WorkDir {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get statePath(): string {
    return path.join(this.root, 'work.json');
  }
  digestPath(shard: number): string {
    return path.join(this.root, 'digests', String(shard));
  }
  get indexPath(): string {
    return path.join(this.root, 'index');
  }
  resultsPath(shard: number): string {
    return path.join(this.root, 'results', `${shard}.jsonl`);
  }

  /** Creates the folders and the state, or checks that the state there is this run's. */
  async open(expected: WorkState): Promise<void> {
    const existing = this.readState();
    if (existing) return this.check(existing, expected);
    for (const folder of ['digests', 'results']) fs.mkdirSync(path.join(this.root, folder), { recursive: true });
    await writeWorkFile(this.statePath, () => writeFileAtomically(this.statePath, Buffer.from(`${JSON.stringify(expected, null, 2)}\n`)));
  }

  /** The state a stage without paths (merge, report) goes by; an error naming the first stage when there is none. */
  requireState(): WorkState {
    const state = this.readState();
    if (!state) throw new UsageError(`Work dir ${shownPath(this.root)} has no work.json: run \`corpuslint index --shard i/N --work-dir ${shownPath(this.root)} <paths>\` first`);
    return state;
  }

  /** A stage's own check when it has paths and a config: the same corpus, config and shard count as the work dir. */
  check(state: WorkState, expected: Partial<WorkState>): void {
    if (expected.corpus && state.corpus.hash !== expected.corpus.hash) {
      throw new UsageError(
        `Work dir ${shownPath(this.root)} is for another corpus (${state.corpus.files.toLocaleString('en-US')} files, hash ${state.corpus.hash.slice(0, 12)}; these paths give ${expected.corpus.files.toLocaleString('en-US')} files, hash ${expected.corpus.hash.slice(0, 12)}); give the same paths from the same folder, or use a new --work-dir`,
      );
    }
    if (expected.config !== undefined && state.config !== expected.config) {
      throw new UsageError(
        `Work dir ${shownPath(this.root)} was made with another config (hash ${state.config.slice(0, 12)}; this run's is ${expected.config.slice(0, 12)}); give every stage the same config, --rule and shard-field options, or use a new --work-dir`,
      );
    }
    if (expected.shards !== undefined && state.shards !== expected.shards) {
      throw new UsageError(`Work dir ${shownPath(this.root)} is split into ${state.shards} shards, not ${expected.shards}; use --shard i/${state.shards}, or a new --work-dir`);
    }
  }

  readMarker(output: string): Marker | undefined {
    try {
      return JSON.parse(fs.readFileSync(`${output}.done`, 'utf8')) as Marker;
    } catch {
      return undefined;
    }
  }

  /** Whether `output` is finished for this state: its marker is there, for this corpus and config, and the file is whole. */
  isDone(output: string, state: WorkState): boolean {
    const marker = this.readMarker(output);
    return marker !== undefined && marker.corpus === state.corpus.hash && marker.config === state.config && sizeOf(output) === marker.bytes;
  }

  /** The marker of a stage input, or an error naming the shard and the command (`remedy`) that makes it. */
  requireDone(output: string, state: WorkState, what: string, remedy: string): Marker {
    const marker = this.readMarker(output);
    if (!marker) {
      const partial = sizeOf(output) !== undefined ? ' (the file is there without it: the task stopped before it finished)' : '';
      throw new UsageError(`${what} is missing: ${shownPath(output)} has no .done marker${partial}; run \`${remedy}\``);
    }
    if (marker.corpus !== state.corpus.hash || marker.config !== state.config) {
      throw new UsageError(`${what} was made for another corpus or config than ${shownPath(this.statePath)} records; run \`${remedy} --force\``);
    }
    if (sizeOf(output) !== marker.bytes) {
      throw new UsageError(`${what} is partial: ${shownPath(output)} has ${sizeOf(output) ?? 'no'} bytes, its marker says ${marker.bytes}; run \`${remedy} --force\``);
    }
    return marker;
  }

  /** Written last, after the output is in place: its presence means the output is whole. */
  async markDone(output: string, state: WorkState, details: Record<string, unknown>): Promise<void> {
    const marker: Marker = { corpus: state.corpus.hash, config: state.config, bytes: sizeOf(output) ?? 0, ...details };
    await writeWorkFile(`${output}.done`, () => writeFileAtomically(`${output}.done`, Buffer.from(`${JSON.stringify(marker)}\n`)));
  }

  private readState(): WorkState | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.statePath, 'utf8');
    } catch {
      return undefined;
    }
    let state: WorkState;
    try {
      state = JSON.parse(text) as WorkState;
    } catch {
      throw new UsageError(`${shownPath(this.statePath)} is not valid JSON (damaged?); delete the work dir and start again`);
    }
    if (state.format !== WORK_DIR_FORMAT) throw new UsageError(`${shownPath(this.statePath)} is from another corpuslint version (work dir format ${state.format}, this one reads ${WORK_DIR_FORMAT}); use a new --work-dir`);
    return state;
  }
}

export function newWorkState(corpus: CorpusIdentity, config: string, shards: number): WorkState {
  return { format: WORK_DIR_FORMAT, corpus, config, shards };
}

/** `--shard i/N` in messages. */
export function shardName(shard: ShardSpec): string {
  return `shard ${shard.index}/${shard.count}`;
}

/** A write into the work dir the OS refused is the user's to fix (space, permissions): one line naming the file. */
export async function writeWorkFile(filePath: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    throw new UsageError(`Cannot write ${shownPath(filePath)} in the work dir (${error.why}); check that the work dir is writable and has room, then run the stage again`);
  }
}

/** Paths in messages: relative to the working folder when inside it, else absolute. */
export function shownPath(filePath: string): string {
  const from = path.relative(process.cwd(), filePath);
  return from === '' ? '.' : from.startsWith('..') || path.isAbsolute(from) ? filePath : from;
}

function sizeOf(filePath: string): number | undefined {
  try {
    return fs.statSync(filePath).size;
  } catch {
    return undefined;
  }
}
