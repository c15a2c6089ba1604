/**
 * A cluster run as a user runs it, stage by stage, against a one-machine run
 * of the same corpus: the same report byte for byte (with and without
 * --fix, which must also leave the same files), the same exit code, and a
 * one-line error with exit 2 for each input a stage cannot use.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain script, shared with .ci/slurm-e2e.sh
import { makeClusterCorpus } from '../../scripts/make-cluster-corpus.mjs';
import { projectRoot, runCli, tempFolder, type CliRun } from '../e2e/run-cli.js';

/** Each stage is a process that loads the rules (1-2 s on a busy machine); a case runs up to twenty. */
const STAGES_TIMEOUT = 240_000;

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** A folder holding `corpus/`: the seeds alone, or the seeds with JSONL shards and an unreadable file. */
function corpusFolder(kind: 'seeds' | 'shards'): string {
  const folder = tempFolder({});
  folders.push(folder);
  if (kind === 'seeds') fs.cpSync(path.join(projectRoot, 'seeds'), path.join(folder, 'corpus'), { recursive: true });
  else makeClusterCorpus(path.join(folder, 'corpus'));
  return folder;
}

function filesUnder(folder: string): Record<string, string> {
  return Object.fromEntries(
    (fs.readdirSync(folder, { recursive: true }) as string[])
      .filter((name) => fs.statSync(path.join(folder, name)).isFile())
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(folder, name), 'latin1')]),
  );
}

/** Every stage of an N-way run, each as its own process; the report's run is returned. */
function clusterRun(cwd: string, shards: number, lintArgs: string[], reportArgs: string[]): CliRun {
  for (let shard = 0; shard < shards; shard++) expectStage(runCli(['index', '--shard', `${shard}/${shards}`, '--work-dir', 'W', 'corpus'], cwd), 0);
  expectStage(runCli(['index', '--merge', '--work-dir', 'W'], cwd), 0);
  for (let shard = 0; shard < shards; shard++) {
    const lint = runCli(['--shard', `${shard}/${shards}`, '--work-dir', 'W', ...lintArgs, '-f', 'json', '-o', `W/shard-${shard}.json`, 'corpus'], cwd);
    expect(lint.stderr).not.toContain('internal error');
  }
  return runCli(['report', '--work-dir', 'W', ...reportArgs], cwd);
}

function expectStage(run: CliRun, status: number): void {
  expect({ status: run.status, stderr: run.stderr.includes('internal error') ? run.stderr : '' }).toEqual({ status, stderr: '' });
}

describe('a cluster run gives the one-machine report', () => {
  const cases: Array<{ corpus: 'seeds' | 'shards'; shards: number; lint: string[] }> = [
    { corpus: 'seeds', shards: 2, lint: [] },
    { corpus: 'seeds', shards: 3, lint: ['--fix'] },
    { corpus: 'shards', shards: 3, lint: ['--fix'] },
  ];
  for (const { corpus, shards, lint } of cases) {
    it(`${corpus}, ${shards} shards${lint.length ? `, ${lint.join(' ')}` : ''}`, () => {
      const single = corpusFolder(corpus);
      const cluster = corpusFolder(corpus);
      const one = runCli([...lint, '-f', 'json', 'corpus'], single);
      const many = clusterRun(cluster, shards, lint, ['-f', 'json']);
      expect(many.stdout).toBe(one.stdout.replaceAll(single, cluster));
      expect(many.status).toBe(one.status);
      expect(JSON.parse(one.stdout).length).toBeGreaterThan(4);
      expect(filesUnder(path.join(cluster, 'corpus'))).toEqual(filesUnder(path.join(single, 'corpus')));
    }, STAGES_TIMEOUT);
  }

  it('shards, 3 shards, in every report format asked for, with --quiet and -o', () => {
    const single = corpusFolder('shards');
    const cluster = corpusFolder('shards');
    const json = clusterRun(cluster, 3, [], ['-f', 'json']);
    expect(json.stdout).toBe(runCli(['-f', 'json', 'corpus'], single).stdout.replaceAll(single, cluster));
    for (const args of [['-f', 'stylish'], ['-f', 'sarif'], ['-f', 'github'], ['-f', 'compact', '--quiet', '-o', 'out.txt', '--max-warnings', '0']]) {
      const one = runCli([...args, 'corpus'], single);
      const many = runCli(['report', '--work-dir', 'W', ...args], cluster);
      expect({ args, stdout: many.stdout, stderr: many.stderr, status: many.status }).toEqual({ args, stdout: one.stdout.replaceAll(single, cluster), stderr: one.stderr, status: one.status });
    }
    expect(fs.readFileSync(path.join(cluster, 'out.txt'), 'utf8')).toBe(fs.readFileSync(path.join(single, 'out.txt'), 'utf8').replaceAll(single, cluster));
  }, STAGES_TIMEOUT);
});

