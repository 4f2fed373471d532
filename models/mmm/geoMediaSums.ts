/**
 * The media sums of the geo gradient's backward pass (geoLogDensity.ts; the formulas in
 * mediaSums.ts), per geo g of channel c at k = c·G + g, with r′ the sheared residual ∂ℓ/∂μ.
 */
import type { ChannelWorkspace } from './channelWorkspace';
import { seriesMediaSums, type MediaSumBuffers } from './mediaSums';

/** The evaluator's buffers the sums read and fill (views shared with it, made once). */
export interface GeoMediaSums extends MediaSumBuffers {
  /** Channel c in geo g at [c·G + g]; outputs at k = c·G + g, parameters at [k·P + p]. */
  readonly series: readonly ChannelWorkspace[];
  /** β_c,g at [c·G + g]. */
  readonly coefficients: Float64Array;
  readonly geos: number;
}

/** Per geo of channel c: g^β = Σ r′h, β Σ r′ ∂h/∂p and Σ ∂h/∂p, with ∂h/∂θ = h′ ∂a/∂θ. */
export function accumulateGeoMediaSums(sums: GeoMediaSums, c: number): void {
  const { series, coefficients, geos, weeks, adstockCount, saturationCount } = sums;
  const parameterCount = adstockCount + saturationCount;
  for (let g = 0; g < geos; g++) {
    const k = c * geos + g;
    const w = series[k];
    const row = g * weeks;
    const beta = coefficients[k];
    const offset = k * parameterCount;
    if (adstockCount === 1 && saturationCount === 2) fusedSums(sums, w, row, beta, k, offset);
    else seriesMediaSums(sums, w, row, beta, k, offset);
  }
}

/**
 * seriesMediaSums (mediaSums.ts) for one adstock and two saturation parameters (the default geometric adstock with Hill
 * saturation) in one pass over the weeks: the same sums in the same order, reading r′ once.
 */
function fusedSums(
  sums: MediaSumBuffers,
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
