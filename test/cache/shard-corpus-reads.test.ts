/** A shard's cache entry with cross-document rules: each record is checked on its own, and only those whose answers changed are linted. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/config.js';
import { reporters } from '../../src/reporters/index.js';
import { runCorpuslint } from '../../src/run/run.js';
import { builtinRulesById } from '../../rules/index.js';
import { seedText } from '../corpus/seed-corpus.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function nearDuplicateConfig() {
  const config = resolveConfig(undefined, undefined);
  for (const [id, setting] of Object.entries(config.rules)) setting.severity = id === 'no-near-duplicate-docs' ? 'warn' : 'off';
  return config;
}

async function run(cwd: string, cache: boolean) {
  const result = await runCorpuslint({
    cwd,
    paths: ['.'],
    config: nearDuplicateConfig(),
    fix: 'off',
    dryRun: false,
    concurrency: 'off',
    ...(cache && { cacheLocation: path.join(cwd, '.corpuslintcache') }),
  });
  return { hits: result.cacheHits, misses: result.cacheMisses, json: reporters.json(result.reports, { cwd, rules: builtinRulesById, color: false }) };
}

describe('--cache on a shard whose records read the corpus', () => {
  it('serves the records whose answers hold and lints the one whose near-duplicate finding changed', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-shard-reads-'));
    folders.push(cwd);
    // Seed 001 and its truncated copy 003 are a near-duplicate pair; 002 stands alone.
    const records = ['001', '002', '003'].map((seed) => JSON.stringify({ id: `r${seed}`, text: seedText(seed) }));
    fs.writeFileSync(path.join(cwd, 'records.jsonl'), `${records.join('\n')}\n`);
    fs.writeFileSync(path.join(cwd, 'other.txt'), 'A page about the weather. It rained all day in the valley, and the river rose over the road.\n');
    expect(await run(cwd, true)).toMatchObject({ hits: 0, misses: 4 });
    expect(await run(cwd, true)).toMatchObject({ hits: 4, misses: 0 });

    // other.txt becomes another copy of 001: the cluster of r001 and r003 grows, so r003's finding lists it.
    // r001 is the copy to keep (no finding, before or after) and r002 stands alone: both are served.
    fs.writeFileSync(path.join(cwd, 'other.txt'), seedText('003'));
    const edited = await run(cwd, true);
    expect(edited.json).toBe((await run(cwd, false)).json);
    expect(edited).toMatchObject({ hits: 2, misses: 2 });
    expect(await run(cwd, true)).toMatchObject({ hits: 4, misses: 0 });
  });
});
