import { describe, expect, it } from 'vitest';
import {
  adstockedTreatment,
  bindColumns,
  estimatesDisagree,
  singleTreatmentFeatures,
} from './treatments';
import { timeFeatures, weeksFromDates, WEEKS_PER_YEAR } from './timeFeatures';

describe('treatment designs', () => {
  it('geometric adstock of an impulse decays as αˡ/Σαʲ (doc example) and keeps total spend', () => {
    const out = adstockedTreatment(Float64Array.from([1, 0, 0, 0]), { alpha: 0.5, maxLag: 3 });
    expect(Array.from(out).map((v) => v * 7)).toEqual(
      [4, 2, 1, 0].map((v) => expect.closeTo(v, 12)),
    );
    const constant = adstockedTreatment(new Float64Array(10).fill(3), { alpha: 0.7, maxLag: 4 });
    expect(constant[9]).toBeCloseTo(3, 12);
    expect(() => adstockedTreatment(new Float64Array(3), { alpha: 1, maxLag: 2 })).toThrow(/α/);
    expect(() => adstockedTreatment(new Float64Array(3), { alpha: 0.5, maxLag: 0 })).toThrow(/L/);
  });

  it('single-treatment X is the other treatments then the controls', () => {
    const controls = { rows: 2, cols: 1, data: Float64Array.from([10, 20]) };
    const treatments = ['a', 'b', 'c'].map((name, j) => ({
      name,
      values: Float64Array.from([j, j + 0.5]),
    }));
    const X = singleTreatmentFeatures(treatments, 1, controls);
    expect(X.cols).toBe(3);
    expect(Array.from(X.data)).toEqual([0, 2, 10, 0.5, 2.5, 20]);
    expect(bindColumns([], controls).data).toEqual(controls.data);
  });

  it('flags disagreement on a large gap or a significant sign change only', () => {
    expect(estimatesDisagree({ theta: 1, se: 0.1, pValue: 0 }, { theta: 0.5, pValue: 0 })).toBe(
      true,
    );
    expect(
      estimatesDisagree({ theta: 1, se: 0.3, pValue: 0.001 }, { theta: 0.6, pValue: 0.01 }),
    ).toBe(false);
    expect(
      estimatesDisagree({ theta: 0.01, se: 0.3, pValue: 0.9 }, { theta: -0.01, pValue: 0.9 }),
    ).toBe(false);
    expect(
      estimatesDisagree({ theta: 0.2, se: 0.3, pValue: 0.04 }, { theta: -0.1, pValue: 0.6 }),
    ).toBe(true);
  });
});

describe('time features', () => {
  it('trend in [0, 1] and Fourier terms with a one-year period', () => {
    const weeks = Float64Array.from({ length: 105 }, (_, t) => 100 + t);
    const { matrix, names } = timeFeatures(weeks, 2);
    expect(names).toEqual(['trend', 'sin1', 'cos1', 'sin2', 'cos2']);
    expect(matrix.cols).toBe(5);
    expect(matrix.data[0]).toBe(0);
    expect(matrix.data[104 * 5]).toBe(1);
    const quarter = timeFeatures(Float64Array.from([0, WEEKS_PER_YEAR / 4]), 1).matrix.data;
    expect(Array.from(quarter.subarray(3))).toEqual([
      1,
      expect.closeTo(1, 12),
      expect.closeTo(0, 12),
    ]);
  });

  it('weeks from ISO dates respect gaps and reject bad dates', () => {
    expect(
      Array.from(weeksFromDates(['2024-01-01', '2024-01-08', '2024-01-22'])).map(
        (w, _, a) => w - a[0],
      ),
    ).toEqual([0, 1, 3]);
    expect(() => weeksFromDates(['2024-01-01', 'soon'])).toThrow(/'soon' in row 2/);
  });
});
