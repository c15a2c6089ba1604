/** The library entry points default as the CLI does, and a bare Linter runs every rule. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinRules } from '../rules/index.js';
import { fixText, Linter, lintFiles, lintText } from '../src/api.js';
import { runCli, type JsonResult } from './e2e/run-cli.js';

const projectRoot = path.resolve(import.meta.dirname, '..');
const seed = path.join(projectRoot, 'seeds', '000_5612f521096bc90f.txt');
const seedText = fs.readFileSync(seed, 'utf8');

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function emptyFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-api-'));
  folders.push(folder);
  return folder;
}

const brief = (messages: ReadonlyArray<{ ruleId?: string | null; line?: number | null; column?: number | null; reason?: string; message?: string }>) =>
  messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason ?? m.message}`);

describe('Linter', () => {
  it.each(builtinRules.map((rule) => [rule.meta.id, rule] as const))('runs %s given no options', (_id, rule) => {
    const messages = new Linter([{ rule }]).lint(seedText).messages;
    expect(messages.filter((message) => message.reason.startsWith('Rule crashed'))).toEqual([]);
  });

  it('with no rules runs the recommended set, as the CLI without a config', () => {
    expect(new Linter().rules.map(({ rule, severity }) => `${rule.meta.id}: ${severity}`)).toEqual(
      builtinRules.filter((rule) => rule.meta.recommended !== 'off').map((rule) => `${rule.meta.id}: ${rule.meta.recommended}`),
    );
  });
});

describe('lintText and fixText', () => {
  it('find what the CLI finds in the same file', async () => {
    const cwd = emptyFolder();
    fs.copyFileSync(seed, path.join(cwd, 'page.txt'));
    const cli = JSON.parse(runCli(['--format', 'json', 'page.txt'], cwd).stdout) as JsonResult[];
    const api = await lintText(seedText, { cwd, filePath: 'page.txt' });
    expect(brief(api.messages)).toEqual(brief(cli[0]!.messages));
    expect([api.errorCount, api.warningCount]).toEqual([cli[0]!.errorCount, cli[0]!.warningCount]);
  });

  it('fix as --fix does', async () => {
    const cwd = emptyFolder();
    fs.copyFileSync(seed, path.join(cwd, 'page.txt'));
    const fixed = await fixText(seedText, { cwd });
    runCli(['--fix', 'page.txt'], cwd);
    expect(fixed.output).toBe(fs.readFileSync(path.join(cwd, 'page.txt'), 'utf8'));
  });

  it.each([
    ['an unknown rule', { config: { rules: { 'no-such-rule': 'warn' } } }, 'Unknown rule "no-such-rule" in the config object; run `corpuslint --list-rules` to see the rule ids'],
    ['a missing config file', { config: 'missing.json' }, /^Cannot read config .*missing\.json: ENOENT; check the path$/],
  ] as const)('refuse %s with the CLI\'s one-line error', async (_name, options, error) => {
    await expect(lintText('text', { cwd: emptyFolder(), ...options })).rejects.toThrow(error);
  });
});

describe('lintFiles', () => {
  it('yields reports in discovery order, and stops the run when the loop breaks', async () => {
    const names: string[] = [];
    for await (const report of lintFiles(['seeds'], { cwd: projectRoot, concurrency: 'off' })) {
      names.push(path.basename(report.filePath));
      if (names.length === 2) break;
    }
    expect(names).toEqual(['000_5612f521096bc90f.txt', '001_8cf9da5644d1772f.txt']);
  });

  it('rejects a missing path as the CLI does', async () => {
    const reports = lintFiles(['nowhere'], { cwd: emptyFolder() });
    await expect(reports[Symbol.asyncIterator]().next()).rejects.toThrow(/nowhere/);
  });
});
