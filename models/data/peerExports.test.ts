/**
 * Peers' exports map without a mapping file: Robyn's `_S/_I/_P/_B` columns, Meridian's
 * `*_impression`, `*_spend`, `*_control`, population and revenue per conversion, and column names
 * from German-, French- and Spanish-language tools. The public files are read in place from
 * ../shared/datasets (cli/sharedDatasets.ts); the German fixture is in the repo.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { SHARED_DATASETS_ABSENT, sharedDatasetsFolder } from '../../cli/sharedDatasets';
import { buildModelFrame } from './buildModelFrame';
import { detectMapping } from './detectMapping';
import { importFile } from './importFile';
import type { ColumnKind, ColumnProfile, ImportedFile, Mapping } from './types';
import { validate } from './validate';

let conn: ClosableSqlConnection;
beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

interface Expected {
  readonly date: string;
  /** The KPI column, or `column × multiplier` for a revenue KPI made of two columns. */
  readonly kpi: string | null;
  /** channel → its spend column (and the same for impressions and clicks). */
  readonly spend: Record<string, string>;
  readonly impressions?: Record<string, string>;
  readonly clicks?: Record<string, string>;
  readonly geo?: string;
  readonly population?: string;
  readonly controls: readonly string[];
}

/** What a mapping says about one file, in the shape of `Expected`. */
function summary(mapping: Mapping, file: string): Expected {
  const entries = mapping.columns.filter((entry) => entry.file === file);
  const of = (role: string) => entries.filter((entry) => entry.role === role);
  const byChannel = (role: string) =>
    Object.fromEntries(of(role).map((entry) => [entry.channel ?? entry.column, entry.column]));
  const kpi = of('kpi')[0]?.column ?? null;
  const multiplier = of('revenue-per-kpi')[0]?.column;
  return {
    date: of('date')[0]?.column ?? '',
    kpi: kpi && multiplier ? `${kpi} × ${multiplier}` : kpi,
    spend: byChannel('spend'),
    ...(of('impressions').length ? { impressions: byChannel('impressions') } : {}),
    ...(of('clicks').length ? { clicks: byChannel('clicks') } : {}),
    ...(of('geo').length ? { geo: of('geo')[0].column } : {}),
    ...(of('population').length ? { population: of('population')[0].column } : {}),
    controls: of('control').map((entry) => entry.column),
  };
}

const channels = (count: number, metric: 'spend' | 'impression', prefix = 'Channel') =>
  Object.fromEntries(
    Array.from({ length: count }, (_, index) => [`channel${index}`, `${prefix}${index}_${metric}`]),
  );

const meridianGeo = { geo: 'geo', population: 'population' };
const cases: Record<string, Expected> = {
  'robyn__dt_simulated_weekly.csv': {
    date: 'DATE',
    kpi: 'revenue',
    spend: {
      tv: 'tv_S',
      ooh: 'ooh_S',
      print: 'print_S',
      search: 'search_S',
      facebook: 'facebook_S',
    },
    impressions: { facebook: 'facebook_I' },
    clicks: { search: 'search_clicks_P' },
    controls: ['competitor_sales_B', 'newsletter'],
  },
  'meridian__national_all_channels.csv': {
    date: 'time',
    kpi: 'conversions × revenue_per_conversion',
    spend: channels(5, 'spend'),
    impressions: channels(5, 'impression'),
    controls: [
      'Organic_channel0_impression',
      'competitor_sales_control',
      'sentiment_score_control',
      'Promo',
    ],
  },
  'meridian__national_media.csv': {
    date: 'time',
    kpi: 'conversions × revenue_per_conversion',
    spend: channels(4, 'spend'),
    impressions: channels(4, 'impression'),
    controls: ['competitor_activity_score_control', 'sentiment_score_control'],
  },
  'meridian__national_media_rf.csv': {
    date: 'time',
    kpi: 'conversions × revenue_per_conversion',
    spend: channels(4, 'spend'),
    impressions: channels(4, 'impression'),
    controls: ['competitor_activity_score_control', 'sentiment_score_control'],
  },
  'meridian__geo_all_channels.csv': {
    date: 'time',
    kpi: 'conversions × revenue_per_conversion',
    spend: channels(5, 'spend'),
    impressions: channels(5, 'impression'),
    ...meridianGeo,
    controls: [
      'competitor_sales_control',
      'sentiment_score_control',
      'Organic_channel0_impression',
      'Promo',
    ],
  },
  'meridian__geo_media.csv': {
    date: 'time',
    kpi: 'conversions × revenue_per_conversion',
    spend: channels(4, 'spend'),
    impressions: channels(4, 'impression'),
    ...meridianGeo,
    controls: ['competitor_activity_score_control', 'sentiment_score_control'],
  },
  'meridian__geo_media_rf.csv': {
    date: 'time',
    kpi: 'conversions × revenue_per_conversion',
    spend: channels(4, 'spend'),
    impressions: channels(4, 'impression'),
    ...meridianGeo,
    controls: ['competitor_activity_score_control', 'sentiment_score_control'],
  },
  'meridian__geo_full_funnel_data.csv': {
    date: 'time',
    kpi: 'conversions × revenue_per_conversion',
    spend: {
      awareness_video: 'AwarenessVideo_spend',
      performance_display: 'PerformanceDisplay_spend',
      performance_native: 'PerformanceNative_spend',
    },
    impressions: {
      awareness_video: 'AwarenessVideo_impression',
      performance_display: 'PerformanceDisplay_impression',
      performance_native: 'PerformanceNative_impression',
    },
    ...meridianGeo,
    controls: ['BrandedGQV_control', 'GenericGQV_control'],
  },
  // A future-period input without a KPI (for planning): everything else maps.
  'meridian__hypothetical_geo_all_channels.csv': {
    date: 'time',
    kpi: null,
    spend: channels(5, 'spend'),
    impressions: channels(5, 'impression'),
    ...meridianGeo,
    controls: ['Organic_channel0_impression', 'Promo'],
  },
  'pymc_marketing__mmm_example.csv': {
    date: 'date_week',
    kpi: 'y',
    spend: { x1: 'x1', x2: 'x2' },
    controls: ['event_1', 'event_2'],
  },
  'pymc_marketing__mmm_roas_data.csv': {
    date: 'date',
    kpi: 'y',
    spend: { x1: 'x1', x2: 'x2' },
    controls: [],
  },
};

