/**
 * The data store's logic against the real data layer on duckdb-wasm's Node bindings (the CLI's
 * adapter), with small exports whose weekly totals are computed by hand.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, defineStore, setActivePinia } from 'pinia';
import { openNodeConnection } from '../../cli/duckdbNode';
import type { ClosableSqlConnection } from '../../cli/duckdbNode';
import { parquetToIpcNode } from '../../cli/parquetNode';
import type { InputFile, Mapping, SqlConnection } from '../../models/data';
import type { DataServices } from '../data/services';
import { findColumn, setColumnRole } from '../logic/mappingEdits';
import type { KeyValueStorage } from '../platform/recentFiles';
import { dataStoreSetup } from './data';

const encoder = new TextEncoder();
const file = (name: string, text: string): InputFile => ({ name, bytes: encoder.encode(text) });

/** Two weeks of daily wide data (Mon 2024-01-01 … Sun 2024-01-14). */
function wideDaily(): InputFile {
  const lines = ['date,tv_spend,search_spend,revenue'];
  for (let day = 0; day < 14; day += 1) {
    const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
    lines.push(`${date},${10 + day},${day % 2 === 0 ? 5 : 0},${100 + 10 * day}`);
  }
  return file('wide_daily.csv', `${lines.join('\n')}\n`);
}
// Hand-computed weekly sums (Monday weeks): tv Σ(10..16)=91, Σ(17..23)=140; search 4·5=20, 3·5=15;
// revenue Σ(100..160 step 10)=910, Σ(170..230 step 10)=1400.
const WEEKS = ['2024-01-01', '2024-01-08'];

let connection: ClosableSqlConnection;
let counter = 0;

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

function makeStore(
  storage: KeyValueStorage | null = null,
  sample: InputFile[] = [],
  conn: SqlConnection = connection,
) {
  const services: DataServices = {
    connection: async () => conn,
    parquetToIpc: parquetToIpcNode,
    fetchSample: async () => sample,
    storage,
  };
  counter += 1;
  return defineStore(`data-test-${counter}`, () => dataStoreSetup(services))();
}

beforeAll(async () => {
  connection = await openNodeConnection();
});
afterAll(async () => {
  await connection?.close();
});
beforeEach(() => {
  setActivePinia(createPinia());
});

