/**
 * The hostile-input corpus (security/hostile-data/corpus.ts) through the app's data store (the
 * Data task's own code, on duckdb-wasm's Node bindings) and through the `mmm inspect` CLI as the
 * README runs it. Every file gets its outcome: refused with one line naming it, or imported with
 * validation naming the file, row and column of the problem, or imported as plain text. Never a
 * stack trace, never an error of another type, and each file within FILE_TIME_LIMIT_MS.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { createPinia, defineStore, setActivePinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { openNodeConnection, type ClosableSqlConnection } from '../cli/duckdbNode';
import { parquetToIpcNode } from '../cli/parquetNode';
import type { ValidationProblem } from '../models/data';
import { dataStoreSetup } from '../renderer/stores/data';
import { COMMITTED_FILES, HOSTILE_FILES, type HostileFile } from './hostile-data/corpus';

/** The stated limit: a hostile file is refused or imported within 20 s (2 shared cores). */
const FILE_TIME_LIMIT_MS = 20_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

/** Files whose prerequisite is missing (see HostileFile.needs) are listed as skipped, not run. */
const runnable = HOSTILE_FILES.filter(
  (file) => !file.needs || existsSync(path.join(root, file.needs)),
);
const waiting = HOSTILE_FILES.filter((file) => !runnable.includes(file));

/** One line, the file named first, no stack frame, short enough to read. */
function expectOneClearLine(message: string, file: string): void {
  expect(message.startsWith(`${file}: `), message).toBe(true);
  expect(message).not.toMatch(/\n|\s+at .+:\d+:\d+|Error:\s*$/);
  expect(message.length).toBeLessThan(file.length + 400);
}

let connection: ClosableSqlConnection;
let folder: string;
let storeCount = 0;
const timings: string[] = [];

beforeAll(async () => {
  connection = await openNodeConnection();
  folder = await mkdtemp(path.join(tmpdir(), 'workbench-hostile-'));
});

afterAll(async () => {
  await connection?.close();
  await rm(folder, { recursive: true, force: true });
  console.log(`hostile corpus, app data store (ms per file):\n${timings.join('\n')}`);
});

beforeEach(() => setActivePinia(createPinia()));

function dataStore() {
  storeCount += 1;
  return defineStore(`hostile-${storeCount}`, () =>
    dataStoreSetup({
      connection: async () => connection,
      parquetToIpc: parquetToIpcNode,
      fetchSample: async () => [],
      storage: null,
    }),
  )();
}

describe('the hostile corpus', () => {
  it('holds at least 50 bad files of every kind the issue names', () => {
    expect(HOSTILE_FILES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(HOSTILE_FILES.map((file) => file.name)).size).toBe(HOSTILE_FILES.length);
    const damage = HOSTILE_FILES.map((file) => `${file.name} ${file.damage}`).join('\n');
    for (const kind of [
      /truncat|cut/,
      /UTF-16/,
      /binary|random bytes/,
      /NUL/,
      /8 MiB line/,
      /10,000 columns/,
      /two columns named/,
      /without a name/,
      /text in a spend/,
      /out of range/,
      /formula/,
      /HTML/,
      /struct/,
      /list column/,
      /no rows/,
      /named \.csv|named \.parquet/,
    ])
      expect(damage, String(kind)).toMatch(kind);
  });

  it('is committed in security/hostile-data/files/ as it is generated (npm run corpus)', () => {
    const folder = path.join(root, 'security', 'hostile-data', 'files');
    expect(readdirSync(folder).sort()).toEqual(COMMITTED_FILES.map((file) => file.name).sort());
    for (const file of COMMITTED_FILES)
      expect(
        Buffer.compare(readFileSync(path.join(folder, file.name)), Buffer.from(file.bytes())),
        file.name,
      ).toBe(0);
    expect(COMMITTED_FILES.length).toBeGreaterThanOrEqual(50);
  });

  it.skipIf(waiting.length === 0)(
    `waits for the data layer's column limit before running ${waiting.map((file) => file.name).join(', ')} (they would take minutes)`,
    () => {
      expect(waiting.every((file) => file.needs === 'models/data/fileLimits.ts')).toBe(true);
    },
  );
});

