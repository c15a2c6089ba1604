#!/usr/bin/env node
// Trains no-site-chrome's line model from the labelled pages beside the
// project and writes rules/data/chrome-model.json; prints site-disjoint
// cross-validated figures for each labelled set.
//
//   npm run train:chrome                        # build, cross-validate, train, write the model
//   node scripts/train-chrome.mjs --cv-only     # figures only, the shipped model untouched
//   node scripts/train-chrome.mjs --data DIR    # another root laid out like ../shared/corpora
//   --line-rounds N --sequence-rounds N --line-depth N --sequence-depth N --learning-rate X
//   --min-child-weight N --lambda X --row-sample X --column-sample X --article-weight X --page-weight N
//                                               # training settings, to compare under cross-validation
//
// Pages: every `<set>/chrome/*.txt` with its labels.json under the data root
// (web-dev, web-dev-readability), and each page's gold text (the article
// alone) as an article-only page of the same site. Lines labelled `may` are
// left out of training and of the figures, as the scorer leaves them out.
//
// Cross-validation: pages are grouped by site (the URL's host, else the page
// name without its number), sites are dealt into folds, and each fold is
// scored by a model trained on the others alone, stage two included (its
// training scores come from an inner site-disjoint split of the training
// folds). Training is deterministic: the same pages give the same file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainBooster } from './chrome-model/gradient-boosting.mjs';
import { seededRandom } from './seeded-random.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { splitLines } = await import(path.join(ROOT, 'dist/src/core/text/lines.js'));
const { documentFeatures, featureOf, FEATURE_NAMES } = await import(path.join(ROOT, 'dist/rules/no-site-chrome/line-features.js'));
const { predictMargins, sequenceFeatures, sigmoid, SEQUENCE_FEATURE_NAMES } = await import(path.join(ROOT, 'dist/rules/no-site-chrome/line-model.js'));
const { decideLines, positionFromFeatures } = await import(path.join(ROOT, 'dist/rules/no-site-chrome/decisions.js'));
const { excessiveRemoval } = await import(path.join(ROOT, 'dist/src/core/fix.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const DATA = path.resolve(option('--data', path.join(ROOT, '..', 'shared', 'corpora')));
const CV_ONLY = args.includes('--cv-only');
const FOLDS = Number(option('--folds', 5));
const SEED = 20261201;
const INNER_FOLDS = 3;
const THRESHOLDS = { reportAt: 0.5, safeAt: 0.6 };
const LEARNING_RATE = Number(option('--learning-rate', 0.1));
/** Shared by both stages (gradient-boosting.mjs's defaults unless given): leaf size, L2 on leaf values, row and feature subsampling. */
const TREE_SETTINGS = {
  learningRate: LEARNING_RATE,
  minChildWeight: Number(option('--min-child-weight', 3)),
  lambda: Number(option('--lambda', 1)),
  rowSample: Number(option('--row-sample', 0.8)),
  columnSample: Number(option('--column-sample', 0.8)),
};
const LINE_STAGE = { ...TREE_SETTINGS, rounds: Number(option('--line-rounds', 150)), maxDepth: Number(option('--line-depth', 6)), seed: 1 };
const SEQUENCE_STAGE = { ...TREE_SETTINGS, rounds: Number(option('--sequence-rounds', 60)), maxDepth: Number(option('--sequence-depth', 4)), seed: 2 };
/** A page's lines weigh at most this much in all, so a 1,600-line page does not outweigh twenty articles. */
const PAGE_WEIGHT = Number(option('--page-weight', 300));
/**
 * Article lines weigh this much more than chrome lines: deleting a line of the
 * article costs a corpus more than keeping a line of chrome, and chrome lines
 * outnumber article lines 2.5 to 1 in the labelled pages.
 */
const ARTICLE_WEIGHT = Number(option('--article-weight', 3));

// ------------------------------------------------------------------ pages
function siteOf(name, url) {
  if (url) {
    try {
      return new URL(url).host.replace(/^www\./, '');
    } catch { /* fall through */ }
  }
  return name.replace(/\.txt$/, '').replace(/-\d+$/, '');
}

function loadPages() {
  const pages = [];
  for (const set of fs.readdirSync(DATA).sort()) {
    const dir = path.join(DATA, set, 'chrome');
    if (!fs.existsSync(path.join(dir, 'labels.json'))) continue;
    const labels = JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8'));
    for (const [file, label] of Object.entries(labels)) {
      const site = siteOf(file, label.source?.url);
      const chrome = new Set(label.chrome_lines);
      const article = new Set(label.article_lines);
      pages.push(makePage(set, file, site, fs.readFileSync(path.join(dir, file), 'utf8'), (n) => (chrome.has(n) ? 1 : article.has(n) ? 0 : -1)));
      const gold = path.join(dir, 'gold', file);
      if (fs.existsSync(gold)) pages.push(makePage(`${set} (gold)`, file, site, fs.readFileSync(gold, 'utf8'), () => 0));
    }
  }
  return pages;
}

function makePage(set, file, site, text, labelOf) {
  const { lines, values } = documentFeatures(splitLines(text));
  const labels = Int8Array.from(lines, (item) => labelOf(item.line.number));
  return { set, file, site, lines, values, labels };
}

// ------------------------------------------------------------------ training
function stack(pages, valuesOf) {
  const rows = pages.reduce((sum, page) => sum + page.lines.length, 0);
  const columns = valuesOf(pages[0]).length / Math.max(pages[0].lines.length, 1);
  const values = new Float32Array(rows * columns);
  const labels = [];
  const weights = [];
  let offset = 0;
  for (const page of pages) {
    const pageValues = valuesOf(page);
    values.set(pageValues, offset * columns);
    const labelled = page.labels.filter((label) => label >= 0).length;
    const weight = Math.min(1, PAGE_WEIGHT / Math.max(labelled, 1));
    for (const label of page.labels) {
      labels.push(label > 0 ? 1 : 0);
      weights.push(label > 0 ? weight : label === 0 ? weight * ARTICLE_WEIGHT : 0);
    }
    offset += page.lines.length;
  }
  return { values, labels: Float64Array.from(labels), weights: Float64Array.from(weights), columns };
}

function lineScores(booster, page) {
  return predictMargins(booster, page.values, FEATURE_NAMES.length).map(sigmoid);
}

function sequenceValues(page, scores) {
  return sequenceFeatures(scores, (row, name) => featureOf(page.values, row, name));
}

function foldsOf(pages, folds, seed) {
  const sites = [...new Set(pages.map((page) => page.site))].sort();
  const random = seededRandom(seed);
  for (let at = sites.length - 1; at > 0; at--) {
    const other = Math.floor(random() * (at + 1));
    [sites[at], sites[other]] = [sites[other], sites[at]];
  }
  const foldOfSite = new Map(sites.map((site, at) => [site, at % folds]));
  return pages.map((page) => foldOfSite.get(page.site));
}

/** Both stages on `pages`; stage two learns from out-of-fold stage-one scores. */
function trainModel(pages) {
  const data = stack(pages, (page) => page.values);
  const lineStage = trainBooster(data.values, data.labels, data.weights, data.columns, LINE_STAGE);
  const inner = foldsOf(pages, INNER_FOLDS, SEED + 1);
  const outOfFold = new Map();
  for (let fold = 0; fold < INNER_FOLDS; fold++) {
    const train = pages.filter((_, at) => inner[at] !== fold);
    const trainData = stack(train, (page) => page.values);
    const booster = trainBooster(trainData.values, trainData.labels, trainData.weights, trainData.columns, LINE_STAGE);
    pages.forEach((page, at) => {
      if (inner[at] === fold) outOfFold.set(page, lineScores(booster, page));
    });
  }
  const sequenceData = stack(pages, (page) => sequenceValues(page, outOfFold.get(page)));
  const sequenceStage = trainBooster(sequenceData.values, sequenceData.labels, sequenceData.weights, sequenceData.columns, SEQUENCE_STAGE);
  return { lineStage, sequenceStage };
}

function probabilities(model, page) {
  return predictMargins(model.sequenceStage, sequenceValues(page, lineScores(model.lineStage, page)), SEQUENCE_FEATURE_NAMES.length).map(sigmoid);
}

// ------------------------------------------------------------------ figures
/** The rule's decisions, then the engine's guard over the page's safe fixes, as `--fix` applies them. */
function decide(page, probs) {
  const decisions = decideLines(page.lines, probs, THRESHOLDS, positionFromFeatures(page.values));
  const text = page.lines.map((item) => item.line.text).join('\n');
  const after = page.lines.filter((_, row) => !decisions[row].safe).map((item) => item.line.text).join('\n');
  if (excessiveRemoval(text, after)) for (const decision of decisions) decision.safe = false;
  return decisions;
}

/** The scorer's figures, from line decisions: chrome precision / recall, article lines flagged, kept-text F1 after --fix. */
function figures(results) {
  let tp = 0, fp = 0, fn = 0, article = 0, flaggedArticle = 0, keptArticle = 0, keptChrome = 0, keptFlaggedChrome = 0, removedArticle = 0, halfLost = 0, guarded = 0;
  for (const { page, decisions } of results) {
    let pageArticle = 0;
    let pageRemoved = 0;
    page.labels.forEach((label, row) => {
      const { chrome, safe } = decisions[row];
      if (label === 1) {
        if (chrome) tp++; else fn++;
        if (!safe) keptChrome++;
        if (!safe && chrome) keptFlaggedChrome++;
      } else if (label === 0) {
        article++;
        pageArticle++;
        if (chrome) { fp++; flaggedArticle++; }
        if (safe) { removedArticle++; pageRemoved++; } else keptArticle++;
      }
    });
    if (pageArticle && pageRemoved * 2 > pageArticle) halfLost++;
    if (decisions.some((d) => d.chrome) && !decisions.some((d) => d.safe)) guarded++;
  }
  const precision = tp / Math.max(tp + fp, 1);
  const recall = tp / Math.max(tp + fn, 1);
  const kept = (2 * keptArticle) / Math.max(2 * keptArticle + keptChrome + removedArticle, 1);
  return {
    pages: results.length,
    precision, recall, f1: (2 * precision * recall) / Math.max(precision + recall, 1e-9),
    articleFlagged: flaggedArticle / Math.max(article, 1), keptF1: kept, halfLost, guarded,
    // What kept F1 loses, in lines: chrome the model missed, chrome reported with an unsafe fix only, article deleted.
    lost: { missedChrome: keptChrome - keptFlaggedChrome, unsafeChrome: keptFlaggedChrome, removedArticle, article },
  };
}

function printFigures(title, bySet) {
  console.log(`\n${title}`);
  console.log('set                              pages  precision  recall     F1  article flagged  kept F1 (--fix)  pages losing > half  guarded  kept chrome: missed / unsafe  article deleted');
  for (const [set, f] of bySet) {
    console.log(`${set.padEnd(32)} ${String(f.pages).padStart(5)}  ${f.precision.toFixed(3).padStart(9)}  ${f.recall.toFixed(3).padStart(6)}  ${f.f1.toFixed(3).padStart(5)}  ${(100 * f.articleFlagged).toFixed(1).padStart(14)}%  ${f.keptF1.toFixed(3).padStart(15)}  ${String(f.halfLost).padStart(19)}  ${String(f.guarded).padStart(7)}  ${`${f.lost.missedChrome} / ${f.lost.unsafeChrome}`.padStart(28)}  ${`${f.lost.removedArticle} of ${f.lost.article}`.padStart(15)}`);
  }
}

function bySet(results) {
  const sets = [...new Set(results.map((result) => result.page.set))];
  return sets.map((set) => [set, figures(results.filter((result) => result.page.set === set))]);
}

// ------------------------------------------------------------------ main
const started = Date.now();
const pages = loadPages();
if (pages.length === 0) {
  console.error(`train-chrome: no labelled chrome pages under ${DATA}; pass --data DIR`);
  process.exit(2);
}
console.log(`${pages.length} pages (${new Set(pages.map((page) => page.site)).size} sites), ${pages.reduce((sum, page) => sum + page.lines.length, 0)} non-blank lines, ${FEATURE_NAMES.length} features`);

const folds = foldsOf(pages, FOLDS, SEED);
// --save-cv FILE / --load-cv FILE keep the held-out scores, to study the decision step without retraining.
const heldOut = [];
if (option('--load-cv')) {
  const saved = JSON.parse(fs.readFileSync(option('--load-cv'), 'utf8'));
  pages.forEach((page, at) => heldOut.push({ page, probs: Float64Array.from(saved[at]) }));
} else {
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = trainModel(pages.filter((_, at) => folds[at] !== fold));
    pages.forEach((page, at) => {
      if (folds[at] === fold) heldOut[at] = { page, probs: probabilities(model, page) };
    });
    process.stderr.write(`fold ${fold + 1}/${FOLDS} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  if (option('--save-cv')) fs.writeFileSync(option('--save-cv'), JSON.stringify(heldOut.map(({ probs }) => Array.from(probs, (p) => Number(p.toFixed(4))))));
}
printFigures(`site-disjoint ${FOLDS}-fold cross-validation (reportAt ${THRESHOLDS.reportAt}, safeAt ${THRESHOLDS.safeAt})`,
  bySet(heldOut.map(({ page, probs }) => ({ page, decisions: decide(page, probs) }))));
if (args.includes('--sweep')) {
  for (const reportAt of [0.5, 0.55, 0.6]) {
    for (const safeAt of [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.85]) {
      if (safeAt < reportAt) continue;
      Object.assign(THRESHOLDS, { reportAt, safeAt });
      printFigures(`reportAt ${reportAt}, safeAt ${safeAt}`, bySet(heldOut.map(({ page, probs }) => ({ page, decisions: decide(page, probs) }))));
    }
  }
}
if (args.includes('--worst')) {
  const losses = heldOut.map(({ page, probs }) => {
    const decisions = decide(page, probs);
    const article = page.labels.filter((label) => label === 0).length;
    const flagged = page.labels.filter((label, row) => label === 0 && decisions[row].chrome).length;
    const missed = page.labels.filter((label, row) => label === 1 && !decisions[row].chrome).length;
    return { name: `${page.set}/${page.file}`, flagged, article, missed };
  });
  const halfLost = heldOut.flatMap(({ page, probs }) => {
    const decisions = decide(page, probs);
    const article = page.labels.filter((label) => label === 0).length;
    const removed = page.labels.filter((label, row) => label === 0 && decisions[row].safe).length;
    return removed * 2 > article ? [`${page.set}/${page.file} ${removed}/${article}`] : [];
  });
  console.log('\npages losing more than half of their article lines to safe fixes:', halfLost.join(', ') || 'none');
  losses.sort((a, b) => b.flagged - a.flagged);
  console.log('\nmost article lines flagged:', losses.slice(0, 15).map((l) => `${l.name} ${l.flagged}/${l.article}`).join(', '));
  losses.sort((a, b) => b.missed - a.missed);
  console.log('most chrome lines missed:', losses.slice(0, 15).map((l) => `${l.name} ${l.missed}`).join(', '));
}

// --show SET: every line of that set the held-out model gets wrong, to read what it misses.
if (option('--show')) {
  for (const { page, probs } of heldOut.filter(({ page }) => page.set === option('--show'))) {
    const decisions = decide(page, probs);
    page.labels.forEach((label, row) => {
      const { chrome, safe } = decisions[row];
      const mark = label === 1 && !chrome ? 'MISSED' : label === 1 && !safe ? 'UNSAFE' : label === 0 && safe ? 'DELETED' : label === 0 && chrome ? 'FLAGGED' : '';
      if (mark) console.log(`${page.file}:${page.lines[row].line.number} ${mark} ${probs[row].toFixed(2)} ${page.lines[row].line.text.slice(0, 110)}`);
    });
  }
}

if (!CV_ONLY) {
  const final = trainModel(pages);
  const body = {
    features: FEATURE_NAMES,
    sequenceFeatures: SEQUENCE_FEATURE_NAMES,
    lineStage: final.lineStage,
    sequenceStage: final.sequenceStage,
    ...THRESHOLDS,
  };
  const json = JSON.stringify(body);
  // The version follows the content (FNV-1a of the file), so any new model is a new cache key.
  let hash = 0x811c9dc5;
  for (let at = 0; at < json.length; at++) hash = Math.imul(hash ^ json.charCodeAt(at), 0x01000193) >>> 0;
  const file = path.join(ROOT, 'rules', 'data', 'chrome-model.json');
  fs.writeFileSync(file, `${JSON.stringify({ version: hash % 1_000_000, ...body })}\n`);
  console.log(`\nwrote ${path.relative(ROOT, file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KB) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
