#!/usr/bin/env node
/**
 * no-misspelling alone, in one process, on a folder of .txt files (the bench
 * corpus by default): CPU time of a Linter with the rule less that of a
 * Linter with no rules, over every file once (first pass: the dictionaries,
 * the frequency list and its index load, every word is new) and again (warm).
 *
 *   npm run build && node scripts/make-bench-corpus.mjs --size 10m && node scripts/bench-misspelling.mjs [--dir bench/corpus/10m]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { dir: { type: 'string', default: 'bench/corpus/10m' } } });
const { Linter } = await import(path.join(root, 'dist', 'src', 'core', 'lint.js'));
const { default: rule } = await import(path.join(root, 'dist', 'rules', 'no-misspelling', 'index.js'));

const texts = [];
function walk(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (file.endsWith('.txt')) texts.push(fs.readFileSync(file, 'utf8'));
  }
}
const dir = path.resolve(root, args.dir);
if (!fs.existsSync(dir)) {
  console.error(`bench-misspelling: ${dir} not found; make it with node scripts/make-bench-corpus.mjs --size 10m`);
  process.exit(2);
}
walk(dir);
const megabytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;

function cpuSeconds(linter) {
  const start = process.cpuUsage();
  let messages = 0;
  for (const text of texts) messages += linter.lint(text).messages.length;
  const used = process.cpuUsage(start);
  return { seconds: (used.user + used.system) / 1e6, messages };
}

const empty = new Linter([]);
cpuSeconds(empty);
const engine = cpuSeconds(empty).seconds;
const linter = new Linter([{ rule, severity: 'warn', options: { ...rule.meta.defaultOptions } }]);
const first = cpuSeconds(linter);
const warm = cpuSeconds(linter);
const rate = (seconds) => (megabytes / Math.max(seconds - engine, 1e-9)).toFixed(1);
console.log(`${texts.length} files, ${megabytes.toFixed(1)} MB; engine alone ${engine.toFixed(2)} s of CPU`);
console.log(`first pass ${first.seconds.toFixed(2)} s: ${rate(first.seconds)} MB/s (${first.messages} messages; loading included)`);
console.log(`warm pass  ${warm.seconds.toFixed(2)} s: ${rate(warm.seconds)} MB/s`);
