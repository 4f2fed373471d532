/**
 * Running CLI commands inside vitest: captured stdout/stderr, and one duckdb-wasm connection for a
 * whole test file (each open costs seconds) that the commands may not close.
 */
import { afterAll, beforeAll } from 'vitest';
import { collectOutput } from '../collectOutput';
import { openNodeConnection, type ClosableSqlConnection } from '../duckdbNode';

export type Captured = ReturnType<typeof collectOutput>;

/** Captured output (the stream mmm batch's jobs write to). */
export const capture = collectOutput;

/** Registers the file's shared connection; the returned function opens a borrowed handle to it. */
export function useSharedConnection(): () => Promise<ClosableSqlConnection> {
  let shared: ClosableSqlConnection;
  beforeAll(async () => {
    shared = await openNodeConnection();
  });
  afterAll(async () => {
    await shared.close();
  });
  return async () => ({ ...shared, close: async () => undefined });
}
