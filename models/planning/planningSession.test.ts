import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFitReport } from '../report/parseFitReport';
import type { FitReport } from '../report/fitReportSchema';
import { createPlanningSession } from './planningSession';
import { scenarioInputs } from './scenarioInputs';
import { ScenarioResultSchema, type ScenarioInputs } from './scenarioSchema';

function fixtureReport(version: number | string): FitReport {
  const parsed = parseFitReport(
    readFileSync(
      new URL(`../report/fixtures/fit-result.v${version}.json`, import.meta.url),
      'utf8',
    ),
  );
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.report;
}

const report = fixtureReport(2);
const session = createPlanningSession(report);

function inputs(overrides: Partial<ScenarioInputs> = {}): ScenarioInputs {
  const model = session.horizon(13, { kind: 'reference' });
  return scenarioInputs(session.channelNames, model.reference, overrides);
}

describe('planningSession on a fit result', () => {
  it('evaluates the reference scenario with intervals; provisional follows the gate', () => {
    const result = session.evaluate(inputs());
    expect(ScenarioResultSchema.parse(result)).toEqual(result);
    expect(result.provisional).toBe(!report.diagnostics.gatePassed);
    for (const channel of result.channels) {
      expect(channel.incremental.lo).toBeLessThanOrEqual(channel.incremental.mean);
      expect(channel.incremental.mean).toBeLessThanOrEqual(channel.incremental.hi);
      expect(channel.incremental.mean).toBeGreaterThan(0);
      expect(channel.roi.mean).toBeCloseTo(channel.incremental.mean / channel.spend, 8);
    }
    const { total } = result;
    const baseline = session.horizon(13, { kind: 'reference' }).baseline;
    const baselineMean = baseline.reduce((a, b) => a + b) / baseline.length;
    expect(total.kpi.mean).toBeCloseTo(
      baselineMean + total.carryIn.mean + total.incremental.mean,
      6,
    );
    expect(total.carryIn.mean).toBeGreaterThan(0);
    expect(total.carryOut.mean).toBeGreaterThan(0);
    // KPI over the horizon is of the order of the data's last 13 weeks.
    const last = report.inputs!.kpi.slice(-13).reduce((a, b) => a + b);
    expect(total.kpi.mean / last).toBeGreaterThan(0.5);
    expect(total.kpi.mean / last).toBeLessThan(2);
  });

  it('optimises max-kpi within ±30%, never below the reference', () => {
    const reference = session.evaluate(inputs());
    const budget = reference.total.spend;
    const optimised = session.optimise(
      inputs({ name: 'Optimised', objective: { kind: 'max-kpi', budget } }),
    );
    expect(optimised.result.converged).toBe(true);
    expect(optimised.result.total.spend).toBeCloseTo(budget, 4);
    expect(optimised.result.total.incremental.mean).toBeGreaterThanOrEqual(
      reference.total.incremental.mean * (1 - 1e-12),
    );
    for (const channel of optimised.result.channels) {
      expect(channel.spend).toBeGreaterThanOrEqual(0.7 * channel.reference * (1 - 1e-9));
      expect(channel.spend).toBeLessThanOrEqual(1.3 * channel.reference * (1 + 1e-9));
    }
    expect(optimised.inputs.allocation.map((a) => a.channel)).toEqual(session.channelNames);
  });

  it('draws a monotone frontier from 50% to 200% of the reference', () => {
    const points = session.frontier(inputs());
    expect(points[0].factor).toBeCloseTo(0.5, 12);
    expect(points.at(-1)!.factor).toBeCloseTo(2, 12);
    for (let i = 1; i < points.length; i++)
      expect(points[i].incremental!.mean).toBeGreaterThan(points[i - 1].incremental!.mean);
  });

  it('refuses a migrated v1 report, a geo report and a wrong allocation, by name', () => {
    expect(() => createPlanningSession(fixtureReport(1))).toThrow(/without its weekly inputs/);
    expect(() => createPlanningSession(fixtureReport('2.geo'))).toThrow(/geo model/);
    expect(() =>
      session.evaluate(inputs({ allocation: [{ channel: 'tv_spend', spend: 1 }] })),
    ).toThrow(/allocation: no spend for channel 'search_spend'/);
  });
});
