/**
 * The CI glue users copy, run as its hosts run it: action.yml's lint step is
 * executed the way a GitHub runner executes a composite bash step (inputs
 * through its env, `bash --noprofile --norc -eo pipefail`, GITHUB_OUTPUT),
 * and the pre-commit hook's entry is run as pre-commit runs it (entry, then
 * args, then the staged file names) with the package's bin on PATH.
 *
 * One stand-in: `npx --yes --package corpuslint@<version>` would fetch the
 * published package, so a PATH entry named npx checks exactly those words and
 * runs this checkout's bin/corpuslint.js with the rest of the command line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot, temporaryFolders } from './run-cli.js';

const folder = temporaryFolders();

const bin = path.join(projectRoot, 'bin', 'corpuslint.js');
const CLEAN = 'The council voted on Tuesday to approve the new budget for the coming year, after a long debate.\n';
const DIRTY = 'The council voted on Tuesday to approve the new budget.   \nLeave a Comment\nShare this article\n';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(projectRoot, 'action.yml'), 'utf8')) as Action;

/** GitHub's expression for an input, as a step's env gives it: only `${{ inputs.<name> }}` is evaluated here. */
function evaluateEnv(env: Record<string, string>, inputs: Record<string, string>, outputs: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => {
      const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value);
      const output = /^\$\{\{ steps\.lint\.outputs\.([\w-]+) \}\}$/.exec(value);
      if (input) return [name, inputs[input[1]!] ?? action.inputs[input[1]!]!.default];
      if (output) return [name, outputs[output[1]!] ?? ''];
      throw new Error(`unexpected expression in env ${name}: ${value}`);
    }),
  );
}

/** A folder on PATH whose `npx` stands for fetching the published package (see the header). */
function npxFor(version: string): string {
  const dir = folder({});
  const expected = `--yes --package corpuslint@${version} corpuslint`;
  fs.writeFileSync(
    path.join(dir, 'npx'),
    `#!/usr/bin/env bash\nif [ "$1 $2 $3 $4" != "${expected}" ]; then echo "npx called as: $*" >&2; exit 99; fi\nshift 4\nexec "${process.execPath}" "${bin}" "$@"\n`,
    { mode: 0o755 },
  );
  return dir;
}

/** Runs a composite step's script as the runner does; returns its status and what it wrote to GITHUB_OUTPUT. */
function runStep(step: Step, cwd: string, env: Record<string, string>, pathDirs: string[] = []): { status: number | null; outputs: Record<string, string>; stderr: string } {
  expect(step.shell).toBe('bash');
  const runnerTemp = folder({});
  const outputFile = path.join(runnerTemp, 'github-output');
  fs.writeFileSync(outputFile, '');
  const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env, PATH: [...pathDirs, process.env.PATH].join(path.delimiter), GITHUB_OUTPUT: outputFile, RUNNER_TEMP: runnerTemp, NO_COLOR: '1' },
  });
  const outputs = Object.fromEntries(
    fs
      .readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status: run.status, outputs, stderr: run.stderr };
}

