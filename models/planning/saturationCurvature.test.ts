import { describe, expect, it } from 'vitest';
import { saturationKernelOf } from '../mmm/kernels';
import { gradientCheck } from '../testing/gradientCheck';
import { curvatureParameter, SATURATION_CODE, saturationCurvature } from './saturationCurvature';

const cases = [
  { kind: 'hill', parameters: [0.5, 2] },
  { kind: 'hill', parameters: [0.3, 0.7] },
  { kind: 'logistic', parameters: [3] },
  { kind: 'michaelisMenten', parameters: [0.25] },
] as const;

describe('saturationCurvature', () => {
  it('matches the closed-form example (hill K = 0.5, S = 2 at 0.5)', () => {
    const out = new Float64Array(3);
    saturationCurvature(SATURATION_CODE.hill, Math.log(0.5), 2, 0.5, out);
    expect(out[0]).toBeCloseTo(0.5, 14);
    expect(out[1]).toBeCloseTo(1, 14);
    expect(out[2]).toBeCloseTo(-2, 12);
  });

  for (const { kind, parameters } of cases) {
    it(`${kind}(${parameters.join(', ')}): h and h′ equal the model's kernel, h″ its finite difference`, () => {
      const kernel = saturationKernelOf(kind);
      const xs = Float64Array.from([0.05, 0.2, 0.5, 1, 1.7]);
      const value = new Float64Array(xs.length);
      const slope = new Float64Array(xs.length);
      kernel.apply(
        xs,
        xs.length,
        parameters,
        value,
        slope,
        new Float64Array(4 * xs.length),
        xs.length,
      );
      const out = new Float64Array(3);
      const first = curvatureParameter(SATURATION_CODE[kind], parameters[0]);
      xs.forEach((x, i) => {
        saturationCurvature(SATURATION_CODE[kind], first, parameters[1] ?? 0, x, out);
        expect(out[0]).toBeCloseTo(value[i], 14);
        expect(out[1]).toBeCloseTo(slope[i], 12);
      });
      const derivative = (point: Float64Array, gradient: Float64Array): number => {
        saturationCurvature(SATURATION_CODE[kind], first, parameters[1] ?? 0, point[0], out);
        gradient[0] = out[2];
        return out[1];
      };
      const check = gradientCheck(
        derivative,
        [...xs].map((x) => Float64Array.of(x)),
      );
      expect(check.maxRelativeError).toBeLessThan(1e-6);
    });
  }

  it('is 0 with zero slope and curvature at zero spend (hill)', () => {
    const out = new Float64Array(3).fill(Number.NaN);
    saturationCurvature(SATURATION_CODE.hill, Math.log(0.5), 2, 0, out);
    expect([...out]).toEqual([0, 0, 0]);
  });
});
