/**
 * The data flags of `mmm fit` in their two forms, apart from the sampler and model flags so each
 * form can change on its own:
 *
 * - columns: one data file, `--date`, `--kpi`, `--channels name=column,…`, `--controls` (the
 *   mapping is built from the flags);
 * - mapping: one or more data files and `--mapping mapping.json` (as the app's Data task exports
 *   it): date, KPI, channels and controls come from the mapping; `--channels` and `--controls`
 *   then choose among the mapped ones by name (left out: all of them; `--controls ''`: none). This
 *   is the form of the command the app shows beside each fit.
 */
import { list, UsageError } from '../commandLine';

export interface ColumnsData {
  readonly kind: 'columns';
  readonly date: string;
  readonly kpi: string;
  readonly channels: readonly string[];
  readonly channelColumns: readonly string[];
  readonly controls: readonly string[];
}

export interface MappedData {
  readonly kind: 'mapping';
  readonly mapping: string;
  /** null: every channel (control) of the mapping. */
  readonly channels: readonly string[] | null;
  readonly controls: readonly string[] | null;
}

export type DataArguments = ColumnsData | MappedData;

export interface DataFlags {
  readonly date?: string;
  readonly kpi?: string;
  readonly channels?: string;
  readonly controls?: string;
  readonly mapping?: string;
}

function once(names: readonly string[], flag: string): void {
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new UsageError(`'${twice}' is named twice in ${flag}`);
}

function mappedData(values: DataFlags, mapping: string): MappedData {
  for (const flag of ['date', 'kpi'] as const)
    if (values[flag] !== undefined)
      throw new UsageError(`--${flag} comes from --mapping: leave it out`);
  const channels = values.channels === undefined ? null : list(values.channels);
  if (channels?.some((name) => name.includes('=')))
    throw new UsageError(
      '--channels takes channel names with --mapping (the mapping names the columns)',
    );
  if (channels !== null && channels.length === 0)
    throw new UsageError('--channels is empty: name at least one channel, or leave it out for all');
  const controls = values.controls === undefined ? null : list(values.controls);
  once(channels ?? [], '--channels');
  once(controls ?? [], '--controls');
  return { kind: 'mapping', mapping, channels, controls };
}

function columnsData(values: DataFlags, files: readonly string[]): ColumnsData {
  if (files.length > 1)
    throw new UsageError(
      `${files.length} data files need --mapping mapping.json (the app's Data task exports it) to say which column is which`,
    );
  if (!values.date) throw new UsageError('missing --date <col>');
  if (!values.kpi) throw new UsageError('missing --kpi <col>');
  const channelEntries = list(values.channels).map((entry) => {
    const split = entry.indexOf('=');
    const name = split < 0 ? entry : entry.slice(0, split).trim();
    const column = split < 0 ? entry : entry.slice(split + 1).trim();
    if (!name || !column) throw new UsageError(`--channels: '${entry}' is not name=column`);
    return { name, column };
  });
  if (channelEntries.length === 0) throw new UsageError('missing --channels <c1,c2,…>');
  const channels = channelEntries.map((entry) => entry.name);
  const channelColumns = channelEntries.map((entry) => entry.column);
  const twice = channels.find((name, i) => channels.indexOf(name) !== i);
  if (twice) throw new UsageError(`channel '${twice}' is named twice in --channels`);
  const controls = list(values.controls);
  const all = [values.date, values.kpi, ...channelColumns, ...controls];
  const repeated = all.find((name, i) => all.indexOf(name) !== i);
  if (repeated)
    throw new UsageError(
      `column '${repeated}' is named twice (date, KPI, channels and controls must differ)`,
    );
  return {
    kind: 'columns',
    date: values.date,
    kpi: values.kpi,
    channels,
    channelColumns,
    controls,
  };
}

/** The data part of the flags, in the form they take (see the module comment). */
export function dataArguments(values: DataFlags, files: readonly string[]): DataArguments {
  if (files.length === 0) throw new UsageError('missing the data file');
  return values.mapping !== undefined
    ? mappedData(values, values.mapping)
    : columnsData(values, files);
}
