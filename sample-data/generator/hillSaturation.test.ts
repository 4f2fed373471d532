import { describe, expect, it } from 'vitest';
import { hillSaturation } from './hillSaturation';

describe('hillSaturation (truth reference)', () => {
  it('is one half at the half-saturation point for any shape', () => {
    for (const halfSaturation of [0.2, 0.5, 0.8]) {
      for (const shape of [0.8, 1, 2.5, 3])
        expect(hillSaturation(halfSaturation, halfSaturation, shape)).toBeCloseTo(0.5, 15);
    }
  });

  it('matches aˢ / (aˢ + Kˢ) written out', () => {
    for (const [value, halfSaturation, shape] of [
      [1, 0.5, 2],
      [0.3, 0.7, 1.2],
      [2.5, 0.25, 0.9],
    ]) {
      expect(hillSaturation(value, halfSaturation, shape)).toBeCloseTo(
        value ** shape / (value ** shape + halfSaturation ** shape),
        15,
      );
    }
    expect(hillSaturation(1, 0.5, 2)).toBeCloseTo(0.8, 15);
  });

  it('starts at 0, rises monotonically and tends to 1 without overflow', () => {
    expect(hillSaturation(0, 0.4, 1.5)).toBe(0);
    let previous = 0;
    for (let value = 0.01; value < 5; value += 0.01) {
      const current = hillSaturation(value, 0.4, 1.5);
      expect(current).toBeGreaterThan(previous);
      previous = current;
    }
    expect(hillSaturation(1e300, 0.4, 3)).toBe(1);
  });

  it('rejects negative input and non-positive parameters', () => {
    expect(() => hillSaturation(-1, 0.5, 1)).toThrow(/negative/);
    expect(() => hillSaturation(1, 0, 1)).toThrow(/half-saturation/);
    expect(() => hillSaturation(1, 0.5, Number.NaN)).toThrow(/shape/);
  });
});
