/**
 * Seeded simulated weekly geo data with known per-geo truth, for tests of the geo model (small and
 * local, as simulateMmmData.ts; the sample-data generator has the richer geo set). Per geo g with
 * population p_g and per capita (KPI and spend divided by p_g / mean p):
 *
 *   x̃_c,g,t = x_c,g,t / (w_g max_{g,t} x/w),   a = normalised geometric adstock (L = 8, α_c),
 *   contribution_c,g,t = w_g B_c e^{0.3 z_c,g} h(a; K_c, S_c)            (Hill),
 *   y_g,t = w_g base (b_g + 0.1 sin(2π t / 52.18) + 0.05 t/T + 0.02 zₜ) + Σ_c contribution + ε,
 *   ε ~ Normal(0, noise · base · w_g),   b_g = 1 + 0.15 z_g.
 * Spend: a national random walk with on/off flights per channel, split by population share × a
 * geo affinity e^{0.25 z}; `nationalChannels` are given as one national series instead.
 */
import type { GeoMmmData } from '../mmm/geoTypes';
import { createRng } from '../random/rng';
import { geometricAdstockWeights } from '../transforms/geometricAdstock';

export interface GeoSimulationOptions {
  readonly geos: number;
  readonly weeks: number;
  readonly channels: number;
  readonly seed: number;
  /** Noise sd as a fraction of a geo's baseline (default 0.03). */
  readonly noise?: number;
  /** Give populations (default true); without, every geo is the same size. */
  readonly population?: boolean;
  /** Channels whose spend is one national series, allocated by population share. */
  readonly nationalChannels?: readonly number[];
  readonly controls?: number;
}

export interface GeoSimulationTruth {
  readonly decay: Float64Array;
  readonly halfSaturation: Float64Array;
  readonly shape: Float64Array;
  /** ROI per channel and geo at [c·G + g]; national ROI per channel. */
  readonly geoRoi: Float64Array;
  readonly roi: Float64Array;
}

export function simulateGeoMmmData(options: GeoSimulationOptions): {
  data: GeoMmmData;
  truth: GeoSimulationTruth;
} {
  const { geos, weeks, channels, seed } = options;
  const rng = createRng(seed);
  const noise = options.noise ?? 0.03;
  const base = 1000;
  const maxLag = 8;
  const dates: string[] = [];
  const start = Date.UTC(2022, 0, 3);
  for (let t = 0; t < weeks; t++)
    dates.push(new Date(start + t * 7 * 86_400_000).toISOString().slice(0, 10));
  const sizes = Float64Array.from({ length: geos }, () => Math.exp(0.5 * rng.normal()));
  const meanSize = sizes.reduce((a, b) => a + b, 0) / geos;
  const weights =
    options.population === false ? new Float64Array(geos).fill(1) : sizes.map((p) => p / meanSize);
  const share = weights.map((w) => w / geos);
  const national = new Set(options.nationalChannels ?? []);

  const decay = new Float64Array(channels);
  const halfSaturation = new Float64Array(channels);
  const shape = new Float64Array(channels);
  const geoRoi = new Float64Array(channels * geos);
  const roi = new Float64Array(channels);
  const contributions = new Float64Array(geos * weeks);
  const lagWeights = new Float64Array(maxLag);
  const spend: Float64Array[] = [];
  for (let c = 0; c < channels; c++) {
    decay[c] = 0.2 + 0.5 * rng.uniform();
    halfSaturation[c] = 0.3 + 0.4 * rng.uniform();
    shape[c] = 1 + 1.5 * rng.uniform();
    const plateau = base * (0.1 + 0.2 * rng.uniform());
    const nationalSpend = new Float64Array(weeks);
    let level = 0;
    for (let t = 0; t < weeks; t++) {
      level = 0.8 * level + 0.35 * rng.normal();
      nationalSpend[t] = (rng.uniform() < 0.8 ? 1 : 0) * 100 * geos * (1 + c) * Math.exp(level);
    }
    const affinity = Float64Array.from({ length: geos }, () =>
      national.has(c) ? 1 : Math.exp(0.25 * rng.normal()),
    );
    const geoSpend = new Float64Array(geos * weeks);
    let scale = 0;
    for (let g = 0; g < geos; g++)
      for (let t = 0; t < weeks; t++) {
        const x = nationalSpend[t] * share[g] * affinity[g];
        geoSpend[g * weeks + t] = x;
        scale = Math.max(scale, x / weights[g]);
      }
    spend.push(national.has(c) ? nationalSpend : geoSpend);
    geometricAdstockWeights(decay[c], maxLag, lagWeights, new Float64Array(maxLag));
    let totalSpend = 0;
    let totalContribution = 0;
    for (let g = 0; g < geos; g++) {
      const effect = plateau * Math.exp(0.3 * rng.normal());
      let geoSpendTotal = 0;
      let geoContribution = 0;
      for (let t = 0; t < weeks; t++) {
        let a = 0;
        for (let l = 0; l < maxLag && l <= t; l++)
          a += (lagWeights[l] * geoSpend[g * weeks + t - l]) / (weights[g] * scale);
        const h = a > 0 ? a ** shape[c] / (a ** shape[c] + halfSaturation[c] ** shape[c]) : 0;
        const contribution = weights[g] * effect * h;
        contributions[g * weeks + t] += contribution;
        geoSpendTotal += geoSpend[g * weeks + t];
        geoContribution += contribution;
      }
      geoRoi[c * geos + g] = geoContribution / geoSpendTotal;
      totalSpend += geoSpendTotal;
      totalContribution += geoContribution;
    }
    roi[c] = totalContribution / totalSpend;
  }
  const controlCount = options.controls ?? 1;
  const controls = Array.from({ length: controlCount }, () =>
    Float64Array.from({ length: weeks }, () => rng.normal()),
  );
  const kpi = new Float64Array(geos * weeks);
  for (let g = 0; g < geos; g++) {
    const intercept = 1 + 0.15 * rng.normal();
    for (let t = 0; t < weeks; t++) {
      let y = intercept + 0.1 * Math.sin((2 * Math.PI * t) / (365.25 / 7)) + (0.05 * t) / weeks;
      for (const control of controls) y += 0.02 * control[t];
      kpi[g * weeks + t] =
        weights[g] * base * (y + noise * rng.normal()) + contributions[g * weeks + t];
    }
  }
  return {
    data: {
      dates,
      geoNames: Array.from({ length: geos }, (_, g) => `geo${g + 1}`),
      population: options.population === false ? null : sizes.map((p) => p * 1e5),
      kpi,
      channelNames: Array.from({ length: channels }, (_, c) => `channel${c + 1}`),
      spend,
      controlNames: controls.map((_, j) => `control${j + 1}`),
      controls,
    },
    truth: { decay, halfSaturation, shape, geoRoi, roi },
  };
}
