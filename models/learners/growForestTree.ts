import type { Rng } from '../random/rng';
import type { BinnedFeatures } from './featureBinning';
import { TreeBuilder, type RegressionTree } from './regressionTree';

/** Controls of one CART regression tree inside a random forest. */
export interface ForestTreeSettings {
  /** Non-constant features evaluated per node (sklearn's max_features, as a count). */
  readonly featuresPerSplit: number;
  /** Minimum number of distinct sampled rows in each child (sklearn's min_samples_leaf). */
  readonly minSamplesLeaf: number;
  readonly maxDepth: number;
}

/**
 * Grows one CART regression tree (Breiman et al. 1984) depth-first on binned features.
 *
 * A node holding rows R with weights w (bootstrap counts) predicts the weighted mean
 * ȳ_R = Σ w y / Σ w. It is split at the (feature j, bin t) maximising the decrease in weighted
 * squared error, equivalently the proxy
 *
 *   S_L²/W_L + S_R²/W_R,   S = Σ w y, W = Σ w over the rows with bin ≤ t (L) and bin > t (R),
 *
 * over `featuresPerSplit` features drawn without replacement (drawing on past constant features,
 * as sklearn), with at least `minSamplesLeaf` rows per child. A node stays a leaf when it is at
 * `maxDepth`, has fewer than 2·minSamplesLeaf rows, or its responses are constant.
 * Split search builds a weighted histogram per feature over the node's rows; only the bins the
 * node touches are visited and reset, so deep, small nodes cost O(rows·log rows), not O(bins).
 *
 * `rowBins` are the bins row-major (`rowMajorBins`); `rows` (the distinct sampled rows) is
 * permuted in place; `weights[i]` is row i's count.
 */
