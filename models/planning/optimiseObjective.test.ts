import { describe, expect, it } from 'vitest';
import { planningFixture } from '../testing/planningFixture';
import { resolveConstraints } from './constraints';
import { createAllocationWorkspace } from './evaluateAllocation';
import { buildHorizonModel } from './horizonModel';
import { maximiseAtBudget, type PlanningProblem } from './maximiseAtBudget';
import { optimiseObjective } from './optimiseObjective';
import { createRiskScratch } from './riskMeasure';

const { target, draws } = planningFixture({ channels: 4, draws: 80, seed: 31 });
const model = buildHorizonModel({ target, draws, horizonWeeks: 13, flighting: { kind: 'flat' } });
const problem: PlanningProblem = {
  model,
  risk: { kind: 'mean' },
  constraints: resolveConstraints({
    channelNames: model.channelNames,
    reference: model.reference,
    bounds: model.channelNames.map((channel) => ({
      channel,
      unit: 'relative',
      lower: 0.2,
      upper: 3,
    })),
    locked: [],
    groups: [],
  }),
  work: createAllocationWorkspace(model),
  scratch: createRiskScratch(model.draws, model.channels),
};
const reference = model.reference.reduce((a, b) => a + b);
const atReference = maximiseAtBudget(problem, reference);

describe('optimiseObjective', () => {
  it('min-spend: the least budget whose optimum reaches the target KPI', () => {
    const targetKpi = atReference.value;
    const optimum = optimiseObjective(problem, { kind: 'min-spend', targetKpi });
    expect(optimum.value).toBeGreaterThanOrEqual(targetKpi * (1 - 1e-9));
    expect(optimum.budget).toBeCloseTo(reference, 3);
    expect(maximiseAtBudget(problem, optimum.budget * (1 - 1e-4)).value).toBeLessThan(targetKpi);
  });

  it('target-roi: the largest budget whose ROI stays at the target', () => {
    const targetRoi = (0.9 * atReference.value) / reference;
    const optimum = optimiseObjective(problem, { kind: 'target-roi', targetRoi });
    expect(optimum.value / optimum.budget).toBeGreaterThanOrEqual(targetRoi * (1 - 1e-9));
    expect(optimum.value / optimum.budget).toBeCloseTo(targetRoi, 6);
    expect(optimum.budget).toBeGreaterThan(reference);
    const more = maximiseAtBudget(problem, optimum.budget * 1.001);
    expect(more.value / more.budget).toBeLessThan(targetRoi);
  });

  it('target-mroi: spends until the marginal ROI of every free channel falls to the target', () => {
    const targetMroi = 0.8 * atReference.multiplier;
    const optimum = optimiseObjective(problem, { kind: 'target-mroi', targetMroi });
    expect(optimum.multiplier).toBeCloseTo(targetMroi, 6);
    const { lower, upper } = problem.constraints;
    optimum.spend.forEach((s, c) => {
      if (s > lower[c] * (1 + 1e-6) && s < upper[c] * (1 - 1e-6))
        expect(Math.abs(optimum.gradient[c] - targetMroi) / targetMroi).toBeLessThan(1e-5);
    });
    expect(optimum.budget).toBeGreaterThan(reference);
  });

  it('refuses unreachable targets by name', () => {
    expect(() => optimiseObjective(problem, { kind: 'min-spend', targetKpi: 1e12 })).toThrow(
      /target KPI 1,000,000,000,000: unreachable within the bounds — the most they allow is/,
    );
    expect(() => optimiseObjective(problem, { kind: 'target-roi', targetRoi: 1e6 })).toThrow(
      /target ROI 1000000: unreachable within the bounds/,
    );
    expect(() => optimiseObjective(problem, { kind: 'max-kpi', budget: 100 * reference })).toThrow(
      /is more than the channels' upper bounds allow/,
    );
  });
});
