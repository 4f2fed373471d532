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
import { createComponentsScratch, type ComponentsScratch } from './componentsScratch';
import type { ModelSpec } from './spec';
import type { ChannelParameters, MmmComponents, MmmParameters } from './types';

/** Contribution of one channel, KPI units, for raw weekly `spend` (any length). */
export function channelContribution(
  spec: ModelSpec,
  design: MmmDesign,
  channel: ChannelParameters,
  channelIndex: number,
  spend: Float64Array,
  scratch: ComponentsScratch = createComponentsScratch(spec, false),
): Float64Array {
  return mediaResponse(
    spec,
    channel,
    spend,
    {
      spendScale: design.spendScale[channelIndex],
      factor: design.kpiScale * channel.coefficient,
    },
    scratch,
  );
}

/** out[t] = Σₗ wₗ xₜ₋ₗ / spendScale for t < length (weeks before 0 count as zero), a direct lag loop. */
function scaledAdstock(
  spend: ArrayLike<number>,
  weights: Float64Array,
  maxLag: number,
  length: number,
  spendScale: number,
  out: Float64Array,
): void {
  for (let t = 0; t < length; t++) {
    let sum = 0;
    const lags = t < maxLag ? t + 1 : maxLag;
    for (let l = 0; l < lags; l++) sum += weights[l] * spend[t - l];
    out[t] = sum / spendScale;
  }
}

/**
 * factor · h(Σₗ wₗ xₜ₋ₗ / spendScale) for raw weekly `spend` (any length), by a direct lag loop;
 * the channel's adstock and saturation parameters come from `channel`. A `scratch` shared over
 * many calls (componentsScratch.ts) saves allocations and repeated lag weights, never changing
 * a bit of the result.
 */
export function mediaResponse(
  spec: ModelSpec,
  channel: Pick<ChannelParameters, 'adstock' | 'saturation'>,
  spend: ArrayLike<number>,
  scales: { readonly spendScale: number; readonly factor: number },
  scratch: ComponentsScratch = createComponentsScratch(spec, false),
): Float64Array {
  const maxLag = spec.maxLag;
  const weights = scratch.lagWeights(channel.adstock);
  const n = spend.length;
  const { adstocked, slope, saturationDerivatives } = scratch.buffers(n);
  scaledAdstock(spend, weights, maxLag, n, scales.spendScale, adstocked);
  const saturation = scratch.saturation;
  const saturationParameters = saturation.parameterNames.map((name) => channel.saturation[name]);
  const saturated = new Float64Array(n);
  saturation.apply(adstocked, n, saturationParameters, saturated, slope, saturationDerivatives, n);
  for (let t = 0; t < n; t++) saturated[t] *= scales.factor;
  return saturated;
}

/**
 * Each channel's total contribution over the first `weeks` weeks when its data spend is scaled by
 * each multiplier m (a response curve's points). Adstock is a weighted sum, so it is linear in
 * spend and its lag sums are computed once per channel; only the saturation is evaluated per m:
 *
 *   R_c(m) = ȳ · β_c · Σ_{t<weeks} h(m · a_c,t),   a_c,t = Σₗ wₗ xₜ₋ₗ,c / max x_c
 *
 * The same numbers as summing `channelContribution` of m · x, up to rounding (m · Σ vs Σ of m · x;
 * a saturation with `scaledSums`, such as Hill, also evaluates h in another form).
 * Returns one array per channel, indexed by multiplier.
 */
export function scaledChannelTotals(
  spec: ModelSpec,
  design: MmmDesign,
  parameters: MmmParameters,
  multipliers: Float64Array,
  weeks: number,
  scratch: ComponentsScratch = createComponentsScratch(spec, false),
): Float64Array[] {
  return parameters.channels.map((channel, c) => {
    const totals = new Float64Array(multipliers.length);
    addScaledTotals(
      spec,
      channel,
      design.spend[c],
      {
        spendScale: design.spendScale[c],
        factor: design.kpiScale * channel.coefficient,
      },
      multipliers,
      weeks,
      totals,
      scratch,
    );
    return totals;
  });
}

/**
 * Adds factor · Σ_{t<weeks} h(m · aₜ) to `out[k]` for each multiplier m = multipliers[k], with
 * aₜ = Σₗ wₗ xₜ₋ₗ / spendScale of raw weekly `spend`: one channel's part of `scaledChannelTotals`
 * (a geo model adds one per geo).
 */
