import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRng } from '../../models/random/rng';
import { formatIsoDate, mondayWeekStarts, parseIsoDate } from './calendar';
import { selectChannels } from './channels';
import { formatCents } from './csvFormat';
import { weeklyBudgets } from './flighting';
import { deliveryMetrics, seasonalCostPerThousand } from './mediaMetrics';

export interface LargeExportOptions {
  /** File to write (its folder is created). */
  readonly path: string;
  /** Exact number of data rows (header excluded). */
  readonly rows: number;
  readonly seed: number;
  /** Days per geo before more geos are added; 1092 (156 weeks) by default. */
  readonly days?: number;
  /** Channels (the profiles of `channels.ts` in order); 10 by default. */
  readonly channels?: number;
}

export interface LargeExportSummary {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  readonly geos: number;
  readonly days: number;
  readonly channels: number;
  readonly seconds: number;
}

/**
 * Streams a long daily ad-platform export (`date,geo,channel,spend,impressions,clicks`, the columns
 * of media_daily_long.csv) of exactly `rows` rows, for the import benchmark.
 *
 * Geos = ⌈rows / (channels · days)⌉ named geo_0001 …, population shares w_g ∝ e^{0.8 z_g};
 * spend_{g,d,c} = b_{c,t} · w_g · ω_c(dow(d)) / Σ ω_c · e^{0.1 z}, rounded to cents, with b the
 * channel's national weekly budget (`weeklyBudgets`, scaled by the geo count so per-geo spend stays
 * realistic). Rows run date-major (date, geo, channel), so a truncated last date holds its first geos.
 * Memory is O(geos + channels · weeks); writes honour back-pressure (awaits 'drain').
 */
export async function writeLargeExport(options: LargeExportOptions): Promise<LargeExportSummary> {
  const { path, rows, seed } = options;
  const days = options.days ?? 1092;
  const channelCount = options.channels ?? 10;
  if (!Number.isSafeInteger(rows) || rows < 1)
    throw new Error(`rows ${rows} is not a positive integer`);
  if (!Number.isInteger(days) || days < 7 || days % 7 !== 0)
    throw new Error(`days ${days} is not a positive multiple of 7`);
  if (!Number.isInteger(seed)) throw new Error(`seed ${seed} is not an integer`);
  const started = Date.now();
  const channels = selectChannels(channelCount);
  const geoCount = Math.ceil(rows / (channels.length * days));
  const rng = createRng(seed);
  const weekStarts = mondayWeekStarts(parseIsoDate('2022-01-03'), days / 7);
  const scaleUp = Math.max(1, geoCount / 5);
  const budgets = channels.map((profile, index) =>
    weeklyBudgets(profile, weekStarts, rng.fork(100 + index)).map((budget) => budget * scaleUp),
  );
  const geoRng = rng.fork(4);
  const geoShares = new Float64Array(geoCount).map(() => Math.exp(0.8 * geoRng.normal()));
  const shareTotal = geoShares.reduce((total, share) => total + share, 0);
  for (let geo = 0; geo < geoCount; geo++) geoShares[geo] /= shareTotal;
  const weekdayTotals = channels.map((profile) =>
    profile.weekdayProfile.reduce((total, value) => total + value, 0),
  );
  const geoNames = Array.from(
    { length: geoCount },
    (_, geo) => `geo_${String(geo + 1).padStart(Math.max(4, String(geoCount).length), '0')}`,
  );

  mkdirSync(dirname(path), { recursive: true });
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const failure = new Promise<never>((_, reject) => stream.once('error', reject));
  failure.catch(() => undefined);
  let bytes = 0;
  // Lines are joined per chunk: one flat string per write keeps garbage collection low.
  let lines: string[] = ['date,geo,channel,spend,impressions,clicks'];
  const flush = async (): Promise<void> => {
    const chunk = `${lines.join('\n')}\n`;
    lines = [];
    bytes += Buffer.byteLength(chunk);
    const accepted = stream.write(chunk);
    if (!accepted) await Promise.race([once(stream, 'drain'), failure]);
  };
  const noise = rng.fork(5);
  let written = 0;
  for (let day = 0; day < days && written < rows; day++) {
    const dayIndex = weekStarts[0] + day;
    const date = formatIsoDate(dayIndex);
    const week = Math.floor(day / 7);
    const costs = channels.map((profile) => seasonalCostPerThousand(profile, dayIndex));
    for (let geo = 0; geo < geoCount && written < rows; geo++) {
      for (let channel = 0; channel < channels.length && written < rows; channel++) {
        const profile = channels[channel];
        const dailyShare = profile.weekdayProfile[day % 7] / weekdayTotals[channel];
        const cents = Math.round(
          100 *
            budgets[channel][week] *
            geoShares[geo] *
            dailyShare *
            Math.exp(0.1 * noise.normal()),
        );
        const { impressions, clicks } = deliveryMetrics(
          cents / 100,
          costs[channel],
          profile.clickThroughRate,
          noise,
        );
        lines.push(
          `${date},${geoNames[geo]},${profile.name},${formatCents(cents)},${impressions},${clicks}`,
        );
        written++;
        if (lines.length >= 16_384) await flush();
      }
    }
  }
  if (written < rows) {
    // Not reachable by construction (geos are sized to fit), kept as a guard against edits.
    throw new Error(`wrote only ${written} of ${rows} rows`);
  }
  await flush();
  stream.end();
  await Promise.race([once(stream, 'finish'), failure]);
  return {
    path,
    rows: written,
    bytes,
    geos: geoCount,
    days,
    channels: channels.length,
    seconds: (Date.now() - started) / 1000,
  };
}
