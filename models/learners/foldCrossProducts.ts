import { addChunkGram, CHUNK_ROWS } from './chunkGram';
import { emptyCrossProducts, type CrossProducts } from './crossProducts';
import type { Matrix } from './types';

/**
 * Cross products of every fold in one sequential pass over the rows, without copying any fold.
 * Row i belongs to fold labels[i] ∈ {0, …, K−1}; with T targets y⁽¹⁾…y⁽ᵀ⁾ its augmented row is
 *
 *   zᵢ = [xᵢ − shiftX, yᵢ⁽¹⁾ − shiftY₁, …, yᵢ⁽ᵀ⁾ − shiftY_T]   (q = p + T values),
 *
 * and fold k gets count_k, Σ_{i∈k} zᵢ and Σ_{i∈k} zᵢzᵢᵀ. Every block of crossProducts.ts follows:
 * the x part is the feature statistics, and target t adds Σỹ, Σỹ² and Σx̃ỹ from column p + t —
 * so all targets known up front cost no pass of their own.
 *
 * Each fold fills its own 128-row column-major chunk (crossProducts.ts's layout) and flushes it
 * through `addChunkGram` when full: a fold's rows are summed in increasing row order in chunks of
 * 128, so the x part is bit for bit `accumulateFeatureProducts` over that fold's sorted rows.
 *
 * Example: labels [0, 1, 0] put rows 0 and 2 in fold 0 and row 1 in fold 1.
 */
export interface FoldCrossProducts {
  readonly folds: number;
  readonly features: number;
  /** q = features + targets. */
  readonly columns: number;
  readonly count: Int32Array;
  /** K × q: Σ zᵢ per fold. */
  readonly sums: Float64Array;
  /** K × q × q: Σ zᵢzᵢᵀ per fold, upper triangle (j ≤ k) only. */
  readonly upper: Float64Array;
}

export function foldCrossProducts(options: {
  readonly X: Matrix;
  readonly shiftX: Float64Array;
  readonly labels: Int32Array;
  readonly folds: number;
  readonly targets?: readonly Float64Array[];
  readonly targetShifts?: readonly number[];
}): FoldCrossProducts {
  const { X, shiftX, labels, folds } = options;
  const targets = options.targets ?? [];
  const targetShifts = options.targetShifts ?? [];
  const { rows: n, cols: p, data } = X;
  const q = p + targets.length;
  // A local copy: an imported binding can compile to a getter call (CommonJS transpilation).
  const chunkRows = CHUNK_ROWS;
  const size = q * chunkRows;
  const chunks = new Float64Array(folds * size);
  const filled = new Int32Array(folds);
  const count = new Int32Array(folds);
  const sums = new Float64Array(folds * q);
  const upper = new Float64Array(folds * q * q);
  const sumsOf = Array.from({ length: folds }, (_, k) => sums.subarray(k * q, (k + 1) * q));
  const upperOf = Array.from({ length: folds }, (_, k) =>
    upper.subarray(k * q * q, (k + 1) * q * q),
  );
  for (let i = 0; i < n; i++) {
    const k = labels[i];
    const r = filled[k];
    const offset = i * p;
    let to = k * size + r;
    for (let j = 0; j < p; j++, to += chunkRows) chunks[to] = data[offset + j] - shiftX[j];
    for (let t = 0; t < targets.length; t++, to += chunkRows)
      chunks[to] = targets[t][i] - targetShifts[t];
    if (r + 1 === chunkRows) {
      addChunkGram(chunks, k * size, chunkRows, q, sumsOf[k], upperOf[k]);
      count[k] += chunkRows;
      filled[k] = 0;
    } else filled[k] = r + 1;
  }
  for (let k = 0; k < folds; k++) {
    if (filled[k] === 0) continue;
    addChunkGram(chunks, k * size, filled[k], q, sumsOf[k], upperOf[k]);
    count[k] += filled[k];
  }
  return { folds, features: p, columns: q, count, sums, upper };
}

