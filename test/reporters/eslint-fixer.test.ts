/**
 * ESLint's `fix` fields, applied as ESLint's fixer applies them, must give
 * what `corpuslint --fix` writes; and the fixable counts ESLint's formatters
 * print must be what corpuslint says `--fix` fixes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempCopyOfSeeds, type JsonResult } from '../e2e/run-cli.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/**
 * ESLint's SourceCodeFixer: fixes sorted by range, one that starts at or
 * before the end of the last one taken is left for the next pass, and the
 * linter re-runs (ESLint's `--fix` makes up to 10 passes).
 */
function applyEslintFixes(text: string, messages: JsonResult['messages']): string {
  const fixes = messages.flatMap((message) => (message.fix ? [message.fix] : [])).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let lastPos = Number.NEGATIVE_INFINITY;
  for (const { range, text: replacement } of fixes) {
    const [start, end] = range;
    if (lastPos >= start || start > end) continue;
    output += text.slice(Math.max(0, lastPos), Math.max(0, start)) + replacement;
    lastPos = end;
  }
  return output + text.slice(Math.max(0, lastPos));
}

function seedTexts(folder: string): Record<string, string> {
  const seeds = path.join(folder, 'seeds');
  return Object.fromEntries(fs.readdirSync(seeds).sort().map((name) => [name, fs.readFileSync(path.join(seeds, name), 'utf8')]));
}

describe('ESLint fixer over the JSON report', () => {
  it('gives the text corpuslint --fix writes, on every seed', { timeout: 120_000 }, () => {
    const byCorpuslint = tempCopyOfSeeds();
    const byEslint = tempCopyOfSeeds();
    folders.push(byCorpuslint, byEslint);
    runCli(['--fix', 'seeds/'], byCorpuslint);
    for (let pass = 0; pass < 10; pass++) {
      const results = JSON.parse(runCli(['-f', 'json', 'seeds/'], byEslint).stdout) as JsonResult[];
      let changed = false;
      for (const result of results) {
        const text = fs.readFileSync(result.filePath, 'utf8');
        const fixed = applyEslintFixes(text, result.messages);
        if (fixed !== text) {
          fs.writeFileSync(result.filePath, fixed);
          changed = true;
        }
      }
      if (!changed) break;
    }
    expect(seedTexts(byEslint)).toEqual(seedTexts(byCorpuslint));
  });

  it('counts as fixable what corpuslint says --fix fixes', () => {
    const results = JSON.parse(runCli(['-f', 'json', 'seeds/']).stdout) as JsonResult[];
    const fixable = results.reduce((sum, result) => sum + result.fixableErrorCount + result.fixableWarningCount, 0);
    const withFix = results.reduce((sum, result) => sum + result.messages.filter((message) => message.fix).length, 0);
    const hint = /(\d+) problems? (?:is|are) fixable with `--fix`/.exec(runCli(['seeds/']).stdout);
    expect(fixable).toBe(withFix);
    expect(fixable).toBe(Number(hint?.[1]));
  });
});
