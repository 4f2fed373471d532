/**
 * Reads the data files of `mmm fit <files…> --mapping mapping.json` through the data layer, as the
 * app's Data task does: each file imported, the mapping (validated with the data layer's schema)
 * checked against them, validation, then the weekly model frame, summed over geos (the MMM is
 * national). The channels and controls chosen by name keep the frame's order, as the app's fit
 * settings do, so the same choice gives the same model input in both.
 */
import {
  buildModelFrame,
  importFile,
  MappingSchema,
  validate,
  weeklySourcesOf,
  type ImportedFile,
  type InputFile,
  type Mapping,
  type SqlConnection,
} from '../../models/data/index';
import type { MmmData } from '../../models/mmm';
import { parquetToIpcNode } from '../parquetNode';
import { firstErrorOf, MINIMUM_TRAINING_WEEKS } from './loadModelData';
import { readJsonFile } from './readJsonFile';
import type { MappedData } from './mappedArguments';

export interface LoadedMappedData {
  readonly data: MmmData;
  readonly kpiName: string;
  readonly files: readonly ImportedFile[];
}

/** mapping.json as the Data task saves it; one sentence naming the file and field otherwise. */
export function readMappingFile(path: string): Promise<Mapping> {
  return readJsonFile(path, 'mapping', MappingSchema);
}

function chosen(
  available: readonly string[],
  names: readonly string[] | null,
  flag: string,
): string[] {
  if (names === null) return [...available];
  for (const name of names)
    if (!available.includes(name))
      throw new Error(
        `${flag}: '${name}' is not in the mapping's model frame (${available.join(', ') || 'none'})`,
      );
  return available.filter((name) => names.includes(name));
}

export async function loadMappedData(
  conn: SqlConnection,
  inputs: readonly InputFile[],
  mapping: Mapping,
  selection: MappedData & { readonly holdoutWeeks: number },
): Promise<LoadedMappedData> {
  const files: ImportedFile[] = [];
  for (const input of inputs)
    files.push(await importFile(conn, input, { parquetToIpc: parquetToIpcNode }));
  const unknown = mapping.columns.find((entry) => !files.some((file) => file.name === entry.file));
  if (unknown)
    throw new Error(
      `the mapping names the file '${unknown.file}', which is not among the data files (${files.map((f) => f.name).join(', ')})`,
    );
  const national: Mapping = { ...mapping, aggregateGeos: true };
  const sources = await weeklySourcesOf(conn, files, national);
  const report = await validate(conn, files, national, sources);
  const problem = firstErrorOf(report.problems);
  if (problem) throw new Error(problem);
  const frame = await buildModelFrame(conn, files, national, sources);
  const channels = chosen(frame.channels, selection.channels, '--channels');
  const controls = chosen(frame.controls, selection.controls, '--controls');
  if (channels.length === 0) throw new Error('the mapping maps no spend column: nothing to fit');
  const weeks = frame.weeks.length;
  const trainingWeeks = weeks - selection.holdoutWeeks;
  if (trainingWeeks < MINIMUM_TRAINING_WEEKS)
    throw new Error(
      `the model frame has ${weeks} weeks${selection.holdoutWeeks ? ` minus ${selection.holdoutWeeks} holdout weeks` : ''}, leaving ${trainingWeeks} to fit on; the model needs at least ${MINIMUM_TRAINING_WEEKS}`,
    );
  const finite = (values: Float64Array, name: string): Float64Array => {
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`'${name}' has no value for the week of ${frame.weeks[bad]}`);
    return values;
  };
  return {
    kpiName: frame.kpiName,
    files,
    data: {
      dates: [...frame.weeks],
      kpi: finite(frame.kpi, frame.kpiName),
      channelNames: channels,
      spend: channels.map((name) => finite(frame.spend[frame.channels.indexOf(name)], name)),
      controlNames: controls,
      controls: controls.map((name) =>
        finite(frame.controlValues[frame.controls.indexOf(name)], name),
      ),
    },
  };
}
