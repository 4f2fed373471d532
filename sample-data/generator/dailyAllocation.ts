import type { Rng } from '../../models/random/rng';
import type { ChannelProfile } from './channels';
import type { Geo } from './geos';

/**
 * Splits each national weekly budget over the week's geo-days, in whole cents.
 *
 *   w_{g,d} = popShare_g · affinity_g · weekday_{dow(d)} · e^{0.08 z_{g,d}},
 *   cents_{g,d} = round(100 · bₜ · w_{g,d} / Σ_{week t} w),
 *
 * z ~ Normal(0, 1). `affinity` (one factor per geo, ≥ 0; 0 = the channel does not run there)
 * models regional buying. Layout of the result: index g · days + d, days = 7 · weeks.
 */
export function allocateDailySpend(options: {
  readonly budgets: Float64Array;
  readonly profile: ChannelProfile;
  readonly geos: readonly Geo[];
  readonly affinity: readonly number[];
  readonly rng: Rng;
}): Float64Array {
  const { budgets, profile, geos, affinity, rng } = options;
  const weeks = budgets.length;
  const days = weeks * 7;
  const cents = new Float64Array(geos.length * days);
  const weights = new Float64Array(geos.length * 7);
  for (let week = 0; week < weeks; week++) {
    let total = 0;
    for (let geo = 0; geo < geos.length; geo++) {
      for (let day = 0; day < 7; day++) {
        const weight =
          geos[geo].populationShare *
          affinity[geo] *
          profile.weekdayProfile[day] *
          Math.exp(0.08 * rng.normal());
        weights[geo * 7 + day] = weight;
        total += weight;
      }
    }
    if (!(total > 0)) throw new Error(`channel ${profile.name}: runs in no geo`);
    for (let geo = 0; geo < geos.length; geo++) {
      for (let day = 0; day < 7; day++) {
        cents[geo * days + week * 7 + day] = Math.round(
          (100 * budgets[week] * weights[geo * 7 + day]) / total,
        );
      }
    }
  }
  return cents;
}

/** National weekly spend (currency) from geo-day cents laid out as by `allocateDailySpend`. */
export function weeklyNationalSpend(
  cents: Float64Array,
  geos: number,
  weeks: number,
): Float64Array {
  const days = weeks * 7;
  const spend = new Float64Array(weeks);
  for (let week = 0; week < weeks; week++) {
    let total = 0;
    for (let geo = 0; geo < geos; geo++) {
      for (let day = 0; day < 7; day++) total += cents[geo * days + week * 7 + day];
    }
    spend[week] = total / 100;
  }
  return spend;
}
