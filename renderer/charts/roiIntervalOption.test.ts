import { describe, expect, it } from 'vitest';
import { buildIntervalOption, type IntervalRow } from './roiIntervalOption';

const rows: IntervalRow[] = [
  { channel: 'tv', estimate: 1.8, lower: 1.2, upper: 2.5 },
  { channel: 'search', estimate: 4.1, lower: 3.0, upper: 5.2 },
];
const options = { axisName: 'ROI', estimateName: 'mean', intervalName: '90% HDI', reference: 1 };

type Series = { name: string; data: unknown[] };

describe('buildIntervalOption', () => {
  it('draws one [lower, upper] segment and one marker per channel, first channel on top', () => {
    const option = buildIntervalOption(rows, options);
    expect((option.yAxis as { data: string[] }).data).toEqual(['search', 'tv']);
    const [interval, estimate, reference] = option.series as Series[];
    expect(interval.data).toEqual([
      [1.2, 'tv'],
      [2.5, 'tv'],
      '-',
      [3.0, 'search'],
      [5.2, 'search'],
      '-',
    ]);
    expect(estimate.data).toEqual([
      [1.8, 'tv'],
      [4.1, 'search'],
    ]);
    expect(reference.data).toEqual([
      [1, 'search'],
      [1, 'tv'],
    ]);
  });

  it('has no reference line when asked for none or when there are no rows', () => {
    expect(
      (buildIntervalOption(rows, { ...options, reference: null }).series as Series[]).length,
    ).toBe(2);
    expect((buildIntervalOption([], options).series as Series[]).length).toBe(2);
  });

  it('the tooltip names the channel with its estimate and interval', () => {
    const option = buildIntervalOption(rows, options);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ dataIndex: 1 })).toBe('search: 4.10 [3.00, 5.20]');
  });
});
