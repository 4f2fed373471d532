import type { Matrix } from './types';

/**
 * Quantile binning of each feature into at most `maxBins` (≤ 256) ordered bins, as scikit-learn's
 * HistGradientBoosting `_BinMapper`:
 *
 *   - ≤ maxBins distinct values: edges are midpoints between consecutive distinct values;
 *   - otherwise: edges at the percentiles 100·k/maxBins, k = 1…maxBins−1 ("midpoint" rule:
 *     (x_(⌊h⌋) + x_(⌈h⌉))/2 at h = (n−1)·k/maxBins of the sorted column), duplicates dropped.
 *
 *   bin(x) = #{edges e : e < x},  so  bin(x) ≤ t  ⇔  x ≤ edges[t].
 *
 * Trees split on bins during fitting and store the real edge, so prediction needs no binning.
 * Bins are stored column-major as bytes (bins[j·n + i]) for cache-friendly histogram scans.
 *
 * Example: a column (3, 1, 2, 2) has edges (1.5, 2.5) and bins (2, 0, 1, 1).
 */
export interface BinnedFeatures {
  readonly rows: number;
  readonly cols: number;
  /** Column-major bin indices, bins[j * rows + i]. */
  readonly bins: Uint8Array;
  /** Number of bins used by each feature (1 for a constant column). */
  readonly binCounts: Int32Array;
  /** Ascending edges of each feature (binCounts[j] − 1 of them). */
  readonly edges: readonly Float64Array[];
}

export function binFeatures(X: Matrix, maxBins = 255): BinnedFeatures {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 256) {
    throw new Error(`maxBins must be an integer in 2…256, got ${maxBins}`);
  }
  const { rows, cols, data } = X;
  const bins = new Uint8Array(rows * cols);
  const binCounts = new Int32Array(cols);
  const edges: Float64Array[] = [];
  const column = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) column[i] = data[i * cols + j];
    const sorted = column.slice().sort();
    const featureEdges = binEdges(sorted, maxBins);
    edges.push(featureEdges);
    binCounts[j] = featureEdges.length + 1;
    const base = j * rows;
    for (let i = 0; i < rows; i++) bins[base + i] = binIndex(featureEdges, column[i]);
  }
  return { rows, cols, bins, binCounts, edges };
}

/** Edges of one sorted column. */
export function binEdges(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  let distinct = n > 0 ? 1 : 0;
  for (let i = 1; i < n && distinct <= maxBins; i++) if (sorted[i] !== sorted[i - 1]) distinct += 1;
  const result: number[] = [];
  if (distinct <= maxBins) {
    for (let i = 1; i < n; i++)
      if (sorted[i] !== sorted[i - 1]) result.push((sorted[i - 1] + sorted[i]) / 2);
  } else {
    for (let k = 1; k < maxBins; k++) {
      const position = ((n - 1) * k) / maxBins;
      const value = (sorted[Math.floor(position)] + sorted[Math.ceil(position)]) / 2;
      if (result.length === 0 || value > result[result.length - 1]) result.push(value);
    }
  }
  return Float64Array.from(result);
}

/** Number of edges strictly below x (binary search). */
export function binIndex(edges: Float64Array, x: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (edges[middle] < x) low = middle + 1;
    else high = middle;
  }
  return low;
}
