/**
 * `--fix` writes each file atomically: killed at any moment, a run leaves
 * every file either exactly as it was or exactly as a complete run writes it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { projectRoot, runCli, tempFolder } from './run-cli.js';

const COPIES = 40;
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function corpusOfSeedCopies(): string {
  const files: Record<string, string> = {};
  const seeds = fs.readdirSync(path.join(projectRoot, 'seeds'));
  for (let copy = 0; copy < COPIES; copy++) {
    for (const name of seeds) files[`c${String(copy).padStart(3, '0')}/${name}`] = fs.readFileSync(path.join(projectRoot, 'seeds', name), 'utf8');
  }
  const folder = tempFolder(files);
  folders.push(folder);
  return folder;
}

function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.relative(folder, path.join(entry.parentPath, entry.name)), fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return files;
}

it('a --fix run killed midway leaves every file old or new', async () => {
  const complete = corpusOfSeedCopies();
  const original = snapshot(complete);
  runCli(['--fix', '--rule-only', 'no-duplicate-lines', '--rule-only', 'no-trailing-blank-lines', '.'], complete);
  const fixed = snapshot(complete);

  const killed = corpusOfSeedCopies();
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'corpuslint.js'), '--fix', '--rule-only', 'no-duplicate-lines', '--rule-only', 'no-trailing-blank-lines', '.'], {
    cwd: killed,
    stdio: 'ignore',
  });
  // Kill as soon as the first file has been rewritten, so the run is caught midway.
  const firstFile = path.join(killed, [...original.keys()].sort()[0]!);
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (fs.readFileSync(firstFile, 'utf8') !== original.get(path.relative(killed, firstFile)) || child.exitCode !== null) {
        clearInterval(poll);
        child.kill('SIGKILL');
        resolve();
      }
    }, 2);
  });
  await new Promise((resolve) => child.once('close', resolve));

  // SIGKILL cannot be caught, so a temporary file being written at that moment may stay behind; the real files never break.
  const after = snapshot(killed);
  for (const name of original.keys()) expect(after.has(name), `${name} is missing`).toBe(true);
  for (const [name, text] of after) {
    if (!original.has(name)) continue;
    expect(text === original.get(name) || text === fixed.get(name), `${name} is neither old nor new`).toBe(true);
  }
});
