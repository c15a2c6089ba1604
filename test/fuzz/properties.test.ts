/**
 * Properties of the engine and of whole runs, over random scraped documents
 * (documents.ts): fixing converges and fixing again changes nothing; after a
 * fix no message offers a fix `--fix` would apply; line endings and the
 * byte-order mark survive `--fix`; the cache never changes an answer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinRules, builtinRulesById } from '../../rules/index.js';
import { resolveConfig } from '../../src/config/config.js';
import { fixesToApply, fixText } from '../../src/core/fix.js';
import { Linter } from '../../src/core/lint.js';
import { reporters } from '../../src/reporters/index.js';
import { runCorpuslint } from '../../src/run/run.js';
import { fuzzParameters, PROPERTY_TIMEOUT_MS, scrapedDocument, type GeneratedDocument } from './documents.js';

const linter = new Linter(builtinRules.map((rule) => ({ rule, severity: 'warn' as const, options: rule.meta.defaultOptions })));

/** No `\n` without its `\r` when the document uses CRLF; no `\r\n` when it uses LF. (A text without a line break has no style to keep.) */
function keepsLineEndings(document: GeneratedDocument, output: string): boolean {
  if (!document.text.includes('\n')) return true;
  return document.newline === '\r\n' ? !/(^|[^\r])\n/.test(output) : !output.includes('\r\n');
}

describe('engine properties', () => {
  it(
    'fixing converges, fixing again changes nothing, no fix --fix would apply is left, and line endings are kept',
    () => {
      fc.assert(
        fc.property(scrapedDocument, (document) => {
          const once = fixText(linter, document.text);
          expect(once.loop).toBe(false);
          expect(fixesToApply(once.file.messages, false)).toEqual([]);
          expect(fixText(linter, once.output).output).toBe(once.output);
          expect(keepsLineEndings(document, once.output)).toBe(true);
        }),
        fuzzParameters('engine: fix converges and is idempotent', 40),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

const folders: string[] = [];
afterAll(() => {
  // Retries: on a loaded machine a timed-out CLI may still be writing its temporary files as they go.
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

function writeCorpus(documents: readonly GeneratedDocument[]): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-fuzz-'));
  folders.push(folder);
  documents.forEach((document, index) => fs.writeFileSync(path.join(folder, `doc-${index}.txt`), (document.bom ? '\uFEFF' : '') + document.text));
  return folder;
}

async function report(cwd: string, options: { cache?: boolean; fix?: 'safe' } = {}): Promise<string> {
  const result = await runCorpuslint({
    cwd,
    paths: ['.'],
    config: resolveConfig(undefined, undefined),
    fix: options.fix ?? 'off',
    dryRun: false,
    concurrency: 'off',
    ...(options.cache && { cacheLocation: path.join(cwd, '.corpuslintcache') }),
  });
  return reporters.json(result.reports, { cwd, rules: builtinRulesById, color: false });
}

describe('run properties', () => {
  const corpus = fc.array(scrapedDocument, { minLength: 1, maxLength: 5 });

  it(
    'the cache never changes an answer; --fix keeps the byte-order mark and the line endings',
    async () => {
      await fc.assert(
        fc.asyncProperty(corpus, async (documents) => {
          const cwd = writeCorpus(documents);
          const uncached = await report(cwd);
          expect(await report(cwd, { cache: true })).toBe(uncached);
          expect(await report(cwd, { cache: true })).toBe(uncached);
          await report(cwd, { fix: 'safe' });
          documents.forEach((document, index) => {
            const written = fs.readFileSync(path.join(cwd, `doc-${index}.txt`), 'utf8');
            expect(written.startsWith('\uFEFF')).toBe(document.bom);
            expect(keepsLineEndings(document, written)).toBe(true);
          });
          fs.rmSync(cwd, { recursive: true, force: true });
        }),
        fuzzParameters('run: cache, BOM and line endings', 5),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
