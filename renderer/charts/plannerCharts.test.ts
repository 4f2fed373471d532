import { describe, expect, it } from 'vitest';
import type { FrontierPoint } from '../../models/planning/efficientFrontier';
import type { HorizonResponseCurve } from '../../models/planning/horizonResponse';
import { buildAllocationShiftOption } from './allocationShiftOption';
import { buildFrontierOption } from './frontierOption';
import type { ScenarioSeries } from './plannerCharts';
import { buildHorizonResponseOption, curveAt, MARKERS } from './horizonResponseOption';
import { buildScenarioOutcomeOption } from './scenarioOutcomeOption';

type Series = { name: string; data: unknown[]; yAxisIndex?: number };

const interval = (mean: number) => ({ mean, lo: mean - 10, hi: mean + 10 });
const scenarios: ScenarioSeries[] = [
  {
    name: 'Reference',
    provisional: false,
    spend: [100, 50],
    incremental: [300, 200],
    total: { spend: 150, incremental: interval(500) },
  },
  {
    name: 'Optimised',
    provisional: true,
    spend: [80, 70],
    incremental: [270, 260],
    total: { spend: 150, incremental: interval(530) },
  },
];

describe('planner chart options', () => {
  it('allocation shift: percent change against the reference per channel, first channel on top', () => {
    const option = buildAllocationShiftOption({
      channels: ['tv', 'search'],
      reference: [100, 50],
      scenarios,
    });
    expect((option.yAxis as { data: string[] }).data).toEqual(['search', 'tv']);
    const [reference, optimised] = option.series as Series[];
    expect(reference.data).toEqual([0, 0]);
    expect(optimised.name).toBe('Optimised (provisional)');
    expect(optimised.data).toEqual([40, -20]);
  });

  it('scenario outcome: one bar per scenario at the mean, one [lo, hi] segment each', () => {
    const option = buildScenarioOutcomeOption(scenarios);
    expect((option.xAxis as { data: string[] }).data).toEqual([
      'Reference',
      'Optimised (provisional)',
    ]);
    const [bars, segments] = option.series as Series[];
    expect((bars.data as { value: number }[]).map((d) => d.value)).toEqual([500, 530]);
    expect(segments.data).toEqual([
      ['Reference', 490],
      ['Reference', 510],
      '-',
      ['Optimised (provisional)', 520],
      ['Optimised (provisional)', 540],
      '-',
    ]);
  });

  it('response curves: mean and band lines per channel, each scenario marked at its spend', () => {
    const curves: HorizonResponseCurve[] = [
      {
        channel: 'tv',
        spend: [0, 100, 200],
        mean: [0, 300, 400],
        lo: [0, 250, 330],
        hi: [0, 350, 470],
        reference: 100,
      },
      {
        channel: 'search',
        spend: [0, 50, 100],
        mean: [0, 200, 260],
        lo: [0, 150, 200],
        hi: [0, 240, 320],
        reference: 50,
      },
    ];
    const option = buildHorizonResponseOption({ curves, scenarios });
    const series = option.series as Series[];
    expect(series).toHaveLength(8);
    expect(series[0].data).toEqual([
      [0, 0],
      [100, 300],
      [200, 400],
    ]);
    expect(series[1].data).toEqual([
      [0, 0],
      [100, 250],
      [200, 330],
    ]);
    expect(series[7].data).toEqual([
      { value: [50, 200], symbol: MARKERS[0] },
      { value: [70, 260], symbol: MARKERS[1] },
    ]);
    expect(curveAt(curves[0], 150)).toBe(350);
    expect(curveAt(curves[0], 500)).toBe(400);
  });

  it('frontier: mean, stacked band and marginal ROI per budget; gaps where infeasible; scenarios marked', () => {
    const point = (factor: number, mean: number | null): FrontierPoint => ({
      factor,
      budget: 150 * factor,
      incremental: mean === null ? null : interval(mean),
      mroi: mean === null ? null : { mean: 2 / factor, lo: 1 / factor, hi: 3 / factor },
      multiplier: mean === null ? null : 2 / factor,
      spend: null,
      message: mean === null ? 'infeasible' : null,
    });
    const option = buildFrontierOption({
      points: [point(0.5, 300), point(1, 500), point(2, null)],
      scenarios,
    });
    const series = option.series as Series[];
    const byName = (name: string) => series.find((s) => s.name === name)!;
    expect(byName('band floor').data).toEqual([
      [75, 290],
      [150, 490],
      [300, null],
    ]);
    expect(byName('90% band').data).toEqual([
      [75, 20],
      [150, 20],
      [300, null],
    ]);
    expect(byName('expected incremental KPI').data).toEqual([
      [75, 300],
      [150, 500],
      [300, null],
    ]);
    expect(byName('marginal ROI').yAxisIndex).toBe(1);
    expect(byName('marginal ROI').data).toEqual([
      [75, 4],
      [150, 2],
      [300, null],
    ]);
    expect(byName('Optimised (provisional)').data).toEqual([[150, 530]]);
  });
});
