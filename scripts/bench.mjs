#!/usr/bin/env node
/**
 * `npm run bench`: times, side by side on one corpus, corpuslint (recommended
 * rules, on 1 and 2 threads), a plain unified + retext-english + retext-spell
 * pipeline, and textlint with comparable rules (textlint-rule-en-spell:
 * nspell + dictionary-en, as corpuslint's speller; textlint-rule-write-good
 * with only its repeated-word check), and a floor: reading every file and
 * cutting it into lines and words with corpuslint's own scanners, the work no
 * rule can avoid. Each runs in its own process; wall
 * time and peak memory (max RSS, worker threads included) come from
 * /usr/bin/time.
 *
 *   npm run bench -- --size 10m|100m|1g [--shape pages|long|short] [--shards] [--corpus <folder>] [--tools a,b] [--timeout 1800]
 *
 * Besides the side-by-side table it prints each rule's time and MB/s alone
 * from the one-thread run's --stats-json. --shards benchmarks JSONL shards
 * (the tools that read only text files are skipped).
 *
 * The corpus is built by scripts/make-bench-corpus.mjs (kept in bench/corpus/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCorpusName, makeBenchCorpus } from './make-bench-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'corpuslint.js');

const TOOLS = {
  'corpuslint-1': {
    label: 'corpuslint, recommended rules, 1 thread',
    command: (corpus, out, stats) => [process.execPath, bin, '--concurrency', '1', '--no-progress', '--format', 'json', '--output-file', out, '--stats-json', stats, corpus],
  },
  'corpuslint-2': {
    label: 'corpuslint, recommended rules, 2 worker threads',
    command: (corpus, out) => [process.execPath, bin, '--concurrency', '2', '--no-progress', '--format', 'json', '--output-file', out, corpus],
  },
  retext: {
    label: 'unified + retext-english + retext-spell',
    textFilesOnly: true,
    command: (corpus) => [process.execPath, fileURLToPath(import.meta.url), '--run-retext', corpus],
  },
  floor: {
    label: 'floor: read each file, split it into lines and words (no rules)',
    command: (corpus) => [process.execPath, fileURLToPath(import.meta.url), '--run-floor', corpus],
  },
  textlint: {
    label: 'textlint + en-spell + write-good (repeated words only)',
    textFilesOnly: true,
    command: (corpus, out) => [
      process.execPath,
      path.join(root, 'node_modules', 'textlint', 'bin', 'textlint.js'),
      '--config',
      textlintConfig(),
      '--format',
      'json',
      '--output-file',
      out,
      `${corpus}/**/*.txt`,
    ],
  },
};

function textlintConfig() {
  const file = path.join(os.tmpdir(), 'corpuslint-bench-textlintrc.json');
  const onlyIllusion = { passive: false, illusion: true, so: false, thereIs: false, weasel: false, adverb: false, tooWordy: false, cliches: false, eprime: false };
  fs.writeFileSync(file, JSON.stringify({ rules: { 'en-spell': true, 'write-good': onlyIllusion } }));
  return file;
}

function corpusBytes(folder) {
  let bytes = 0;
  let files = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        bytes += fs.statSync(full).size;
        files++;
      }
    }
  };
  walk(folder);
  return { bytes, files };
}

function measure(tool, corpus, timeoutSeconds) {
  const out = path.join(os.tmpdir(), `corpuslint-bench-${process.pid}-${tool}.out`);
  const statsFile = path.join(os.tmpdir(), `corpuslint-bench-${process.pid}-${tool}.stats.json`);
  const command = TOOLS[tool].command(corpus, out, statsFile);
  const timing = path.join(os.tmpdir(), `corpuslint-bench-${process.pid}-${tool}.time`);
  // GNU timeout kills the whole process group: killing /usr/bin/time alone left the tool it
  // timed (a textlint run) going on in the background, stealing a core from later measurements.
  const run = spawnSync('timeout', ['-s', 'KILL', String(timeoutSeconds), '/usr/bin/time', '-o', timing, '-f', '%e %M', ...command], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  fs.rmSync(out, { force: true });
  const stats = fs.existsSync(statsFile) ? JSON.parse(fs.readFileSync(statsFile, 'utf8')) : undefined;
  fs.rmSync(statsFile, { force: true });
  if (run.status === 137 || run.status === 124 || run.signal) {
    fs.rmSync(timing, { force: true });
    return { tool, timedOut: true, seconds: timeoutSeconds };
  }
  const [seconds, kilobytes] = fs.readFileSync(timing, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  fs.rmSync(timing, { force: true });
  // Exit code 1 means "problems found" for every tool here; a crash says so on stderr.
  const crashed = (run.status !== 0 && run.status !== 1) || /Error|error:/.test(run.stderr ?? '');
  return {
    tool, seconds, peakMB: kilobytes / 1024, status: run.status, error: crashed ? (run.stderr || '').trim().split('\n').slice(-3).join(' ') : undefined,
    ruleMilliseconds: stats && [
      ...stats.rules.map(({ id, milliseconds }) => ({ id, milliseconds })),
      { id: '(corpus index)', milliseconds: stats.timing.corpusIndexMilliseconds },
      { id: '(engine)', milliseconds: stats.timing.engineMilliseconds },
    ],
  };
}

/** The retext pipeline, file by file (one core), as its child process. */
async function runRetext(corpus) {
  const [{ unified }, { default: retextEnglish }, { default: retextSpell }, { default: dictionaryEn }] = await Promise.all([
    import('unified'),
    import('retext-english'),
    import('retext-spell'),
    import('dictionary-en'),
  ]);
  const processor = unified().use(retextEnglish).use(retextSpell, { dictionary: dictionaryEn }).freeze();
  const { VFile } = await import('vfile');
  let messages = 0;
  const walk = async (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.txt')) {
        const file = new VFile({ path: full, value: fs.readFileSync(full, 'utf8') });
        await processor.run(processor.parse(file), file);
        messages += file.messages.length;
      }
    }
  };
  await walk(corpus);
  process.stdout.write(`${messages} messages\n`);
}

/** The floor: what any linter of this corpus must do at least (read, decode, lines, words). */
async function runFloor(corpus) {
  const { splitLines } = await import(path.join(root, 'dist/src/core/text/lines.js'));
  const { WordScanner } = await import(path.join(root, 'dist/src/core/text/tokens.js'));
  const scanner = new WordScanner();
  let lines = 0;
  let words = 0;
  const count = (text) => {
    lines += splitLines(text).length;
    words += scanner.scan(text);
  };
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.txt')) count(new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(full)));
      else if (entry.name.endsWith('.jsonl')) {
        for (const record of fs.readFileSync(full, 'utf8').split('\n')) if (record) count(JSON.parse(record).text);
      }
    }
  };
  walk(corpus);
  process.stdout.write(`${lines} lines, ${words} words\n`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '10m' },
      shape: { type: 'string', default: 'pages' },
      shards: { type: 'boolean', default: false },
      corpus: { type: 'string' },
      tools: { type: 'string', default: Object.keys(TOOLS).join(',') },
      timeout: { type: 'string', default: '3600' },
      'run-retext': { type: 'string' },
      'run-floor': { type: 'string' },
    },
  });
  if (values['run-retext']) return runRetext(values['run-retext']);
  if (values['run-floor']) return runFloor(values['run-floor']);
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'cli.js'))) throw new Error('Build first: npm run build');
  const name = benchCorpusName(values);
  const corpus = path.resolve(
    values.corpus ??
      makeBenchCorpus({ size: values.size, shape: values.shape, shards: values.shards, out: path.join(root, 'bench', 'corpus', name), log: (line) => process.stderr.write(`${line}\n`) }),
  );
  const { bytes, files } = corpusBytes(corpus);
  const megabytes = bytes / 1e6;
  process.stderr.write(`corpus: ${corpus}: ${files} files, ${megabytes.toFixed(1)} MB\n`);
  const rows = [];
  for (const tool of values.tools.split(',')) {
    if (!TOOLS[tool]) throw new Error(`Unknown tool ${tool}; use ${Object.keys(TOOLS).join(', ')}`);
    if (values.shards && TOOLS[tool].textFilesOnly) {
      process.stderr.write(`skipping ${TOOLS[tool].label}: it reads text files only\n`);
      continue;
    }
    process.stderr.write(`running ${TOOLS[tool].label} ...\n`);
    const result = measure(tool, corpus, Number(values.timeout));
    rows.push(result);
    process.stderr.write(`  ${JSON.stringify({ ...result, ruleMilliseconds: undefined })}\n`);
  }
  const reference = rows.find((row) => row.tool === 'corpuslint-1' && !row.timedOut);
  const ratio = (row) => (reference && !row.timedOut ? `${(reference.seconds / row.seconds).toFixed(2)}×` : '-');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `Corpus: ${files} files, ${megabytes.toFixed(1)} MB (scripts/make-bench-corpus.mjs --size ${values.size} --shape ${values.shape}${values.shards ? ' --shards' : ''}); machine: ${os.availableParallelism()} cores, ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`,
    '',
    '| tool | time (s) | MB/s | speed vs corpuslint, 1 thread | peak memory (MB) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map((row) =>
      row.timedOut
        ? `| ${TOOLS[row.tool].label} | > ${row.seconds} (stopped) | < ${(megabytes / row.seconds).toFixed(2)} | - | - |`
        : `| ${TOOLS[row.tool].label} | ${row.seconds.toFixed(1)} | ${(megabytes / row.seconds).toFixed(2)} | ${ratio(row)} | ${row.peakMB.toFixed(0)}${row.error ? ` (failed: ${row.error})` : ''} |`,
    ),
  ];
  // Per-rule figures come from the one-thread run's --stats-json: CPU time each rule spent, the whole corpus through it.
  if (reference?.ruleMilliseconds) {
    lines.push('', '| rule (corpuslint, 1 thread, `--stats-json`) | time (s) | MB/s alone |', '| --- | ---: | ---: |');
    for (const { id, milliseconds } of reference.ruleMilliseconds) {
      lines.push(`| ${id} | ${(milliseconds / 1000).toFixed(2)} | ${milliseconds > 0 ? (megabytes / (milliseconds / 1000)).toFixed(0) : '-'} |`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', `results-${name}.md`), `${lines.join('\n')}\n`);
}

await main();
