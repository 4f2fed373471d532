import { describe, expect, it } from 'vitest';
import { buildResponseCurvesOption } from './responseCurvesOption';

const curves = [
  { channel: 'tv', multipliers: [0, 1, 2], mean: [0, 5, 8], lower: [0, 4, 6], upper: [0, 7, 11] },
  {
    channel: '<b>x</b>',
    multipliers: [0, 1, 2],
    mean: [0, 2, 3],
    lower: [0, 1, 2],
    upper: [0, 3, 5],
  },
];

describe('buildResponseCurvesOption', () => {
  const option = buildResponseCurvesOption(curves, 'revenue');
  const series = option.series as { name: string; stack?: string; data: [number, number][] }[];

  it('draws a floor, a stacked band and a mean line per channel', () => {
    expect(series.map((s) => s.name)).toEqual([
      'tv (band floor)',
      'tv (90% band)',
      'tv',
      '<b>x</b> (band floor)',
      '<b>x</b> (90% band)',
      '<b>x</b>',
    ]);
    // floor + stacked width = the upper bound at every point
    series[1].data.forEach(([m, width], k) => {
      expect(m).toBe(curves[0].multipliers[k]);
      expect(series[0].data[k][1] + width).toBe(curves[0].upper[k]);
    });
    expect(series[0].stack).toBe(series[1].stack);
    expect(series[3].stack).not.toBe(series[0].stack);
    expect(series[2].data).toEqual([
      [0, 0],
      [1, 5],
      [2, 8],
    ]);
  });

  it('marks the current spend, names the axes, and never renders tooltips as HTML', () => {
    expect(JSON.stringify(series[2])).toContain('"xAxis":1');
    expect(option.yAxis).toMatchObject({ name: 'incremental revenue' });
    expect(option.tooltip).toMatchObject({ renderMode: 'richText' });
  });
});
