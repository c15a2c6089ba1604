/**
 * examples/kubernetes/ as kubectl reads it: each manifest parsed by kubectl
 * on the client (`apply --dry-run=client` where a cluster answers, else
 * `label --local`, which needs none), then checked against what the stages
 * rely on: Indexed Jobs whose --shard-count is their completions, the shared
 * work claim mounted at /work, and the literal values run.sh rewrites.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../e2e/run-cli.js';

const folder = path.join(projectRoot, 'examples', 'kubernetes');
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

/** The manifest as the API server would receive it, parsed by kubectl without a cluster if need be. */
function parsed(file: string): Record<string, any> {
  const target = path.join(folder, file);
  const applied = spawnSync('kubectl', ['apply', '--dry-run=client', '--validate=false', '-o', 'json', '-f', target], { encoding: 'utf8', timeout: 20_000 });
  if (applied.status === 0) return JSON.parse(applied.stdout);
  // No cluster to ask for its API groups: kubectl still decodes the file on its own.
  const local = spawnSync('kubectl', ['label', '--local', '-o', 'json', '-f', target, 'corpuslint-check=1'], { encoding: 'utf8' });
  expect(local.stderr).toBe('');
  const object = JSON.parse(local.stdout);
  delete object.metadata.labels['corpuslint-check'];
  return object;
}

const container = {
  type: 'object',
  required: ['name', 'image', 'args', 'volumeMounts'],
  properties: {
    image: { type: 'string', pattern: '^ghcr\\.io/corpuslint/corpuslint:' },
    args: { type: 'array', items: { type: 'string' }, minItems: 1 },
    volumeMounts: { type: 'array', contains: { type: 'object', properties: { name: { const: 'work' }, mountPath: { const: '/work' } }, required: ['name', 'mountPath'] } },
  },
};
const jobSchema = (indexed: boolean) => ({
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'batch/v1' },
    kind: { const: 'Job' },
    spec: {
      type: 'object',
      required: ['completions', 'parallelism', 'template', ...(indexed ? ['completionMode'] : [])],
      properties: {
        ...(indexed ? { completionMode: { const: 'Indexed' } } : { completions: { const: 1 } }),
        completions: { type: 'integer', minimum: 1 },
        parallelism: { type: 'integer', minimum: 1 },
        template: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              required: ['restartPolicy', 'containers', 'volumes'],
              properties: {
                restartPolicy: { const: 'Never' },
                containers: { type: 'array', minItems: 1, maxItems: 1, items: container },
                volumes: { type: 'array', contains: { type: 'object', properties: { name: { const: 'work' }, persistentVolumeClaim: { properties: { claimName: { const: 'corpuslint-work' } } } } } },
              },
            },
          },
        },
      },
    },
  },
});

describe.skipIf(!kubectl)(`examples/kubernetes/${kubectl ? '' : ' (skipped: kubectl is not installed)'}`, () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const jobs: Array<[string, boolean, string]> = [
    ['index-job.yaml', true, 'index --shard auto --shard-count 4 --work-dir /work'],
    ['merge-job.yaml', false, 'index --merge --work-dir /work'],
    ['lint-job.yaml', true, 'corpuslint --shard auto --shard-count 4 --work-dir /work'],
    ['report-job.yaml', false, 'report --work-dir /work'],
  ];
  for (const [file, indexed, command] of jobs) {
    it(file, () => {
      const job = parsed(file);
      const validate = ajv.compile(jobSchema(indexed));
      expect(validate(job) ? [] : validate.errors).toEqual([]);
      const spec = job.spec;
      const words = [...(spec.template.spec.containers[0].command ?? []), ...spec.template.spec.containers[0].args].join(' ');
      expect(words).toContain(command);
      if (indexed) {
        // run.sh rewrites these literals together, so the shard count and the completions always agree.
        expect([spec.completions, spec.parallelism]).toEqual([4, 4]);
        const text = fs.readFileSync(path.join(folder, file), 'utf8');
        expect([text.match(/completions: 4\n/g)?.length, text.match(/parallelism: 4\n/g)?.length, text.match(/("--shard-count", "4"|--shard-count 4 )/g)?.length]).toEqual([1, 1, 1]);
      }
    });
  }

  it('work-volume.yaml: one ReadWriteMany claim, corpuslint-work', () => {
    const claim = parsed('work-volume.yaml');
    expect([claim.kind, claim.metadata.name, claim.spec.accessModes]).toEqual(['PersistentVolumeClaim', 'corpuslint-work', ['ReadWriteMany']]);
  });

  it('run.sh is valid bash and runs the stages in order', () => {
    expect(spawnSync('bash', ['-n', path.join(folder, 'run.sh')]).status).toBe(0);
    expect(fs.readFileSync(path.join(folder, 'run.sh'), 'utf8')).toContain('for stage in index merge lint report; do');
  });
});
