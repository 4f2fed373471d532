/**
 * Weekly flighting from a CSV of planned spend, read with DuckDB (the connection is passed in: the
 * CLI's and the app's engines both provide one). The shape of Meridian's
 * `hypothetical_geo_all_channels.csv` is accepted: a date column (`time`, `date`, `week` or
 * `week_start`), optionally a `geo` column (geos are summed per date), and one spend column per
 * channel, named as the channel or `<channel>_spend` (other columns are ignored). The first H
 * dates in order give each channel's weekly shape (flighting.ts); the totals stay the scenario's.
 */
import { quoteIdentifier, quoteLiteral, toNumber, toText } from '../data/sql';
import type { SqlConnection } from '../data/types';
import { PlanningInputError } from './flighting';
import type { Flighting } from './scenarioSchema';

const DATE_COLUMNS = ['time', 'date', 'week', 'week_start'];

export async function readFlightingCsv(options: {
  readonly connection: SqlConnection;
  /** Shown in messages and kept in the scenario (never a path). */
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly channelNames: readonly string[];
  readonly horizonWeeks: number;
}): Promise<Extract<Flighting, { kind: 'weekly' }>> {
  const { connection, fileName, channelNames, horizonWeeks } = options;
  const where = `flighting file '${fileName}'`;
  const registered = `flighting_${Date.now()}_${Math.random().toString(36).slice(2)}.csv`;
  await connection.registerFile(registered, options.bytes);
  try {
    const source = `read_csv(${quoteLiteral(registered)}, header = true)`;
    let columns: string[];
    try {
      columns = (await connection.query(`SELECT * FROM ${source} LIMIT 0`)).schema.fields.map(
        (f) => f.name,
      );
    } catch (error) {
      throw new PlanningInputError(
        `${where}: not a readable CSV (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      );
    }
    const byLower = new Map(columns.map((name) => [name.toLowerCase(), name]));
    const dateColumn = DATE_COLUMNS.map((name) => byLower.get(name)).find(
      (name) => name !== undefined,
    );
    if (!dateColumn)
      throw new PlanningInputError(`${where}: no date column (one of ${DATE_COLUMNS.join(', ')})`);
    const spendColumns = channelNames.map((channel) => {
      const lower = channel.toLowerCase();
      const column = byLower.get(lower) ?? byLower.get(`${lower}_spend`);
      if (!column)
        throw new PlanningInputError(
          `${where}: no spend column for channel '${channel}' (expected '${channel}' or '${channel}_spend')`,
        );
      return column;
    });
    const sums = spendColumns.map(
      (column, c) => `SUM(TRY_CAST(${quoteIdentifier(column)} AS DOUBLE)) AS s${c}`,
    );
    const date = `TRY_CAST(${quoteIdentifier(dateColumn)} AS DATE)`;
    const table = await connection.query(
      `SELECT CAST(${date} AS VARCHAR) AS week, COUNT(*) FILTER (WHERE ${date} IS NULL) AS bad, ${sums.join(', ')}
       FROM ${source} GROUP BY ${date} ORDER BY ${date} NULLS FIRST`,
    );
    const rows = Array.from(table.toArray());
    if (rows.length > 0 && toText(rows[0].week) === null)
      throw new PlanningInputError(
        `${where}: column '${dateColumn}' holds values that are not dates`,
      );
    if (rows.length < horizonWeeks)
      throw new PlanningInputError(
        `${where}: ${rows.length} weeks of spend, the horizon needs ${horizonWeeks}`,
      );
    const used = rows.slice(0, horizonWeeks);
    const spend: Record<string, number[]> = {};
    channelNames.forEach((channel, c) => {
      spend[channel] = used.map((row, k) => {
        const value = toNumber(row[`s${c}`]) ?? 0;
        if (!(Number.isFinite(value) && value >= 0))
          throw new PlanningInputError(
            `${where}: column '${spendColumns[c]}' on ${toText(used[k].week)} is not a spend of zero or more`,
          );
        return value;
      });
    });
    return {
      kind: 'weekly',
      source: fileName,
      weeks: used.map((row) => toText(row.week) ?? ''),
      spend,
    };
  } finally {
    await connection.dropFile(registered);
  }
}