const datasets = sharedDatasetsFolder();

describe.skipIf(datasets === null)(
  `peers' exports map without a mapping file${datasets ? '' : ` (skipped: ${SHARED_DATASETS_ABSENT})`}`,
  () => {
    for (const [name, expected] of Object.entries(cases))
      it(name, async () => {
        const bytes = new Uint8Array(readFileSync(join(datasets ?? '', name)));
        const file = await importFile(conn, { name, bytes });
        const mapping = detectMapping([file]);
        expect(summary(mapping, name)).toEqual(expected);
        if (expected.kpi === null) return;
        const report = await validate(conn, [file], mapping);
        expect(report.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
        const frame = await buildModelFrame(conn, [file], mapping);
        expect(frame.kpiName).toBe(expected.kpi);
        expect(frame.channels).toEqual(Object.keys(expected.spend));
      });
  },
);

describe('revenue KPI from conversions × revenue per conversion', () => {
  it.skipIf(datasets === null)(
    'sums conversions × revenue_per_conversion per week (Meridian national, checked row by row)',
    async () => {
      const name = 'meridian__national_media.csv';
      const text = readFileSync(join(datasets ?? '', name), 'utf8');
      const file = await importFile(conn, { name, bytes: new TextEncoder().encode(text) });
      const frame = await buildModelFrame(conn, [file], detectMapping([file]));
      const rows = text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','));
      // One row a week, Mondays: the weekly KPI is that row's product.
      rows.forEach((row, week) =>
        expect(frame.kpi[week]).toBeCloseTo(Number(row[1]) * Number(row[2]), 3),
      );
    },
  );
});

describe('German-, French- and Spanish-named columns', () => {
  it('maps the German fixture (Datum;Umsatz;TV_Kosten…, decimal commas) and frames it', async () => {
    const name = 'wochen_umsatz_de.csv';
    const bytes = new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
    const file = await importFile(conn, { name, bytes });
    expect(file.csv).toMatchObject({
      delimiter: ';',
      decimalSeparator: ',',
      dateFormat: '%d.%m.%Y',
    });
    const mapping = detectMapping([file]);
    expect(summary(mapping, name)).toEqual({
      date: 'Datum',
      kpi: 'Umsatz',
      spend: { tv: 'TV_Kosten', suche: 'Suche_Kosten', social: 'Social_Kosten' },
      impressions: { social: 'Social_Impressionen' },
      clicks: { suche: 'Suche_Klicks' },
      controls: ['Preisindex', 'Feiertag'],
    });
    const report = await validate(conn, [file], mapping);
    expect(report.usable).toBe(true);
    const frame = await buildModelFrame(conn, [file], mapping);
    expect(frame.weeks).toHaveLength(60);
    expect(frame.spend[0][0]).toBe(1000);
  });

  const profile = (name: string, kind: ColumnKind): ColumnProfile => ({
    name,
    kind,
    sqlType: kind,
    nulls: 0,
    distinct: 50,
    min: null,
    max: null,
    mean: null,
    zeros: 0,
    negatives: 0,
    personalData: null,
  });
  const wide = (name: string, columns: ColumnProfile[]): ImportedFile => ({
    name,
    table: name,
    format: 'csv',
    rows: 50,
    columns,
    shape: 'wide',
  });

  it.each([
    [
      'fr.csv',
      [
        'Semaine',
        "Chiffre d'affaires",
        'Coût TV',
        'Dépenses Search',
        'Impressions Display',
        'Clics Search',
        'Prix',
      ],
      {
        date: 'Semaine',
        kpi: "Chiffre d'affaires",
        spend: { tv: 'Coût TV', search: 'Dépenses Search' },
        impressions: { display: 'Impressions Display' },
        clicks: { search: 'Clics Search' },
        controls: ['Prix'],
      },
    ],
    [
      'es.csv',
      [
        'Fecha',
        'Ventas',
        'Gasto_TV',
        'Costo_Radio',
        'Impresiones_Online',
        'Clics_Online',
        'Precio',
        'Festivo',
      ],
      {
        date: 'Fecha',
        kpi: 'Ventas',
        spend: { tv: 'Gasto_TV', radio: 'Costo_Radio' },
        impressions: { online: 'Impresiones_Online' },
        clicks: { online: 'Clics_Online' },
        controls: ['Precio', 'Festivo'],
      },
    ],
    [
      'de.csv',
      ['Woche', 'Erlös', 'Ausgaben_Radio', 'Radio_Einblendungen', 'Wettbewerb_Preis'],
      {
        date: 'Woche',
        kpi: 'Erlös',
        spend: { radio: 'Ausgaben_Radio' },
        impressions: { radio: 'Radio_Einblendungen' },
        controls: ['Wettbewerb_Preis'],
      },
    ],
  ])('maps %s by its names', (name, columns, expected) => {
    const file = wide(
      name,
      columns.map((column, index) => profile(column, index === 0 ? 'date' : 'number')),
    );
    expect(summary(detectMapping([file]), name)).toEqual(expected);
  });
});
