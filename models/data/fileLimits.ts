/**
 * Limits on what one export file may hold. A wider file is refused at once, by name, before DuckDB
 * reads it: each column costs every statement of the import and validation, and past this width
 * (campaign exports run to 50–300 columns) a file is not a model's input but a warehouse dump.
 */

/** Most columns a file may have (bench:import -- --wide measures the cost up to it). */
export const MAX_COLUMNS = 1000;

/** Throws, naming the file and the limit, when it has more than `MAX_COLUMNS` columns. */
export function refuseWide(fileName: string, columns: number): void {
  if (columns > MAX_COLUMNS)
    throw new Error(
      `${fileName}: ${columns.toLocaleString('en')} columns; the workbench reads at most ${MAX_COLUMNS.toLocaleString('en')} columns per file (save the export with the columns a model needs: date, KPI, spend, impressions or clicks per channel, controls)`,
    );
}