describe('resuming', () => {
  it('skips a finished shard or merge, and --force redoes it', () => {
    const cwd = corpusFolder('seeds');
    clusterRun(cwd, 2, [], []);
    const again = [
      [['index', '--shard', '1/2', '--work-dir', 'W', 'corpus'], 'corpuslint: shard 1/2 is already indexed (W/digests/1.done); --force indexes it again\n'],
      [['index', '--merge', '--work-dir', 'W'], 'corpuslint: the index is already merged (W/index.done); --force merges it again\n'],
      [['--shard', '0/2', '--work-dir', 'W', 'corpus'], 'corpuslint: shard 0/2 is already linted (W/results/0.jsonl.done); --force lints it again\n'],
    ] as const;
    for (const [args, stderr] of again) expect(runCli([...args], cwd)).toEqual({ status: 0, stdout: '', stderr });
    const index = fs.readFileSync(path.join(cwd, 'W', 'index'));
    expect(runCli(['index', '--shard', '1/2', '--work-dir', 'W', '--force', 'corpus'], cwd)).toEqual({
      status: 0,
      stdout: '',
      stderr: 'corpuslint: shard 1/2 indexed: 2 documents in 2 files, digests in W/digests/1\n',
    });
    expect(runCli(['index', '--merge', '--work-dir', 'W', '--force'], cwd).status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'W', 'index'))).toEqual(index);
  }, STAGES_TIMEOUT);
});

