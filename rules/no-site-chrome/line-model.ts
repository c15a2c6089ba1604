/**
 * The chrome model: two stages of gradient-boosted trees, trained by
 * scripts/train-chrome.mjs and shipped as rules/data/chrome-model.json.
 * Stage one scores each line from its own and its neighbours' features;
 * stage two rescores it from the stage-one scores of the lines around it
 * (stacking, trained on out-of-fold scores), so that decisions come in
 * consistent blocks and one marker line cannot take over a block of prose.
 */
import { featureOf } from './line-features.js';

/** One regression tree as flat arrays: node `i` splits on `feature[i]` (-1: a leaf holding `value[i]`). */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface Booster {
  /** The log-odds every line starts from. */
  base: number;
  trees: Tree[];
}

export interface ChromeModel {
  /** Changes whenever the shipped model does; part of the rule's version. */
  version: number;
  features: string[];
  sequenceFeatures: string[];
  lineStage: Booster;
  sequenceStage: Booster;
  /** Chrome probability at which a line is reported, and at which its removal is a safe fix. */
  reportAt: number;
  safeAt: number;
}

/**
 * A booster's trees in typed arrays, built once per booster, each tree laid
 * out in preorder from `roots[t]`: a split node's left child is the node right
 * after it, so a step down a tree reads the node's `feature` (-1: a leaf), its
 * `numbers` entry (threshold, or a leaf's value) and, going right, `right`.
 */
interface FlatBooster {
  base: number;
  roots: Int32Array;
  feature: Int32Array;
  right: Int32Array;
  numbers: Float64Array;
}

const flattened = new WeakMap<Booster, FlatBooster>();

function flatten(booster: Booster): FlatBooster {
  let flat = flattened.get(booster);
  if (flat) return flat;
  const size = booster.trees.reduce((sum, tree) => sum + tree.feature.length, 0);
  const roots = new Int32Array(booster.trees.length);
  const feature = new Int32Array(size);
  const right = new Int32Array(size);
  const numbers = new Float64Array(size);
  let next = 0;
  // Trees are at most a few levels deep: recursion is fine.
  const place = (tree: Tree, node: number): void => {
    const at = next++;
    feature[at] = tree.feature[node]!;
    if (tree.feature[node]! < 0) {
      numbers[at] = tree.value[node]!;
      return;
    }
    numbers[at] = tree.threshold[node]!;
    place(tree, tree.left[node]!);
    right[at] = next;
    place(tree, tree.right[node]!);
  };
  booster.trees.forEach((tree, index) => {
    roots[index] = next;
    place(tree, 0);
  });
  flat = { base: booster.base, roots, feature, right, numbers };
  flattened.set(booster, flat);
  return flat;
}

/**
 * Log-odds of each row of `values` (`columns` values a row). One tree at a
 * time over all rows, not one row at a time over all trees: the tree's nodes
 * stay in the nearest cache while the rows go by. Each row still adds its
 * trees' values in tree order, so the sums are the same to the last bit.
 */
export function predictMargins(booster: Booster, values: Float32Array, columns: number): Float64Array {
  const { base, roots, feature, right, numbers } = flatten(booster);
  const rows = values.length / columns;
  const margins = new Float64Array(rows).fill(base);
  for (let tree = 0; tree < roots.length; tree++) {
    const root = roots[tree]!;
    for (let row = 0, offset = 0; row < rows; row++, offset += columns) {
      let node = root;
      let split: number;
      while ((split = feature[node]!) >= 0) node = values[offset + split]! <= numbers[node]! ? node + 1 : right[node]!;
      margins[row]! += numbers[node]!;
    }
  }
  return margins;
}

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}

const SEQUENCE_OFFSETS = [-3, -2, -1, 1, 2, 3] as const;
const SEQUENCE_RADII = [2, 5, 10, 20] as const;

export const SEQUENCE_FEATURE_NAMES: readonly string[] = [
  'score',
  ...SEQUENCE_OFFSETS.map((offset) => `score@${offset > 0 ? '+' : ''}${offset}`),
  ...SEQUENCE_RADII.map((radius) => `meanScore${radius}`),
  'meanScoreBefore',
  'meanScoreAfter',
  'proseBefore',
  'proseAfter',
  'logWords',
  'prose',
  'phrase',
];

/**
 * The second stage's inputs for each line: its own stage-one score, its
 * neighbours', window and prefix means of scores, and a few of the line's own
 * features (`pick` reads a stage-one feature of a line by name).
 */
export function sequenceFeatures(scores: Float64Array, pick: (row: number, name: string) => number): Float32Array {
  const n = scores.length;
  const columns = SEQUENCE_FEATURE_NAMES.length;
  const values = new Float32Array(n * columns);
  const prefix = new Float64Array(n + 1);
  for (let row = 0; row < n; row++) prefix[row + 1] = prefix[row]! + scores[row]!;
  const mean = (from: number, to: number) => (to > from ? (prefix[to]! - prefix[from]!) / (to - from) : -1);
  for (let row = 0; row < n; row++) {
    let column = row * columns;
    values[column++] = scores[row]!;
    for (const offset of SEQUENCE_OFFSETS) {
      const at = row + offset;
      values[column++] = at >= 0 && at < n ? scores[at]! : -1;
    }
    for (const radius of SEQUENCE_RADII) values[column++] = mean(Math.max(0, row - radius), Math.min(n, row + radius + 1));
    values[column++] = mean(0, row);
    values[column++] = mean(row + 1, n);
    values[column++] = pick(row, 'proseBefore');
    values[column++] = pick(row, 'proseAfter');
    values[column++] = pick(row, 'logWords');
    values[column++] = pick(row, 'prose');
    values[column++] = pick(row, 'phrase');
  }
  return values;
}

/** Chrome probability of each line: stage one, then stage two on its scores. */
export function chromeProbabilities(model: ChromeModel, features: Float32Array): Float64Array {
  const scores = predictMargins(model.lineStage, features, model.features.length).map(sigmoid);
  const sequence = sequenceFeatures(scores, (row, name) => featureOf(features, row, name));
  return predictMargins(model.sequenceStage, sequence, model.sequenceFeatures.length).map(sigmoid);
}
