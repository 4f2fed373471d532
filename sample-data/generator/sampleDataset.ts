import { createRng } from '../../models/random/rng';
import type { Rng } from '../../models/random/rng';
import { formatIsoDate, mondayWeekStarts, parseIsoDate } from './calendar';
import { channelProfiles } from './channels';
import type { ChannelProfile } from './channels';
import { controlNames, dailyControls, weeklyMeans } from './controls';
import type { DailyControls } from './controls';
import { assertPlainField, formatCents, formatDecimal } from './csvFormat';
import { allocateDailySpend, weeklyNationalSpend } from './dailyAllocation';
import { spreadWeeklyKpi } from './dailyKpi';
import { weeklyBudgets } from './flighting';
import { sampleGeos } from './geos';
import type { Geo } from './geos';
import { deliveryMetrics, seasonalCostPerThousand } from './mediaMetrics';
import type { Truth } from './truth';
import { truthConventions } from './truth';
import { assembleWeeklyKpi } from './weeklyKpi';

export const defaultSeed = 20261129;

export const sampleFileNames = [
  'media_daily_long.csv',
  'kpi_daily.csv',
  'controls_daily.csv',
  'media_weekly_wide.csv',
  'truth.json',
] as const;
export type SampleFileName = (typeof sampleFileNames)[number];

export interface SampleDatasetOptions {
  readonly seed: number;
  /** 156 by default (2022-01-03 … 2024-12-29). */
  readonly weeks?: number;
  readonly startDate?: string;
  readonly noiseFraction?: number;
}

export interface SampleDataset {
  /** File name → exact file text (UTF-8, `\n` line ends, trailing newline). */
  readonly files: Readonly<Record<SampleFileName, string>>;
  readonly truth: Truth;
  /** Geo-day contribution per channel (index g · days + d), summing back to the weekly truth. */
  readonly contributionCells: readonly Float64Array[];
}

/**
 * The bundled sample: a daily ad-platform export over geos × channels, daily KPI and controls,
 * their national weekly wide aggregate and the truth. Weekly national spend is the sum of the
 * exported (cent-rounded) daily spend; the KPI is assembled at that level by `assembleWeeklyKpi`
 * and spread to geo-days by `spreadWeeklyKpi`. Deterministic in `seed`.
 */
export function generateSampleDataset(options: SampleDatasetOptions): SampleDataset {
  const { seed } = options;
  if (!Number.isInteger(seed)) throw new Error(`seed ${seed} is not an integer`);
  const weeks = options.weeks ?? 156;
  if (!Number.isInteger(weeks) || weeks < 2)
    throw new Error(`weeks ${weeks} is not an integer ≥ 2`);
  const geos = sampleGeos;
  const channels = channelProfiles.slice(0, 7);
  const rng = createRng(seed);
  const weekStarts = mondayWeekStarts(parseIsoDate(options.startDate ?? '2022-01-03'), weeks);
  const days = Array.from({ length: weeks * 7 }, (_, index) => weekStarts[0] + index);

  const affinityRng = rng.fork(4);
  const spendCents = channels.map((profile, index) => {
    const budgets = weeklyBudgets(profile, weekStarts, rng.fork(100 + index));
    // Regional buying: affinity around 1; audio is not bought in the smallest region.
    const affinity = geos.map((geo) =>
      profile.name === 'audio' && geo.name === 'east' ? 0 : Math.exp(0.25 * affinityRng.normal()),
    );
    return allocateDailySpend({ budgets, profile, geos, affinity, rng: rng.fork(500 + index) });
  });
  const spend = spendCents.map((cents) => weeklyNationalSpend(cents, geos.length, weeks));

  const controlsDaily = dailyControls(days, rng.fork(2));
  const controls = [
    weeklyMeans(controlsDaily.priceIndex, weeks),
    weeklyMeans(controlsDaily.promo, weeks),
    weeklyMeans(controlsDaily.holiday, weeks),
  ];
  const dates = weekStarts.map(formatIsoDate);
  const { truth } = assembleWeeklyKpi({
    seed,
    dates,
    channels,
    spend,
    controls,
    controlNames: [...controlNames],
    rng: rng.fork(3),
    noiseFraction: options.noiseFraction,
  });
  const { revenueCents, contributionCells } = spreadWeeklyKpi({
    geos,
    weeks,
    baseline: truth.weekly.baseline,
    contributions: channels.map((profile) => truth.weekly.contributions[profile.name]),
    spendCents,
  });

  const files: Record<SampleFileName, string> = {
    'media_daily_long.csv': mediaDailyLong(days, geos, channels, spendCents, rng.fork(6)),
    'kpi_daily.csv': kpiDaily(days, geos, revenueCents, rng.fork(7)),
    'controls_daily.csv': controlsDailyCsv(days, geos, controlsDaily),
    'media_weekly_wide.csv': mediaWeeklyWide({
      dates,
      geos,
      channels,
      spendCents,
      revenueCents,
      controls,
    }),
    'truth.json': `${JSON.stringify({ conventions: truthConventions, ...truth }, null, 2)}\n`,
  };
  return { files, truth, contributionCells };
}

