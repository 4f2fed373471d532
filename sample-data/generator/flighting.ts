import type { Rng } from '../../models/random/rng';
import type { ChannelProfile } from './channels';
import { dayOfYear } from './calendar';

/** Weeks in an average year, the period of yearly seasonality (also the engine's default). */
export const weeksPerYear = 365.25 / 7;

/**
 * Demand-driven budget seasonality: advertisers spend more into the Q4 peak.
 *
 *   q(d) = 1 + 0.18 · cos(2π (doy(d) − 325) / 365.25),
 *
 * peaking around 21 November and lowest in late May. Example: q at day-of-year 325 is 1.18.
 */
export function budgetSeasonality(day: number): number {
  return 1 + 0.18 * Math.cos((2 * Math.PI * (dayOfYear(day) - 325)) / 365.25);
}

/**
 * National weekly budget (currency) of one channel for each week starting at `weekStarts[t]`.
 *
 * - always-on: bₜ = level · r_{⌊t/13⌋} · e^{g·t/52.18} · q(t) · e^{0.15 zₜ} — never zero.
 * - trending:  bₜ = level · r_{⌊t/13⌋} · e^{g·t/52.18} · q(t) · e^{0.2 zₜ} · (1.6 with probability 0.06, a pulse).
 *   r_q = e^{0.3 z_q} is a quarterly re-planning of the budget: without such shifts an always-on
 *   channel barely varies and its effect cannot be told from the intercept.
 * - burst:     on/off flights with durations drawn uniformly from the profile's ranges; on air
 *              bₜ = level · q(t) · e^{0.15 zₜ}, dark weeks exactly 0.
 * zₜ ~ Normal(0, 1) from `rng`; g is the profile's growth per year. At least one week is on air.
 */
export function weeklyBudgets(
  profile: ChannelProfile,
  weekStarts: readonly number[],
  rng: Rng,
): Float64Array {
  const budgets = new Float64Array(weekStarts.length);
  if (profile.pattern === 'burst') {
    let onAir = rng.uniform() < 0.5;
    let remaining = drawDuration(onAir ? profile.flightWeeks : profile.gapWeeks, rng);
    for (let week = 0; week < weekStarts.length; week++) {
      if (remaining === 0) {
        onAir = !onAir;
        remaining = drawDuration(onAir ? profile.flightWeeks : profile.gapWeeks, rng);
      }
      const noise = rng.normal();
      budgets[week] = onAir
        ? profile.weeklyLevel * budgetSeasonality(weekStarts[week]) * Math.exp(0.15 * noise)
        : 0;
      remaining--;
    }
    if (budgets.every((value) => value === 0) && budgets.length > 0) {
      budgets[0] = profile.weeklyLevel * budgetSeasonality(weekStarts[0]);
    }
    return budgets;
  }
  const spread = profile.pattern === 'always-on' ? 0.15 : 0.2;
  let regime = 1;
  for (let week = 0; week < weekStarts.length; week++) {
    // Budgets are re-planned each quarter (13 weeks): a level shift the model can learn from.
    if (week % 13 === 0) regime = Math.exp(0.3 * rng.normal());
    const growth = Math.exp((profile.growthPerYear * week) / weeksPerYear);
    const pulse = profile.pattern === 'trending' && rng.uniform() < 0.06 ? 1.6 : 1;
    budgets[week] =
      profile.weeklyLevel *
      regime *
      growth *
      budgetSeasonality(weekStarts[week]) *
      Math.exp(spread * rng.normal()) *
      pulse;
  }
  return budgets;
}

function drawDuration([low, high]: readonly [number, number], rng: Rng): number {
  return Math.max(1, low + rng.int(high - low + 1));
}

/** Rounds currency to whole cents (spend is exported with two decimals). */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}
