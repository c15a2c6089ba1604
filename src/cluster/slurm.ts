/**
 * `corpuslint slurm`: the four stages as sbatch scripts, chained the way
 * datatrove chains its own (one job array a stage, `--dependency=afterok` on
 * the one before, `--kill-on-invalid-dep=yes` so a failed task cancels what
 * waits on it), submitted with sbatch. No scheduler of our own: finished
 * shards are skipped by their completion markers when the same command runs
 * again.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/errors.js';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { DEFAULT_SHARD_FIELDS } from '../input/shards/shard.js';
import type { ForwardedArguments } from './types.js';
import { openWorkDir, type StageInputs } from './stages.js';
import { shownPath, type WorkDir } from './work-dir.js';

export interface SlurmRequest {
  work: WorkDir;
  inputs: StageInputs;
  shards: number;
  partition?: string;
  time?: string;
  cpusPerTask?: number;
  mem?: string;
  dryRun: boolean;
  args: ForwardedArguments;
  /** Where the report step writes the one report. */
  reportFile: string;
}

export interface SlurmScript {
  stage: 'index' | 'merge' | 'lint' | 'report';
  fileName: string;
  text: string;
}

/** The four scripts, in submission order; each after the first depends on the one before. */
export function slurmScripts(request: SlurmRequest): SlurmScript[] {
  const { work, inputs, shards, args } = request;
  const root = work.root;
  const corpuslint = [process.execPath, fileURLToPath(new URL('bin/corpuslint.js', PACKAGE_ROOT))].map(shellQuote).join(' ');
  const common = configArguments(args, inputs.cwd);
  const paths = ['--', ...inputs.paths].map(shellQuote).join(' ');
  const shardArgs = `--shard auto --shard-count ${shards} --work-dir ${shellQuote(root)}`;
  // Each task gets the cores Slurm gave it, not the node's: tasks share nodes.
  const threads = '--concurrency "${SLURM_CPUS_PER_TASK:-1}"';
  const lintArgs = [args.fix && '--fix', args.fixDryRun && '--fix-dry-run', args.unsafeFixes && '--unsafe-fixes'].filter((flag): flag is string => typeof flag === 'string');
  const reportArgs = ['-f', args.format, '-o', request.reportFile, '--max-warnings', args.maxWarnings, ...(args.quiet ? ['--quiet'] : []), ...(args.maxResults !== undefined ? ['--max-results', String(args.maxResults)] : [])];
  const script = (stage: SlurmScript['stage'], about: string, options: string[], body: string[]): SlurmScript => ({
    stage,
    fileName: path.join(root, 'slurm', `${stage}.sbatch`),
    text: [
      '#!/bin/bash',
      `# corpuslint cluster run: ${about}`,
      `#SBATCH --job-name=corpuslint-${stage}`,
      ...options.map((option) => `#SBATCH ${option}`),
      ...resourceOptions(request).map((option) => `#SBATCH ${option}`),
      'set -euo pipefail',
      `cd ${shellQuote(inputs.cwd)}`,
      ...body,
      '',
    ].join('\n'),
  });
  const array = `--array=0-${shards - 1}`;
  const afterFailure = '--kill-on-invalid-dep=yes';
  return [
    script('index', `the map, one task a shard: digests of its documents to ${shownPath(root)}/digests/<i>`, [array, `--output=${root}/logs/index-%a.log`], [
      `exec ${corpuslint} index ${shardArgs} ${threads} ${common} ${paths}`,
    ]),
    script('merge', `the reduce: every shard's digests into one corpus index, ${shownPath(root)}/index`, [`--output=${root}/logs/merge.log`, afterFailure], [
      `exec ${corpuslint} index --merge --work-dir ${shellQuote(root)}`,
    ]),
    script('lint', 'lint each shard against the merged index', [array, `--output=${root}/logs/lint-%a.log`, afterFailure], [
      'status=0',
      `${corpuslint} ${shardArgs} ${threads} ${[common, ...lintArgs].filter(Boolean).join(' ')} -f json -o ${shellQuote(`${root}/reports/`)}"$SLURM_ARRAY_TASK_ID.json" ${paths} || status=$?`,
      '# 1 is "problems found", the report\'s to say; 2 with the results written is a file that could not be read, reported as such.',
      `if [ "$status" -le 1 ] || [ -f ${shellQuote(`${root}/results/`)}"$SLURM_ARRAY_TASK_ID.jsonl.done" ]; then exit 0; fi`,
      'exit "$status"',
    ]),
    script('report', `one report from every shard's results, in one-machine order, to ${shownPath(request.reportFile)}`, [`--output=${root}/logs/report.log`, afterFailure], [
      `exec ${corpuslint} report --work-dir ${shellQuote(root)} ${common} ${reportArgs.map(shellQuote).join(' ')}`,
    ]),
  ];
}

