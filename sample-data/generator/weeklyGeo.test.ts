import { describe, expect, it } from 'vitest';
import { createGeoMmmTarget } from '../../models/mmm/geoTarget';
import { withGeoCoefficients } from '../../models/mmm/geoComponents';
import type { GeoMmmParameters } from '../../models/mmm/geoTypes';
import { generateWeeklyGeo } from './weeklyGeo';

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe('generateWeeklyGeo', () => {
  const data = generateWeeklyGeo({
    geos: 6,
    weeks: 60,
    channels: 3,
    seed: 4,
    nationalChannels: ['tv'],
  });

  it('is deterministic in its seed and hits each channel profile ROI nationally', () => {
    const again = generateWeeklyGeo({
      geos: 6,
      weeks: 60,
      channels: 3,
      seed: 4,
      nationalChannels: ['tv'],
    });
    expect(Array.from(again.kpi)).toEqual(Array.from(data.kpi));
    const target: Record<string, number> = { tv: 1.8, search: 4.2, social: 2.4 };
    for (const channel of data.truth.channels)
      expect(channel.roi).toBeCloseTo(target[channel.name], 12);
    for (const channel of data.truth.channels) {
      expect(sum(channel.geoContribution)).toBeCloseTo(channel.totalContribution, 6);
      channel.geoRoi.forEach((roi, g) =>
        expect(roi).toBeCloseTo(channel.geoContribution[g] / channel.geoSpend[g], 12),
      );
    }
  });

  it('gives national-only media as one series, split by population share', () => {
    const tv = data.spend[data.channelNames.indexOf('tv')];
    expect(tv.length).toBe(60);
    const total = sum(data.population);
    const truth = data.truth.channels[0];
    truth.geoSpend.forEach((spend, g) =>
      expect(spend).toBeCloseTo((sum(tv) * data.population[g]) / total, 6),
    );
  });

  it('is an instance of the geo model: its truth, as model parameters, reproduces the noise-free KPI', () => {
    const clean = generateWeeklyGeo({ geos: 5, weeks: 52, channels: 3, seed: 9, noiseFraction: 0 });
    const target = createGeoMmmTarget({
      spec: {},
      data: {
        dates: clean.dates,
        geoNames: clean.geoNames,
        population: clean.population,
        kpi: clean.kpi,
        channelNames: clean.channelNames,
        spend: clean.spend,
        controlNames: clean.controls.names,
        controls: clean.controls.values,
      },
    });
    const design = target.geoDesign;
    const { truth } = clean;
    const T = clean.dates.length;
    const ybar = design.kpiScale;
    // Standardised controls move θ·mean into the intercepts; the model's trend runs t / (T − 1).
    const controlShift = truth.controls.reduce(
      (total, control, j) => total + control.coefficient * design.controlMean[j],
      0,
    );
    const partial: GeoMmmParameters = {
      intercept: 0,
      trend: (truth.trend * (T - 1)) / T / ybar,
      seasonality: Float64Array.from(
        [0, 1].flatMap((k) => [truth.seasonality.sin[k] / ybar, truth.seasonality.cos[k] / ybar]),
      ),
      controls: Float64Array.from(
        truth.controls,
        (c, j) => (c.coefficient * design.controlScale[j]) / ybar,
      ),
      noise: 0.01,
      channels: truth.channels.map((c) => ({
        name: c.name,
        coefficient: 0,
        roi: c.roi,
        adstock: { decay: c.adstockDecay },
        saturation: { halfSaturation: c.halfSaturation, shape: c.shape },
      })),
      geo: {
        names: clean.geoNames,
        intercepts: Float64Array.from(truth.geos, (g) => (g.intercept + controlShift) / ybar),
        interceptSpread: 0.1,
        seasonalityAmplitudes: new Float64Array(clean.geoNames.length).fill(1),
        channels: truth.channels.map((c) => ({
          spread: truth.geoSpread,
          roi: Float64Array.from(c.geoRoi),
          coefficients: new Float64Array(clean.geoNames.length),
        })),
      },
    };
    const parameters = withGeoCoefficients(target.spec, design, partial);
    const { national, channelTotals } = target.geoComponents(parameters);
    for (let t = 0; t < T; t++) {
      let kpi = 0;
      for (let g = 0; g < clean.geoNames.length; g++) kpi += clean.kpi[g * T + t];
      expect(national.mean[t] / kpi).toBeCloseTo(1, 9);
    }
    truth.channels.forEach((c, k) =>
      c.geoContribution.forEach((value, g) =>
        expect(channelTotals[k * clean.geoNames.length + g]).toBeCloseTo(value, 4),
      ),
    );
  });
});
