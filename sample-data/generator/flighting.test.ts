import { describe, expect, it } from 'vitest';
import { createRng } from '../../models/random/rng';
import { mondayWeekStarts, parseIsoDate } from './calendar';
import { channelProfiles } from './channels';
import { budgetSeasonality, weeklyBudgets } from './flighting';

describe('weeklyBudgets', () => {
  const weekStarts = mondayWeekStarts(parseIsoDate('2022-01-03'), 156);

  it('keeps always-on and trending channels on every week and burst channels on/off in flights', () => {
    for (const profile of channelProfiles) {
      const budgets = weeklyBudgets(profile, weekStarts, createRng(5));
      expect(budgets.every((value) => value >= 0 && Number.isFinite(value))).toBe(true);
      if (profile.pattern !== 'burst') {
        expect(
          budgets.every((value) => value > 0),
          profile.name,
        ).toBe(true);
        continue;
      }
      // Run lengths of on and off weeks stay within the profile's ranges (except the cut-off ends).
      const runs: { on: boolean; length: number }[] = [];
      for (const value of budgets) {
        const on = value > 0;
        if (runs.length > 0 && runs[runs.length - 1].on === on) runs[runs.length - 1].length++;
        else runs.push({ on, length: 1 });
      }
      for (const run of runs.slice(1, -1)) {
        const [low, high] = run.on ? profile.flightWeeks : profile.gapWeeks;
        expect(run.length, `${profile.name} ${run.on ? 'flight' : 'gap'}`).toBeGreaterThanOrEqual(
          low,
        );
        expect(run.length).toBeLessThanOrEqual(high);
      }
    }
  });

  it('follows the trend: social grows and display shrinks over three years', () => {
    const yearMean = (values: Float64Array, year: number): number =>
      values.slice(52 * year, 52 * year + 52).reduce((total, value) => total + value, 0) / 52;
    const social = weeklyBudgets(
      channelProfiles.find((profile) => profile.name === 'social')!,
      weekStarts,
      createRng(3),
    );
    const display = weeklyBudgets(
      channelProfiles.find((profile) => profile.name === 'display')!,
      weekStarts,
      createRng(3),
    );
    expect(yearMean(social, 2) / yearMean(social, 0)).toBeGreaterThan(1.1);
    expect(yearMean(display, 2) / yearMean(display, 0)).toBeLessThan(0.95);
  });

  it('peaks budget seasonality in late November', () => {
    expect(budgetSeasonality(parseIsoDate('2023-11-22'))).toBeCloseTo(1.18, 3);
    expect(budgetSeasonality(parseIsoDate('2023-05-23'))).toBeCloseTo(0.82, 2);
  });
});
