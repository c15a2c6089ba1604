#!/usr/bin/env node
/**
 * Measures each stage of a cluster run on one machine: seconds and peak RSS
 * of every index shard, the merge, every lint shard and the report, with the
 * digest, index and results sizes, next to a one-machine run of the same
 * corpus (whose JSON report the cluster's must equal). Figures for
 * docs/scale.md.
 *
 *   node scripts/bench-cluster.mjs --corpus bench/corpus/10m [--shards 4] [--concurrency off] [--out /tmp/bench-cluster]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'corpuslint.js');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    shards: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: 'off' },
    out: { type: 'string', default: '/tmp/bench-cluster' },
    'skip-single': { type: 'boolean', default: false },
  },
});
if (!values.corpus) {
  process.stderr.write('usage: node scripts/bench-cluster.mjs --corpus <folder> [--shards N] [--concurrency off|auto|n] [--out folder]\n');
  process.exit(2);
}
const corpus = path.resolve(values.corpus);
const shards = Number(values.shards);
const work = path.join(path.resolve(values.out), 'W');
fs.rmSync(path.resolve(values.out), { recursive: true, force: true });
fs.mkdirSync(path.resolve(values.out), { recursive: true });
const threads = ['--concurrency', values.concurrency];

/** One process under GNU time: wall and CPU seconds (user + system: on a shared machine the wall time is the load's), peak RSS in MB. */
function timed(args) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, bin, ...args], { cwd: path.dirname(corpus), encoding: 'utf8', maxBuffer: 1 << 30 });
  const [seconds, user, system, kilobytes] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  if (run.status === null || run.status > 2) throw new Error(`corpuslint ${args.join(' ')} failed: ${run.stderr}`);
  return { seconds, cpu: user + system, rssMB: kilobytes / 1024 };
}

const sizeOf = (file) => fs.statSync(file).size;
const name = path.basename(corpus);
const rows = [];
if (!values['skip-single']) rows.push(['one machine', timed([...threads, '-f', 'json', '-o', path.join(values.out, 'one.json'), name])]);
for (let shard = 0; shard < shards; shard++) rows.push([`index ${shard}/${shards}`, timed(['index', '--shard', `${shard}/${shards}`, '--work-dir', work, ...threads, name])]);
rows.push(['merge', timed(['index', '--merge', '--work-dir', work])]);
for (let shard = 0; shard < shards; shard++) rows.push([`lint ${shard}/${shards}`, timed(['--shard', `${shard}/${shards}`, '--work-dir', work, ...threads, '-f', 'json', '-o', path.join(work, `shard-${shard}.json`), name])]);
rows.push(['report', timed(['report', '--work-dir', work, '-f', 'json', '-o', path.join(values.out, 'cluster.json')])]);

const state = JSON.parse(fs.readFileSync(path.join(work, 'work.json'), 'utf8'));
const documents = JSON.parse(fs.readFileSync(path.join(work, 'index.done'), 'utf8')).documents;
const digestBytes = Array.from({ length: shards }, (_, shard) => sizeOf(path.join(work, 'digests', String(shard)))).reduce((a, b) => a + b, 0);
const resultBytes = Array.from({ length: shards }, (_, shard) => sizeOf(path.join(work, 'results', `${shard}.jsonl`))).reduce((a, b) => a + b, 0);
const corpusBytes = Number(spawnSync('du', ['-sb', corpus], { encoding: 'utf8' }).stdout.split('\t')[0]);
const same = values['skip-single'] ? 'not compared' : fs.readFileSync(path.join(values.out, 'one.json')).equals(fs.readFileSync(path.join(values.out, 'cluster.json'))) ? 'identical' : 'DIFFERENT';
process.stdout.write(`${name}: ${state.corpus.files} files, ${documents} documents, ${(corpusBytes / 1e6).toFixed(1)} MB; ${shards} shards, --concurrency ${values.concurrency}; report ${same}\n`);
process.stdout.write('| stage | wall s | CPU s | peak RSS MB |\n| --- | ---: | ---: | ---: |\n');
for (const [stage, { seconds, cpu, rssMB }] of rows) process.stdout.write(`| ${stage} | ${seconds.toFixed(1)} | ${cpu.toFixed(1)} | ${rssMB.toFixed(0)} |\n`);
process.stdout.write(
  `digests ${(digestBytes / 1e6).toFixed(1)} MB (${(digestBytes / documents).toFixed(0)} B a document, ${(digestBytes / corpusBytes).toFixed(2)}x the corpus); ` +
    `index ${(sizeOf(path.join(work, 'index')) / 1e6).toFixed(2)} MB (${(sizeOf(path.join(work, 'index')) / documents).toFixed(0)} B a document); ` +
    `results ${(resultBytes / 1e6).toFixed(1)} MB (${(resultBytes / documents).toFixed(0)} B a document)\n`,
);
