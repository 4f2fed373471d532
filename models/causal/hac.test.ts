import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import {
  autocovariance,
  neweyWestLag,
  neweyWestLongRunCovariance,
  neweyWestLongRunVariance,
} from './hac';

describe('Newey–West', () => {
  it('doc example: alternating scores, lag 1', () => {
    const psi = Float64Array.from([1, -1, 1, -1]);
    expect(autocovariance(psi, 1)).toBe(-0.75);
    expect(neweyWestLongRunVariance(psi, 1)).toBeCloseTo(0.25, 15);
    expect(neweyWestLongRunVariance(psi, 0)).toBe(1);
  });

  it('AR(1) scores: Ω̂ approaches the long-run variance σ²/(1−ρ)² with a long lag', () => {
    const rng = createRng(11);
    const rho = 0.7;
    const n = 200_000;
    const psi = new Float64Array(n);
    for (let t = 1; t < n; t++) psi[t] = rho * psi[t - 1] + rng.normal();
    const truth = 1 / (1 - rho) ** 2; // 11.11
    const omega = neweyWestLongRunVariance(psi, 60);
    expect(Math.abs(omega - truth) / truth).toBeLessThan(0.06);
    expect(neweyWestLongRunVariance(psi, 0)).toBeLessThan(truth / 4); // γ₀ = 1/(1−ρ²) ≈ 1.96
    expect(neweyWestLag(psi.subarray(0, 156), 'simple')).toBe(
      Math.floor(4 * (156 / 100) ** (2 / 9)),
    );
    expect(neweyWestLag(psi.subarray(0, 2000), 'nw1994')).toBeGreaterThan(
      neweyWestLag(psi.subarray(0, 2000), 'simple'),
    );
  });

  it('Bartlett weights keep Ω̂ ≥ 0 and the matrix version matches the scalar one on its diagonal', () => {
    const rng = createRng(5);
    const a = Float64Array.from({ length: 50 }, () => rng.normal());
    const b = Float64Array.from({ length: 50 }, () => rng.normal());
    const omega = neweyWestLongRunCovariance([a, b], 4);
    expect(omega[0]).toBeCloseTo(neweyWestLongRunVariance(a, 4), 12);
    expect(omega[3]).toBeCloseTo(neweyWestLongRunVariance(b, 4), 12);
    expect(omega[1]).toBeCloseTo(omega[2], 14);
    const sum = a.map((v, i) => v + b[i]);
    // Var of the sum: Ω_aa + Ω_bb + 2Ω_ab.
    expect(neweyWestLongRunVariance(sum, 4)).toBeCloseTo(omega[0] + omega[3] + 2 * omega[1], 12);
    expect(() => neweyWestLongRunVariance(a, -1)).toThrow(/lag/);
  });
});
