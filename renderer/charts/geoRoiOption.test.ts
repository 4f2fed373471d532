import { describe, expect, it } from 'vitest';
import {
  buildGeoRoiOption,
  geoRoiData,
  geoRoiHeight,
  geoRoiRows,
  type GeoRoiData,
} from './geoRoiOption';

const interval = (mean: number) => ({ mean, lo: mean - 0.5, hi: mean + 0.5 });
const data: GeoRoiData = geoRoiData({
  geos: [
    {
      name: 'north',
      population: 100,
      channels: [
        { name: 'tv', spend: 10, roi: interval(1.5), contribution: interval(15) },
        { name: 'search', spend: 5, roi: interval(3), contribution: interval(15) },
      ],
    },
    {
      name: 'south',
      population: 200,
      channels: [
        { name: 'tv', spend: 20, roi: interval(0.5), contribution: interval(10) },
        { name: 'search', spend: 0, roi: null, contribution: interval(0) },
      ],
    },
  ],
  nationallyAllocated: [],
  spread: [],
});

type Heatmap = { data: [number, number, number | string][]; label: { show: boolean } };

describe('buildGeoRoiOption', () => {
  it('draws one cell per geo and channel, first geo on top, empty where the geo did not spend', () => {
    const option = buildGeoRoiOption(data);
    expect((option.xAxis as { data: string[] }).data).toEqual(['tv', 'search']);
    expect((option.yAxis as { data: string[] }).data).toEqual(['south', 'north']);
    const [heatmap] = option.series as Heatmap[];
    expect(heatmap.data).toEqual([
      [0, 1, 1.5],
      [1, 1, 3],
      [0, 0, 0.5],
      [1, 0, '-'],
    ]);
    expect(heatmap.label.show).toBe(true);
  });

  it('colours from the smallest to the largest ROI and names the interval in the tooltip', () => {
    const option = buildGeoRoiOption(data);
    expect(option.visualMap).toMatchObject({ min: 0.5, max: 3 });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ dataIndex: 0 })).toBe(
      'north · tv: ROI 1.50 [1.00, 2.00] (90% HDI); contribution 15.0 [14.5, 15.5]',
    );
    expect(formatter({ dataIndex: 3 })).toBe('south · search: no spend');
  });

  it('copes with one value and with no geos', () => {
    const single = buildGeoRoiOption({
      ...data,
      cells: data.cells.slice(0, 1),
      geos: ['north'],
      channels: ['tv'],
    });
    expect(single.visualMap).toMatchObject({ min: 1.5, max: 2.5 });
    const empty = buildGeoRoiOption({ geos: [], channels: [], cells: [] });
    expect((empty.series as Heatmap[])[0].data).toEqual([]);
  });

  it('exports one CSV row per geo and channel, ROI blank where the geo did not spend', () => {
    const rows = geoRoiRows(data);
    expect(rows[0]).toEqual([
      'geo',
      'channel',
      'roi',
      'roi_lower',
      'roi_upper',
      'contribution',
      'contribution_lower',
      'contribution_upper',
    ]);
    expect(rows.slice(1)).toEqual([
      ['north', 'tv', 1.5, 1, 2, 15, 14.5, 15.5],
      ['north', 'search', 3, 2.5, 3.5, 15, 14.5, 15.5],
      ['south', 'tv', 0.5, 0, 1, 10, 9.5, 10.5],
      ['south', 'search', null, null, null, 0, -0.5, 0.5],
    ]);
  });

  it('grows with the number of geos beyond a minimum height', () => {
    expect(geoRoiHeight(data)).toBe(220);
    const forty = { ...data, geos: Array.from({ length: 40 }, (_, g) => `geo${g}`) };
    expect(geoRoiHeight(forty)).toBe(110 + 22 * 40);
  });
});
