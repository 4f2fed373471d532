/**
 * Adstock decay curves: the lag weights wₗ, l = 0 … L−1, of each channel's adstock (share of a
 * week's spend that acts l weeks later; Σ wₗ = 1), posterior mean and central band per lag.
 */
import { createAdstockKernel } from '../mmm/kernels';
import type { MmmModel } from '../mmm/model';
import type { MmmParameters } from '../mmm/types';
import { columnBands, type SeriesBand } from './bands';

export interface AdstockCurve extends SeriesBand {
  readonly channel: string;
  readonly lags: Float64Array;
}

export function adstockCurves(
  target: MmmModel,
  draws: readonly MmmParameters[],
  probability = 0.9,
): AdstockCurve[] {
  const { maxLag, adstock } = target.spec;
  const kernel = createAdstockKernel(adstock, maxLag);
  const weights = new Float64Array(maxLag);
  const derivatives = new Float64Array(maxLag * kernel.parameterNames.length);
  return target.design.channelNames.map((channel, c) => {
    const matrix = new Float64Array(draws.length * maxLag);
    draws.forEach((parameters, d) => {
      const values = kernel.parameterNames.map((name) => parameters.channels[c].adstock[name]);
      kernel.weights(values, maxLag, weights, derivatives);
      matrix.set(weights, d * maxLag);
    });
    return {
      channel,
      lags: Float64Array.from({ length: maxLag }, (_, l) => l),
      ...columnBands(matrix, draws.length, maxLag, probability),
    };
  });
}
