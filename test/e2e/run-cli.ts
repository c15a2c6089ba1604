/** Runs the built CLI as a user does: a child process, in a folder, with arguments. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(projectRoot, 'bin', 'corpuslint.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string = projectRoot): CliRun {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    maxBuffer: 1 << 26,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A temporary folder holding a copy of seeds/ (and optionally more files); removed by the caller. */
export function tempCopyOfSeeds(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-e2e-'));
  fs.cpSync(path.join(projectRoot, 'seeds'), path.join(folder, 'seeds'), { recursive: true });
  return folder;
}

export function tempFolder(files: Record<string, string | Uint8Array>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-e2e-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), content);
  }
  return folder;
}

export type { JsonFileResult as JsonResult, JsonMessage } from '../../src/reporters/json.js';

/** `tempFolder` for one test file: every folder it makes is removed after the file's tests. */
export function temporaryFolders(): (files?: Record<string, string | Uint8Array>) => string {
  const created: string[] = [];
  afterAll(() => {
    for (const folder of created) fs.rmSync(folder, { recursive: true, force: true });
  });
  return (files = {}) => {
    const folder = tempFolder(files);
    created.push(folder);
    return folder;
  };
}