describe.each(runnable.map((file) => [file.name, file] as const))(
  'the app data store: %s',
  (_name: string, hostile: HostileFile) => {
    it(`${hostile.damage}: ${describeOutcome(hostile)}`, async () => {
      const store = dataStore();
      const started = performance.now();
      await store.importFiles([{ name: hostile.name, bytes: hostile.bytes() }]);
      const elapsed = performance.now() - started;
      timings.push(`${hostile.name}\t${elapsed.toFixed(0)}`);
      expect(elapsed).toBeLessThan(FILE_TIME_LIMIT_MS);
      const { outcome } = hostile;
      if (outcome.kind === 'refused') {
        expect(store.files).toEqual([]);
        expect(store.errors).toHaveLength(1);
        expect(store.errors[0].file).toBe(hostile.name);
        expectOneClearLine(store.errors[0].message, hostile.name);
        expect(store.errors[0].message).toMatch(outcome.reason);
        return;
      }
      expect(store.errors).toEqual([]);
      expect(store.files.map((file) => file.name)).toEqual([hostile.name]);
      const problems = store.validation?.problems ?? [];
      for (const problem of problems) {
        // The mapping's own problems ("no KPI column") name the mapping, not a file.
        expect([hostile.name, '(mapping)']).toContain(problem.file);
        expect(problem.message).not.toMatch(/\n|\s+at .+:\d+:\d+/);
      }
      if (outcome.kind === 'imported') {
        expect(store.files[0].columns.map((column) => column.name)).toEqual(outcome.columns);
        return;
      }
      expect(problems).toContainEqual(expect.objectContaining(expectedProblem(outcome)));
    });
  },
);

describe('mmm inspect (node cli/bin/mmm.mjs, as the README runs it)', () => {
  // One run per outcome group: the CLI's start (DuckDB's wasm) costs seconds, and import refusals
  // and validation problems are reported per file. --json: every problem, info ones included.
  for (const kind of ['refused', 'problems'] as const) {
    const group = runnable.filter((file) => file.outcome.kind === kind);
    it(`names each of the ${group.length} ${kind} files, with no stack trace`, async () => {
      const sub = path.join(folder, kind);
      await mkdir(sub, { recursive: true });
      const paths = group.map((hostile) => path.join(sub, hostile.name));
      for (const [index, hostile] of group.entries())
        await writeFile(paths[index], hostile.bytes());
      const started = performance.now();
      const answer = await run(
        process.execPath,
        [path.join(root, 'cli', 'bin', 'mmm.mjs'), 'inspect', '--json', ...paths],
        { cwd: root, maxBuffer: 64 * 1024 ** 2, timeout: 600_000 },
      ).catch((failure: { stdout: string; stderr: string; code: number }) => failure);
      expect(performance.now() - started).toBeLessThan(FILE_TIME_LIMIT_MS * group.length);
      // Exit 1 lists the errors on stderr too, one `file:row:column: message` line each.
      expect(answer.stderr).not.toMatch(/\s+at .+:\d+:\d+/);
      for (const line of answer.stderr.trim().split('\n')) expect(line).toMatch(/^[^:]+\S*: \S/);
      const { validation } = JSON.parse(answer.stdout) as {
        validation: { usable: boolean; problems: ValidationProblem[] };
      };
      expect(validation.usable).toBe(false);
      for (const problem of validation.problems)
        expect(problem.message).not.toMatch(/\n|\s+at .+:\d+:\d+/);
      for (const hostile of group) {
        const { outcome } = hostile;
        const own = validation.problems.filter((problem) => problem.file === hostile.name);
        if (outcome.kind === 'refused') {
          const refusal = own.find((problem) => problem.code === 'parse-error');
          expect(refusal, hostile.name).toBeDefined();
          expectOneClearLine(`${hostile.name}: ${refusal?.message}`, hostile.name);
          expect(refusal?.message).toMatch(outcome.reason);
        } else if (outcome.kind === 'problems') {
          expect(own, hostile.name).toContainEqual(
            expect.objectContaining(expectedProblem(outcome)),
          );
        }
      }
    }, 900_000);
  }
});

/** The fields a `problems` outcome names (row and column only where it gives them). */
function expectedProblem(outcome: { code: string; row?: number; column?: string }) {
  return {
    code: outcome.code,
    ...(outcome.row !== undefined ? { row: outcome.row } : {}),
    ...(outcome.column !== undefined ? { column: outcome.column } : {}),
  };
}

function describeOutcome(hostile: HostileFile): string {
  const { outcome } = hostile;
  if (outcome.kind === 'refused') return `refused (${outcome.reason.source})`;
  if (outcome.kind === 'imported') return `imported as ${outcome.columns.length} columns`;
  return `${outcome.code}${outcome.row ? ` at row ${outcome.row}` : ''}${outcome.column ? ` in ${outcome.column.slice(0, 20)}` : ''}`;
}
