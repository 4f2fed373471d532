import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { gradientCheck, jitteredPoints } from '../testing/gradientCheck';
import { simulateMmmData } from '../testing/simulateMmmData';
import { priorCentrePosition } from './parametrisation';
import type { AdstockKind, LikelihoodKind, Parametrisation, SaturationKind } from './spec';
import { fitMapPosition } from './map';
import { createMmmTarget } from './target';
import type { LiftTest, MmmInput } from './types';

const { data } = simulateMmmData({ weeks: 36, channels: 2, seed: 7 });
const experiment: LiftTest = {
  channel: 'channel1',
  startDate: data.dates[10],
  endDate: data.dates[13],
  measuredLift: 150,
  standardError: 40,
};

const normalLog = (x: number, m: number, s: number) =>
  -0.5 * ((x - m) / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);

describe('createMmmTarget log density', () => {
  it.each(['roi', 'textbook'] as const)(
    'equals an independent computation (%s, geometric + Hill, Normal)',
    (parametrisation) => {
      const target = createMmmTarget({
        spec: { parametrisation, fourierOrder: 1, holdoutWeeks: 4 },
        data,
      });
      const rng = createRng(1);
      const position = priorCentrePosition(target.layout).map((u) => u + 0.3 * rng.normal());
      const p = target.constrain(position);
      const { design } = target;
      // Priors written out by hand (defaults of resolveModelSpec) with the log-Jacobians of the transforms.
      let expected = normalLog(p.intercept, 0.5, 1) + normalLog(p.trend, 0, 0.5);
      p.seasonality.forEach((s) => (expected += normalLog(s, 0, 0.25)));
      p.controls.forEach((s) => (expected += normalLog(s, 0, 0.5)));
      expected +=
        Math.log(2) -
        0.5 * (p.noise / 0.25) ** 2 -
        Math.log(0.25) -
        0.5 * Math.log(2 * Math.PI) +
        Math.log(p.noise);
      for (const channel of p.channels) {
        if (parametrisation === 'roi') {
          // LogNormal(ROI) × Jacobian ROI, with the data-derived default (mediaSharePrior.test.ts checks μ, σ).
          const roiPrior = target.spec.channelPriors.roi;
          if (roiPrior.distribution !== 'logNormal')
            throw new Error('default ROI prior is logNormal');
          expected += normalLog(Math.log(channel.roi), roiPrior.mu, roiPrior.sigma);
        } else {
          expected +=
            Math.log(2) + normalLog(channel.coefficient, 0, 1) + Math.log(channel.coefficient);
        }
        const { decay } = channel.adstock;
        const { halfSaturation, shape } = channel.saturation;
        expected += Math.log(6 * decay * (1 - decay)) + Math.log(decay * (1 - decay));
        expected +=
          Math.log(6 * halfSaturation * (1 - halfSaturation)) +
          Math.log(halfSaturation * (1 - halfSaturation));
        // Gamma(3, 2): 2³ S² e^(−2S) / Γ(3), plus the log-transform's Jacobian log S.
        expected += Math.log(4 * shape * shape * Math.exp(-2 * shape)) + Math.log(shape);
      }
      const components = target.components(p);
      for (let t = 0; t < design.trainingWeeks; t++) {
        expected += normalLog(
          data.kpi[t] / design.kpiScale,
          components.mean[t] / design.kpiScale,
          p.noise,
        );
      }
      const value = target.logDensityAndGradient(position, new Float64Array(target.dimension));
      expect(value).toBeCloseTo(expected, 8);
      expect(target.parameterNames.length).toBe(target.dimension);
    },
  );

  it('gives ROI = Σ contribution / Σ spend and β = ROI Σ spend / (ȳ Σ h) (the identity behind the roi parametrisation)', () => {
    for (const parametrisation of ['roi', 'textbook'] as const) {
      const target = createMmmTarget({ spec: { parametrisation }, data });
      const position = priorCentrePosition(target.layout).map((u, i) => u + 0.1 * Math.sin(i));
      const p = target.constrain(position);
      const components = target.components(p);
      p.channels.forEach((channel, c) => {
        const contribution = components.channels[c].reduce((a, b) => a + b);
        const spend = data.spend[c].reduce((a, b) => a + b);
        expect(channel.roi).toBeCloseTo(contribution / spend, 10);
      });
      const back = target.unconstrain(p);
      back.forEach((u, i) => expect(u).toBeCloseTo(position[i], 10));
    }
  });

  it('implies the lift a brute-force counterfactual gives (spend zeroed in the window, carry-over included)', () => {
    for (const adstock of ['geometric', 'delayed', 'weibullPdf'] as const) {
      const target = createMmmTarget({
        spec: { adstock },
        data,
        experiments: [
          experiment,
          {
            ...experiment,
            channel: 'channel2',
            startDate: data.dates[30],
            endDate: data.dates[33],
          },
        ],
      });
      const position = priorCentrePosition(target.layout).map((u, i) => u + 0.2 * Math.cos(i));
      const p = target.constrain(position);
      const lifts = target.liftPredictions(position);
      [
        [0, 10, 13],
        [1, 30, 33],
      ].forEach(([channel, start, end], e) => {
        const zeroed = data.spend.map((s, c) =>
          c === channel ? s.map((v, t) => (t >= start && t <= end ? 0 : v)) : s,
        );
        const actual = target.components(p).channels[channel];
        const counterfactual = target.components(p, zeroed).channels[channel];
        let brute = 0;
        for (let t = 0; t < target.design.trainingWeeks; t++)
          brute += actual[t] - counterfactual[t];
        expect(lifts[e]).toBeCloseTo(brute, 8);
        expect(brute).toBeGreaterThan(0);
      });
    }
  });
});

