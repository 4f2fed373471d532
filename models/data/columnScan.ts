/**
 * The same aggregates for each of many columns (or checks), in one statement whose size does not
 * grow with the column count.
 *
 * Wide layout: one row, `agg(column)` per column and aggregate — a single scan, best for a few
 * columns over many rows. Long layout: the columns unpivoted once into (key, slots…) rows and the
 * aggregates taken `GROUP BY key` — one set of aggregates whatever the width. duckdb-wasm pays about
 * 1 ms per aggregate of a statement, and far more (growing with the square of their number) for
 * `count(DISTINCT …)` and `FILTER (WHERE …)`: 300 columns × 7 aggregates took 2–20 s wide against
 * 0.3–1 s long. So the long layout is used past `wideScanLimit` columns on tables small enough for
 * their cells to be unpivoted (`longScanRows`); bigger tables keep one wide scan.
 */
import { quoteLiteral, toText } from './sql';
import type { SqlConnection } from './types';

/** Most columns scanned in the wide layout (above it, the long one, on tables of ≤ longScanRows rows). */
export const wideScanLimit = 16;
/** Rows up to which a table with many columns is unpivoted. */
export const longScanRows = 100_000;

export type ScanLayout = 'wide' | 'long';

export interface ColumnScan {
  /**
   * Per column (or check): SQL expressions over the table, one per slot. In the long layout each
   * slot becomes one column of the unpivoted rows, so slot i must have one type in every column
   * (`slotTypes` casts it).
   */
  readonly columns: readonly (readonly string[])[];
  /** Aggregates by result name, written over the slots' SQL (`slots[i]`). */
  readonly aggregates: Readonly<Record<string, (slots: readonly string[]) => string>>;
  /** The SQL type of each slot (the long layout casts to it). */
  readonly slotTypes?: readonly string[];
}

export function scanLayout(columns: number, rows: number): ScanLayout {
  return columns > wideScanLimit && rows <= longScanRows ? 'long' : 'wide';
}

/**
 * Each column's aggregates (`result[c][name]`), over `from` (a table name or a parenthesised
 * query). `rows` (of `from`) picks the layout unless `layout` is given.
 */
export async function scanColumns(
  conn: SqlConnection,
  from: string,
  scan: ColumnScan,
  options: { rows: number; layout?: ScanLayout },
): Promise<Record<string, unknown>[]> {
  return (await scanColumnGroups(conn, from, [scan], options))[0];
}

/**
 * Several scans of one table (e.g. number, date and text columns, each with its aggregates): in the
 * wide layout all in one statement, so a large table is read once; in the long layout one
 * statement per scan. The layout is chosen on the columns of all scans together.
 */
export async function scanColumnGroups(
  conn: SqlConnection,
  from: string,
  scans: readonly ColumnScan[],
  options: { rows: number; layout?: ScanLayout },
): Promise<Record<string, unknown>[][]> {
  const total = scans.reduce((count, scan) => count + scan.columns.length, 0);
  if (total === 0) return scans.map(() => []);
  const layout = options.layout ?? scanLayout(total, options.rows);
  if (layout === 'long') {
    // One after another: a connection runs one statement at a time (the app's engine fails otherwise).
    const results: Record<string, unknown>[][] = [];
    for (const scan of scans) results.push(await scanLong(conn, from, scan));
    return results;
  }
  const parts = scans.flatMap((scan, group) =>
    scan.columns.flatMap((slots, column) =>
      Object.entries(scan.aggregates).map(
        ([name, aggregate]) => `${aggregate(slots)} AS "g${group}_c${column}_${name}"`,
      ),
    ),
  );
  const row = (await conn.query(`SELECT ${parts.join(', ')} FROM ${from}`)).toArray()[0] ?? {};
  return scans.map((scan, group) =>
    scan.columns.map((_, column) =>
      Object.fromEntries(
        Object.keys(scan.aggregates).map((name) => [name, row[`g${group}_c${column}_${name}`]]),
      ),
    ),
  );
}

async function scanLong(
  conn: SqlConnection,
  from: string,
  scan: ColumnScan,
): Promise<Record<string, unknown>[]> {
  if (scan.columns.length === 0) return [];
  const names = Object.keys(scan.aggregates);
  const slotCount = scan.columns[0].length;
  const slotNames = Array.from({ length: slotCount }, (_, slot) => `s${slot}`);
  const cast = (sql: string, slot: number) =>
    scan.slotTypes?.[slot] ? `CAST(${sql} AS ${scan.slotTypes[slot]})` : sql;
  const inner = scan.columns.flatMap((slots, column) =>
    slots.map((sql, slot) => `${cast(sql, slot)} AS "c${column}_s${slot}"`),
  );
  const entries = scan.columns.map((_, column) => {
    const slots = slotNames.map((_, slot) => `"c${column}_s${slot}"`);
    return `${slotCount === 1 ? slots[0] : `(${slots.join(', ')})`} AS ${quoteLiteral(String(column))}`;
  });
  const values = slotCount === 1 ? slotNames[0] : `(${slotNames.join(', ')})`;
  const aggregates = names.map((name) => `${scan.aggregates[name](slotNames)} AS "${name}"`);
  const sql = `SELECT k, ${aggregates.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${from}) UNPIVOT INCLUDE NULLS (${values} FOR k IN (${entries.join(', ')})) GROUP BY k`;
  const results: Record<string, unknown>[] = scan.columns.map(() => ({}));
  for (const row of Array.from((await conn.query(sql)).toArray())) {
    const column = Number(toText(row.k));
    results[column] = Object.fromEntries(names.map((name) => [name, row[name]]));
  }
  return results;
}
