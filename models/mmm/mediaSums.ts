/**
 * The media sums of the gradient's backward pass for one channel's series (national: the channel;
 * geo: one geo of it), with r′ the residual ∂ℓ/∂μ from `row`, h the saturated series and p an
 * adstock or saturation parameter:
 *
 *   g^β = Σₜ r′ₜ hₜ,   β Σₜ r′ₜ ∂hₜ/∂p,   Σₜ ∂hₜ/∂p,   ∂h/∂θ = h′(a) ∂a/∂θ (adstock), ∂h/∂θ (saturation).
 *
 * One loop for logDensity.ts and geoMediaSums.ts, so both sum in the same order.
 */
import type { ChannelWorkspace } from './channelWorkspace';

/** The evaluator's buffers the sums read and fill (made once per evaluator). */
export interface MediaSumBuffers {
  /** r′ over the training weeks (geo-major for the geo model). */
  readonly residual: Float64Array;
  readonly weeks: number;
  readonly adstockCount: number;
  readonly saturationCount: number;
  /** Out: g^β at the series' index k. */
  readonly coefficientGradient: Float64Array;
  /** Out: β Σ r′ ∂h/∂p at [offset + p]. */
  readonly parameterGradient: Float64Array;
  /** Out: Σ ∂h/∂p at [offset + p]. */
  readonly totalDerivatives: Float64Array;
}

/** The sums of series `w` (index k, parameters at `offset`) against r′ from `row`, coefficient β. */
export function seriesMediaSums(
  buffers: MediaSumBuffers,
  w: ChannelWorkspace,
  row: number,
  beta: number,
  k: number,
  offset: number,
): void {
  const { residual, weeks, adstockCount, saturationCount } = buffers;
  const { coefficientGradient, parameterGradient, totalDerivatives } = buffers;
  let sum = 0;
  const h = w.saturated;
  for (let t = 0; t < weeks; t++) sum += residual[row + t] * h[t];
  coefficientGradient[k] = sum;
  const da = w.adstockDerivatives;
  const hp = w.slope;
  for (let j = 0; j < adstockCount; j++) {
    let direct = 0;
    let total = 0;
    const start = j * weeks;
    for (let t = 0; t < weeks; t++) {
      const d = hp[t] * da[start + t];
      direct += residual[row + t] * d;
      total += d;
    }
    parameterGradient[offset + j] = beta * direct;
    totalDerivatives[offset + j] = total;
  }
  const dh = w.saturationDerivatives;
  for (let q = 0; q < saturationCount; q++) {
    let direct = 0;
    let total = 0;
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
