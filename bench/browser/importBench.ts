/**
 * The page `bench/import.ts` drives in Chromium: the app's own engine — its DuckDB worker
 * (renderer/data/duckdb.ts, duckdb-wasm's eh bundle) and its Parquet worker (renderer/data/parquet.ts)
 * — on files picked through file inputs, read as the app reads a picked file (`File.arrayBuffer`),
 * then the data layer's import and weekly frame. Times are taken here, in the page.
 */
import {
  buildModelFrame,
  detectMapping,
  importFile,
  type ImportedFile,
  type SqlConnection,
} from '../../models/data';
import { getConnection } from '../../renderer/data/duckdb';
import { parquetToIpc } from '../../renderer/data/parquet';
import type { ImportBenchPage } from './importBenchTypes';

function picked(id: string): File[] {
  return [...((document.getElementById(id) as HTMLInputElement).files ?? [])];
}

async function importAndFrame(conn: SqlConnection, files: readonly File[]) {
  const imported: ImportedFile[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    imported.push(await importFile(conn, { name: file.name, bytes }, { parquetToIpc }));
  }
  const importedAt = performance.now();
  const frame = await buildModelFrame(conn, imported, detectMapping(imported));
  return { frame, importedAt };
}

const sum = (values: Float64Array): number =>
  values.reduce((total, value) => total + (Number.isFinite(value) ? value : 0), 0);

let connection: SqlConnection | null = null;
const page = globalThis as unknown as ImportBenchPage;

page.prepareImport = async () => {
  const started = performance.now();
  connection = await getConnection();
  const opened = performance.now();
  const warmup = picked('warmup');
  if (warmup.length > 0) await importAndFrame(connection, warmup);
  const warmed = performance.now();
  return { startSeconds: (opened - started) / 1000, warmupSeconds: (warmed - opened) / 1000 };
};

page.timedImport = async () => {
  if (!connection) throw new Error('prepareImport first');
  const started = performance.now();
  const { frame, importedAt } = await importAndFrame(connection, picked('files'));
  const done = performance.now();
  return {
    importSeconds: (importedAt - started) / 1000,
    frameSeconds: (done - importedAt) / 1000,
    seconds: (done - started) / 1000,
    weeks: frame.weeks.length,
    kpiTotal: sum(frame.kpi),
    spendTotal: frame.spend.reduce((total, values) => total + sum(values), 0),
  };
};
