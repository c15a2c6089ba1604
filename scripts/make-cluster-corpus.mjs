#!/usr/bin/env node
/**
 * A small corpus for cluster runs' tests and CI: the seeds as text files,
 * two JSONL shards of records cut from them (a copy of a story, one cut
 * short, one with its paragraphs reordered; two name their site by url), a file that is not UTF-8 (an
 * unreadable document, reported as such) and a nested folder, so the
 * shards of a 3-way split each get text files and a JSONL file.
 *
 *   node scripts/make-cluster-corpus.mjs <out-folder>
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function makeClusterCorpus(out) {
  const seeds = path.join(root, 'seeds');
  const names = fs.readdirSync(seeds).filter((name) => name.endsWith('.txt')).sort();
  const texts = names.map((name) => fs.readFileSync(path.join(seeds, name), 'utf8'));
  fs.mkdirSync(path.join(out, 'pages', 'more'), { recursive: true });
  fs.mkdirSync(path.join(out, 'shards'), { recursive: true });
  names.forEach((name, i) => fs.writeFileSync(path.join(out, 'pages', i < 3 ? '' : 'more', name), texts[i]));
  const paragraphs = (text) => text.split(/\n\s*\n/);
  // Records with a url name their site (no-site-chrome counts template lines per site); those without take it from the path.
  const records = (list) => list.map(([id, text, url]) => JSON.stringify({ id, text, ...(url && { url }) })).join('\n') + '\n';
  fs.writeFileSync(
    path.join(out, 'shards', 'part-0.jsonl'),
    records([
      ['copy-of-001', texts[1], 'https://www.example-news.com/world/copy'],
      ['cut-000', paragraphs(texts[0]).slice(0, 4).join('\n\n') + '\n', 'https://www.example-news.com/world/cut'],
      ['reordered-004', paragraphs(texts[4]).reverse().join('\n\n') + '\n'],
    ]),
  );
  fs.writeFileSync(path.join(out, 'shards', 'part-1.jsonl'), records([['tail-002', paragraphs(texts[2]).slice(2).join('\n\n') + '\n'], ['short', 'Read more\n']]));
  fs.writeFileSync(path.join(out, 'pages', 'latin1.txt'), Buffer.from('Caf\xe9 au lait, read it  \n', 'latin1'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: node scripts/make-cluster-corpus.mjs <out-folder>\n');
    process.exit(2);
  }
  makeClusterCorpus(path.resolve(out));
}
