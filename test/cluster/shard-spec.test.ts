import { describe, expect, it } from 'vitest';
import { inShard, parseShardSpec } from '../../src/cluster/shard-spec.js';

describe('parseShardSpec', () => {
  const valid: Array<[string, number | undefined, NodeJS.ProcessEnv, { index: number; count: number }]> = [
    ['0/1', undefined, {}, { index: 0, count: 1 }],
    ['2/3', undefined, {}, { index: 2, count: 3 }],
    ['2/3', 3, {}, { index: 2, count: 3 }],
    ['auto', undefined, { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '8' }, { index: 4, count: 8 }],
    // A rerun of only the missing tasks (--array=1,3) has fewer tasks than shards.
    ['auto', 8, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '2' }, { index: 3, count: 8 }],
    ['auto', 5, { JOB_COMPLETION_INDEX: '0' }, { index: 0, count: 5 }],
  ];
  for (const [value, count, env, expected] of valid) {
    it(`${value} ${count ?? ''} ${JSON.stringify(env)}`, () => expect(parseShardSpec(value, count, env)).toEqual(expected));
  }

  const invalid: Array<[string, number | undefined, NodeJS.ProcessEnv, string]> = [
    ['3/3', undefined, {}, '--shard 3/3: shard 3 is out of range; with 3 shards they are 0 to 2'],
    ['0/0', undefined, {}, '--shard 0/0: the number of shards must be a whole number from 1 to 1,000,000'],
    ['1/x', undefined, {}, '--shard "1/x": write the shard as i/N, counting from 0 (0/4 to 3/4), or auto in a Slurm array task or Indexed Job'],
    ['-1/3', undefined, {}, '--shard "-1/3": write the shard as i/N, counting from 0 (0/4 to 3/4), or auto in a Slurm array task or Indexed Job'],
    ['1/3', 4, {}, '--shard 1/3 and --shard-count 4 disagree on the number of shards; give one of them'],
    ['auto', undefined, {}, '--shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set; run it as a Slurm array task or in an Indexed Job, or give --shard i/N'],
    ['auto', undefined, { JOB_COMPLETION_INDEX: '1' }, "--shard auto in a Kubernetes Indexed Job needs --shard-count N (the Job's completions)"],
    ['auto', 2, { JOB_COMPLETION_INDEX: '2' }, '--shard auto (JOB_COMPLETION_INDEX=2): shard 2 is out of range; with 2 shards they are 0 to 1'],
    ['auto', undefined, { SLURM_ARRAY_TASK_ID: '1' }, '--shard auto: SLURM_ARRAY_TASK_COUNT is not set; give --shard i/N'],
    ['auto', undefined, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '3' }, '--shard auto (SLURM_ARRAY_TASK_ID=3): shard 3 is out of range; with 3 shards they are 0 to 2'],
  ];
  for (const [value, count, env, message] of invalid) {
    it(`refuses ${value} ${count ?? ''} ${JSON.stringify(env)}`, () => expect(() => parseShardSpec(value, count, env)).toThrow(message));
  }
});

describe('inShard', () => {
  it('deals files round robin, files[rank::N]', () => {
    const shard = { index: 1, count: 3 };
    expect([0, 1, 2, 3, 4, 5, 6, 7].filter((ordinal) => inShard(ordinal, shard))).toEqual([1, 4, 7]);
  });
});
