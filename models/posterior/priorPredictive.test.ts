import { describe, expect, it } from 'vitest';
import { createMmmTarget } from '../mmm/target';
import { createRng } from '../random/rng';
import { simulateMmmData } from '../testing/simulateMmmData';
import { priorPreview, priorVariate, sampleChannelPriors } from './priorPredictive';

const { data } = simulateMmmData({ weeks: 60, channels: 2, seed: 4 });

function moments(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

describe('prior variates', () => {
  const rng = createRng(9);
  const n = 40_000;
  const sample = (prior: Parameters<typeof priorVariate>[0]) =>
    Array.from({ length: n }, () => priorVariate(prior, rng));
  // Closed-form means and variances; tolerance 5 Monte Carlo standard errors of the mean.
  it.each([
    [{ distribution: 'normal', mean: 2, sd: 3 } as const, 2, 9],
    [
      { distribution: 'halfNormal', sd: 2 } as const,
      2 * Math.sqrt(2 / Math.PI),
      4 * (1 - 2 / Math.PI),
    ],
    [
      { distribution: 'logNormal', mu: 0.1, sigma: 0.5 } as const,
      Math.exp(0.1 + 0.125),
      (Math.exp(0.25) - 1) * Math.exp(0.2 + 0.25),
    ],
    [{ distribution: 'gamma', shape: 3, rate: 2 } as const, 1.5, 0.75],
    [{ distribution: 'beta', alpha: 2, beta: 5 } as const, 2 / 7, 10 / (49 * 8)],
  ])('%o has its closed-form mean and variance', (prior, mean, variance) => {
    const m = moments(sample(prior));
    expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / n));
    expect(m.variance / variance).toBeGreaterThan(0.95);
    expect(m.variance / variance).toBeLessThan(1.05);
  });
});

describe('priorPreview', () => {
  it('draws each channel ROI from its LogNormal prior (median e^μ), and β reproduces that ROI', () => {
    const target = createMmmTarget({
      spec: {
        mediaSharePrior: null,
        channelOverrides: {
          [data.channelNames[0]]: { roi: { distribution: 'logNormal', mu: 1, sigma: 0.3 } },
        },
      },
      data,
    });
    const draws = sampleChannelPriors(target, 4000, createRng(2));
    const roi = draws.map((d) => d.channels[0].roi).sort((a, b) => a - b);
    const median = roi[2000];
    // Median of LogNormal(1, 0.3) is e; sd of the sample median ≈ 1.2533 σ e / √n.
    expect(Math.abs(median - Math.E)).toBeLessThan(5 * ((1.2533 * 0.3 * Math.E) / Math.sqrt(4000)));
    // ROI implied by the forward pass (Σ contribution / Σ spend) is the drawn ROI.
    const preview = priorPreview(target, createRng(2), { draws: 300, examples: 4 });
    const first = sampleChannelPriors(target, 1, createRng(5))[0];
    const contribution = target.components(first).channels[0];
    let sum = 0;
    let spend = 0;
    for (let t = 0; t < target.design.trainingWeeks; t++) {
      sum += contribution[t];
      spend += data.spend[0][t];
    }
    expect(sum / spend).toBeCloseTo(first.channels[0].roi, 9);
    // The default ROI prior (LogNormal(0.2, 0.9)) holds the other channel: 90% range e^(0.2 ± 1.48).
    const other = preview.roi[1];
    expect(other.lower).toBeGreaterThan(Math.exp(0.2 - 1.645 * 0.9) * 0.75);
    expect(other.upper).toBeLessThan(Math.exp(0.2 + 1.645 * 0.9) * 1.35);
    expect(preview.curves[0].incremental.mean[0]).toBe(0);
    expect(preview.examples[0]).toHaveLength(4);
    expect(preview.examples[0][0][preview.curves[0].currentIndex]).toBeGreaterThan(0);
  });
});