/** Fold k's feature statistics (count, Σx̃, Σx̃x̃ᵀ), target part zero. */
export function foldFeatureProducts(products: FoldCrossProducts, fold: number): CrossProducts {
  const { features: p, columns: q } = products;
  const stats = emptyCrossProducts(p);
  stats.count = products.count[fold];
  const sums = fold * q;
  const upper = fold * q * q;
  for (let j = 0; j < p; j++) {
    stats.sumX[j] = products.sums[sums + j];
    for (let k = j; k < p; k++) {
      const value = products.upper[upper + j * q + k];
      stats.gram[j * p + k] = value;
      stats.gram[k * p + j] = value;
    }
  }
  return stats;
}

/** Fold k's statistics for target t (the feature part plus Σỹ, Σỹ², Σx̃ỹ from column p + t). */
export function foldTargetProducts(
  products: FoldCrossProducts,
  fold: number,
  target: number,
): CrossProducts {
  const { features: p, columns: q } = products;
  const stats = foldFeatureProducts(products, fold);
  const column = p + target;
  const upper = fold * q * q;
  stats.sumY = products.sums[fold * q + column];
  stats.sumYY = products.upper[upper + column * q + column];
  for (let j = 0; j < p; j++) stats.crossXY[j] = products.upper[upper + j * q + column];
  return stats;
}

/**
 * Adds one target's part to per-fold statistics, O(n·p), one pass in row order: for i in fold k,
 * Σ ỹ, Σ ỹ² and Σ x̃ỹ with x̃ = x − shiftX, ỹ = y − shiftY (for targets not known up front).
 */
export function accumulateFoldTargetProducts(
  X: Matrix,
  y: Float64Array,
  shiftX: Float64Array,
  shiftY: number,
  labels: Int32Array,
  blocks: readonly CrossProducts[],
): void {
  const { rows: n, cols: p, data } = X;
  const folds = blocks.length;
  const cross = new Float64Array(folds * p);
  const sumY = new Float64Array(folds);
  const sumYY = new Float64Array(folds);
  for (let i = 0; i < n; i++) {
    const k = labels[i];
    const value = y[i] - shiftY;
    sumY[k] += value;
    sumYY[k] += value * value;
    const offset = i * p;
    const base = k * p;
    for (let j = 0; j < p; j++) cross[base + j] += (data[offset + j] - shiftX[j]) * value;
  }
  for (let k = 0; k < folds; k++) {
    const block = blocks[k];
    block.sumY += sumY[k];
    block.sumYY += sumYY[k];
    for (let j = 0; j < p; j++) block.crossXY[j] += cross[k * p + j];
  }
}

/**
 * Out-of-fold predictions of T sets of K linear models in one pass over X:
 * out_t[i] = b_{t,k} + x_iᵀw_{t,k} with k = labels[i]; intercepts hold b_{t,k} at t·K + k and
 * coefficients hold w_{t,k} at (t·K + k)·p.
 */
export function predictByFold(
  X: Matrix,
  labels: Int32Array,
  intercepts: Float64Array,
  coefficients: Float64Array,
  outs: readonly Float64Array[],
): void {
  const { rows: n, cols: p, data } = X;
  const folds = intercepts.length / outs.length;
  // Targets two at a time: each x value loaded once for both dot products.
  let t = 0;
  for (; t + 1 < outs.length; t += 2) {
    const first = outs[t];
    const second = outs[t + 1];
    for (let i = 0; i < n; i++) {
      const k = labels[i];
      const offset = i * p;
      const model = t * folds + k;
      const a = model * p;
      const b = a + folds * p;
      let value = intercepts[model];
      let other = intercepts[model + folds];
      for (let j = 0; j < p; j++) {
        const x = data[offset + j];
        value += x * coefficients[a + j];
        other += x * coefficients[b + j];
      }
      first[i] = value;
      second[i] = other;
    }
  }
  if (t < outs.length) {
    const out = outs[t];
    for (let i = 0; i < n; i++) {
      const model = t * folds + labels[i];
      const offset = i * p;
      const a = model * p;
      let value = intercepts[model];
      for (let j = 0; j < p; j++) value += data[offset + j] * coefficients[a + j];
      out[i] = value;
    }
  }
}
