import { describe, expect, it } from 'vitest';
import { createOrdinaryLeastSquares, createRandomForest } from '../learners';
import type { Learner, Matrix } from '../learners/types';
import { createRng } from '../random/rng';
import { prepareCrossFit } from './crossFit';
import { createFolds } from './folds';

function simulate(rows: number, cols: number, seed: number) {
  const rng = createRng(seed);
  const data = new Float64Array(rows * cols).map(() => rng.normal());
  const X: Matrix = { rows, cols, data };
  const targets = [0, 1, 2].map((t) =>
    Float64Array.from(
      { length: rows },
      (_, i) => t + data[i * cols] - 0.5 * t * data[i * cols + 1] + rng.normal(),
    ),
  );
  return { X, targets };
}

/** OLS behind a plain learner: no split fast path, so every fold is a separate fit. */
const plainOls: Learner = {
  name: 'ols',
  fit: (X, y, rng) => createOrdinaryLeastSquares().fit(X, y, rng),
};

describe('cross-fitting several targets at once', () => {
  const { X, targets } = simulate(240, 4, 1);
  const folds = createFolds({ observations: 240, folds: 4, scheme: 'random', rng: createRng(2) });

  it('OLS: predictEach (one shared pass) equals separate fits per fold, with the same RMSE and progress order', () => {
    const calls: string[] = [];
    const results = prepareCrossFit(X, folds, createOrdinaryLeastSquares()).predictEach(
      targets.map((target, t) => ({
        target,
        rng: createRng(t),
        beforeFit: (k: number) => calls.push(`${t}:${k}`),
      })),
    );
    const reference = prepareCrossFit(X, folds, plainOls);
    const order: string[] = [];
    targets.forEach((target, t) => {
      const expected = reference.predict(target, createRng(t), (k) => order.push(`${t}:${k}`));
      for (let i = 0; i < X.rows; i++)
        expect(Math.abs(results[t].predictions[i] - expected.predictions[i])).toBeLessThan(1e-10);
      folds.forEach((fold, k) => {
        let squares = 0;
        for (const i of fold.test) squares += (target[i] - results[t].predictions[i]) ** 2;
        expect(results[t].foldRmse[k]).toBeCloseTo(Math.sqrt(squares / fold.test.length), 12);
        expect(results[t].foldRmse[k]).toBeCloseTo(expected.foldRmse[k], 10);
      });
    });
    expect(calls).toEqual(order);
  });

  it('forest (no shared pass): predictEach is predict on each target in turn, bit for bit', () => {
    const forest = createRandomForest({ trees: 5, maxDepth: 4 });
    const fitter = prepareCrossFit(X, folds, forest);
    const together = fitter.predictEach(
      targets.slice(0, 2).map((target, t) => ({ target, rng: createRng(10 + t) })),
    );
    targets.slice(0, 2).forEach((target, t) => {
      const alone = prepareCrossFit(X, folds, forest).predict(target, createRng(10 + t));
      expect(Array.from(together[t].predictions)).toEqual(Array.from(alone.predictions));
    });
  });

  it('a learner returning non-finite predictions is named with its fold', () => {
    const broken: Learner = {
      name: 'broken',
      fit: () => ({ predict: (Xnew) => new Float64Array(Xnew.rows).fill(Number.NaN) }),
    };
    expect(() => prepareCrossFit(X, folds, broken).predict(targets[0], createRng(1))).toThrow(
      /learner 'broken' returned a non-finite prediction in fold 1/,
    );
  });
});
