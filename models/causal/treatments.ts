import type { Matrix } from '../learners/types';
import { convolveLags } from '../transforms/convolveLags';
import { geometricAdstockWeights } from '../transforms/geometricAdstock';

/**
 * Treatment designs for channel effects.
 *
 * Treatment j is channel j's spend, or its normalised geometric adstock (models/transforms):
 *   aₜ = Σ_{l=0}^{L−1} wₗ x_{t−l},  wₗ = αˡ / Σ_{i<L} αⁱ   (spend before the first week counts as 0),
 * so θ is the effect of one unit of adstocked spend.
 * One at a time (DoubleML's default for several treatments): X_j = [other channels' treatments, controls]
 * (controls already holding trend, Fourier terms and user controls). Jointly: every channel is
 * residualised on the controls only and all residuals enter one regression (jointPartiallingOut.ts).
 *
 * Single and joint estimates are flagged as disagreeing when |θ_single − θ_joint| > 2·se_single, or
 * when their signs differ and at least one of them is significant at the 5 % level — a sign that the
 * channels are collinear or that X misses something that the other channels proxy for.
 *
 * Example: spend [1, 0, 0], α = 0.5, L = 3 → [4/7, 2/7, 1/7].
 */
export interface Treatment {
  readonly name: string;
  readonly values: Float64Array;
}

export interface AdstockSetting {
  /** Geometric decay α ∈ [0, 1). */
  readonly alpha: number;
  /** Number of lags L ≥ 1 (including lag 0). */
  readonly maxLag: number;
}

export function adstockedTreatment(values: Float64Array, setting: AdstockSetting): Float64Array {
  const { alpha, maxLag } = setting;
  if (!(alpha >= 0 && alpha < 1)) throw new Error(`adstock: α must be in [0, 1), got ${alpha}`);
  if (!Number.isInteger(maxLag) || maxLag < 1)
    throw new Error(`adstock: L must be an integer ≥ 1, got ${maxLag}`);
  const weights = new Float64Array(maxLag);
  geometricAdstockWeights(alpha, maxLag, weights, new Float64Array(maxLag));
  const out = new Float64Array(values.length);
  convolveLags(values, values.length, weights, 0, maxLag, out, 0);
  return out;
}

/** [columns…, matrix] side by side as one row-major matrix. */
export function bindColumns(columns: readonly Float64Array[], matrix: Matrix): Matrix {
  // Nothing to bind: the matrix itself (learners never write to their features).
  if (columns.length === 0) return matrix;
  const rows = matrix.rows;
  const width = matrix.cols;
  const cols = columns.length + width;
  const data = new Float64Array(rows * cols);
  const source = matrix.data;
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    for (let c = 0; c < columns.length; c++) data[offset + c] = columns[c][i];
    const from = i * width;
    const to = offset + columns.length;
    for (let j = 0; j < width; j++) data[to + j] = source[from + j];
  }
  return { rows, cols, data };
}

export function singleTreatmentFeatures(
  treatments: readonly Treatment[],
  index: number,
  controls: Matrix,
): Matrix {
  return bindColumns(
    treatments.filter((_, j) => j !== index).map((t) => t.values),
    controls,
  );
}

export function estimatesDisagree(
  single: { theta: number; se: number; pValue: number },
  joint: { theta: number; pValue: number },
): boolean {
  if (Math.abs(single.theta - joint.theta) > 2 * single.se) return true;
  const signChange = Math.sign(single.theta) !== Math.sign(joint.theta);
  return signChange && (single.pValue < 0.05 || joint.pValue < 0.05);
}
