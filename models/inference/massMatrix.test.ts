import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { regularisedInverseMassMatrix, welfordInit, welfordUpdate, welfordVariance } from './massMatrix';

describe('Welford and Stan regularisation', () => {
  it('matches the two-pass sample variance', () => {
    const rng = createRng(3);
    const rows = Array.from({ length: 57 }, () => Float64Array.of(1e6 + rng.normal(), 3 * rng.normal()));
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
});
