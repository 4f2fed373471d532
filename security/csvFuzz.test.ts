/**
 * Property tests of CSV import (fast-check), through the data layer the app and the CLI run, on
 * duckdb-wasm's Node bindings:
 *
 * 1. Round trip: a generated weekly export (any of four delimiters, LF or CRLF, a BOM or not, minimal
 *    or full quoting, decimal commas with `;`, text cells holding quotes, delimiters, line breaks and
 *    any Unicode) imports with every value as written, and its model frame holds the KPI and spend of
 *    every week exactly.
 * 2. Damage: the same exports truncated, with bytes inserted, replaced or removed (NULs, quotes,
 *    delimiters, line breaks, invalid UTF-8): the import either succeeds or throws the data layer's
 *    own FileImportError (one line, naming the file), within PER_INPUT_LIMIT_MS; validation of what
 *    imported never throws.
 * 3. The import's text front end (binary and encoding checks, line and record scanning, dialect and
 *    header guessing) on 10,000 damaged inputs: nothing but those answers, no exception.
 *
 * A full import costs DuckDB a dozen statements (0.1–0.4 s on two shared cores), so (1) and (2) run
 * CSV_FUZZ_RUNS inputs each (default 60 and 120); `CSV_FUZZ_RUNS=5000 npx vitest run
 * security/csvFuzz.test.ts` runs 10,000 full imports (about an hour here).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openNodeConnection, type ClosableSqlConnection } from '../cli/duckdbNode';
import { guessDelimiter, guessHeader } from '../models/data/csvDialect';
import {
  buildModelFrame,
  detectMapping,
  FileImportError,
  importFile,
  validate,
  weeklySourcesOf,
} from '../models/data';
import { headerNames } from '../models/data/loadCsv';
import {
  csvHeadLength,
  firstLines,
  firstLongRecord,
  isBlank,
  looksBinary,
} from '../models/data/textBytes';

const FULL_RUNS = Number(process.env.CSV_FUZZ_RUNS ?? 0);
const ROUND_TRIP_RUNS = FULL_RUNS || 60;
const DAMAGE_RUNS = FULL_RUNS || 120;
const FRONT_END_RUNS = 10_000;
const PER_INPUT_LIMIT_MS = 15_000;
/** Text the importer reads as missing: never generated as a text cell. */
const NULL_TEXT = new Set(['', 'NA', 'N/A', 'n/a', 'null', 'NULL', 'NaN', 'nan', '#N/A']);

interface Dialect {
  readonly delimiter: ',' | ';' | '\t' | '|';
  readonly lineEnd: '\n' | '\r\n';
  readonly bom: boolean;
  readonly quoteAll: boolean;
  readonly decimalComma: boolean;
  readonly finalLineEnd: boolean;
}

interface Export {
  readonly dialect: Dialect;
  readonly revenue: readonly number[];
  readonly spend: readonly number[];
  readonly notes: readonly string[];
}

const dialect: fc.Arbitrary<Dialect> = fc
  .record({
    delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const, '|' as const),
    lineEnd: fc.constantFrom('\n' as const, '\r\n' as const),
    bom: fc.boolean(),
    quoteAll: fc.boolean(),
    decimalComma: fc.boolean(),
    finalLineEnd: fc.boolean(),
  })
  // A decimal comma needs a delimiter other than the comma (as in European exports).
  .map((d) => (d.decimalComma && d.delimiter === ',' ? { ...d, delimiter: ';' as const } : d));

/** Text cells: letters, the characters CSV must quote, line breaks and any Unicode, never blank. */
const note = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('a', 'B', 'é', '漢', '🙂', '"', ',', ';', '|', '\t', '\n', '\r\n', ' ', '='),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 12,
  })
  .filter(
    (text) =>
      !NULL_TEXT.has(text.trim()) &&
      text.trim() === text &&
      !/^[\d\s.,+-]/.test(text) &&
      !text.includes('\r\n\r') &&
      !/\r(?!\n)/.test(text),
  );

const exportFile: fc.Arbitrary<Export> = fc.integer({ min: 2, max: 30 }).chain((weeks) =>
  fc.record({
    dialect,
    revenue: fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }), {
      minLength: weeks,
      maxLength: weeks,
    }),
    // Spend in cents, some of it real (an all-zero channel is dropped from the frame, rightly).
    spend: fc
      .array(
        fc.integer({ min: 0, max: 1e9 }).map((cents) => cents / 100),
        { minLength: weeks, maxLength: weeks },
      )
      .filter((spends) => spends.some((value) => value >= 1)),
    notes: fc.array(note, { minLength: weeks, maxLength: weeks }),
  }),
);

function mondays(count: number): string[] {
  return Array.from({ length: count }, (_, week) =>
    new Date(Date.UTC(2023, 0, 2 + 7 * week)).toISOString().slice(0, 10),
  );
}

/** -0 is written as 0: a spreadsheet would, and DuckDB reads "-0" as 0 anyway. */
function numberText(value: number, d: Dialect): string {
  const text = String(value === 0 ? 0 : value);
  return d.decimalComma ? text.replace('.', ',') : text;
}

function cell(text: string, d: Dialect): string {
  const needs = text.includes(d.delimiter) || /["\r\n]/.test(text);
  return d.quoteAll || needs ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvOf(file: Export): Uint8Array {
  const d = file.dialect;
  const dates = mondays(file.revenue.length);
  const rows = [['date', 'revenue', 'tv_spend', 'note'].map((name) => cell(name, d))];
  for (const [week, date] of dates.entries())
    rows.push([
      cell(date, d),
      cell(numberText(file.revenue[week], d), d),
      cell(numberText(file.spend[week], d), d),
      cell(file.notes[week], d),
    ]);
  const text = rows.map((row) => row.join(d.delimiter)).join(d.lineEnd);
  const bytes = new TextEncoder().encode(d.finalLineEnd ? text + d.lineEnd : text);
  return d.bom ? Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes) : bytes;
}

type Damage =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'replace'; at: number; byte: number }
  | { kind: 'remove'; at: number; length: number };

