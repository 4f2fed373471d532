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

/** Reusable buffers of `growForestTree`, sized for n rows (allocate once per forest). */
export interface ForestTreeWorkspace {
  /** 256 bins × (count, Σw, Σwy), interleaved: one cache line per update, 6 KiB in all. */
  readonly histogram: Float64Array;
  /** A 256-bit mask of the bins a small node touches (8 words). */
  readonly occupied: Int32Array;
  /** The non-empty bins of the current feature, increasing. */
  readonly touched: Int32Array;
  /** Weights and w·y of `rows[k]`, kept in the same order as `rows` (streamed, not gathered). */
  readonly nodeWeight: Float64Array;
  readonly nodeSum: Float64Array;
  readonly scratchRows: Int32Array;
  readonly scratchWeight: Float64Array;
  readonly scratchSum: Float64Array;
  /** The current feature's bins of the node's rows, in node order. */
  readonly gathered: Uint8Array;
  readonly featureOrder: Int32Array;
  readonly stackNode: Int32Array;
  readonly stackStart: Int32Array;
  readonly stackEnd: Int32Array;
  readonly stackDepth: Int32Array;
}

export function createForestTreeWorkspace(rows: number, features: number): ForestTreeWorkspace {
  return {
    histogram: new Float64Array(256 * 3),
    occupied: new Int32Array(8),
    touched: new Int32Array(256),
    nodeWeight: new Float64Array(rows),
    nodeSum: new Float64Array(rows),
    scratchRows: new Int32Array(rows),
    scratchWeight: new Float64Array(rows),
    scratchSum: new Float64Array(rows),
    gathered: new Uint8Array(rows),
    featureOrder: new Int32Array(features),
    stackNode: new Int32Array(rows + 2),
    stackStart: new Int32Array(rows + 2),
    stackEnd: new Int32Array(rows + 2),
    stackDepth: new Int32Array(rows + 2),
  };
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
 *
 * Split search takes the drawn features one at a time (column-major bins): one pass over the
 * node's rows fills a 256-bin weighted histogram (count, Σw, Σwy), then the bins are scanned in
 * increasing order. Large nodes scan all of the feature's bins; small ones mark the bins they touch
 * in a 256-bit mask and visit only those (lowest set bit first), so deep, small nodes never sweep
 * all 255 bins. Weights and w·y are kept in node order beside `rows`, so passes stream.
 *
 * `binned` holds the bins column-major; `rows` (the distinct sampled rows, increasing) is permuted
 * in place; `weights[i]` is row i's count. `workspace` must hold ≥ binned.rows rows.
 */
export function growForestTree(
  binned: BinnedFeatures,
  y: Float64Array,
  weights: Float64Array,
  rows: Int32Array,
  settings: ForestTreeSettings,
  rng: Rng,
  workspace: ForestTreeWorkspace = createForestTreeWorkspace(binned.rows, binned.cols),
): RegressionTree {
  const n = binned.rows;
  const p = binned.cols;
  const { bins, binCounts, edges } = binned;
  const { featuresPerSplit, minSamplesLeaf, maxDepth } = settings;
  const { histogram, occupied, touched, nodeWeight, nodeSum, featureOrder } = workspace;
  const { scratchRows, scratchWeight, scratchSum, gathered } = workspace;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    nodeWeight[k] = weights[row];
    nodeSum[k] = weights[row] * y[row];
  }
  for (let j = 0; j < p; j++) featureOrder[j] = j;

  // At most 2·rows − 1 nodes, and 2^(maxDepth+1) − 1 with a depth limit (the builder grows if
  // needed): sizing by the limit avoids allocating and zeroing O(n) arrays for every tree.
  const builder = new TreeBuilder(
    Math.min(2 * rows.length + 1, 2 ** (Math.min(maxDepth, 30) + 1) - 1),
  );
  // Explicit stack of (node, start, end, depth) in the workspace; its entries are disjoint
  // non-empty row ranges, so it never holds more than rows.length of them.
  const { stackNode, stackStart, stackEnd, stackDepth } = workspace;
  let stackSize = 1;
  stackNode[0] = builder.addLeaf(0);
  stackStart[0] = 0;
  stackEnd[0] = rows.length;
  stackDepth[0] = 0;

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
      totalWeight += nodeWeight[k];
      totalSum += nodeSum[k];
      totalSquares += nodeSum[k] * y[rows[k]];
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
    while (drawn < p && evaluated < featuresPerSplit) {
      const pick = drawn + rng.int(p - drawn);
      const feature = featureOrder[pick];
      featureOrder[pick] = featureOrder[drawn];
      featureOrder[drawn] = feature;
      drawn += 1;
      const featureBins = binCounts[feature];
      if (featureBins < 2) continue;
      const column = feature * n;
      // Gather first, then accumulate: the two simple loops pipeline better than one. Small nodes
      // also mark the bins they touch, so the scan below visits only those.
      for (let k = start; k < end; k++) gathered[k] = bins[column + rows[k]];
      const dense = count >= featureBins;
      if (dense) {
        for (let k = start; k < end; k++) {
          const slot = gathered[k] * 3;
          histogram[slot] += 1;
          histogram[slot + 1] += nodeWeight[k];
          histogram[slot + 2] += nodeSum[k];
        }
      } else {
        for (let k = start; k < end; k++) {
          const bin = gathered[k];
          const slot = bin * 3;
          histogram[slot] += 1;
          histogram[slot + 1] += nodeWeight[k];
          histogram[slot + 2] += nodeSum[k];
          occupied[bin >>> 5] |= 1 << (bin & 31);
        }
      }
      // The non-empty bins in increasing order: large nodes scan all bins, small ones their mask.
      let usedBins = 0;
      if (dense) {
        for (let bin = 0; bin < featureBins; bin++)
          if (histogram[bin * 3] !== 0) touched[usedBins++] = bin;
      } else {
        for (let word = 0; word < 8; word++) {
          let mask = occupied[word];
          occupied[word] = 0;
          while (mask !== 0) {
            const lowest = mask & -mask;
            mask ^= lowest;
            touched[usedBins++] = (word << 5) | (31 - Math.clz32(lowest));
          }
        }
      }
      // A feature constant within the node does not count towards featuresPerSplit.
      if (usedBins > 1) evaluated += 1;
      // Scan left to right: each bin is read once, offered as split "bin ≤ t" and cleared.
      let leftCount = 0;
      let leftWeight = 0;
      let leftSum = 0;
      let searching = true;
      for (let index = 0; index < usedBins; index++) {
        const bin = touched[index];
        const slot = bin * 3;
        leftCount += histogram[slot];
        leftWeight += histogram[slot + 1];
        leftSum += histogram[slot + 2];
        histogram[slot] = 0;
        histogram[slot + 1] = 0;
        histogram[slot + 2] = 0;
        if (!searching || leftCount < minSamplesLeaf) continue;
        if (count - leftCount < minSamplesLeaf) {
          searching = false;
          continue;
        }
        // proxy = S_L²/W_L + S_R²/W_R, compared without dividing (W_L·W_R > 0).
        const rightSum = totalSum - leftSum;
        const rightWeight = totalWeight - leftWeight;
        const product = leftWeight * rightWeight;
        const numerator = leftSum * leftSum * rightWeight + rightSum * rightSum * leftWeight;
        if (numerator > bestProxy * product) {
          bestProxy = numerator / product;
          bestFeature = feature;
          bestBin = bin;
        }
      }
    }
    if (bestFeature < 0) continue;

    // Stable partition keeps rows increasing inside each node: forward memory access.
    const column = bestFeature * n;
    let low = start;
    let rightCount = 0;
    for (let k = start; k < end; k++) {
      const row = rows[k];
      if (bins[column + row] <= bestBin) {
        rows[low] = row;
        nodeWeight[low] = nodeWeight[k];
        nodeSum[low] = nodeSum[k];
        low += 1;
      } else {
        scratchRows[rightCount] = row;
        scratchWeight[rightCount] = nodeWeight[k];
        scratchSum[rightCount] = nodeSum[k];
        rightCount += 1;
      }
    }
    rows.set(scratchRows.subarray(0, rightCount), low);
    nodeWeight.set(scratchWeight.subarray(0, rightCount), low);
    nodeSum.set(scratchSum.subarray(0, rightCount), low);
    const left = builder.addLeaf(0);
    const right = builder.addLeaf(0);
    builder.setSplit(node, bestFeature, edges[bestFeature][bestBin], left, right);
    stackNode[stackSize] = right;
    stackStart[stackSize] = low;
    stackEnd[stackSize] = end;
    stackDepth[stackSize] = depth + 1;
    stackSize += 1;
    stackNode[stackSize] = left;
    stackStart[stackSize] = start;
    stackEnd[stackSize] = low;
    stackDepth[stackSize] = depth + 1;
    stackSize += 1;
  }
  return builder.finish();
}
