import { describe, expect, it } from 'vitest';
import { summariseFrame } from './summariseFrame';
import type { ModelFrame } from './types';

describe('summariseFrame', () => {
  it('totals spend per channel and skips NaN KPI weeks', () => {
    const frame: ModelFrame = {
      weeks: ['2024-01-08', '2024-01-01', '2024-01-08', '2024-01-01'],
      geos: ['a', 'b'],
      kpiName: 'revenue',
      kpi: Float64Array.of(10, Number.NaN, 30, 20),
      channels: ['tv', 'search'],
      spend: [Float64Array.of(1, 2, 3, 4), Float64Array.of(0, 0, 10, 0)],
      impressions: [null, Float64Array.of(5, 5, 5, 5)],
      controls: ['price'],
      controlValues: [Float64Array.of(1, 2, 3, Number.NaN)],
      geoIndex: Int32Array.of(0, 0, 1, 1),
    };
    expect(summariseFrame(frame)).toEqual({
      weeks: 2,
      rows: 4,
      firstWeek: '2024-01-01',
      lastWeek: '2024-01-08',
      geos: 2,
      kpiName: 'revenue',
      kpiTotal: 60,
      kpiMean: 20,
      channels: [
        { name: 'tv', totalSpend: 10, share: 0.5, totalImpressions: null },
        { name: 'search', totalSpend: 10, share: 0.5, totalImpressions: 20 },
      ],
      controls: [{ name: 'price', mean: 2 }],
    });
  });
});
