import { createRng } from '../../models/random/rng';
import { formatIsoDate, mondayWeekStarts, parseIsoDate } from './calendar';
import { selectChannels, type ChannelProfile } from './channels';
import { controlNames, dailyControls, weeklyMeans } from './controls';
import { toCents, weeklyBudgets, weeksPerYear } from './flighting';
import { geometricAdstock } from './geometricAdstock';
import { hillSaturation } from './hillSaturation';
import { fourierOrder, fourierTerms, maxLag, sum } from './weeklyKpi';

/**
 * A weekly geo data set drawn directly from the geo model's form (models/mmm/README.md, "The geo
 * model"), with every per-geo true effect known. Per geo g with population p_g and weight
 * w_g = p_g / mean p, all per capita (divided by w_g):
 *
 *   x̃_c,g,t = x_c,g,t / (w_g s_c),  s_c = max_{g,t} x_c,g,t / w_g
 *   h_c,g,t = Hill(normalised geometric adstock (L = 8) of x̃_c,g; K_c, S_c)
 *   β_c,g   = β_c · exp(τ z_c,g),  τ = `geoSpread` (0.3),  β_c set so the national ROI is the profile's
 *   y_g,t   = w_g [B (b_g + 0.12 t/T + Σₖ (γₖ sin + δₖ cos)(2πkt/P) + Σⱼ θⱼ zⱼ,ₜ) + Σ_c β_c,g h_c,g,t] + w_g σ εₜ
 *   b_g     = 1 + 0.15 z_g  (relative per-capita baselines)
 *
 * with the national generator's seasonality and control effects (γ = (0.07, 0.015), δ = (0.035,
 * −0.02), θ = (−0.006, 0.3, 0.12), all × B), B chosen so media is `mediaShare` of the expected KPI,
 * σ = `noiseFraction` × the mean per-capita expected KPI. Spend: each channel's national weekly
 * budgets (flighting.ts) split over geos by population share × a regional affinity e^{0.35 z}
 * × weekly noise e^{0.2 z}, in whole cents; `nationalChannels` are split by population share
 * alone and also returned as their national series (national-only media). Controls are national.
 * Deterministic in `seed`.
 */
export interface WeeklyGeoOptions {
  readonly geos: number;
  readonly weeks: number;
  readonly channels: number;
  readonly seed: number;
  /** σ / mean per-capita expected KPI (default 0.06: regional series are noisier). */
  readonly noiseFraction?: number;
  readonly mediaShare?: number;
  /** τ, the sd of log(β_c,g / β_c) (default 0.3). */
  readonly geoSpread?: number;
  /** Names of channels bought nationally only (e.g. ['tv']). */
  readonly nationalChannels?: readonly string[];
  readonly startDate?: string;
}

export interface GeoChannelTruth {
  readonly name: string;
  readonly adstockDecay: number;
  readonly halfSaturation: number;
  readonly shape: number;
  readonly nationalOnly: boolean;
  /** β_c (KPI units per unit of saturated response, for a geo of average population). */
  readonly beta: number;
  /** s_c, the largest per-capita weekly spend. */
  readonly scale: number;
  readonly totalSpend: number;
  readonly totalContribution: number;
  readonly roi: number;
  /** Per geo, in geo order. */
  readonly geoBeta: readonly number[];
  readonly geoSpend: readonly number[];
  readonly geoContribution: readonly number[];
  /** NaN (null in JSON) where the geo had no spend. */
  readonly geoRoi: readonly number[];
}

export interface GeoTruth {
  readonly seed: number;
  readonly weeks: number;
  readonly geos: readonly {
    readonly name: string;
    readonly population: number;
    readonly intercept: number;
  }[];
  readonly maxLag: number;
  readonly seasonalPeriodWeeks: number;
  /** B, the mean per-capita baseline of a geo of average population (KPI units per week). */
  readonly baselineLevel: number;
  readonly trend: number;
  readonly seasonality: { readonly sin: readonly number[]; readonly cos: readonly number[] };
  readonly controls: readonly { readonly name: string; readonly coefficient: number }[];
  readonly sigma: number;
  readonly noiseFraction: number;
  readonly geoSpread: number;
  readonly mediaShare: number;
  readonly channels: readonly GeoChannelTruth[];
}