/** What decides the config (and so the config hash every stage checks): given to every stage alike. */
function configArguments(args: ForwardedArguments, cwd: string): string {
  const list: string[] = [];
  if (args.config !== undefined) list.push('--config', path.resolve(cwd, args.config));
  for (const [flag, values] of [['--rule', args.rule], ['--rule-only', args.ruleOnly], ['--plugin', args.plugin], ['--rulesdir', args.rulesdir]] as const) {
    for (const value of values) list.push(flag, value);
  }
  if (args.textField !== DEFAULT_SHARD_FIELDS.textField) list.push('--text-field', args.textField);
  if (args.idField !== DEFAULT_SHARD_FIELDS.idField) list.push('--id-field', args.idField);
  if (!args.follow) list.push('--no-follow');
  return list.map(shellQuote).join(' ');
}

function resourceOptions(request: SlurmRequest): string[] {
  return [
    request.partition !== undefined && `--partition=${request.partition}`,
    request.time !== undefined && `--time=${request.time}`,
    request.cpusPerTask !== undefined && `--cpus-per-task=${request.cpusPerTask}`,
    request.mem !== undefined && `--mem=${request.mem}`,
  ].filter((option): option is string => typeof option === 'string');
}

/** Writes the scripts and submits them (or prints them, with --dry-run); prints the job ids on stdout. */
export async function submitSlurmRun(request: SlurmRequest, notice: (text: string) => void): Promise<void> {
  const scripts = slurmScripts(request);
  if (request.dryRun) {
    process.stdout.write(dryRunText(scripts));
    return;
  }
  // Checked here, once, so a work dir from another corpus or config fails now rather than in every task.
  await openWorkDir(request.work, request.inputs, request.shards);
  for (const folder of ['slurm', 'logs', 'reports']) fs.mkdirSync(path.join(request.work.root, folder), { recursive: true });
  for (const script of scripts) fs.writeFileSync(script.fileName, script.text, { mode: 0o755 });
  const submitted: Array<{ stage: string; id: string }> = [];
  for (const script of scripts) {
    const previous = submitted.at(-1);
    const dependency = previous ? [`--dependency=afterok:${previous.id}`] : [];
    const sbatch = spawnSync('sbatch', ['--parsable', ...dependency, script.fileName], { encoding: 'utf8' });
    const already = submitted.length > 0 ? `; already submitted: ${submitted.map(({ stage, id }) => `${stage} ${id}`).join(', ')} (scancel ${submitted.map(({ id }) => id).join(' ')})` : '';
    if (sbatch.error) {
      const missing = (sbatch.error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new UsageError(`${missing ? 'sbatch is not on the PATH' : `sbatch did not run (${sbatch.error.message})`}: run \`corpuslint slurm\` on a Slurm login node, or add --dry-run to print the scripts${already}`);
    }
    const id = sbatch.stdout.trim().split(';')[0] ?? '';
    if (sbatch.status !== 0 || !/^\d+$/.test(id)) {
      const why = (sbatch.stderr.trim().split('\n')[0] ?? '') || `exit code ${sbatch.status}`;
      throw new UsageError(`sbatch refused ${shownPath(script.fileName)} (${why})${already}`);
    }
    submitted.push({ stage: script.stage, id });
  }
  process.stdout.write(submitted.map(({ stage, id }) => `${stage} ${id}\n`).join(''));
  notice(`submitted ${request.shards} index tasks, the merge, ${request.shards} lint tasks and the report; the report will be in ${shownPath(request.reportFile)}, logs in ${shownPath(path.join(request.work.root, 'logs'))}`);
}

function dryRunText(scripts: SlurmScript[]): string {
  const submit = scripts.map((script, i) => {
    const variable = script.stage.toUpperCase();
    const dependency = i === 0 ? '' : ` --dependency=afterok:$${scripts[i - 1]!.stage.toUpperCase()}`;
    return `${variable}=$(sbatch --parsable${dependency} ${shellQuote(script.fileName)})`;
  });
  return `${scripts.map((script) => `# ${script.fileName}\n${script.text}`).join('\n')}\n# submitted as:\n${submit.join('\n')}\n`;
}

/** A word for bash: as is when it is plainly safe, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
