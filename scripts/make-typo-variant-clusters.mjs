#!/usr/bin/env node
/**
 * Builds clusters of republished copies of real articles for no-typo-variant:
 * each cluster is one of web-dev's clean (gold) articles as four outlets
 * would print it. Three copies carry only editorial variation (curly quotes,
 * dashes, British spellings, toward / towards, per cent, U.S. / US, a
 * synonym, two paragraphs in another order); the fourth carries editorial
 * variation too plus 1–3 injected real-word slips (its / it's, form / from,
 * than / then, their / there, lose / loose, of / on, a dropped word, another
 * inflection). labels.json lists the slips; every other message is a false
 * alarm. Deterministic: the same arguments give the same clusters.
 *
 *   node scripts/make-typo-variant-clusters.mjs --clusters 30 --out bench/typo-variant-clusters
 *   node scripts/score-typo-variant-clusters.mjs --dir bench/typo-variant-clusters
 *
 * test/fixtures/typo-variant-clusters/ was made with `--clusters 8`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seededRandom } from './seeded-random.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { clusters: { type: 'string', default: '30' }, out: { type: 'string', default: 'bench/typo-variant-clusters' } } });
const clusterCount = Number(args.clusters);
const out = path.resolve(root, args.out);
const webDev = path.resolve(root, '..', 'shared', 'corpora', 'web-dev');
if (!fs.existsSync(webDev)) {
  console.error(`make-typo-variant-clusters: ${webDev} not found; the clean articles live in the shared material beside the project`);
  process.exit(2);
}


/** Whole-word replacements an outlet's house style makes throughout a copy. */
const HOUSE_STYLE = [
  ['color', 'colour'], ['colors', 'colours'], ['center', 'centre'], ['favorite', 'favourite'], ['organization', 'organisation'], ['organizations', 'organisations'],
  ['recognize', 'recognise'], ['realize', 'realise'], ['defense', 'defence'], ['program', 'programme'], ['programs', 'programmes'], ['labor', 'labour'],
  ['toward', 'towards'], ['afterward', 'afterwards'], ['percent', 'per cent'], ['U.S.', 'US'], ['among', 'amongst'], ['learned', 'learnt'], ['OK', 'okay'],
];
/** Synonyms an editor swaps in (never one edit apart). */
const SYNONYMS = [
  ['said', 'stated'], ['big', 'large'], ['start', 'begin'], ['help', 'assist'], ['buy', 'purchase'], ['show', 'reveal'], ['about', 'around'], ['also', 'too'],
  ['people', 'individuals'], ['very', 'really'], ['many', 'numerous'], ['get', 'obtain'], ['use', 'employ'], ['new', 'fresh'], ['important', 'key'],
];
/** Real-word slips people make, [as written in the article, as the slip copy types it]. */
const SLIPS = [
  ['its', "it's"], ["it's", 'its'], ['from', 'form'], ['than', 'then'], ['then', 'than'], ['their', 'there'], ['there', 'their'], ['lose', 'loose'],
  ['loose', 'lose'], ['of', 'on'], ['your', "you're"], ['were', 'where'], ['where', 'were'], ['quite', 'quiet'], ['through', 'though'], ['affect', 'effect'],
  ['effect', 'affect'], ['to', 'too'], ['form', 'from'], ['lead', 'led'], ['whether', 'weather'], ['accept', 'except'],
];

function wordPattern(word) {
  return new RegExp(`(?<![\\p{L}\\p{N}'’.-])${word.replace(/\./g, '\\.')}(?![\\p{L}\\p{N}'’-])`, 'gu');
}

function articles() {
  const seen = new Set();
  const found = [];
  for (const set of ['chrome', 'appended', 'duplicates', 'typos']) {
    const folder = path.join(webDev, set, 'gold');
    for (const name of fs.readdirSync(folder).filter((file) => file.endsWith('.txt')).sort()) {
      if (seen.has(name)) continue;
      seen.add(name);
      const paragraphs = fs
        .readFileSync(path.join(folder, name), 'utf8')
        .split('\n')
        .filter((line) => line.split(/\s+/).length >= 15);
      if (paragraphs.length >= 6) found.push({ name, paragraphs: paragraphs.slice(0, 10) });
    }
  }
  return found;
}

