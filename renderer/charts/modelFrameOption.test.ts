import { describe, expect, it } from 'vitest';
import { CHANNEL_COLORS, buildModelFrameOption, compactNumber } from './modelFrameOption';
import type { WeeklyTotals } from './weeklyTotals';

const totals: WeeklyTotals = {
  weeks: ['2024-01-01', '2024-01-08', '2024-01-15'],
  kpiName: 'revenue',
  kpi: Float64Array.from([100, 120, 90]),
  channels: ['tv', 'search'],
  spend: [Float64Array.from([10, 0, 5]), Float64Array.from([3, 4, 5])],
};

interface SeriesLike {
  name: string;
  type: string;
  stack?: string;
  yAxisIndex: number;
  data: number[];
  itemStyle?: { color?: string };
}

describe('buildModelFrameOption', () => {
  const option = buildModelFrameOption(totals);
  const series = option.series as SeriesLike[];

  it('draws one stacked spend bar per channel on the spend axis and the KPI line on its own axis', () => {
    expect(series.map((entry) => [entry.name, entry.type, entry.yAxisIndex])).toEqual([
      ['tv', 'bar', 1],
      ['search', 'bar', 1],
      ['revenue', 'line', 0],
    ]);
    expect(
      series.filter((entry) => entry.type === 'bar').every((entry) => entry.stack === 'spend'),
    ).toBe(true);
  });

  it('carries the weekly values unchanged, aligned with the week axis', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(totals.weeks);
    expect(series[0].data).toEqual([10, 0, 5]);
    expect(series[1].data).toEqual([3, 4, 5]);
    expect(series[2].data).toEqual([100, 120, 90]);
    // Stacked bar heights per week equal the total spend of that week.
    const stacked = totals.weeks.map((_, week) => series[0].data[week] + series[1].data[week]);
    expect(stacked).toEqual([13, 4, 10]);
  });

  it('names the axes after the KPI and spend and gives channels distinct colours', () => {
    const axes = option.yAxis as { name: string }[];
    expect(axes.map((axis) => axis.name)).toEqual(['revenue', 'spend']);
    expect(series[0].itemStyle?.color).toBe(CHANNEL_COLORS[0]);
    expect(series[1].itemStyle?.color).toBe(CHANNEL_COLORS[1]);
  });

  it('handles a frame without channels (KPI only)', () => {
    const only = buildModelFrameOption({ ...totals, channels: [], spend: [] })
      .series as SeriesLike[];
    expect(only.map((entry) => entry.type)).toEqual(['line']);
  });
});

describe('compactNumber', () => {
  it.each([
    [0, '0'],
    [12, '12'],
    [999, '999'],
    [4500, '4.5k'],
    [1_234_567, '1.23M'],
    [-2_500_000_000, '-2.5B'],
    [0.125, '0.125'],
  ])('%d → %s', (value, text) => {
    expect(compactNumber(value)).toBe(text);
  });
});
