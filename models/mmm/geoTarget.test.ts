import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { gradientCheck, jitteredPoints } from '../testing/gradientCheck';
import { simulateGeoMmmData } from '../testing/simulateGeoMmmData';
import { priorLogDensity } from './distributions';
import { createGeoMmmTarget, type GeoMmmTarget } from './geoTarget';
import type { GeoMmmInput } from './geoTypes';
import { data, geoTestCases, startOf } from './geoTestCases';

const normalLog = (x: number, m: number, s: number) =>
  -0.5 * ((x - m) / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);

/** log p by hand: priors + log-Jacobians, b_g ~ N(b̄, τ_b), and the likelihood of the plain forward pass. */
function logDensityByHand(target: GeoMmmTarget, position: Float64Array): number {
  const { geoLayout: layout, geoDesign: design } = target;
  const p = target.constrain(position);
  const scratch = new Float64Array(1);
  let total = 0;
  layout.coordinates.forEach((coordinate, i) => {
    if (coordinate.deferredPrior) return;
    const u = position[i];
    const { transform, prior } = coordinate;
    if (transform.kind === 'identity') total += priorLogDensity(prior, u, scratch, 0);
    else if (transform.kind === 'log') total += priorLogDensity(prior, Math.exp(u), scratch, 0) + u;
    else {
      const s = 1 / (1 + Math.exp(-u));
      const width = transform.upper - transform.lower;
      const value = prior.distribution === 'beta' ? s : transform.lower + width * s;
      total +=
        priorLogDensity(prior, value, scratch, 0) -
        (prior.distribution === 'beta' ? Math.log(width) : 0) +
        Math.log(width * s * (1 - s));
    }
  });
  p.geo.intercepts.forEach((b) => (total += normalLog(b, p.intercept, p.geo.interceptSpread)));
  // Per-geo means from the plain forward pass, one geo at a time (spend zero elsewhere).
  const geos = design.geoNames.length;
  for (let g = 0; g < geos; g++) {
    const only = design.spend.map((series) =>
      series.map((v, i) => (Math.floor(i / design.weeks) === g ? v : 0)),
    );
    const parts = target.geoComponents(p, only).national;
    // Baseline of geo g alone: b_g and the shared terms, scaled by ȳ w_g.
    const scale = design.kpiScale * design.weights[g];
    for (let t = 0; t < design.trainingWeeks; t++) {
      let baseline = p.geo.intercepts[g] + p.trend * design.trend[t];
      let seasonal = 0;
      design.seasonality.forEach((feature, k) => (seasonal += p.seasonality[k] * feature[t]));
      baseline += p.geo.seasonalityAmplitudes[g] * seasonal;
      design.scaledControls.forEach(
        (feature, j) => (baseline += p.controls[j] * feature[g * design.weeks + t]),
      );
      let media = 0;
      for (const channel of parts.channels) media += channel[t];
      const mean = baseline + media / scale;
      total += normalLog(design.scaledKpi[g * design.weeks + t], mean, p.noise);
    }
  }
  return total;
}

describe('createGeoMmmTarget log density', () => {
  it('equals an independent computation from the plain forward pass', () => {
    const target = createGeoMmmTarget({
      spec: { fourierOrder: 1 },
      geo: { seasonalityByGeo: true },
      data,
    });
    for (const seed of [1, 2]) {
      const position = startOf(target, seed, 0.3);
      const value = target.logDensityAndGradient(position, new Float64Array(target.dimension));
      expect(value).toBeCloseTo(logDensityByHand(target, position), 7);
    }
    expect(target.parameterNames.length).toBe(target.dimension);
    // 4 levels, b̄, τ_b, trend, 2 Fourier, 3 amplitude contrasts, 1 control, 2 × (ROI, α, K, S,
    // τ, 3 deviation contrasts), σ.
    expect(target.dimension).toBe(4 + 2 + 1 + 2 + 3 + 1 + 2 * 8 + 1);
  });

  it('makes the national ROI coordinate exactly Σ contribution / Σ spend over every geo', () => {
    const target = createGeoMmmTarget({ spec: {}, data });
    const p = target.constrain(startOf(target, 5, 0.4));
    const { channelTotals } = target.geoComponents(p);
    const { geoDesign: design } = target;
    const geos = design.geoNames.length;
    p.channels.forEach((channel, c) => {
      let contribution = 0;
      for (let g = 0; g < geos; g++) {
        contribution += channelTotals[c * geos + g];
        expect(p.geo.channels[c].roi[g]).toBeCloseTo(
          channelTotals[c * geos + g] / design.geoSpendTotal[c * geos + g],
          10,
        );
      }
      expect(contribution / design.spendTotal[c]).toBeCloseTo(channel.roi, 10);
    });
  });
});

describe('createGeoMmmTarget gradient', () => {
  it.each(geoTestCases)('matches central differences: %s', (_name, input) => {
    const target = createGeoMmmTarget(input);
    const points = jitteredPoints(startOf(target, 0, 0), 3, 0.4, createRng(17));
    const result = gradientCheck((u, g) => target.logDensityAndGradient(u, g), points);
    expect(result.maxRelativeError).toBeLessThan(1e-5);
  });
});

