import { addChunkGram, addSymmetric, CHUNK_ROWS } from './chunkGram';
import type { Matrix } from './types';

/**
 * Sufficient statistics of a linear least-squares problem over a set of rows, after shifting the
 * data by a fixed point (x₀, y₀) to limit cancellation:
 *
 *   count = n,  sumX = Σ x̃ᵢ,  sumY = Σ ỹᵢ,  gram = Σ x̃ᵢ x̃ᵢᵀ,  crossXY = Σ x̃ᵢ ỹᵢ,  sumYY = Σ ỹᵢ²,
 *   with x̃ = x − x₀, ỹ = y − y₀.
 *
 * Statistics add over disjoint row sets, so a K-fold training set is "total − fold": every
 * linear learner (OLS, ridge, lasso) and its cross-validation runs on p×p matrices, not on rows.
 */
export interface CrossProducts {
  readonly features: number;
  count: number;
  readonly sumX: Float64Array;
  sumY: number;
  /** p×p row-major, full (both triangles). */
  readonly gram: Float64Array;
  readonly crossXY: Float64Array;
  sumYY: number;
}

export function emptyCrossProducts(features: number): CrossProducts {
  return {
    features,
    count: 0,
    sumX: new Float64Array(features),
    sumY: 0,
    gram: new Float64Array(features * features),
    crossXY: new Float64Array(features),
    sumYY: 0,
  };
}

/** Column means of X and the mean of y: the shift used by `accumulateCrossProducts`. */
export function dataMeans(X: Matrix, y: Float64Array): { meanX: Float64Array; meanY: number } {
  const p = X.cols;
  const meanX = new Float64Array(p);
  let meanY = 0;
  for (let i = 0; i < X.rows; i++) {
    const offset = i * p;
    for (let j = 0; j < p; j++) meanX[j] += X.data[offset + j];
    meanY += y[i];
  }
  for (let j = 0; j < p; j++) meanX[j] /= X.rows;
  return { meanX, meanY: meanY / X.rows };
}

/**
 * Accumulates per-group statistics: row i goes to `groups[groupOf[i]]` (a single group when
 * `groupOf` is omitted). Features and target are accumulated by `accumulateFeatureProducts` and
 * `accumulateTargetProducts` over each group's rows.
 */
export function accumulateCrossProducts(
  X: Matrix,
  y: Float64Array,
  shiftX: Float64Array,
  shiftY: number,
  groups: CrossProducts[],
  groupOf?: Int32Array,
): void {
  const rowsOf = groupOf ? groupRows(groupOf, groups.length) : [null];
  rowsOf.forEach((rows, g) => {
    accumulateFeatureProducts(X, shiftX, rows, groups[g]);
    accumulateTargetProducts(X, y, shiftX, shiftY, rows, groups[g]);
  });
}

/** Row indices of each group 0…groups−1, increasing. */
export function groupRows(groupOf: Int32Array, groups: number): Int32Array[] {
  const sizes = new Int32Array(groups);
  for (let i = 0; i < groupOf.length; i++) sizes[groupOf[i]] += 1;
  const result = Array.from(sizes, (size) => new Int32Array(size));
  sizes.fill(0);
  for (let i = 0; i < groupOf.length; i++) result[groupOf[i]][sizes[groupOf[i]]++] = i;
  return result;
}

/**
 * Adds the feature part of the statistics over `rows` (all rows when null) to `stats`:
 * count, Σ x̃ and Σ x̃x̃ᵀ with x̃ = x − shiftX. Rows are copied, shifted, into a column-major chunk
 * of 128 rows (in L1 cache) whose products come from `addChunkGram` (column blocks: several
 * products per load, ≈2.5× faster in JavaScript than row-wise rank-one updates, and no n×p
 * transposed copy).
 */
export function accumulateFeatureProducts(
  X: Matrix,
  shiftX: Float64Array,
  rows: Int32Array | null,
  stats: CrossProducts,
): void {
  const p = X.cols;
  const data = X.data;
  const count = rows ? rows.length : X.rows;
  // A local copy: an imported binding can compile to a getter call (CommonJS transpilation).
  const chunkRows = CHUNK_ROWS;
  const chunk = new Float64Array(p * chunkRows);
  const upper = new Float64Array(p * p);
  for (let first = 0; first < count; first += chunkRows) {
    const length = Math.min(chunkRows, count - first);
    for (let r = 0; r < length; r++) {
      const offset = (rows ? rows[first + r] : first + r) * p;
      for (let j = 0, to = r; j < p; j++, to += chunkRows) chunk[to] = data[offset + j] - shiftX[j];
    }
    addChunkGram(chunk, 0, length, p, stats.sumX, upper);
  }
  addSymmetric(upper, p, stats.gram);
  stats.count += count;
}

