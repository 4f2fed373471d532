import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { parseNumericCsv } from './fixtures/parseNumericCsv';
import { createLearner } from './index';
import { fitLasso } from './lasso';
import type { LinearRegressor } from './linearRegressor';
import { fitOrdinaryLeastSquares } from './ordinaryLeastSquares';
import { fitRidge } from './ridge';
import type { Matrix } from './types';

// Goldens from scikit-learn written by bench/python/learners_reference.py.
interface LinearGolden {
  alpha?: number;
  intercept: number;
  coefficients: number[];
  predictions?: number[];
}
const golden = JSON.parse(
  readFileSync(new URL('./fixtures/linear_golden.json', import.meta.url), 'utf8'),
) as {
  ols: LinearGolden;
  ridge: LinearGolden[];
  ridgeStandardized: LinearGolden[];
  lasso: LinearGolden[];
  lassoStandardized: LinearGolden[];
};
const { X, y } = parseNumericCsv(
  readFileSync(new URL('./fixtures/linear.csv', import.meta.url), 'utf8'),
);

function expectMatches(model: LinearRegressor, reference: LinearGolden, tolerance: number): void {
  const scale = (value: number) => tolerance * Math.max(1, Math.abs(value));
  expect(Math.abs(model.intercept - reference.intercept)).toBeLessThan(scale(reference.intercept));
  reference.coefficients.forEach((value, j) => {
    expect(Math.abs(model.coefficients[j] - value)).toBeLessThan(scale(value));
  });
  if (reference.predictions) {
    const predicted = model.predict(X);
    reference.predictions.forEach((value, i) =>
      expect(Math.abs(predicted[i] - value)).toBeLessThan(scale(value)),
    );
  }
}

describe('linear learners against scikit-learn goldens', () => {
  it('ols matches LinearRegression to 1e-8', () => {
    expectMatches(fitOrdinaryLeastSquares(X, y), golden.ols, 1e-8);
  });

  it('ridge (raw features) matches Ridge(alpha) to 1e-8', () => {
    for (const reference of golden.ridge) {
      const model = fitRidge(X, y, createRng(1), { alpha: reference.alpha, standardize: false });
      expectMatches(model, reference, 1e-8);
    }
  });

  it('ridge (standardised) matches StandardScaler + Ridge(alpha) to 1e-8', () => {
    for (const reference of golden.ridgeStandardized) {
      expectMatches(fitRidge(X, y, createRng(1), { alpha: reference.alpha }), reference, 1e-8);
    }
  });

  it('lasso (raw features) matches Lasso(alpha) to 1e-6, including exact zeros', () => {
    for (const reference of golden.lasso) {
      const model = fitLasso(X, y, createRng(1), {
        alpha: reference.alpha,
        standardize: false,
        tolerance: 1e-14,
      });
      expectMatches(model, reference, 1e-6);
      reference.coefficients.forEach((value, j) => {
        if (value === 0) expect(model.coefficients[j]).toBe(0);
      });
    }
  });

  it('lasso (standardised) matches StandardScaler + Lasso(alpha) to 1e-6', () => {
    for (const reference of golden.lassoStandardized) {
      const model = fitLasso(X, y, createRng(1), { alpha: reference.alpha, tolerance: 1e-14 });
      expectMatches(model, reference, 1e-6);
    }
  });
});

describe('closed-form cases', () => {
  const line: Matrix = { rows: 3, cols: 1, data: new Float64Array([-1, 0, 1]) };
  it('ols recovers intercept 1 and slope 2 from three exact points', () => {
    const model = fitOrdinaryLeastSquares(
      { rows: 3, cols: 1, data: new Float64Array([0, 1, 2]) },
      new Float64Array([1, 3, 5]),
    );
    expect(model.intercept).toBeCloseTo(1, 12);
    expect(model.coefficients[0]).toBeCloseTo(2, 12);
  });

  it('ridge shrinks y = 2x on (−1, 0, 1) with α = 1 to slope 4/3', () => {
    const model = fitRidge(line, new Float64Array([-2, 0, 2]), createRng(1), {
      alpha: 1,
      standardize: false,
    });
    expect(model.coefficients[0]).toBeCloseTo(4 / 3, 12);
    expect(model.intercept).toBeCloseTo(0, 12);
  });

  it('lasso soft-thresholds a single standardised feature: v = S(Zᵀy/n, α)', () => {
    // Z = (−1, 1)·(1/1) has sd 1; y = (−0.8, 0.8) so Zᵀy/n = 0.8 and α = 0.3 leaves 0.5.
    const X2: Matrix = { rows: 2, cols: 1, data: new Float64Array([-1, 1]) };
    const model = fitLasso(X2, new Float64Array([-0.8, 0.8]), createRng(1), {
      alpha: 0.3,
      tolerance: 1e-14,
    });
    expect(model.coefficients[0]).toBeCloseTo(0.5, 12);
    const zero = fitLasso(X2, new Float64Array([-0.8, 0.8]), createRng(1), { alpha: 0.9 });
    expect(zero.coefficients[0]).toBe(0);
  });
});

