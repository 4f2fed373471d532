import { describe, expect, it } from 'vitest';
import { metricOf } from './columnNames';
import { detectMapping } from './detectMapping';
import { MappingSchema } from './mappingSchema';
import type { ColumnKind, ColumnProfile, ImportedFile } from './types';

function profile(
  name: string,
  kind: ColumnKind,
  extra: Partial<ColumnProfile> = {},
): ColumnProfile {
  return {
    name,
    kind,
    sqlType: kind,
    nulls: 0,
    distinct: 10,
    min: null,
    max: null,
    mean: null,
    zeros: 0,
    negatives: 0,
    personalData: null,
    ...extra,
  };
}

function file(
  name: string,
  columns: ColumnProfile[],
  shape: 'long' | 'wide' = 'wide',
): ImportedFile {
  return { name, table: name, format: 'csv', rows: 10, columns, shape };
}

function roles(mapping: ReturnType<typeof detectMapping>) {
  return Object.fromEntries(
    mapping.columns.map((entry) => [
      `${entry.file}:${entry.column}`,
      entry.channel ? `${entry.role}:${entry.channel}` : entry.role,
    ]),
  );
}

describe('metricOf', () => {
  it('splits a metric token from the channel name', () => {
    expect(metricOf('tv_spend')).toEqual({ role: 'spend', channel: 'tv' });
    expect(metricOf('spend_paid_search')).toEqual({ role: 'spend', channel: 'paid_search' });
    expect(metricOf('FacebookImpressions')).toEqual({ role: 'impressions', channel: 'facebook' });
    expect(metricOf('social_imps')).toEqual({ role: 'impressions', channel: 'social' });
    expect(metricOf('search_clicks')).toEqual({ role: 'clicks', channel: 'search' });
    expect(metricOf('cost')).toEqual({ role: 'spend', channel: '' });
    expect(metricOf('x2')).toEqual({ role: 'spend', channel: 'x2' });
    expect(metricOf('revenue')).toBeNull();
  });
});

describe('detectMapping', () => {
  it('maps a wide file by name and kind', () => {
    const mapping = detectMapping([
      file('wide.csv', [
        profile('Week', 'date'),
        profile('TV_Spend', 'number'),
        profile('search_cost', 'number'),
        profile('tv_impressions', 'number'),
        profile('Sales', 'number'),
        profile('orders', 'number'),
        profile('price_index', 'number'),
        profile('holiday', 'number'),
        profile('competitor_spend_index', 'number'),
        profile('notes', 'text'),
        profile('contact', 'text', { personalData: 'email' }),
        profile('mystery', 'number'),
      ]),
    ]);
    expect(roles(mapping)).toEqual({
      'wide.csv:Week': 'date',
      'wide.csv:TV_Spend': 'spend:tv',
      'wide.csv:search_cost': 'spend:search',
      'wide.csv:tv_impressions': 'impressions:tv',
      'wide.csv:Sales': 'kpi',
      'wide.csv:orders': 'ignore',
      'wide.csv:price_index': 'control',
      'wide.csv:holiday': 'control',
      'wide.csv:competitor_spend_index': 'control',
      'wide.csv:notes': 'ignore',
      'wide.csv:contact': 'ignore',
      'wide.csv:mystery': 'ignore',
    });
    expect(mapping).toMatchObject({ version: 1, weekStart: 'monday', aggregateGeos: true });
  });

  it('maps long media, a KPI table and controls together, choosing one KPI across files', () => {
    const mapping = detectMapping([
      file(
        'media.csv',
        [
          profile('date', 'date'),
          profile('region', 'text', { distinct: 5 }),
          profile('channel', 'text', { distinct: 7 }),
          profile('spend', 'number'),
          profile('impressions', 'number'),
          profile('clicks', 'number'),
        ],
        'long',
      ),
      file('kpi.csv', [
        profile('ds', 'date'),
        profile('region', 'text'),
        profile('conversions', 'number'),
        profile('revenue', 'number'),
      ]),
      file('controls.csv', [
        profile('date', 'date'),
        profile('promo', 'boolean'),
        profile('temperature', 'number'),
      ]),
    ]);
    expect(roles(mapping)).toEqual({
      'media.csv:date': 'date',
      'media.csv:region': 'geo',
      'media.csv:channel': 'channel',
      'media.csv:spend': 'spend',
      'media.csv:impressions': 'impressions',
      'media.csv:clicks': 'clicks',
      'kpi.csv:ds': 'date',
      'kpi.csv:region': 'geo',
      'kpi.csv:conversions': 'ignore',
      'kpi.csv:revenue': 'kpi',
      'controls.csv:date': 'date',
      'controls.csv:promo': 'control',
      'controls.csv:temperature': 'control',
    });
  });

  it('finds an unnamed channel column in long data by its few labels', () => {
    const mapping = detectMapping([
      file(
        'long.csv',
        [
          profile('day', 'date'),
          profile('media_type', 'text', { distinct: 4 }),
          profile('cost', 'number'),
          profile('y', 'number'),
        ],
        'long',
      ),
    ]);
    expect(roles(mapping)['long.csv:media_type']).toBe('channel');
    expect(roles(mapping)['long.csv:cost']).toBe('spend');
  });

  it('reads pymc-marketing style columns: x1, x2 spend, y KPI, simulated truth ignored', () => {
    const mapping = detectMapping([
      file('pymc.csv', [
        profile('date', 'date'),
        profile('x1', 'number'),
        profile('x2', 'number'),
        profile('x1_adstock', 'number'),
        profile('y', 'number'),
        profile('event_1', 'number'),
        profile('y01', 'number'),
      ]),
    ]);
    expect(roles(mapping)).toMatchObject({
      'pymc.csv:x1': 'spend:x1',
      'pymc.csv:x2': 'spend:x2',
      'pymc.csv:x1_adstock': 'ignore',
      'pymc.csv:y': 'kpi',
      'pymc.csv:event_1': 'control',
      'pymc.csv:y01': 'ignore',
    });
  });
});

describe('MappingSchema', () => {
  it('accepts a detected mapping and rejects malformed ones with a path', () => {
    const mapping = detectMapping([
      file('a.csv', [
        profile('date', 'date'),
        profile('tv_spend', 'number'),
        profile('revenue', 'number'),
      ]),
    ]);
    expect(MappingSchema.parse(JSON.parse(JSON.stringify(mapping)))).toEqual(mapping);
    const bad = MappingSchema.safeParse({ ...mapping, weekStart: 'tuesday' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(['weekStart']);
    expect(MappingSchema.safeParse({ ...mapping, version: 2 }).success).toBe(false);
    expect(
      MappingSchema.safeParse({
        ...mapping,
        columns: [{ file: 'a.csv', column: 'x', role: 'budget' }],
      }).success,
    ).toBe(false);
  });
});
