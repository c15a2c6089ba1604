/**
 * Which part of a corpus one task of a cluster run takes. Every stage splits
 * the same way: the files in discovery order, file k to shard k mod N
 * (datatrove's `files[rank::world_size]`), so a JSONL or Parquet shard file
 * stays whole and every stage of shard i sees the same documents.
 */
import { UsageError } from '../core/errors.js';

export interface ShardSpec {
  /** From 0, as Slurm array task ids and Kubernetes completion indexes count. */
  index: number;
  count: number;
}

/** Whether the file at this place in discovery order belongs to the shard. */
export function inShard(ordinal: number, shard: ShardSpec): boolean {
  return ordinal % shard.count === shard.index;
}

/** The shard that holds the file at this place in discovery order. */
export function shardOf(ordinal: number, count: number): number {
  return ordinal % count;
}

/** More shards than this is a typo: Slurm's default MaxArraySize is 1001. */
export const MAX_SHARDS = 1_000_000;

/**
 * `i/N`, or `auto`: the task's index from Slurm (SLURM_ARRAY_TASK_ID, and
 * SLURM_ARRAY_TASK_COUNT unless --shard-count says) or from a Kubernetes
 * Indexed Job (JOB_COMPLETION_INDEX, with --shard-count).
 */
export function parseShardSpec(value: string, shardCount: number | undefined, env: NodeJS.ProcessEnv = process.env): ShardSpec {
  if (shardCount !== undefined) checkCount(shardCount, `--shard-count ${shardCount}`);
  if (value === 'auto') return autoShard(shardCount, env);
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match) throw new UsageError(`--shard ${JSON.stringify(value)}: write the shard as i/N, counting from 0 (0/4 to 3/4), or auto in a Slurm array task or Indexed Job`);
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  if (shardCount !== undefined && shardCount !== shard.count) {
    throw new UsageError(`--shard ${value} and --shard-count ${shardCount} disagree on the number of shards; give one of them`);
  }
  return checked(shard, `--shard ${value}`);
}

function autoShard(shardCount: number | undefined, env: NodeJS.ProcessEnv): ShardSpec {
  const slurmTask = env.SLURM_ARRAY_TASK_ID;
  const kubernetesIndex = env.JOB_COMPLETION_INDEX;
  if (slurmTask !== undefined) {
    // A rerun of only the missing tasks (--array=1,3) has fewer tasks than shards: --shard-count wins.
    const count = shardCount ?? wholeNumber(env.SLURM_ARRAY_TASK_COUNT, 'SLURM_ARRAY_TASK_COUNT');
    return checked({ index: wholeNumber(slurmTask, 'SLURM_ARRAY_TASK_ID'), count }, `--shard auto (SLURM_ARRAY_TASK_ID=${slurmTask})`);
  }
  if (kubernetesIndex !== undefined) {
    if (shardCount === undefined) throw new UsageError('--shard auto in a Kubernetes Indexed Job needs --shard-count N (the Job\'s completions)');
    return checked({ index: wholeNumber(kubernetesIndex, 'JOB_COMPLETION_INDEX'), count: shardCount }, `--shard auto (JOB_COMPLETION_INDEX=${kubernetesIndex})`);
  }
  throw new UsageError('--shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set; run it as a Slurm array task or in an Indexed Job, or give --shard i/N');
}

function wholeNumber(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`--shard auto: ${name} is ${value === undefined ? 'not set' : JSON.stringify(value)}; give --shard i/N`);
  return Number(value);
}

function checkCount(count: number, what: string): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS) throw new UsageError(`${what}: the number of shards must be a whole number from 1 to ${MAX_SHARDS.toLocaleString('en-US')}`);
}

function checked(shard: ShardSpec, what: string): ShardSpec {
  checkCount(shard.count, what);
  if (shard.index >= shard.count) throw new UsageError(`${what}: shard ${shard.index} is out of range; with ${shard.count} shards they are 0 to ${shard.count - 1}`);
  return shard;
}
