/**
 * The observation likelihood of a block of weeks, ỹₜ given μₜ and σ (scaled units):
 *
 *   Normal:      log p = −½ Σ eₜ²/σ² − n (log σ + ½ log 2π),         eₜ = ỹₜ − μₜ
 *   Student-t:   log p = Σ [c_ν − log σ − (ν+1)/2 · log(1 + eₜ²/(ν σ²))],
 *                c_ν = log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπ)
 *
 * with ∂/∂μₜ = eₜ/σ² (Normal) or (ν+1) eₜ / (ν σ² + eₜ²) (Student-t), and ∂/∂σ summed. The national
 * model has one block; the geo model one per geo (the sums over blocks are the whole likelihood).
 */
import { logGamma } from './distributions';
import type { ModelSpec } from './spec';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export interface ObservationNoise {
  readonly studentT: boolean;
  readonly degreesOfFreedom: number;
  readonly constant: number;
}

export function observationNoise(spec: ModelSpec): ObservationNoise {
  const nu = spec.studentDegreesOfFreedom;
  return {
    studentT: spec.likelihood === 'student-t',
    degreesOfFreedom: nu,
    constant: logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI),
  };
}

/**
 * log p of ỹ[yOffset + t] given μ[meanOffset + t], t < n; writes ∂/∂μ into residual[meanOffset + t]
 * and adds ∂/∂σ into sigmaGradient[0].
 */
export function blockLogLikelihood(
  noise: ObservationNoise,
  y: Float64Array,
  yOffset: number,
  mean: Float64Array,
  meanOffset: number,
  n: number,
  sigma: number,
  residual: Float64Array,
  sigmaGradient: Float64Array,
): number {
  if (noise.studentT) {
    const nu = noise.degreesOfFreedom;
    const nuSigma2 = nu * sigma * sigma;
    const logSigma = Math.log(sigma);
    let total = 0;
    let derivative = 0;
    for (let t = 0; t < n; t++) {
      const e = y[yOffset + t] - mean[meanOffset + t];
      const denominator = nuSigma2 + e * e;
      total += noise.constant - logSigma - 0.5 * (nu + 1) * Math.log1p((e * e) / nuSigma2);
      residual[meanOffset + t] = ((nu + 1) * e) / denominator;
      derivative += -1 / sigma + ((nu + 1) * e * e) / (sigma * denominator);
    }
    sigmaGradient[0] += derivative;
    return total;
  }
  const precision = 1 / (sigma * sigma);
  let squares = 0;
  for (let t = 0; t < n; t++) {
    const e = y[yOffset + t] - mean[meanOffset + t];
    squares += e * e;
    residual[meanOffset + t] = e * precision;
  }
  sigmaGradient[0] += -n / sigma + (squares * precision) / sigma;
  return -0.5 * squares * precision - n * (Math.log(sigma) + HALF_LOG_TWO_PI);
}