describe('data store', () => {
  it('imports, detects the mapping, validates, builds the weekly frame, and survives a failing file', async () => {
    const store = makeStore();
    await store.importFiles([wideDaily()]);
    expect(store.errors).toEqual([]);
    expect(store.files.map((entry) => [entry.name, entry.format, entry.rows])).toEqual([
      ['wide_daily.csv', 'csv', 14],
    ]);
    const mapping = store.mapping as Mapping;
    expect(findColumn(mapping, 'wide_daily.csv', 'date')?.role).toBe('date');
    expect(findColumn(mapping, 'wide_daily.csv', 'revenue')?.role).toBe('kpi');
    expect(findColumn(mapping, 'wide_daily.csv', 'tv_spend')?.role).toBe('spend');
    expect(store.validation?.usable).toBe(true);
    const frame = store.frame;
    expect(frame?.weeks).toEqual(WEEKS);
    expect(Array.from(frame?.kpi ?? [])).toEqual([910, 1400]);
    const tv = frame?.channels.findIndex((channel) => channel.includes('tv')) ?? -1;
    const search = frame?.channels.findIndex((channel) => channel.includes('search')) ?? -1;
    expect(Array.from(frame?.spend[tv] ?? [])).toEqual([91, 140]);
    expect(Array.from(frame?.spend[search] ?? [])).toEqual([20, 15]);
    expect(store.busy).toBe(false);

    // A later file that fails is reported by name; nothing loaded is lost.
    await store.importFiles([
      { name: 'garbage.csv', bytes: Uint8Array.from([0, 255, 254, 0, 1, 2, 0, 0]) },
    ]);
    expect(store.files.map((entry) => entry.name)).toEqual(['wide_daily.csv']);
    expect(store.errors).toHaveLength(1);
    expect(store.errors[0].file).toBe('garbage.csv');
    expect(store.errors[0].message).toMatch(/^garbage\.csv: /);
    expect(store.frame?.weeks).toEqual(WEEKS);
    store.dismissError(store.errors[0].id);
    expect(store.errors).toEqual([]);

    // mapping.json: exported as the mapping itself; a bad one is refused by name and changes nothing.
    const exported = JSON.parse(store.mappingJson()) as Mapping;
    expect(exported).toEqual(store.mapping);
    await store.applyMappingFile('mapping.json', '{"version": 2}');
    expect(store.errors.at(-1)?.message).toMatch(/^mapping\.json: not a mapping/);
    await store.applyMappingFile('other.json', '{oops');
    expect(store.errors.at(-1)?.message).toMatch(/^other\.json: the file is not valid JSON/);
    expect(store.mapping).toEqual(exported);
  });

  it('reports bad rows by file, row and column', async () => {
    const store = makeStore();
    await store.importFiles([
      file(
        'broken.csv',
        'date,channel,spend\n2024-01-01,tv,100\n2024-01-02,tv,abc\n2024-13-45,tv,50\n2024-01-04,tv,-20\n',
      ),
    ]);
    const problems = store.validation?.problems ?? [];
    const codesAt = (row: number, column: string) =>
      problems
        .filter(
          (problem) =>
            problem.file === 'broken.csv' && problem.row === row && problem.column === column,
        )
        .map((problem) => problem.code);
    expect(codesAt(2, 'spend')).toContain('non-numeric');
    expect(codesAt(3, 'date')).toContain('unparseable-date');
    expect(codesAt(4, 'spend')).toContain('negative-spend');
    expect(store.validation?.usable).toBe(false);
  });

  it('applies mapping edits to the frame and restores them from storage in a new session', async () => {
    const storage = memoryStorage();
    const store = makeStore(storage);
    await store.importFiles([wideDaily()]);
    const edited = setColumnRole(
      store.mapping as Mapping,
      'wide_daily.csv',
      'search_spend',
      'ignore',
      'wide',
    );
    await store.updateMapping({ ...edited, weekStart: 'sunday' });
    expect(store.frame?.channels.some((channel) => channel.includes('search'))).toBe(false);
    // Sunday weeks: 2023-12-31 holds Mon 1 … Sat 6 (revenue 100..150 = 750).
    expect(store.frame?.weeks[0]).toBe('2023-12-31');
    expect(store.frame?.kpi[0]).toBe(750);

    const later = makeStore(storage);
    await later.importFiles([wideDaily()]);
    expect(findColumn(later.mapping as Mapping, 'wide_daily.csv', 'search_spend')?.role).toBe(
      'ignore',
    );
    expect(later.mapping?.weekStart).toBe('sunday');
  });

  it('loads the sample through its service, re-imports a CSV with overridden options, removes files', async () => {
    const semicolon = file(
      'semicolon.csv',
      'date;tv_spend;revenue\n2024-01-01;1,5;10,25\n2024-01-02;2,5;20,5\n',
    );
    const store = makeStore(null, [semicolon]);
    await store.loadSample();
    expect(store.fileNames).toEqual(['semicolon.csv']);
    await store.reimport('semicolon.csv', { delimiter: ';', decimalSeparator: ',' });
    const imported = store.files.find((entry) => entry.name === 'semicolon.csv');
    expect(imported?.columns.map((column) => column.name)).toEqual(['date', 'tv_spend', 'revenue']);
    expect(imported?.csv?.delimiter).toBe(';');
    expect(imported?.columns.find((column) => column.name === 'tv_spend')?.max).toBe(2.5);
    expect(Array.from(store.frame?.kpi ?? [])).toEqual([30.75]);

    await store.removeFile('semicolon.csv');
    expect(store.files).toEqual([]);
    expect(store.frame).toBeNull();
    expect(store.validation).toBeNull();
  });

  it('cancels an import: the running statement is interrupted, earlier files stay, later ones are not imported', async () => {
    // A connection whose load of big.csv waits until interrupted, as the app's worker engine does.
    let interrupts = 0;
    let release: ((error: Error) => void) | null = null;
    let loading: () => void = () => undefined;
    const loadStarted = new Promise<void>((resolve) => (loading = resolve));
    const interruptible: SqlConnection = {
      ...connection,
      query(sql: string) {
        if (/^CREATE OR REPLACE TABLE file_big_csv__staged AS/.test(sql)) {
          loading();
          return new Promise((_, reject) => (release = reject));
        }
        return connection.query(sql);
      },
      async interrupt() {
        interrupts += 1;
        release?.(new Error('INTERRUPT Error: Interrupted!'));
      },
    };
    const store = makeStore(null, [], interruptible);
    await store.importFiles([wideDaily()]);
    expect(store.cancellable).toBe(false);
    store.cancelImport(); // nothing running: nothing to stop
    expect(interrupts).toBe(0);
    const big = file('big.csv', 'date,tv_spend\n2024-01-01,1\n');
    const running = store.importFiles([big, file('after.csv', 'date,x\n2024-01-01,1\n')]);
    await loadStarted;
    expect(store.cancellable).toBe(true);
    store.cancelImport();
    await running;
    expect(interrupts).toBe(1);
    expect(store.cancellable).toBe(false);
    expect(store.fileNames).toEqual(['wide_daily.csv']);
    expect(store.errors.map((error) => error.message)).toEqual([
      'big.csv: import cancelled (1 more not imported); files loaded before stay loaded',
    ]);
    expect(store.frame?.weeks).toEqual(WEEKS);
  });
});
