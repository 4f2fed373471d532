import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baselineOnlyBelowBytes,
  heapForInput,
  openNodeConnection,
  sizeOfInputs,
  wasmTierFlag,
  type ClosableSqlConnection,
} from './duckdbNode';
import { DiskFile, readBytes } from './readBytes';

let conn: ClosableSqlConnection;
beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

describe('openNodeConnection (duckdb-wasm, blocking Node bindings)', () => {
  it('never loads or installs extensions, so nothing reaches the network', async () => {
    const row = (
      await conn.query(
        "SELECT current_setting('autoload_known_extensions') AS autoload, current_setting('autoinstall_known_extensions') AS autoinstall",
      )
    ).toArray()[0];
    expect([row.autoload, row.autoinstall]).toEqual([false, false]);
    // read_parquet lives in an extension: it must fail at once instead of fetching it.
    await expect(conn.query("SELECT * FROM read_parquet('x.parquet')")).rejects.toThrow();
  });

  it('returns Arrow columns a single apache-arrow copy can read', async () => {
    const table = await conn.query(
      'SELECT i::DOUBLE AS x, sum(i) OVER () AS big, sum(i) OVER ()::DOUBLE AS cast FROM range(4) t(i) ORDER BY i',
    );
    expect(table.numRows).toBe(4);
    expect(Array.from(table.getChild('x')?.toArray() ?? [])).toEqual([0, 1, 2, 3]);
    // sum over BIGINT is a 128-bit decimal; the data layer casts to DOUBLE for plain numbers.
    expect(table.getChild('cast')?.toArray()).toBeInstanceOf(Float64Array);
    expect(table.getChild('big')?.toArray()).not.toBeInstanceOf(Float64Array);
  });

  it('registers, reads and drops in-memory files, and inserts Arrow IPC', async () => {
    await conn.registerFile('numbers.csv', new TextEncoder().encode('a,b\n1,2\n3,4\n'));
    const sum = (
      await conn.query("SELECT sum(a + b)::DOUBLE AS s FROM read_csv('numbers.csv')")
    ).toArray()[0];
    expect(sum.s).toBe(10);
    await conn.dropFile('numbers.csv');
    await expect(conn.query("SELECT * FROM read_csv('numbers.csv')")).rejects.toThrow();
    // The same apache-arrow copy duckdb-wasm loads (through require) writes the IPC stream.
    const arrow = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');
    const ipc = arrow.tableToIPC(
      arrow.tableFromArrays({ spend: Float64Array.of(1.5, 2.5), label: ['a', 'b'] }),
      'stream',
    );
    await conn.insertArrowIpc('from_ipc', ipc);
    const row = (
      await conn.query("SELECT sum(spend)::DOUBLE AS s, string_agg(label, '') AS l FROM from_ipc")
    ).toArray()[0];
    expect([row.s, row.l]).toEqual([4, 'ab']);
  });

  it('reads a file on disk in place (a DiskFile source) and leaves it as it was', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'mmm-node-fs-'));
    try {
      const path = join(directory, 'numbers.csv');
      writeFileSync(path, 'a,b\n1,2\n3,4\n');
      chmodSync(path, 0o644);
      const before = statSync(path);
      const source = { size: before.size, handle: new DiskFile(path), read: () => readBytes(path) };
      expect(await conn.registerSource?.('on_disk.csv', source)).toBe(true);
      const sum = (
        await conn.query("SELECT sum(a + b)::DOUBLE AS s FROM read_csv('on_disk.csv')")
      ).toArray()[0];
      expect(sum.s).toBe(10);
      await conn.dropFile('on_disk.csv');
      await expect(conn.query("SELECT * FROM read_csv('on_disk.csv')")).rejects.toThrow();
      const after = statSync(path);
      expect([after.size, after.mtimeMs, after.mode]).toEqual([
        before.size,
        before.mtimeMs,
        before.mode,
      ]);
      expect(readFileSync(path, 'utf8')).toBe('a,b\n1,2\n3,4\n');
      // Anything but a DiskFile is not this connection's to read: the data layer then gives bytes.
      expect(await conn.registerSource?.('other.csv', { ...source, handle: path })).toBe(false);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  // duckdb-wasm opens NODE_FS files read-write; root may write any file, so this runs as a user only.
  it.skipIf(process.getuid?.() === 0)(
    'declines a file it may not write (duckdb-wasm would open it read-write)',
    async () => {
      const directory = mkdtempSync(join(tmpdir(), 'mmm-node-fs-'));
      try {
        const path = join(directory, 'locked.csv');
        writeFileSync(path, 'a\n1\n');
        chmodSync(path, 0o444);
        const source = { size: 4, handle: new DiskFile(path), read: () => readBytes(path) };
        expect(await conn.registerSource?.('locked.csv', source)).toBe(false);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  );

  it('traces every statement and every Arrow insert with its duration', async () => {
    const traced: { sql: string; milliseconds: number }[] = [];
    const traceable = await openNodeConnection({
      reserveBytes: 0,
      trace: (sql, milliseconds) => traced.push({ sql, milliseconds }),
    });
    try {
      const opened = traced.length; // prepareEngine's statements at open
      expect(traced.slice(0, opened).map((entry) => entry.sql)).toContain(
        "SET checkpoint_threshold = '64GB'",
      );
      const arrow = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');
      const ipc = arrow.tableToIPC(arrow.tableFromArrays({ x: Float64Array.of(1, 2) }), 'stream');
      await traceable.insertArrowIpc('t', ipc);
      await traceable.insertArrowIpc('t', ipc, { append: true });
      await traceable.query('SELECT count(*) FROM t');
      expect(traced.slice(opened).map((entry) => entry.sql)).toEqual([
        `INSERT ${ipc.byteLength} bytes of Arrow IPC INTO t`,
        `INSERT ${ipc.byteLength} bytes of Arrow IPC INTO t (append)`,
        'SELECT count(*) FROM t',
      ]);
      expect(traced.every((entry) => entry.milliseconds >= 0)).toBe(true);
    } finally {
      await traceable.close();
    }
  });

  it('grows the heap for the input as it arrives: none for small files, 3× the input up to 128 MiB', async () => {
    const MiB = 1024 ** 2;
    expect(heapForInput(200)).toBe(0);
    expect(heapForInput(5 * MiB)).toBe(0); // 15 MiB: below a reserve worth a statement
    expect(heapForInput(6 * MiB)).toBe(18 * MiB);
    expect(heapForInput(400 * MiB)).toBe(128 * MiB);

    const statements: string[] = [];
    const sized = await openNodeConnection({ trace: (sql) => statements.push(sql) });
    try {
      const reserves = () => statements.filter((sql) => sql.includes('mmm_reserve AS'));
      expect(reserves()).toEqual([]); // nothing up front
      await sized.registerFile('small.csv', new Uint8Array(1000));
      expect(reserves()).toEqual([]);
      await sized.registerFile('large.csv', new Uint8Array(6 * MiB));
      // 3 × (6 MiB + 1000 bytes) in 256 KiB blocks, once.
      expect(reserves()).toHaveLength(1);
      expect(reserves()[0]).toMatch(/FROM range\(73\)$/);
      await sized.registerFile('more.csv', new Uint8Array(2 * MiB));
      expect(reserves()).toHaveLength(1); // grown again only when the need has doubled
      const reserveTables = (
        await sized.query(
          "SELECT count(*)::DOUBLE AS n FROM duckdb_tables() WHERE table_name = 'mmm_reserve'",
        )
      ).toArray()[0].n;
      expect(reserveTables).toBe(0);
    } finally {
      await sized.close();
    }
  });
});

describe('start-up choices', () => {
  it('compiles the wasm with Liftoff only for inputs under 16 MiB, and leaves V8 alone when unknown', () => {
    expect(wasmTierFlag(undefined)).toBeNull();
    expect(wasmTierFlag(0)).toBe('--liftoff-only');
    expect(wasmTierFlag(baselineOnlyBelowBytes - 1)).toBe('--liftoff-only');
    // A large import keeps TurboFan's tier-up, and undoes an earlier small input's choice.
    expect(wasmTierFlag(baselineOnlyBelowBytes)).toBe('--no-liftoff-only');
  });

  it('sizes inputs by the whole file on disk, not the head that was read', () => {
    const head = { name: 'a.csv', bytes: new Uint8Array(10) };
    const source = { size: 5000, handle: null, read: async () => new Uint8Array(5000) };
    expect(sizeOfInputs([head, { ...head, source }])).toBe(10 + 5000);
    expect(sizeOfInputs([])).toBe(0);
  });

  it('opens a working database through the patched glue with the Liftoff-only choice', async () => {
    const small = await openNodeConnection({ inputBytes: 100 });
    try {
      await small.registerFile('t.csv', new TextEncoder().encode('a,b\n1,x\n2,y\n'));
      const rows = (
        await small.query(
          "SELECT sum(a)::DOUBLE AS s, string_agg(b, '') AS b, regexp_full_match('2024-01-01', '[0-9-]+') AS m FROM read_csv('t.csv')",
        )
      ).toArray();
      expect([rows[0].s, rows[0].b, rows[0].m]).toEqual([3, 'xy', true]);
    } finally {
      await small.close();
    }
  });
});
