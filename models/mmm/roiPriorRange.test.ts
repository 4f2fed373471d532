import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { rangeOfLogNormal, roiPriorFromRange, roiRangeProblem } from './roiPriorRange';

describe('roiPriorFromRange', () => {
  it('matches the worked example and round-trips a geometric-mean range exactly', () => {
    const prior = roiPriorFromRange({ median: 2, lower: 1, upper: 4 });
    expect(prior.mu).toBeCloseTo(Math.log(2), 15);
    expect(prior.sigma).toBeCloseTo(Math.log(4) / (2 * 1.6448536269514722), 12);
    const back = rangeOfLogNormal(prior);
    expect(back.median).toBeCloseTo(2, 12);
    expect(back.lower).toBeCloseTo(1, 12);
    expect(back.upper).toBeCloseTo(4, 12);
  });

  it('gives a LogNormal whose simulated 5% and 95% quantiles are the range shown back', () => {
    const prior = roiPriorFromRange({ median: 1.5, lower: 0.5, upper: 6 });
    const rng = createRng(3);
    const draws = Float64Array.from({ length: 200_000 }, () =>
      Math.exp(prior.mu + prior.sigma * rng.normal()),
    ).sort();
    const back = rangeOfLogNormal(prior);
    expect(draws[Math.floor(0.05 * draws.length)] / back.lower).toBeCloseTo(1, 1);
    expect(draws[Math.floor(0.5 * draws.length)] / back.median).toBeCloseTo(1, 1);
    expect(draws[Math.floor(0.95 * draws.length)] / back.upper).toBeCloseTo(1, 1);
    // Not the geometric mean: the width is kept, centred on the median.
    expect(back.upper / back.lower).toBeCloseTo(12, 9);
    expect(back.median).toBeCloseTo(1.5, 12);
  });

  it('names the field at fault', () => {
    expect(roiRangeProblem({ median: 2, lower: 3, upper: 4 })).toEqual({
      field: 'lower',
      message: 'must be below the median 2',
    });
    expect(roiRangeProblem({ median: 2, lower: 1, upper: 2 })?.field).toBe('upper');
    expect(roiRangeProblem({ median: Number.NaN, lower: 1, upper: 2 })?.field).toBe('median');
    expect(roiRangeProblem({ median: 2, lower: 0, upper: 3 })?.field).toBe('lower');
    expect(() => roiPriorFromRange({ median: 2, lower: 1, upper: 1.5 })).toThrow(
      'ROI prior upper must be above the median 2',
    );
  });
});
