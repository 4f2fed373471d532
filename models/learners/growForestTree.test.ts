import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { binFeatures } from './featureBinning';
import { growForestTree } from './growForestTree';
import type { Matrix } from './types';

/**
 * Brute-force best first split: every feature, every threshold between consecutive distinct values,
 * weighted SSE(left) + SSE(right) with at least `minSamplesLeaf` distinct rows per side.
 */
function bestStump(
  X: Matrix,
  y: Float64Array,
  weights: Float64Array,
  minSamplesLeaf: number,
): { feature: number; threshold: number; loss: number } {
  let best = { feature: -1, threshold: Number.NaN, loss: Infinity };
  for (let j = 0; j < X.cols; j++) {
    const values = [
      ...new Set(Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols + j])),
    ].sort((a, b) => a - b);
    for (let t = 0; t + 1 < values.length; t++) {
      const threshold = (values[t] + values[t + 1]) / 2;
      const side = [
        { w: 0, s: 0, q: 0, n: 0 },
        { w: 0, s: 0, q: 0, n: 0 },
      ];
      for (let i = 0; i < X.rows; i++) {
        const part = side[X.data[i * X.cols + j] <= threshold ? 0 : 1];
        part.w += weights[i];
        part.s += weights[i] * y[i];
        part.q += weights[i] * y[i] * y[i];
        part.n += 1;
      }
      if (side[0].n < minSamplesLeaf || side[1].n < minSamplesLeaf) continue;
      const loss = side.reduce((sum, part) => sum + part.q - (part.s * part.s) / part.w, 0);
      if (loss < best.loss - 1e-9) best = { feature: j, threshold, loss };
    }
  }
  return best;
}

describe('growForestTree', () => {
  it('a depth-1 tree over all features takes the brute-force best weighted split', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rng = createRng(seed);
      const rows = 60;
      const cols = 4;
      // Few distinct values per column (≤ 255 bins: bin edges are the exact midpoints).
      const X: Matrix = {
        rows,
        cols,
        data: new Float64Array(rows * cols).map(() => Math.round(10 * rng.uniform())),
      };
      const y = new Float64Array(rows).map(
        (_, i) => X.data[i * cols + (seed % cols)] + rng.normal(),
      );
      const weights = new Float64Array(rows).map(() => 1 + rng.int(3));
      const rowsUsed = Int32Array.from({ length: rows }, (_, i) => i);
      const tree = growForestTree(
        binFeatures(X),
        y,
        weights,
        rowsUsed,
        { featuresPerSplit: cols, minSamplesLeaf: 3, maxDepth: 1 },
        createRng(seed),
      );
      const expected = bestStump(X, y, weights, 3);
      expect(tree.feature[0]).toBe(expected.feature);
      expect(tree.threshold[0]).toBe(expected.threshold);
      // Leaves hold the weighted means of their sides.
      let leftSum = 0;
      let leftWeight = 0;
      for (let i = 0; i < rows; i++) {
        if (X.data[i * cols + expected.feature] <= expected.threshold) {
          leftSum += weights[i] * y[i];
          leftWeight += weights[i];
        }
      }
      expect(tree.threshold[tree.left[0]]).toBeCloseTo(leftSum / leftWeight, 12);
    }
  });

  it('a node with fewer rows than bins (the masked path) also takes the brute-force best split', () => {
    for (const seed of [11, 12, 13, 14]) {
      const rng = createRng(seed);
      const rows = 61;
      const cols = 3;
      // Continuous columns: 61 bins each, more than the 37 rows the node holds.
      const X: Matrix = {
        rows,
        cols,
        data: new Float64Array(rows * cols).map(() => rng.normal()),
      };
      const y = new Float64Array(rows).map((_, i) => 2 * X.data[i * cols + 1] + rng.normal());
      const sample = Int32Array.from({ length: 37 }, (_, k) => Math.floor((k * rows) / 37));
      const weights = new Float64Array(rows);
      for (const row of sample) weights[row] = 1 + rng.int(4);
      const tree = growForestTree(
        binFeatures(X),
        y,
        weights,
        sample.slice(),
        { featuresPerSplit: cols, minSamplesLeaf: 4, maxDepth: 1 },
        createRng(seed),
      );
      const subset: Matrix = {
        rows: sample.length,
        cols,
        data: Float64Array.from(
          Array.from(sample).flatMap((row) => [...X.data.subarray(row * cols, row * cols + cols)]),
        ),
      };
      const expected = bestStump(
        subset,
        Float64Array.from(sample, (row) => y[row]),
        Float64Array.from(sample, (row) => weights[row]),
        4,
      );
      expect(tree.feature[0]).toBe(expected.feature);
      // The stored edge splits the node's rows exactly as the brute-force threshold does.
      for (const row of sample) {
        const value = X.data[row * cols + expected.feature];
        expect(value <= tree.threshold[0]).toBe(value <= expected.threshold);
      }
    }
  });

  it('rejects non-integer row weights (the packed count/weight sums need integers)', () => {
    const X: Matrix = { rows: 4, cols: 1, data: Float64Array.of(1, 2, 3, 4) };
    expect(() =>
      growForestTree(
        binFeatures(X),
        Float64Array.of(1, 2, 3, 4),
        Float64Array.of(1, 0.5, 1, 1),
        Int32Array.of(0, 1, 2, 3),
        { featuresPerSplit: 1, minSamplesLeaf: 1, maxDepth: 2 },
        createRng(1),
      ),
    ).toThrow(/integers ≥ 1, got 0.5 at row 1/);
  });

  it('respects maxDepth and minSamplesLeaf', () => {
    const rng = createRng(8);
    const rows = 500;
    const X: Matrix = { rows, cols: 3, data: new Float64Array(rows * 3).map(() => rng.normal()) };
    const y = new Float64Array(rows).map(
      (_, i) => Math.sin(3 * X.data[i * 3]) + 0.1 * rng.normal(),
    );
    const weights = new Float64Array(rows).fill(1);
    const tree = growForestTree(
      binFeatures(X),
      y,
      weights,
      Int32Array.from({ length: rows }, (_, i) => i),
      { featuresPerSplit: 2, minSamplesLeaf: 7, maxDepth: 4 },
      createRng(1),
    );
    // Walk every row to its leaf: depth ≤ 4 and ≥ 7 rows per leaf.
    const leafRows = new Map<number, number>();
    for (let i = 0; i < rows; i++) {
      let node = 0;
      let depth = 0;
      while (tree.feature[node] >= 0) {
        node =
          X.data[i * 3 + tree.feature[node]] <= tree.threshold[node]
            ? tree.left[node]
            : tree.right[node];
        depth += 1;
      }
      expect(depth).toBeLessThanOrEqual(4);
      leafRows.set(node, (leafRows.get(node) ?? 0) + 1);
    }
    for (const count of leafRows.values()) expect(count).toBeGreaterThanOrEqual(7);
    expect(leafRows.size).toBeGreaterThan(8);
  });
});
