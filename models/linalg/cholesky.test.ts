import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { randomSpd } from '../testing/randomSpd';
import { choleskyFactor, choleskySolve, solveSymmetricPositiveDefinite } from './cholesky';

function multiply(a: Float64Array, x: Float64Array, size: number): Float64Array {
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) for (let k = 0; k < size; k++) out[i] += a[i * size + k] * x[k];
  return out;
}

describe('cholesky', () => {
  it('factors the 2×2 textbook example exactly', () => {
    const lower = choleskyFactor(new Float64Array([4, 2, 2, 3]), 2);
    expect(Array.from(lower ?? [])).toEqual([2, 0, 1, Math.SQRT2]);
  });

  it('solves random SPD systems to rounding accuracy', () => {
    for (const size of [1, 3, 12]) {
      const a = randomSpd(size, size);
      const rng = createRng(100 + size);
      const x = new Float64Array(size).map(() => rng.normal());
      const b = multiply(a, x, size);
      const lower = choleskyFactor(a, size);
      expect(lower).not.toBeNull();
      const solved = choleskySolve(lower as Float64Array, size, b);
      for (let i = 0; i < size; i++) expect(solved[i]).toBeCloseTo(x[i], 9);
    }
  });

  it('rejects a singular matrix and the jittered solve stays finite and consistent', () => {
    // Rank one: [[1, 1], [1, 1]]; b in its range, so A x ≈ b must hold after jitter.
    const a = new Float64Array([1, 1, 1, 1]);
    expect(choleskyFactor(a, 2)).toBeNull();
    const { solution, jitter } = solveSymmetricPositiveDefinite(a, 2, new Float64Array([2, 2]));
    expect(jitter).toBeGreaterThan(0);
    expect(solution[0]).toBeCloseTo(1, 6);
    expect(solution[1]).toBeCloseTo(1, 6);
  });
});
