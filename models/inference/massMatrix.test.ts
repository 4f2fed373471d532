import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import {
  regularisedDenseInverseMassMatrix,
  regularisedInverseMassMatrix,
  welfordCovarianceInit,
  welfordCovarianceUpdate,
  welfordInit,
  welfordUpdate,
  welfordVariance,
} from './massMatrix';

describe('Welford and Stan regularisation', () => {
  it('matches the two-pass sample variance', () => {
    const rng = createRng(3);
    const rows = Array.from({ length: 57 }, () =>
      Float64Array.of(1e6 + rng.normal(), 3 * rng.normal()),
    );
    const state = welfordInit(2);
    rows.forEach((r) => welfordUpdate(state, r));
    for (let j = 0; j < 2; j++) {
      const xs = rows.map((r) => r[j]);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
      expect(welfordVariance(state)[j]).toBeCloseTo(variance, 8);
      expect(state.mean[j]).toBeCloseTo(mean, 8);
    }
  });

  it('applies (n/(n+5))·var + 1e-3·5/(n+5)', () => {
    const state = welfordInit(1);
    [1, 3, 5, 7, 9].forEach((x) => welfordUpdate(state, Float64Array.of(x)));
    // var = 10, n = 5
    expect(regularisedInverseMassMatrix(state)[0]).toBeCloseTo(0.5 * 10 + 1e-3 * 0.5, 14);
  });

  it('refuses fewer than two draws', () => {
    const state = welfordInit(1);
    welfordUpdate(state, Float64Array.of(1));
    expect(() => welfordVariance(state)).toThrow(/at least 2/);
  });

  it('dense: Welford covariance matches the two-pass covariance, shrunk and regularised as documented', () => {
    const rng = createRng(4);
    const n = 40;
    const d = 3;
    const rows = Array.from({ length: n }, () => {
      const z = [rng.normal(), rng.normal(), rng.normal()];
      return Float64Array.of(1e5 + z[0], 2 * z[0] + z[1], -z[1] + 0.5 * z[2]);
    });
    const state = welfordCovarianceInit(d);
    rows.forEach((r) => welfordCovarianceUpdate(state, r));
    const mean = [0, 1, 2].map((j) => rows.reduce((a, r) => a + r[j], 0) / n);
    const m = regularisedDenseInverseMassMatrix(state);
    const shrink = n / (n + d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        const covariance =
          rows.reduce((a, r) => a + (r[i] - mean[i]) * (r[j] - mean[j]), 0) / (n - 1);
        const expected =
          (n / (n + 5)) * (i === j ? covariance : shrink * covariance) +
          (i === j ? 1e-3 * (5 / (n + 5)) : 0);
        expect(m[i * d + j]).toBeCloseTo(expected, 7);
        expect(m[i * d + j]).toBe(m[j * d + i]);
      }
  });
});
