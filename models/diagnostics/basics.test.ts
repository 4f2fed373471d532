import { describe, expect, it } from 'vitest';
import { autocovarianceAtLag, centre } from './autocovariance';
import { quantile } from './quantile';
import { averageRanks } from './ranks';
import { splitChains } from './splitChains';
import { coordinateChains, summariseDraws } from './summary';
import { createRng } from '../random/rng';

describe('diagnostic building blocks', () => {
  it('ranks ties by their average', () => {
    expect(Array.from(averageRanks(Float64Array.of(3, 1, 3, 2, 3)))).toEqual([4, 1, 4, 2, 4]);
  });
  it('interpolates quantiles as R type 7', () => {
    expect(quantile(Float64Array.of(4, 1, 3, 2), 0.5)).toBe(2.5);
    expect(quantile(Float64Array.of(4, 1, 3, 2), 0.1)).toBeCloseTo(1.3, 15);
    expect(quantile(Float64Array.of(7), 0.9)).toBe(7);
  });
  it('splits chains, dropping the middle of odd lengths', () => {
    expect(splitChains([Float64Array.of(1, 2, 3, 4, 5)]).map((c) => Array.from(c))).toEqual([
      [1, 2],
      [4, 5],
    ]);
  });
  it('computes the biased autocovariance', () => {
    const c = centre(Float64Array.of(1, -1, 1, -1));
    expect(autocovarianceAtLag(c, 0)).toBe(1);
    expect(autocovarianceAtLag(c, 1)).toBe(-0.75);
  });
  it('summarises row-major draws per coordinate', () => {
    const rng = createRng(1);
    const chains = [0, 1].map(() =>
      Float64Array.from({ length: 2 * 400 }, (_, i) =>
        i % 2 === 0 ? rng.normal() : 10 + 2 * rng.normal(),
      ),
    );
    expect(Array.from(coordinateChains([Float64Array.of(1, 2, 3, 4)], 2, 1)[0])).toEqual([2, 4]);
    const [a, b] = summariseDraws(chains, ['a', 'b']);
    expect(a.name).toBe('a');
    expect(Math.abs(a.mean)).toBeLessThan(4 * a.mcseMean);
    expect(Math.abs(b.mean - 10)).toBeLessThan(4 * b.mcseMean);
    expect(b.sd).toBeGreaterThan(1.8);
    expect(b.sd).toBeLessThan(2.2);
    expect(b.hdiLower).toBeLessThan(b.median);
    expect(b.hdiUpper).toBeGreaterThan(b.median);
    expect(a.rhat).toBeLessThan(1.02);
  });
});
