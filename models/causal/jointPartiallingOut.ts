import { solveSymmetricPositiveDefinite } from '../linalg/cholesky';
import { neweyWestLag, neweyWestLongRunCovariance, type HacLagRule } from './hac';

/**
 * Multivariate partialling-out: all k treatments' cross-fitted residuals Ṽ = D − m̂(X) (n×k) and the
 * outcome residual Ũ = Y − ℓ̂(X) regressed together (Frisch–Waugh–Lovell with ML nuisances; the vector
 * version of the PLR partialling-out score, Chernozhukov et al. 2018 §4.1):
 *
 *   θ̂ = (ṼᵀṼ)⁻¹ ṼᵀŨ,   ψᵢ = Ṽᵢ (Ũᵢ − Ṽᵢᵀθ̂),   Ĵ = −ṼᵀṼ/n,
 *   V̂ = Ĵ⁻¹ Ω̂ Ĵ⁻¹ / n  with Ω̂ = mean ψψᵀ (i.i.d.) or the Bartlett HAC Ω̂ (hac.ts).
 * The HAC lag, when chosen by a rule, is the largest of the rule's lags over the k score components.
 *
 * Example: Ṽ = [[1,0],[0,1],[1,1]], Ũ = [1,2,3] → θ̂ = [4/3, 7/3].
 */
export interface JointFit {
  readonly theta: Float64Array;
  readonly se: Float64Array;
  readonly seHac: Float64Array;
  readonly hacLag: number;
  /** Row-major k×k covariance matrices. */
  readonly covariance: Float64Array;
  readonly covarianceHac: Float64Array;
  /** Scores per treatment (ψ·ⱼ). */
  readonly scores: Float64Array[];
}

/** Inverse of a symmetric positive-definite k×k matrix (column by column). */
function inverseSymmetric(matrix: Float64Array, size: number): Float64Array {
  const inverse = new Float64Array(size * size);
  const unit = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    unit.fill(0);
    unit[j] = 1;
    const column = solveSymmetricPositiveDefinite(matrix, size, unit).solution;
    for (let i = 0; i < size; i++) inverse[i * size + j] = column[i];
  }
  return inverse;
}

/** A⁻¹ Ω A⁻¹ / n for symmetric A⁻¹ (k×k). */
function sandwich(
  inverse: Float64Array,
  omega: Float64Array,
  size: number,
  n: number,
): Float64Array {
  const temp = new Float64Array(size * size);
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      let s = 0;
      for (let l = 0; l < size; l++) s += inverse[i * size + l] * omega[l * size + j];
      temp[i * size + j] = s;
    }
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      let s = 0;
      for (let l = 0; l < size; l++) s += temp[i * size + l] * inverse[l * size + j];
      out[i * size + j] = s / n;
    }
  return out;
}

export function fitJointPartiallingOut(
  outcomeResidual: Float64Array,
  treatmentResiduals: readonly Float64Array[],
  hacLag: number | HacLagRule = 'nw1994',
): JointFit {
  const k = treatmentResiduals.length;
  const n = outcomeResidual.length;
  if (k === 0) throw new Error('joint: need at least one treatment');
  const gram = new Float64Array(k * k);
  const cross = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    const va = treatmentResiduals[a];
    for (let b = 0; b <= a; b++) {
      const vb = treatmentResiduals[b];
      let s = 0;
      for (let i = 0; i < n; i++) s += va[i] * vb[i];
      gram[a * k + b] = s / n;
      gram[b * k + a] = s / n;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += va[i] * outcomeResidual[i];
    cross[a] = s / n;
  }
  const theta = solveSymmetricPositiveDefinite(gram, k, cross).solution;
  const scores = treatmentResiduals.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    let residual = outcomeResidual[i];
    for (let a = 0; a < k; a++) residual -= treatmentResiduals[a][i] * theta[a];
    for (let a = 0; a < k; a++) scores[a][i] = treatmentResiduals[a][i] * residual;
  }
  const inverse = inverseSymmetric(gram, k);
  const covariance = sandwich(inverse, neweyWestLongRunCovariance(scores, 0), k, n);
  const lag =
    typeof hacLag === 'number' ? hacLag : Math.max(...scores.map((s) => neweyWestLag(s, hacLag)));
  const covarianceHac = sandwich(inverse, neweyWestLongRunCovariance(scores, lag), k, n);
  const diagonalRoot = (m: Float64Array): Float64Array =>
    Float64Array.from({ length: k }, (_, a) => Math.sqrt(Math.max(m[a * k + a], 0)));
  return {
    theta,
    se: diagonalRoot(covariance),
    seHac: diagonalRoot(covarianceHac),
    hacLag: lag,
    covariance,
    covarianceHac,
    scores,
  };
}
