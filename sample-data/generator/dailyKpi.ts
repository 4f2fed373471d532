import type { Geo } from './geos';
import { baselineWeekdayProfile } from './geos';
import { apportionCents, spreadByShares } from './contributionSpread';

export interface DailyKpiOptions {
  readonly geos: readonly Geo[];
  readonly weeks: number;
  /** Weekly national baseline (everything but media, noise included). */
  readonly baseline: ArrayLike<number>;
  /** Weekly national contribution per channel. */
  readonly contributions: readonly ArrayLike<number>[];
  /** Geo-day spend cents per channel, index g · days + d (see `allocateDailySpend`). */
  readonly spendCents: readonly Float64Array[];
}

/**
 * Spreads the weekly national KPI over geo-days.
 *
 *   revenue_{g,d} = Bₜ · π_g ω_{dow(d)} + Σ_c c_{c,t} · x_{c,g,d} / Σ_{week t} x_c,
 *
 * π_g the population share, ω the baseline weekday profile, x the channel's geo-day spend: each
 * channel's contribution follows its spend, so the cells of week t sum back to Bₜ + Σ_c c_{c,t} = yₜ.
 * In a dark week (carry-over only, Σ x = 0) the contribution follows the baseline shares instead.
 * Revenue is then apportioned to whole cents (largest remainder), so each week sums to yₜ rounded.
 */
export function spreadWeeklyKpi(options: DailyKpiOptions): {
  revenueCents: Float64Array;
  contributionCells: Float64Array[];
} {
  const { geos, weeks, baseline, contributions, spendCents } = options;
  const days = weeks * 7;
  const cellsPerWeek = geos.length * 7;
  const revenueCents = new Float64Array(geos.length * days);
  const contributionCells = contributions.map(() => new Float64Array(geos.length * days));
  const baselineWeights = new Float64Array(cellsPerWeek);
  for (let geo = 0; geo < geos.length; geo++) {
    for (let day = 0; day < 7; day++)
      baselineWeights[geo * 7 + day] = geos[geo].populationShare * baselineWeekdayProfile[day];
  }
  const weights = new Float64Array(cellsPerWeek);
  const shares = new Float64Array(cellsPerWeek);
  const exact = new Float64Array(cellsPerWeek);
  for (let week = 0; week < weeks; week++) {
    spreadByShares(baseline[week], baselineWeights, exact);
    for (let channel = 0; channel < contributions.length; channel++) {
      let spend = 0;
      for (let geo = 0; geo < geos.length; geo++) {
        for (let day = 0; day < 7; day++) {
          weights[geo * 7 + day] = spendCents[channel][geo * days + week * 7 + day];
          spend += weights[geo * 7 + day];
        }
      }
      spreadByShares(contributions[channel][week], spend > 0 ? weights : baselineWeights, shares);
      for (let geo = 0; geo < geos.length; geo++) {
        for (let day = 0; day < 7; day++) {
          exact[geo * 7 + day] += shares[geo * 7 + day];
          contributionCells[channel][geo * days + week * 7 + day] = shares[geo * 7 + day];
        }
      }
    }
    const cents = apportionCents(exact);
    for (let geo = 0; geo < geos.length; geo++) {
      for (let day = 0; day < 7; day++) {
        const value = cents[geo * 7 + day];
        if (value < 0) throw new Error(`week ${week}: negative revenue in geo ${geos[geo].name}`);
        revenueCents[geo * days + week * 7 + day] = value;
      }
    }
  }
  return { revenueCents, contributionCells };
}
