import { describe, expect, it } from 'vitest';
import { createRng } from '../../models/random/rng';
import { channelProfiles } from './channels';
import { allocateDailySpend, weeklyNationalSpend } from './dailyAllocation';
import { sampleGeos } from './geos';

describe('allocateDailySpend', () => {
  const search = channelProfiles.find((profile) => profile.name === 'search')!;
  const budgets = Float64Array.of(70_000, 0, 12_345.67, 1);
  const affinity = [1, 1, 0, 1.3, 0.7];
  const cents = allocateDailySpend({
    budgets,
    profile: search,
    geos: sampleGeos,
    affinity,
    rng: createRng(4),
  });

  it('splits each week into whole, non-negative cents that sum back to the budget within rounding', () => {
    expect(cents).toHaveLength(5 * 28);
    expect(cents.every((value) => Number.isInteger(value) && value >= 0)).toBe(true);
    const weekly = weeklyNationalSpend(cents, 5, 4);
    // 35 cells each rounded by at most half a cent.
    budgets.forEach((budget, week) =>
      expect(Math.abs(weekly[week] - budget)).toBeLessThanOrEqual(0.175),
    );
    expect(weekly[1]).toBe(0);
  });

  it('skips a geo with zero affinity and follows the weekday profile', () => {
    for (let day = 0; day < 28; day++) expect(cents[2 * 28 + day]).toBe(0);
    let weekdays = 0;
    let weekends = 0;
    for (let geo = 0; geo < 5; geo++) {
      for (let day = 0; day < 5; day++) weekdays += cents[geo * 28 + day] / 5;
      for (let day = 5; day < 7; day++) weekends += cents[geo * 28 + day] / 2;
    }
    expect(weekdays).toBeGreaterThan(weekends);
  });

  it('refuses a channel that runs nowhere', () => {
    expect(() =>
      allocateDailySpend({
        budgets,
        profile: search,
        geos: sampleGeos,
        affinity: [0, 0, 0, 0, 0],
        rng: createRng(1),
      }),
    ).toThrow(/runs in no geo/);
  });

  it('uses population shares that sum to one', () => {
    expect(sampleGeos.reduce((total, geo) => total + geo.populationShare, 0)).toBeCloseTo(1, 12);
  });
});