describe('createGeoMmmTarget constrain, unconstrain and components', () => {
  it('unconstrain inverts constrain', () => {
    const target = createGeoMmmTarget({ spec: {}, geo: { seasonalityByGeo: true }, data });
    const position = startOf(target, 4, 0.3);
    const back = target.unconstrain(target.constrain(position));
    back.forEach((u, i) => expect(u).toBeCloseTo(position[i], 8));
  });

  it('national components are the sums over geos, and the national spend allocates back to each geo', () => {
    const target = createGeoMmmTarget({ spec: {}, data });
    const p = target.constrain(startOf(target, 6, 0.3));
    const fromGeo = target.geoComponents(p).national;
    const fromNational = target.components(p, target.design.spend);
    for (let t = 0; t < target.design.weeks; t++) {
      expect(fromNational.mean[t]).toBeCloseTo(fromGeo.mean[t], 6);
      fromGeo.channels.forEach((series, c) =>
        expect(fromNational.channels[c][t]).toBeCloseTo(series[t], 6),
      );
    }
    // Doubling the national spend doubles every geo's: more KPI, never less.
    const doubled = target.components(
      p,
      target.design.spend.map((series) => series.map((v) => 2 * v)),
    );
    fromGeo.channels.forEach((series, c) => {
      const sum = (values: Float64Array) => values.reduce((a, b) => a + b, 0);
      expect(sum(doubled.channels[c])).toBeGreaterThan(sum(series));
    });
  });

  it('predicts a geo lift test as the contribution lost in that geo when its window spend is removed', () => {
    const experiment = {
      channel: 'channel1',
      startDate: data.dates[12],
      endDate: data.dates[15],
      measuredLift: 100,
      standardError: 30,
      geo: 'geo3',
    };
    const target = createGeoMmmTarget({ spec: {}, data, experiments: [experiment] });
    const position = startOf(target, 8, 0.3);
    const p = target.constrain(position);
    const { weeks } = target.geoDesign;
    const removed = target.geoDesign.spend.map((series, c) =>
      series.map((v, i) => (c === 0 && i >= 2 * weeks + 12 && i <= 2 * weeks + 15 ? 0 : v)),
    );
    const before = target.geoComponents(p).channelTotals;
    const after = target.geoComponents(p, removed).channelTotals;
    const geos = target.geoDesign.geoNames.length;
    expect(target.liftPredictions(position)[0]).toBeCloseTo(before[2] - after[2], 6);
    // Other geos and channels are untouched.
    expect(after[1]).toBeCloseTo(before[1], 10);
    expect(after[geos + 2]).toBeCloseTo(before[geos + 2], 10);
  });
});

describe('buildGeoDesign (through createGeoMmmTarget)', () => {
  it('allocates national-only media by population share: equal per-capita spend in every geo', () => {
    const simulated = simulateGeoMmmData({
      geos: 3,
      weeks: 30,
      channels: 2,
      seed: 2,
      nationalChannels: [0],
    }).data;
    const target = createGeoMmmTarget({ spec: {}, data: simulated });
    const design = target.geoDesign;
    expect(design.nationalOnly).toEqual([true, false]);
    const population = simulated.population!;
    const total = population.reduce((a, b) => a + b, 0);
    for (let g = 0; g < 3; g++)
      for (let t = 0; t < 30; t++) {
        expect(design.spend[0][g * 30 + t]).toBeCloseTo(
          (simulated.spend[0][t] * population[g]) / total,
          8,
        );
        expect(design.scaledSpend[0][g * 30 + t]).toBeCloseTo(design.scaledSpend[0][t], 12);
      }
    expect(design.spendTotal[0]).toBeCloseTo(
      simulated.spend[0].reduce((a, b) => a + b, 0),
      6,
    );
  });

  it('refuses what it cannot fit, naming the problem', () => {
    const bad =
      (input: Partial<GeoMmmInput['data']>, spec = {}) =>
      () =>
        createGeoMmmTarget({ spec, data: { ...data, ...input } });
    expect(bad({ kpi: data.kpi.subarray(0, 10) })).toThrow(/KPI has 10 values; expected 160/);
    expect(bad({ population: Float64Array.of(1, 2, 0, 4) })).toThrow(
      /population of geo 'geo3' is 0/,
    );
    expect(bad({ geoNames: ['a'], kpi: data.kpi.subarray(0, 40) })).toThrow(/at least 2 geos/);
    expect(bad({ spend: [data.spend[0].subarray(0, 7), data.spend[1]] })).toThrow(
      /spend of channel 'channel1' has 7 values/,
    );
    expect(bad({}, { parametrisation: 'textbook' })).toThrow(/national model only/);
    expect(() =>
      createGeoMmmTarget({
        spec: {},
        data,
        experiments: [
          {
            channel: 'channel1',
            startDate: data.dates[3],
            endDate: data.dates[4],
            measuredLift: 1,
            standardError: 1,
            geo: 'mars',
          },
        ],
      }),
    ).toThrow(/unknown geo 'mars'/);
  });
});
