import { createRng } from '../../models/random/rng';
import { formatIsoDate, mondayWeekStarts, parseIsoDate } from './calendar';
import { selectChannels } from './channels';
import { controlNames, dailyControls, weeklyMeans } from './controls';
import { toCents, weeklyBudgets } from './flighting';
import { assembleWeeklyKpi } from './weeklyKpi';
import type { Truth } from './truth';

export type { Truth, ChannelTruth, ControlTruth, WeeklyTruth } from './truth';

export interface WeeklyNationalOptions {
  readonly weeks: number;
  /** Number of channels (the profiles of `channels.ts` in order: tv, search, social, …). */
  readonly channels: number;
  readonly seed: number;
  /** σ / mean KPI; 0.05 by default. */
  readonly noiseFraction?: number;
  /** Target media share of the expected KPI; 0.27 by default. */
  readonly mediaShare?: number;
  /** First Monday, `YYYY-MM-DD`; 2022-01-03 by default. */
  readonly startDate?: string;
}

export interface WeeklyNationalData {
  /** Monday of each week, `YYYY-MM-DD`. */
  readonly dates: string[];
  readonly kpi: Float64Array;
  /** Raw weekly spend per channel (currency, whole cents). */
  readonly spend: Float64Array[];
  readonly channelNames: string[];
  /** Raw weekly controls: price_index (mean), promo and holiday (fraction of days). */
  readonly controls: { names: string[]; values: Float64Array[] };
  readonly truth: Truth;
}

/**
 * A weekly national data set drawn directly from the engine's default model form (see `truth.ts`):
 * budgets flighted per channel (`flighting.ts`), controls averaged from a daily calendar
 * (`controls.ts`), KPI assembled by `assembleWeeklyKpi`. Deterministic in `seed`; used for the
 * 156 × 6 and 260 × 10 benchmark sets and for recovery tests.
 *
 * Example: `generateWeeklyNational({ weeks: 156, channels: 6, seed: 1 }).truth.channels[0].roi`
 * is 1.8 (tv's target ROI) up to rounding.
 */
export function generateWeeklyNational(options: WeeklyNationalOptions): WeeklyNationalData {
  const { weeks, seed } = options;
  if (!Number.isInteger(weeks) || weeks < 2)
    throw new Error(`weeks ${weeks} is not an integer ≥ 2`);
  if (!Number.isInteger(seed)) throw new Error(`seed ${seed} is not an integer`);
  const profiles = selectChannels(options.channels);
  const rng = createRng(seed);
  const weekStarts = mondayWeekStarts(parseIsoDate(options.startDate ?? '2022-01-03'), weeks);
  const dates = weekStarts.map(formatIsoDate);

  // One stream per channel, so a channel's spend does not depend on how many channels precede it.
  const spend = profiles.map((profile, index) =>
    weeklyBudgets(profile, weekStarts, rng.fork(100 + index)).map(
      (budget) => toCents(budget) / 100,
    ),
  );

  const days = Array.from({ length: weeks * 7 }, (_, index) => weekStarts[0] + index);
  const daily = dailyControls(days, rng.fork(2));
  const controls = [
    weeklyMeans(daily.priceIndex, weeks),
    weeklyMeans(daily.promo, weeks),
    weeklyMeans(daily.holiday, weeks),
  ];

  const { kpi, truth } = assembleWeeklyKpi({
    seed,
    dates,
    channels: profiles,
    spend,
    controls,
    controlNames: [...controlNames],
    rng: rng.fork(3),
    noiseFraction: options.noiseFraction,
    mediaShare: options.mediaShare,
  });
  return {
    dates,
    kpi,
    spend,
    channelNames: profiles.map((profile) => profile.name),
    controls: { names: [...controlNames], values: controls },
    truth,
  };
}
