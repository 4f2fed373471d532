import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { gradientCheck } from '../testing/gradientCheck';
import { addSumToZeroGradient, sumToZeroCoordinates, sumToZeroValues } from './sumToZero';

/** The basis written out: column k is (c, …, c, −(k+1)c, 0, …), c = 1/√((k+1)(k+2)). */
function basis(size: number): number[][] {
  return Array.from({ length: size - 1 }, (_, k) => {
    const c = 1 / Math.sqrt((k + 1) * (k + 2));
    return Array.from({ length: size }, (_, g) => (g <= k ? c : g === k + 1 ? -(k + 1) * c : 0));
  });
}

describe('sum-to-zero map', () => {
  it('uses an orthonormal basis orthogonal to 1', () => {
    const v = basis(6);
    for (let a = 0; a < 5; a++) {
      expect(v[a].reduce((s, x) => s + x, 0)).toBeCloseTo(0, 14);
      for (let b = 0; b < 5; b++)
        expect(v[a].reduce((s, x, g) => s + x * v[b][g], 0)).toBeCloseTo(a === b ? 1 : 0, 14);
    }
  });

  it('gives x = V z, summing to zero, and back', () => {
    const size = 7;
    const rng = createRng(3);
    const z = Float64Array.from({ length: size - 1 }, () => rng.normal());
    const x = new Float64Array(size);
    sumToZeroValues(z, 0, x, 0, size);
    const v = basis(size);
    for (let g = 0; g < size; g++)
      expect(x[g]).toBeCloseTo(
        v.reduce((s, column, k) => s + z[k] * column[g], 0),
        13,
      );
    expect(x.reduce((s, value) => s + value, 0)).toBeCloseTo(0, 13);
    Array.from(sumToZeroCoordinates(x, size)).forEach((value, k) =>
      expect(value).toBeCloseTo(z[k], 12),
    );
    const two = new Float64Array(2);
    sumToZeroValues([Math.SQRT2], 0, two, 0, 2);
    expect(two[0]).toBeCloseTo(1, 14);
    expect(two[1]).toBeCloseTo(-1, 14);
  });

  it('transposes the gradient (finite differences of f(V z) = Σ wᵍ xᵍ²)', () => {
    const size = 5;
    const weights = [1, 2, 0.5, 3, 1.5];
    const x = new Float64Array(size);
    const f = (z: Float64Array, gradient: Float64Array): number => {
      sumToZeroValues(z, 0, x, 0, size);
      const dx = x.map((value, g) => 2 * weights[g] * value);
      gradient.fill(0);
      addSumToZeroGradient(dx, 0, gradient, 0, size);
      return x.reduce((s, value, g) => s + weights[g] * value * value, 0);
    };
    const points = [Float64Array.of(0.3, -1, 2, 0.5), Float64Array.of(-0.2, 0.1, 0.4, -1.3)];
    expect(gradientCheck(f, points).maxRelativeError).toBeLessThan(1e-8);
  });
});
