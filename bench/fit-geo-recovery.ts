/**
 * `npm run bench:fit-geo-recovery` — does the geo model recover known per-geo ROIs, and does it
 * beat the national model fitted to the same data summed over geos?
 *
 *   npx tsx bench/fit-geo-recovery.ts [--sizes 20x104x5] [--replicates 0,1,2] [--chains 4]
 *                                     [--warmup 1000] [--draws 1000] [--record bench/RESULTS.md]
 *
 * For each generated data set (sample-data/generator/weeklyGeo.ts, true geo spread τ = 0.3, noise
 * 6% per geo-week) both models are fitted (bench/fitGeo.ts) and scored: national ROI error
 * (spend-weighted |mean − truth| / spend-weighted truth) and 90% HDI coverage over channels;
 * per-geo ROI error and coverage over every geo × channel with spend, the national model's geo
 * estimate being its national ROI (what a national fit can say about a geo). The pooled table
 * averages the errors and pools the coverage over replicates.
 */
import { appendFileSync } from 'node:fs';
import {
  flag,
  markdownRows,
  recordHeading,
  runGeoPairs,
  settingsOf,
  sizesOf,
  TABLE_HEAD,
  type GeoRow,
} from './fitGeo';

function pooled(rows: readonly GeoRow[]): string[] {
  const header = [
    'model',
    'size',
    'data sets',
    'ROI rel err',
    'ROI 90% cov',
    'geo ROI rel err',
    'geo ROI 90% cov',
    'gates passed',
  ];
  const groups = new Map<string, GeoRow[]>();
  for (const row of rows) {
    const key = `${row.model}|${row.data.replace(/#\d+$/, '')}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const mean = (group: GeoRow[], pick: (r: GeoRow) => number) =>
    group.reduce((sum, r) => sum + pick(r), 0) / group.length;
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...[...groups].map(([key, group]) => {
      const [model, size] = key.split('|');
      return `| ${[
        model,
        size,
        String(group.length),
        `${(100 * mean(group, (r) => r.roiError)).toFixed(1)}%`,
        `${(100 * mean(group, (r) => r.roiCoverage)).toFixed(0)}%`,
        `${(100 * mean(group, (r) => r.geoRoiError)).toFixed(1)}%`,
        `${(100 * mean(group, (r) => r.geoRoiCoverage)).toFixed(0)}%`,
        String(group.filter((r) => r.gate === 'pass').length),
      ].join(' | ')} |`;
    }),
  ];
}

async function main(): Promise<void> {
  const sizes = sizesOf(flag('sizes', '20x104x5'));
  const replicates = flag('replicates', '0,1,2').split(',').map(Number);
  const settings = settingsOf();
  const record = flag('record', '');
  if (record) recordHeading('bench:fit-geo-recovery', record, settings);
  const rows = await runGeoPairs(sizes, replicates, settings, record);
  const summary = pooled(rows);
  process.stdout.write(
    `${[...TABLE_HEAD, ...markdownRows(rows)].join('\n')}\n\n${summary.join('\n')}\n`,
  );
  if (record) appendFileSync(record, `\n${summary.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:fit-geo-recovery: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
