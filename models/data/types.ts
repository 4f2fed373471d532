/**
 * Contract of the data layer: what an export becomes on its way to a model frame.
 * Implemented in `models/data/*` (pure; the DuckDB connection is passed in) and used by the
 * CLI (`cli/`) and the renderer's data store. Change it only together with both.
 */

/** The part of an Arrow table the data layer reads (structural, so either Arrow copy fits). */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: {
    readonly fields: ReadonlyArray<{ readonly name: string; readonly type: unknown }>;
  };
  getChild(name: string): { toArray(): ArrayLike<unknown>; get(index: number): unknown } | null;
  toArray(): ArrayLike<Record<string, unknown>>;
}

/**
 * A DuckDB connection as the data layer needs it. Node (duckdb-wasm blocking bindings, CLI and
 * tests) and the browser (AsyncDuckDB in its worker) each provide one.
 */
export interface SqlConnection {
  query(sql: string): Promise<ArrowTableLike>;
  /** Makes bytes readable by SQL under `name` (e.g. `read_csv('name')`). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  /**
   * Makes a file readable by SQL under `name` in place, DuckDB reading it piece by piece, so its
   * bytes are never held in memory as a whole. False when this connection cannot read that
   * source's handle; the caller then registers the bytes instead.
   */
  registerSource?(name: string, source: FileSource): Promise<boolean>;
  /**
   * Creates table `tableName` from Arrow IPC stream bytes (Parquet is read to Arrow outside DuckDB),
   * or with `append` adds the rows to the existing table (Parquet row group by row group).
   */
  insertArrowIpc(tableName: string, ipc: Uint8Array, options?: { append?: boolean }): Promise<void>;
  /** Drops what `registerFile` or `registerSource` registered. */
  dropFile(name: string): Promise<void>;
  /**
   * Stops the statement running now, which then rejects (the app's worker engine; Node's blocking
   * engine cannot be interrupted). Used to cancel an import.
   */
  interrupt?(): Promise<void>;
}

/** Set by whoever may cancel an import (the app's data store); the import checks it between steps. */
export interface CancelSignal {
  readonly aborted: boolean;
}

export type FileFormat = 'csv' | 'parquet';

/**
 * A file that stays where it is until DuckDB reads it: a browser `File` (duckdb-wasm's
 * BROWSER_FILEREADER) or a path on disk (NODE_FS). What `handle` is, only the platform that made
 * it and its connection know.
 */
export interface FileSource {
  readonly size: number;
  readonly handle: unknown;
  /** Every byte of the file, for a reader or connection that cannot read the handle in place. */
  read(): Promise<Uint8Array>;
}

/** Bytes of a large file read up front (format, dialect and column sniffing): its first 4 MiB. */
export const HEAD_BYTES = 4 * 1024 ** 2;

/** A file handed to the data layer: its display name and bytes. */
export interface InputFile {
  readonly name: string;
  /** The whole file; or, when `source` is set, its first `HEAD_BYTES`. */
  readonly bytes: Uint8Array;
  /** Where the whole file is, when only its head was read. */
  readonly source?: FileSource;
}

export interface CsvOptions {
  /** Text encoding (detected when unset; only a non-UTF-8 one is reported back). */
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  delimiter?: string;
  header?: boolean;
  decimalSeparator?: '.' | ',';
  dateFormat?: string;
}

export type ColumnKind = 'date' | 'number' | 'text' | 'boolean';

export interface ColumnProfile {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly sqlType: string;
  readonly nulls: number;
  readonly distinct: number;
  readonly min: number | string | null;
  readonly max: number | string | null;
  readonly mean: number | null;
  readonly zeros: number;
  readonly negatives: number;
  /** Set when the values look like personal data (e-mails, phone numbers, user ids). */
  readonly personalData: 'email' | 'phone' | 'user-id' | null;
  /**
   * The column's type in the raw table: Parquet's own type; for CSV, DOUBLE or DATE when read_csv
   * converted every value of a plain number or ISO date column, else VARCHAR (see loadCsv.ts).
   */
  readonly sourceType?: string;
  /** strftime format of the dates in a text date column (e.g. '%d.%m.%Y'). */
  readonly dateFormat?: string;
  /** Numbers written with thousands separators (`1,234.5` or `1.234,5`). */
  readonly thousands?: boolean;
}

export interface ImportedFile {
  readonly name: string;
  /** DuckDB table holding the file's rows. */
  readonly table: string;
  /** DuckDB table with the file's values as stored (text for CSV), for naming the rows that do not parse. */
  readonly rawTable?: string;
  /** Decimal separator of numbers written as text (CSV, or text columns in Parquet). */
  readonly decimalSeparator?: '.' | ',';
  readonly format: FileFormat;
  readonly rows: number;
  readonly csv?: CsvOptions;
  readonly columns: readonly ColumnProfile[];
  /** 'long' = (date, [geo], channel, metrics…); 'wide' = a column per channel; 'kpi'/'controls' tables. */
  readonly shape: 'long' | 'wide';
}

/** Every role a column can play, in the order the mapping editor lists them. */
export const COLUMN_ROLES = [
  'date',
  'kpi',
  'revenue-per-kpi',
  'spend',
  'impressions',
  'clicks',
  'control',
  'population',
  'geo',
  'channel',
  'ignore',
] as const;

export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** One column of one file and what it means for the model. */
export interface ColumnMapping {
  readonly file: string;
  readonly column: string;
  readonly role: ColumnRole;
  /** For wide spend/impressions columns: the channel name. */
  readonly channel?: string;
  /** Personal-data columns enter the frame only when the user sets this. */
  readonly keepPersonalData?: boolean;
}

export interface Mapping {
  readonly version: 1;
  readonly columns: readonly ColumnMapping[];
  readonly weekStart: 'monday' | 'sunday';
  readonly aggregateGeos: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

export interface ValidationProblem {
  readonly severity: Severity;
  readonly code:
    | 'unparseable-date'
    | 'non-numeric'
    | 'null'
    | 'duplicate-date'
    | 'missing-week'
    | 'negative-spend'
    | 'constant-channel'
    | 'zero-channel'
    | 'kpi-outlier'
    | 'non-overlapping-dates'
    | 'too-few-weeks'
    | 'personal-data'
    | 'unmapped'
    | 'parse-error'
    | 'national-only-media';
  readonly file: string;
  /** 1-based data row in the file (header excluded), when one row is at fault. */
  readonly row?: number;
  readonly date?: string;
  readonly column?: string;
  readonly message: string;
}

export interface ValidationReport {
  readonly problems: readonly ValidationProblem[];
  /** True when no problem has severity 'error'. */
  readonly usable: boolean;
}

/** The weekly, wide model frame: one row per week (per geo unless aggregated). */
export interface ModelFrame {
  readonly weeks: readonly string[]; // ISO dates of week starts
  readonly geos: readonly string[] | null;
  readonly kpiName: string;
  readonly kpi: Float64Array;
  readonly channels: readonly string[];
  /** spend[c] is the weekly spend of channel c (length = rows). */
  readonly spend: readonly Float64Array[];
  readonly impressions: readonly (Float64Array | null)[];
  readonly controls: readonly string[];
  readonly controlValues: readonly Float64Array[];
  /** Row → geo index when geos are kept. */
  readonly geoIndex: Int32Array | null;
  /**
   * Population per row when a column is mapped to `population`: the row's geo's mean over its
   * file, or with geos summed the sum of the geos' means (population.ts).
   */
  readonly population?: Float64Array;
}
