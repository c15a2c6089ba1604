/**
 * Third-party rules end to end: a corpuslint plugin (the fixture package of
 * docs/writing-a-rule.md) and two real retext plugins from npm, through the
 * CLI and the library, on one and on two worker threads, cached, and the
 * cache dropped when a plugin's version changes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintFiles, lintText, fixText } from '../../src/api.js';
import { loadConfig } from '../../src/config/config.js';
import { reporters } from '../../src/reporters/index.js';
import { runCorpuslint } from '../../src/run/run.js';
import { projectRoot, runCli, type JsonResult } from './run-cli.js';

const pluginFixture = path.join(projectRoot, 'test', 'fixtures', 'plugins', 'corpuslint-plugin-house');
const RETEXT_PACKAGES = ['retext-repeated-words', 'retext-indefinite-article'];

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

const ARTICLE = 'The council met on Tuesday.\nIt was a honest vote, and the the mayor agreed!!!\n';

/** A project with the plugins installed (the retext ones linked from this repo's node_modules) and one document. */
function project(config: Record<string, unknown>, files: Record<string, string> = { 'docs/a.txt': ARTICLE }): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-plugins-'));
  folders.push(folder);
  fs.mkdirSync(path.join(folder, 'node_modules'));
  fs.cpSync(pluginFixture, path.join(folder, 'node_modules', 'corpuslint-plugin-house'), { recursive: true });
  for (const name of RETEXT_PACKAGES) fs.symlinkSync(path.join(projectRoot, 'node_modules', name), path.join(folder, 'node_modules', name));
  fs.writeFileSync(path.join(folder, '.corpuslintrc.json'), JSON.stringify(config));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  }
  return folder;
}

const PLUGIN_CONFIG = { plugins: ['corpuslint-plugin-house'], rules: { 'house/no-repeated-punctuation': 'error' } };
const RETEXT_CONFIG = { retext: { 'retext-repeated-words': 'warn', 'retext-indefinite-article': 'error' } };
const BOTH_CONFIG = { ...PLUGIN_CONFIG, ...RETEXT_CONFIG, extends: [], rules: { ...PLUGIN_CONFIG.rules } };

/** `ruleId source line:column message` of every message. */
type Brief = string;
const brief = (messages: ReadonlyArray<{ ruleId?: string | null; source?: string | null; line?: number | null; column?: number | null; reason?: string; message?: string }>): Brief[] =>
  messages.map((m) => `${m.ruleId} ${m.source ?? '-'} ${m.line}:${m.column} ${m.reason ?? m.message}`);

const EXPECTED_BOTH: Brief[] = [
  'retext-indefinite-article retext-indefinite-article 2:8 Unexpected article `a` before `honest`, expected `an`',
  'the retext-repeated-words 2:27 Unexpected repeated `the`, remove one occurrence',
  'house/no-repeated-punctuation corpuslint 2:47 Unexpected run of 3 "!"; keep 1',
];

