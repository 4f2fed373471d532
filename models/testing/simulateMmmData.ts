/**
 * Seeded simulated weekly national data with known truth, for tests of the MMM (the app's
 * sample-data generator lives in sample-data/; this one is small and local so model tests do not
 * depend on it). Generative model, KPI units:
 *
 *   x̃ₜ,c = xₜ,c / max x_c,   aₜ,c = Σₗ wₗ x̃ₜ₋ₗ,c (normalised geometric, L = 8, decay α_c),
 *   contribution_c,t = B_c · a^S/(a^S + K^S),
 *   yₜ = base · (1 + 0.1 sin(2π t / 52.18)) + 0.05·base·t/T + 0.02·base·zₜ + Σ_c contribution + ε,
 *   ε ~ Normal(0, noise · base).
 * Spend: a positive random walk per channel with on/off flights, so saturation is identifiable.
 */
import { geometricAdstockWeights } from '../transforms/geometricAdstock';
import type { Rng } from '../random/rng';
import { createRng } from '../random/rng';
import type { MmmData } from '../mmm/types';

export interface SimulationTruth {
  readonly decay: Float64Array;
  readonly halfSaturation: Float64Array;
  readonly shape: Float64Array;
  /** B_c: contribution at saturation, KPI units. */
  readonly plateau: Float64Array;
  readonly contributions: Float64Array[];
  /** Σ contribution / Σ spend per channel. */
  readonly roi: Float64Array;
}

export interface SimulationOptions {
  readonly weeks: number;
  readonly channels: number;
  readonly seed: number;
  /** Noise sd as a fraction of the baseline (default 0.03). */
  readonly noise?: number;
  readonly controls?: number;
}

function spendSeries(rng: Rng, weeks: number, level: number): Float64Array {
  const series = new Float64Array(weeks);
  let logLevel = 0;
  for (let t = 0; t < weeks; t++) {
    logLevel = 0.8 * logLevel + 0.35 * rng.normal();
    const on = rng.uniform() < 0.8 ? 1 : 0;
    series[t] = on * level * Math.exp(logLevel);
  }
  return series;
}

export function simulateMmmData(options: SimulationOptions): {
  data: MmmData;
  truth: SimulationTruth;
} {
  const { weeks, channels, seed } = options;
  const rng = createRng(seed);
  const noise = options.noise ?? 0.03;
  const base = 1000;
  const dates: string[] = [];
  const start = Date.UTC(2022, 0, 3);
  for (let t = 0; t < weeks; t++)
    dates.push(new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10));
  const decay = new Float64Array(channels);
  const halfSaturation = new Float64Array(channels);
  const shape = new Float64Array(channels);
  const plateau = new Float64Array(channels);
  const spend: Float64Array[] = [];
  const contributions: Float64Array[] = [];
  const roi = new Float64Array(channels);
  const maxLag = 8;
  const weights = new Float64Array(maxLag);
  for (let c = 0; c < channels; c++) {
    decay[c] = 0.2 + 0.5 * rng.uniform();
    halfSaturation[c] = 0.3 + 0.4 * rng.uniform();
    shape[c] = 1 + 2 * rng.uniform();
    plateau[c] = base * (0.15 + 0.25 * rng.uniform());
    const series = spendSeries(rng, weeks, 100 * (1 + c));
    spend.push(series);
    let max = 0;
    for (const v of series) max = Math.max(max, v);
    geometricAdstockWeights(decay[c], maxLag, weights, new Float64Array(maxLag));
    const contribution = new Float64Array(weeks);
    let totalSpend = 0;
    let totalContribution = 0;
    for (let t = 0; t < weeks; t++) {
      let a = 0;
      for (let l = 0; l < maxLag && l <= t; l++) a += (weights[l] * series[t - l]) / max;
      const h = a > 0 ? a ** shape[c] / (a ** shape[c] + halfSaturation[c] ** shape[c]) : 0;
      contribution[t] = plateau[c] * h;
      totalSpend += series[t];
      totalContribution += contribution[t];
    }
    contributions.push(contribution);
    roi[c] = totalContribution / totalSpend;
  }
  const controlCount = options.controls ?? 1;
  const controls = Array.from({ length: controlCount }, () =>
    Float64Array.from({ length: weeks }, () => rng.normal()),
  );
  const kpi = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) {
    let y =
      base * (1 + 0.1 * Math.sin((2 * Math.PI * t) / (365.25 / 7))) + (0.05 * base * t) / weeks;
    for (const control of controls) y += 0.02 * base * control[t];
    for (const contribution of contributions) y += contribution[t];
    kpi[t] = y + noise * base * rng.normal();
  }
  return {
    data: {
      dates,
      kpi,
      channelNames: Array.from({ length: channels }, (_, c) => `channel${c + 1}`),
      spend,
      controlNames: controls.map((_, j) => `control${j + 1}`),
      controls,
    },
    truth: { decay, halfSaturation, shape, plateau, contributions, roi },
  };
}
