/**
 * The population behind each row of the model frame, from a column mapped to `population`
 * (Meridian's geo files carry one). Population belongs to a geo, not to a week: each geo's value is
 * its mean over the file's rows, so row r of the frame gets P(geo_r) = mean of the geo's values;
 * with geos summed into one national series, every week gets Σ_g P(g). A file without a mapped
 * geo gives one national value, the column's mean. Example: geos a (100, 100) and b (50) →
 * kept apart a: 100, b: 50; summed 150.
 */
import { numberSql, textSql } from './columnExpressions';
import { admitted } from './weeklySources';
import { toNumber, toText } from './sql';
import type { ImportedFile, Mapping, SqlConnection } from './types';

/** Population per frame row (`geos` and `geoIndex` as the frame has them), or null when none is mapped. */
export async function framePopulation(
  conn: SqlConnection,
  files: readonly ImportedFile[],
  mapping: Mapping,
  frame: {
    readonly rows: number;
    readonly geos: readonly string[] | null;
    readonly geoIndex: Int32Array | null;
  },
): Promise<Float64Array | null> {
  for (const file of files) {
    const entries = mapping.columns.filter((entry) => entry.file === file.name);
    const columnOf = (role: string) => {
      const entry = entries.find((candidate) => candidate.role === role);
      const column = file.columns.find((candidate) => candidate.name === entry?.column);
      return entry && column && admitted(column, entry) ? column : null;
    };
    const population = columnOf('population');
    if (!population) continue;
    const geo = columnOf('geo');
    const value = numberSql(population, file.decimalSeparator ?? '.');
    const table = await conn.query(
      `SELECT ${geo ? textSql(geo) : 'NULL'} AS geo, avg(${value})::DOUBLE AS population FROM ${file.rawTable ?? file.table} GROUP BY ALL`,
    );
    const byGeo = new Map<string | null, number>();
    for (const row of Array.from(table.toArray()))
      byGeo.set(toText(row.geo), toNumber(row.population) ?? Number.NaN);
    const out = new Float64Array(frame.rows);
    if (frame.geos && frame.geoIndex && geo) {
      frame.geoIndex.forEach((index, row) => {
        out[row] = byGeo.get(frame.geos?.[index] ?? null) ?? Number.NaN;
      });
    } else {
      let total = 0;
      for (const [label, mean] of byGeo) if (label !== null || !geo) total += mean;
      out.fill(total);
    }
    return out;
  }
  return null;
}
