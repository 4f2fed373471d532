/**
 * Plans for tests (never used by the app): the fit result fixture as a report, and a plan built on
 * it with one scenario, written with fixed ids so every run gives the same bytes.
 */
import type { Scenario } from '../planning/scenarioSchema';
import type { FitReport } from '../report/fitReportSchema';
import { buildPlan, type SavedPlan } from './buildPlan';

export const TEST_WRITER = { app: 'MMM Workbench', version: '0.0.0-test' } as const;

/** A manual scenario of `report`'s channels at `spend` each (numbers illustrative, schema-valid). */
export function testScenario(report: FitReport, id: string, spend: readonly number[]): Scenario {
  const interval = (mean: number) => ({ mean, lo: mean * 0.8, hi: mean * 1.2 });
  const channels = report.channels.map((channel, c) => ({
    channel: channel.name,
    spend: spend[c],
    reference: channel.spend / 12,
    incremental: interval(channel.roi.mean * spend[c]),
    roi: interval(channel.roi.mean),
    mroi: interval(channel.mroi.mean),
    atBound: null,
  }));
  const total = channels.reduce((a, c) => a + c.spend, 0);
  const incremental = channels.reduce((a, c) => a + c.incremental.mean, 0);
  return {
    id,
    inputs: {
      name: `Scenario ${id}`,
      horizonWeeks: 13,
      objective: { kind: 'max-kpi', budget: total },
      risk: { kind: 'mean' },
      flighting: { kind: 'flat' },
      bounds: [],
      locked: [],
      groups: [],
      allocation: channels.map((c) => ({ channel: c.channel, spend: c.spend })),
    },
    result: {
      channels,
      total: {
        spend: total,
        reference: channels.reduce((a, c) => a + c.reference, 0),
        incremental: interval(incremental),
        kpi: interval(report.data.kpiMean * 13),
        roi: interval(incremental / Math.max(total, 1)),
        mroi: interval(1),
        carryIn: interval(1000),
        carryOut: interval(900),
      },
      converged: true,
      iterations: 12,
      seconds: 0.5,
      provisional: !report.diagnostics.gatePassed,
      message: null,
    },
  };
}

export function testPlan(report: FitReport, options: { notes?: string } = {}): SavedPlan {
  const scenario = testScenario(
    report,
    'a',
    report.channels.map((c) => c.spend / 12),
  );
  return buildPlan(
    {
      report,
      title: 'Test plan',
      author: 'Tester',
      notes: options.notes ?? 'Notes.',
      scenarios: [scenario],
      chosenScenarioId: 'a',
    },
    {
      writtenBy: TEST_WRITER,
      createdAt: '2026-01-02T03:04:05.000Z',
      planId: '11111111-2222-4333-8444-555555555555',
    },
  );
}