describe('plugins through the CLI', () => {
  it.each([
    ['a corpuslint plugin by package name', PLUGIN_CONFIG, [], [EXPECTED_BOTH[2]!]],
    ['two retext plugins', { extends: [], ...RETEXT_CONFIG }, [], EXPECTED_BOTH.slice(0, 2)],
    ['all three, rules off but for them', BOTH_CONFIG, [], EXPECTED_BOTH],
    ['a retext plugin listed under plugins', { extends: [], plugins: ['retext-repeated-words'], rules: { 'retext-repeated-words': 'warn' } }, [], [EXPECTED_BOTH[1]!]],
    ['--plugin with a path', { extends: [] }, ['--plugin', './node_modules/corpuslint-plugin-house', '--rule', 'house/no-repeated-punctuation: warn'], [EXPECTED_BOTH[2]!]],
  ])('%s', (_name, config, args, expected) => {
    const cwd = project(config);
    const run = runCli(['--format', 'json', '--rule', 'no-site-chrome: off', ...args, 'docs'], cwd);
    expect(run.stderr).toBe('');
    const [file] = JSON.parse(run.stdout) as JsonResult[];
    expect(brief(file!.messages)).toEqual(expected.map((line) => line.replace(/ \S+ (\d+:\d+)/, ' - $1')));
  });

  it('applies the fixes: the plugin\'s with --fix, the retext ones (suggestions) with --unsafe-fixes too', () => {
    const cwd = project(BOTH_CONFIG);
    expect(runCli(['--fix', 'docs'], cwd).status).toBe(1);
    expect(fs.readFileSync(path.join(cwd, 'docs', 'a.txt'), 'utf8')).toBe('The council met on Tuesday.\nIt was a honest vote, and the the mayor agreed!\n');
    expect(runCli(['--fix', '--unsafe-fixes', 'docs'], cwd).status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'docs', 'a.txt'), 'utf8')).toBe('The council met on Tuesday.\nIt was an honest vote, and the mayor agreed!\n');
  });

  it('counts a retext plugin\'s messages under the plugin in --stats, whatever their own ruleIds', () => {
    const run = runCli(['--stats', '--format', 'json', '-o', 'report.json', 'docs'], project(BOTH_CONFIG));
    const rows = run.stderr.split('\n').slice(1, 4).map((line) => line.split(/\s+/).slice(0, 3).join(' '));
    expect(rows).toEqual(['house/no-repeated-punctuation 1 1', 'retext-repeated-words 1 1', 'retext-indefinite-article 1 1']);
  });

  it('lists the plugin\'s rule under --print-config, with where it came from', () => {
    const cwd = project(BOTH_CONFIG);
    const printed = JSON.parse(runCli(['--print-config', 'docs/a.txt'], cwd).stdout) as { rules: Record<string, { severity: string }>; plugins: Array<{ kind: string; name: string; version: string }> };
    expect(printed.rules['house/no-repeated-punctuation']).toEqual({ severity: 'error', options: { max: 1 } });
    expect(printed.plugins.map(({ kind, name, version }) => `${kind} ${name} ${version}`)).toEqual([
      'corpuslint house corpuslint-plugin-house@1.2.0',
      'retext retext-repeated-words retext-repeated-words@5.0.0',
      'retext retext-indefinite-article retext-indefinite-article@5.0.0',
    ]);
  });

  it.each([
    ['an unknown plugin package', { plugins: ['corpuslint-plugin-nope'] }, [], /^corpuslint: Cannot find the plugin package "corpuslint-plugin-nope" \(.*\.corpuslintrc\.json\) from .*; install it with `npm install corpuslint-plugin-nope`\n$/],
    ['options against the rule\'s schema', { plugins: ['corpuslint-plugin-house'], rules: { 'house/no-repeated-punctuation': ['warn', { max: 0 }] } }, [], /^corpuslint: Invalid options for rule "house\/no-repeated-punctuation" in .*\.corpuslintrc\.json: max must be >= 1\n$/],
    ['a rule of a plugin not loaded', { rules: { 'house/no-repeated-punctuation': 'warn' } }, [], /^corpuslint: Unknown rule "house\/no-repeated-punctuation" in .*; run `corpuslint --list-rules` to see the rule ids\n$/],
    ['a corpuslint plugin under "retext"', { retext: { 'corpuslint-plugin-house': 'warn' } }, [], /^corpuslint: "corpuslint-plugin-house" in .*\.corpuslintrc\.json "retext" is not a unified plugin \(its default export is not a function\); move it to "plugins" if it is a corpuslint plugin\n$/],
    ['a --plugin file that is not there', {}, ['--plugin', './missing.js'], /^corpuslint: Plugin file .*missing\.js \(--plugin\) does not exist; check the path\n$/],
    ['a --plugin folder with no entry file', {}, ['--plugin', './docs'], /^corpuslint: Plugin folder .*docs \(--plugin\) has no entry file; give its package.json a "main" or add an index.js\n$/],
  ])('refuses %s in one line, exit 2', (_name, config, args, message) => {
    const run = runCli([...args, 'docs'], project(config));
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
  });
});

