/**
 * The forward model over all weeks (training and holdout) in KPI units, from named parameters:
 *
 *   contribution_c,t = ȳ · β_c · h(Σₗ wₗ xₜ₋ₗ,c / max x_c),   baseline terms = ȳ · (scaled term),
 *
 * written plainly (a direct lag loop, no derivatives) so it doubles as the reference the fast
 * log density is tested against, and as the engine of posterior views (decomposition, response
 * curves, marginal ROI) where spend is replaced by a scenario's spend.
 */
import type { MmmDesign } from './design';
import { createAdstockKernel, saturationKernelOf } from './kernels';
import type { ModelSpec } from './spec';
import type { ChannelParameters, MmmComponents, MmmParameters } from './types';

/** Contribution of one channel, KPI units, for raw weekly `spend` (any length). */
export function channelContribution(
  spec: ModelSpec,
  design: MmmDesign,
  channel: ChannelParameters,
  channelIndex: number,
  spend: Float64Array,
): Float64Array {
  return mediaResponse(spec, channel, spend, {
    spendScale: design.spendScale[channelIndex],
    factor: design.kpiScale * channel.coefficient,
  });
}

/**
 * factor · h(Σₗ wₗ xₜ₋ₗ / spendScale) for raw weekly `spend` (any length), by a direct lag loop;
 * the channel's adstock and saturation parameters come from `channel`.
 */
export function mediaResponse(
  spec: ModelSpec,
  channel: Pick<ChannelParameters, 'adstock' | 'saturation'>,
  spend: ArrayLike<number>,
  scales: { readonly spendScale: number; readonly factor: number },
): Float64Array {
  const maxLag = spec.maxLag;
  const kernel = createAdstockKernel(spec.adstock, maxLag);
  const weights = new Float64Array(maxLag);
  const adstockParameters = kernel.parameterNames.map((name) => channel.adstock[name]);
  kernel.weights(
    adstockParameters,
    maxLag,
    weights,
    new Float64Array(maxLag * adstockParameters.length),
  );
  const n = spend.length;
  const adstocked = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let sum = 0;
    for (let l = 0; l < maxLag && l <= t; l++) sum += weights[l] * spend[t - l];
    adstocked[t] = sum / scales.spendScale;
  }
  const saturation = saturationKernelOf(spec.saturation);
  const saturationParameters = saturation.parameterNames.map((name) => channel.saturation[name]);
  const saturated = new Float64Array(n);
  saturation.apply(
    adstocked,
    n,
    saturationParameters,
    saturated,
    new Float64Array(n),
    new Float64Array(n * saturationParameters.length),
    n,
  );
  for (let t = 0; t < n; t++) saturated[t] *= scales.factor;
  return saturated;
}

/** All components of the mean, KPI units; `spend` replaces the data's raw spend per channel. */
export function computeComponents(
  spec: ModelSpec,
  design: MmmDesign,
  parameters: MmmParameters,
  spend: readonly Float64Array[] = design.spend,
): MmmComponents {
  const weeks = design.weeks;
  const scale = design.kpiScale;
  const intercept = new Float64Array(weeks).fill(scale * parameters.intercept);
  const trend = new Float64Array(weeks);
  const seasonality = new Float64Array(weeks);
  const controls = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) {
    trend[t] = scale * parameters.trend * design.trend[t];
    let s = 0;
    for (let k = 0; k < design.seasonality.length; k++)
      s += parameters.seasonality[k] * design.seasonality[k][t];
    seasonality[t] = scale * s;
    let z = 0;
    for (let j = 0; j < design.scaledControls.length; j++)
      z += parameters.controls[j] * design.scaledControls[j][t];
    controls[t] = scale * z;
  }
  const channels = parameters.channels.map((channel, c) =>
    channelContribution(spec, design, channel, c, spend[c]),
  );
  const mean = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) {
    let m = intercept[t] + trend[t] + seasonality[t] + controls[t];
    for (const contribution of channels) m += contribution[t];
    mean[t] = m;
  }
  return { intercept, trend, seasonality, controls, channels, mean };
}
