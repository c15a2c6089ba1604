/**
 * The cluster commands on the command line: `corpuslint index` (a shard, or
 * `--merge`), `corpuslint --shard i/N --work-dir W` (lint a shard),
 * `corpuslint report` and `corpuslint slurm`. The CLI hands each flag over
 * as parsed; a lint or report stage runs through the CLI's own reporting, so
 * formats, `-o`, `--quiet` and exit codes behave as in any run.
 */
import path from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import type { RuleRegistry } from '../config/plugins.js';
import { EXIT_CLEAN, UsageError } from '../core/errors.js';
import { checkPathsExist } from '../input/files.js';
import { FORMATS_WITH_SOURCE } from '../reporters/index.js';
import type { RunOptions, RunResult } from '../run/types.js';
import { MAX_SHARDS, parseShardSpec } from './shard-spec.js';
import { submitSlurmRun, type SlurmRequest } from './slurm.js';
import { indexShard, mergeIndex, replayReports, shardLint, type StageInputs } from './stages.js';
import type { ClusterArguments, ForwardedArguments } from './types.js';
import { configHash, WorkDir } from './work-dir.js';

/** The words that start a cluster command instead of naming a path (lint a folder of that name as `./index`). */
export const CLUSTER_COMMANDS = ['index', 'report', 'slurm'] as const;

/** yargs options for the cluster commands, added to the CLI's own. */
export const CLUSTER_OPTIONS = {
  shard: { type: 'string', describe: 'Cluster runs: lint (or with `index`, index) shard i/N, counting from 0; auto: from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX' },
  'shard-count': { type: 'number', describe: 'Cluster runs: the number of shards, with --shard auto (required in a Kubernetes Indexed Job)' },
  'work-dir': { type: 'string', describe: 'Cluster runs: the shared folder holding the shards\' digests, the merged index and the shards\' results' },
  merge: { type: 'boolean', default: false, describe: 'With `index`: merge every shard\'s digests into the corpus index' },
  force: { type: 'boolean', default: false, describe: 'Cluster runs: redo a shard or stage that is already finished' },
  shards: { type: 'number', describe: 'With `slurm`: the number of shards (array tasks per stage)' },
  partition: { type: 'string', describe: 'With `slurm`: the partition to submit to' },
  time: { type: 'string', describe: 'With `slurm`: the time limit of each task (sbatch --time)' },
  'cpus-per-task': { type: 'number', describe: 'With `slurm`: cores per task (each task uses that many threads)' },
  mem: { type: 'string', describe: 'With `slurm`: memory per task (sbatch --mem)' },
  'dry-run': { type: 'boolean', default: false, describe: 'With `slurm`: print the sbatch scripts and the commands that submit them; submit nothing' },
} as const;

export interface ClusterContext {
  cwd: string;
  config: ResolvedConfig;
  registry: RuleRegistry;
  /** Threads for the index stage, as --concurrency resolves. */
  workers: number;
  notice: (text: string) => void;
}

/** A stage the CLI runs in place of a one-machine run: it reports through the CLI's output. */
export interface ClusterRun {
  run(options: RunOptions, runCorpuslint: (options: RunOptions) => Promise<RunResult>): Promise<RunResult>;
}

/**
 * undefined: not a cluster command (an ordinary run). A number: the command
 * is done, with this exit code. A ClusterRun: the CLI runs it and reports.
 */
export async function clusterCommand(args: ClusterArguments & ForwardedArguments, context: ClusterContext): Promise<number | ClusterRun | undefined> {
  const command = (CLUSTER_COMMANDS as readonly string[]).includes(args.paths[0] ?? '') ? (args.paths[0] as (typeof CLUSTER_COMMANDS)[number]) : undefined;
  if (command === undefined) {
    if (args.shard === undefined) {
      for (const [flag, given] of [['--work-dir', args.workDir !== undefined], ['--merge', args.merge], ['--shards', args.shards !== undefined], ['--dry-run', args.dryRun], ['--shard-count', args.shardCount !== undefined]] as const) {
        if (given) throw new UsageError(`${flag} belongs to a cluster run: use it with --shard, \`corpuslint index\`, \`report\` or \`slurm\` (see "Cluster runs" in the README)`);
      }
      return undefined;
    }
    return lintStage(args, context);
  }
  if (args.stdin) throw new UsageError(`--stdin cannot be used with \`corpuslint ${command}\`; give the corpus's paths`);
  if (command === 'index') return indexStage(args, context);
  if (command === 'report') return reportStage(args, context);
  return slurmStage(args, context);
}

function requireWorkDir(args: ClusterArguments, what: string): WorkDir {
  if (args.workDir === undefined) throw new UsageError(`${what} needs --work-dir W: the shared folder that holds the shards' digests, the index and the results`);
  return new WorkDir(args.workDir);
}

