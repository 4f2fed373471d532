import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { jointCriticalValue, quantile } from './bootstrap';
import { normalQuantile } from './normalDistribution';

function scoresWithSe(
  rng: ReturnType<typeof createRng>,
  n: number,
): { psi: Float64Array; se: number } {
  const psi = Float64Array.from({ length: n }, () => rng.normal());
  const se = Math.sqrt(psi.reduce((s, v) => s + v * v, 0) / n / n);
  return { psi, se };
}

describe('multiplier bootstrap for simultaneous CIs', () => {
  it('one parameter: critical value ≈ Φ⁻¹(0.975); independent k: ≈ Šidák Φ⁻¹((1 + 0.95^{1/k})/2)', () => {
    const rng = createRng(8);
    const one = scoresWithSe(rng, 300);
    const c1 = jointCriticalValue({
      scaledScores: [one.psi],
      standardErrors: [one.se],
      draws: 4000,
      level: 0.95,
      rng: createRng(1),
    }).criticalValue;
    expect(Math.abs(c1 - normalQuantile(0.975))).toBeLessThan(0.08);
    const k = 4;
    const many = Array.from({ length: k }, () => scoresWithSe(rng, 300));
    const ck = jointCriticalValue({
      scaledScores: many.map((m) => m.psi),
      standardErrors: many.map((m) => m.se),
      draws: 4000,
      level: 0.95,
      rng: createRng(1),
    }).criticalValue;
    expect(Math.abs(ck - normalQuantile((1 + 0.95 ** (1 / k)) / 2))).toBeLessThan(0.1);
    // Perfectly dependent copies need no widening.
    const same = jointCriticalValue({
      scaledScores: [one.psi, one.psi],
      standardErrors: [one.se, one.se],
      draws: 4000,
      level: 0.95,
      rng: createRng(1),
    }).criticalValue;
    expect(same).toBeCloseTo(c1, 12);
  });

  it('seeded: the same rng seed gives the same draws', () => {
    const rng = createRng(3);
    const one = scoresWithSe(rng, 50);
    const a = jointCriticalValue({
      scaledScores: [one.psi],
      standardErrors: [one.se],
      draws: 100,
      level: 0.9,
      rng: createRng(5),
    });
    const b = jointCriticalValue({
      scaledScores: [one.psi],
      standardErrors: [one.se],
      draws: 100,
      level: 0.9,
      rng: createRng(5),
    });
    expect(Array.from(a.maxAbsT)).toEqual(Array.from(b.maxAbsT));
  });

  it('numpy-style linear quantile', () => {
    expect(quantile(Float64Array.from([3, 1, 2, 4]), 0.5)).toBe(2.5);
    expect(quantile(Float64Array.from([1, 2, 3, 4, 5]), 0.95)).toBeCloseTo(4.8, 14);
  });
});
