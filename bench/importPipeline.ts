/**
 * What every bench:import engine times, in Node and in the Chromium page alike, so all do the same
 * work: each file read and imported by the data layer, then the weekly frame of the detected
 * mapping; and the frame's totals by which the engines are checked to agree.
 */
import {
  buildModelFrame,
  detectMapping,
  importFile,
  validate,
  weeklySourcesOf,
  type ImportedFile,
  type InputFile,
  type ModelFrame,
  type ParquetToIpc,
  type SqlConnection,
} from '../models/data';

/**
 * Imports the files (each read by its `read`) and builds the frame; `importedAt` is `now()` in
 * between. With `inspect`, the frame's weekly sources are validated first, as `mmm inspect` does.
 */
export async function importAndFrame(
  conn: SqlConnection,
  reads: readonly (() => Promise<InputFile> | InputFile)[],
  parquetToIpc: ParquetToIpc,
  now: () => number,
  options: { inspect?: boolean } = {},
): Promise<{ frame: ModelFrame; importedAt: number }> {
  const files: ImportedFile[] = [];
  for (const read of reads) files.push(await importFile(conn, await read(), { parquetToIpc }));
  const importedAt = now();
  const mapping = detectMapping(files);
  const sources = await weeklySourcesOf(conn, files, mapping);
  if (options.inspect) await validate(conn, files, mapping, sources);
  return { frame: await buildModelFrame(conn, files, mapping, sources), importedAt };
}

/** Weeks, Σ KPI and Σ spend over the frame (non-finite cells skipped). */
export function frameTotals(frame: ModelFrame): {
  weeks: number;
  kpiTotal: number;
  spendTotal: number;
} {
  const sum = (values: Float64Array): number =>
    values.reduce((total, value) => total + (Number.isFinite(value) ? value : 0), 0);
  return {
    weeks: frame.weeks.length,
    kpiTotal: sum(frame.kpi),
    spendTotal: frame.spend.reduce((total, values) => total + sum(values), 0),
  };
}
