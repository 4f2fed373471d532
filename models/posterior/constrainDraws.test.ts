import { describe, expect, it } from 'vitest';
import { priorCentrePosition } from '../mmm/parametrisation';
import { createMmmTarget } from '../mmm/target';
import { simulateMmmData } from '../testing/simulateMmmData';
import { constrainDraws, thinDraws } from './constrainDraws';

describe('constrainDraws', () => {
  const { data } = simulateMmmData({ weeks: 20, channels: 2, seed: 4 });
  const target = createMmmTarget({ spec: {}, data });
  const centre = priorCentrePosition(target.layout);
  const positions = new Float64Array(5 * target.dimension);
  for (let d = 0; d < 5; d++)
    positions.set(
      centre.map((u) => u + 0.1 * d),
      d * target.dimension,
    );

  it('maps each row of unconstrained draws to named parameters', () => {
    const draws = constrainDraws(target, positions);
    expect(draws).toHaveLength(5);
    draws.forEach((p, d) => {
      expect(Array.from(target.unconstrain(p))).toEqual(
        Array.from(positions.subarray(d * target.dimension, (d + 1) * target.dimension)).map((v) =>
          expect.closeTo(v, 9),
        ),
      );
      expect(p.noise).toBeCloseTo(Math.exp(centre[target.layout.noise] + 0.1 * d), 12);
    });
    expect(constrainDraws(target, positions, { maxDraws: 2 })).toHaveLength(2);
  });

  it('rejects a draws array of the wrong size', () => {
    expect(() => constrainDraws(target, new Float64Array(target.dimension + 1))).toThrow(
      /not a multiple of the dimension/,
    );
  });

  it('thins evenly', () => {
    expect(thinDraws([0, 1, 2, 3, 4, 5, 6, 7], 4)).toEqual([0, 2, 4, 6]);
    expect(thinDraws([0, 1], 4)).toEqual([0, 1]);
  });
});
