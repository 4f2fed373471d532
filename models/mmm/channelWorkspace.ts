/**
 * One adstocked and saturated spend series with its derivatives (a channel nationally, or a
 * channel in one geo): what the log density fills and the lift-test likelihood reads. Layouts:
 * ∂w/∂θⱼ at [j·L + l], ∂aₜ/∂θⱼ at [j·T + t], ∂h/∂φ_q at [q·T + t] (T = the series' length).
 */
import { convolveLags } from '../transforms/convolveLags';
import type { AdstockKernel } from '../transforms/kernels';

export interface ChannelWorkspace {
  readonly weights: Float64Array;
  /** ∂w/∂θⱼ at [j·L + l]. */
  readonly weightDerivatives: Float64Array;
  readonly adstocked: Float64Array;
  /** ∂aₜ/∂θⱼ at [j·T + t]. */
  readonly adstockDerivatives: Float64Array;
  readonly saturated: Float64Array;
  /** h′(aₜ). */
  readonly slope: Float64Array;
  /** ∂h/∂φ_q at [q·T + t]. */
  readonly saturationDerivatives: Float64Array;
}

/**
 * The adstocked series of `spend` (its first `weeks` values) and its parameter derivatives into
 * `series`, whose lag weights (and their derivatives) the caller has already computed: the
 * kernel's O(T) recursion when it has one, else the direct convolution with the weights.
 */
export function adstockSeries(
  kernel: AdstockKernel,
  parameters: ArrayLike<number>,
  maxLag: number,
  spend: Float64Array,
  weeks: number,
  series: ChannelWorkspace,
): void {
  if (kernel.convolve) {
    kernel.convolve(parameters, maxLag, spend, weeks, series.adstocked, series.adstockDerivatives);
    return;
  }
  convolveLags(spend, weeks, series.weights, 0, maxLag, series.adstocked, 0);
  for (let j = 0; j < kernel.parameterNames.length; j++)
    convolveLags(
      spend,
      weeks,
      series.weightDerivatives,
      j * maxLag,
      maxLag,
      series.adstockDerivatives,
      j * weeks,
    );
}