describe('createMmmTarget gradient matches central differences', () => {
  const adstocks: AdstockKind[] = ['geometric', 'delayed', 'weibullCdf', 'weibullPdf'];
  const saturations: SaturationKind[] = ['hill', 'logistic', 'michaelisMenten'];
  const likelihoods: LikelihoodKind[] = ['normal', 'student-t'];
  const parametrisations: Parametrisation[] = ['roi', 'textbook'];
  const cases: [AdstockKind, SaturationKind, LikelihoodKind, Parametrisation][] = [];
  for (const a of adstocks)
    for (const s of saturations)
      for (const l of likelihoods) for (const p of parametrisations) cases.push([a, s, l, p]);

  it.each(cases)(
    '%s × %s × %s × %s, with and without lift tests',
    (adstock, saturation, likelihood, parametrisation) => {
      for (const experiments of [[], [experiment]]) {
        const input: MmmInput = {
          spec: {
            adstock,
            saturation,
            likelihood,
            parametrisation,
            fourierOrder: 1,
            holdoutWeeks: 3,
          },
          data,
          experiments,
        };
        const target = createMmmTarget(input);
        const rng = createRng(
          adstocks.indexOf(adstock) * 100 +
            saturations.indexOf(saturation) * 10 +
            experiments.length,
        );
        const points = jitteredPoints(priorCentrePosition(target.layout), 3, 0.5, rng);
        const result = gradientCheck((u, g) => target.logDensityAndGradient(u, g), points);
        expect(
          result.maxRelativeError,
          JSON.stringify({ ...result.worst, name: target.parameterNames[result.worst.index] }),
        ).toBeLessThan(2e-6);
      }
    },
  );
});

