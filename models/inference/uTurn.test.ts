import { describe, expect, it } from 'vitest';
import { continuesWithoutUTurn } from './uTurn';

const v = (...xs: number[]): Float64Array => Float64Array.from(xs);

describe('continuesWithoutUTurn', () => {
  it('continues while both ends move along the summed momentum', () => {
    expect(continuesWithoutUTurn(v(1, 0.2), v(0.8, -0.1), v(3, 0))).toBe(true);
  });
  it('stops when either end turns back', () => {
    expect(continuesWithoutUTurn(v(1, 1), v(-1, 0), v(1, 0))).toBe(false);
    expect(continuesWithoutUTurn(v(-1, 0), v(1, 0), v(1, 0))).toBe(false);
  });
  it('stops on a zero or NaN product', () => {
    expect(continuesWithoutUTurn(v(0, 1), v(1, 0), v(1, 0))).toBe(false);
    expect(continuesWithoutUTurn(v(Number.NaN, 0), v(1, 0), v(1, 0))).toBe(false);
  });
  it('agrees with the position-based criterion of Hoffman & Gelman for M = I on a straight run', () => {
    // Positions q₋ = 0, q₊ = q₋ + Σ p ε for a free particle: (q₊ − q₋)·p > 0 ⇔ ρ·p > 0.
    const rho = v(2, -1);
    expect(continuesWithoutUTurn(v(1, 0), v(0.5, 0.1), rho)).toBe(true);
    expect(continuesWithoutUTurn(v(1, 0), v(0.2, 0.5), rho)).toBe(false);
  });
});
