import { describe, expect, it } from 'vitest';
import { spreadWeeklyKpi } from './dailyKpi';
import { baselineWeekdayProfile, sampleGeos } from './geos';

describe('spreadWeeklyKpi', () => {
  const weeks = 2;
  const days = 14;
  // Channel 0 spends only in geo 1 on the first Tuesday of week 0 and is dark in week 1.
  const spendCents = [new Float64Array(5 * days), new Float64Array(5 * days).fill(100)];
  spendCents[0][1 * days + 1] = 5000;
  const result = spreadWeeklyKpi({
    geos: sampleGeos,
    weeks,
    baseline: [1_000_000, 900_000.123],
    contributions: [Float64Array.of(40_000, 15_000), Float64Array.of(7_000, 7_000)],
    spendCents,
  });

  it('sums each week back to baseline + contributions, to the cent', () => {
    const totals = [0, 0];
    for (let geo = 0; geo < 5; geo++)
      for (let day = 0; day < days; day++)
        totals[Math.floor(day / 7)] += result.revenueCents[geo * days + day];
    expect(totals).toEqual([
      Math.round((1_000_000 + 40_000 + 7_000) * 100),
      Math.round((900_000.123 + 15_000 + 7_000) * 100),
    ]);
  });

  it('puts a contribution where its spend is, and on baseline shares in a dark week', () => {
    const cells = result.contributionCells[0];
    expect(cells[1 * days + 1]).toBeCloseTo(40_000, 8);
    for (let geo = 0; geo < 5; geo++) {
      for (let day = 0; day < 7; day++)
        if (!(geo === 1 && day === 1)) expect(cells[geo * days + day]).toBe(0);
      // Week 1: carry-over only, spread as π_g · ω_day.
      for (let day = 0; day < 7; day++) {
        expect(cells[geo * days + 7 + day]).toBeCloseTo(
          15_000 * sampleGeos[geo].populationShare * baselineWeekdayProfile[day],
          8,
        );
      }
    }
  });

  it('refuses a week whose revenue would be negative', () => {
    expect(() =>
      spreadWeeklyKpi({
        geos: sampleGeos,
        weeks: 1,
        baseline: [-10],
        contributions: [],
        spendCents: [],
      }),
    ).toThrow(/negative revenue/);
  });
});
