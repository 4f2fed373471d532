import { describe, expect, it } from 'vitest';
import { createMmmTarget } from '../mmm/target';
import type { MmmParameters } from '../mmm/types';
import { createRng } from '../random/rng';
import { adstockCurves } from './adstockCurves';
import { bandOf, columnBands } from './bands';
import { decomposition } from './decomposition';
import { fitMetrics, modelFit } from './fitMetrics';
import { posteriorPredictive } from './posteriorPredictive';
import { responseCurves } from './responseCurves';
import { channelRoi, marginalRoi } from './roi';

// A small data set: one channel, Michaelis–Menten saturation, so the views have closed forms.
const weeks = 12;
const dates = Array.from({ length: weeks }, (_, t) =>
  new Date(Date.UTC(2023, 0, 2 + 7 * t)).toISOString().slice(0, 10),
);
const spend = Float64Array.from({ length: weeks }, (_, t) => 100 + 50 * Math.sin(t));
const kpi = Float64Array.from({ length: weeks }, (_, t) => 1000 + 10 * t);
const data = { dates, kpi, channelNames: ['tv'], spend: [spend], controlNames: [], controls: [] };
const target = createMmmTarget({
  spec: { saturation: 'michaelisMenten', fourierOrder: 0, trend: false, holdoutWeeks: 2 },
  data,
});
const meanKpi = kpi.slice(0, weeks - 2).reduce((a, b) => a + b) / (weeks - 2);
const maxSpend = Math.max(...spend.slice(0, weeks - 2));

function draw(
  intercept: number,
  coefficient: number,
  halfSaturation: number,
  decay = 0,
  noise = 0.05,
): MmmParameters {
  return {
    intercept,
    trend: 0,
    seasonality: new Float64Array(0),
    controls: new Float64Array(0),
    noise,
    channels: [
      {
        name: 'tv',
        coefficient,
        roi: Number.NaN,
        adstock: { decay },
        saturation: { halfSaturation },
      },
    ],
  };
}

/** Σ over training weeks of ȳ β x̃/(K + x̃) with x̃ = m x / max x (no carry-over): the closed form. */
function closedContribution(coefficient: number, halfSaturation: number, multiplier = 1): number {
  let sum = 0;
  for (let t = 0; t < weeks - 2; t++) {
    const x = (multiplier * spend[t]) / maxSpend;
    sum += (meanKpi * coefficient * x) / (halfSaturation + x);
  }
  return sum;
}
const totalSpend = spend.slice(0, weeks - 2).reduce((a, b) => a + b);
const draws = [
  draw(0.5, 0.2, 0.3),
  draw(0.6, 0.3, 0.5),
  draw(0.7, 0.25, 0.4),
  draw(0.4, 0.35, 0.6),
];

describe('bands', () => {
  it('gives the mean and type-7 quantiles', () => {
    expect(bandOf(Float64Array.from([5, 1, 4, 2, 3]), 0.5)).toEqual({
      mean: 3,
      lower: 2,
      upper: 4,
    });
    const band = columnBands(Float64Array.from([1, 10, 3, 30]), 2, 2, 0.5);
    expect(Array.from(band.mean)).toEqual([2, 20]);
    expect(Array.from(band.lower)).toEqual([1.5, 15]);
    expect(() => bandOf(new Float64Array(0))).toThrow(/no draws/);
    expect(() => bandOf(Float64Array.from([1]), 1)).toThrow(/probability/);
  });
});

describe('decomposition', () => {
  it('splits each week into components that add up to the fit, with closed-form channel totals', () => {
    const result = decomposition(target, draws);
    const baseline = result.components.find((c) => c.name === 'baseline')!;
    const tv = result.components.find((c) => c.name === 'tv')!;
    expect(baseline.mean[3]).toBeCloseTo(meanKpi * 0.55, 9);
    // type-7 5% quantile of {0.4, 0.5, 0.6, 0.7}·ȳ: h = 0.15 → 0.4 + 0.15·0.1
    expect(baseline.lower[0]).toBeCloseTo(meanKpi * 0.415, 9);
    const totals = draws.map((d) =>
      closedContribution(d.channels[0].coefficient, d.channels[0].saturation.halfSaturation),
    );
    expect(tv.total.mean).toBeCloseTo(totals.reduce((a, b) => a + b) / totals.length, 8);
    for (let t = 0; t < weeks; t++) {
      const sum = result.components.reduce((s, c) => s + c.mean[t], 0);
      expect(sum).toBeCloseTo(result.fitted.mean[t], 8);
    }
    const shares = result.components.reduce((s, c) => s + c.share.mean, 0);
    expect(shares).toBeCloseTo(1, 10);
  });
});

