#!/usr/bin/env node
/**
 * CPU time of the document-quality rules (gopher-*, c4-*, fineweb-*), each
 * alone and all together, through a Linter over a bench corpus, less a
 * Linter with no rules; best of N passes, after one to warm up. Each rule
 * alone pays the scan they share (tokens, language); together it is paid once.
 *
 *   npm run build && node scripts/bench-quality.mjs [--corpus bench/corpus/10m] [--passes 5]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { corpus: { type: 'string', default: path.join(root, 'bench', 'corpus', '10m') }, passes: { type: 'string', default: '5' } } });
const { Linter } = await import(path.join(root, 'dist', 'src', 'core', 'lint.js'));
const { builtinRulesById } = await import(path.join(root, 'dist', 'rules', 'index.js'));

const texts = [];
const walk = (folder) => {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.txt')) texts.push(fs.readFileSync(full, 'utf8'));
  }
};
walk(values.corpus);
const megabytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;

const QUALITY = ['gopher-repetition', 'gopher-quality', 'c4-lines', 'c4-document', 'fineweb-quality'];
const runs = { none: [], ...Object.fromEntries(QUALITY.map((id) => [id, [id]])), 'all five': QUALITY };
const linters = Object.entries(runs).map(([name, ids]) => [name, new Linter(ids.map((id) => ({ rule: builtinRulesById.get(id) })))]);
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const best = new Map();
for (let pass = 0; pass <= Number(values.passes); pass++) {
  for (const [name, linter] of linters) {
    const started = cpuMs();
    for (const text of texts) linter.lint(text);
    if (pass > 0) best.set(name, Math.min(best.get(name) ?? Infinity, cpuMs() - started));
  }
}
console.log(`${texts.length} documents, ${megabytes.toFixed(1)} MB, best of ${values.passes} passes`);
for (const [name, ms] of best) {
  if (name === 'none') continue;
  const own = ms - best.get('none');
  console.log(`${name.padEnd(18)} ${(own / 1000).toFixed(2)} s  ${(megabytes / (own / 1000)).toFixed(1)} MB/s`);
}