export function growForestTree(
  binned: BinnedFeatures,
  y: Float64Array,
  weights: Float64Array,
  rowBins: Uint8Array,
  rows: Int32Array,
  settings: ForestTreeSettings,
  rng: Rng,
): RegressionTree {
  const n = binned.rows;
  const p = binned.cols;
  const { binCounts, edges } = binned;
  const { featuresPerSplit, minSamplesLeaf, maxDepth } = settings;
  const weightedY = new Float64Array(n);
  for (let k = 0; k < rows.length; k++) weightedY[rows[k]] = weights[rows[k]] * y[rows[k]];
  // One histogram block of 256 bins per feature evaluated in the current pass.
  const histogramCount = new Int32Array(p * 256);
  const histogramWeight = new Float64Array(p * 256);
  const histogramSum = new Float64Array(p * 256);
  const touched = new Int32Array(p * 256);
  const used = new Int32Array(p);
  const batch = new Int32Array(p);
  const featureOrder = new Int32Array(p);
  for (let j = 0; j < p; j++) featureOrder[j] = j;
  const scratch = new Int32Array(rows.length);

  const builder = new TreeBuilder(2 * rows.length + 1);
  // Explicit stack of (node, start, end, depth) in parallel typed arrays.
  let stackNode = new Int32Array(64);
  let stackStart = new Int32Array(64);
  let stackEnd = new Int32Array(64);
  let stackDepth = new Int32Array(64);
  let stackSize = 0;
  const push = (node: number, start: number, end: number, depth: number): void => {
    if (stackSize === stackNode.length) {
      const grow = (array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const larger = new Int32Array(array.length * 2);
        larger.set(array);
        return larger;
      };
      stackNode = grow(stackNode);
      stackStart = grow(stackStart);
      stackEnd = grow(stackEnd);
      stackDepth = grow(stackDepth);
    }
    stackNode[stackSize] = node;
    stackStart[stackSize] = start;
    stackEnd[stackSize] = end;
    stackDepth[stackSize] = depth;
    stackSize += 1;
  };
  push(builder.addLeaf(0), 0, rows.length, 0);

  while (stackSize > 0) {
    stackSize -= 1;
    const node = stackNode[stackSize];
    const start = stackStart[stackSize];
    const end = stackEnd[stackSize];
    const depth = stackDepth[stackSize];
    let totalWeight = 0;
    let totalSum = 0;
    let totalSquares = 0;
    for (let k = start; k < end; k++) {
      const row = rows[k];
      totalWeight += weights[row];
      totalSum += weightedY[row];
      totalSquares += weightedY[row] * y[row];
    }
    const mean = totalSum / totalWeight;
    builder.threshold[node] = mean;
    const count = end - start;
    const meanSquare = totalSquares / totalWeight;
    if (depth >= maxDepth || count < 2 * minSamplesLeaf || count < 2) continue;
    if (meanSquare - mean * mean <= 1e-14 * meanSquare) continue;

    let bestProxy = -Infinity;
    let bestFeature = -1;
    let bestBin = -1;
    let evaluated = 0;
    let drawn = 0;
    // Features are drawn in batches: each batch's histograms are filled in one pass over the
    // node's rows (row-major bins), and more are drawn only if some turned out constant here.
    while (drawn < p && evaluated < featuresPerSplit) {
      let batchSize = 0;
      while (drawn < p && batchSize < featuresPerSplit - evaluated) {
        const pick = drawn + rng.int(p - drawn);
        const feature = featureOrder[pick];
        featureOrder[pick] = featureOrder[drawn];
        featureOrder[drawn] = feature;
        drawn += 1;
        if (binCounts[feature] >= 2) batch[batchSize++] = feature;
      }
      if (batchSize === 0) break;
      used.fill(0, 0, batchSize);
      for (let k = start; k < end; k++) {
        const row = rows[k];
        const weight = weights[row];
        const sum = weightedY[row];
        const base = row * p;
        for (let b = 0; b < batchSize; b++) {
          const bin = rowBins[base + batch[b]];
          const slot = (b << 8) + bin;
          if (histogramCount[slot] === 0) touched[(b << 8) + used[b]++] = bin;
          histogramCount[slot] += 1;
          histogramWeight[slot] += weight;
          histogramSum[slot] += sum;
        }
      }
      for (let b = 0; b < batchSize; b++) {
        const offset = b << 8;
        let usedBins = used[b];
        if (usedBins > 1) {
          evaluated += 1;
          // Visit touched bins in increasing order: insertion-sort when few, else scan all bins.
          if (usedBins <= 32) {
            for (let index = offset + 1; index < offset + usedBins; index++) {
              const bin = touched[index];
              let position = index - 1;
              while (position >= offset && touched[position] > bin) {
                touched[position + 1] = touched[position];
                position -= 1;
              }
              touched[position + 1] = bin;
            }
          } else {
            usedBins = 0;
            const bins = binCounts[batch[b]];
            for (let bin = 0; bin < bins; bin++)
              if (histogramCount[offset + bin] > 0) touched[offset + usedBins++] = bin;
          }
          let leftCount = 0;
          let leftWeight = 0;
          let leftSum = 0;
          for (let index = offset; index < offset + usedBins - 1; index++) {
            const slot = offset + touched[index];
            leftCount += histogramCount[slot];
            leftWeight += histogramWeight[slot];
            leftSum += histogramSum[slot];
            if (leftCount < minSamplesLeaf) continue;
            if (count - leftCount < minSamplesLeaf) break;
            const rightSum = totalSum - leftSum;
            const proxy =
              (leftSum * leftSum) / leftWeight + (rightSum * rightSum) / (totalWeight - leftWeight);
            if (proxy > bestProxy) {
              bestProxy = proxy;
              bestFeature = batch[b];
              bestBin = touched[index];
            }
          }
        }
        for (let index = offset; index < offset + usedBins; index++) {
          const slot = offset + touched[index];
          histogramCount[slot] = 0;
          histogramWeight[slot] = 0;
          histogramSum[slot] = 0;
        }
      }
    }
    if (bestFeature < 0) continue;

    // Stable partition keeps rows increasing inside each node: forward memory access.
    let low = start;
    let rightCount = 0;
    for (let k = start; k < end; k++) {
      const row = rows[k];
      if (rowBins[row * p + bestFeature] <= bestBin) rows[low++] = row;
      else scratch[rightCount++] = row;
    }
    rows.set(scratch.subarray(0, rightCount), low);
    const left = builder.addLeaf(0);
    const right = builder.addLeaf(0);
    builder.setSplit(node, bestFeature, edges[bestFeature][bestBin], left, right);
    push(right, low, end, depth + 1);
    push(left, start, low, depth + 1);
  }
  return builder.finish();
}