describe('action.yml', () => {
  const steps = action.runs.steps;
  const lint = steps.find((step) => step.id === 'lint')!;
  const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
  const fail = steps.at(-1)!;

  it('is a composite action with the inputs the README documents, uploading the lint step’s SARIF', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['paths', 'args', 'version']);
    expect(upload.with).toEqual({ sarif_file: '${{ steps.lint.outputs.sarif-file }}', category: 'corpuslint' });
    expect(upload.if).toBe("always() && steps.lint.outputs.sarif-written == 'true'");
    expect(fail.if).toBe("always() && steps.lint.outputs.exit-code != '0'");
  });

  const cases: Array<{ name: string; inputs: Record<string, string>; exitCode: string; rules: string[] }> = [
    { name: 'a dirty corpus: SARIF written, exit code 1 handed on', inputs: { paths: 'corpus' }, exitCode: '1', rules: ['no-site-chrome', 'no-trailing-spaces'] },
    { name: 'args and several paths, a pinned version', inputs: { paths: 'corpus/clean.txt corpus/dirty.txt', args: '--rule-only no-trailing-spaces', version: '0.1.0' }, exitCode: '0', rules: ['no-trailing-spaces'] },
    { name: '--max-warnings 0 in args fails on a warning', inputs: { paths: 'corpus', args: '--rule-only no-trailing-spaces --max-warnings 0' }, exitCode: '1', rules: ['no-trailing-spaces'] },
    { name: 'a clean corpus', inputs: { paths: 'corpus/clean.txt' }, exitCode: '0', rules: [] },
  ];
  for (const { name, inputs, exitCode, rules } of cases) {
    it(name, () => {
      const cwd = folder({ 'corpus/clean.txt': CLEAN, 'corpus/dirty.txt': DIRTY });
      const step = runStep(lint, cwd, evaluateEnv(lint.env!, inputs), [npxFor(inputs.version ?? 'latest')]);
      expect(step.stderr).not.toContain('npx called as');
      expect(step.status).toBe(0);
      expect(step.outputs['exit-code']).toBe(exitCode);
      expect(step.outputs['sarif-written']).toBe('true');
      const sarif = JSON.parse(fs.readFileSync(step.outputs['sarif-file']!, 'utf8')) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
      expect(sarif.version).toBe('2.1.0');
      expect([...new Set(sarif.runs[0]!.results.map((result) => result.ruleId))].sort()).toEqual(rules);

      // The last step fails the job with corpuslint's own code.
      const last = runStep(fail, cwd, evaluateEnv(fail.env!, inputs, step.outputs));
      expect(last.status).toBe(Number(exitCode));
    });
  }

  it('a run that fails (a missing path) says so and writes no SARIF to upload', () => {
    const cwd = folder({ 'corpus/clean.txt': CLEAN });
    const step = runStep(lint, cwd, evaluateEnv(lint.env!, { paths: 'no-such-folder' }), [npxFor('latest')]);
    expect(step.outputs['exit-code']).toBe('2');
    expect(step.outputs['sarif-written']).toBeUndefined();
    expect(step.stderr).toBe('corpuslint: No such file or folder: no-such-folder; check the path\n');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(fs.readFileSync(path.join(projectRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const hook = hooks[0]!;

  it('declares the corpuslint hook, a node package whose bin is the entry', () => {
    expect(hooks.map((entry) => entry.id)).toEqual(['corpuslint']);
    expect(hook).toMatchObject({ entry: 'corpuslint', language: 'node', types: ['text'], require_serial: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(manifest.bin[hook.entry as string]).toBe('bin/corpuslint.js');
  });

  /** pre-commit installs the package into its own environment, whose bin folder is on PATH; then runs entry + args + file names. */
  function runHook(files: string[], cwd: string, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
    const environmentBin = folder({});
    fs.symlinkSync(bin, path.join(environmentBin, hook.entry as string));
    const [command, ...entryArgs] = (hook.entry as string).split(/\s+/);
    const run = spawnSync(command!, [...entryArgs, ...((hook.args as string[] | undefined) ?? []), ...args, ...files], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, PATH: [environmentBin, process.env.PATH].join(path.delimiter), NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  const cases: Array<{ name: string; files: string[]; args?: string[]; status: number; output: RegExp }> = [
    { name: 'staged clean files pass silently', files: ['docs/clean.txt', 'notes.md'], status: 0, output: /^$/ },
    { name: 'a staged dirty file fails the commit, named in the report', files: ['docs/clean.txt', 'docs/dirty.txt'], status: 1, output: /^docs\/dirty\.txt\n.*no-trailing-spaces/s },
    { name: 'args from the user’s config go before the file names', files: ['docs/dirty.txt'], args: ['--rule-only', 'no-trailing-spaces', '-f', 'unix'], status: 0, output: /^\/.*\/docs\/dirty\.txt:1:56: Unexpected white space at the end of the line; remove it \[Warning\/no-trailing-spaces\]\n\n1 problem\n$/ },
  ];
  for (const { name, files, args, status, output } of cases) {
    it(name, () => {
      const cwd = folder({ 'docs/clean.txt': CLEAN, 'docs/dirty.txt': DIRTY, 'notes.md': CLEAN });
      const run = runHook(files, cwd, args);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(status);
      expect(run.stdout).toMatch(output);
    });
  }
});
