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
  /** Two copies of 256 bins × (count·2²⁶ + Σw, Σwy), interleaved: 8 KiB in all. */
  readonly histogram: Float64Array;
  /** A 256-bit mask of the bins a small node touches, one per histogram copy (2 × 8 words). */
  readonly occupied: Int32Array;
  /** The non-empty bins of the current feature, increasing. */
  readonly touched: Int32Array;
  /** 2²⁶ + w and w·y of `rows[k]`, kept in the same order as `rows` (streamed, not gathered). */
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
  /** Each stacked node's Σ(2²⁶ + w), Σwy and Σwy², summed while its parent was partitioned. */
  readonly stackPacked: Float64Array;
  readonly stackSum: Float64Array;
  readonly stackSquares: Float64Array;
  /** The node's best proxy S_L²/W_L + S_R²/W_R so far (one entry). */
  readonly bestProxy: Float64Array;
}

export function createForestTreeWorkspace(rows: number, features: number): ForestTreeWorkspace {
  return {
    histogram: new Float64Array(2 * 256 * 2),
    occupied: new Int32Array(16),
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
    stackPacked: new Float64Array(rows + 2),
    stackSum: new Float64Array(rows + 2),
    stackSquares: new Float64Array(rows + 2),
    bestProxy: new Float64Array(1),
  };
}

/**
 * A row's count and its integer bootstrap weight w travel as one number, 2²⁶ + w: a sum over c
 * rows is c·2²⁶ + Σw, exact while Σw < 2²⁶ (the n draws of a bootstrap) and c < 2²⁷, so the
 * histogram keeps two accumulators per bin instead of three.
 */