function curlyQuotes(text) {
  return text.replace(/(^|[\s(])"/g, '$1\u201c').replace(/"/g, '\u201d').replace(/'/g, '\u2019').replace(/ - /g, ' \u2014 ');
}

function houseStyle(lines) {
  return lines.map((line) => HOUSE_STYLE.reduce((text, [from, to]) => text.replace(wordPattern(from), to), line));
}

/** Replaces one synonym somewhere in the copy (the first listed that occurs, from a random paragraph on). */
function synonym(lines, next) {
  const start = Math.floor(next() * lines.length);
  for (let offset = 0; offset < lines.length; offset++) {
    const index = (start + offset) % lines.length;
    for (const [from, to] of SYNONYMS) {
      const match = wordPattern(from).exec(lines[index]);
      if (match) {
        lines[index] = lines[index].slice(0, match.index) + to + lines[index].slice(match.index + from.length);
        return lines;
      }
    }
  }
  return lines;
}

function swapParagraphs(lines, next) {
  const first = 1 + Math.floor(next() * (lines.length - 2));
  [lines[first], lines[first + 1]] = [lines[first + 1], lines[first]];
  return lines;
}

/**
 * Up to `count` slips in different paragraphs, away from the first and last
 * words of a paragraph (the alignment needs shared words on both sides).
 */
function injectSlips(lines, count, next, name) {
  const labels = [];
  const order = lines.map((_, index) => index).sort(() => next() - 0.5);
  for (const index of order) {
    if (labels.length >= count) break;
    const line = lines[index];
    const options = [];
    for (const [from, to] of SLIPS) {
      for (const match of line.matchAll(wordPattern(from))) {
        if (match.index > 40 && match.index < line.length - 40) options.push({ at: match.index, from, to, kind: 'similar word' });
      }
    }
    for (const match of line.matchAll(/(?<=[a-z] )([a-z]{5,})(?= [a-z])/g)) {
      if (match.index > 40 && match.index < line.length - 40 && !FUNCTION_WORDS.has(match[0])) options.push({ at: match.index, from: match[0], to: '', kind: 'dropped word' });
    }
    if (options.length === 0) continue;
    // Similar-word slips are what consensus alone can catch, so they are preferred where the paragraph has one.
    const similar = options.filter((option) => option.kind === 'similar word');
    // A common word ('to') would otherwise be most of the slips: pick the slip first, then one of its places.
    const slipWords = [...new Set(similar.map((option) => option.from))];
    const slipWord = slipWords[Math.floor(next() * slipWords.length)];
    const from = similar.length > 0 && next() < 0.75 ? similar.filter((option) => option.from === slipWord) : options;
    const choice = from[Math.floor(next() * from.length)];
    if (choice.to === '') {
      lines[index] = line.slice(0, choice.at) + line.slice(choice.at + choice.from.length + 1);
      // The rule reports a dropped word on the two words around the gap: the label is the word before it.
      const before = line.slice(0, choice.at - 1).lastIndexOf(' ') + 1;
      labels.push({ file: name, line: index + 1, column: before + 1, endColumn: choice.at, wrong: '', correct: choice.from, kind: choice.kind });
    } else {
      lines[index] = line.slice(0, choice.at) + choice.to + line.slice(choice.at + choice.from.length);
      labels.push({ file: name, line: index + 1, column: choice.at + 1, endColumn: choice.at + 1 + choice.to.length, wrong: choice.to, correct: choice.from, kind: choice.kind });
    }
  }
  return labels;
}

/** Dropping a function word ('said that' / 'said') is house style, which the rule leaves alone by design: only content words are dropped. */
const FUNCTION_WORDS = new Set(JSON.parse(fs.readFileSync(path.join(root, 'rules', 'data', 'typo-variant.json'), 'utf8')).functionWords);

const pool = articles();
if (pool.length < clusterCount) console.error(`make-typo-variant-clusters: only ${pool.length} articles have six long paragraphs; making ${pool.length} clusters`);
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const labels = [];
for (const [clusterIndex, article] of pool.slice(0, clusterCount).entries()) {
  const next = seededRandom(0x5eed + clusterIndex);
  const cluster = `c${String(clusterIndex).padStart(2, '0')}`;
  const copies = [
    article.paragraphs.map(curlyQuotes),
    synonym(houseStyle([...article.paragraphs]), next),
    swapParagraphs([...article.paragraphs], next),
  ];
  const slipCopy = [...article.paragraphs].map(curlyQuotes);
  const name = `${cluster}-d.txt`;
  labels.push(...injectSlips(slipCopy, 1 + Math.floor(next() * 3), next, name));
  copies.push(slipCopy);
  for (const [copyIndex, lines] of copies.entries()) fs.writeFileSync(path.join(out, `${cluster}-${'abcd'[copyIndex]}.txt`), `${lines.join('\n')}\n`);
}
fs.writeFileSync(path.join(out, 'labels.json'), `${JSON.stringify({ source: 'web-dev clean articles (gold), see scripts/make-typo-variant-clusters.mjs', slips: labels }, null, 2)}\n`);
console.log(`${Math.min(clusterCount, pool.length)} clusters, ${labels.length} slips -> ${path.relative(root, out)}`);
