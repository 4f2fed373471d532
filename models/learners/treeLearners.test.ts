import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { parseNumericCsv, sliceRows } from './fixtures/parseNumericCsv';
import { fitGradientBoosting, shouldStop } from './gradientBoosting';
import { createLearner } from './index';
import { fitRandomForest } from './randomForest';
import type { Matrix } from './types';

// Friedman #1 split and scikit-learn's held-out R² from bench/python/learners_reference.py.
const reference = JSON.parse(
  readFileSync(new URL('./fixtures/nonlinear_reference.json', import.meta.url), 'utf8'),
) as {
  trainRows: number;
  testRows: number;
  forestTestR2: { third: number[]; all: number[] };
  gbmTestR2: number[];
};
const friedman = parseNumericCsv(
  readFileSync(new URL('./fixtures/friedman1.csv', import.meta.url), 'utf8'),
);
const train = sliceRows(friedman.X, friedman.y, 0, reference.trainRows);
const test = sliceRows(
  friedman.X,
  friedman.y,
  reference.trainRows,
  reference.trainRows + reference.testRows,
);

function rSquared(predicted: Float64Array, truth: Float64Array): number {
  let mean = 0;
  for (const value of truth) mean += value;
  mean /= truth.length;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < truth.length; i++) {
    residual += (truth[i] - predicted[i]) ** 2;
    total += (truth[i] - mean) ** 2;
  }
  return 1 - residual / total;
}
const average = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('held-out accuracy on Friedman #1 against scikit-learn', () => {
  it('forest (maxFeatures p/3 and p) is within 0.02 R² of RandomForestRegressor', () => {
    for (const [maxFeatures, scores] of [
      [1 / 3, reference.forestTestR2.third],
      [10, reference.forestTestR2.all],
    ] as const) {
      const model = fitRandomForest(train.X, train.y, createRng(1), { maxFeatures });
      const r2 = rSquared(model.predict(test.X), test.y);
      expect(Math.abs(r2 - average(scores))).toBeLessThan(0.02);
    }
  });

  it('gbm is within 0.015 R² of HistGradientBoostingRegressor and far above a constant', () => {
    const model = fitGradientBoosting(train.X, train.y, createRng(1));
    const r2 = rSquared(model.predict(test.X), test.y);
    expect(Math.abs(r2 - average(reference.gbmTestR2))).toBeLessThan(0.015);
    const constant = new Float64Array(test.y.length).fill(model.baseline);
    expect(rSquared(constant, test.y)).toBeLessThan(0.01);
    expect(model.trees.length).toBe(100);
  });
});

/** y = 1[x > 0.5]·3 + 1 on a uniform grid of one feature (p = 1). */
function stepData(rows: number): { X: Matrix; y: Float64Array } {
  const data = new Float64Array(rows).map((_, i) => (i + 0.5) / rows);
  return { X: { rows, cols: 1, data }, y: data.map((x) => (x > 0.5 ? 4 : 1)) };
}

describe('analytic cases', () => {
  it('one boosting stump with learning rate 1 puts the split at the midpoint and predicts the group means', () => {
    const { X, y } = stepData(100);
    const model = fitGradientBoosting(X, y, createRng(1), {
      learningRate: 1,
      maxIterations: 1,
      maxLeafNodes: 2,
      minSamplesLeaf: 1,
    });
    const tree = model.trees[0];
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBeCloseTo(0.5, 12); // midpoint of 0.495 and 0.505
    const predicted = model.predict({ rows: 2, cols: 1, data: new Float64Array([0.2, 0.8]) });
    expect(predicted[0]).toBeCloseTo(1, 12);
    expect(predicted[1]).toBeCloseTo(4, 12);
  });

  it('a forest without bootstrap and one row per leaf interpolates distinct training points', () => {
    const rng = createRng(3);
    const rows = 200;
    const X: Matrix = { rows, cols: 3, data: new Float64Array(rows * 3).map(() => rng.uniform()) };
    const y = new Float64Array(rows).map(() => rng.normal());
    const model = fitRandomForest(X, y, createRng(1), {
      trees: 5,
      bootstrap: false,
      maxFeatures: 3,
    });
    const predicted = model.predict(X);
    for (let i = 0; i < rows; i++) expect(predicted[i]).toBeCloseTo(y[i], 12);
  });

  it('p = 1 step function is recovered by both tree learners', () => {
    const { X, y } = stepData(400);
    for (const name of ['forest', 'gbm'] as const) {
      const predicted = createLearner(name)
        .fit(X, y, createRng(2))
        .predict({ rows: 2, cols: 1, data: new Float64Array([0.1, 0.9]) });
      expect(predicted[0]).toBeCloseTo(1, name === 'forest' ? 6 : 1);
      expect(predicted[1]).toBeCloseTo(4, name === 'forest' ? 6 : 1);
    }
  });

  it('sklearn early-stopping rule stops only after `patience` non-improving iterations', () => {
    expect(shouldStop([5, 4, 3], 2, 0)).toBe(false);
    expect(shouldStop([5, 4, 4, 4], 2, 0)).toBe(true);
    expect(shouldStop([5, 4, 4, 3.9], 2, 0)).toBe(false);
    expect(shouldStop([5, 4, 4, 3.9], 2, 0.5)).toBe(true);
  });
});

