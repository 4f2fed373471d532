/**
 * The page `bench/import.ts` drives in Chromium: the app's own engine — its DuckDB worker
 * (renderer/data/duckdb.ts, duckdb-wasm's eh bundle) and its Parquet worker (renderer/data/parquet.ts)
 * — on files picked through file inputs, opened as the app opens a picked file (a large one as its
 * head plus the File, which DuckDB's and the Parquet worker read in place), then the data layer's
 * import and weekly frame. Times are taken here, in the page.
 */
import type { SqlConnection } from '../../models/data';
import { getConnection } from '../../renderer/data/duckdb';
import { parquetToIpc } from '../../renderer/data/parquet';
import { inputFileOf, readDataFiles } from '../../renderer/platform/fileBytes';
import { frameTotals, importAndFrame } from '../importPipeline';
import type { ImportBenchPage } from './importBenchTypes';

function picked(id: string): File[] {
  return [...((document.getElementById(id) as HTMLInputElement).files ?? [])];
}

/** The picked files, each opened as the app opens a picked file (a large one read in place). */
function reads(id: string) {
  return picked(id).map((file) => async () => {
    const opened = await readDataFiles([file]);
    if (!opened.ok) throw new Error(opened.error.message);
    return inputFileOf(opened.value[0]);
  });
}

const now = (): number => performance.now();

let connection: SqlConnection | null = null;
const page = globalThis as unknown as ImportBenchPage;

page.prepareImport = async (inspect) => {
  const started = performance.now();
  connection = await getConnection();
  const opened = performance.now();
  const warmup = picked('warmup');
  if (warmup.length > 0)
    await importAndFrame(connection, reads('warmup'), parquetToIpc, now, { inspect });
  const warmed = performance.now();
  return { startSeconds: (opened - started) / 1000, warmupSeconds: (warmed - opened) / 1000 };
};

page.timedImport = async (inspect) => {
  if (!connection) throw new Error('prepareImport first');
  const started = performance.now();
  try {
    const { frame, importedAt } = await importAndFrame(
      connection,
      reads('files'),
      parquetToIpc,
      now,
      { inspect },
    );
    const done = performance.now();
    return {
      importSeconds: (importedAt - started) / 1000,
      frameSeconds: (done - importedAt) / 1000,
      seconds: (done - started) / 1000,
      outcome: 'framed',
      ...frameTotals(frame),
    };
  } catch (error) {
    // A file the data layer refuses (e.g. too many columns): how fast it says so is the measure.
    const seconds = (performance.now() - started) / 1000;
    const message = error instanceof Error ? error.message : String(error);
    return {
      importSeconds: seconds,
      frameSeconds: 0,
      seconds,
      outcome: `error: ${message}`,
      weeks: 0,
      kpiTotal: 0,
      spendTotal: 0,
    };
  }
};