describe('ROI and marginal ROI', () => {
  it('match the closed forms draw by draw, with an HDI over draws', () => {
    const [roi] = channelRoi(target, draws, 0.5);
    const [marginal] = marginalRoi(target, draws, 0.5);
    draws.forEach((d, i) => {
      const { coefficient, saturation } = d.channels[0];
      const base = closedContribution(coefficient, saturation.halfSaturation);
      expect(roi.draws[i]).toBeCloseTo(base / totalSpend, 10);
      const raised = closedContribution(coefficient, saturation.halfSaturation, 1.01);
      expect(marginal.draws[i]).toBeCloseTo((raised - base) / (0.01 * totalSpend), 8);
      expect(marginal.draws[i]).toBeLessThan(roi.draws[i]); // concave curve: mROI < ROI
    });
    const sorted = Array.from(roi.draws).sort((a, b) => a - b);
    const widths = [sorted[1] - sorted[0], sorted[2] - sorted[1], sorted[3] - sorted[2]];
    const best = widths.indexOf(Math.min(...widths));
    expect([roi.hdiLower, roi.hdiUpper]).toEqual([sorted[best], sorted[best + 1]]);
  });
});

describe('response and adstock curves', () => {
  it('trace Σ contribution(m·spend), 0 at m = 0 and the fitted contribution at m = 1', () => {
    const [curve] = responseCurves(target, draws);
    expect(curve.incremental.mean[0]).toBe(0);
    expect(curve.multipliers[curve.currentIndex]).toBe(1);
    expect(curve.currentSpend).toBeCloseTo(totalSpend, 9);
    curve.multipliers.forEach((m, k) => {
      const expected =
        draws.reduce(
          (s, d) =>
            s +
            closedContribution(
              d.channels[0].coefficient,
              d.channels[0].saturation.halfSaturation,
              m,
            ),
          0,
        ) / draws.length;
      expect(curve.incremental.mean[k]).toBeCloseTo(expected, 8);
    });
  });

  it('show αˡ normalised for geometric adstock', () => {
    const [curve] = adstockCurves(target, [draw(0.5, 0.2, 0.3, 0.5), draw(0.5, 0.2, 0.3, 0.5)]);
    const total = (1 - 0.5 ** 8) / 0.5;
    curve.mean.forEach((w, l) => expect(w).toBeCloseTo(0.5 ** l / total, 14));
  });
});

describe('fit metrics', () => {
  it('match the worked example', () => {
    const m = fitMetrics(Float64Array.from([1, 2, 3]), Float64Array.from([1, 2, 4]));
    expect(m.rSquared).toBeCloseTo(0.5, 14);
    expect(m.mape).toBeCloseTo(1 / 9, 14);
    expect(m.nrmse).toBeCloseTo(Math.sqrt(1 / 3) / 2, 14);
  });

  it('reports in-sample metrics on training weeks and MAPE on the holdout', () => {
    const fit = modelFit(target, draws);
    expect(fit.inSample.weeks).toBe(weeks - 2);
    const expected =
      [10, 11].reduce((s, t) => s + Math.abs(kpi[t] - fit.predicted[t]) / kpi[t], 0) / 2;
    expect(fit.holdoutMape).toBeCloseTo(expected, 12);
  });
});

describe('posterior predictive', () => {
  it('adds Normal noise ȳσ: the 90% band is μ ± 1.645 ȳσ', () => {
    const single = Array.from({ length: 4000 }, () => draw(0.5, 0.2, 0.3, 0, 0.05));
    const band = posteriorPredictive(target, single, createRng(42));
    const mu = target.components(single[0]).mean;
    const halfWidth = 1.6449 * meanKpi * 0.05;
    for (let t = 0; t < weeks; t++) {
      expect(Math.abs(band.mean[t] - mu[t])).toBeLessThan(
        (4 * meanKpi * 0.05) / Math.sqrt(single.length),
      ); // 4 Monte Carlo s.e.
      expect(Math.abs(band.upper[t] - mu[t] - halfWidth) / halfWidth).toBeLessThan(0.06);
      expect(Math.abs(mu[t] - band.lower[t] - halfWidth) / halfWidth).toBeLessThan(0.06);
    }
  });

  it('uses Student-t(ν) noise when the likelihood is Student-t (t₅ 95% quantile 2.015)', () => {
    const t5 = createMmmTarget({
      spec: {
        saturation: 'michaelisMenten',
        fourierOrder: 0,
        trend: false,
        likelihood: 'student-t',
        studentDegreesOfFreedom: 5,
      },
      data,
    });
    const single = Array.from({ length: 6000 }, () => draw(0.5, 0.2, 0.3, 0, 0.05));
    const band = posteriorPredictive(t5, single, createRng(7));
    const mu = t5.components(single[0]).mean;
    const scale = t5.design.kpiScale * 0.05;
    let ratio = 0;
    for (let t = 0; t < weeks; t++) ratio += (band.upper[t] - mu[t]) / scale / weeks;
    expect(ratio).toBeGreaterThan(2.015 * 0.95);
    expect(ratio).toBeLessThan(2.015 * 1.05);
  });
});
