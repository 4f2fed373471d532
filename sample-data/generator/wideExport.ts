import { createRng } from '../../models/random/rng';
import { formatIsoDate, mondayWeekStarts, parseIsoDate } from './calendar';
import { formatCents } from './csvFormat';

export interface WideExportOptions {
  /** Campaigns (channels), one column per campaign and metric. */
  readonly campaigns: number;
  /** Weekly rows (header excluded), Mondays from 2022-01-03. */
  readonly weeks: number;
  readonly seed: number;
  /**
   * Metric columns per campaign: `spend` only (`spend_c0, spend_c1, …`, the shape of the issue's
   * reproduction) or `spend,impressions,clicks` (`campaign_001_spend, campaign_001_impressions, …`,
   * a campaign-level ad-platform export).
   */
  readonly metrics?: 'spend' | 'spend-impressions-clicks';
}

export interface WideExport {
  readonly text: string;
  /** Columns, date and revenue included. */
  readonly columns: number;
  /** Σ revenue and Σ spend over every row and campaign (to check a model frame against). */
  readonly revenueTotal: number;
  readonly spendTotal: number;
}

/**
 * A wide weekly export (`date, revenue`, then one column per campaign and metric), as campaign-level
 * exports with 50–300 columns come: for the wide-file tests and `bench:import -- --wide`.
 *
 * spend_{c,w} = round(100 · b_c · e^{0.3 z}) / 100 with b_c = 200 + 800 u_c; impressions = spend ·
 * 1000 / cpm_c (cpm_c = 5 + 15 u'_c), clicks = impressions · 0.01; revenue_w = 10 000 + 2 Σ_c spend_{c,w}
 * + 500 z_w. Example: `wideExportCsv({ campaigns: 2, weeks: 1, seed: 1 }).columns` is 4.
 */
export function wideExportCsv(options: WideExportOptions): WideExport {
  const { campaigns, weeks, seed } = options;
  if (!Number.isInteger(campaigns) || campaigns < 1)
    throw new Error(`campaigns ${campaigns} is not a positive integer`);
  if (!Number.isInteger(weeks) || weeks < 1)
    throw new Error(`weeks ${weeks} is not a positive integer`);
  const full = options.metrics === 'spend-impressions-clicks';
  const rng = createRng(seed);
  const base = Array.from({ length: campaigns }, () => 200 + 800 * rng.uniform());
  const cpm = Array.from({ length: campaigns }, () => 5 + 15 * rng.uniform());
  const width = String(campaigns).length;
  const label = (c: number) => `campaign_${String(c + 1).padStart(Math.max(3, width), '0')}`;
  const header = ['date', 'revenue'];
  for (let c = 0; c < campaigns; c++)
    header.push(
      ...(full
        ? [`${label(c)}_spend`, `${label(c)}_impressions`, `${label(c)}_clicks`]
        : [`spend_c${c}`]),
    );
  const lines = [header.join(',')];
  const starts = mondayWeekStarts(parseIsoDate('2022-01-03'), weeks);
  let revenueTotal = 0;
  let spendTotal = 0;
  for (let week = 0; week < weeks; week++) {
    const cells: string[] = [];
    let weekSpend = 0;
    for (let c = 0; c < campaigns; c++) {
      const cents = Math.round(100 * base[c] * Math.exp(0.3 * rng.normal()));
      weekSpend += cents / 100;
      cells.push(formatCents(cents));
      if (full) {
        const impressions = Math.round(((cents / 100) * 1000) / cpm[c]);
        cells.push(String(impressions), String(Math.round(impressions * 0.01)));
      }
    }
    const revenue = Math.round(100 * (10_000 + 2 * weekSpend + 500 * rng.normal())) / 100;
    revenueTotal += revenue;
    spendTotal += weekSpend;
    lines.push([formatIsoDate(starts[week]), revenue.toFixed(2), ...cells].join(','));
  }
  return { text: `${lines.join('\n')}\n`, columns: header.length, revenueTotal, spendTotal };
}
