import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { gradientCheck, jitteredPoints } from '../testing/gradientCheck';
import { createTarget } from './targets';

describe('test targets', () => {
  it('gaussian: log density matches the closed form and the gradient matches finite differences', () => {
    const target = createTarget({
      kind: 'gaussian',
      mean: [1, -1],
      covariance: [
        [2, 0.6],
        [0.6, 1],
      ],
    });
    // Σ⁻¹ = [[1, −0.6], [−0.6, 2]] / (2 − 0.36)
    const x = Float64Array.of(2, 0.5);
    const c = [1, 1.5];
    const quadratic = (c[0] * c[0] * 1 - 2 * 0.6 * c[0] * c[1] + 2 * c[1] * c[1]) / 1.64;
    expect(target.logDensityAndGradient(x, new Float64Array(2))).toBeCloseTo(-0.5 * quadratic, 13);
    const points = jitteredPoints(Float64Array.of(0, 0), 5, 2, createRng(1));
    expect(
      gradientCheck((p, g) => target.logDensityAndGradient(p, g), points).maxRelativeError,
    ).toBeLessThan(1e-7);
  });

  it('funnel (both parameterisations): gradient matches finite differences', () => {
    for (const parameterisation of ['centred', 'noncentred'] as const) {
      const target = createTarget({ kind: 'funnel', width: 4, parameterisation });
      const points = jitteredPoints(new Float64Array(5), 5, 1.5, createRng(2));
      expect(
        gradientCheck((p, g) => target.logDensityAndGradient(p, g), points).maxRelativeError,
      ).toBeLessThan(1e-7);
    }
    const centred = createTarget({ kind: 'funnel', width: 2, parameterisation: 'centred' });
    const g = new Float64Array(3);
    expect(centred.logDensityAndGradient(new Float64Array(3), g)).toBeCloseTo(0, 15);
    expect(Array.from(g, (x) => x + 0)).toEqual([-1, 0, 0]);
    expect(centred.parameterNames).toEqual(['v', 'x[1]', 'x[2]']);
  });

  it('names bad descriptions', () => {
    expect(() =>
      createTarget({
        kind: 'gaussian',
        mean: [0, 0],
        covariance: [
          [1, 2],
          [2, 1],
        ],
      }),
    ).toThrow(/not positive definite/);
    expect(() => createTarget({ kind: 'gaussian', mean: [0, 0], scales: [1] })).toThrow(
      /scales has length 1, mean has 2/,
    );
    expect(() => createTarget({ kind: 'funnel', width: 0, parameterisation: 'centred' })).toThrow(
      /width must be an integer ≥ 1, got 0/,
    );
    expect(() =>
      createTarget({ kind: 'nope' } as unknown as Parameters<typeof createTarget>[0]),
    ).toThrow(/unknown target kind 'nope'/);
  });
});
