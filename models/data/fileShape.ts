/** Long or wide: long data has a text column with few distinct values (the channel) beside a bare `spend`-like column. */
import { isChannelName, isDateName, isGeoName, isLongMetricName } from './columnNames';
import type { ColumnProfile } from './types';

/** Most distinct labels a channel column may have. */
export const maxChannels = 100;

/** The channel column of long data: a text column named like one, else the one text column with few labels. */
export function channelColumnOf(columns: readonly ColumnProfile[]): ColumnProfile | null {
  if (!columns.some((column) => column.kind === 'number' && isLongMetricName(column.name)))
    return null;
  const labels = columns.filter(
    (column) =>
      column.kind === 'text' &&
      column.personalData === null &&
      column.distinct > 0 &&
      column.distinct <= maxChannels,
  );
  const named = labels.find((column) => isChannelName(column.name));
  if (named) return named;
  const unnamed = labels.filter((column) => !isGeoName(column.name) && !isDateName(column.name));
  return unnamed.length === 1 ? unnamed[0] : null;
}

export function detectShape(columns: readonly ColumnProfile[]): 'long' | 'wide' {
  return channelColumnOf(columns) !== null ? 'long' : 'wide';
}
