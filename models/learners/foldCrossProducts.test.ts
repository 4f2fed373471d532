import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { addChunkGram, CHUNK_ROWS } from './chunkGram';
import { accumulateFeatureProducts, emptyCrossProducts } from './crossProducts';
import {
  accumulateFoldTargetProducts,
  foldCrossProducts,
  foldFeatureProducts,
  foldTargetProducts,
  predictByFold,
} from './foldCrossProducts';
import { kFoldAssignment } from './kFoldAssignment';
import type { Matrix } from './types';

/** Features far from 0 (mean 40), so a missing shift would show as cancellation error. */
function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed);
  return { rows, cols, data: new Float64Array(rows * cols).map(() => 40 + 3 * rng.normal()) };
}

function randomTarget(rows: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return new Float64Array(rows).map(() => 7 + 2 * rng.normal());
}

function close(actual: number, expected: number, scale = 1): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    1e-12 * Math.max(1, scale, Math.abs(expected)),
  );
}

describe('addChunkGram', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 9, 10])(
    'p = %i: column sums and upper triangle equal naive row-by-row sums, at an offset, two chunks added',
    (p) => {
      const rng = createRng(p);
      const base = 3;
      const chunk = new Float64Array(base + p * CHUNK_ROWS).map(() => rng.normal());
      const sumX = new Float64Array(p).fill(1);
      const upper = new Float64Array(p * p).fill(2);
      const lengths = [CHUNK_ROWS, 37];
      for (const length of lengths) addChunkGram(chunk, base, length, p, sumX, upper);
      for (let j = 0; j < p; j++) {
        let sum = 1;
        for (const length of lengths)
          for (let r = 0; r < length; r++) sum += chunk[base + j * CHUNK_ROWS + r];
        close(sumX[j], sum, 100);
        for (let k = j; k < p; k++) {
          let product = 2;
          for (const length of lengths)
            for (let r = 0; r < length; r++)
              product += chunk[base + j * CHUNK_ROWS + r] * chunk[base + k * CHUNK_ROWS + r];
          close(upper[j * p + k], product, 100);
        }
      }
    },
  );

  it('doc example: rows (1, 2) and (3, 4)', () => {
    const chunk = new Float64Array(2 * CHUNK_ROWS);
    chunk.set([1, 3], 0);
    chunk.set([2, 4], CHUNK_ROWS);
    const sumX = new Float64Array(2);
    const upper = new Float64Array(4);
    addChunkGram(chunk, 0, 2, 2, sumX, upper);
    expect(Array.from(sumX)).toEqual([4, 6]);
    expect([upper[0], upper[1], upper[3]]).toEqual([10, 14, 20]);
  });
});

