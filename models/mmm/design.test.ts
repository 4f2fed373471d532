import { describe, expect, it } from 'vitest';
import { buildDesign, WEEKS_PER_YEAR } from './design';
import { buildLayout } from './parametrisation';
import { resolveModelSpec } from './resolveModelSpec';

const dates = ['2024-01-01', '2024-01-08', '2024-01-15', '2024-01-22', '2024-01-29'];
const data = {
  dates,
  kpi: Float64Array.from([10, 20, 30, 40, 50]),
  channelNames: ['tv', 'search'],
  spend: [Float64Array.from([0, 5, 10, 0, 20]), Float64Array.from([1, 1, 2, 2, 9])],
  controlNames: ['price'],
  controls: [Float64Array.from([1, 2, 3, 4, 100])],
};

describe('buildDesign', () => {
  it('scales on the training weeks: KPI by its mean, spend by its max, controls standardised', () => {
    const design = buildDesign(resolveModelSpec({ holdoutWeeks: 1, fourierOrder: 1 }), data);
    expect(design.trainingWeeks).toBe(4);
    expect(design.kpiScale).toBe(25);
    expect(design.scaledKpi[4]).toBe(2);
    expect(Array.from(design.spendScale)).toEqual([10, 2]);
    expect(design.scaledSpend[0][4]).toBe(2); // holdout spend above the training max stays > 1
    expect(Array.from(design.spendTotal)).toEqual([15, 6]);
    expect(design.controlMean[0]).toBe(2.5);
    expect(design.controlScale[0]).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(Array.from(design.trend)).toEqual([0, 1 / 3, 2 / 3, 1, 4 / 3]);
    expect(design.seasonality[0][2]).toBeCloseTo(Math.sin((2 * Math.PI * 2) / WEEKS_PER_YEAR), 14);
    expect(design.seasonality[1][2]).toBeCloseTo(Math.cos((2 * Math.PI * 2) / WEEKS_PER_YEAR), 14);
    expect(design.trainingMeans.trend).toBeCloseTo(0.5, 14);
    expect(design.trainingMeans.controls[0]).toBeCloseTo(0, 14);
  });

  it('resolves lift-test windows to week indices', () => {
    const design = buildDesign(resolveModelSpec({}), data, [
      {
        channel: 'search',
        startDate: '2024-01-07',
        endDate: '2024-01-16',
        measuredLift: 3,
        standardError: 1,
      },
    ]);
    expect(design.experiments[0]).toEqual({
      channel: 1,
      startWeek: 1,
      endWeek: 2,
      measuredLift: 3,
      standardError: 1,
    });
  });

  it('rejects bad dates and mismatched lengths with the place named', () => {
    const spec = resolveModelSpec({});
    expect(() =>
      buildDesign(spec, { ...data, dates: [...dates.slice(0, 4), '2024-13-40'] }),
    ).toThrow(/date of week 5 '2024-13-40'|not ascending/);
    expect(() =>
      buildDesign(spec, { ...data, dates: [dates[1], dates[0], ...dates.slice(2)] }),
    ).toThrow(/not ascending at week 2/);
    expect(() => buildDesign(spec, { ...data, kpi: data.kpi.slice(0, 4) })).toThrow(
      /kpi has 4 values but there are 5 weeks/,
    );
    expect(() => buildDesign(spec, { ...data, channelNames: ['tv', 'tv'] })).toThrow(
      /channel 'tv' appears twice/,
    );
  });
});

describe('resolveModelSpec and the layout', () => {
  it('applies per-channel prior overrides and names every coordinate', () => {
    const spec = resolveModelSpec({
      channelOverrides: { search: { roi: { distribution: 'logNormal', mu: 1, sigma: 0.1 } } },
    });
    const layout = buildLayout(spec, buildDesign(spec, data));
    const names = layout.coordinates.map((c) => c.name);
    expect(names).toEqual([
      'level',
      'trend',
      'seasonality.sin1',
      'seasonality.cos1',
      'seasonality.sin2',
      'seasonality.cos2',
      'control.price',
      'tv.roi',
      'tv.adstock.decay',
      'tv.saturation.halfSaturation',
      'tv.saturation.shape',
      'search.roi',
      'search.adstock.decay',
      'search.saturation.halfSaturation',
      'search.saturation.shape',
      'noise',
    ]);
    expect(layout.coordinates[names.indexOf('search.roi')].prior).toEqual({
      distribution: 'logNormal',
      mu: 1,
      sigma: 0.1,
    });
    expect(layout.coordinates[names.indexOf('tv.roi')].prior).toEqual({
      distribution: 'logNormal',
      mu: 0.2,
      sigma: 0.9,
    });
  });
});
