/**
 * bench:import's peer: the data layer over native DuckDB (@duckdb/node-api), the same SQL as the
 * wasm engines. A file is read from disk where it is; Parquet through read_parquet.
 */
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DiskFile } from '../cli/readBytes';
import type { ArrowTableLike, FileSource, ParquetToIpc, SqlConnection } from '../models/data/index';

export type NativeConnection = SqlConnection & { parquetToIpc: ParquetToIpc };

/** Plain-object stand-in for an Arrow table over a node-api result (what the data layer reads). */
function tableFromColumns(names: string[], columns: unknown[][]): ArrowTableLike {
  const numRows = columns[0]?.length ?? 0;
  const rows = () =>
    Array.from({ length: numRows }, (_, row) =>
      Object.fromEntries(names.map((name, index) => [name, columns[index][row]])),
    );
  return {
    numRows,
    schema: { fields: names.map((name) => ({ name, type: null })) },
    getChild(name: string) {
      const index = names.indexOf(name);
      if (index < 0) return null;
      const values = columns[index];
      return { toArray: () => values, get: (row: number) => values[row] };
    },
    toArray: rows,
  };
}

/**
 * Native SqlConnection: a file is read from disk where it is (its source's path symlinked under the
 * name the data layer registers; Parquet through read_parquet); everything else is the same SQL.
 */
export async function openNativeConnection(workDirectory: string): Promise<NativeConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`SET file_search_path = '${workDirectory}'`);
  let parquetPath: string | null = null;
  const opened = Date.now();
  // `MMM_TRACE_SQL=1`: each statement, its duration and when it ended (as cli/duckdbNode.ts logs wasm's).
  const trace = (sql: string, started: number) => {
    if (process.env.MMM_TRACE_SQL === '1')
      process.stderr.write(
        `[native sql ${Date.now() - started} ms @${Date.now() - opened}] ${sql.replace(/\s+/g, ' ').slice(0, 300)}\n`,
      );
  };
  return {
    async query(sql: string) {
      const started = Date.now();
      const reader = await connection.runAndReadAll(sql);
      const table = tableFromColumns(reader.columnNames(), reader.getColumnsJS());
      trace(sql, started);
      return table;
    },
    async registerFile(name: string, bytes: Uint8Array) {
      // Pieces of a file (the CSV head) are written as given.
      writeFileSync(join(workDirectory, name), bytes);
    },
    async registerSource(name: string, source: FileSource) {
      if (!(source.handle instanceof DiskFile)) return false;
      symlinkSync(source.handle.path, join(workDirectory, name));
      return true;
    },
    async insertArrowIpc(tableName: string) {
      if (parquetPath === null) throw new Error(`bench: no Parquet file for ${tableName}`);
      const started = Date.now();
      const sql = `CREATE TABLE ${tableName} AS SELECT * FROM read_parquet('${parquetPath}')`;
      await connection.run(sql);
      trace(sql, started);
    },
    async dropFile(name: string) {
      rmSync(join(workDirectory, name), { force: true });
    },
    // Native reads Parquet itself: the "decoder" only notes which file insertArrowIpc reads.
    parquetToIpc: async (input) => {
      if (input instanceof Uint8Array || !(input.handle instanceof DiskFile))
        throw new Error('bench: native reads Parquet from disk');
      parquetPath = input.handle.path;
      return new Uint8Array();
    },
  };
}