describe('foldCrossProducts', () => {
  it.each([
    [1000, 6, 5, 2],
    [517, 7, 3, 1],
    [300, 1, 4, 3],
    [40, 5, 2, 0],
  ])(
    'n = %i, p = %i, K = %i, %i targets: every fold block equals naive sums over its rows',
    (rows, cols, folds, targetCount) => {
      const X = randomMatrix(rows, cols, rows);
      const labels = kFoldAssignment(rows, folds, createRng(cols));
      const targets = Array.from({ length: targetCount }, (_, t) => randomTarget(rows, 10 + t));
      const shiftX = new Float64Array(cols).map((_, j) => 39 + 0.5 * j);
      const targetShifts = targets.map((_, t) => 6.5 + t);
      const products = foldCrossProducts({ X, shiftX, labels, folds, targets, targetShifts });
      for (let k = 0; k < folds; k++) {
        const rowsOfFold = Array.from({ length: rows }, (_, i) => i).filter((i) => labels[i] === k);
        const x = (i: number, j: number): number => X.data[i * cols + j] - shiftX[j];
        const features = foldFeatureProducts(products, k);
        expect(features.count).toBe(rowsOfFold.length);
        for (let j = 0; j < cols; j++) {
          close(
            features.sumX[j],
            rowsOfFold.reduce((sum, i) => sum + x(i, j), 0),
            rows,
          );
          for (let l = 0; l < cols; l++) {
            const naive = rowsOfFold.reduce((sum, i) => sum + x(i, j) * x(i, l), 0);
            close(features.gram[j * cols + l], naive, rows);
          }
        }
        targets.forEach((target, t) => {
          const y = (i: number): number => target[i] - targetShifts[t];
          const stats = foldTargetProducts(products, k, t);
          close(
            stats.sumY,
            rowsOfFold.reduce((sum, i) => sum + y(i), 0),
            rows,
          );
          close(
            stats.sumYY,
            rowsOfFold.reduce((sum, i) => sum + y(i) * y(i), 0),
            rows,
          );
          for (let j = 0; j < cols; j++)
            close(
              stats.crossXY[j],
              rowsOfFold.reduce((sum, i) => sum + x(i, j) * y(i), 0),
              rows,
            );
          // The feature part does not depend on the targets riding along.
          expect(Array.from(stats.gram)).toEqual(Array.from(features.gram));
        });
      }
    },
  );

  it('feature blocks are bit for bit accumulateFeatureProducts over each fold’s sorted rows (even p)', () => {
    const rows = 700;
    const cols = 8;
    const X = randomMatrix(rows, cols, 2);
    const labels = kFoldAssignment(rows, 5, createRng(3));
    const shiftX = new Float64Array(cols).fill(40);
    const products = foldCrossProducts({ X, shiftX, labels, folds: 5 });
    for (let k = 0; k < 5; k++) {
      const reference = emptyCrossProducts(cols);
      const foldRows = Int32Array.from(
        Array.from({ length: rows }, (_, i) => i).filter((i) => labels[i] === k),
      );
      accumulateFeatureProducts(X, shiftX, foldRows, reference);
      const block = foldFeatureProducts(products, k);
      expect(Array.from(block.gram)).toEqual(Array.from(reference.gram));
      expect(Array.from(block.sumX)).toEqual(Array.from(reference.sumX));
    }
  });

  it('a later target’s one-pass fold products equal the ones built with the features', () => {
    const rows = 450;
    const cols = 5;
    const X = randomMatrix(rows, cols, 4);
    const labels = kFoldAssignment(rows, 4, createRng(5));
    const target = randomTarget(rows, 6);
    const shiftX = new Float64Array(cols).fill(40);
    const together = foldCrossProducts({
      X,
      shiftX,
      labels,
      folds: 4,
      targets: [target],
      targetShifts: [7],
    });
    const blocks = [0, 1, 2, 3].map((k) => foldFeatureProducts(together, k));
    accumulateFoldTargetProducts(X, target, shiftX, 7, labels, blocks);
    blocks.forEach((block, k) => {
      const reference = foldTargetProducts(together, k, 0);
      close(block.sumY, reference.sumY, rows);
      close(block.sumYY, reference.sumYY, rows);
      for (let j = 0; j < cols; j++) close(block.crossXY[j], reference.crossXY[j], rows * 40);
    });
  });
});

describe('predictByFold', () => {
  it.each([1, 2, 3])('%i target(s): each row by its fold’s model, as a naive dot product', (T) => {
    const rows = 97;
    const cols = 4;
    const folds = 3;
    const X = randomMatrix(rows, cols, 8);
    const labels = kFoldAssignment(rows, folds, createRng(9));
    const rng = createRng(10);
    const intercepts = new Float64Array(T * folds).map(() => rng.normal());
    const coefficients = new Float64Array(T * folds * cols).map(() => rng.normal());
    const outs = Array.from({ length: T }, () => new Float64Array(rows));
    predictByFold(X, labels, intercepts, coefficients, outs);
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < rows; i++) {
        const model = t * folds + labels[i];
        let expected = intercepts[model];
        for (let j = 0; j < cols; j++)
          expected += X.data[i * cols + j] * coefficients[model * cols + j];
        close(outs[t][i], expected, 100);
      }
    }
  });
});