const COUNT_UNIT = 67108864;
const INVERSE_COUNT_UNIT = 1 / COUNT_UNIT;
const MAX_ROWS = COUNT_UNIT - 1;

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
 * node's rows fills a 256-bin weighted histogram (count·2²⁶ + Σw, Σwy), then the bins are scanned
 * in increasing order (`featureHistogram`, `bestSplitBin`). Large nodes scan all of the feature's
 * bins; small ones mark the bins they touch in a 256-bit mask and visit only those (lowest set bit
 * first), so deep, small nodes never sweep all 255 bins. Packed weights and w·y are kept in node
 * order beside `rows`, so passes stream; a node's totals (Σw, Σwy, Σwy²) are summed while its
 * parent is partitioned, in the order a pass over its own rows would take.
 *
 * `binned` holds the bins column-major; `rows` (the distinct sampled rows, increasing) is permuted
 * in place; `weights[i]` is row i's count, an integer ≥ 1. `workspace` must hold ≥ binned.rows
 * rows.
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
  if (n > MAX_ROWS) throw new Error(`forest: at most ${MAX_ROWS} training rows, got ${n}`);
  const { bins, binCounts, edges } = binned;
  const { featuresPerSplit, minSamplesLeaf, maxDepth } = settings;
  const { nodeWeight, nodeSum, featureOrder } = workspace;
  const { scratchRows, scratchWeight, scratchSum } = workspace;
  let rootPacked = 0;
  let rootSum = 0;
  let rootSquares = 0;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    const weight = weights[row];
    if (!Number.isInteger(weight) || weight < 1)
      throw new Error(`forest: row weights must be integers ≥ 1, got ${weight} at row ${row}`);
    nodeWeight[k] = COUNT_UNIT + weight;
    nodeSum[k] = weight * y[row];
    rootPacked += nodeWeight[k];
    rootSum += nodeSum[k];
    rootSquares += nodeSum[k] * y[row];
  }
  for (let j = 0; j < p; j++) featureOrder[j] = j;

  // At most 2·rows − 1 nodes, and 2^(maxDepth+1) − 1 with a depth limit (the builder grows if
  // needed): sizing by the limit avoids allocating and zeroing O(n) arrays for every tree.
  const builder = new TreeBuilder(
    Math.min(2 * rows.length + 1, 2 ** (Math.min(maxDepth, 30) + 1) - 1),
  );
  // Explicit stack of (node, start, end, depth, totals) in the workspace; its entries are disjoint
  // non-empty row ranges, so it never holds more than rows.length of them.
  const { stackNode, stackStart, stackEnd, stackDepth } = workspace;
  const { stackPacked, stackSum, stackSquares } = workspace;
  let stackSize = 1;
  stackNode[0] = builder.addLeaf(0);
  stackStart[0] = 0;
  stackEnd[0] = rows.length;
  stackDepth[0] = 0;
  stackPacked[0] = rootPacked;
  stackSum[0] = rootSum;
  stackSquares[0] = rootSquares;

  while (stackSize > 0) {
    stackSize -= 1;
    const node = stackNode[stackSize];
    const start = stackStart[stackSize];
    const end = stackEnd[stackSize];
    const depth = stackDepth[stackSize];
    const count = end - start;
    const totalWeight = stackPacked[stackSize] - count * COUNT_UNIT;
    const totalSum = stackSum[stackSize];
    const mean = totalSum / totalWeight;
    builder.threshold[node] = mean;
    const meanSquare = stackSquares[stackSize] / totalWeight;
    if (depth >= maxDepth || count < 2 * minSamplesLeaf || count < 2) continue;
    if (meanSquare - mean * mean <= 1e-14 * meanSquare) continue;
    // A left part of c rows is admissible when minSamplesLeaf ≤ c ≤ count − minSamplesLeaf; on the
    // packed running sum c·2²⁶ + Σw (Σw < 2²⁶) these are two comparisons, without unpacking.
    const lowestLeft = minSamplesLeaf * COUNT_UNIT;
    const beyondLeft = (count - minSamplesLeaf + 1) * COUNT_UNIT;

    workspace.bestProxy[0] = -Infinity;
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
      const usedBins = featureHistogram(
        bins,
        feature * n,
        rows,
        start,
        end,
        featureBins,
        workspace,
      );
      // A feature constant within the node does not count towards featuresPerSplit.
      if (usedBins > 1) evaluated += 1;
      const bin = bestSplitBin(workspace, usedBins, totalWeight, totalSum, lowestLeft, beyondLeft);
      if (bin >= 0) {
        bestFeature = feature;
        bestBin = bin;
      }
    }
    if (bestFeature < 0) continue;

    // Stable partition keeps rows increasing inside each node (forward memory access) and sums
    // each child's totals in that order, as a pass over the child's own rows would.
    const column = bestFeature * n;
    let low = start;
    let rightCount = 0;
    let leftPacked = 0;
    let leftSum = 0;
    let leftSquares = 0;
    let rightPacked = 0;
    let rightSum = 0;
    let rightSquares = 0;
    for (let k = start; k < end; k++) {
      const row = rows[k];
      const packed = nodeWeight[k];
      const sum = nodeSum[k];
      if (bins[column + row] <= bestBin) {
        rows[low] = row;
        nodeWeight[low] = packed;
        nodeSum[low] = sum;
        leftPacked += packed;
        leftSum += sum;
        leftSquares += sum * y[row];
        low += 1;
      } else {
        scratchRows[rightCount] = row;
        scratchWeight[rightCount] = packed;
        scratchSum[rightCount] = sum;
        rightPacked += packed;
        rightSum += sum;
        rightSquares += sum * y[row];
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
    stackPacked[stackSize] = rightPacked;
    stackSum[stackSize] = rightSum;
    stackSquares[stackSize] = rightSquares;
    stackSize += 1;
    stackNode[stackSize] = left;
    stackStart[stackSize] = start;
    stackEnd[stackSize] = low;
    stackDepth[stackSize] = depth + 1;
    stackPacked[stackSize] = leftPacked;
    stackSum[stackSize] = leftSum;
    stackSquares[stackSize] = leftSquares;
    stackSize += 1;
  }
  return builder.finish();
}

/**
 * Fills the histogram of one feature (bins at `column`) over rows[start, end) and lists its
 * non-empty bins, increasing, in `touched`; returns how many there are. Rows alternate between two
 * histogram copies (offset 512): a bin hit by neighbouring rows then updates two different slots,
 * so the adds do not wait on each other's stores. Nodes with fewer rows than bins gather first,
 * then accumulate (the two simple loops pipeline better than one), and mark the bins they touch (a
 * mask per copy), so they never sweep all bins.
 */
