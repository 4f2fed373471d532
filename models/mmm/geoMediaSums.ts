/**
 * The media sums of the geo gradient's backward pass (geoLogDensity.ts), per geo g of channel c at
 * k = c·G + g, with r′ the sheared residual ∂ℓ/∂μ and p an adstock or saturation parameter:
 *
 *   g^β_k = Σₜ r′ₜ hₜ,   β_k Σₜ r′ₜ ∂hₜ/∂p,   Σₜ ∂hₜ/∂p,   ∂h/∂θ = h′(a) ∂a/∂θ.
 */
import type { ChannelWorkspace } from './channelWorkspace';

/** The evaluator's buffers the sums read and fill (views shared with it, made once). */
export interface GeoMediaSums {
  /** Channel c in geo g at [c·G + g]. */
  readonly series: readonly ChannelWorkspace[];
  /** r′, geo-major over the training weeks. */
  readonly residual: Float64Array;
  /** β_c,g at [c·G + g]. */
  readonly coefficients: Float64Array;
  readonly geos: number;
  readonly weeks: number;
  readonly adstockCount: number;
  readonly saturationCount: number;
  /** Out: g^β at [c·G + g]. */
  readonly coefficientGradient: Float64Array;
  /** Out: β Σ r′ ∂h/∂p at [(c·G + g)·P + p]. */
  readonly parameterGradient: Float64Array;
  /** Out: Σ ∂h/∂p at [(c·G + g)·P + p]. */
  readonly totalDerivatives: Float64Array;
}

/** Per geo of channel c: g^β = Σ r′h, β Σ r′ ∂h/∂p and Σ ∂h/∂p, with ∂h/∂θ = h′ ∂a/∂θ. */
export function accumulateGeoMediaSums(sums: GeoMediaSums, c: number): void {
  const { series, coefficients, geos, weeks, adstockCount, saturationCount } = sums;
  const { residual, coefficientGradient, parameterGradient, totalDerivatives } = sums;
  const parameterCount = adstockCount + saturationCount;
  for (let g = 0; g < geos; g++) {
    const k = c * geos + g;
    const w = series[k];
    const row = g * weeks;
    const beta = coefficients[k];
    const offset = k * parameterCount;
    if (adstockCount === 1 && saturationCount === 2) {
      fusedSums(sums, w, row, beta, k, offset);
      continue;
    }
    let sum = 0;
    const h = w.saturated;
    for (let t = 0; t < weeks; t++) sum += residual[row + t] * h[t];
    coefficientGradient[k] = sum;
    for (let j = 0; j < adstockCount; j++) {
      let direct = 0;
      let total = 0;
      const da = w.adstockDerivatives;
      const hp = w.slope;
      const start = j * weeks;
      for (let t = 0; t < weeks; t++) {
        const d = hp[t] * da[start + t];
        direct += residual[row + t] * d;
        total += d;
      }
      parameterGradient[offset + j] = beta * direct;
      totalDerivatives[offset + j] = total;
    }
    for (let q = 0; q < saturationCount; q++) {
      let direct = 0;
      let total = 0;
      const dh = w.saturationDerivatives;
      const start = q * weeks;
      for (let t = 0; t < weeks; t++) {
        const d = dh[start + t];
        direct += residual[row + t] * d;
        total += d;
      }
      parameterGradient[offset + adstockCount + q] = beta * direct;
      totalDerivatives[offset + adstockCount + q] = total;
    }
  }
}

/**
 * mediaSums for one adstock and two saturation parameters (the default geometric adstock with Hill
 * saturation) in one pass over the weeks: the same sums in the same order, reading r′ once.
 */
function fusedSums(
  sums: GeoMediaSums,
  w: ChannelWorkspace,
  row: number,
  beta: number,
  k: number,
  offset: number,
): void {
  const { residual, weeks, coefficientGradient, parameterGradient, totalDerivatives } = sums;
  const h = w.saturated;
  const hp = w.slope;
  const da = w.adstockDerivatives;
  const dh = w.saturationDerivatives;
  let sum = 0;
  let direct0 = 0;
  let total0 = 0;
  let direct1 = 0;
  let total1 = 0;
  let direct2 = 0;
  let total2 = 0;
  for (let t = 0; t < weeks; t++) {
    const r = residual[row + t];
    const d0 = hp[t] * da[t];
    const d1 = dh[t];
    const d2 = dh[weeks + t];
    sum += r * h[t];
    direct0 += r * d0;
    total0 += d0;
    direct1 += r * d1;
    total1 += d1;
    direct2 += r * d2;
    total2 += d2;
  }
  coefficientGradient[k] = sum;
  parameterGradient[offset] = beta * direct0;
  totalDerivatives[offset] = total0;
  parameterGradient[offset + 1] = beta * direct1;
  totalDerivatives[offset + 1] = total1;
  parameterGradient[offset + 2] = beta * direct2;
  totalDerivatives[offset + 2] = total2;
}
