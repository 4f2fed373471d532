import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDate } from './calendar';
import type { SampleDataset } from './sampleDataset';
import { defaultSeed, generateSampleDataset, sampleFileNames } from './sampleDataset';

const folder = fileURLToPath(new URL('..', import.meta.url));

function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.trimEnd().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((line) => line.split(',')) };
}

/** Index of the Monday-start week of a date, counted from 2022-01-03. */
function weekOf(date: string): number {
  return Math.floor((parseIsoDate(date) - parseIsoDate('2022-01-03')) / 7);
}

describe('generateSampleDataset', () => {
  let dataset: SampleDataset;
  beforeAll(() => {
    dataset = generateSampleDataset({ seed: defaultSeed });
  });

  it('is byte-identical for the same seed and differs for another', () => {
    const again = generateSampleDataset({ seed: defaultSeed });
    for (const name of sampleFileNames)
      expect(again.files[name] === dataset.files[name]).toBe(true);
    const other = generateSampleDataset({ seed: defaultSeed + 1, weeks: 8 });
    expect(other.files['kpi_daily.csv']).not.toBe(
      generateSampleDataset({ seed: defaultSeed, weeks: 8 }).files['kpi_daily.csv'],
    );
  });

  it('matches the committed files (regenerate with tsx sample-data/generate.ts)', () => {
    for (const name of sampleFileNames) {
      const path = `${folder}${name}`;
      expect(existsSync(path), `${name} is committed`).toBe(true);
      expect(readFileSync(path, 'utf8') === dataset.files[name], `${name} is up to date`).toBe(
        true,
      );
    }
  });

  it('exports 1092 days × 5 geos × 7 channels with non-negative two-decimal spend', () => {
    const { header, rows } = parseCsv(dataset.files['media_daily_long.csv']);
    expect(header).toEqual(['date', 'geo', 'channel', 'spend', 'impressions', 'clicks']);
    expect(rows).toHaveLength(1092 * 5 * 7);
    expect(rows[0][0]).toBe('2022-01-03');
    expect(rows[rows.length - 1][0]).toBe('2024-12-29');
    expect(new Set(rows.map((row) => row[1])).size).toBe(5);
    expect(new Set(rows.map((row) => row[2]))).toEqual(
      new Set(['tv', 'search', 'social', 'display', 'video', 'audio', 'affiliate']),
    );
    // Collect violations, then assert once: per-row expect() calls would take seconds.
    const violations: string[] = [];
    for (const [date, geo, channel, spend, impressions, clicks] of rows) {
      const where = `${date} ${geo} ${channel}`;
      if (!/^\d+\.\d\d$/.test(spend)) violations.push(`${where}: spend ${spend}`);
      if (!/^\d+$/.test(impressions) || !/^\d+$/.test(clicks))
        violations.push(`${where}: counts ${impressions} ${clicks}`);
      if (Number(clicks) > Number(impressions))
        violations.push(`${where}: clicks above impressions`);
      if (Number(spend) === 0 && impressions !== '0')
        violations.push(`${where}: impressions without spend`);
      if ((channel === 'tv' || channel === 'audio') && clicks !== '0')
        violations.push(`${where}: off-line clicks`);
    }
    expect(violations.slice(0, 5)).toEqual([]);
  });

  it('shows the asked flighting: always-on search and affiliate, dark weeks for tv, video and audio', () => {
    const spend = dataset.truth.weekly.spend;
    for (const channel of ['search', 'affiliate', 'social', 'display'])
      expect(spend[channel].every((value) => value > 0)).toBe(true);
    for (const channel of ['tv', 'video', 'audio']) {
      const dark = spend[channel].filter((value) => value === 0).length;
      expect(dark).toBeGreaterThan(10);
      expect(dark).toBeLessThan(140);
    }
  });

  it('aggregates daily spend and revenue by week back to the truth', () => {
    const weeks = dataset.truth.weeks;
    const spend = new Map<string, Float64Array>();
    for (const [date, , channel, value] of parseCsv(dataset.files['media_daily_long.csv']).rows) {
      if (!spend.has(channel)) spend.set(channel, new Float64Array(weeks));
      spend.get(channel)![weekOf(date)] += Math.round(Number(value) * 100);
    }
    for (const channel of dataset.truth.channels) {
      const truthSpend = dataset.truth.weekly.spend[channel.name];
      const spendErrors = Array.from(spend.get(channel.name)!, (cents, week) =>
        Math.abs(cents / 100 - truthSpend[week]),
      );
      expect(Math.max(...spendErrors)).toBeLessThan(1e-6);
      expect(channel.scale).toBe(Math.max(...truthSpend));
    }
    const revenueCents = new Float64Array(weeks);
    const { header, rows } = parseCsv(dataset.files['kpi_daily.csv']);
    expect(header).toEqual(['date', 'geo', 'revenue', 'orders']);
    expect(rows).toHaveLength(1092 * 5);
    const violations: string[] = [];
    for (const [date, geo, revenue, orders] of rows) {
      revenueCents[weekOf(date)] += Math.round(Number(revenue) * 100);
      const orderValue = Number(revenue) / Number(orders);
      // Average order value is 64–81 with 4 % noise: orders sit in a plausible band.
      if (
        !(Number(revenue) > 0) ||
        !/^\d+$/.test(orders) ||
        !(orderValue > 50 && orderValue < 100)
      ) {
        violations.push(`${date} ${geo}: revenue ${revenue}, orders ${orders}`);
      }
    }
    expect(violations.slice(0, 5)).toEqual([]);
    const kpiErrors = Array.from(revenueCents, (cents, week) =>
      Math.abs(cents / 100 - dataset.truth.weekly.kpi[week]),
    );
    expect(Math.max(...kpiErrors)).toBeLessThanOrEqual(0.005 + 1e-6);
  });

  it('writes the weekly wide file as the national aggregate of the daily files', () => {
    const { header, rows } = parseCsv(dataset.files['media_weekly_wide.csv']);
    const channels = dataset.truth.channels.map((channel) => channel.name);
    expect(header).toEqual([
      'week',
      'revenue',
      ...channels.map((name) => `${name}_spend`),
      'price_index',
      'promo',
      'holiday',
    ]);
    expect(rows).toHaveLength(156);
    const controls = parseCsv(dataset.files['controls_daily.csv']);
    expect(controls.header).toEqual(['date', 'geo', 'price_index', 'promo', 'holiday']);
    const controlSums = [new Float64Array(156), new Float64Array(156), new Float64Array(156)];
    for (const [date, geo, price, promo, holiday] of controls.rows) {
      if (geo !== 'north') continue; // national controls: identical in every geo (checked below)
      [price, promo, holiday].forEach(
        (value, index) => (controlSums[index][weekOf(date)] += Number(value)),
      );
    }
    const mismatches: string[] = [];
    for (let row = 0; row < controls.rows.length; row += 5) {
      const national = controls.rows[row].slice(2).join(',');
      for (let geo = 1; geo < 5; geo++) {
        if (controls.rows[row + geo].slice(2).join(',') !== national)
          mismatches.push(`controls row ${row + geo + 2}`);
      }
    }
    rows.forEach((fields, week) => {
      const where = `wide week ${fields[0]}`;
      if (fields[0] !== dataset.truth.weekly.dates[week]) mismatches.push(`${where}: date`);
      if (Math.abs(Number(fields[1]) - dataset.truth.weekly.kpi[week]) > 0.005 + 1e-6)
        mismatches.push(`${where}: revenue`);
      channels.forEach((name, index) => {
        if (Math.abs(Number(fields[2 + index]) - dataset.truth.weekly.spend[name][week]) > 1e-6)
          mismatches.push(`${where}: ${name}`);
      });
      controlSums.forEach((sums, index) => {
        if (Math.abs(Number(fields[2 + channels.length + index]) - sums[week] / 7) > 1e-6)
          mismatches.push(`${where}: control ${index}`);
      });
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('leaves exactly the recorded noise when the truth model is evaluated on the wide file', () => {
    const truth = dataset.truth;
    const { rows } = parseCsv(dataset.files['media_weekly_wide.csv']);
    const weeks = rows.length;
    const channels = truth.channels.length;
    const period = 365.25 / 7;
    // Written out from the README formulas, reading only the wide file and truth's parameters.
    const adstocked = truth.channels.map((channel, index) => {
      const spend = rows.map((fields) => Number(fields[2 + index]));
      const scale = Math.max(...spend);
      const weights = Array.from({ length: 8 }, (_, lag) => channel.adstockDecay ** lag);
      const weightSum = weights.reduce((total, weight) => total + weight, 0);
      return spend.map(
        (_, week) =>
          weights.reduce(
            (total, weight, lag) =>
              total + (week >= lag ? (weight * spend[week - lag]) / scale : 0),
            0,
          ) / weightSum,
      );
    });
    let largestGap = 0;
    rows.forEach((fields, week) => {
      let prediction = truth.intercept + (truth.trend * week) / weeks;
      for (let k = 1; k <= 2; k++) {
        prediction += truth.seasonality.sin[k - 1] * Math.sin((2 * Math.PI * k * week) / period);
        prediction += truth.seasonality.cos[k - 1] * Math.cos((2 * Math.PI * k * week) / period);
      }
      truth.controls.forEach(
        (control, index) =>
          (prediction += control.coefficient * Number(fields[2 + channels + index])),
      );
      truth.channels.forEach((channel, index) => {
        const value = adstocked[index][week];
        prediction +=
          (channel.beta * value ** channel.shape) /
          (value ** channel.shape + channel.halfSaturation ** channel.shape);
      });
      largestGap = Math.max(
        largestGap,
        Math.abs(Number(fields[1]) - prediction - truth.weekly.noise[week]),
      );
    });
    // Rounding only: revenue to the cent (≤ 0.005) and weekly controls to 6 decimals (≤ 5e-7 · |θ|).
    const roundingBound =
      0.005 +
      5e-7 * truth.controls.reduce((total, control) => total + Math.abs(control.coefficient), 0);
    expect(largestGap).toBeLessThanOrEqual(roundingBound + 1e-6);
  });

  it('spreads each channel contribution over geo-days so it sums back to the weekly truth', () => {
    const days = 1092;
    dataset.truth.channels.forEach((channel, index) => {
      const cells = dataset.contributionCells[index];
      let largestError = 0;
      for (let week = 0; week < 156; week++) {
        let total = 0;
        for (let geo = 0; geo < 5; geo++)
          for (let day = 0; day < 7; day++) total += cells[geo * days + week * 7 + day];
        largestError = Math.max(
          largestError,
          Math.abs(total - dataset.truth.weekly.contributions[channel.name][week]),
        );
      }
      expect(largestError, channel.name).toBeLessThan(1e-6);
    });
  });

  it('records truth with ROI = Σ contribution / Σ spend and the brief’s ranges', () => {
    const truth = JSON.parse(dataset.files['truth.json']) as SampleDataset['truth'] & {
      conventions: Record<string, string>;
    };
    expect(truth.seed).toBe(defaultSeed);
    expect(truth.conventions.adstock).toMatch(/L = 8/);
    for (const channel of truth.channels) {
      const contribution = truth.weekly.contributions[channel.name].reduce(
        (total, value) => total + value,
        0,
      );
      const spend = truth.weekly.spend[channel.name].reduce((total, value) => total + value, 0);
      expect(channel.roi).toBeCloseTo(contribution / spend, 9);
      expect(channel.roi).toBeGreaterThanOrEqual(0.5);
      expect(channel.roi).toBeLessThanOrEqual(6);
    }
    expect(truth.mediaShare).toBeGreaterThan(0.2);
    expect(truth.mediaShare).toBeLessThan(0.35);
  });
});