function featureHistogram(
  bins: Uint8Array,
  column: number,
  rows: Int32Array,
  start: number,
  end: number,
  featureBins: number,
  workspace: ForestTreeWorkspace,
): number {
  const { histogram, occupied, touched, nodeWeight, nodeSum, gathered } = workspace;
  let usedBins = 0;
  if (end - start >= featureBins) {
    let k = start;
    for (; k + 1 < end; k += 2) {
      const even = bins[column + rows[k]] << 1;
      const odd = (bins[column + rows[k + 1]] << 1) | 512;
      histogram[even] += nodeWeight[k];
      histogram[even + 1] += nodeSum[k];
      histogram[odd] += nodeWeight[k + 1];
      histogram[odd + 1] += nodeSum[k + 1];
    }
    if (k < end) {
      const even = bins[column + rows[k]] << 1;
      histogram[even] += nodeWeight[k];
      histogram[even + 1] += nodeSum[k];
    }
    for (let bin = 0; bin < featureBins; bin++)
      if (histogram[bin << 1] + histogram[(bin << 1) | 512] !== 0) touched[usedBins++] = bin;
    return usedBins;
  }
  for (let k = start; k < end; k++) gathered[k] = bins[column + rows[k]];
  let k = start;
  for (; k + 1 < end; k += 2) {
    const even = gathered[k];
    const odd = gathered[k + 1];
    histogram[even << 1] += nodeWeight[k];
    histogram[(even << 1) + 1] += nodeSum[k];
    histogram[(odd << 1) | 512] += nodeWeight[k + 1];
    histogram[(odd << 1) | 513] += nodeSum[k + 1];
    occupied[even >>> 5] |= 1 << (even & 31);
    occupied[8 | (odd >>> 5)] |= 1 << (odd & 31);
  }
  if (k < end) {
    const even = gathered[k];
    histogram[even << 1] += nodeWeight[k];
    histogram[(even << 1) + 1] += nodeSum[k];
    occupied[even >>> 5] |= 1 << (even & 31);
  }
  for (let word = 0; word < 8; word++) {
    let mask = occupied[word] | occupied[word | 8];
    occupied[word] = 0;
    occupied[word | 8] = 0;
    while (mask !== 0) {
      const lowest = mask & -mask;
      mask ^= lowest;
      touched[usedBins++] = (word << 5) | (31 - Math.clz32(lowest));
    }
  }
  return usedBins;
}

/**
 * Scans the touched bins left to right, offering each as the split "bin ≤ t" and clearing it;
 * returns the bin of the best admissible split that beats `workspace.bestProxy[0]` (updated), or −1.
 */
function bestSplitBin(
  workspace: ForestTreeWorkspace,
  usedBins: number,
  totalWeight: number,
  totalSum: number,
  lowestLeft: number,
  beyondLeft: number,
): number {
  const { histogram, touched } = workspace;
  let bestProxy = workspace.bestProxy[0];
  let bestBin = -1;
  let leftPacked = 0;
  let leftSum = 0;
  let index = 0;
  for (; index < usedBins; index++) {
    const slot = touched[index] << 1;
    leftPacked += histogram[slot] + histogram[slot | 512];
    leftSum += histogram[slot + 1] + histogram[slot | 513];
    histogram[slot] = 0;
    histogram[slot + 1] = 0;
    histogram[slot | 512] = 0;
    histogram[slot | 513] = 0;
    if (leftPacked < lowestLeft) continue;
    if (leftPacked >= beyondLeft) break;
    // proxy = S_L²/W_L + S_R²/W_R, compared without dividing (W_L·W_R > 0).
    const leftWeight = leftPacked - ((leftPacked * INVERSE_COUNT_UNIT) | 0) * COUNT_UNIT;
    const rightSum = totalSum - leftSum;
    const rightWeight = totalWeight - leftWeight;
    const product = leftWeight * rightWeight;
    const numerator = leftSum * leftSum * rightWeight + rightSum * rightSum * leftWeight;
    if (numerator > bestProxy * product) {
      bestProxy = numerator / product;
      bestBin = touched[index];
    }
  }
  // Bins past the last admissible split are only cleared.
  for (index += 1; index < usedBins; index++) {
    const slot = touched[index] << 1;
    histogram[slot] = 0;
    histogram[slot + 1] = 0;
    histogram[slot | 512] = 0;
    histogram[slot | 513] = 0;
  }
  workspace.bestProxy[0] = bestProxy;
  return bestBin;
}
