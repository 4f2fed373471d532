import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs';

describe('minimizeLbfgs', () => {
  it('finds the minimum (1, 1) of the Rosenbrock function from (−1.2, 1)', () => {
    const rosenbrock = (x: Float64Array, g: Float64Array) => {
      const a = 1 - x[0];
      const b = x[1] - x[0] * x[0];
      g[0] = -2 * a - 400 * x[0] * b;
      g[1] = 200 * b;
      return a * a + 100 * b * b;
    };
    const result = minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), {
      gradientTolerance: 1e-9,
      relativeTolerance: 0,
    });
    expect(result.converged).toBe(true);
    expect(result.position[0]).toBeCloseTo(1, 6);
    expect(result.position[1]).toBeCloseTo(1, 6);
    expect(result.iterations).toBeLessThan(100);
  });

  it('solves an ill-conditioned 20-D quadratic (closed form x* = A⁻¹b with diagonal A)', () => {
    const n = 20;
    const diagonal = Float64Array.from({ length: n }, (_, i) => 10 ** ((4 * i) / (n - 1))); // condition 1e4
    const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const quadratic = (x: Float64Array, g: Float64Array) => {
      let f = 0;
      for (let i = 0; i < n; i++) {
        g[i] = diagonal[i] * x[i] - b[i];
        f += 0.5 * diagonal[i] * x[i] * x[i] - b[i] * x[i];
      }
      return f;
    };
    const result = minimizeLbfgs(quadratic, new Float64Array(n), {
      gradientTolerance: 1e-9,
      relativeTolerance: 0,
    });
    for (let i = 0; i < n; i++) expect(result.position[i]).toBeCloseTo(b[i] / diagonal[i], 6);
  });

  it('backs off from steps outside the support (f = x − log x, minimum at 1)', () => {
    const f = (x: Float64Array, g: Float64Array) => {
      g[0] = 1 - 1 / x[0];
      return x[0] > 0 ? x[0] - Math.log(x[0]) : Number.NaN;
    };
    const result = minimizeLbfgs(f, Float64Array.from([0.05]), { gradientTolerance: 1e-10 });
    expect(result.position[0]).toBeCloseTo(1, 8);
  });

  it('refuses a non-finite starting value with a clear message', () => {
    expect(() => minimizeLbfgs(() => Number.NaN, new Float64Array(1))).toThrow(/starting point/);
  });
});
