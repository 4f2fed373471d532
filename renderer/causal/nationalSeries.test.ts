import { describe, expect, it } from 'vitest';
import type { ModelFrame } from '../../models/data';
import { nationalSeries } from './nationalSeries';

/** Two weeks × two geos, rows deliberately out of week order. */
const geoFrame: ModelFrame = {
  weeks: ['2024-01-08', '2024-01-01', '2024-01-01', '2024-01-08'],
  geos: ['north', 'south'],
  geoIndex: Int32Array.from([0, 0, 1, 1]),
  kpiName: 'revenue',
  kpi: Float64Array.from([20, 10, 30, 40]),
  channels: ['tv', 'search'],
  spend: [Float64Array.from([1, 2, 3, 4]), Float64Array.from([5, 6, 7, 8])],
  impressions: [null, null],
  controls: ['price', 'promo'],
  controlValues: [Float64Array.from([100, 90, 110, 104]), Float64Array.from([1, 0, 0, 1])],
};

describe('nationalSeries', () => {
  it('sums KPI and spend over geos and averages controls, weeks ascending', () => {
    const series = nationalSeries(geoFrame, { channels: ['search', 'tv'], controls: ['price'] });
    expect(series.weeks).toEqual(['2024-01-01', '2024-01-08']);
    expect(Array.from(series.kpi)).toEqual([10 + 30, 20 + 40]);
    // Frame order, whatever the selection order.
    expect(series.channels).toEqual(['tv', 'search']);
    expect(Array.from(series.spend[0])).toEqual([2 + 3, 1 + 4]);
    expect(Array.from(series.spend[1])).toEqual([6 + 7, 5 + 8]);
    expect(series.controls).toEqual(['price']);
    expect(Array.from(series.controlValues[0])).toEqual([(90 + 110) / 2, (100 + 104) / 2]);
  });

  it('names an unknown channel or control and lists what there is', () => {
    expect(() => nationalSeries(geoFrame, { channels: ['radio'], controls: [] })).toThrow(
      /channel 'radio' is not in the model frame \(channels: tv, search\)/,
    );
    expect(() => nationalSeries(geoFrame, { channels: ['tv'], controls: ['weather'] })).toThrow(
      /control 'weather'/,
    );
  });

  it('refuses a frame whose week labels do not match its rows', () => {
    expect(() =>
      nationalSeries({ ...geoFrame, weeks: ['2024-01-01'] }, { channels: ['tv'], controls: [] }),
    ).toThrow(/1 week labels for 4 rows/);
  });
});
