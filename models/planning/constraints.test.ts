import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { feasibleBudgets, infeasibility, requireFeasible, resolveConstraints } from './constraints';
import type { ChannelBound, GroupLimit } from './scenarioSchema';
import { projectWeighted } from './weightedProjection';

const channelNames = ['tv', 'search', 'social', 'display'];
const reference = Float64Array.of(1000, 500, 300, 200);

function constraintsOf(
  options: { bounds?: ChannelBound[]; locked?: string[]; groups?: GroupLimit[] } = {},
) {
  return resolveConstraints({
    channelNames,
    reference,
    bounds: options.bounds ?? [],
    locked: options.locked ?? [],
    groups: options.groups ?? [],
  });
}

const digital = (minShare: number | null, maxShare: number | null): GroupLimit => ({
  name: 'digital',
  channels: ['search', 'social', 'display'],
  minShare,
  maxShare,
});

describe('constraints', () => {
  it('defaults to ±30% of the reference; relative and absolute bounds; locks keep the current spend', () => {
    const c = constraintsOf({
      bounds: [
        { channel: 'tv', unit: 'relative', lower: 0.5, upper: 2 },
        { channel: 'search', unit: 'absolute', lower: 100, upper: 900 },
      ],
      locked: ['display'],
    });
    expect([...c.lower]).toEqual([500, 100, 210, 200]);
    expect([...c.upper]).toEqual([2000, 900, 390, 200]);
    expect(c.locked).toEqual([false, false, false, true]);
  });

  it('refuses infeasible inputs by name', () => {
    const refusal = (f: () => void) => {
      try {
        f();
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal(() => requireFeasible(constraintsOf(), 1000))).toMatch(
      /budget 1,000 is less than the channels' lower bounds add up to \(1,400\)/,
    );
    expect(refusal(() => requireFeasible(constraintsOf({ locked: ['tv'] }), 5000))).toMatch(
      /more than the channels' upper bounds \(locked channels included\) allow \(2,300\)/,
    );
    expect(
      refusal(() => requireFeasible(constraintsOf({ groups: [digital(null, 0.2)] }), 2000)),
    ).toMatch(
      /group 'digital' may take at most 20% of the budget \(400\), but its channels' lower bounds need 700/,
    );
    expect(
      refusal(() => requireFeasible(constraintsOf({ groups: [digital(0.8, null)] }), 2000)),
    ).toMatch(
      /group 'digital' needs at least 80% of the budget \(1,600\), but its channels' upper bounds allow only 1,300/,
    );
    expect(
      refusal(() =>
        constraintsOf({ bounds: [{ channel: 'radio', unit: 'relative', lower: 0, upper: 1 }] }),
      ),
    ).toMatch(/bounds: unknown channel 'radio'/);
    expect(
      refusal(() =>
        constraintsOf({ bounds: [{ channel: 'tv', unit: 'relative', lower: 2, upper: 1 }] }),
      ),
    ).toMatch(/bounds for channel 'tv': the lower bound 2 is above the upper bound 1/);
    expect(
      refusal(() =>
        constraintsOf({
          groups: [
            digital(null, 1),
            { name: 'paid', channels: ['tv', 'social'], minShare: null, maxShare: null },
          ],
        }),
      ),
    ).toMatch(/group 'paid': channel 'social' is already in group 'digital'/);
    expect(refusal(() => constraintsOf({ locked: ['tiktok'] }))).toMatch(
      /locked channels: unknown channel 'tiktok'/,
    );
    expect(infeasibility(constraintsOf(), 2000)).toBeNull();
  });

  it('finds the feasible budget interval, group limits included', () => {
    expect(feasibleBudgets(constraintsOf())).toEqual({ min: 1400, max: 2600 });
    const range = feasibleBudgets(constraintsOf({ groups: [digital(null, 0.4)] }));
    // digital ≥ 700 needs B ≥ 1750; the rest can take at most 1300 + 0.4 B … B ≤ 1300/0.6.
    expect(range!.min).toBeCloseTo(1750, 4);
    expect(range!.max).toBeCloseTo(1300 / 0.6, 4);
    expect(feasibleBudgets(constraintsOf({ groups: [digital(0.9, null)] }))).toBeNull();
  });

  it('projects onto the feasible set: feasible, and no sampled feasible point is closer', () => {
    const rng = createRng(4);
    const constraints = constraintsOf({ groups: [digital(null, 0.45)] });
    const budget = 2000;
    for (let trial = 0; trial < 20; trial++) {
      const y = Float64Array.from(reference, (r) => r * (0.3 + 1.5 * rng.uniform()));
      const w = Float64Array.from(reference, () => 0.2 + rng.uniform());
      const out = new Float64Array(4);
      projectWeighted(y, w, constraints, budget, out);
      const distance = (s: ArrayLike<number>) =>
        Array.from(s).reduce((sum, v, c) => sum + w[c] * (v - y[c]) ** 2, 0);
      expect(out.reduce((a, b) => a + b)).toBeCloseTo(budget, 6);
      expect(out[1] + out[2] + out[3]).toBeLessThanOrEqual(0.45 * budget + 1e-6);
      out.forEach((v, c) => {
        expect(v).toBeGreaterThanOrEqual(constraints.lower[c] - 1e-9);
        expect(v).toBeLessThanOrEqual(constraints.upper[c] + 1e-9);
      });
      // Feasible perturbations: move mass between pairs of channels, kept inside the set.
      for (let k = 0; k < 200; k++) {
        const [a, b] = [Math.floor(rng.uniform() * 4), Math.floor(rng.uniform() * 4)];
        if (a === b) continue;
        const z = Float64Array.from(out);
        const delta = (rng.uniform() - 0.5) * 100;
        z[a] += delta;
        z[b] -= delta;
        const inside =
          z.every((v, c) => v >= constraints.lower[c] && v <= constraints.upper[c]) &&
          z[1] + z[2] + z[3] <= 0.45 * budget;
        if (inside) expect(distance(z)).toBeGreaterThanOrEqual(distance(out) - 1e-6);
      }
    }
  });
});
