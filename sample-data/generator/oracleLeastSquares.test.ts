import { describe, expect, it } from 'vitest';
import { createRng } from '../../models/random/rng';
import { oracleLeastSquares } from './oracleLeastSquares';
import { generateWeeklyNational } from './weeklyNational';

describe('oracleLeastSquares', () => {
  it('returns the truth exactly on noise-free data (the data follow the model form)', () => {
    const data = generateWeeklyNational({
      weeks: 156,
      channels: 6,
      seed: 20261129,
      noiseFraction: 0,
    });
    const fit = oracleLeastSquares({
      kpi: data.kpi,
      spend: data.spend,
      controls: data.controls.values,
      channels: data.truth.channels,
    });
    const relative = (estimate: number, truth: number): number =>
      Math.abs(estimate - truth) / Math.max(1, Math.abs(truth));
    expect(relative(fit.intercept, data.truth.intercept)).toBeLessThan(1e-7);
    expect(relative(fit.trend, data.truth.trend)).toBeLessThan(1e-7);
    fit.seasonality.sin.forEach((value, k) =>
      expect(relative(value, data.truth.seasonality.sin[k])).toBeLessThan(1e-7),
    );
    fit.seasonality.cos.forEach((value, k) =>
      expect(relative(value, data.truth.seasonality.cos[k])).toBeLessThan(1e-7),
    );
    fit.controls.forEach((value, index) =>
      expect(relative(value, data.truth.controls[index].coefficient)).toBeLessThan(1e-7),
    );
    data.truth.channels.forEach((channel, index) => {
      expect(relative(fit.beta[index], channel.beta)).toBeLessThan(1e-7);
      expect(fit.roi[index]).toBeCloseTo(channel.roi, 6);
    });
    expect(fit.sigma).toBeLessThan(1e-6 * data.truth.meanKpi);
  });

  it('agrees with the normal equations solved independently, standard errors included', () => {
    const rng = createRng(9);
    const weeks = 80;
    const spend = [0, 1].map(() =>
      Float64Array.from({ length: weeks }, () => (rng.uniform() < 0.3 ? 0 : rng.uniform() * 100)),
    );
    const control = Float64Array.from({ length: weeks }, () => 100 + rng.normal());
    const channels = [
      { name: 'first', adstockDecay: 0.3, halfSaturation: 0.5, shape: 1.5 },
      { name: 'second', adstockDecay: 0.6, halfSaturation: 0.3, shape: 2 },
    ];
    const kpi = Float64Array.from(
      { length: weeks },
      (_, week) => 50 + 3 * Math.sin(week / 3) + 5 * rng.normal(),
    );
    const fit = oracleLeastSquares({ kpi, spend, controls: [control], channels });

    // Reference: X written out, XᵀX b = Xᵀy by Gauss–Jordan, Cov = s²(XᵀX)⁻¹.
    const period = 365.25 / 7;
    const saturated = channels.map((channel, index) => {
      const scale = Math.max(...spend[index]);
      const weights = Array.from({ length: 8 }, (_, lag) => channel.adstockDecay ** lag);
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      return Array.from({ length: weeks }, (_, week) => {
        const value =
          weights.reduce(
            (sum, weight, lag) =>
              sum + (week >= lag ? (weight * spend[index][week - lag]) / scale : 0),
            0,
          ) / total;
        return (
          value ** channel.shape /
          (value ** channel.shape + channel.halfSaturation ** channel.shape)
        );
      });
    });
    const design = Array.from({ length: weeks }, (_, week) => [
      1,
      week / weeks,
      Math.sin((2 * Math.PI * week) / period),
      Math.cos((2 * Math.PI * week) / period),
      Math.sin((4 * Math.PI * week) / period),
      Math.cos((4 * Math.PI * week) / period),
      control[week],
      saturated[0][week],
      saturated[1][week],
    ]);
    const size = design[0].length;
    const augmented = Array.from({ length: size }, (_, row) => [
      ...Array.from({ length: size }, (_, column) =>
        design.reduce((sum, x) => sum + x[row] * x[column], 0),
      ),
      ...Array.from({ length: size }, (_, column) => (column === row ? 1 : 0)),
      design.reduce((sum, x, week) => sum + x[row] * kpi[week], 0),
    ]);
    for (let pivot = 0; pivot < size; pivot++) {
      const best = augmented.reduce(
        (bestRow, row, index) =>
          index >= pivot && Math.abs(row[pivot]) > Math.abs(augmented[bestRow][pivot])
            ? index
            : bestRow,
        pivot,
      );
      [augmented[pivot], augmented[best]] = [augmented[best], augmented[pivot]];
      const divisor = augmented[pivot][pivot];
      augmented[pivot] = augmented[pivot].map((value) => value / divisor);
      for (let row = 0; row < size; row++) {
        if (row === pivot) continue;
        const factor = augmented[row][pivot];
        augmented[row] = augmented[row].map(
          (value, column) => value - factor * augmented[pivot][column],
        );
      }
    }
    const coefficients = augmented.map((row) => row[2 * size]);
    const residuals = design.map(
      (x, week) =>
        kpi[week] - x.reduce((sum, value, column) => sum + value * coefficients[column], 0),
    );
    const variance = residuals.reduce((sum, value) => sum + value * value, 0) / (weeks - size);
    expect(fit.intercept).toBeCloseTo(coefficients[0], 5);
    expect(fit.controls[0]).toBeCloseTo(coefficients[6], 7);
    expect(fit.sigma).toBeCloseTo(Math.sqrt(variance), 8);
    channels.forEach((_, index) => {
      const column = 7 + index;
      const ratio =
        saturated[index].reduce((sum, value) => sum + value, 0) /
        spend[index].reduce((sum, value) => sum + value, 0);
      expect(fit.beta[index]).toBeCloseTo(coefficients[column], 6);
      expect(
        fit.roiStandardError[index] /
          (Math.sqrt(variance * augmented[column][size + column]) * ratio),
      ).toBeCloseTo(1, 8);
    });
  });

  it('puts the truth within four standard errors at 5 % noise', () => {
    const data = generateWeeklyNational({ weeks: 156, channels: 6, seed: 20261129 });
    const fit = oracleLeastSquares({
      kpi: data.kpi,
      spend: data.spend,
      controls: data.controls.values,
      channels: data.truth.channels,
    });
    data.truth.channels.forEach((channel, index) => {
      expect(Math.abs(fit.roi[index] - channel.roi), channel.name).toBeLessThan(
        4 * fit.roiStandardError[index],
      );
    });
    expect(fit.sigma / data.truth.sigma).toBeGreaterThan(0.8);
    expect(fit.sigma / data.truth.sigma).toBeLessThan(1.2);
  });

  it('refuses too few weeks', () => {
    const data = generateWeeklyNational({ weeks: 10, channels: 2, seed: 1 });
    expect(() =>
      oracleLeastSquares({
        kpi: data.kpi,
        spend: data.spend,
        controls: data.controls.values,
        channels: data.truth.channels,
      }),
    ).toThrow(/more than/);
  });
});

