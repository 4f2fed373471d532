import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { createFolds, foldsFromAssignment, type Fold } from './folds';

function testUnion(folds: Fold[]): number[] {
  return folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
}

describe('createFolds', () => {
  it('random: test sets partition 0…n−1 with KFold sizes, disjoint from training, seeded', () => {
    const folds = createFolds({ observations: 23, folds: 5, scheme: 'random', rng: createRng(3) });
    expect(testUnion(folds)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(folds.map((f) => f.test.length)).toEqual([5, 5, 5, 4, 4]);
    for (const fold of folds) {
      expect(fold.train.length + fold.test.length).toBe(23);
      const test = new Set(fold.test);
      expect(Array.from(fold.train).some((i) => test.has(i))).toBe(false);
    }
    const again = createFolds({ observations: 23, folds: 5, scheme: 'random', rng: createRng(3) });
    expect(again.map((f) => Array.from(f.test))).toEqual(folds.map((f) => Array.from(f.test)));
    const other = createFolds({ observations: 23, folds: 5, scheme: 'random', rng: createRng(4) });
    expect(other.map((f) => Array.from(f.test))).not.toEqual(folds.map((f) => Array.from(f.test)));
  });

  it('blocked with gap: contiguous test blocks, g neighbours dropped on each side (doc example)', () => {
    const folds = createFolds({ observations: 10, folds: 5, scheme: 'blocked', gap: 1 });
    expect(Array.from(folds[2].test)).toEqual([4, 5]);
    expect(Array.from(folds[2].train)).toEqual([0, 1, 2, 7, 8, 9]);
    expect(Array.from(folds[0].train)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(folds[4].train)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const noGap = createFolds({ observations: 10, folds: 5, scheme: 'blocked' });
    expect(Array.from(noGap[2].train)).toEqual([0, 1, 2, 3, 6, 7, 8, 9]);
  });

  it('neighbours-left-out: no training observation within gap of any test observation', () => {
    const gap = 2;
    const folds = createFolds({
      observations: 60,
      folds: 4,
      scheme: 'neighbours-left-out',
      gap,
      rng: createRng(9),
    });
    expect(testUnion(folds)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    for (const fold of folds) {
      for (const i of fold.train)
        expect(Array.from(fold.test).every((j) => Math.abs(i - j) > gap)).toBe(true);
      // Every observation not near a test observation stays in training.
      const kept = new Set(fold.train);
      for (let i = 0; i < 60; i++) {
        const near = Array.from(fold.test).some((j) => Math.abs(i - j) <= gap);
        expect(kept.has(i)).toBe(!near);
      }
    }
  });

  it('rejects bad settings with clear messages', () => {
    expect(() => createFolds({ observations: 7, folds: 5, scheme: 'blocked' })).toThrow(
      /too few for 5 folds/,
    );
    expect(() => createFolds({ observations: 20, folds: 1, scheme: 'blocked' })).toThrow(/≥ 2/);
    expect(() => createFolds({ observations: 20, folds: 5, scheme: 'random' })).toThrow(
      /seeded rng/,
    );
    expect(() => createFolds({ observations: 20, folds: 2, scheme: 'blocked', gap: 10 })).toThrow(
      /training observation/,
    );
    expect(() => createFolds({ observations: 20, folds: 5, scheme: 'blocked', gap: -1 })).toThrow(
      /gap/,
    );
  });

  it('foldsFromAssignment reads test labels', () => {
    const folds = foldsFromAssignment([0, 1, 0, 1, 1, 0], 2);
    expect(Array.from(folds[0].test)).toEqual([0, 2, 5]);
    expect(Array.from(folds[0].train)).toEqual([1, 3, 4]);
  });

  it('foldsFromAssignment without a gap equals the gap rule at gap 0; unlabelled rows always train', () => {
    const rng = createRng(12);
    const labels = Array.from({ length: 57 }, () => rng.int(4));
    labels[5] = -1;
    labels[40] = 9;
    const folds = foldsFromAssignment(labels, 4);
    folds.forEach((fold, k) => {
      const test = labels.flatMap((label, i) => (label === k ? [i] : []));
      expect(Array.from(fold.test)).toEqual(test);
      expect(Array.from(fold.train)).toEqual(
        labels.flatMap((label, i) => (label === k ? [] : [i])),
      );
      expect(Array.from(fold.train)).toContain(5);
      expect(Array.from(fold.train)).toContain(40);
    });
    expect(() => foldsFromAssignment([0, 0, 0, 1], 2)).toThrow(
      /fold 1 keeps 1 training observation\(s\) \(n = 4, gap = 0\)/,
    );
    expect(() => foldsFromAssignment([0, 0, 1, 1, 0, 1], 3)).toThrow(
      /fold 3 has no test observations/,
    );
  });
});
