/**
 * `--stats-json`: the per-document fix figures (table-driven, exact), and the
 * aggregate as the CLI writes it, valid against schemas/stats.schema.json and
 * in agreement with `--stats`, with the files' sizes, with what `--fix`
 * writes, and with itself across the cache.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { VFileMessage } from 'vfile-message';
import { afterAll, describe, expect, it } from 'vitest';
import { measureFixEffects, utf8Length, type DocumentFigures } from '../../src/core/fix-effects.js';
import type { Fix } from '../../src/core/rule.js';
import type { CorpusStatsJson } from '../../src/run/corpus-stats.js';
import { projectRoot, runCli, tempCopyOfSeeds, tempFolder } from '../e2e/run-cli.js';

const schema = JSON.parse(fs.readFileSync(path.join(projectRoot, 'schemas', 'stats.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

function message(ruleId: string, range: [number, number], text: string, fixSafety: 'safe' | 'unsafe' = 'safe'): VFileMessage {
  const fix: Fix = { range, text };
  return { ruleId, source: 'corpuslint', fix, fixSafety, reason: '' } as unknown as VFileMessage;
}

describe('measureFixEffects', () => {
  const cases: Array<{ name: string; text: string; messages: VFileMessage[]; figures: DocumentFigures }> = [
    {
      name: 'a safe removal inside a line: bytes, no lines',
      text: 'one  \ntwo\n',
      messages: [message('no-trailing-spaces', [3, 5], '')],
      figures: { bytes: 10, bytesAfterFix: 8, rules: { 'no-trailing-spaces': { safeBytes: 2, safeLines: 0, unsafeBytes: 0, unsafeLines: 0 } } },
    },
    {
      name: 'a deleted line counts one line; an added final newline removes nothing',
      text: 'Caption\nCaption\nend',
      messages: [message('no-duplicate-lines', [8, 16], ''), message('eol-last', [19, 19], '\n')],
      figures: { bytes: 19, bytesAfterFix: 12, rules: { 'no-duplicate-lines': { safeBytes: 8, safeLines: 1, unsafeBytes: 0, unsafeLines: 0 } } },
    },
    {
      name: 'UTF-8 bytes, not UTF-16 units: "é" is two, "😀" four',
      text: 'é😀 x\n',
      messages: [message('no-control-characters', [0, 3], '')],
      figures: { bytes: 9, bytesAfterFix: 3, rules: { 'no-control-characters': { safeBytes: 6, safeLines: 0, unsafeBytes: 0, unsafeLines: 0 } } },
    },
    {
      name: 'an unsafe fix is counted apart and does not change the length after --fix',
      text: 'story\n\nother story\n',
      messages: [message('no-appended-story', [6, 19], '', 'unsafe')],
      figures: { bytes: 19, bytesAfterFix: 19, rules: { 'no-appended-story': { safeBytes: 0, safeLines: 0, unsafeBytes: 13, unsafeLines: 2 } } },
    },
    {
      name: 'overlapping fixes count once, as the fix applier takes only the first',
      text: 'abcdefgh',
      messages: [message('no-site-chrome', [0, 6], ''), message('no-misspelling', [2, 4], 'X')],
      figures: { bytes: 8, bytesAfterFix: 2, rules: { 'no-site-chrome': { safeBytes: 6, safeLines: 0, unsafeBytes: 0, unsafeLines: 0 } } },
    },
    {
      name: 'fixes that leave only white space empty the document, under the rule that removed most',
      text: 'Menu\nShare this\n',
      messages: [message('no-site-chrome', [0, 16], '', 'unsafe'), message('no-trailing-spaces', [4, 4], '')],
      figures: {
        bytes: 16,
        bytesAfterFix: 16,
        rules: { 'no-site-chrome': { safeBytes: 0, safeLines: 0, unsafeBytes: 16, unsafeLines: 2 } },
        emptiedByUnsafe: 'no-site-chrome',
      },
    },
    {
      name: 'a retext plugin counts under its package, as --stats counts it',
      text: 'the the cat',
      messages: [{ ...message('the', [0, 4], ''), source: 'retext-repeated-words' } as unknown as VFileMessage],
      figures: { bytes: 11, bytesAfterFix: 7, rules: { 'retext-repeated-words': { safeBytes: 4, safeLines: 0, unsafeBytes: 0, unsafeLines: 0 } } },
    },
  ];
  for (const { name, text, messages, figures } of cases) {
    it(name, () => {
      expect(measureFixEffects(text, messages)).toEqual(figures);
    });
  }

  it('counts UTF-8 as Buffer does, lone surrogates included', () => {
    for (const text of ['', 'abc', 'ß', '€', '😀', '\ud800x', 'x\udc00']) expect([text, utf8Length(text)]).toEqual([text, Buffer.byteLength(text)]);
  });
});

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function statsOf(args: string[], cwd: string): { json: CorpusStatsJson; stderr: string; status: number | null } {
  const out = path.join(cwd, 'stats.json');
  const run = runCli([...args, '--stats-json', out, '--concurrency', 'off'], cwd);
  return { json: JSON.parse(fs.readFileSync(out, 'utf8')) as CorpusStatsJson, stderr: run.stderr, status: run.status };
}

/** The JSON less what differs from run to run (times). */
function withoutTimes(json: CorpusStatsJson): unknown {
  return { ...json, rules: json.rules.map((rule) => ({ ...rule, milliseconds: 0 })), timing: null };
}

