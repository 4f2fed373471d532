/**
 * `mmm fit --only-geo <name>`: one market of a file that holds several. Rows of every other geo are
 * deleted from the imported table before validation and the model frame, so the frame is that
 * geo's own weekly series and a problem in another geo's rows never fails this one. DuckDB keeps a
 * row's rowid through a DELETE, so problems still name the row of the file.
 */
import { detectMapping, type ImportedFile, type SqlConnection } from '../../models/data/index';
import { quoteIdentifier, quoteLiteral, toText } from '../../models/data/sql';

/** Keeps only the rows of `geo` in the geo column the data layer detects (as `mmm fit` maps it). */
export async function keepOnlyGeo(
  conn: SqlConnection,
  imported: ImportedFile,
  geo: string,
): Promise<void> {
  const column = detectMapping([imported]).columns.find((entry) => entry.role === 'geo')?.column;
  if (column === undefined)
    throw new Error(
      `${imported.name}: --only-geo needs a geo column (geo, region, market, …); the columns are ${imported.columns.map((c) => c.name).join(', ')}`,
    );
  // As the data layer reads a geo (columnExpressions.ts textSql).
  const value = `CAST(${quoteIdentifier(column)} AS VARCHAR)`;
  const table = imported.rawTable ?? imported.table;
  const geos = await conn.query(
    `SELECT DISTINCT ${value} AS geo FROM ${table} WHERE ${value} IS NOT NULL ORDER BY 1`,
  );
  const names = Array.from(geos.toArray(), (row) => toText(row.geo) ?? '');
  if (!names.includes(geo)) {
    const listed = names.length > 20 ? `${names.slice(0, 20).join(', ')}, …` : names.join(', ');
    throw new Error(
      `${imported.name}: no rows for geo '${geo}' (from --only-geo) in column '${column}'; its geos are ${listed}`,
    );
  }
  await conn.query(`DELETE FROM ${table} WHERE ${value} IS DISTINCT FROM ${quoteLiteral(geo)}`);
}
