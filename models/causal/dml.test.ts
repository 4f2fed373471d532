import { describe, expect, it } from 'vitest';
import { createLearner } from '../learners';
import type { Matrix } from '../learners/types';
import { createRng, type Rng } from '../random/rng';
import { estimateDml } from './dml';
import { DmlCancelledError, type DmlProgress } from './dmlTypes';

const ols = createLearner('ols');

/** Linear PLR: d = x·a + v, y = θd + x·b + ζ with AR(1) v and ζ (ρ) — the truth θ is known. */
function simulate(
  rng: Rng,
  n: number,
  theta: number,
  rho: number,
): { y: Float64Array; d: Float64Array; X: Matrix } {
  const p = 3;
  const X = new Float64Array(n * p);
  const y = new Float64Array(n);
  const d = new Float64Array(n);
  let v = 0;
  let zeta = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) X[i * p + j] = rng.normal();
    v = rho * v + rng.normal();
    zeta = rho * zeta + rng.normal();
    d[i] = X[i * p] + 0.5 * X[i * p + 1] + v;
    y[i] = theta * d[i] + X[i * p] - X[i * p + 2] + zeta;
  }
  return { y, d, X: { rows: n, cols: p, data: X } };
}

describe('estimateDml', () => {
  it('recovers a known effect: no bias, and the SE matches the spread of θ̂ over seeded replications', () => {
    const thetas: number[] = [];
    const ses: number[] = [];
    const reps = 60;
    for (let r = 0; r < reps; r++) {
      const { y, d, X } = simulate(createRng(5000 + r), 300, 0.5, 0);
      const e = estimateDml({
        y,
        treatments: [{ name: 'd', values: d }],
        controls: X,
        options: { learner: ols, seed: r, standardError: 'iid' },
      }).estimates[0];
      thetas.push(e.theta);
      ses.push(e.se);
      expect(e.lo).toBeLessThan(e.hi);
    }
    const meanTheta = thetas.reduce((s, t) => s + t, 0) / reps;
    const sd = Math.sqrt(thetas.reduce((s, t) => s + (t - meanTheta) ** 2, 0) / (reps - 1));
    const meanSe = ses.reduce((s, v) => s + v, 0) / reps;
    expect(Math.abs(meanTheta - 0.5)).toBeLessThan((3 * sd) / Math.sqrt(reps));
    expect(sd / meanSe).toBeGreaterThan(0.75);
    expect(sd / meanSe).toBeLessThan(1.35);
  });

  it('positive autocorrelation: HAC SE > i.i.d. SE, and the i.i.d. SE understates the spread of θ̂', () => {
    const thetas: number[] = [];
    let hacLarger = 0;
    let iidSum = 0;
    let hacSum = 0;
    const reps = 12;
    for (let r = 0; r < reps; r++) {
      const { y, d, X } = simulate(createRng(7000 + r), 156, 0.5, 0.7);
      const e = estimateDml({
        y,
        treatments: [{ name: 'd', values: d }],
        controls: X,
        options: { learner: ols, foldScheme: 'blocked', seed: r },
      }).estimates[0];
      thetas.push(e.theta);
      if (e.seHac > e.se) hacLarger++;
      iidSum += e.se;
      hacSum += e.seHac;
      expect(e.standardError).toBe('hac');
      expect(e.hi - e.lo).toBeCloseTo(2 * 1.959963984540054 * e.seHac, 10);
    }
    expect(hacLarger).toBeGreaterThanOrEqual(reps - 1);
    expect(hacSum / iidSum).toBeGreaterThan(1.3);
  });

  it('reports progress per fit, is cancellable between fits, and is deterministic for a seed', () => {
    const { y, d, X } = simulate(createRng(1), 80, 1, 0);
    const d2 = d.map((v, i) => v * 0.3 + X.data[i * 3 + 2]);
    const input = {
      y,
      treatments: [
        { name: 'a', values: d },
        { name: 'b', values: d2 },
      ],
      controls: X,
    };
    const events: DmlProgress[] = [];
    const result = estimateDml(
      { ...input, options: { learner: ols, folds: 4, repetitions: 2, bootstrapDraws: 50 } },
      { onProgress: (p) => events.push(p) },
    );
    // 2 reps × (2 treatments × 2 nuisances + joint (1 + 2)) × 4 folds.
    expect(events.length).toBe(2 * (2 * 2 + 3) * 4);
    expect(events.at(-1)!.total).toBe(events.length);
    expect(events.map((e) => e.done)).toEqual(events.map((_, i) => i));
    expect(result.joint!.estimates.map((e) => e.treatment)).toEqual(['a', 'b']);
    expect(result.nuisance[0].outcomeRmse.length).toBe(2);
    expect(result.nuisance[0].outcomeRmse[0].length).toBe(4);
    expect(result.bootstrap!.criticalValue).toBeGreaterThan(1.96);
    expect(
      result.estimates[0].simultaneousHi! - result.estimates[0].simultaneousLo!,
    ).toBeGreaterThan(result.estimates[0].hi - result.estimates[0].lo);
    const again = estimateDml({
      ...input,
      options: { learner: ols, folds: 4, repetitions: 2, bootstrapDraws: 50 },
    });
    expect(again.estimates.map((e) => e.theta)).toEqual(result.estimates.map((e) => e.theta));
    let calls = 0;
    expect(() =>
      estimateDml({ ...input, options: { learner: ols } }, { isCancelled: () => ++calls > 3 }),
    ).toThrow(DmlCancelledError);
    expect(calls).toBe(4);
  });

  it('joint and single estimates agree without confounding between channels; OLS-equivalence with linear nuisances', () => {
    const rng = createRng(42);
    const n = 400;
    const X = Float64Array.from({ length: n }, () => rng.normal());
    const a = X.map((x) => x + rng.normal());
    const b = X.map((x) => -x + rng.normal());
    const y = a.map((v, i) => 2 * v - b[i] + 3 * X[i] + rng.normal());
    const result = estimateDml({
      y,
      treatments: [
        { name: 'a', values: a },
        { name: 'b', values: b },
      ],
      controls: { rows: n, cols: 1, data: X },
      options: { learner: ols, standardError: 'iid', bootstrapDraws: 0 },
    });
    expect(Math.abs(result.estimates[0].theta - 2)).toBeLessThan(4 * result.estimates[0].se);
    expect(Math.abs(result.joint!.estimates[1].theta + 1)).toBeLessThan(
      4 * result.joint!.estimates[1].se,
    );
    expect(result.joint!.estimates.some((e) => e.disagrees)).toBe(false);
  });

  it('rejects bad input naming what and where', () => {
    const { y, d, X } = simulate(createRng(1), 20, 1, 0);
    const bad = d.slice();
    bad[4] = NaN;
    expect(() =>
      estimateDml({
        y,
        treatments: [{ name: 'tv', values: bad }],
        controls: X,
        options: { learner: ols },
      }),
    ).toThrow(/treatment 'tv' .* row 5/);
    expect(() =>
      estimateDml({
        y,
        treatments: [{ name: 'tv', values: d.subarray(1) }],
        controls: X,
        options: { learner: ols },
      }),
    ).toThrow(/'tv' has 19 values/);
    expect(() =>
      estimateDml({
        y: y.subarray(0, 8),
        treatments: [{ name: 'tv', values: d.subarray(0, 8) }],
        controls: { rows: 8, cols: 3, data: X.data.subarray(0, 24) },
        options: { learner: ols },
      }),
    ).toThrow(/too few for 5 folds/);
    expect(() => estimateDml({ y, treatments: [], controls: X })).toThrow(/at least one treatment/);
  });
});
