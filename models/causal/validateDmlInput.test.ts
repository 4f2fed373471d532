import { describe, expect, it } from 'vitest';
import { firstNonFinite, validateDmlInput } from './validateDmlInput';

describe('firstNonFinite', () => {
  it('finds the first NaN or ±∞ wherever it is, and −1 for finite values', () => {
    for (const length of [0, 1, 3, 4, 5, 9, 64]) {
      const values = Float64Array.from({ length }, (_, i) => Math.sin(i));
      expect(firstNonFinite(values)).toBe(-1);
      for (let position = 0; position < length; position++) {
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          const copy = Float64Array.from(values);
          copy[position] = bad;
          if (position + 1 < length) copy[length - 1] = Number.NaN;
          expect(firstNonFinite(copy)).toBe(position);
        }
      }
    }
  });

  it('doc example: a sum that overflows is not a non-finite value', () => {
    expect(firstNonFinite(Float64Array.from([1, Number.NaN, 2]))).toBe(1);
    expect(firstNonFinite(Float64Array.from([1e308, 1e308]))).toBe(-1);
    expect(firstNonFinite(Float64Array.from([1e308, 1e308, -1e308, Infinity, -Infinity]))).toBe(3);
  });
});

describe('validateDmlInput', () => {
  const y = Float64Array.from([1, 2, 3, 4]);
  const d = Float64Array.from([0, 1, 0, 1]);
  const controls = { rows: 4, cols: 2, data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };

  it('names the variable, row and control column of a bad value', () => {
    expect(() =>
      validateDmlInput({ y, treatments: [{ name: 'tv', values: d }], controls }),
    ).not.toThrow();
    const badControls = { ...controls, data: Float64Array.from(controls.data) };
    badControls.data[5] = Number.NaN;
    expect(() =>
      validateDmlInput({ y, treatments: [{ name: 'tv', values: d }], controls: badControls }),
    ).toThrow(/control column 2 has a missing or non-finite value in row 3/);
    const badD = Float64Array.from(d);
    badD[3] = Infinity;
    expect(() =>
      validateDmlInput({ y, treatments: [{ name: 'tv', values: badD }], controls }),
    ).toThrow(/treatment 'tv' has a missing or non-finite value in row 4/);
    expect(() =>
      validateDmlInput({
        y: Float64Array.from([1, Number.NaN, 3, 4]),
        treatments: [{ name: 'tv', values: d }],
        controls,
      }),
    ).toThrow(/the outcome has a missing or non-finite value in row 2/);
    expect(() =>
      validateDmlInput({
        y,
        treatments: [
          { name: 'tv', values: d },
          { name: 'tv', values: d },
        ],
        controls,
      }),
    ).toThrow(/treatment 'tv' is given twice/);
  });
});