function bytesOfFolder(folder: string): number {
  return fs.readdirSync(folder).reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0);
}

describe('corpuslint --stats-json seeds/', () => {
  const cwd = tempCopyOfSeeds();
  folders.push(cwd);
  const { json, stderr, status } = statsOf(['seeds/', '--stats', '-f', 'json', '-o', 'report.json'], cwd);

  it('is valid against schemas/stats.schema.json', () => {
    validate(json);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('names the version, the config hash and the exit code', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
    expect(json.corpuslint).toBe(version);
    expect(json.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(json.exitCode).toBe(status);
    expect(status).toBe(1);
  });

  it('counts what --stats counts, rule by rule', () => {
    const table = new Map(
      stderr
        .split('\n')
        .filter((line) => /^\S+\s+\d+\s+\d+\s+[\d.]+\s+/.test(line) && !line.startsWith('('))
        .map((line) => line.split(/\s+/))
        .map(([id, messages, documents]) => [id!, [Number(messages), Number(documents)]]),
    );
    expect(new Map(json.rules.map((rule) => [rule.id, [rule.messages, rule.documents]]))).toEqual(table);
  });

  it('counts the inputs: five documents, their bytes on disk', () => {
    expect(json.inputs).toEqual({ documents: 5, bytes: bytesOfFolder(path.join(cwd, 'seeds')), shards: 0, unreadable: 0 });
    expect(json.totals).toMatchObject({ messages: 35, errors: 20, warnings: 15, flaggedDocuments: 5 });
  });

  it('finds the near-duplicate pair: one cluster of two, one copy to drop', () => {
    expect(json.nearDuplicates.clusters).toBe(1);
    expect(json.nearDuplicates.documentsToDrop).toBe(1);
    expect(json.nearDuplicates.clusterSizes.filter((bucket) => bucket.clusters > 0)).toEqual([{ atLeast: 2, clusters: 1 }]);
  });

  it('has length histograms over every document, and per-rule sums that make the totals', () => {
    expect(json.lengths.beforeFix.reduce((a, b) => a + b, 0)).toBe(5);
    expect(json.lengths.afterFix.reduce((a, b) => a + b, 0)).toBe(5);
    expect(json.rules.reduce((sum, rule) => sum + rule.safeFixes.bytes, 0)).toBe(json.totals.safeFixes.bytes);
    expect(json.rules.reduce((sum, rule) => sum + rule.unsafeFixes.bytes, 0)).toBe(json.totals.unsafeFixes.bytes);
    expect(json.totals.safeFixes.bytes).toBeGreaterThan(0);
    expect(json.worstDocuments[0]!.removableBytes).toBeGreaterThanOrEqual(json.worstDocuments.at(-1)!.removableBytes);
  });

  it('with --fix, bytesAfterFix is what was written', () => {
    const fixing = tempCopyOfSeeds();
    folders.push(fixing);
    const fixed = statsOf(['seeds/', '--fix', '-f', 'json', '-o', 'report.json'], fixing).json;
    expect(fixed.fix).toBe('safe');
    expect(fixed.inputs.bytes).toBe(json.inputs.bytes);
    expect(fixed.totals.bytesAfterFix).toBe(bytesOfFolder(path.join(fixing, 'seeds')));
    expect(fixed.totals.bytesAfterFix).toBeLessThan(fixed.inputs.bytes);
    // Per rule, the first pass: the same as the report's own fixes say.
    expect(fixed.rules.map((rule) => [rule.id, rule.safeFixes])).toEqual(json.rules.map((rule) => [rule.id, rule.safeFixes]));
  });

  it('is the same from the cache, and lints again entries cached without figures', () => {
    const cached = tempCopyOfSeeds();
    folders.push(cached);
    runCli(['seeds/', '--cache', '-f', 'json', '-o', 'report.json'], cached);
    const afterPlainCache = statsOf(['seeds/', '--cache', '-f', 'json', '-o', 'report.json'], cached).json;
    const fromCache = statsOf(['seeds/', '--cache', '-f', 'json', '-o', 'report.json'], cached).json;
    expect(withoutTimes(afterPlainCache)).toEqual(withoutTimes(json));
    expect(withoutTimes(fromCache)).toEqual(withoutTimes(json));
  });
});

describe('--stats-json on shards: sites from the records', () => {
  const seeds = fs.readdirSync(path.join(projectRoot, 'seeds')).sort().map((name) => fs.readFileSync(path.join(projectRoot, 'seeds', name), 'utf8'));
  const records = [
    { id: 'a', text: seeds[0], url: 'https://www.example.com/news/1' },
    { id: 'b', text: seeds[1], metadata: { url: 'https://example.com/news/2' } },
    { id: 'c', text: seeds[2], url: 'https://agency.example.org/story' },
    { id: 'd', text: 'A clean line of text.\n' },
  ];
  const cwd = tempFolder({ 'crawl.jsonl': records.map((record) => JSON.stringify(record)).join('\n') + '\n' });
  folders.push(cwd);
  const { json } = statsOf(['crawl.jsonl', '-f', 'json', '-o', 'report.json'], cwd);

  it('counts the shard and its records, and a site per host (www. dropped, metadata.url read)', () => {
    validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(json.inputs).toMatchObject({ documents: 4, shards: 1 });
    expect(json.sites.list.map(({ site, documents, bytes, flaggedShare }) => ({ site, documents, bytes, flaggedShare }))).toEqual([
      { site: 'example.com', documents: 2, bytes: Buffer.byteLength(seeds[0]!) + Buffer.byteLength(seeds[1]!), flaggedShare: 1 },
      { site: 'agency.example.org', documents: 1, bytes: Buffer.byteLength(seeds[2]!), flaggedShare: 1 },
    ]);
    expect(json.sites.list.every((site) => site.chromeShare > 0 && site.chromeShare < 1)).toBe(true);
  });
});

describe('--stats-json errors', () => {
  it('refuses a folder, in one line', () => {
    const cwd = tempCopyOfSeeds();
    folders.push(cwd);
    const run = runCli(['seeds/', '--stats-json', 'seeds'], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`corpuslint: --stats-json ${path.join(cwd, 'seeds')} is a folder; name a file (e.g. ${path.join(cwd, 'seeds', 'stats.json')})\n`);
  });

  it.skipIf(!fs.existsSync('/dev/full'))('says when the file cannot be written, and writes a device in place (never renames over it)', () => {
    const cwd = tempCopyOfSeeds();
    folders.push(cwd);
    const run = runCli(['seeds/', '--stats-json', '/dev/full', '-f', 'json', '-o', 'report.json'], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('corpuslint: Cannot write --stats-json /dev/full (ENOSPC: no space left on device, write); check that the path is writable and the disk has room\n');
    expect(fs.statSync('/dev/full').isCharacterDevice()).toBe(true);
  });
});
