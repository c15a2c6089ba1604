/** --cache: a hit gives the same reports without linting; content, config or a rule's version invalidate it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LintCache, runKey } from '../../src/cache/cache.js';
import { configuredRules, resolveConfig, type ResolvedConfig } from '../../src/config/config.js';
import { reporters } from '../../src/reporters/index.js';
import { runCorpuslint } from '../../src/run/run.js';
import { builtinRulesById } from '../../rules/index.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function tempFolder(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-cache-'));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), content);
  return folder;
}

function whitespaceConfig(maxBlank = 1): ResolvedConfig {
  const config = resolveConfig(undefined, undefined);
  for (const [id, setting] of Object.entries(config.rules)) setting.severity = ['no-trailing-spaces', 'no-blank-line-runs'].includes(id) ? 'warn' : 'off';
  config.rules['no-blank-line-runs']!.options = { ...config.rules['no-blank-line-runs']!.options, max: maxBlank };
  return config;
}

const FILES = {
  'a.txt': 'Trailing space \nThe end.\n',
  'b.txt': 'A clean line.\n',
  'c.jsonl': `${JSON.stringify({ id: 'r1', text: 'Record line \n' })}\n${JSON.stringify({ id: 'r2', text: 'Fine.\n' })}\n`,
};

async function run(cwd: string, config: ResolvedConfig, fix: 'off' | 'safe' = 'off') {
  const result = await runCorpuslint({ cwd, paths: ['.'], config, fix, dryRun: false, concurrency: 'off', cacheLocation: path.join(cwd, '.corpuslintcache') });
  return { ...result, json: reporters.json(result.reports, { cwd, rules: builtinRulesById, color: false }) };
}

describe('--cache', () => {
  it('answers an unchanged corpus from the cache, messages included', async () => {
    const cwd = tempFolder(FILES);
    const first = await run(cwd, whitespaceConfig());
    expect([first.cacheHits, first.cacheMisses]).toEqual([0, 4]);
    const second = await run(cwd, whitespaceConfig());
    expect([second.cacheHits, second.cacheMisses]).toEqual([4, 0]);
    expect(second.json).toBe(first.json);
    expect(JSON.parse(second.json).flatMap((file: { messages: unknown[] }) => file.messages)).toHaveLength(2);
  });

  it('lints again a file whose content changed, and only that file', async () => {
    const cwd = tempFolder(FILES);
    await run(cwd, whitespaceConfig());
    fs.writeFileSync(path.join(cwd, 'b.txt'), 'Now with a trailing space \n');
    const second = await run(cwd, whitespaceConfig());
    expect([second.cacheHits, second.cacheMisses]).toEqual([3, 1]);
    expect(second.reports.find((report) => report.filePath.endsWith('b.txt'))!.messages).toHaveLength(1);
  });

  it('starts afresh when the config changes', async () => {
    const cwd = tempFolder(FILES);
    await run(cwd, whitespaceConfig(1));
    const second = await run(cwd, whitespaceConfig(2));
    expect([second.cacheHits, second.cacheMisses]).toEqual([0, 4]);
  });

  it('keys on each rule version and on corpuslint\'s (the corpus index is checked per entry, by its reads)', () => {
    const config = whitespaceConfig();
    const rules = configuredRules(config);
    const parts = { corpuslintVersion: '1.0.0', rules, config, shardFields: { textField: 'text', idField: 'id' } };
    const bumped = rules.map((configured, index) =>
      index === 0 ? { ...configured, rule: { ...configured.rule, meta: { ...configured.rule.meta, version: configured.rule.meta.version + 1 } } } : configured,
    );
    expect(runKey({ ...parts, rules: bumped })).not.toBe(runKey(parts));
    expect(runKey({ ...parts, corpuslintVersion: '1.0.1' })).not.toBe(runKey(parts));
    expect(runKey({ ...parts, shardFields: { textField: 'content', idField: 'id' } })).not.toBe(runKey(parts));
    expect(runKey({ ...parts })).toBe(runKey(parts));
  });

  it('with a cross-document rule, files are hashed once per run and unchanged ones not at all; edits are still seen', async () => {
    const cwd = tempFolder(FILES);
    const config = whitespaceConfig();
    config.rules['no-near-duplicate-docs']!.severity = 'warn';
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const name of Object.keys(FILES)) fs.utimesSync(path.join(cwd, name), anHourAgo, anHourAgo);
    const first = await run(cwd, config);
    expect(fs.existsSync(path.join(cwd, '.corpuslintcache-index-files'))).toBe(true);
    const second = await run(cwd, config);
    expect([second.cacheHits, second.cacheMisses]).toEqual([4, 0]);
    expect(second.json).toBe(first.json);
    // An ordinary edit changes the file's time: it is hashed again, so the corpus has changed; the
    // other files' reads of the index get the same answers, so only the edited file is linted again.
    fs.writeFileSync(path.join(cwd, 'b.txt'), 'A dirty line \n');
    const third = await run(cwd, config);
    expect([third.cacheHits, third.cacheMisses]).toEqual([3, 1]);
    expect(third.reports.find((report) => report.filePath.endsWith('b.txt'))!.messages).toHaveLength(1);
    // No scratch logs are left behind.
    expect(fs.readdirSync(cwd).filter((name) => name.includes('.corpuslint-tmp-'))).toEqual([]);
  });

  it('a cache written under another run key is ignored', async () => {
    const cwd = tempFolder({});
    const location = path.join(cwd, 'cache');
    const cache = await LintCache.load(location, 'key-1');
    cache.set('hash', { documents: [{ messages: [] }] });
    await cache.save();
    expect((await LintCache.load(location, 'key-1')).get('hash')).toEqual({ documents: [{ messages: [] }] });
    expect((await LintCache.load(location, 'key-2')).get('hash')).toBeUndefined();
  });

  it('keeps entries on disk across runs: loaded ones survive a save unless set again', async () => {
    const location = path.join(tempFolder({}), 'cache');
    const entry = (ruleId: string) => ({ documents: [{ messages: [{ ruleId, message: 'Naïve – “quoted”', line: 1, column: 1 }] }] }) as never;
    const first = await LintCache.load(location, 'key');
    first.set('a'.repeat(64), entry('first-a'));
    first.set('b'.repeat(64), entry('first-b'));
    await first.save();
    const second = await LintCache.load(location, 'key');
    expect(second.get('a'.repeat(64))).toEqual(entry('first-a'));
    second.set('a'.repeat(64), entry('second-a'));
    second.set('c'.repeat(64), entry('second-c'));
    await second.save();
    const third = await LintCache.load(location, 'key');
    expect(third.size).toBe(3);
    expect(third.get('a'.repeat(64))).toEqual(entry('second-a'));
    expect(third.get('b'.repeat(64))).toEqual(entry('first-b'));
    expect(third.get('c'.repeat(64))).toEqual(entry('second-c'));
    expect(third.get('d'.repeat(64))).toBeUndefined();
    // Nothing set: the file is left as it is.
    const before = fs.statSync(location).mtimeMs;
    await third.save();
    expect(fs.statSync(location).mtimeMs).toBe(before);
  });

  it('after --fix, the fixed files are cache hits', async () => {
    const cwd = tempFolder(FILES);
    const fixed = await run(cwd, whitespaceConfig(), 'safe');
    expect(fixed.filesWritten).toBe(2);
    const again = await run(cwd, whitespaceConfig());
    // The fixed text file is a hit; the rewritten shard is linted again once.
    expect([again.cacheHits, again.cacheMisses]).toEqual([2, 2]);
    expect(JSON.parse(again.json).flatMap((file: { messages: unknown[] }) => file.messages)).toHaveLength(0);
  });
});
