import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { createLasso } from './lasso';
import { createOrdinaryLeastSquares } from './ordinaryLeastSquares';
import { createRandomForest } from './randomForest';
import { createRidge } from './ridge';
import {
  prepareSplitFitter,
  selectRows,
  selectValues,
  separateSplitFitter,
  type RowSplit,
} from './splitFitting';
import type { Learner, Matrix } from './types';

/** Correlated features on different scales, a response with a sparse linear part plus noise. */
function data(
  rows: number,
  cols: number,
  seed: number,
): { X: Matrix; y: Float64Array; d: Float64Array } {
  const rng = createRng(seed);
  const X = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  const d = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let previous = rng.normal();
    for (let j = 0; j < cols; j++) {
      previous = 0.6 * previous + 0.8 * rng.normal();
      X[i * cols + j] = 50 + (j + 1) * previous;
    }
    d[i] = 0.3 * X[i * cols] + Math.sin(X[i * cols + 1]) + rng.normal();
    y[i] = 2 - 0.5 * X[i * cols + 2] + 0.2 * d[i] + rng.normal();
  }
  return { X: { rows, cols, data: X }, y, d };
}

/** K random test sets partitioning the rows; with `gap`, rows within `gap` of a test row leave training. */
function splits(rows: number, folds: number, seed: number, gap = 0): RowSplit[] {
  const rng = createRng(seed);
  const label = Int32Array.from({ length: rows }, (_, i) => i % folds);
  for (let i = rows - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [label[i], label[j]] = [label[j], label[i]];
  }
  return Array.from({ length: folds }, (_, k) => {
    const test: number[] = [];
    const excluded = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      if (label[i] !== k) continue;
      test.push(i);
      for (let g = Math.max(0, i - gap); g <= Math.min(rows - 1, i + gap); g++) excluded[g] = 1;
    }
    const train: number[] = [];
    for (let i = 0; i < rows; i++) if (!excluded[i]) train.push(i);
    return { train: Int32Array.from(train), test: Int32Array.from(test) };
  });
}

