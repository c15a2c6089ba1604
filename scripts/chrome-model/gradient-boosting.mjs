// Gradient-boosted regression trees for a binary label with logistic loss,
// on histograms of binned features (as LightGBM and XGBoost's `hist` method
// do). Training only: the rule evaluates the exported trees itself
// (rules/no-site-chrome/line-model.ts).
//
// Why not a library: mljs's ml-cart (under ml-random-forest) scores every
// candidate split with a full pass over the node's rows, which is quadratic
// in the rows; at the ~40,000 labelled lines here a single tree takes
// minutes. Histogram boosting trains a model in seconds, and the file format
// is a few flat arrays a tree.
import { seededRandom } from '../seeded-random.mjs';

/** Cut points of each feature: at most `maxBins - 1` quantiles of its values. */
function cutPoints(values, rows, columns, maxBins) {
  const cuts = [];
  const column = new Float64Array(rows);
  for (let feature = 0; feature < columns; feature++) {
    for (let row = 0; row < rows; row++) column[row] = values[row * columns + feature];
    column.sort();
    const distinct = [];
    for (let row = 0; row < rows; row++) if (row === 0 || column[row] !== column[row - 1]) distinct.push(column[row]);
    const points = [];
    if (distinct.length <= maxBins) {
      for (let at = 0; at + 1 < distinct.length; at++) points.push((distinct[at] + distinct[at + 1]) / 2);
    } else {
      for (let bin = 1; bin < maxBins; bin++) {
        const value = column[Math.floor((bin * rows) / maxBins)];
        if (points.length === 0 || value > points[points.length - 1]) points.push(value);
      }
    }
    cuts.push(Float64Array.from(points));
  }
  return cuts;
}

function binOf(cuts, value) {
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (value <= cuts[middle]) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Trains a booster. `values`: Float32Array of rows × columns; `labels`: 0/1;
 * `weights`: per row. Returns { base, trees } in the rule's format.
 */
export function trainBooster(values, labels, weights, columns, options = {}) {
  const {
    rounds = 120, learningRate = 0.1, maxDepth = 4, minChildWeight = 3, lambda = 1,
    rowSample = 0.8, columnSample = 0.8, maxBins = 48, seed = 1,
  } = options;
  const rows = labels.length;
  const random = seededRandom(seed);
  const cuts = cutPoints(values, rows, columns, maxBins);
  const bins = new Uint8Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    for (let feature = 0; feature < columns; feature++) bins[row * columns + feature] = binOf(cuts[feature], values[row * columns + feature]);
  }
  let positive = 0;
  let total = 0;
  for (let row = 0; row < rows; row++) {
    positive += labels[row] * weights[row];
    total += weights[row];
  }
  const prior = Math.min(Math.max(positive / total, 1e-6), 1 - 1e-6);
  const base = Math.log(prior / (1 - prior));
  const margins = new Float64Array(rows).fill(base);
  const gradients = new Float64Array(rows);
  const hessians = new Float64Array(rows);
  const trees = [];
  const histogramSize = columns * (maxBins + 1);

  for (let round = 0; round < rounds; round++) {
    for (let row = 0; row < rows; row++) {
      const p = 1 / (1 + Math.exp(-margins[row]));
      gradients[row] = (p - labels[row]) * weights[row];
      hessians[row] = Math.max(p * (1 - p), 1e-6) * weights[row];
    }
    const sampled = [];
    for (let row = 0; row < rows; row++) if (random() < rowSample) sampled.push(row);
    const features = [];
    for (let feature = 0; feature < columns; feature++) if (random() < columnSample) features.push(feature);
    if (features.length === 0) features.push(Math.floor(random() * columns));

    const tree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const addNode = () => {
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
      return tree.feature.length - 1;
    };
    const grow = (node, members, depth) => {
      let sumG = 0;
      let sumH = 0;
      for (const row of members) {
        sumG += gradients[row];
        sumH += hessians[row];
      }
      tree.value[node] = (-sumG / (sumH + lambda)) * learningRate;
      if (depth >= maxDepth || members.length < 2 * minChildWeight) return;
      const g = new Float64Array(histogramSize);
      const h = new Float64Array(histogramSize);
      for (const row of members) {
        const offset = row * columns;
        for (const feature of features) {
          const slot = feature * (maxBins + 1) + bins[offset + feature];
          g[slot] += gradients[row];
          h[slot] += hessians[row];
        }
      }
      const parentScore = (sumG * sumG) / (sumH + lambda);
      let bestGain = 1e-9;
      let bestFeature = -1;
      let bestBin = -1;
      for (const feature of features) {
        let leftG = 0;
        let leftH = 0;
        const binCount = cuts[feature].length;
        for (let bin = 0; bin < binCount; bin++) {
          const slot = feature * (maxBins + 1) + bin;
          leftG += g[slot];
          leftH += h[slot];
          const rightG = sumG - leftG;
          const rightH = sumH - leftH;
          if (leftH < minChildWeight * 0.05 || rightH < minChildWeight * 0.05) continue;
          const gain = (leftG * leftG) / (leftH + lambda) + (rightG * rightG) / (rightH + lambda) - parentScore;
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature = feature;
            bestBin = bin;
          }
        }
      }
      if (bestFeature < 0) return;
      const leftMembers = [];
      const rightMembers = [];
      for (const row of members) (bins[row * columns + bestFeature] <= bestBin ? leftMembers : rightMembers).push(row);
      if (leftMembers.length < minChildWeight || rightMembers.length < minChildWeight) return;
      tree.feature[node] = bestFeature;
      tree.threshold[node] = cuts[bestFeature][bestBin];
      const left = addNode();
      const right = addNode();
      tree.left[node] = left;
      tree.right[node] = right;
      grow(left, leftMembers, depth + 1);
      grow(right, rightMembers, depth + 1);
      tree.value[node] = 0;
    };
    grow(addNode(), sampled, 0);
    trees.push(tree);
    for (let row = 0; row < rows; row++) margins[row] += evaluateTree(tree, values, row * columns);
  }
  return { base, trees: trees.map(roundTree) };
}

function evaluateTree(tree, values, offset) {
  let node = 0;
  while (tree.feature[node] >= 0) node = values[offset + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  return tree.value[node];
}

/** Six significant digits are plenty for leaf values; thresholds stay exact, so a split separates the same values. */
function roundTree(tree) {
  return { ...tree, value: tree.value.map((value) => Number(value.toPrecision(6))) };
}
