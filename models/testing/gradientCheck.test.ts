import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { gradientCheck, jitteredPoints } from './gradientCheck';

describe('gradientCheck', () => {
  const rosenbrock = (x: Float64Array, g: Float64Array) => {
    const a = 1 - x[0];
    const b = x[1] - x[0] * x[0];
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
    return a * a + 100 * b * b;
  };
  const points = jitteredPoints(new Float64Array([0.5, -0.3]), 5, 1, createRng(3));

  it('accepts a correct gradient (Rosenbrock)', () => {
    expect(gradientCheck(rosenbrock, points).maxRelativeError).toBeLessThan(1e-7);
  });

  it('catches a wrong gradient and says where', () => {
    const wrong = (x: Float64Array, g: Float64Array) => {
      const value = rosenbrock(x, g);
      g[1] *= 1.01;
      return value;
    };
    const result = gradientCheck(wrong, points);
    expect(result.maxRelativeError).toBeGreaterThan(1e-3);
    expect(result.worst.index).toBe(1);
  });

  it('reports NaN gradients as infinite error', () => {
    const broken = (x: Float64Array, g: Float64Array) => {
      g[0] = Number.NaN;
      g[1] = 0;
      return x[0];
    };
    expect(gradientCheck(broken, points).maxRelativeError).toBe(Infinity);
  });
});
