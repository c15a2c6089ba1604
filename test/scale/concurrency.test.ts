/** Worker threads change nothing but speed: the same reports, in the same order, as a run on one thread. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/config.js';
import { Linter } from '../../src/core/lint.js';
import { configuredRules } from '../../src/config/config.js';
import { fromPlainMessage, toPlainMessage } from '../../src/core/plain-message.js';
import { reporters } from '../../src/reporters/index.js';
import { builtinRulesById } from '../../rules/index.js';
import { runCorpuslint, type Concurrency } from '../../src/run/run.js';
import { describeFix } from '../../src/reporters/problems.js';
import { abbreviateMiddle } from '../../src/core/text/abbreviate.js';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');
/** Real scraped pages copied from the web-dev set (a user's clone has no ../shared). */
const pagesDir = path.join(projectRoot, 'test', 'fixtures');

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function tempFolder(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-concurrency-'));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), content);
  }
  return folder;
}

/** A fixture corpus: the seeds, some real scraped pages, and a shard of them. */
function fixtureCorpus(): string {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(path.join(projectRoot, 'seeds'))) files[`seeds/${name}`] = fs.readFileSync(path.join(projectRoot, 'seeds', name), 'utf8');
  const pages: string[] = [];
  for (const set of ['appended', 'chrome', 'duplicates', 'typos']) {
    for (const name of fs.readdirSync(path.join(pagesDir, set)).filter((file) => file.endsWith('.txt'))) {
      const text = fs.readFileSync(path.join(pagesDir, set, name), 'utf8');
      files[`pages/${set}/${name}`] = text;
      pages.push(JSON.stringify({ id: `${set}-${name}`, text, source: 'web-dev' }));
    }
  }
  files['shards/pages.jsonl'] = `${pages.join('\n')}\n`;
  return tempFolder(files);
}

async function jsonReport(cwd: string, concurrency: Concurrency): Promise<{ json: string; threads: number }> {
  const config = resolveConfig(undefined, undefined);
  const result = await runCorpuslint({ cwd, paths: ['.'], config, fix: 'off', dryRun: false, concurrency, minBytesForThreads: 0 });
  const json = reporters.json(result.reports, { cwd, rules: builtinRulesById, color: false });
  return { json, threads: result.threadsUsed };
}

describe('--concurrency', () => {
  it('2 worker threads give output identical to a run on one thread, on a real fixture corpus', async () => {
    const cwd = fixtureCorpus();
    const serial = await jsonReport(cwd, 'off');
    const parallel = await jsonReport(cwd, 2);
    expect(serial.threads).toBe(0);
    expect(parallel.threads).toBe(2);
    expect(JSON.parse(serial.json).length).toBeGreaterThan(30);
    expect(parallel.json).toBe(serial.json);
  });

  it('holds for any small corpus of scraped-looking lines', async () => {
    const line = fc.constantFrom('Putin thanked Kim Jong Un.', 'Share this article', 'Read more  ', '', 'Teh goverment said.', '\u200bZero width', 'Photo: AP');
    const document = fc.array(line, { minLength: 0, maxLength: 12 }).map((lines) => lines.join('\n'));
    await fc.assert(
      fc.asyncProperty(fc.array(document, { minLength: 1, maxLength: 12 }), async (documents) => {
        const cwd = tempFolder(Object.fromEntries(documents.map((text, index) => [`doc-${String(index).padStart(2, '0')}.txt`, text])));
        const serial = await jsonReport(cwd, 'off');
        const parallel = await jsonReport(cwd, 2);
        expect(parallel.json).toBe(serial.json);
      }),
      { numRuns: 4 },
    );
  });
});

describe('plain messages', () => {
  it('rebuild every field the linter set (a long `actual` as its ends, which is all a report shows)', () => {
    const linter = new Linter(configuredRules(resolveConfig(undefined, undefined)));
    const text = fs.readFileSync(path.join(projectRoot, 'seeds', fs.readdirSync(path.join(projectRoot, 'seeds'))[0]!), 'utf8');
    const messages = linter.lint(`${text}  \n\n\n\n`, { filePath: 'seeds/a.txt' }).messages;
    expect(messages.length).toBeGreaterThan(3);
    for (const message of messages) {
      const rebuilt = fromPlainMessage(structuredClone(toPlainMessage(message)), 'seeds/a.txt');
      expect({ ...rebuilt }).toEqual({ ...message, actual: message.actual === undefined ? undefined : abbreviateMiddle(message.actual) });
      if (message.fix) expect(describeFix(rebuilt, message.fix)).toBe(describeFix(message, message.fix));
      expect(rebuilt.message).toBe(message.message);
    }
  });
});
