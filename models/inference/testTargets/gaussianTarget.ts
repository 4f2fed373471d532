import type { Rng } from '../../random/rng';
import type { Target } from '../types';

export interface GaussianDescription {
  readonly kind: 'gaussian';
  readonly mean: readonly number[];
  /** Dense covariance Σ (symmetric positive definite); defaults to diag(scales²) or I. */
  readonly covariance?: readonly (readonly number[])[];
  /** Standard deviations of independent coordinates, used when `covariance` is absent. */
  readonly scales?: readonly number[];
}

/**
 * Multivariate normal target N(μ, Σ), for testing samplers against a known answer:
 *
 *   log π(θ) = −½ (θ − μ)ᵀ Σ⁻¹ (θ − μ),   ∇ log π(θ) = −Σ⁻¹ (θ − μ)
 *
 * Σ⁻¹ is formed once through a Cholesky factorisation; a non-positive-definite Σ throws.
 * Example: μ = 0, Σ = I in 2-D at θ = (1, 0): log π = −0.5, ∇ = (−1, 0).
 */
export function createGaussianTarget(description: GaussianDescription): Target {
  const d = description.mean.length;
  if (d === 0) throw new Error('gaussian target: mean is empty');
  const mean = Float64Array.from(description.mean);
  const precision = precisionMatrix(description, d);
  const centred = new Float64Array(d);
  return {
    dimension: d,
    parameterNames: Array.from({ length: d }, (_, i) => `theta[${i + 1}]`),
    logDensityAndGradient(position, gradient) {
      for (let i = 0; i < d; i++) centred[i] = position[i] - mean[i];
      let quadratic = 0;
      for (let i = 0; i < d; i++) {
        let row = 0;
        for (let j = 0; j < d; j++) row += precision[i * d + j] * centred[j];
        gradient[i] = -row;
        quadratic += centred[i] * row;
      }
      return -0.5 * quadratic;
    },
    initialPosition(rng: Rng) {
      return Float64Array.from(mean, (m) => m + 2 * (2 * rng.uniform() - 1));
    },
  };
}

function precisionMatrix(description: GaussianDescription, d: number): Float64Array {
  const covariance = new Float64Array(d * d);
  if (description.covariance) {
    if (
      description.covariance.length !== d ||
      description.covariance.some((row) => row.length !== d)
    ) {
      throw new Error(`gaussian target: covariance must be ${d}×${d} to match mean`);
    }
    description.covariance.forEach((row, i) => row.forEach((v, j) => (covariance[i * d + j] = v)));
  } else {
    const scales = description.scales ?? Array.from({ length: d }, () => 1);
    if (scales.length !== d)
      throw new Error(`gaussian target: scales has length ${scales.length}, mean has ${d}`);
    scales.forEach((s, i) => {
      if (!(s > 0)) throw new Error(`gaussian target: scales[${i}] must be > 0, got ${s}`);
      covariance[i * d + i] = s * s;
    });
  }
  // Cholesky Σ = L Lᵀ, then Σ⁻¹ = L⁻ᵀ L⁻¹ column by column.
  const lower = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = covariance[i * d + j];
      for (let k = 0; k < j; k++) sum -= lower[i * d + k] * lower[j * d + k];
      if (i === j) {
        if (!(sum > 0)) throw new Error('gaussian target: covariance is not positive definite');
        lower[i * d + i] = Math.sqrt(sum);
      } else {
        lower[i * d + j] = sum / lower[j * d + j];
      }
    }
  }
  const precision = new Float64Array(d * d);
  const column = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    for (let i = 0; i < d; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= lower[i * d + k] * column[k];
      column[i] = sum / lower[i * d + i];
    }
    for (let i = d - 1; i >= 0; i--) {
      let sum = column[i];
      for (let k = i + 1; k < d; k++) sum -= lower[k * d + i] * precision[k * d + c];
      precision[i * d + c] = sum / lower[i * d + i];
    }
  }
  return precision;
}
