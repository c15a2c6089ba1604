#!/usr/bin/env node
/**
 * Builds a benchmark corpus of realistic scraped text from the example seeds
 * and the web-dev pages: each document mixes paragraphs of two or three real
 * pages, with the variations scrapers produce (site chrome lines from other
 * pages, a repeated caption, trailing spaces, blank-line runs, a misspelling,
 * shifted numbers), so documents are distinct but read like the real thing.
 * Deterministic: the same size gives the same corpus.
 *
 *   node scripts/make-bench-corpus.mjs --size 100m [--shape pages|long|short] [--out bench/corpus/100m] [--shards]
 *
 * --shape: `pages` (the default) mixes two or three pages' worth of lines into
 * documents of a few KB, like scraped news; `long` joins eight to fourteen
 * long stretches (documents of tens of KB, like reports or forum threads);
 * `short` takes one short stretch (a few hundred bytes, like posts or
 * comments), so figures do not hang on one document length.
 * --shards writes JSONL shards (datatrove-style records) instead of .txt files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seededRandom } from './seeded-random.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = { '10m': 10e6, '100m': 100e6, '1g': 1e9 };
const FILES_PER_FOLDER = 1000;
const RECORDS_PER_SHARD = 5000;

export function parseSize(value) {
  const size = SIZES[value.toLowerCase()];
  if (!size) throw new Error(`--size ${value}: use one of ${Object.keys(SIZES).join(', ')}`);
  return size;
}


function loadPages() {
  const pages = [];
  const seeds = path.join(root, 'seeds');
  for (const name of fs.readdirSync(seeds).filter((file) => file.endsWith('.txt')).sort()) pages.push(fs.readFileSync(path.join(seeds, name), 'utf8'));
  const webDev = path.join(root, '..', 'shared', 'corpora', 'web-dev');
  for (const set of ['chrome', 'appended', 'duplicates', 'typos']) {
    const folder = path.join(webDev, set);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder).filter((file) => file.endsWith('.txt')).sort()) pages.push(fs.readFileSync(path.join(folder, name), 'utf8'));
  }
  if (pages.length === 0) throw new Error('No seed or web-dev pages found; run from the project with ../shared beside it');
  return pages.map((text) => text.split('\n'));
}

const MISSPELLINGS = [
  ['the', 'teh'],
  ['government', 'goverment'],
  ['received', 'recieved'],
  ['which', 'wich'],
  ['because', 'becuase'],
  ['their', 'thier'],
];

/** How many stretches of source lines a document joins, and how long each is, by shape. */
const SHAPES = {
  pages: { sources: [2, 3], lines: [8, 47] },
  long: { sources: [8, 14], lines: [30, 120] },
  short: { sources: [1, 1], lines: [2, 8] },
};

function between(next, [low, high]) {
  return low + Math.floor(next() * (high - low + 1));
}

function makeDocument(pages, next, shape) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  // The most sources are drawn first, then how many to use: the order the default corpus has always been made in.
  const sources = Array.from({ length: shape.sources[1] }, () => pick(pages)).slice(0, between(next, shape.sources));
  const lines = [];
  for (const source of sources) {
    const start = Math.floor(next() * Math.max(1, source.length - 8));
    lines.push(...source.slice(start, start + between(next, shape.lines)), '');
  }
  // Chrome lines from another page's top or bottom, as scrapers pick them up.
  const chromeSource = pick(pages);
  if (next() < 0.5) lines.unshift(...chromeSource.slice(0, 1 + Math.floor(next() * 4)));
  if (next() < 0.5) lines.push(...chromeSource.slice(-1 - Math.floor(next() * 4)));
  const varied = lines.map((line) => {
    let text = line.replace(/\d+/g, (digits) => (next() < 0.3 ? String((Number(digits) + 1 + Math.floor(next() * 9)) % 10 ** digits.length) : digits));
    if (next() < 0.02) text += '  ';
    if (next() < 0.01) {
      const [right, wrong] = pick(MISSPELLINGS);
      text = text.replace(new RegExp(`\\b${right}\\b`), wrong);
    }
    return text;
  });
  if (next() < 0.2 && varied.length > 4) {
    const at = 1 + Math.floor(next() * (varied.length - 2));
    varied.splice(at + 1, 0, varied[at]);
  }
  if (next() < 0.1) varied.splice(Math.floor(next() * varied.length), 0, '', '', '');
  return `${varied.join('\n').replace(/\n+$/, '')}\n`;
}

/** The folder a corpus of this size, shape and format is kept in under bench/corpus/. */
export function benchCorpusName({ size, shape = 'pages', shards = false }) {
  return `${size}${shape === 'pages' ? '' : `-${shape}`}${shards ? '-shards' : ''}`;
}

export function makeBenchCorpus({ size, out, shape: shapeName = 'pages', shards = false, log = () => {} }) {
  const target = parseSize(size);
  const shape = SHAPES[shapeName];
  if (!shape) throw new Error(`--shape ${shapeName}: use one of ${Object.keys(SHAPES).join(', ')}`);
  const marker = path.join(out, '.complete');
  const label = benchCorpusName({ size, shape: shapeName, shards });
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === label) return out;
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const pages = loadPages();
  const next = seededRandom(0xc0ff33);
  let bytes = 0;
  let count = 0;
  let shard = [];
  const flushShard = () => {
    if (shard.length === 0) return;
    fs.writeFileSync(path.join(out, `shard-${String(Math.floor((count - 1) / RECORDS_PER_SHARD)).padStart(5, '0')}.jsonl`), `${shard.join('\n')}\n`);
    shard = [];
  };
  while (bytes < target) {
    const text = makeDocument(pages, next, shape);
    const id = `doc-${String(count).padStart(8, '0')}`;
    count++;
    bytes += Buffer.byteLength(text);
    if (shards) {
      shard.push(JSON.stringify({ text, id, metadata: { source: 'bench', url: `https://example.com/${id}` } }));
      if (shard.length === RECORDS_PER_SHARD) flushShard();
    } else {
      const folder = path.join(out, String(Math.floor((count - 1) / FILES_PER_FOLDER)).padStart(5, '0'));
      if ((count - 1) % FILES_PER_FOLDER === 0) fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, `${id}.txt`), text);
    }
    if (count % 20000 === 0) log(`  ${count} documents, ${(bytes / 1e6).toFixed(0)} MB`);
  }
  flushShard();
  fs.writeFileSync(marker, label);
  log(`  ${count} documents, ${(bytes / 1e6).toFixed(1)} MB of text in ${out}`);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { size: { type: 'string', default: '10m' }, shape: { type: 'string', default: 'pages' }, out: { type: 'string' }, shards: { type: 'boolean', default: false } },
  });
  const out = path.resolve(values.out ?? path.join(root, 'bench', 'corpus', benchCorpusName(values)));
  makeBenchCorpus({ ...values, out, log: (line) => process.stderr.write(`${line}\n`) });
}