function stageInputs(paths: string[], args: ClusterArguments & ForwardedArguments, context: ClusterContext): StageInputs {
  if (paths.length === 0) throw new UsageError('No paths given: name the corpus\'s files or folders, as every stage of the run must');
  checkPathsExist(paths, context.cwd);
  return { paths, cwd: context.cwd, config: context.config, followLinks: args.follow, fields: { textField: args.textField, idField: args.idField }, force: args.force };
}

async function indexStage(args: ClusterArguments & ForwardedArguments, context: ClusterContext): Promise<number> {
  const work = requireWorkDir(args, '`corpuslint index`');
  if (args.merge) {
    if (args.shard !== undefined) throw new UsageError('`corpuslint index --merge` merges every shard: give no --shard');
    if (args.paths.length > 1) throw new UsageError('`corpuslint index --merge` reads the work dir only: give no paths');
    await mergeIndex(work, args.force, context.notice);
    return EXIT_CLEAN;
  }
  if (args.shard === undefined) throw new UsageError('`corpuslint index` needs --shard i/N (or auto), or --merge');
  const shard = parseShardSpec(args.shard, args.shardCount);
  await indexShard(work, shard, { ...stageInputs(args.paths.slice(1), args, context), workers: context.workers }, context.notice);
  return EXIT_CLEAN;
}

async function lintStage(args: ClusterArguments & ForwardedArguments, context: ClusterContext): Promise<number | ClusterRun> {
  const work = requireWorkDir(args, '--shard');
  if (args.stdin) throw new UsageError('--stdin cannot be used with --shard; give the corpus\'s paths');
  if (args.cache) throw new UsageError('--cache cannot be used with --shard (the shards would share one cache file); drop --cache');
  const shard = parseShardSpec(args.shard!, args.shardCount);
  const lint = await shardLint(work, shard, stageInputs(args.paths, args, context), context.notice);
  return lint ?? EXIT_CLEAN;
}

async function reportStage(args: ClusterArguments & ForwardedArguments, context: ClusterContext): Promise<ClusterRun> {
  const work = requireWorkDir(args, '`corpuslint report`');
  if (args.paths.length > 1) throw new UsageError('`corpuslint report` reads the work dir only: give no paths');
  if (FORMATS_WITH_SOURCE.has(args.format)) {
    throw new UsageError(`-f ${args.format} prints each document's text, which shard results do not keep; use stylish, json, sarif, github, compact, unix, junit or checkstyle`);
  }
  refuseShardOutputs(args, '`corpuslint report`');
  const expected = configHash(context.config, { textField: args.textField, idField: args.idField });
  return { run: (options) => replayReports(work, expected, options) };
}

async function slurmStage(args: ClusterArguments & ForwardedArguments, context: ClusterContext): Promise<number> {
  const work = requireWorkDir(args, '`corpuslint slurm`');
  if (args.shards === undefined) throw new UsageError('`corpuslint slurm` needs --shards N: how many array tasks each stage runs');
  if (args.cache) throw new UsageError('--cache cannot be used with `corpuslint slurm` (the shards would share one cache file); drop --cache');
  if (FORMATS_WITH_SOURCE.has(args.format)) throw new UsageError(`-f ${args.format} prints each document's text, which shard results do not keep; use stylish, json, sarif, github, compact, unix, junit or checkstyle`);
  refuseShardOutputs(args, '`corpuslint slurm`');
  const inputs = stageInputs(args.paths.slice(1), args, context);
  const request: SlurmRequest = {
    work,
    inputs,
    shards: shardCountOf(args.shards),
    ...(args.partition !== undefined && { partition: args.partition }),
    ...(args.time !== undefined && { time: args.time }),
    ...(args.cpusPerTask !== undefined && { cpusPerTask: args.cpusPerTask }),
    ...(args.mem !== undefined && { mem: args.mem }),
    dryRun: args.dryRun,
    args,
    reportFile: args.outputFile === undefined ? path.join(work.root, `report.${extensionOf(args.format)}`) : path.resolve(context.cwd, args.outputFile),
  };
  await submitSlurmRun(request, context.notice);
  return EXIT_CLEAN;
}

/** A drop list or exclusion shards are written while documents are linted: by each lint shard, to a file of its own. */
function refuseShardOutputs(args: ForwardedArguments, command: string): void {
  for (const [flag, given] of [['--drop-list', args.dropList], ['--exclusions', args.exclusions]] as const) {
    if (given !== undefined) throw new UsageError(`${flag} cannot be used with ${command}: give it to each lint shard (\`corpuslint --shard i/N\`), one file or folder a shard`);
  }
}

function shardCountOf(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_SHARDS) throw new UsageError(`--shards ${value}: give the number of shards, a whole number from 1 to ${MAX_SHARDS.toLocaleString('en-US')}`);
  return value;
}

function extensionOf(format: string): string {
  return { stylish: 'txt', json: 'json', sarif: 'sarif', github: 'txt', compact: 'txt', unix: 'txt', junit: 'xml', checkstyle: 'xml' }[format] ?? 'txt';
}