function mediaDailyLong(
  days: readonly number[],
  geos: readonly Geo[],
  channels: readonly ChannelProfile[],
  spendCents: readonly Float64Array[],
  rng: Rng,
): string {
  const lines = ['date,geo,channel,spend,impressions,clicks'];
  for (let day = 0; day < days.length; day++) {
    const date = formatIsoDate(days[day]);
    const costs = channels.map((profile) => seasonalCostPerThousand(profile, days[day]));
    for (let geo = 0; geo < geos.length; geo++) {
      for (let channel = 0; channel < channels.length; channel++) {
        const cents = spendCents[channel][geo * days.length + day];
        const { impressions, clicks } = deliveryMetrics(
          cents / 100,
          costs[channel],
          channels[channel].clickThroughRate,
          rng,
        );
        lines.push(
          `${date},${assertPlainField(geos[geo].name)},${assertPlainField(channels[channel].name)},${formatCents(cents)},${impressions},${clicks}`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** orders = round(revenue / (AOV_g · e^{0.04 z})), z ~ Normal(0, 1). */
function kpiDaily(
  days: readonly number[],
  geos: readonly Geo[],
  revenueCents: Float64Array,
  rng: Rng,
): string {
  const lines = ['date,geo,revenue,orders'];
  for (let day = 0; day < days.length; day++) {
    const date = formatIsoDate(days[day]);
    for (let geo = 0; geo < geos.length; geo++) {
      const cents = revenueCents[geo * days.length + day];
      const orders = Math.round(
        cents / 100 / (geos[geo].averageOrderValue * Math.exp(0.04 * rng.normal())),
      );
      lines.push(`${date},${geos[geo].name},${formatCents(cents)},${orders}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function controlsDailyCsv(
  days: readonly number[],
  geos: readonly Geo[],
  controls: DailyControls,
): string {
  const lines = ['date,geo,price_index,promo,holiday'];
  for (let day = 0; day < days.length; day++) {
    const date = formatIsoDate(days[day]);
    const values = `${formatDecimal(controls.priceIndex[day], 2)},${controls.promo[day]},${controls.holiday[day]}`;
    for (const geo of geos) lines.push(`${date},${geo.name},${values}`);
  }
  return `${lines.join('\n')}\n`;
}

function mediaWeeklyWide(options: {
  dates: readonly string[];
  geos: readonly Geo[];
  channels: readonly ChannelProfile[];
  spendCents: readonly Float64Array[];
  revenueCents: Float64Array;
  controls: readonly Float64Array[];
}): string {
  const { dates, geos, channels, spendCents, revenueCents, controls } = options;
  const days = dates.length * 7;
  const weekTotal = (cents: Float64Array, week: number): number => {
    let total = 0;
    for (let geo = 0; geo < geos.length; geo++)
      for (let day = 0; day < 7; day++) total += cents[geo * days + week * 7 + day];
    return total;
  };
  const lines = [
    [
      'week',
      'revenue',
      ...channels.map((profile) => `${profile.name}_spend`),
      ...controlNames,
    ].join(','),
  ];
  for (let week = 0; week < dates.length; week++) {
    const fields = [dates[week], formatCents(weekTotal(revenueCents, week))];
    for (const cents of spendCents) fields.push(formatCents(weekTotal(cents, week)));
    for (const control of controls) fields.push(formatDecimal(control[week], 6));
    lines.push(fields.join(','));
  }
  return `${lines.join('\n')}\n`;
}
