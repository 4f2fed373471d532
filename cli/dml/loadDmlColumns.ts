import { timeFeatures, weeksFromDates } from '../../models/causal';
import type { ImportedFile, SqlConnection } from '../../models/data';
import { quoteIdentifier, toNumber, toText } from '../../models/data/sql';
import type { Matrix } from '../../models/learners/types';
import type { DmlArguments } from './arguments';

/** The model inputs read from the imported table, in date order when there is a date. */
export interface LoadedData {
  y: Float64Array;
  treatments: { name: string; values: Float64Array }[];
  controls: Matrix;
  controlNames: string[];
  dateColumn: string | null;
}

/**
 * Checks the named columns (present, numeric, no missing value: the first bad row is named), reads
 * them ordered by the date column when there is one, and appends the trend and Fourier terms.
 */
export async function loadDmlColumns(
  conn: SqlConnection,
  imported: ImportedFile,
  args: DmlArguments,
): Promise<LoadedData> {
  const file = imported.name;
  const byName = new Map(imported.columns.map((c) => [c.name, c]));
  const numeric = [args.outcome, ...args.treatments, ...args.controls];
  const repeated = numeric.find((name, i) => numeric.indexOf(name) !== i);
  if (repeated)
    throw new Error(
      `column '${repeated}' is used twice (outcome, treatments and controls must differ)`,
    );
  for (const name of numeric) {
    const column = byName.get(name);
    if (!column)
      throw new Error(
        `${file}: no column '${name}' (columns: ${imported.columns.map((c) => c.name).join(', ')})`,
      );
    if (column.kind !== 'number')
      throw new Error(`${file}: column '${name}' is not numeric (detected as ${column.kind})`);
  }
  let dateColumn = args.date;
  if (dateColumn) {
    const column = byName.get(dateColumn);
    if (!column) throw new Error(`${file}: no date column '${dateColumn}'`);
    if (column.kind !== 'date')
      throw new Error(
        `${file}: column '${dateColumn}' is not a date column (detected as ${column.kind})`,
      );
  } else dateColumn = imported.columns.find((c) => c.kind === 'date')?.name ?? null;

  for (const name of dateColumn ? [...numeric, dateColumn] : numeric) {
    const missing = await conn.query(
      `SELECT min(__row) AS row FROM ${imported.table} WHERE ${quoteIdentifier(name)} IS NULL OR isnan(${name === dateColumn ? '0' : quoteIdentifier(name)}::DOUBLE)`,
    );
    const row = toNumber(missing.toArray()[0]?.row);
    if (row !== null)
      throw new Error(`${file}: column '${name}' has a missing or unreadable value in row ${row}`);
  }
  const order = dateColumn ? `ORDER BY ${quoteIdentifier(dateColumn)}, __row` : 'ORDER BY __row';
  const select = numeric.map((name, i) => `${quoteIdentifier(name)}::DOUBLE AS c${i}`);
  if (dateColumn) select.push(`strftime(${quoteIdentifier(dateColumn)}::DATE, '%Y-%m-%d') AS d`);
  const table = await conn.query(`SELECT ${select.join(', ')} FROM ${imported.table} ${order}`);
  const columnValues = numeric.map((_, i) =>
    Float64Array.from(table.getChild(`c${i}`)!.toArray() as ArrayLike<number>),
  );
  const n = table.numRows;
  const controlColumns = columnValues.slice(1 + args.treatments.length);
  const controlNames = [...args.controls];
  if (dateColumn && args.timeTerms) {
    const dates = Array.from(table.getChild('d')!.toArray(), (v) => toText(v) ?? '');
    const duplicate = dates.findIndex((d, i) => i > 0 && d === dates[i - 1]);
    if (duplicate > 0)
      throw new Error(
        `${file}: date '${dates[duplicate]}' appears more than once in '${dateColumn}' (aggregate geos or rows to one per week first)`,
      );
    const time = timeFeatures(weeksFromDates(dates), 2);
    for (let c = 0; c < time.matrix.cols; c++)
      controlColumns.push(
        Float64Array.from({ length: n }, (_, i) => time.matrix.data[i * time.matrix.cols + c]),
      );
    controlNames.push(...time.names);
  }
  const data = new Float64Array(n * controlColumns.length);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < controlColumns.length; c++)
      data[i * controlColumns.length + c] = controlColumns[c][i];
  return {
    y: columnValues[0],
    treatments: args.treatments.map((name, j) => ({ name, values: columnValues[1 + j] })),
    controls: { rows: n, cols: controlColumns.length, data },
    controlNames,
    dateColumn,
  };
}
