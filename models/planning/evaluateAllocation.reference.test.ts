import { describe, expect, it } from 'vitest';
import type { SaturationKind } from '../mmm/spec';
import { createRng } from '../random/rng';
import { planningFixture } from '../testing/planningFixture';
import { createAllocationWorkspace, evaluateAllocation } from './evaluateAllocation';
import { buildHorizonModel, type HorizonModel } from './horizonModel';

type Curve = (x: number) => [number, number, number];

/** h, h′, h″ written plainly from the curve's textbook form (powers, not the evaluator's ratio). */
function plainCurve(kind: SaturationKind, parameters: Record<string, number>): Curve {
  if (kind === 'hill') {
    const { halfSaturation: K, shape: s } = parameters;
    return (x) => {
      if (!(x > 0)) return [0, 0, 0];
      const sum = x ** s + K ** s;
      const slope = (s * K ** s * x ** (s - 1)) / sum ** 2;
      return [x ** s / sum, slope, slope * ((s - 1) / x - (2 * s * x ** (s - 1)) / sum)];
    };
  }
  if (kind === 'logistic') {
    const { rate } = parameters;
    return (x) => {
      const e = Math.exp(-rate * x);
      const h = (1 - e) / (1 + e);
      return [h, (2 * rate * e) / (1 + e) ** 2, (2 * rate * rate * e * (e - 1)) / (1 + e) ** 3];
    };
  }
  const { halfSaturation: K } = parameters;
  return (x) => [x / (K + x), K / (K + x) ** 2, (-2 * K) / (K + x) ** 3];
}

/**
 * The four quantities of evaluateAllocation.ts for one draw and channel, week by week:
 * incremental and carry-out as sums of h(history + S·gain) − h(history) (no cancellation against a
 * precomputed carry-in), slope and curvature as sums of h′·gain and h″·gain².
 */
function plainRow(model: HorizonModel, curve: Curve, row: number, total: number) {
  const { spanWeeks: W, horizonWeeks: H } = model;
  const sums = { incremental: 0, slope: 0, curvature: 0, carryOut: 0, scale: 0, bend: 0 };
  for (let k = 0; k < W; k++) {
    const past = model.history[row * W + k];
    const g = model.gain[row * W + k];
    const [h, h1, h2] = curve(past + total * g);
    const lift = h - curve(past)[0];
    if (k < H) {
      sums.incremental += lift;
      sums.slope += h1 * g;
      sums.curvature += h2 * g * g;
      sums.bend += Math.abs(h2) * g * g;
    } else sums.carryOut += lift;
    sums.scale += h;
  }
  const f = model.factor[row];
  return {
    incremental: f * sums.incremental,
    slope: f * sums.slope,
    curvature: f * sums.curvature,
    carryOut: f * sums.carryOut,
    /** f Σ h(a): the size the evaluator's difference f Σh(a) − carryIn is rounded at. */
    scale: f * sums.scale,
    /** f Σ |h″| gain²: the size the curvature's mixed-sign sum is rounded at. */
    bend: Math.abs(f) * sums.bend,
  };
}

describe('evaluateAllocation against a plain week-by-week reference', () => {
  const specs = [
    { saturation: 'hill' },
    { saturation: 'hill', adstock: 'weibullPdf', maxLag: 12 },
    { saturation: 'logistic' },
    { saturation: 'michaelisMenten', adstock: 'delayed' },
  ] as const;
  for (const spec of specs) {
    it(`agrees to 1e-12 on random allocations, seed 11 (${JSON.stringify(spec)})`, () => {
      const channels = 5;
      const fixture = planningFixture({
        channels,
        draws: 60,
        seed: 11,
        spec,
        shapeRange: [0.5, 2.5],
      });
      const { target, draws } = fixture;
      const model = buildHorizonModel({
        ...fixture,
        horizonWeeks: 13,
        flighting: { kind: 'reference' },
      });
      if (spec.saturation === 'hill') {
        // The factored path must carry most weeks, or this test would not exercise it.
        const factored = model.gainPower.filter((p) => p > 0 && p < Infinity).length;
        expect(factored).toBeGreaterThan(0.4 * model.gain.length);
      } else expect(model.gainPower.length).toBe(0);
      const work = createAllocationWorkspace(model);
      const rng = createRng(11);
      const C = channels;
      for (let trial = 0; trial < 8; trial++) {
        const spend = model.reference.map((r) => r * 3 * rng.uniform());
        if (trial === 0) spend[0] = 0; // a dark channel
        if (trial === 1) spend[1] *= 1e-9; // a near-zero one
        evaluateAllocation(model, spend, work, { carryOut: true });
        draws.forEach((parameters, d) => {
          for (let c = 0; c < C; c++) {
            const row = d * C + c;
            const curve = plainCurve(target.spec.saturation, parameters.channels[c].saturation);
            const plain = plainRow(model, curve, row, spend[c]);
            const tolerance = 1e-12 * (Math.abs(plain.incremental) + plain.scale);
            expect(Math.abs(work.incremental[row] - plain.incremental)).toBeLessThanOrEqual(
              tolerance,
            );
            expect(Math.abs(work.carryOut[row] - plain.carryOut)).toBeLessThanOrEqual(tolerance);
            expect(Math.abs(work.slope[row] - plain.slope)).toBeLessThanOrEqual(
              1e-12 * Math.abs(plain.slope),
            );
            expect(Math.abs(work.curvature[row] - plain.curvature)).toBeLessThanOrEqual(
              1e-12 * plain.bend,
            );
          }
        });
      }
    });
  }
});
