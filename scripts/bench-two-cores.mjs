#!/usr/bin/env node
/**
 * What two cores can give, measured: the same lint loop (the recommended
 * rules over a corpus held in memory, with its corpus index) run once alone
 * and then as two independent processes at the same time. With no shared
 * state between them, their combined speed over one copy's is the machine's
 * own bound for this work (memory bandwidth, shared caches, turbo), the
 * ceiling for corpuslint's two threads; the CLI on 1 and 2 threads is timed
 * beside it on the same corpus.
 *
 *   node scripts/bench-two-cores.mjs [--size 10m] [--shape pages] [--passes 2]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCorpusName, makeBenchCorpus } from './make-bench-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10m' },
    shape: { type: 'string', default: 'pages' },
    passes: { type: 'string', default: '2' },
    loop: { type: 'string' },
  },
});

function textFiles(folder) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.txt')) files.push(full);
    }
  };
  walk(folder);
  return files;
}

/** One copy of the loop: index once, then lint every document `passes` times; prints the seconds of the lint passes. */
async function runLoop(corpus, passes) {
  const { builtinRules } = await import(path.join(root, 'dist/rules/index.js'));
  const { Linter } = await import(path.join(root, 'dist/src/core/lint.js'));
  const { CorpusIndexBuilder } = await import(path.join(root, 'dist/src/corpus/builder.js'));
  const { serializeCorpusIndex, deserializeCorpusIndex } = await import(path.join(root, 'dist/src/corpus/serialize.js'));
  const documents = textFiles(corpus).map((file) => [file, fs.readFileSync(file, 'utf8')]);
  const builder = new CorpusIndexBuilder();
  for (const [file, text] of documents) builder.add(file, text);
  const index = deserializeCorpusIndex(serializeCorpusIndex(builder.build()));
  const linter = new Linter(builtinRules.filter((rule) => rule.meta.recommended !== 'off').map((rule) => ({ rule, severity: rule.meta.recommended })));
  // The first pass loads dictionaries and warms the JIT; the timed passes are the steady state a long run sees.
  for (const [file, text] of documents) linter.lint(text, { filePath: file, corpus: index });
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) for (const [file, text] of documents) linter.lint(text, { filePath: file, corpus: index });
  process.stdout.write(`${(performance.now() - started) / 1000}\n`);
}

/** Starts `copies` loops together; resolves to each one's seconds. */
function runCopies(corpus, passes, copies) {
  return Promise.all(
    Array.from({ length: copies }, () =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [self, '--loop', corpus, '--passes', String(passes)], { stdio: ['ignore', 'pipe', 'inherit'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(Number(output.trim())) : reject(new Error(`loop exited with ${code}`))));
      }),
    ),
  );
}

function timeCli(corpus, threads) {
  const started = performance.now();
  spawnSync(process.execPath, [path.join(root, 'bin', 'corpuslint.js'), '--concurrency', String(threads), '--no-progress', '-f', 'json', '-o', os.devNull, corpus], { stdio: 'ignore' });
  return (performance.now() - started) / 1000;
}

async function main() {
  const passes = Number(values.passes);
  if (values.loop) return runLoop(values.loop, passes);
  const name = benchCorpusName({ size: values.size, shape: values.shape });
  const corpus = makeBenchCorpus({ size: values.size, shape: values.shape, out: path.join(root, 'bench', 'corpus', name), log: (line) => process.stderr.write(`${line}\n`) });
  const [alone] = await runCopies(corpus, passes, 1);
  const together = await runCopies(corpus, passes, 2);
  const bound = (2 * alone) / Math.max(...together);
  const oneThread = timeCli(corpus, 1);
  const twoThreads = timeCli(corpus, 2);
  const lines = [
    `Corpus bench/corpus/${name}; ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
    '',
    '| measure | seconds | two cores over one |',
    '| --- | ---: | ---: |',
    `| lint loop alone (${passes} warm passes) | ${alone.toFixed(2)} | |`,
    `| two independent copies at once | ${together.map((seconds) => seconds.toFixed(2)).join(', ')} | ${bound.toFixed(2)}× (the machine's bound) |`,
    `| corpuslint CLI, 1 thread | ${oneThread.toFixed(2)} | |`,
    `| corpuslint CLI, 2 threads | ${twoThreads.toFixed(2)} | ${(oneThread / twoThreads).toFixed(2)}× |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