/** max |a − b| / max(1, max |b|). */
function relativeDifference(a: Float64Array, b: Float64Array): number {
  let difference = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    difference = Math.max(difference, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return difference / scale;
}

/** Each split's predictions by `learner.fit` on copied rows: the definition the fast paths must meet. */
function directPredictions(
  learner: Learner,
  X: Matrix,
  target: Float64Array,
  rowSplits: readonly RowSplit[],
  seed: number,
): Float64Array[] {
  return rowSplits.map((split, k) =>
    learner
      .fit(selectRows(X, split.train), selectValues(target, split.train), createRng(seed).fork(k))
      .predict(selectRows(X, split.test)),
  );
}

describe('split fitting shares per-split work and equals separate fits', () => {
  const { X, y, d } = data(403, 7, 1);
  const linear: [string, Learner][] = [
    ['ols', createOrdinaryLeastSquares()],
    [
      'lasso α=0.05 unstandardised',
      createLasso({ alpha: 0.05, standardize: false, tolerance: 1e-12 }),
    ],
    ['lasso α=0.02 standardised', createLasso({ alpha: 0.02, tolerance: 1e-12 })],
    ['ridge α=3', createRidge({ alpha: 3, standardize: false })],
    ['ridge α=0.5 standardised', createRidge({ alpha: 0.5 })],
  ];

  for (const gap of [0, 2]) {
    it.each(linear)(
      `%s from cross products (gap ${gap}) matches fits on the copied training rows to 1e-10`,
      (_, learner) => {
        const rowSplits = splits(X.rows, 5, 2, gap);
        const fitter = prepareSplitFitter(learner, X, rowSplits);
        // Two targets in turn, then the first again: the per-target cache must follow the target.
        for (const target of [y, d, y]) {
          const expected = directPredictions(learner, X, target, rowSplits, 3);
          rowSplits.forEach((_, k) => {
            const predicted = fitter.fitPredict(k, target, createRng(3).fork(k));
            expect(relativeDifference(predicted, expected[k])).toBeLessThan(1e-10);
          });
        }
      },
    );
  }

  it('a target changed in place is re-read, not served from the cache', () => {
    const rowSplits = splits(X.rows, 4, 5);
    const fitter = prepareSplitFitter(createOrdinaryLeastSquares(), X, rowSplits);
    const target = Float64Array.from(y);
    fitter.fitPredict(0, target, createRng(1));
    target.set(d);
    const expected = directPredictions(createOrdinaryLeastSquares(), X, d, rowSplits, 1);
    expect(
      relativeDifference(fitter.fitPredict(1, target, createRng(1)), expected[1]),
    ).toBeLessThan(1e-10);
  });

  it('forest: bins shared by targets give bit-identical forests to separate fits', () => {
    const learner = createRandomForest({
      trees: 12,
      maxFeatures: 3,
      maxDepth: 6,
      minSamplesLeaf: 3,
    });
    const rowSplits = splits(X.rows, 5, 7, 1);
    const fitter = prepareSplitFitter(learner, X, rowSplits);
    for (const target of [y, d]) {
      const expected = directPredictions(learner, X, target, rowSplits, 11);
      rowSplits.forEach((_, k) => {
        expect(Array.from(fitter.fitPredict(k, target, createRng(11).fork(k)))).toEqual(
          Array.from(expected[k]),
        );
      });
    }
  });

  it('learners without a fast path (cross-validated lasso) fall back to separate fits', () => {
    const learner = createLasso({ pathLength: 20 });
    const rowSplits = splits(X.rows, 3, 9);
    const fitter = prepareSplitFitter(learner, X, rowSplits);
    const reference = separateSplitFitter(learner, X, rowSplits);
    expect(Array.from(fitter.fitPredict(2, y, createRng(4)))).toEqual(
      Array.from(reference.fitPredict(2, y, createRng(4))),
    );
  });

  it('rejects bad splits, non-finite targets and negative penalties naming what and where', () => {
    const bad: RowSplit[] = [{ train: Int32Array.from([0, 1, 999]), test: Int32Array.from([2]) }];
    expect(() => prepareSplitFitter(createOrdinaryLeastSquares(), X, bad)).toThrow(
      /ols: split 1 refers to row 999, outside 0…402/,
    );
    const empty: RowSplit[] = [{ train: new Int32Array(0), test: Int32Array.from([2]) }];
    expect(() => prepareSplitFitter(createRandomForest(), X, empty)).toThrow(
      /forest: split 1 has no training rows/,
    );
    const rowSplits = splits(X.rows, 3, 9);
    const withNaN = Float64Array.from(y);
    withNaN[rowSplits[1].train[4]] = Number.NaN;
    for (const learner of [createOrdinaryLeastSquares(), createRandomForest({ trees: 2 })]) {
      expect(() =>
        prepareSplitFitter(learner, X, rowSplits).fitPredict(1, withNaN, createRng(1)),
      ).toThrow(new RegExp(`${learner.name}: y\\[${rowSplits[1].train[4]}\\] is NaN`));
    }
    expect(() => prepareSplitFitter(createLasso({ alpha: -1 }), X, rowSplits)).toThrow(
      /lasso: alpha must be finite and ≥ 0, got -1/,
    );
  });
});

describe('out-of-fold predictions of linear learners on K-fold splits', () => {
  const { X, y, d } = data(611, 9, 21);
  const rowSplits = splits(X.rows, 5, 22);
  const third = y.map((value, i) => value - 0.7 * d[i]);
  const learners: [string, Learner][] = [
    ['ols', createOrdinaryLeastSquares()],
    ['lasso α=0.05', createLasso({ alpha: 0.05, standardize: false, tolerance: 1e-12 })],
    ['ridge α=0.5 standardised', createRidge({ alpha: 0.5 })],
  ];

  it.each(learners)(
    '%s: several targets at once, then more, equal separate fits on the copied rows to 1e-10',
    (_, learner) => {
      const fitter = prepareSplitFitter(learner, X, rowSplits);
      expect(fitter.outOfFoldPredictions).toBeDefined();
      // First call: the targets ride along in the feature pass; second: a pass of their own.
      const first = fitter.outOfFoldPredictions!([y, d]);
      const second = fitter.outOfFoldPredictions!([third, y, d]);
      const check = (predictions: Float64Array, target: Float64Array): void => {
        const expected = directPredictions(learner, X, target, rowSplits, 1);
        rowSplits.forEach((split, k) => {
          const inRowOrder = Float64Array.from(split.test, (i) => predictions[i]);
          expect(relativeDifference(inRowOrder, expected[k])).toBeLessThan(1e-10);
          // …and agree with the one-split-at-a-time path of the same fitter.
          const single = fitter.fitPredict(k, target, createRng(1));
          expect(relativeDifference(inRowOrder, single)).toBeLessThan(1e-12);
        });
      };
      check(first[0], y);
      check(first[1], d);
      check(second[0], third);
      check(second[1], y);
      check(second[2], d);
      for (const predictions of [...first, ...second]) expect(predictions).toHaveLength(X.rows);
    },
  );

  it('is offered only for partitioning splits of deterministic fits', () => {
    expect(
      prepareSplitFitter(createOrdinaryLeastSquares(), X, splits(X.rows, 5, 2, 1))
        .outOfFoldPredictions,
    ).toBeUndefined();
    expect(
      prepareSplitFitter(createRandomForest({ trees: 2 }), X, rowSplits).outOfFoldPredictions,
    ).toBeUndefined();
    expect(
      prepareSplitFitter(createLasso({ pathLength: 5 }), X, rowSplits).outOfFoldPredictions,
    ).toBeUndefined();
  });

  it('names a non-finite or overflowing X entry and a non-finite target', () => {
    const bad = Float64Array.from(X.data);
    bad[37 * X.cols + 4] = Number.POSITIVE_INFINITY;
    expect(() =>
      prepareSplitFitter(createOrdinaryLeastSquares(), { ...X, data: bad }, rowSplits),
    ).toThrow(/ols: X\[37, 4\] is Infinity; values must be finite/);
    const huge = Float64Array.from(X.data);
    huge[2] = 1.7e308;
    huge[X.cols + 2] = 1.7e308;
    expect(() =>
      prepareSplitFitter(createOrdinaryLeastSquares(), { ...X, data: huge }, rowSplits),
    ).toThrow(/ols: the sum of column 2 of X overflows/);
    const target = Float64Array.from(y);
    target[100] = Number.NaN;
    expect(() =>
      prepareSplitFitter(createOrdinaryLeastSquares(), X, rowSplits).outOfFoldPredictions!([
        d,
        target,
      ]),
    ).toThrow(/ols: y\[100\] is NaN/);
  });
});
