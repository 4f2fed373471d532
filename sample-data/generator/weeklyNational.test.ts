import { describe, expect, it } from 'vitest';
import { generateWeeklyNational } from './weeklyNational';

/** Independent, written-out form of the truth model for one channel (no shared helpers). */
function contributionByDefinition(
  spend: Float64Array,
  decay: number,
  halfSaturation: number,
  shape: number,
  beta: number,
): number[] {
  const scale = Math.max(...spend);
  let normaliser = 0;
  for (let lag = 0; lag < 8; lag++) normaliser += Math.pow(decay, lag);
  return Array.from(spend, (_, week) => {
    let adstock = 0;
    for (let lag = 0; lag < 8; lag++)
      if (week - lag >= 0) adstock += (Math.pow(decay, lag) * spend[week - lag]) / scale;
    adstock /= normaliser;
    return (
      (beta * Math.pow(adstock, shape)) /
      (Math.pow(adstock, shape) + Math.pow(halfSaturation, shape))
    );
  });
}

describe('generateWeeklyNational', () => {
  const data = generateWeeklyNational({ weeks: 156, channels: 6, seed: 20261129 });
  const { truth } = data;

  it('is deterministic in the seed and changes with it', () => {
    const again = generateWeeklyNational({ weeks: 156, channels: 6, seed: 20261129 });
    expect(Array.from(again.kpi)).toEqual(Array.from(data.kpi));
    expect(again.spend.map((series) => Array.from(series))).toEqual(
      data.spend.map((series) => Array.from(series)),
    );
    expect(JSON.stringify(again.truth)).toBe(JSON.stringify(truth));
    const other = generateWeeklyNational({ weeks: 156, channels: 6, seed: 1 });
    expect(Array.from(other.kpi)).not.toEqual(Array.from(data.kpi));
  });

  it('has the requested shape: Monday dates, non-negative whole-cent spend, three controls', () => {
    expect(data.dates).toHaveLength(156);
    expect(data.dates[0]).toBe('2022-01-03');
    expect(data.dates[155]).toBe('2024-12-23');
    expect(data.channelNames).toEqual(['tv', 'search', 'social', 'display', 'video', 'audio']);
    expect(data.controls.names).toEqual(['price_index', 'promo', 'holiday']);
    for (const series of data.spend) {
      for (const value of series) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(Math.abs(value * 100 - Math.round(value * 100))).toBeLessThan(1e-6);
      }
    }
    const big = generateWeeklyNational({ weeks: 260, channels: 10, seed: 5 });
    expect(big.spend).toHaveLength(10);
    expect(big.kpi).toHaveLength(260);
    expect(new Set(big.channelNames).size).toBe(10);
  });

  it('recomputes every contribution from the written-out model and truth parameters', () => {
    truth.channels.forEach((channel, index) => {
      expect(channel.scale).toBe(Math.max(...data.spend[index]));
      const expected = contributionByDefinition(
        data.spend[index],
        channel.adstockDecay,
        channel.halfSaturation,
        channel.shape,
        channel.beta,
      );
      const actual = truth.weekly.contributions[channel.name];
      for (let week = 0; week < 156; week++) expect(actual[week]).toBeCloseTo(expected[week], 6);
    });
  });

  it('has ROI = Σ contribution / Σ spend, realistic and distinct', () => {
    for (const [index, channel] of truth.channels.entries()) {
      const contribution = truth.weekly.contributions[channel.name].reduce(
        (total, value) => total + value,
        0,
      );
      const spend = data.spend[index].reduce((total, value) => total + value, 0);
      expect(channel.totalContribution).toBeCloseTo(contribution, 4);
      expect(channel.totalSpend).toBeCloseTo(spend, 4);
      expect(channel.roi).toBeCloseTo(contribution / spend, 10);
      expect(channel.roi).toBeGreaterThanOrEqual(0.5);
      expect(channel.roi).toBeLessThanOrEqual(6);
      expect(channel.adstockDecay).toBeGreaterThanOrEqual(0.1);
      expect(channel.adstockDecay).toBeLessThanOrEqual(0.8);
      expect(channel.halfSaturation).toBeGreaterThanOrEqual(0.2);
      expect(channel.halfSaturation).toBeLessThanOrEqual(0.8);
      expect(channel.shape).toBeGreaterThanOrEqual(0.8);
      expect(channel.shape).toBeLessThanOrEqual(3);
    }
    const rois = truth.channels.map((channel) => channel.roi).sort((left, right) => left - right);
    for (let index = 1; index < rois.length; index++)
      expect(rois[index] - rois[index - 1]).toBeGreaterThan(0.1);
  });

  it('rebuilds the KPI from intercept, trend, seasonality, controls, media and noise', () => {
    const weeks = truth.weeks;
    const period = 365.25 / 7;
    let media = 0;
    let expectedTotal = 0;
    for (let week = 0; week < weeks; week++) {
      let value = truth.intercept + (truth.trend * week) / weeks;
      for (let k = 1; k <= 2; k++) {
        value += truth.seasonality.sin[k - 1] * Math.sin((2 * Math.PI * k * week) / period);
        value += truth.seasonality.cos[k - 1] * Math.cos((2 * Math.PI * k * week) / period);
      }
      truth.controls.forEach(
        (control, index) => (value += control.coefficient * data.controls.values[index][week]),
      );
      const baseline = value + truth.weekly.noise[week];
      expect(truth.weekly.baseline[week]).toBeCloseTo(baseline, 4);
      let weekMedia = 0;
      for (const channel of truth.channels)
        weekMedia += truth.weekly.contributions[channel.name][week];
      expect(data.kpi[week]).toBeCloseTo(baseline + weekMedia, 4);
      expect(truth.weekly.kpi[week]).toBe(data.kpi[week]);
      media += weekMedia;
      expectedTotal += value + weekMedia;
    }
    expect(truth.mediaShare).toBeCloseTo(media / expectedTotal, 10);
    expect(truth.mediaShare).toBeGreaterThan(0.2);
    expect(truth.mediaShare).toBeLessThan(0.35);
    // Signs asked for: price hurts, promotions and holidays help.
    expect(truth.controls.map((control) => Math.sign(control.coefficient))).toEqual([-1, 1, 1]);
  });

  it('draws noise with σ = noiseFraction · mean expected KPI', () => {
    const noise = truth.weekly.noise;
    const standardDeviation = Math.sqrt(
      noise.reduce((total, value) => total + value * value, 0) / noise.length,
    );
    // 156 draws: the sample s.d. is within ±20 % of σ with overwhelming probability.
    expect(standardDeviation / truth.sigma).toBeGreaterThan(0.8);
    expect(standardDeviation / truth.sigma).toBeLessThan(1.2);
    expect(truth.sigma / truth.meanKpi).toBeCloseTo(0.05, 2);
    const quiet = generateWeeklyNational({
      weeks: 156,
      channels: 6,
      seed: 20261129,
      noiseFraction: 0,
    });
    expect(quiet.truth.sigma).toBe(0);
    expect(quiet.truth.weekly.noise.every((value) => value === 0)).toBe(true);
  });

  it('rejects bad options with a message naming them', () => {
    expect(() => generateWeeklyNational({ weeks: 1, channels: 6, seed: 1 })).toThrow(/weeks/);
    expect(() => generateWeeklyNational({ weeks: 10, channels: 0, seed: 1 })).toThrow(
      /channel count/,
    );
    expect(() => generateWeeklyNational({ weeks: 10, channels: 2, seed: 1.5 })).toThrow(/seed/);
    expect(() =>
      generateWeeklyNational({ weeks: 10, channels: 2, seed: 1, startDate: '2022-01-04' }),
    ).toThrow(/Monday/);
  });
});