const damage: fc.Arbitrary<Damage[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      bytes: fc.array(
        fc.oneof(
          fc.constantFrom(0x00, 0x22, 0x2c, 0x3b, 0x0a, 0x0d, 0x09, 0xff, 0xc3),
          fc.nat(255),
        ),
        { minLength: 1, maxLength: 6 },
      ),
    }),
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.nat(255) }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat(), length: fc.nat(40) }),
  ),
  { minLength: 1, maxLength: 4 },
);

function damaged(bytes: Uint8Array, changes: readonly Damage[]): Uint8Array {
  let out = Array.from(bytes);
  for (const change of changes) {
    const at = out.length === 0 ? 0 : change.at % (out.length + 1);
    if (change.kind === 'truncate') out = out.slice(0, at);
    else if (change.kind === 'insert') out.splice(at, 0, ...change.bytes);
    else if (change.kind === 'replace' && at < out.length) out[at] = change.byte;
    else if (change.kind === 'remove') out.splice(at, change.length);
  }
  return Uint8Array.from(out);
}

let connection: ClosableSqlConnection;
const counts = { roundTrips: 0, damaged: 0, refused: 0, imported: 0, frontEnd: 0, slowestMs: 0 };

beforeAll(async () => {
  connection = await openNodeConnection();
});

afterAll(async () => {
  await connection?.close();
  console.log(
    `CSV fuzz: ${counts.roundTrips} round trips, ${counts.damaged} damaged imports (${counts.refused} refused, ${counts.imported} imported), ${counts.frontEnd} front-end inputs; slowest import ${counts.slowestMs.toFixed(0)} ms`,
  );
});

describe('CSV import, generated exports', () => {
  it(`round trip: ${ROUND_TRIP_RUNS} exports import with every value, and their frames hold every week`, async () => {
    await fc.assert(
      fc.asyncProperty(exportFile, async (file) => {
        counts.roundTrips++;
        const name = `round_trip_${counts.roundTrips % 4}.csv`;
        const imported = await importFile(connection, { name, bytes: csvOf(file) });
        const raw = await connection.query(
          `SELECT CAST(note AS VARCHAR) AS note FROM ${imported.rawTable} ORDER BY rowid`,
        );
        expect(Array.from(raw.getChild('note')?.toArray() ?? [])).toEqual(file.notes);
        const mapping = detectMapping([imported]);
        const sources = await weeklySourcesOf(connection, [imported], mapping);
        const frame = await buildModelFrame(connection, [imported], mapping, sources);
        expect(frame.weeks).toEqual(mondays(file.revenue.length));
        expect(frame.kpiName).toBe('revenue');
        expect(Array.from(frame.kpi)).toEqual(file.revenue.map((value) => value + 0));
        expect(frame.channels).toHaveLength(1);
        expect(Array.from(frame.spend[0])).toEqual(file.spend.map((value) => value + 0));
      }),
      { numRuns: ROUND_TRIP_RUNS, seed: 16 },
    );
  }, 1_800_000);

  it(`damage: ${DAMAGE_RUNS} damaged exports import or are refused by FileImportError, in time`, async () => {
    await fc.assert(
      fc.asyncProperty(exportFile, damage, async (file, changes) => {
        counts.damaged++;
        const name = `damaged_${counts.damaged % 4}.csv`;
        const started = performance.now();
        try {
          const imported = await importFile(connection, {
            name,
            bytes: damaged(csvOf(file), changes),
          });
          const mapping = detectMapping([imported]);
          const sources = await weeklySourcesOf(connection, [imported], mapping);
          await validate(connection, [imported], mapping, sources);
          counts.imported++;
        } catch (error) {
          expect(error).toBeInstanceOf(FileImportError);
          const message = (error as Error).message;
          expect(message.startsWith(`${name}: `)).toBe(true);
          expect(message).not.toMatch(/\n/);
          counts.refused++;
        }
        const elapsed = performance.now() - started;
        counts.slowestMs = Math.max(counts.slowestMs, elapsed);
        expect(elapsed).toBeLessThan(PER_INPUT_LIMIT_MS);
      }),
      { numRuns: DAMAGE_RUNS, seed: 1616 },
    );
  }, 1_800_000);

  it(`the import's text front end answers ${FRONT_END_RUNS} damaged inputs without an exception`, () => {
    fc.assert(
      fc.property(exportFile, damage, (file, changes) => {
        counts.frontEnd++;
        const bytes = damaged(csvOf(file), changes);
        expect(typeof isBlank(bytes)).toBe('boolean');
        expect(typeof looksBinary(bytes)).toBe('boolean');
        expect(csvHeadLength(bytes, 2049)).toBeLessThanOrEqual(bytes.length);
        const long = firstLongRecord(bytes);
        expect(long === null || long >= 1).toBe(true);
        let lines: string[];
        try {
          lines = firstLines(bytes, 50);
        } catch (error) {
          // Invalid UTF-8: loadCsv turns exactly this into "not a CSV text file".
          expect(error).toBeInstanceOf(URIError);
          return;
        }
        const delimiter = guessDelimiter(lines);
        const header = guessHeader(lines[0] ?? '', delimiter);
        const names = headerNames(lines[0] ?? '', { delimiter, header });
        expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
      }),
      { numRuns: FRONT_END_RUNS, seed: 161616 },
    );
  }, 600_000);
});
