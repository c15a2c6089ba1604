/**
 * The document-quality presets from a config and the rules from `--rule`,
 * as a user sets them up, and the one language note the rules give between
 * them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../../src/api.js';
import { loadConfig } from '../../src/config/config.js';
import { runCli, tempFolder, type JsonResult } from '../e2e/run-cli.js';
import { NEWS } from '../fixtures/quality/news.js';

const QUALITY_RULES = ['gopher-repetition', 'gopher-quality', 'c4-lines', 'c4-document', 'fineweb-quality'];
const RECOMMENDED = ['no-trailing-spaces', 'no-blank-line-runs', 'no-trailing-blank-lines', 'eol-last', 'no-control-characters', 'no-duplicate-lines', 'no-misspelling', 'no-site-chrome', 'no-near-duplicate-docs', 'no-typo-variant', 'no-appended-story'];

async function enabled(extendsList: string[]): Promise<string[]> {
  const { config } = await loadConfig({ config: { extends: extendsList } });
  return Object.entries(config.rules).filter(([, setting]) => setting.severity !== 'off').map(([id]) => id);
}

describe('quality presets', () => {
  it.each([
    [['corpuslint:gopher'], ['gopher-repetition', 'gopher-quality']],
    [['corpuslint:c4'], ['c4-lines', 'c4-document']],
    [['corpuslint:fineweb'], QUALITY_RULES],
    [['corpuslint:recommended', 'corpuslint:gopher'], [...RECOMMENDED, 'gopher-repetition', 'gopher-quality']],
    [['corpuslint:gopher', 'corpuslint:recommended'], [...RECOMMENDED, 'gopher-repetition', 'gopher-quality']],
  ])('%j turns on %j', async (extendsList, expected) => {
    expect(await enabled(extendsList)).toEqual(expected);
  });

  it("corpuslint:fineweb runs C4 as FineWeb's pipeline does, keeping lines without terminal punctuation", async () => {
    const { config } = await loadConfig({ config: { extends: ['corpuslint:fineweb'] } });
    expect(config.rules['c4-lines']!.options.filterNoTerminalPunct).toBe(false);
    expect(config.rules['c4-document']!.options.filterNoTerminalPunct).toBe(false);
    expect((await loadConfig({ config: { extends: ['corpuslint:c4'] } })).config.rules['c4-lines']!.options.filterNoTerminalPunct).toBe(true);
  });

  it('a rule setting over a preset keeps the preset options it does not name', async () => {
    const { config } = await loadConfig({ config: { extends: ['corpuslint:fineweb'], rules: { 'c4-lines': ['error', { minWordsPerLine: 5 }] } } });
    expect(config.rules['c4-lines']).toEqual({ severity: 'error', options: expect.objectContaining({ minWordsPerLine: 5 }) });
  });

  it('names the new presets when a preset is unknown', async () => {
    await expect(loadConfig({ config: { extends: ['corpuslint:gopherr'] } })).rejects.toThrow(
      'Unknown preset "corpuslint:gopherr" in the config object; use one of corpuslint:recommended, corpuslint:all, corpuslint:gopher, corpuslint:c4, corpuslint:fineweb',
    );
  });

  it('gives one language note for all the quality rules, not one each', async () => {
    const french = 'Les députés ont adopté à une large majorité le projet de loi sur la fin de vie, qui doit maintenant être examiné par le Sénat.\n';
    const result = await lintText(french, { config: { extends: ['corpuslint:fineweb'] } });
    expect(result.messages.map((message) => `${message.ruleId} ${message.fatal === undefined ? 'info' : 'warn'} ${message.reason}`)).toEqual([
      'gopher-repetition info Document-quality rules skipped this document: it reads as "fr", not "en"; add "fr" to their languages option to check it',
    ]);
    expect(result.warningCount).toBe(0);
  });
});

describe('the quality rules from the command line', () => {
  const folder = tempFolder({
    'menu.txt': 'Home\nNews\nSport\nWeather\n',
    'article.txt': NEWS,
    'c4/.corpuslintrc.json': JSON.stringify({ extends: ['corpuslint:c4'] }),
    'c4/menu.txt': 'Home\nNews\nSport\nWeather\n',
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
  const problems = (stdout: string) =>
    (JSON.parse(stdout) as JsonResult[]).flatMap((result) => result.messages.map((message) => `${path.basename(result.filePath)} ${message.line}:${message.column} ${message.ruleId} ${message.message}`));

  it('--rule turns a quality rule on beside the recommended ones', () => {
    const run = runCli(['--rule', 'gopher-quality: warn', '-f', 'json', 'menu.txt', 'article.txt'], folder);
    expect(problems(run.stdout)).toEqual([
      'menu.txt 1:1 no-site-chrome Site chrome (read-more link), not article text; remove the line',
      'menu.txt 1:1 gopher-quality Word count 4 is under 50 (Gopher quality); drop the document',
    ]);
  });

  it('--rule-only runs one of them alone', () => {
    const run = runCli(['--rule-only', 'c4-document', '-f', 'json', 'menu.txt', 'article.txt'], folder);
    expect(problems(run.stdout)).toEqual([
      'menu.txt 1:1 c4-document Sentence count 0 is under 5 (C4, in the lines it keeps); drop the document',
      'article.txt 1:1 c4-document Sentence count 3 is under 5 (C4, in the lines it keeps); drop the document',
    ]);
  });

  it('a config extending corpuslint:c4', () => {
    const run = runCli(['-f', 'json', '.'], path.join(folder, 'c4'));
    expect(problems(run.stdout)).toEqual([
      'menu.txt 1:1 c4-lines Line does not end in terminal punctuation (C4); remove the line',
      'menu.txt 1:1 c4-document Sentence count 0 is under 5 (C4, in the lines it keeps); drop the document',
      'menu.txt 2:1 c4-lines Line does not end in terminal punctuation (C4); remove the line',
      'menu.txt 3:1 c4-lines Line does not end in terminal punctuation (C4); remove the line',
      'menu.txt 4:1 c4-lines Line does not end in terminal punctuation (C4); remove the line',
    ]);
  });
});