describe.skipIf(!process.env.SLOW_TESTS)('oracleLeastSquares calibration (SLOW_TESTS)', () => {
  it('has unbiased ROI estimates with honest standard errors over 40 seeds', () => {
    const scores: number[][] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const data = generateWeeklyNational({ weeks: 156, channels: 7, seed });
      const fit = oracleLeastSquares({
        kpi: data.kpi,
        spend: data.spend,
        controls: data.controls.values,
        channels: data.truth.channels,
      });
      scores.push(
        data.truth.channels.map(
          (channel, index) => (fit.roi[index] - channel.roi) / fit.roiStandardError[index],
        ),
      );
    }
    for (let channel = 0; channel < 7; channel++) {
      const values = scores.map((row) => row[channel]);
      const mean = values.reduce((total, value) => total + value, 0) / values.length;
      const spread = Math.sqrt(
        values.reduce((total, value) => total + (value - mean) ** 2, 0) / (values.length - 1),
      );
      // z-scores ~ Normal(0, 1): the mean of 40 has s.e. 0.16; the s.d. estimate has s.e. ≈ 0.11.
      expect(Math.abs(mean)).toBeLessThan(0.6);
      expect(spread).toBeGreaterThan(0.65);
      expect(spread).toBeLessThan(1.35);
    }
  });
});
