import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import {
  accumulateCrossProducts,
  accumulateFeatureProducts,
  accumulateTargetProducts,
  dataMeans,
  emptyCrossProducts,
  residualSumOfSquares,
  subtractCrossProducts,
  sumCrossProducts,
} from './crossProducts';
import { kFoldAssignment } from './kFoldAssignment';
import type { Matrix } from './types';

function randomData(rows: number, cols: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = createRng(seed);
  const data = new Float64Array(rows * cols).map(() => 5 + 3 * rng.normal());
  return { X: { rows, cols, data }, y: new Float64Array(rows).map(() => 100 + rng.normal()) };
}

describe('crossProducts', () => {
  it('residual sum of squares from statistics equals the direct sum over held-out rows', () => {
    const { X, y } = randomData(60, 4, 1);
    const folds = kFoldAssignment(60, 3, createRng(2));
    const { meanX, meanY } = dataMeans(X, y);
    const groups = [0, 1, 2].map(() => emptyCrossProducts(4));
    accumulateCrossProducts(X, y, meanX, meanY, groups, folds);
    const weights = new Float64Array([0.5, -1, 2, 0.25]);
    const intercept = 3; // in shifted coordinates: ỹ ≈ 3 + x̃ᵀw
    let direct = 0;
    for (let i = 0; i < 60; i++) {
      if (folds[i] !== 1) continue;
      let fitted = intercept;
      for (let j = 0; j < 4; j++) fitted += (X.data[i * 4 + j] - meanX[j]) * weights[j];
      direct += (y[i] - meanY - fitted) ** 2;
    }
    expect(residualSumOfSquares(groups[1], intercept, weights)).toBeCloseTo(direct, 8);
  });

  it('total − fold equals the statistics of the remaining rows', () => {
    const { X, y } = randomData(30, 3, 3);
    const folds = kFoldAssignment(30, 5, createRng(4));
    const { meanX, meanY } = dataMeans(X, y);
    const groups = Array.from({ length: 5 }, () => emptyCrossProducts(3));
    accumulateCrossProducts(X, y, meanX, meanY, groups, folds);
    const training = subtractCrossProducts(sumCrossProducts(groups, 3), groups[2]);
    const direct = sumCrossProducts(
      [0, 1, 3, 4].map((k) => groups[k]),
      3,
    );
    expect(training.count).toBe(direct.count);
    for (let index = 0; index < 9; index++)
      expect(training.gram[index]).toBeCloseTo(direct.gram[index], 9);
    expect(training.sumYY).toBeCloseTo(direct.sumYY, 9);
  });
});

describe('accumulateFeatureProducts / accumulateTargetProducts', () => {
  it.each([
    [300, 5],
    [257, 6],
    [128, 1],
    [3, 2],
  ])(
    'equal the naive sums over a row subset (n = %i, p = %i: odd/even p, partial chunks)',
    (rows, cols) => {
      const { X, y } = randomData(rows, cols, rows + cols);
      const rng = createRng(9);
      const subset = Int32Array.from(
        Array.from({ length: rows }, (_, i) => i).filter(() => rng.uniform() < 0.7),
      );
      const shiftX = new Float64Array(cols).map((_, j) => 4 + j);
      const shiftY = 99;
      const stats = emptyCrossProducts(cols);
      accumulateFeatureProducts(X, shiftX, subset, stats);
      accumulateTargetProducts(X, y, shiftX, shiftY, subset, stats);
      const gram = new Float64Array(cols * cols);
      const sumX = new Float64Array(cols);
      const cross = new Float64Array(cols);
      let sumY = 0;
      let sumYY = 0;
      for (const i of subset) {
        const ty = y[i] - shiftY;
        sumY += ty;
        sumYY += ty * ty;
        for (let j = 0; j < cols; j++) {
          const xj = X.data[i * cols + j] - shiftX[j];
          sumX[j] += xj;
          cross[j] += xj * ty;
          for (let k = 0; k < cols; k++)
            gram[j * cols + k] += xj * (X.data[i * cols + k] - shiftX[k]);
        }
      }
      expect(stats.count).toBe(subset.length);
      const close = (a: number, b: number): void =>
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
      for (let index = 0; index < cols * cols; index++) close(stats.gram[index], gram[index]);
      for (let j = 0; j < cols; j++) {
        close(stats.sumX[j], sumX[j]);
        close(stats.crossXY[j], cross[j]);
      }
      close(stats.sumY, sumY);
      close(stats.sumYY, sumYY);
    },
  );
});

describe('kFoldAssignment', () => {
  it('deals a seeded permutation into folds whose sizes differ by at most one', () => {
    const folds = kFoldAssignment(103, 5, createRng(7));
    const sizes = new Int32Array(5);
    for (const fold of folds) sizes[fold] += 1;
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Array.from(kFoldAssignment(103, 5, createRng(7)))).toEqual(Array.from(folds));
    expect(Array.from(kFoldAssignment(103, 5, createRng(8)))).not.toEqual(Array.from(folds));
  });

  it('rejects fewer rows than folds and fewer than two folds', () => {
    expect(() => kFoldAssignment(3, 5, createRng(1), 'ridge')).toThrow(
      /ridge: cross-validation with 5 folds needs at least 5 rows, got 3/,
    );
    expect(() => kFoldAssignment(10, 1, createRng(1))).toThrow(/folds must be an integer ≥ 2/);
  });
});
