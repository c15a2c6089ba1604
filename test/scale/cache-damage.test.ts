/**
 * Damaged cache state is ignored, never trusted and never fatal: whatever is
 * done to the lint cache, the index cache or the file hash log, the run gives
 * the same report as a run without a cache, and says once what it dropped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig, type ResolvedConfig } from '../../src/config/config.js';
import { reporters } from '../../src/reporters/index.js';
import { runCorpuslint } from '../../src/run/run.js';
import { builtinRulesById } from '../../rules/index.js';
import { seedNames, seedsDir } from '../corpus/seed-corpus.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** The seed story (so the cross-document rules have a corpus) plus files with findings. */
function corpusFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-damage-'));
  folders.push(folder);
  for (const name of seedNames) fs.copyFileSync(path.join(seedsDir, name), path.join(folder, name));
  fs.writeFileSync(path.join(folder, 'x1.txt'), 'Trailing space \nThe end.\n');
  fs.writeFileSync(path.join(folder, 'x2.txt'), 'A recieved letter.\n');
  fs.writeFileSync(path.join(folder, 'x3.jsonl'), `${JSON.stringify({ id: 'r1', text: 'Record line \n' })}\n`);
  return folder;
}

const config: ResolvedConfig = resolveConfig(undefined, undefined);
const CACHE = '.corpuslintcache';

async function lint(cwd: string, cache: boolean) {
  const result = await runCorpuslint({ cwd, paths: ['.'], config, fix: 'off', dryRun: false, concurrency: 'off', ...(cache && { cacheLocation: path.join(cwd, CACHE) }) });
  return { json: reporters.json(result.reports, { cwd, rules: builtinRulesById, color: false }), warnings: result.warnings, hits: result.cacheHits };
}

type Damage = (bytes: Buffer, at: number) => Buffer;
const damages: Record<string, Damage> = {
  truncated: (bytes, at) => bytes.subarray(0, at),
  'flipped byte': (bytes, at) => {
    const copy = Buffer.from(bytes);
    copy[at] = copy[at]! ^ 0x20;
    return copy;
  },
  'zeroed block': (bytes, at) => {
    const copy = Buffer.from(bytes);
    copy.fill(0, at, Math.min(copy.length, at + 64));
    return copy;
  },
  'two lines swapped': (bytes) => {
    const lines = bytes.toString('latin1').split('\n');
    if (lines.length > 3) [lines[1], lines[2]] = [lines[2]!, lines[1]!];
    return Buffer.from(lines.join('\n'), 'latin1');
  },
};

describe('damaged cache state', () => {
  it('an entry edited to other valid JSON is not served', async () => {
    const cwd = corpusFolder();
    const clean = await lint(cwd, false);
    await lint(cwd, true);
    const file = path.join(cwd, CACHE);
    const edited = fs.readFileSync(file, 'utf8').replace(/"reason":"Unexpected white space[^"]*"/, '"reason":"Edited"');
    expect(edited).toContain('Edited');
    fs.writeFileSync(file, edited);
    const again = await lint(cwd, true);
    expect(again.json).toBe(clean.json);
    expect(again.warnings).toEqual([`1 damaged entry in the cache ${file} ignored; those files were linted again`]);
  });

  for (const target of [CACHE, `${CACHE}-index`, `${CACHE}-index-files`]) {
    for (const [name, damage] of Object.entries(damages)) {
      it(`${target}: ${name}, at several offsets`, async () => {
        const cwd = corpusFolder();
        const clean = await lint(cwd, false);
        await lint(cwd, true);
        const file = path.join(cwd, target);
        const intact = fs.readFileSync(file);
        for (const fraction of [0, 0.01, 0.3, 0.5, 0.77, 0.99]) {
          fs.writeFileSync(file, damage(intact, Math.floor(intact.length * fraction)));
          const damaged = await lint(cwd, true);
          expect({ fraction, same: damaged.json === clean.json }).toEqual({ fraction, same: true });
          // The next run's cache is whole again.
          fs.writeFileSync(file, intact);
        }
        const leftovers = fs.readdirSync(cwd).filter((entry) => entry.includes('corpuslint-tmp'));
        expect(leftovers).toEqual([]);
      });
    }
  }
});

describe('the racy edit', () => {
  it('a file edited to the same size with its mtime restored is linted again (its ctime changed)', async () => {
    const cwd = corpusFolder();
    const file = path.join(cwd, 'x1.txt');
    // Older than the log by far, so the file is not "racy" (changed as the log was written).
    const longAgo = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(file, longAgo, longAgo);
    const before = fs.statSync(file);
    await lint(cwd, true);
    fs.writeFileSync(file, 'Trailing sapce \nThe end.\n');
    fs.utimesSync(file, before.atime, before.mtime);
    expect(fs.statSync(file).size).toBe(before.size);
    const clean = await lint(cwd, false);
    const cached = await lint(cwd, true);
    expect(clean.json).toContain('sapce');
    expect(cached.json).toBe(clean.json);
  });
});
