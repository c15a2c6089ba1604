#!/usr/bin/env node
// bench-corpus-index.mjs: measures the corpus index phase (CorpusIndexBuilder.add + build)
// on a synthetic corpus, against the built dist/ (run `npm run build` first).
//
//   node scripts/bench-corpus-index.mjs [--mb 100] [--sources DIR ...] [--out /tmp/corpuslint-bench.jsonl]
//   node scripts/bench-corpus-index.mjs --dir bench/corpus/1g     (index the .txt files of a folder instead)
//
// Documents are streamed into the builder one at a time (as the CLI does), so the figures hold
// at any corpus size: peak RSS is the index, not the corpus.
//
// The corpus is made from the seed and web-dev texts (../shared) with random variations, so it
// has what real crawls have: exact and near copies, shared passages with small edits, template
// lines, and a long tail of unique text (a fraction of every document is shuffled words, so
// the number of distinct n-grams grows with the corpus as it does in a crawl).
// Prints throughput (MB/s of UTF-8 input; add() is timed alone, the index phase's wall and CPU time include reading), serialized index bytes per document and heap growth.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CorpusIndexBuilder } from '../dist/src/corpus/builder.js';
import { serializeCorpusIndex } from '../dist/src/corpus/serialize.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const targetBytes = Number(option('--mb', '100')) * 1e6;
const out = option('--out', '/tmp/corpuslint-bench.jsonl');
const sourceDirs = args.includes('--sources')
  ? args.slice(args.indexOf('--sources') + 1).filter((arg) => !arg.startsWith('--'))
  : [path.join(root, '..', 'shared', 'seeds'), ...['chrome', 'appended', 'duplicates', 'typos'].map((set) => path.join(root, '..', 'shared', 'corpora', 'web-dev', set))];

let seed = 12345;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const pick = (list) => list[Math.floor(random() * list.length)];

function generate() {
  if (fs.existsSync(out) && fs.statSync(out).size >= targetBytes * 0.95) return;
  const sources = sourceDirs.flatMap((dir) =>
    fs.readdirSync(dir).filter((name) => name.endsWith('.txt')).map((name) => fs.readFileSync(path.join(dir, name), 'utf8')),
  );
  const vocabulary = [...new Set(sources.join(' ').split(/\s+/).filter((word) => /^[a-z]{2,}$/i.test(word)))];
  const templates = sources.flatMap((text) => text.split('\n').filter((line) => line.length > 0 && line.length < 60));
  const fd = fs.openSync(out, 'w');
  let written = 0;
  for (let doc = 0; written < targetBytes; doc++) {
    const lines = pick(sources).split('\n');
    // Copies are edited: a word swapped or dropped here and there, paragraphs cut, chrome added.
    const edited = lines
      .slice(0, random() < 0.2 ? Math.ceil(lines.length * random()) : lines.length)
      .map((line) =>
        line
          .split(' ')
          .map((word) => (random() < 0.01 ? pick(vocabulary) : random() < 0.005 ? '' : word))
          .join(' '),
      );
    const chrome = Array.from({ length: Math.floor(random() * 4) }, () => pick(templates));
    const unique = Array.from({ length: 20 + Math.floor(random() * 200) }, () => pick(vocabulary)).join(' ');
    const text = [...chrome, ...edited, unique, `Posted on ${1 + (doc % 28)} March ${2000 + (doc % 25)}`].join('\n');
    const record = JSON.stringify({ id: `doc-${doc}`, text }) + '\n';
    fs.writeSync(fd, record);
    written += Buffer.byteLength(record);
  }
  fs.closeSync(fd);
}

/** Every `.txt` file under `dir`, in sorted order (as the CLI walks a folder). */
function* textFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* textFiles(full);
    else if (entry.name.endsWith('.txt')) yield { id: full, text: fs.readFileSync(full, 'utf8') };
  }
}

/** The JSONL corpus line by line: a 1 GB file is too long for one string. */
async function* jsonlRecords(file) {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line);
}

const dir = option('--dir', undefined);
if (!dir) generate();
const documents = dir ? textFiles(dir) : jsonlRecords(out);

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const cpuStarted = process.cpuUsage();
const started = performance.now();
const builder = new CorpusIndexBuilder();
let documentCount = 0;
let inputBytes = 0;
let addMs = 0;
for await (const document of documents) {
  const addStarted = performance.now();
  builder.add(document.id, document.text);
  addMs += performance.now() - addStarted;
  documentCount++;
  inputBytes += Buffer.byteLength(document.text);
}
const added = performance.now();
const held = builder.memoryUse();
const index = builder.build();
const built = performance.now();
const cpu = process.cpuUsage(cpuStarted);
globalThis.gc?.();
const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const bytes = serializeCorpusIndex(index);
const serialized = performance.now();

const mb = inputBytes / 1e6;
const seconds = (to, from) => (to - from) / 1000;
console.log(`documents            ${documentCount}`);
console.log(`input                ${mb.toFixed(1)} MB (UTF-8)`);
console.log(`add()                ${(addMs / 1000).toFixed(1)} s, ${(mb / (addMs / 1000)).toFixed(1)} MB/s (reading: ${(seconds(added, started) - addMs / 1000).toFixed(1)} s more)`);
console.log(`build()              ${seconds(built, added).toFixed(1)} s`);
console.log(`index phase          ${(mb / seconds(built, started)).toFixed(1)} MB/s wall, ${(mb / ((cpu.user + cpu.system) / 1e6)).toFixed(1)} MB/s of CPU time`);
console.log(`serialized index     ${(bytes.length / 1e6).toFixed(1)} MB, ${Math.round(bytes.length / documentCount)} bytes/document (${seconds(serialized, built).toFixed(2)} s)`);
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(`held before build()  per document ${megabytes(held.perDocument)} (${Math.round(held.perDocument / documentCount)} bytes/document: id, MinHash, sample), seen filter ${megabytes(held.seenFilter)}, passages ${megabytes(held.passages)}, lines ${megabytes(held.lines)}, words ${megabytes(held.words)}`);
console.log(`peak RSS             ${(process.resourceUsage().maxRSS / 1e3).toFixed(0)} MB`);
console.log(`heap + buffers grown ${((heapAfter - heapBefore) / 1e6).toFixed(0)} MB${globalThis.gc ? '' : ' (run with --expose-gc for a steadier figure)'}`);
console.log(`passage sampling     1/${Math.round(2 ** 32 / index.data.passageThreshold)} of 4-grams kept (${index.data.passages.size} entries)`);
console.log(`template lines       ${index.data.lines.size} forms counted, floor ${index.data.lineFloor}`);
console.log(`near-duplicate pairs ${index.data.pairs.first.length}`);
