import { formatCents, formatDecimal } from './csvFormat';
import { generateWeeklyGeo, type GeoTruth } from './weeklyGeo';

/** The bundled geo set: 20 geos × 156 weeks × 6 channels, per-geo true ROIs in geo_truth.json. */
export const geoSampleFileNames = ['geo_weekly.csv', 'geo_truth.json'] as const;
export type GeoSampleFileName = (typeof geoSampleFileNames)[number];

export const geoSampleShape = { geos: 20, weeks: 156, channels: 6 } as const;

export interface GeoSample {
  readonly files: Readonly<Record<GeoSampleFileName, string>>;
  readonly truth: GeoTruth;
}

/**
 * The geo sample from `seed` (its own stream: the national sample's files do not change):
 * `geo_weekly.csv` has one row per week and geo — week, geo, population, revenue, `<channel>_spend`
 * (cents), price_index, promo, holiday — and `geo_truth.json` every true parameter, the national
 * and per-geo ROIs (null where a geo did not spend).
 */
export function generateGeoSample(seed: number): GeoSample {
  const data = generateWeeklyGeo({ ...geoSampleShape, seed: seed + 1 });
  const T = data.dates.length;
  const header = [
    'week',
    'geo',
    'population',
    'revenue',
    ...data.channelNames.map((name) => `${name}_spend`),
    ...data.controls.names,
  ];
  const rows = data.geoNames.flatMap((geo, g) =>
    data.dates.map((date, t) =>
      [
        date,
        geo,
        String(data.population[g]),
        formatDecimal(data.kpi[g * T + t], 2),
        ...data.spend.map((series) => formatCents(Math.round(series[g * T + t] * 100))),
        ...data.controls.values.map((series) => formatDecimal(series[t], 6)),
      ].join(','),
    ),
  );
  return {
    files: {
      'geo_weekly.csv': `${[header.join(','), ...rows].join('\n')}\n`,
      'geo_truth.json': `${JSON.stringify(data.truth, null, 2)}\n`,
    },
    truth: data.truth,
  };
}