describe('plugins through the library', () => {
  it('lintText and fixText load them from the config found from cwd, as the CLI does', async () => {
    const cwd = project(BOTH_CONFIG);
    expect(brief((await lintText(ARTICLE, { cwd })).messages)).toEqual(EXPECTED_BOTH);
    expect((await fixText(ARTICLE, { cwd, unsafe: true })).output).toBe('The council met on Tuesday.\nIt was an honest vote, and the mayor agreed!\n');
  });

  it('lintFiles streams the same messages', async () => {
    const cwd = project(BOTH_CONFIG);
    const seen: Brief[][] = [];
    for await (const report of lintFiles(['docs'], { cwd, concurrency: 'off' })) seen.push(brief(report.messages));
    expect(seen).toEqual([EXPECTED_BOTH]);
  });

  it('--rulesdir: every rule file of a folder, by its own meta.id', async () => {
    const cwd = project({ extends: [] });
    fs.mkdirSync(path.join(cwd, 'house-rules'));
    const source = fs.readFileSync(path.join(pluginFixture, 'index.js'), 'utf8').replace(/export default .*/, 'export default noRepeatedPunctuation;');
    fs.writeFileSync(path.join(cwd, 'house-rules', 'no-repeated-punctuation.js'), source);
    const { config } = await loadConfig({ cwd, rulesDirs: ['house-rules'], rules: { 'no-repeated-punctuation': 'warn' } });
    expect(config.rules['no-repeated-punctuation']).toEqual({ severity: 'warn', options: { max: 1 } });
    const run = runCli(['--rulesdir', 'house-rules', '--rule', 'no-repeated-punctuation: error', '--format', 'json', 'docs'], cwd);
    expect(brief((JSON.parse(run.stdout) as JsonResult[])[0]!.messages)).toEqual(['no-repeated-punctuation - 2:47 Unexpected run of 3 "!"; keep 1']);
  });
});

describe('plugins on worker threads and in the cache', () => {
  /** Enough documents that two threads each get batches. */
  const corpus = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`docs/${String(i).padStart(3, '0')}.txt`, i % 3 === 0 ? ARTICLE : `Document ${i} is clean.\n`]));

  async function run(cwd: string, concurrency: 'off' | 2, cache: boolean) {
    const { config, registry } = await loadConfig({ cwd });
    const result = await runCorpuslint({
      cwd,
      paths: ['docs'],
      config,
      registry,
      fix: 'off',
      dryRun: false,
      concurrency,
      minBytesForThreads: 0,
      cacheLocation: cache ? path.join(cwd, '.corpuslintcache') : undefined,
    });
    const json = reporters.json(result.reports, { cwd, rules: registry, color: false });
    return { json, threads: result.threadsUsed, hits: result.cacheHits, misses: result.cacheMisses, result };
  }

  it('two threads give the one-thread output; a second run is answered from the cache', async () => {
    const cwd = project(BOTH_CONFIG, corpus);
    const one = await run(cwd, 'off', false);
    expect(brief(one.result.reports[0]!.messages)).toEqual(EXPECTED_BOTH);
    const two = await run(cwd, 2, true);
    expect(two.threads).toBe(2);
    expect(two.json).toBe(one.json);
    expect([two.hits, two.misses]).toEqual([0, 600]);
    const cached = await run(cwd, 2, true);
    expect([cached.hits, cached.misses]).toEqual([600, 0]);
    expect(cached.json).toBe(one.json);
  });

  it('a new version of a plugin starts the cache afresh', async () => {
    const cwd = project(BOTH_CONFIG, { 'docs/a.txt': ARTICLE });
    await run(cwd, 'off', true);
    expect((await run(cwd, 'off', true)).hits).toBe(1);
    const manifest = path.join(cwd, 'node_modules', 'corpuslint-plugin-house', 'package.json');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('"1.2.0"', '"1.3.0"'));
    expect((await run(cwd, 'off', true)).hits).toBe(0);
  });

  it('a config with no retext rule parses no tree', async () => {
    const { registry } = await loadConfig({ cwd: project(PLUGIN_CONFIG) });
    const { configuredRules } = await import('../../src/config/config.js');
    const { config } = await loadConfig({ cwd: project(PLUGIN_CONFIG) });
    expect(configuredRules(config, registry).filter(({ rule }) => rule.meta.needsTree).map(({ rule }) => rule.meta.id)).toEqual([]);
  });
});

describe('the plugin fixture\'s own RuleTester table (docs/writing-a-rule.md)', () => {
  it('passes under node --test', () => {
    const run = spawnSync(process.execPath, ['--test', path.join(pluginFixture, 'test.js')], { encoding: 'utf8' });
    expect(run.stdout).toContain('# pass 4\n');
    expect(run.status).toBe(0);
  });

  it('is the example the guide shows, word for word', () => {
    const guide = fs.readFileSync(path.join(projectRoot, 'docs', 'writing-a-rule.md'), 'utf8');
    for (const file of ['index.js', 'package.json', 'test.js']) expect(guide).toContain(fs.readFileSync(path.join(pluginFixture, file), 'utf8'));
  });
});
