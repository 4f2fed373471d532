import { describe, expect, it } from 'vitest';
import {
  hessian,
  hessianDiagonal,
  laplaceDenseInverseMassMatrix,
  laplaceInverseMassMatrix,
} from './laplaceInverseMassMatrix';
import { createGaussianTarget } from './testTargets/gaussianTarget';
import type { LogDensity } from './types';

/** log p(u) = Σᵢ (aᵢ uᵢ − e^{uᵢ}) (a Poisson-like log likelihood): −∂ᵢ² log p = e^{uᵢ}, mode uᵢ = log aᵢ. */
function exponentialFamily(a: number[]): LogDensity {
  return {
    dimension: a.length,
    logDensityAndGradient(u, g) {
      let value = 0;
      for (let i = 0; i < a.length; i++) {
        value += a[i] * u[i] - Math.exp(u[i]);
        g[i] = a[i] - Math.exp(u[i]);
      }
      return value;
    },
  };
}

describe('hessianDiagonal', () => {
  it('is exact for a Gaussian: Hᵢᵢ = (Σ⁻¹)ᵢᵢ, including with correlation', () => {
    // Σ = [[1, 0.9·2], [0.9·2, 4]] ⇒ (Σ⁻¹)₁₁ = 1/(1·(1−0.81)), (Σ⁻¹)₂₂ = 1/(4·0.19).
    const target = createGaussianTarget({
      kind: 'gaussian',
      mean: [1, -2],
      covariance: [
        [1, 1.8],
        [1.8, 4],
      ],
    });
    const h = hessianDiagonal(target, Float64Array.of(0.3, 5));
    expect(h[0]).toBeCloseTo(1 / 0.19, 6);
    expect(h[1]).toBeCloseTo(1 / 0.76, 6);
  });

  it('matches the closed-form second derivative of a non-quadratic density away from the mode', () => {
    const u = Float64Array.of(-3, 0.5, 4);
    const h = hessianDiagonal(exponentialFamily([1, 2, 3]), u);
    u.forEach((x, i) => expect(Math.abs(h[i] - Math.exp(x)) / Math.exp(x)).toBeLessThan(1e-7));
  });

  it('gives NaN where the density is not finite beside the point', () => {
    const halfLine: LogDensity = {
      dimension: 1,
      logDensityAndGradient: (u, g) => {
        g[0] = -1 / u[0];
        return u[0] > 0 ? -Math.log(u[0]) : Number.NEGATIVE_INFINITY;
      },
    };
    expect(hessianDiagonal(halfLine, Float64Array.of(0))[0]).toBeNaN();
  });
});

describe('laplaceInverseMassMatrix', () => {
  it('returns the conditional variances 1/Hᵢᵢ of a badly scaled Gaussian', () => {
    const scales = [0.02, 1, 7];
    const target = createGaussianTarget({ kind: 'gaussian', mean: [0, 0, 0], scales });
    const m = laplaceInverseMassMatrix(target, new Float64Array(3));
    scales.forEach((s, i) => expect(m[i]).toBeCloseTo(s * s, 8));
  });

  it('clamps to [1e-6, 1e2] and falls back to 1 where the curvature is ≤ 0 or not finite', () => {
    // Scales 1e-4 and 1e3 fall outside the bounds; a = 1 at u = log 1 = 0 gives curvature 1.
    const tight = createGaussianTarget({ kind: 'gaussian', mean: [0, 0], scales: [1e-4, 1e3] });
    expect(Array.from(laplaceInverseMassMatrix(tight, new Float64Array(2)))).toEqual([1e-6, 1e2]);
    const saddle: LogDensity = {
      dimension: 3,
      logDensityAndGradient: (u, g) => {
        g[0] = u[0]; // −∂² log p = −1 < 0
        g[1] = 0; // flat: curvature 0
        g[2] = -4 * u[2]; // curvature 4
        return 0.5 * u[0] * u[0] - 2 * u[2] * u[2] + (Math.abs(u[1]) > 1 ? Number.NaN : 0);
      },
    };
    const m = laplaceInverseMassMatrix(saddle, new Float64Array(3));
    expect(m[0]).toBe(1);
    expect(m[1]).toBe(1);
    expect(m[2]).toBeCloseTo(0.25, 10);
  });
});

describe('laplaceDenseInverseMassMatrix', () => {
  it('is the covariance of a correlated Gaussian, at any position (the Hessian is constant)', () => {
    const covariance = [
      [1, 1.2, 0.2],
      [1.2, 4, -0.5],
      [0.2, -0.5, 0.5],
    ];
    const target = createGaussianTarget({ kind: 'gaussian', mean: [1, -2, 0], covariance });
    const m = laplaceDenseInverseMassMatrix(target, Float64Array.of(0.3, 5, -1));
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(m[i * 3 + j]).toBeCloseTo(covariance[i][j], 6);
    const h = hessian(target, Float64Array.of(0, 0, 0));
    expect(h[1]).toBe(h[3]);
  });

  it('gives unit scale to directions of non-positive curvature and clamps the rest', () => {
    // −log p = ½(u₀² − u₁²)·… : curvature +1 along (1, 1)/√2, −1 along (1, −1)/√2.
    const saddle: LogDensity = {
      dimension: 2,
      logDensityAndGradient: (u, g) => {
        g[0] = -u[1];
        g[1] = -u[0];
        return -u[0] * u[1];
      },
    };
    const m = laplaceDenseInverseMassMatrix(saddle, new Float64Array(2));
    // V diag(1, 1) Vᵀ = I: both directions get scale 1 (1/λ = 1 for λ = 1, and 1 for λ = −1).
    expect(m[0]).toBeCloseTo(1, 8);
    expect(m[1]).toBeCloseTo(0, 8);
    const steep = createGaussianTarget({ kind: 'gaussian', mean: [0, 0], scales: [1e-5, 1e3] });
    const clamped = laplaceDenseInverseMassMatrix(steep, new Float64Array(2));
    expect(clamped[0]).toBe(1e-6);
    expect(clamped[3]).toBe(1e2);
  });
});
