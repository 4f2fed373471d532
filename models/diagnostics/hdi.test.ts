import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { hdi } from './hdi';
import { normalQuantile } from './normalQuantile';

describe('hdi', () => {
  it('picks the narrowest window of ⌈prob·N⌉ sorted draws', () => {
    expect(hdi(Float64Array.of(10, 1, 2, 3, 4, 5, 6, 7, 8, 9), 0.5)).toEqual({
      lower: 1,
      upper: 5,
    });
    expect(hdi(Float64Array.of(0, 0.1, 0.2, 5, 9), 0.6)).toEqual({ lower: 0, upper: 0.2 });
  });

  it('approaches the central interval ±Φ⁻¹(0.95) for a normal and [0, −log 0.1] for an exponential', () => {
    const rng = createRng(4);
    const normal = Float64Array.from({ length: 100_000 }, () => rng.normal());
    const z = normalQuantile(0.95);
    const a = hdi(normal, 0.9);
    // The narrowest window's width is stable; its position wanders by sampling noise.
    expect(Math.abs(a.upper - a.lower - 2 * z)).toBeLessThan(0.03);
    expect(Math.abs(a.lower + z)).toBeLessThan(0.1);
    expect(Math.abs(a.upper - z)).toBeLessThan(0.1);
    // For a decreasing density the HDI starts at the mode 0: [0, F⁻¹(0.9)].
    const exponential = Float64Array.from({ length: 100_000 }, () => -Math.log(1 - rng.uniform()));
    const b = hdi(exponential, 0.9);
    expect(b.lower).toBeLessThan(0.01);
    expect(b.upper).toBeCloseTo(-Math.log(0.1), 1);
  });

  it('rejects a probability outside (0, 1] and empty draws', () => {
    expect(() => hdi(Float64Array.of(1, 2), 0)).toThrow(/probability must be in \(0, 1\], got 0/);
    expect(() => hdi(new Float64Array(0), 0.9)).toThrow(/no draws/);
    expect(hdi(Float64Array.of(1, 2, 3), 1)).toEqual({ lower: 1, upper: 3 });
  });
});
