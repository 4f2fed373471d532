import { describe, expect, it } from 'vitest';
import { createMmmTarget } from '../mmm/target';
import { gradientCheck } from '../testing/gradientCheck';
import { planningFixture } from '../testing/planningFixture';
import { createAllocationWorkspace, evaluateAllocation } from './evaluateAllocation';
import { buildHorizonModel } from './horizonModel';

const H = 6;

/** history ⊕ horizon weekly spend ⊕ zeros, the model's raw weekly spend over T + W weeks. */
function concatenated(history: Float64Array, horizon: Float64Array, tail: number): Float64Array {
  const out = new Float64Array(history.length + horizon.length + tail);
  out.set(history);
  out.set(horizon, history.length);
  return out;
}

describe('evaluateAllocation', () => {
  for (const spec of [{}, { adstock: 'weibullPdf', saturation: 'logistic' } as const]) {
    it(`equals target.components draw by draw (${JSON.stringify(spec)})`, () => {
      const { target, draws } = planningFixture({
        channels: 3,
        draws: 5,
        seed: 7,
        weeks: 60,
        spec,
      });
      const flighting = {
        kind: 'weekly' as const,
        source: null,
        weeks: [],
        spend: {
          channel1: [1, 2, 3, 0, 1, 5],
          channel2: [1, 1, 1, 1, 1, 1],
          channel3: [0, 0, 4, 4, 0, 0],
        },
      };
      const model = buildHorizonModel({ target, draws, horizonWeeks: H, flighting });
      const work = createAllocationWorkspace(model);
      const spend = Float64Array.of(900, 1500, 400);
      evaluateAllocation(model, spend, work, { carryOut: true });
      const T = target.design.weeks;
      const tail = model.spanWeeks - H;
      draws.forEach((parameters, d) => {
        const plan = target.design.spend.map((history, c) => {
          const weekly = Float64Array.from(
            { length: H },
            (_, k) => spend[c] * model.shapes[c * H + k],
          );
          return concatenated(history, weekly, tail);
        });
        const none = target.design.spend.map((history) =>
          concatenated(history, new Float64Array(H), tail),
        );
        const withPlan = target.components(parameters, plan).channels;
        const without = target.components(parameters, none).channels;
        for (let c = 0; c < 3; c++) {
          let incremental = 0;
          let carryIn = 0;
          let carryOut = 0;
          for (let k = 0; k < model.spanWeeks; k++) {
            const lift = withPlan[c][T + k] - without[c][T + k];
            if (k < H) {
              incremental += lift;
              carryIn += without[c][T + k];
            } else carryOut += lift;
          }
          const row = d * 3 + c;
          expect(work.incremental[row]).toBeCloseTo(incremental, 8);
          expect(model.carryIn[row]).toBeCloseTo(carryIn, 8);
          expect(work.carryOut[row]).toBeCloseTo(carryOut, 8);
          expect(Math.abs(incremental)).toBeGreaterThan(1);
        }
      });
    });
  }

  it('slope and curvature are the finite differences of incremental and slope', () => {
    const { target, draws } = planningFixture({
      channels: 4,
      draws: 30,
      seed: 3,
      shapeRange: [0.8, 2.5],
    });
    const model = buildHorizonModel({
      target,
      draws,
      horizonWeeks: 13,
      flighting: { kind: 'reference' },
    });
    const work = createAllocationWorkspace(model);
    const points = [0.5, 1, 1.8].map((m) => model.reference.map((r) => r * m));
    for (const [quantity, derivative] of [
      ['incremental', 'slope'],
      ['slope', 'curvature'],
    ] as const) {
      const f = (spend: Float64Array, gradient: Float64Array): number => {
        evaluateAllocation(model, spend, work, { carryOut: false });
        let value = 0;
        gradient.fill(0);
        // Draw 11's numbers: one draw, all channels (the Hessian is diagonal).
        for (let c = 0; c < 4; c++) {
          value += work[quantity][11 * 4 + c];
          gradient[c] = work[derivative][11 * 4 + c];
        }
        return value;
      };
      expect(gradientCheck(f, points).maxRelativeError).toBeLessThan(1e-6);
    }
  });

  it('projects the baseline as an extended design would: trend, seasonality, controls at reference means', () => {
    const { target, draws } = planningFixture({ channels: 2, draws: 3, seed: 5, weeks: 80 });
    const model = buildHorizonModel({
      target,
      draws,
      horizonWeeks: H,
      flighting: { kind: 'flat' },
    });
    const design = target.design;
    const T = design.weeks;
    const last = Date.parse(`${design.dates[T - 1]}T00:00:00Z`);
    const dates = [...design.dates, ...model.horizonDates];
    expect(model.horizonDates[0]).toBe(new Date(last + 7 * 86_400_000).toISOString().slice(0, 10));
    const referenceMean = design.controlNames.map((_, j) => {
      let sum = 0;
      for (let t = T - H; t < T; t++)
        sum += design.controlMean[j] + design.controlScale[j] * design.scaledControls[j][t];
      return sum / H;
    });
    const extended = createMmmTarget({
      spec: { ...target.spec, holdoutWeeks: H },
      data: {
        dates,
        kpi: Float64Array.from({ length: T + H }, (_, t) => design.kpi[Math.min(t, T - 1)]),
        channelNames: design.channelNames,
        spend: design.spend.map((s) => concatenated(s, new Float64Array(H), 0)),
        controlNames: design.controlNames,
        controls: design.controlNames.map((_, j) =>
          concatenated(
            Float64Array.from(
              { length: T },
              (_, t) =>
                design.controlMean[j] + design.controlScale[j] * design.scaledControls[j][t],
            ),
            new Float64Array(H).fill(referenceMean[j]),
            0,
          ),
        ),
      },
    });
    draws.forEach((parameters, d) => {
      const components = extended.components(parameters);
      for (let k = 0; k < H; k++) {
        const t = T + k;
        const expected =
          components.intercept[t] +
          components.trend[t] +
          components.seasonality[t] +
          components.controls[t];
        expect(model.baselineWeekly[d * H + k]).toBeCloseTo(expected, 8);
      }
    });
  });
});