describe('inputs a stage cannot use: one line, exit 2', () => {
  const cwd = corpusFolder('seeds');
  fs.cpSync(path.join(cwd, 'corpus'), path.join(cwd, 'other'), { recursive: true });
  fs.rmSync(path.join(cwd, 'other', '000_5612f521096bc90f.txt'));
  expectStage(runCli(['index', '--shard', '0/2', '--work-dir', 'W', 'corpus'], cwd), 0);
  expectStage(runCli(['index', '--shard', '0/2', '--work-dir', 'Cut', 'corpus'], cwd), 0);
  fs.truncateSync(path.join(cwd, 'Cut', 'digests', '0'), 100);
  expectStage(runCli(['index', '--shard', '1/2', '--work-dir', 'Cut', 'corpus'], cwd), 0);
  const table: Array<[string[], string]> = [
    [['index', '--shard', '2/2', '--work-dir', 'W', 'corpus'], '--shard 2/2: shard 2 is out of range; with 2 shards they are 0 to 1'],
    [['--shard', '5/2', '--work-dir', 'W', 'corpus'], '--shard 5/2: shard 5 is out of range; with 2 shards they are 0 to 1'],
    [['index', '--shard', '0/3', '--work-dir', 'W', 'corpus'], 'Work dir W is split into 2 shards, not 3; use --shard i/2, or a new --work-dir'],
    [
      ['index', '--shard', '1/2', '--work-dir', 'W', 'other'],
      'Work dir W is for another corpus (5 files, hash 1d8b714b966f; these paths give 4 files, hash 922f310ae758); give the same paths from the same folder, or use a new --work-dir',
    ],
    [['index', '--merge', '--work-dir', 'W'], 'Index shard 1/2 is missing: W/digests/1 has no .done marker; run `corpuslint index --shard 1/2 --work-dir W <paths>`'],
    [['index', '--merge', '--work-dir', 'Cut'], 'Index shard 0/2 is partial: Cut/digests/0 has 100 bytes, its marker says 82324; run `corpuslint index --shard 0/2 --work-dir Cut <paths> --force`'],
    [['--shard', '0/2', '--work-dir', 'W', 'corpus'], 'The merged index is missing: W/index has no .done marker; run `corpuslint index --merge --work-dir W`'],
    [['report', '--work-dir', 'W'], 'Lint shard 0/2 is missing: W/results/0.jsonl has no .done marker; run `corpuslint --shard 0/2 --work-dir W <paths>`'],
    [['index', '--merge', '--work-dir', 'Nowhere'], 'Work dir Nowhere has no work.json: run `corpuslint index --shard i/N --work-dir Nowhere <paths>` first'],
    [['index', '--work-dir', 'W', 'corpus'], '`corpuslint index` needs --shard i/N (or auto), or --merge'],
    [['index', '--shard', '0/2', 'corpus'], '`corpuslint index` needs --work-dir W: the shared folder that holds the shards\' digests, the index and the results'],
    [['--work-dir', 'W', 'corpus'], '--work-dir belongs to a cluster run: use it with --shard, `corpuslint index`, `report` or `slurm` (see "Cluster runs" in the README)'],
    [['report', '--work-dir', 'W', '-f', 'rdjson'], "-f rdjson prints each document's text, which shard results do not keep; use stylish, json, sarif, github, compact, unix, junit or checkstyle"],
    [['--shard', '0/2', '--work-dir', 'W', '--cache', 'corpus'], '--cache cannot be used with --shard (the shards would share one cache file); drop --cache'],
    [['slurm', '--work-dir', 'W', 'corpus'], '`corpuslint slurm` needs --shards N: how many array tasks each stage runs'],
  ];
  for (const [args, message] of table) {
    it(args.join(' '), () => expect(runCli(args, cwd)).toEqual({ status: 2, stdout: '', stderr: `corpuslint: ${message}\n` }));
  }

  it('a work dir made with another config', () => {
    const run = runCli(['index', '--shard', '1/2', '--work-dir', 'W', '--rule', 'no-misspelling: off', 'corpus'], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^corpuslint: Work dir W was made with another config \(hash [0-9a-f]{12}; this run's is [0-9a-f]{12}\); give every stage the same config, --rule and shard-field options, or use a new --work-dir\n$/,
    );
  });
});

describe('corpuslint slurm', () => {
  it('--dry-run prints the four scripts, chained with afterok, and how they are submitted', () => {
    const cwd = corpusFolder('seeds');
    const run = runCli(['slurm', '--shards', '3', '--partition', 'batch', '--time', '1:00:00', '--work-dir', 'W', '--dry-run', '--fix', '--rule', 'no-misspelling: off', '-f', 'json', 'corpus'], cwd);
    expect(run.status).toBe(0);
    const root = path.join(cwd, 'W');
    const cli = `${process.execPath} ${path.join(projectRoot, 'bin', 'corpuslint.js')}`;
    expect(run.stdout).toContain(`# ${root}/slurm/index.sbatch\n#!/bin/bash\n`);
    expect(run.stdout).toContain('#SBATCH --job-name=corpuslint-index\n#SBATCH --array=0-2\n');
    expect(run.stdout).toContain('#SBATCH --partition=batch\n#SBATCH --time=1:00:00\n');
    expect(run.stdout).toContain(`exec ${cli} index --shard auto --shard-count 3 --work-dir ${root} --concurrency "\${SLURM_CPUS_PER_TASK:-1}" --rule 'no-misspelling: off' -- corpus\n`);
    expect(run.stdout).toContain(`exec ${cli} index --merge --work-dir ${root}\n`);
    expect(run.stdout).toContain(`${cli} --shard auto --shard-count 3 --work-dir ${root} --concurrency "\${SLURM_CPUS_PER_TASK:-1}" --rule 'no-misspelling: off' --fix -f json -o ${root}/reports/"$SLURM_ARRAY_TASK_ID.json" -- corpus || status=$?\n`);
    expect(run.stdout).toContain(`exec ${cli} report --work-dir ${root} --rule 'no-misspelling: off' -f json -o ${root}/report.json --max-warnings -1\n`);
    expect(run.stdout.match(/#SBATCH --kill-on-invalid-dep=yes/g)).toHaveLength(3);
    expect(run.stdout).toContain(
      [
        '# submitted as:',
        `INDEX=$(sbatch --parsable ${root}/slurm/index.sbatch)`,
        `MERGE=$(sbatch --parsable --dependency=afterok:$INDEX ${root}/slurm/merge.sbatch)`,
        `LINT=$(sbatch --parsable --dependency=afterok:$MERGE ${root}/slurm/lint.sbatch)`,
        `REPORT=$(sbatch --parsable --dependency=afterok:$LINT ${root}/slurm/report.sbatch)`,
        '',
      ].join('\n'),
    );
    // A dry run writes nothing.
    expect(fs.existsSync(root)).toBe(false);
  });

  it('without sbatch on the PATH says where to run it', () => {
    const cwd = corpusFolder('seeds');
    const run = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'corpuslint.js'), 'slurm', '--shards', '2', '--work-dir', 'W', 'corpus'], {
      cwd,
      encoding: 'utf8',
      env: { PATH: path.join(cwd, 'no-bin') },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({
      status: 2,
      stderr: 'corpuslint: sbatch is not on the PATH: run `corpuslint slurm` on a Slurm login node, or add --dry-run to print the scripts\n',
    });
  });
});
