import type { Rng } from '../../models/random/rng';
import { blackFriday, isPublicHoliday } from './holidays';
import { dayOfYear, yearOf } from './calendar';

/** Daily national controls: all geos share them (national pricing and national calendars). */
export interface DailyControls {
  /** Price index around 100, two decimals. */
  readonly priceIndex: Float64Array;
  /** 1 on promotion days, else 0. */
  readonly promo: Uint8Array;
  /** 1 on public-holiday-like days, else 0. */
  readonly holiday: Uint8Array;
}

export const controlNames = ['price_index', 'promo', 'holiday'] as const;

/**
 * Promotion days of one year: a January sale (8 days from about 2 Jan), spring (5 days around day
 * 80), summer sale (10 days around day 180), autumn (5 days around day 250), Black Friday Thursday
 * to Cyber Monday (5 days), and two 3-day flash sales at random; anchors jittered by up to ±7 days.
 */
export function promotionDays(year: number, rng: Rng): Set<number> {
  const firstDay = Date.UTC(year, 0, 1) / 86_400_000;
  const days = new Set<number>();
  const add = (start: number, length: number): void => {
    for (let offset = 0; offset < length; offset++) days.add(start + offset);
  };
  const jitter = (): number => rng.int(15) - 7;
  add(firstDay + 1 + Math.max(0, jitter()), 8);
  add(firstDay + 80 + jitter(), 5);
  add(firstDay + 180 + jitter(), 10);
  add(firstDay + 250 + jitter(), 5);
  add(blackFriday(year) - 1, 5);
  for (let flash = 0; flash < 2; flash++) add(firstDay + 20 + rng.int(300), 3);
  return days;
}

/**
 * Daily controls for consecutive `days`.
 *
 *   priceₜ = 100 + 1.5·(years since start) + 2·sin(2π doy/365.25) + rₜ − 3·promoₜ,
 *   rₜ = 0.97 rₜ₋₁ + 0.3 zₜ  (mean-reverting drift, zₜ ~ Normal(0, 1)),
 *
 * rounded to two decimals; promotions cut the price, as real ones do.
 */
export function dailyControls(days: readonly number[], rng: Rng): DailyControls {
  const priceIndex = new Float64Array(days.length);
  const promo = new Uint8Array(days.length);
  const holiday = new Uint8Array(days.length);
  const promotionsByYear = new Map<number, Set<number>>();
  let drift = 0;
  for (let index = 0; index < days.length; index++) {
    const day = days[index];
    const year = yearOf(day);
    let promotions = promotionsByYear.get(year);
    if (!promotions) {
      promotions = promotionDays(year, rng);
      promotionsByYear.set(year, promotions);
    }
    promo[index] = promotions.has(day) ? 1 : 0;
    holiday[index] = isPublicHoliday(day) ? 1 : 0;
    drift = 0.97 * drift + 0.3 * rng.normal();
    const yearsSinceStart = (day - days[0]) / 365.25;
    const price =
      100 +
      1.5 * yearsSinceStart +
      2 * Math.sin((2 * Math.PI * dayOfYear(day)) / 365.25) +
      drift -
      3 * promo[index];
    priceIndex[index] = Math.round(price * 100) / 100;
  }
  return { priceIndex, promo, holiday };
}

/**
 * Weekly means of daily values: z̄ₜ = (1/7) Σ_{d in week t} z_d — the weekly control the model uses
 * (for 0/1 controls, the fraction of promotion or holiday days in the week).
 */
export function weeklyMeans(daily: ArrayLike<number>, weeks: number): Float64Array {
  if (daily.length !== weeks * 7)
    throw new Error(`expected ${weeks * 7} daily values for ${weeks} weeks, got ${daily.length}`);
  const means = new Float64Array(weeks);
  for (let week = 0; week < weeks; week++) {
    let sum = 0;
    for (let day = 0; day < 7; day++) sum += daily[week * 7 + day];
    means[week] = sum / 7;
  }
  return means;
}
