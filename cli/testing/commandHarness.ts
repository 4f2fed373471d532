/**
 * Running CLI commands inside vitest: captured stdout/stderr, and one duckdb-wasm connection for a
 * whole test file (each open costs seconds) that the commands may not close.
 */
import { afterAll, beforeAll } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../duckdbNode';

export interface Captured {
  write(text: string): boolean;
  text(): string;
}

export function capture(): Captured {
  let buffer = '';
  return {
    write(text: string) {
      buffer += text;
      return true;
    },
    text: () => buffer,
  };
}

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
