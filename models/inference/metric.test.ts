import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { kineticEnergy, sampleMomentum, velocity } from './metric';

describe('Euclidean metric, diagonal and dense', () => {
  it('gives the documented kinetic energies and velocities', () => {
    const p = Float64Array.of(1, 2);
    expect(kineticEnergy(p, Float64Array.of(1, 0.5))).toBe(1.5);
    const dense = Float64Array.of(1, 0.5, 0.5, 1);
    expect(kineticEnergy(p, dense)).toBe(3.5);
    expect(Array.from(velocity(p, dense, new Float64Array(2)))).toEqual([2, 2.5]);
    // A diagonal written densely agrees with the diagonal form.
    const asDense = Float64Array.of(3, 0, 0, 0.25);
    expect(kineticEnergy(p, asDense)).toBe(kineticEnergy(p, Float64Array.of(3, 0.25)));
  });

  it('draws momenta with covariance M = (M⁻¹)⁻¹ for a dense metric', () => {
    // M⁻¹ = [[2, 1, 0], [1, 2, 1], [0, 1, 2]] ⇒ M = ¼·[[3, −2, 1], [−2, 4, −2], [1, −2, 3]].
    const inverse = Float64Array.of(2, 1, 0, 1, 2, 1, 0, 1, 2);
    const mass = [
      [3, -2, 1],
      [-2, 4, -2],
      [1, -2, 3],
    ].map((row) => row.map((v) => v / 4));
    const rng = createRng(11);
    const n = 200_000;
    const sums = new Float64Array(9);
    const p = new Float64Array(3);
    for (let k = 0; k < n; k++) {
      sampleMomentum(rng, inverse, p);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) sums[i * 3 + j] += p[i] * p[j];
    }
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        // Monte Carlo s.e. of a second moment ≤ √(2·M_ii·M_jj / n) ≈ 0.003 here.
        expect(Math.abs(sums[i * 3 + j] / n - mass[i][j])).toBeLessThan(0.012);
      }
    // E[K(p)] = d/2 for p ~ N(0, M).
    let kinetic = 0;
    for (let k = 0; k < 20_000; k++)
      kinetic += kineticEnergy(sampleMomentum(rng, inverse, p), inverse);
    expect(kinetic / 20_000).toBeCloseTo(1.5, 1);
  });

  it('refuses a dense metric that is not positive definite', () => {
    expect(() =>
      sampleMomentum(createRng(1), Float64Array.of(1, 2, 2, 1), new Float64Array(2)),
    ).toThrow(/positive definite/);
  });
});