describe('determinism and edge cases', () => {
  const small = sliceRows(train.X, train.y, 0, 300);

  it('the same seed gives bit-identical predictions; another seed gives different forests', () => {
    for (const name of ['forest', 'gbm'] as const) {
      const options = { trees: 20, earlyStopping: true };
      const first = createLearner(name, options)
        .fit(small.X, small.y, createRng(5))
        .predict(test.X);
      const second = createLearner(name, options)
        .fit(small.X, small.y, createRng(5))
        .predict(test.X);
      expect(Array.from(second)).toEqual(Array.from(first));
      const other = createLearner(name, options)
        .fit(small.X, small.y, createRng(6))
        .predict(test.X);
      expect(Array.from(other)).not.toEqual(Array.from(first));
    }
  });

  it('a constant response gives constant predictions', () => {
    const constant = new Float64Array(small.y.length).fill(-2.5);
    for (const name of ['forest', 'gbm'] as const) {
      const predicted = createLearner(name, { trees: 10 })
        .fit(small.X, constant, createRng(1))
        .predict(test.X);
      for (const value of predicted) expect(value).toBe(-2.5);
    }
  });

  it('fewer rows than 2·minSamplesLeaf gives the mean; early stopping halts on pure noise', () => {
    const tiny = sliceRows(train.X, train.y, 0, 5);
    const model = fitGradientBoosting(tiny.X, tiny.y, createRng(1));
    const mean = tiny.y.reduce((a, b) => a + b, 0) / 5;
    expect(model.predict(tiny.X)[0]).toBeCloseTo(mean, 12);
    const noise = new Float64Array(small.y.length).map(
      (
        (rng) => () =>
          rng.normal()
      )(createRng(9)),
    );
    const stopped = fitGradientBoosting(small.X, noise, createRng(1), { earlyStopping: true });
    expect(stopped.trees.length).toBeLessThan(60);
    expect(stopped.validationLoss.length).toBe(stopped.trees.length + 1);
  });

  it('rejects NaN, bad options and mismatched prediction matrices with named errors', () => {
    const bad: Matrix = { rows: 2, cols: 1, data: new Float64Array([1, Number.NaN]) };
    expect(() => fitRandomForest(bad, new Float64Array(2), createRng(1))).toThrow(
      /forest: X\[1, 0\] is NaN/,
    );
    expect(() => fitGradientBoosting(bad, new Float64Array(2), createRng(1))).toThrow(
      /gbm: X\[1, 0\] is NaN/,
    );
    expect(() => fitRandomForest(small.X, small.y, createRng(1), { maxFeatures: 1.5 })).toThrow(
      /maxFeatures/,
    );
    expect(() => fitGradientBoosting(small.X, small.y, createRng(1), { maxLeafNodes: 1 })).toThrow(
      /maxLeafNodes must be an integer ≥ 2/,
    );
    const model = fitRandomForest(small.X, small.y, createRng(1), { trees: 2 });
    expect(() => model.predict({ rows: 1, cols: 1, data: new Float64Array(1) })).toThrow(
      /fitted on 10 columns/,
    );
  });
});
