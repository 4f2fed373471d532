import { describe, expect, it } from 'vitest';
import type { ModelFrame } from '../../models/data';
import { totalsFacts, weeklyTotals } from './weeklyTotals';

/** Two geos × three weeks, rows deliberately out of week order. */
function geoFrame(): ModelFrame {
  const weeks = [
    '2024-01-08',
    '2024-01-01',
    '2024-01-15',
    '2024-01-01',
    '2024-01-08',
    '2024-01-15',
  ];
  return {
    weeks,
    geos: ['north', 'south'],
    geoIndex: Int32Array.from([0, 0, 0, 1, 1, 1]),
    kpiName: 'revenue',
    kpi: Float64Array.from([20, 10, 30, 1, 2, 3]),
    channels: ['tv', 'search'],
    spend: [Float64Array.from([5, 4, 6, 0.5, 0.25, 0.125]), Float64Array.from([1, 2, 3, 4, 5, 6])],
    impressions: [null, null],
    controls: [],
    controlValues: [],
  };
}

describe('weeklyTotals', () => {
  it('sums KPI and spend over geos per week, in ascending week order', () => {
    const totals = weeklyTotals(geoFrame());
    expect(totals.weeks).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    // week 1: rows 1 and 3; week 2: rows 0 and 4; week 3: rows 2 and 5.
    expect(Array.from(totals.kpi)).toEqual([10 + 1, 20 + 2, 30 + 3]);
    expect(Array.from(totals.spend[0])).toEqual([4 + 0.5, 5 + 0.25, 6 + 0.125]);
    expect(Array.from(totals.spend[1])).toEqual([2 + 4, 1 + 5, 3 + 6]);
    expect(totals.channels).toEqual(['tv', 'search']);
  });

  it('passes a national frame through unchanged', () => {
    const frame: ModelFrame = {
      ...geoFrame(),
      weeks: ['2024-01-01', '2024-01-08'],
      geos: null,
      geoIndex: null,
      kpi: Float64Array.from([7, 8]),
      spend: [Float64Array.from([1, 2]), Float64Array.from([3, 4])],
    };
    const totals = weeklyTotals(frame);
    expect(Array.from(totals.kpi)).toEqual([7, 8]);
    expect(Array.from(totals.spend[1])).toEqual([3, 4]);
  });

  it('refuses a frame whose week labels do not match its rows', () => {
    expect(() => weeklyTotals({ ...geoFrame(), weeks: ['2024-01-01'] })).toThrow(
      /1 week labels for 6 rows/,
    );
  });

  it('reports headline facts equal to direct sums', () => {
    const facts = totalsFacts(weeklyTotals(geoFrame()));
    expect(facts.weeks).toBe(3);
    expect(facts.firstWeek).toBe('2024-01-01');
    expect(facts.lastWeek).toBe('2024-01-15');
    expect(facts.kpiTotal).toBe(66);
    expect(facts.spendByChannel).toEqual([15.875, 21]);
    expect(facts.spendTotal).toBe(36.875);
  });

  it('handles an empty frame', () => {
    const facts = totalsFacts(
      weeklyTotals({
        ...geoFrame(),
        weeks: [],
        kpi: new Float64Array(0),
        spend: [new Float64Array(0), new Float64Array(0)],
      }),
    );
    expect(facts).toMatchObject({
      weeks: 0,
      firstWeek: null,
      lastWeek: null,
      kpiTotal: 0,
      spendTotal: 0,
    });
  });
});
