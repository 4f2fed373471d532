/**
 * Reads the lift-test CSV of `mmm fit --lift-tests` with DuckDB (models/experiments/liftTestsCsv.ts,
 * the same reader as the app's Model task): quoted fields, a BOM and other delimiters work; every
 * mistake names the file, the row and the column.
 */
import { basename } from 'node:path';
import type { SqlConnection } from '../../models/data/types';
import { readLiftTestsCsv } from '../../models/experiments/liftTestsCsv';
import type { LiftTest } from '../../models/mmm';
import { readBytes } from '../readBytes';

export async function readLiftTests(
  conn: SqlConnection,
  path: string,
  channels: readonly string[],
): Promise<LiftTest[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot read the lift tests ${path}: ${code === 'ENOENT' ? 'no such file' : String(error)}`,
    );
  }
  return readLiftTestsCsv(conn, { name: basename(path), bytes }, channels);
}
