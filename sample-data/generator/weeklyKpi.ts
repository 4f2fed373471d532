import type { Rng } from '../../models/random/rng';
import type { ChannelProfile } from './channels';
import type { ChannelTruth, ControlTruth, Truth } from './truth';
import { geometricAdstock } from './geometricAdstock';
import { hillSaturation } from './hillSaturation';
import { weeksPerYear } from './flighting';

export const maxLag = 8;
export const fourierOrder = 2;

/** h(a) of one channel: x̃ = x / max(x), a = normalised geometric adstock of x̃, h = Hill(a). */
export interface ChannelResponse {
  readonly scale: number;
  readonly adstocked: Float64Array;
  readonly saturated: Float64Array;
}

/** The response parameters of a channel (a `ChannelProfile` or a `ChannelTruth`). */
export type ResponseParameters = Pick<
  ChannelProfile,
  'name' | 'adstockDecay' | 'halfSaturation' | 'shape'
>;

export function channelResponse(spend: Float64Array, profile: ResponseParameters): ChannelResponse {
  let scale = 0;
  for (const value of spend) {
    if (!(value >= 0))
      throw new Error(`channel ${profile.name}: spend ${value} is negative or not a number`);
    scale = Math.max(scale, value);
  }
  if (scale === 0) throw new Error(`channel ${profile.name}: spend is zero in every week`);
  const scaled = spend.map((value) => value / scale);
  const adstocked = geometricAdstock(scaled, profile.adstockDecay, maxLag);
  const saturated = adstocked.map((value) =>
    hillSaturation(value, profile.halfSaturation, profile.shape),
  );
  return { scale, adstocked, saturated };
}

/** The yearly Fourier terms at week t: sin(2πkt/P), cos(2πkt/P), k = 1 … order. */
export function fourierTerms(week: number, order: number): { sin: number[]; cos: number[] } {
  const sin: number[] = [];
  const cos: number[] = [];
  for (let k = 1; k <= order; k++) {
    const angle = (2 * Math.PI * k * week) / weeksPerYear;
    sin.push(Math.sin(angle));
    cos.push(Math.cos(angle));
  }
  return { sin, cos };
}

export interface WeeklyKpiOptions {
  readonly seed: number;
  readonly dates: readonly string[];
  readonly channels: readonly ChannelProfile[];
  /** Raw national weekly spend per channel (currency). */
  readonly spend: readonly Float64Array[];
  /** Raw weekly controls, in the order of `controlNames` (price_index, promo, holiday). */
  readonly controls: readonly Float64Array[];
  readonly controlNames: readonly string[];
  /** Noise rng (only εₜ is drawn). */
  readonly rng: Rng;
  /** σ / mean expected KPI; 0.05 by default. */
  readonly noiseFraction?: number;
  /** Target Σ media / Σ expected KPI; 0.27 by default. */
  readonly mediaShare?: number;
}

/** Effects relative to the mean baseline B, per control name (per unit of the weekly control). */
const controlEffects: Readonly<Record<string, number>> = {
  price_index: -0.006,
  promo: 0.3,
  holiday: 0.12,
};
const trendEffect = 0.12;
const seasonalSinEffects = [0.07, 0.015];
const seasonalCosEffects = [0.035, -0.02];

/**
 * Assembles the weekly national KPI and its truth.
 *
 * 1. β_c = ROI_c · Σₜ x_c,t / Σₜ h_c(a_c,t), so each channel's ROI is exactly its profile's target.
 * 2. Mean baseline B = M̄ (1 − m) / m with M̄ the mean weekly media contribution and m the media share.
 * 3. trend = 0.12 B; γ = (0.07, 0.015) B; δ = (0.035, −0.02) B; θ = (−0.006, 0.3, 0.12) B for
 *    (price_index, promo, holiday); the intercept makes the mean baseline exactly B.
 * 4. σ = noiseFraction · mean expected KPI; yₜ = expectedₜ + σ zₜ.
 */
