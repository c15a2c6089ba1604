#!/usr/bin/env node
/**
 * Scores no-typo-variant on clusters made by make-typo-variant-clusters.mjs:
 * indexes every copy as one corpus (as the CLI does), lints each copy with
 * the rule alone, and counts a message on a labelled slip (same line,
 * overlapping columns) as found, any other as a false alarm (an editorial
 * variant flagged).
 *
 *   npm run build && node scripts/score-typo-variant-clusters.mjs --dir bench/typo-variant-clusters [--verbose]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { dir: { type: 'string', default: 'bench/typo-variant-clusters' }, verbose: { type: 'boolean', default: false } } });
const dir = path.resolve(root, args.dir);
const { CorpusIndexBuilder } = await import(path.join(root, 'dist', 'src', 'corpus', 'builder.js'));
const { Linter } = await import(path.join(root, 'dist', 'src', 'lint.js'));
const { default: rule } = await import(path.join(root, 'dist', 'rules', 'no-typo-variant.js'));

const { slips } = JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8'));
const names = fs.readdirSync(dir).filter((name) => name.endsWith('.txt')).sort();
const builder = new CorpusIndexBuilder();
for (const name of names) builder.add(name, fs.readFileSync(path.join(dir, name), 'utf8'));
const corpus = builder.build();
const linter = new Linter([{ rule, severity: 'warn', options: { ...rule.meta.defaultOptions } }]);
let found = 0;
const alarms = [];
const missed = new Set(slips);
for (const name of names) {
  for (const message of linter.lint(fs.readFileSync(path.join(dir, name), 'utf8'), { corpus, filePath: name }).messages) {
    const slip = slips.find((candidate) => candidate.file === name && candidate.line === message.line && message.column < candidate.endColumn + 1 && candidate.column < (message.endColumn ?? message.column + 1) + 1);
    if (slip && missed.has(slip)) {
      found++;
      missed.delete(slip);
    } else {
      alarms.push(`${name}:${message.line}:${message.column} ${message.reason}`);
    }
  }
}
const precision = found / (found + alarms.length || 1);
const recall = found / (slips.length || 1);
const f1 = (2 * precision * recall) / (precision + recall || 1);
console.log(`clusters ${names.length / 4}, copies ${names.length}, slips ${slips.length}`);
console.log(`found ${found}  false alarms ${alarms.length}  missed ${missed.size}  precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}`);
if (args.verbose) {
  for (const slip of missed) console.log(`missed ${slip.file}:${slip.line}:${slip.column} ${slip.kind} \`${slip.wrong}\` for \`${slip.correct}\``);
  for (const alarm of alarms) console.log(`false alarm ${alarm}`);
}