export function addScaledTotals(
  spec: ModelSpec,
  channel: Pick<ChannelParameters, 'adstock' | 'saturation'>,
  spend: ArrayLike<number>,
  scales: { readonly spendScale: number; readonly factor: number },
  multipliers: Float64Array,
  weeks: number,
  out: Float64Array,
  scratch: ComponentsScratch = createComponentsScratch(spec, false),
): void {
  const saturation = scratch.saturation;
  const { adstocked, slope, saturationDerivatives } = scratch.buffers(weeks);
  const lags = new Float64Array(weeks);
  scaledAdstock(
    spend,
    scratch.lagWeights(channel.adstock),
    spec.maxLag,
    weeks,
    scales.spendScale,
    lags,
  );
  const saturationParameters = saturation.parameterNames.map((name) => channel.saturation[name]);
  const sums = new Float64Array(multipliers.length);
  if (saturation.scaledSums)
    saturation.scaledSums(lags, weeks, saturationParameters, multipliers, sums);
  else {
    const saturated = new Float64Array(weeks);
    multipliers.forEach((m, k) => {
      for (let t = 0; t < weeks; t++) adstocked[t] = m * lags[t];
      saturation.apply(
        adstocked,
        weeks,
        saturationParameters,
        saturated,
        slope,
        saturationDerivatives,
        weeks,
      );
      let total = 0;
      for (let t = 0; t < weeks; t++) total += saturated[t];
      sums[k] = total;
    });
  }
  for (let k = 0; k < sums.length; k++) out[k] += scales.factor * sums[k];
}

/**
 * `computeComponents` bound to one spec and design with a shared scratch: what a target's
 * `components` runs, many times over the same draws (fit report, planner). The channels are
 * computed at once; the baseline terms and the mean on first read, since most scenario passes
 * (response curves, marginal ROI) read only the channels. Same numbers as computeComponents.
 */
export function componentsEvaluator(
  spec: ModelSpec,
  design: MmmDesign,
): (parameters: MmmParameters, spend?: readonly Float64Array[]) => MmmComponents {
  const scratch = createComponentsScratch(spec);
  return (parameters, spend = design.spend) =>
    new LazyComponents(design, parameters, channelsOf(spec, design, parameters, spend, scratch));
}

/**
 * Channels given; baseline terms and mean computed on first read. A class (getters on its
 * prototype) is far cheaper to create than an object literal with getters, but its baseline terms
 * and mean are not own properties: read them, don't spread or clone the object.
 */
class LazyComponents implements MmmComponents {
  readonly #design: MmmDesign;
  readonly #parameters: MmmParameters;
  #baseline: BaselineComponents | null = null;
  #mean: Float64Array | null = null;

  constructor(
    design: MmmDesign,
    parameters: MmmParameters,
    readonly channels: readonly Float64Array[],
  ) {
    this.#design = design;
    this.#parameters = parameters;
  }

  #base(): BaselineComponents {
    return (this.#baseline ??= baselineOf(this.#design, this.#parameters));
  }
  get intercept(): Float64Array {
    return this.#base().intercept;
  }
  get trend(): Float64Array {
    return this.#base().trend;
  }
  get seasonality(): Float64Array {
    return this.#base().seasonality;
  }
  get controls(): Float64Array {
    return this.#base().controls;
  }
  get mean(): Float64Array {
    return (this.#mean ??= meanOf(this.#design.weeks, this.#base(), this.channels));
  }
}

type BaselineComponents = Pick<MmmComponents, 'intercept' | 'trend' | 'seasonality' | 'controls'>;

function baselineOf(design: MmmDesign, parameters: MmmParameters): BaselineComponents {
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
  return { intercept, trend, seasonality, controls };
}

function channelsOf(
  spec: ModelSpec,
  design: MmmDesign,
  parameters: MmmParameters,
  spend: readonly Float64Array[],
  scratch: ComponentsScratch,
): Float64Array[] {
  return parameters.channels.map((channel, c) =>
    channelContribution(spec, design, channel, c, spend[c], scratch),
  );
}

function meanOf(
  weeks: number,
  baseline: BaselineComponents,
  channels: readonly Float64Array[],
): Float64Array {
  const { intercept, trend, seasonality, controls } = baseline;
  const mean = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) {
    let m = intercept[t] + trend[t] + seasonality[t] + controls[t];
    for (const contribution of channels) m += contribution[t];
    mean[t] = m;
  }
  return mean;
}

/** All components of the mean, KPI units; `spend` replaces the data's raw spend per channel. */
export function computeComponents(
  spec: ModelSpec,
  design: MmmDesign,
  parameters: MmmParameters,
  spend: readonly Float64Array[] = design.spend,
  scratch: ComponentsScratch = createComponentsScratch(spec, false),
): MmmComponents {
  const baseline = baselineOf(design, parameters);
  const channels = channelsOf(spec, design, parameters, spend, scratch);
  return { ...baseline, channels, mean: meanOf(design.weeks, baseline, channels) };
}
