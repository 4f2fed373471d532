/**
 * Prepares a freshly opened duckdb-wasm database for imports (the app's worker and the Node adapter
 * both call it once, right after opening; native DuckDB does not need it).
 *
 * 1. `checkpoint_threshold`: an in-memory DuckDB 1.4 still checkpoints (rewrites and compresses its
 *    tables) each time 16 MiB of changes have been committed. duckdb-wasm does that on its one
 *    thread: 0.2–0.3 s of CPU twice per 1M-row Parquet import (measured), for no durability gain in
 *    a database that lives only as long as the session. The cost is memory: tables stay in their
 *    uncompressed in-memory form.
 * 2. Heap reservation: wasm memory grows in ~20 % steps and V8 counts each step as external memory,
 *    so a 1M-row import grew it 5–6 times and each time V8 started a full marking of duckdb-wasm's
 *    ~67 MB JavaScript heap (≈ 0.2 s of background CPU per marking, on a 2-core machine taken from
 *    the import); new pages also fault in one by one. Allocating `reserveBytes` once here (a temporary
 *    table of large strings, then dropped) grows and touches the heap in one step; wasm memory never
 *    shrinks, so DuckDB's later allocations reuse it. The memory stays with the process.
 */
import type { SqlConnection } from './types';

/** Checkpoint only past this much committed change (an import database never reaches it). */
export const checkpointThreshold = '64GB';

/** Heap grown at start: enough for a 1M-row export and its model frame (heap ≈ 150 MB after). */
export const defaultReserveBytes = 128 * 1024 ** 2;

/** Bytes per reserved string: DuckDB's block size (256 KiB), so freed blocks fit later blocks. */
const chunkBytes = 256 * 1024;

export interface PrepareEngineOptions {
  /** Heap to grow and touch once (0: none). */
  readonly reserveBytes?: number;
}

export async function prepareEngine(
  conn: SqlConnection,
  options: PrepareEngineOptions = {},
): Promise<void> {
  await conn.query(`SET checkpoint_threshold = '${checkpointThreshold}'`);
  await reserveHeap(conn, options.reserveBytes ?? defaultReserveBytes);
}

/** Grows and touches the heap by `bytes` in one step (point 2 above); later growth reuses it. */
export async function reserveHeap(conn: SqlConnection, bytes: number): Promise<void> {
  const chunks = Math.ceil(Math.max(0, bytes) / chunkBytes);
  if (chunks === 0) return;
  // A few bytes under the block size: the string's header then fits in the same allocation.
  await conn.query(
    `CREATE OR REPLACE TEMP TABLE mmm_reserve AS SELECT repeat('x', ${chunkBytes - 64}) AS filler FROM range(${chunks})`,
  );
  await conn.query('DROP TABLE mmm_reserve');
}