export interface WeeklyGeoData {
  readonly dates: string[];
  readonly geoNames: string[];
  readonly population: Float64Array;
  /** G·T, geo-major. */
  readonly kpi: Float64Array;
  readonly channelNames: string[];
  /** G·T per channel, or T for national-only channels. */
  readonly spend: Float64Array[];
  readonly controls: { names: string[]; values: Float64Array[] };
  readonly truth: GeoTruth;
}

const controlEffects: Readonly<Record<string, number>> = {
  price_index: -0.006,
  promo: 0.3,
  holiday: 0.12,
};

export function generateWeeklyGeo(options: WeeklyGeoOptions): WeeklyGeoData {
  const { geos, weeks, seed } = options;
  if (!Number.isInteger(geos) || geos < 2) throw new Error(`geos ${geos} is not an integer ≥ 2`);
  if (!Number.isInteger(weeks) || weeks < 2)
    throw new Error(`weeks ${weeks} is not an integer ≥ 2`);
  const noiseFraction = options.noiseFraction ?? 0.06;
  const mediaShare = options.mediaShare ?? 0.27;
  const geoSpread = options.geoSpread ?? 0.3;
  const national = new Set(options.nationalChannels ?? []);
  const profiles: ChannelProfile[] = selectChannels(options.channels);
  for (const name of national)
    if (!profiles.some((p) => p.name === name))
      throw new Error(`no channel '${name}' to buy nationally`);
  const rng = createRng(seed);
  const weekStarts = mondayWeekStarts(parseIsoDate(options.startDate ?? '2022-01-03'), weeks);
  const dates = weekStarts.map(formatIsoDate);

  const geoRng = rng.fork(1);
  const population = Float64Array.from({ length: geos }, () =>
    Math.round(250_000 * Math.exp(0.6 * geoRng.normal())),
  );
  const meanPopulation = sum(population) / geos;
  const weights = population.map((p) => p / meanPopulation);
  const intercepts = Float64Array.from({ length: geos }, () => 1 + 0.15 * geoRng.normal());
  const geoNames = Array.from({ length: geos }, (_, g) => `geo_${String(g + 1).padStart(2, '0')}`);

  // Spend: national budgets split over geos (whole cents).
  const spend: Float64Array[] = [];
  const geoSpend: Float64Array[] = profiles.map((profile, c) => {
    const budgets = weeklyBudgets(profile, weekStarts, rng.fork(100 + c));
    const split = rng.fork(300 + c);
    const affinity = Float64Array.from({ length: geos }, () =>
      national.has(profile.name) ? 1 : Math.exp(0.35 * split.normal()),
    );
    const shares = weights.map((w, g) => w * affinity[g]);
    const shareTotal = sum(shares);
    const values = new Float64Array(geos * weeks);
    const nationalSeries = new Float64Array(weeks);
    for (let t = 0; t < weeks; t++) {
      const nationalCents = toCents(budgets[t]);
      nationalSeries[t] = nationalCents / 100;
      for (let g = 0; g < geos; g++) {
        const noise = national.has(profile.name) ? 1 : Math.exp(0.2 * split.normal());
        values[g * weeks + t] = national.has(profile.name)
          ? (nationalSeries[t] * population[g]) / sum(population)
          : toCents((budgets[t] * shares[g] * noise) / shareTotal) / 100;
      }
    }
    spend.push(national.has(profile.name) ? nationalSeries : values);
    return values;
  });

  // Media per geo.
  const effects = rng.fork(2);
  const contributions = new Float64Array(geos * weeks);
  const channelTruths: GeoChannelTruth[] = profiles.map((profile, c) => {
    const values = geoSpend[c];
    let scale = 0;
    for (let g = 0; g < geos; g++)
      for (let t = 0; t < weeks; t++) scale = Math.max(scale, values[g * weeks + t] / weights[g]);
    const saturated = geoNames.map((_, g) => {
      const scaled = values
        .subarray(g * weeks, (g + 1) * weeks)
        .map((x) => x / (weights[g] * scale));
      return geometricAdstock(scaled, profile.adstockDecay, maxLag).map((a) =>
        hillSaturation(a, profile.halfSaturation, profile.shape),
      );
    });
    const deviation = geoNames.map(() => Math.exp(geoSpread * effects.normal()));
    const geoSpendTotals = geoNames.map((_, g) => sum(values.subarray(g * weeks, (g + 1) * weeks)));
    const totalSpend = sum(geoSpendTotals);
    const normaliser = sum(geoNames.map((_, g) => weights[g] * deviation[g] * sum(saturated[g])));
    const beta = (profile.roi * totalSpend) / normaliser;
    const geoContribution = geoNames.map((_, g) => {
      let total = 0;
      for (let t = 0; t < weeks; t++) {
        const value = weights[g] * beta * deviation[g] * saturated[g][t];
        contributions[g * weeks + t] += value;
        total += value;
      }
      return total;
    });
    const totalContribution = sum(geoContribution);
    return {
      name: profile.name,
      adstockDecay: profile.adstockDecay,
      halfSaturation: profile.halfSaturation,
      shape: profile.shape,
      nationalOnly: national.has(profile.name),
      beta,
      scale,
      totalSpend,
      totalContribution,
      roi: totalContribution / totalSpend,
      geoBeta: deviation.map((d) => beta * d),
      geoSpend: geoSpendTotals,
      geoContribution,
      geoRoi: geoContribution.map((value, g) =>
        geoSpendTotals[g] > 0 ? value / geoSpendTotals[g] : Number.NaN,
      ),
    };
  });

  // Baseline: B from the media share, shared trend, seasonality and national controls.
  const days = Array.from({ length: weeks * 7 }, (_, index) => weekStarts[0] + index);
  const daily = dailyControls(days, rng.fork(3));
  const controls = [
    weeklyMeans(daily.priceIndex, weeks),
    weeklyMeans(daily.promo, weeks),
    weeklyMeans(daily.holiday, weeks),
  ];
  const meanMediaPerCapita = sum(contributions) / sum(weights) / weeks;
  const baselineLevel = meanMediaPerCapita * ((1 - mediaShare) / mediaShare);
  const trend = 0.12 * baselineLevel;
  const seasonality = {
    sin: [0.07, 0.015].map((e) => e * baselineLevel),
    cos: [0.035, -0.02].map((e) => e * baselineLevel),
  };
  const controlTruths = controlNames.map((name) => ({
    name,
    coefficient: controlEffects[name] * baselineLevel,
  }));
  const shared = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) {
    const terms = fourierTerms(t, fourierOrder);
    let value = (trend * t) / weeks;
    for (let k = 0; k < fourierOrder; k++)
      value += seasonality.sin[k] * terms.sin[k] + seasonality.cos[k] * terms.cos[k];
    controls.forEach((series, j) => (value += controlTruths[j].coefficient * series[t]));
    shared[t] = value;
  }
  // Each geo's mean baseline is B·b_g: the shared terms are centred over the weeks.
  const sharedMean = sum(shared) / weeks;
  let expectedTotal = 0;
  const expected = new Float64Array(geos * weeks);
  for (let g = 0; g < geos; g++)
    for (let t = 0; t < weeks; t++) {
      const i = g * weeks + t;
      expected[i] =
        weights[g] * (baselineLevel * intercepts[g] + shared[t] - sharedMean) + contributions[i];
      expectedTotal += expected[i] / weights[g];
    }
  const sigma = noiseFraction * (expectedTotal / (geos * weeks));
  const noise = rng.fork(4);
  const kpi = expected.map(
    (value, i) => value + weights[Math.floor(i / weeks)] * sigma * noise.normal(),
  );

  return {
    dates,
    geoNames,
    population,
    kpi,
    channelNames: profiles.map((p) => p.name),
    spend,
    controls: { names: [...controlNames], values: controls },
    truth: {
      seed,
      weeks,
      geos: geoNames.map((name, g) => ({
        name,
        population: population[g],
        intercept: baselineLevel * intercepts[g] - sharedMean,
      })),
      maxLag,
      seasonalPeriodWeeks: weeksPerYear,
      baselineLevel,
      trend,
      seasonality,
      controls: controlTruths,
      sigma,
      noiseFraction,
      geoSpread,
      mediaShare: sum(contributions) / sum(expected),
      channels: channelTruths,
    },
  };
}