describe('createMmmTarget input errors', () => {
  it('names what and where', () => {
    const kpi = Float64Array.from(data.kpi);
    kpi[5] = Number.NaN;
    expect(() => createMmmTarget({ spec: {}, data: { ...data, kpi } })).toThrow(
      /kpi is NaN in week 6 \(2022-02-07\)/,
    );
    const spend = data.spend.map((s) => Float64Array.from(s));
    spend[1][3] = -1;
    expect(() => createMmmTarget({ spec: {}, data: { ...data, spend } })).toThrow(
      /spend of channel 'channel2' is negative/,
    );
    expect(() => createMmmTarget({ spec: { adstock: 'nope' as AdstockKind }, data })).toThrow(
      /unknown adstock 'nope'/,
    );
    expect(() =>
      createMmmTarget({
        spec: {
          channelOverrides: { channel1: { roi: { distribution: 'normal', mean: 1, sd: 1 } } },
        },
        data,
      }),
    ).toThrow(/prior of channel1 roi is normal/);
    expect(() =>
      createMmmTarget({ spec: {}, data, experiments: [{ ...experiment, channel: 'radio' }] }),
    ).toThrow(/lift test 1 \(radio\): unknown channel/);
    expect(() =>
      createMmmTarget({ spec: {}, data, experiments: [{ ...experiment, standardError: 0 }] }),
    ).toThrow(/standard error must be > 0/);
    expect(() => createMmmTarget({ spec: { holdoutWeeks: 40 }, data })).toThrow(/holdoutWeeks/);
    const zero = data.spend.map((s, c) => (c === 0 ? new Float64Array(s.length) : s));
    expect(() => createMmmTarget({ spec: {}, data: { ...data, spend: zero } })).toThrow(
      /channel 'channel1' has no spend/,
    );
  });

  it('returns −∞ rather than NaN far outside the typical set', () => {
    const target = createMmmTarget({ spec: {}, data });
    const position = new Float64Array(target.dimension).fill(800);
    expect(target.logDensityAndGradient(position, new Float64Array(target.dimension))).toBe(
      -Infinity,
    );
  });
});

describe('createMmmTarget initial inverse mass matrix', () => {
  it('is the inverse curvature of −log p at the MAP, checked against second differences of log p itself', () => {
    const target = createMmmTarget({ spec: {}, data });
    const d = target.dimension;
    const metric = target.initialInverseMassMatrix!(new Float64Array(d));
    expect(metric.length).toBe(d * d);
    // Independent of the gradient: Hᵢⱼ ≈ −(f(++) − f(+−) − f(−+) + f(−−)) / (4 hᵢ hⱼ) on values alone.
    const mode = fitMapPosition(target).position;
    const scratch = new Float64Array(d);
    const f = (u: Float64Array) => target.logDensityAndGradient(u, scratch);
    const steps = Array.from({ length: d }, (_, i) => 1e-3 * Math.sqrt(metric[i * d + i]));
    const curvature = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j <= i; j++) {
        const at = (si: number, sj: number) => {
          const u = Float64Array.from(mode);
          u[i] += si * steps[i];
          u[j] += sj * steps[j];
          return f(u);
        };
        const value = -(at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * steps[i] * steps[j]);
        curvature[i * d + j] = value;
        curvature[j * d + i] = value;
      }
    // M⁻¹ H = I: checked in the metric's own scale, (M⁻¹ H)ᵢⱼ·√(Mⱼⱼ⁻¹ / Mᵢᵢ⁻¹) against δᵢⱼ.
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let product = 0;
        for (let k = 0; k < d; k++) product += metric[i * d + k] * curvature[k * d + j];
        const scaled = product * Math.sqrt(metric[j * d + j] / metric[i * d + i]);
        expect(
          Math.abs(scaled - (i === j ? 1 : 0)),
          `${target.parameterNames[i]} × ${target.parameterNames[j]}`,
        ).toBeLessThan(2e-3);
      }
    // Deterministic and a fresh copy each call (a chain cannot corrupt another's start).
    const again = target.initialInverseMassMatrix!(Float64Array.of(9));
    expect(again).toEqual(metric);
    expect(again).not.toBe(metric);
  });
});