/**
 * Adds the target part of the statistics over `rows` (all rows when null) to `stats`:
 * Σ ỹ, Σ ỹ² and Σ x̃ỹ with ỹ = y − shiftY, x̃ = x − shiftX (O(n·p), no Gram).
 */
export function accumulateTargetProducts(
  X: Matrix,
  y: Float64Array,
  shiftX: Float64Array,
  shiftY: number,
  rows: Int32Array | null,
  stats: CrossProducts,
): void {
  const p = X.cols;
  const data = X.data;
  const count = rows ? rows.length : X.rows;
  const cross = stats.crossXY;
  let sumY = 0;
  let sumYY = 0;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    const value = y[i] - shiftY;
    sumY += value;
    sumYY += value * value;
    const offset = i * p;
    for (let j = 0; j < p; j++) cross[j] += (data[offset + j] - shiftX[j]) * value;
  }
  stats.sumY += sumY;
  stats.sumYY += sumYY;
}

/** a − b, e.g. the training statistics of a fold: total − held-out. */
export function subtractCrossProducts(total: CrossProducts, part: CrossProducts): CrossProducts {
  const p = total.features;
  const result = emptyCrossProducts(p);
  result.count = total.count - part.count;
  result.sumY = total.sumY - part.sumY;
  result.sumYY = total.sumYY - part.sumYY;
  for (let j = 0; j < p; j++) {
    result.sumX[j] = total.sumX[j] - part.sumX[j];
    result.crossXY[j] = total.crossXY[j] - part.crossXY[j];
  }
  for (let index = 0; index < p * p; index++)
    result.gram[index] = total.gram[index] - part.gram[index];
  return result;
}

/** Sum of statistics over groups. */
export function sumCrossProducts(
  groups: readonly CrossProducts[],
  features: number,
): CrossProducts {
  const result = emptyCrossProducts(features);
  for (const group of groups) {
    result.count += group.count;
    result.sumY += group.sumY;
    result.sumYY += group.sumYY;
    for (let j = 0; j < features; j++) {
      result.sumX[j] += group.sumX[j];
      result.crossXY[j] += group.crossXY[j];
    }
    for (let index = 0; index < features * features; index++)
      result.gram[index] += group.gram[index];
  }
  return result;
}

/**
 * Centred problem of a statistics block (means m = sumX/n, ȳ = sumY/n, in shifted coordinates):
 *   centredGram = Σ (x̃ − m)(x̃ − m)ᵀ = gram − n m mᵀ,   centredCross = Σ (x̃ − m)(ỹ − ȳ) = crossXY − n m ȳ.
 */
export function centreCrossProducts(stats: CrossProducts): {
  meanX: Float64Array;
  meanY: number;
  centredGram: Float64Array;
  centredCross: Float64Array;
  centredSumYY: number;
} {
  const p = stats.features;
  const n = stats.count;
  const meanX = new Float64Array(p);
  for (let j = 0; j < p; j++) meanX[j] = stats.sumX[j] / n;
  const meanY = stats.sumY / n;
  const centredGram = new Float64Array(p * p);
  const centredCross = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    centredCross[j] = stats.crossXY[j] - n * meanX[j] * meanY;
    for (let k = 0; k < p; k++)
      centredGram[j * p + k] = stats.gram[j * p + k] - n * meanX[j] * meanX[k];
  }
  return { meanX, meanY, centredGram, centredCross, centredSumYY: stats.sumYY - n * meanY * meanY };
}

/**
 * Residual sum of squares Σ (ỹ − b − x̃ᵀw)² of a linear model over the rows summarised by `stats`,
 * expanded as ỹᵀỹ − 2b Σỹ − 2wᵀ x̃ᵀỹ + n b² + 2b wᵀ Σx̃ + wᵀ (x̃ᵀx̃) w (b and w in shifted coordinates).
 */
export function residualSumOfSquares(
  stats: CrossProducts,
  intercept: number,
  weights: Float64Array,
): number {
  const p = stats.features;
  let quadratic = 0;
  let linear = 0;
  let sumXW = 0;
  for (let j = 0; j < p; j++) {
    const wj = weights[j];
    if (wj === 0) continue;
    linear += wj * stats.crossXY[j];
    sumXW += wj * stats.sumX[j];
    let row = 0;
    for (let k = 0; k < p; k++) row += stats.gram[j * p + k] * weights[k];
    quadratic += wj * row;
  }
  const value =
    stats.sumYY -
    2 * intercept * stats.sumY -
    2 * linear +
    stats.count * intercept * intercept +
    2 * intercept * sumXW +
    quadratic;
  return Math.max(value, 0);
}