export function assembleWeeklyKpi(options: WeeklyKpiOptions): { kpi: Float64Array; truth: Truth } {
  const { dates, channels, spend, controls, controlNames, rng } = options;
  const weeks = dates.length;
  const noiseFraction = options.noiseFraction ?? 0.05;
  const mediaShareTarget = options.mediaShare ?? 0.27;
  if (!(noiseFraction >= 0)) throw new Error(`noise fraction ${noiseFraction} is negative`);
  if (!(mediaShareTarget > 0 && mediaShareTarget < 1))
    throw new Error(`media share ${mediaShareTarget} is outside (0, 1)`);
  if (spend.length !== channels.length)
    throw new Error(`${spend.length} spend series for ${channels.length} channels`);
  for (const series of [...spend, ...controls]) {
    if (series.length !== weeks)
      throw new Error(`a weekly series has ${series.length} values, expected ${weeks}`);
  }

  const media = new Float64Array(weeks);
  const contributions: Float64Array[] = [];
  const channelTruths: ChannelTruth[] = channels.map((profile, index) => {
    const response = channelResponse(spend[index], profile);
    // Spend is in whole cents; rounding the sum removes binary summation error.
    const totalSpend = Math.round(sum(spend[index]) * 100) / 100;
    const beta = (profile.roi * totalSpend) / sum(response.saturated);
    const contribution = response.saturated.map((value) => beta * value);
    contributions.push(contribution);
    for (let week = 0; week < weeks; week++) media[week] += contribution[week];
    const totalContribution = sum(contribution);
    return {
      name: profile.name,
      adstockDecay: profile.adstockDecay,
      halfSaturation: profile.halfSaturation,
      shape: profile.shape,
      beta,
      scale: response.scale,
      totalSpend,
      totalContribution,
      roi: totalContribution / totalSpend,
    };
  });

  const meanBaseline = (sum(media) / weeks) * ((1 - mediaShareTarget) / mediaShareTarget);
  const trend = trendEffect * meanBaseline;
  const seasonality = {
    sin: seasonalSinEffects.map((effect) => effect * meanBaseline),
    cos: seasonalCosEffects.map((effect) => effect * meanBaseline),
  };
  const controlTruths: ControlTruth[] = controlNames.map((name) => {
    const effect = controlEffects[name];
    if (effect === undefined) throw new Error(`no effect defined for control "${name}"`);
    return { name, coefficient: effect * meanBaseline };
  });
  const systematic = new Float64Array(weeks);
  for (let week = 0; week < weeks; week++) {
    const terms = fourierTerms(week, fourierOrder);
    let value = (trend * week) / weeks;
    for (let k = 0; k < fourierOrder; k++)
      value += seasonality.sin[k] * terms.sin[k] + seasonality.cos[k] * terms.cos[k];
    for (let control = 0; control < controls.length; control++)
      value += controlTruths[control].coefficient * controls[control][week];
    systematic[week] = value;
  }
  const intercept = meanBaseline - sum(systematic) / weeks;

  const expected = systematic.map((value, week) => intercept + value + media[week]);
  const meanExpected = sum(expected) / weeks;
  const sigma = noiseFraction * meanExpected;
  const noise = new Float64Array(weeks);
  for (let week = 0; week < weeks; week++) noise[week] = sigma * rng.normal();
  const kpi = expected.map((value, week) => value + noise[week]);
  const baseline = kpi.map((value, week) => value - media[week]);

  const byChannel = (series: readonly Float64Array[]): Record<string, number[]> =>
    Object.fromEntries(channels.map((profile, index) => [profile.name, Array.from(series[index])]));
  const truth: Truth = {
    seed: options.seed,
    weeks,
    maxLag,
    seasonalPeriodWeeks: weeksPerYear,
    intercept,
    trend,
    seasonality,
    controls: controlTruths,
    sigma,
    noiseFraction,
    meanKpi: sum(kpi) / weeks,
    mediaShare: sum(media) / sum(expected),
    channels: channelTruths,
    weekly: {
      dates: [...dates],
      kpi: Array.from(kpi),
      baseline: Array.from(baseline),
      noise: Array.from(noise),
      spend: byChannel(spend),
      contributions: byChannel(contributions),
    },
  };
  return { kpi, truth };
}

export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) total += values[index];
  return total;
}
