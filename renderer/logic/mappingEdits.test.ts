import { describe, expect, it } from 'vitest';
import type { Mapping } from '../../models/data';
import {
  channelNameFromColumn,
  findColumn,
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
});
