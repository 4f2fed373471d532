import { describe, expect, it } from 'vitest';
import type { ColumnProfile, ImportedFile, Mapping } from '../../models/data';
import {
  channelNameFromColumn,
  findColumn,
  keepPersonalColumn,
  mergeMapping,
  setColumnRole,
  updateColumn,
} from './mappingEdits';

const base: Mapping = {
  version: 1,
  weekStart: 'monday',
  aggregateGeos: true,
  columns: [
    { file: 'wide.csv', column: 'week', role: 'date' },
    { file: 'wide.csv', column: 'tv_spend', role: 'spend', channel: 'tv' },
    { file: 'long.csv', column: 'spend', role: 'spend' },
  ],
};

describe('mapping edits', () => {
  it('derives channel names from wide column names', () => {
    expect(channelNameFromColumn('tv_spend')).toBe('tv');
    expect(channelNameFromColumn('spend_search')).toBe('search');
    expect(channelNameFromColumn('Facebook Impressions')).toBe('facebook');
    expect(channelNameFromColumn('paid_social_cost')).toBe('paid_social');
    expect(channelNameFromColumn('spend')).toBe('spend');
  });

  it('gives a wide column a channel when it becomes spend and drops it when it stops being one', () => {
    const asImpressions = setColumnRole(base, 'wide.csv', 'week', 'impressions', 'wide');
    expect(findColumn(asImpressions, 'wide.csv', 'week')).toEqual({
      file: 'wide.csv',
      column: 'week',
      role: 'impressions',
      channel: 'week',
    });
    const asControl = setColumnRole(base, 'wide.csv', 'tv_spend', 'control', 'wide');
    expect(findColumn(asControl, 'wide.csv', 'tv_spend')).toEqual({
      file: 'wide.csv',
      column: 'tv_spend',
      role: 'control',
    });
    expect('channel' in (findColumn(asControl, 'wide.csv', 'tv_spend') ?? {})).toBe(false);
  });

  it('keeps an existing channel name and never adds one in long files', () => {
    const renamed = updateColumn(base, 'wide.csv', 'tv_spend', { channel: 'linear_tv' });
    expect(
      findColumn(
        setColumnRole(renamed, 'wide.csv', 'tv_spend', 'impressions', 'wide'),
        'wide.csv',
        'tv_spend',
      )?.channel,
    ).toBe('linear_tv');
    expect(
      findColumn(setColumnRole(base, 'long.csv', 'spend', 'clicks', 'long'), 'long.csv', 'spend')
        ?.channel,
    ).toBeUndefined();
  });

  it('does not mutate its input and adds unknown columns', () => {
    const before = JSON.stringify(base);
    const next = updateColumn(base, 'new.csv', 'price', { role: 'control' });
    expect(JSON.stringify(base)).toBe(before);
    expect(next.columns).toHaveLength(4);
    expect(findColumn(next, 'new.csv', 'price')?.role).toBe('control');
  });

  it('merges: previous choices win, unloaded files go, settings stay', () => {
    const previous: Mapping = { ...base, weekStart: 'sunday', aggregateGeos: false };
    const detected: Mapping = {
      version: 1,
      weekStart: 'monday',
      aggregateGeos: true,
      columns: [
        { file: 'wide.csv', column: 'week', role: 'ignore' },
        { file: 'wide.csv', column: 'tv_spend', role: 'spend', channel: 'tv_detected' },
        { file: 'kpi.csv', column: 'revenue', role: 'kpi' },
      ],
    };
    const merged = mergeMapping(previous, detected, ['wide.csv', 'kpi.csv']);
    expect(merged.weekStart).toBe('sunday');
    expect(merged.aggregateGeos).toBe(false);
    expect(merged.columns).toEqual([
      { file: 'wide.csv', column: 'week', role: 'date' },
      { file: 'wide.csv', column: 'tv_spend', role: 'spend', channel: 'tv' },
      { file: 'kpi.csv', column: 'revenue', role: 'kpi' },
    ]);
    expect(mergeMapping(null, detected, [])).toBe(detected);
  });

  it('keeps a personal-data column: with no role it takes the detected one, and it can be let go', () => {
    const column = (name: string, personalData: ColumnProfile['personalData']): ColumnProfile => ({
      name,
      kind: 'number',
      sqlType: 'DOUBLE',
      nulls: 0,
      distinct: 52,
      min: 1,
      max: 9,
      mean: 5,
      zeros: 0,
      negatives: 0,
      personalData,
    });
    const crm: ImportedFile = {
      name: 'crm.csv',
      table: 'file_crm_csv',
      format: 'csv',
      rows: 52,
      shape: 'wide',
      columns: [column('email_spend', 'email'), column('customer_id', 'user-id')],
    };
    const ignored: Mapping = {
      ...base,
      columns: crm.columns.map((entry) => ({
        file: 'crm.csv',
        column: entry.name,
        role: 'ignore',
      })),
    };
    const kept = keepPersonalColumn(ignored, crm, 'email_spend', true);
    expect(findColumn(kept, 'crm.csv', 'email_spend')).toEqual({
      file: 'crm.csv',
      column: 'email_spend',
      role: 'spend',
      channel: 'email',
      keepPersonalData: true,
    });
    // A column detection gives no role keeps 'ignore' until the user picks one.
    expect(
      findColumn(keepPersonalColumn(ignored, crm, 'customer_id', true), 'crm.csv', 'customer_id'),
    ).toMatchObject({ role: 'ignore', keepPersonalData: true });
    const letGo = keepPersonalColumn(kept, crm, 'email_spend', false);
    expect(findColumn(letGo, 'crm.csv', 'email_spend')).toMatchObject({
      role: 'spend',
      keepPersonalData: false,
    });
    // Picking a role for a flagged column is choosing it.
    expect(
      findColumn(
        setColumnRole(ignored, 'crm.csv', 'customer_id', 'control', 'wide', true),
        'crm.csv',
        'customer_id',
      ),
    ).toEqual({ file: 'crm.csv', column: 'customer_id', role: 'control', keepPersonalData: true });
  });
});