/** Simulated sparse linear data: y = 1 + 3x₀ − 2x₁ + noise, p features. */
function sparseLinear(
  rows: number,
  cols: number,
  seed: number,
  noise = 1,
): { X: Matrix; y: Float64Array } {
  const rng = createRng(seed);
  const data = new Float64Array(rows * cols).map(() => rng.normal());
  const response = new Float64Array(rows);
  for (let i = 0; i < rows; i++)
    response[i] = 1 + 3 * data[i * cols] - 2 * data[i * cols + 1] + noise * rng.normal();
  return { X: { rows, cols, data }, y: response };
}

describe('cross-validated penalties', () => {
  it('lasso CV keeps the true signals, zeroes most noise features and chooses a small α', () => {
    const { X: Xs, y: ys } = sparseLinear(2000, 20, 3);
    const model = fitLasso(Xs, ys, createRng(5));
    expect(model.coefficients[0]).toBeCloseTo(3, 1);
    expect(model.coefficients[1]).toBeCloseTo(-2, 1);
    let zeros = 0;
    for (let j = 2; j < 20; j++) if (model.coefficients[j] === 0) zeros += 1;
    expect(zeros).toBeGreaterThanOrEqual(5);
    // α_max ≈ 3 here; CV must stop far below it but not at the end of the path (3e-3).
    expect(model.alpha).toBeLessThan(0.2);
  });

  it('ridge CV picks a heavy penalty for pure noise and a light one for a strong signal', () => {
    const noise = sparseLinear(300, 10, 4, 1);
    const pureNoise = { X: noise.X, y: createRngArray(300, 9) };
    const heavy = fitRidge(pureNoise.X, pureNoise.y, createRng(2));
    const light = fitRidge(noise.X, noise.y, createRng(2));
    expect(heavy.alpha).toBeGreaterThan(30 * light.alpha);
    expect(light.coefficients[0]).toBeCloseTo(3, 1);
  });

  it('same seed gives identical fits; different folds only change α selection', () => {
    const { X: Xs, y: ys } = sparseLinear(500, 8, 6);
    for (const name of ['ridge', 'lasso'] as const) {
      const first = createLearner(name).fit(Xs, ys, createRng(11)) as LinearRegressor;
      const second = createLearner(name).fit(Xs, ys, createRng(11)) as LinearRegressor;
      expect(Array.from(second.coefficients)).toEqual(Array.from(first.coefficients));
      expect(second.intercept).toBe(first.intercept);
    }
  });
});

function createRngArray(length: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return new Float64Array(length).map(() => rng.normal());
}

describe('edge cases', () => {
  it('a constant response gives a constant prediction for every linear learner', () => {
    const { X: Xs } = sparseLinear(50, 3, 8);
    const constant = new Float64Array(50).fill(4.5);
    for (const name of ['ols', 'ridge', 'lasso'] as const) {
      const predictions = createLearner(name).fit(Xs, constant, createRng(1)).predict(Xs);
      for (const value of predictions) expect(value).toBeCloseTo(4.5, 10);
    }
  });

  it('a constant feature and a duplicated feature do not break OLS', () => {
    const rows = 40;
    const rng = createRng(3);
    const data = new Float64Array(rows * 3);
    const response = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const value = rng.normal();
      data.set([value, 7, value], i * 3);
      response[i] = 2 * value + 1;
    }
    const model = fitOrdinaryLeastSquares({ rows, cols: 3, data }, response);
    expect(model.coefficients[0] + model.coefficients[2]).toBeCloseTo(2, 6);
    expect(model.coefficients[1]).toBeCloseTo(0, 6);
    expect(model.predict({ rows: 1, cols: 3, data: new Float64Array([1, 7, 1]) })[0]).toBeCloseTo(
      3,
      6,
    );
  });

  it('rejects NaN, mismatched lengths and too few rows for the folds with named errors', () => {
    const bad: Matrix = { rows: 2, cols: 2, data: new Float64Array([1, 2, Number.NaN, 4]) };
    expect(() => fitOrdinaryLeastSquares(bad, new Float64Array(2))).toThrow(
      /ols: X\[1, 0\] is NaN/,
    );
    expect(() => fitOrdinaryLeastSquares(line2(), new Float64Array(3))).toThrow(
      /y has 3 values but X has 2 rows/,
    );
    expect(() => fitRidge(line2(), new Float64Array([1, Infinity]), createRng(1))).toThrow(
      /ridge: y\[1\] is Infinity/,
    );
    expect(() => fitLasso(line2(), new Float64Array([1, 2]), createRng(1))).toThrow(
      /lasso: cross-validation with 5 folds needs at least 5 rows, got 2/,
    );
    expect(() => fitRidge(line2(), new Float64Array([1, 2]), createRng(1), { alpha: -1 })).toThrow(
      /alpha must be finite and ≥ 0/,
    );
    const model = fitOrdinaryLeastSquares(line2(), new Float64Array([1, 2]));
    expect(() => model.predict({ rows: 1, cols: 2, data: new Float64Array(2) })).toThrow(
      /fitted on 1 columns but X has 2/,
    );
  });
});

function line2(): Matrix {
  return { rows: 2, cols: 1, data: new Float64Array([0, 1]) };
}
