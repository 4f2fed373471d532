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
 * `groupOf` is omitted). The shifted data are first copied column-major with each group's rows
 * contiguous, so every entry of XᵀX is one streaming dot product (≈3× faster than row-wise
 * rank-one updates in JavaScript).
 */
export function accumulateCrossProducts(
  X: Matrix,
  y: Float64Array,
  shiftX: Float64Array,
  shiftY: number,
  groups: CrossProducts[],
  groupOf?: Int32Array,
): void {
  const p = X.cols;
  const n = X.rows;
  const groupStart = new Int32Array(groups.length + 1);
  for (let i = 0; i < n; i++) groupStart[(groupOf ? groupOf[i] : 0) + 1] += 1;
  for (let g = 0; g < groups.length; g++) groupStart[g + 1] += groupStart[g];
  const position = groupStart.slice(0, groups.length);
  const columns = new Float64Array(n * p);
  const response = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const target = position[groupOf ? groupOf[i] : 0]++;
    const offset = i * p;
    for (let j = 0; j < p; j++) columns[j * n + target] = X.data[offset + j] - shiftX[j];
    response[target] = y[i] - shiftY;
  }
  for (let g = 0; g < groups.length; g++) {
    const start = groupStart[g];
    const end = groupStart[g + 1];
    const group = groups[g];
    group.count += end - start;
    group.sumY += sumRange(response, 0, start, end);
    group.sumYY += dotRange(response, 0, response, 0, start, end);
    for (let j = 0; j < p; j++) {
      group.sumX[j] += sumRange(columns, j * n, start, end);
      group.crossXY[j] += dotRange(columns, j * n, response, 0, start, end);
      for (let k = j; k < p; k++) {
        const value = dotRange(columns, j * n, columns, k * n, start, end);
        group.gram[j * p + k] += value;
        if (k !== j) group.gram[k * p + j] += value;
      }
    }
  }
}

function sumRange(a: Float64Array, offset: number, start: number, end: number): number {
  let sum = 0;
  for (let i = offset + start; i < offset + end; i++) sum += a[i];
  return sum;
}

/** Σ a[aOffset + i]·b[bOffset + i] over i in [start, end), four accumulators for throughput. */
function dotRange(
  a: Float64Array,
  aOffset: number,
  b: Float64Array,
  bOffset: number,
  start: number,
  end: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = start;
  const shift = bOffset - aOffset;
  for (let index = aOffset + start; i + 3 < end; i += 4, index += 4) {
    s0 += a[index] * b[index + shift];
    s1 += a[index + 1] * b[index + 1 + shift];
    s2 += a[index + 2] * b[index + 2 + shift];
    s3 += a[index + 3] * b[index + 3 + shift];
  }
  for (; i < end; i++) s0 += a[aOffset + i] * b[bOffset + i];
  return s0 + s1 + (s2 + s3);
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
