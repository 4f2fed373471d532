import { describe, expect, it } from 'vitest';
import { binEdges, binFeatures, binIndex } from './featureBinning';

describe('binFeatures', () => {
  it('uses midpoints between distinct values when there are few', () => {
    const binned = binFeatures({ rows: 4, cols: 1, data: new Float64Array([3, 1, 2, 2]) });
    expect(Array.from(binned.edges[0])).toEqual([1.5, 2.5]);
    expect(Array.from(binned.bins)).toEqual([2, 0, 1, 1]);
    expect(binned.binCounts[0]).toBe(3);
  });

  it('uses quantile edges with near-equal bin sizes when values are many', () => {
    const rows = 10_000;
    const data = new Float64Array(rows).map((_, i) => (i * 7919) % rows); // a permutation of 0…n−1
    const binned = binFeatures({ rows, cols: 1, data }, 100);
    expect(binned.edges[0].length).toBe(99);
    const sizes = new Int32Array(100);
    for (const bin of binned.bins) sizes[bin] += 1;
    for (const size of sizes) expect(Math.abs(size - 100)).toBeLessThanOrEqual(1);
    // sklearn's "midpoint" percentile of 0…9999 at 1% is (99 + 100)/2 = 99.5.
    expect(binned.edges[0][0]).toBe(99.5);
  });

  it('stores column-major bins and respects bin ≤ t ⇔ x ≤ edge[t]', () => {
    const data = new Float64Array([0.1, 10, 0.5, 20, 0.9, 30, 0.3, 40]);
    const binned = binFeatures({ rows: 4, cols: 2, data });
    for (let j = 0; j < 2; j++)
      for (let i = 0; i < 4; i++) {
        const x = data[i * 2 + j];
        const bin = binned.bins[j * 4 + i];
        const edges = binned.edges[j];
        if (bin < edges.length) expect(x).toBeLessThanOrEqual(edges[bin]);
        if (bin > 0) expect(x).toBeGreaterThan(edges[bin - 1]);
      }
  });

  it('gives a constant column a single bin and rejects a bad maxBins', () => {
    const binned = binFeatures({ rows: 3, cols: 1, data: new Float64Array([5, 5, 5]) });
    expect(binned.binCounts[0]).toBe(1);
    expect(Array.from(binned.bins)).toEqual([0, 0, 0]);
    expect(() => binFeatures({ rows: 1, cols: 1, data: new Float64Array(1) }, 300)).toThrow(
      /maxBins/,
    );
    expect(binIndex(binEdges(new Float64Array([1, 2]), 255), 1.5)).toBe(0);
  });
});
