/**
 * The hostile-input corpus: bad data files of every kind an analyst (or a stranger) could hand the
 * app, each with the outcome the data layer must give it. Small files are committed in files/ beside
 * this module (`npm run corpus` rewrites them; hostileCorpus.test.ts checks they match); large ones
 * (`large: true`) are made at test time. Used by security/hostileCorpus.test.ts (the app's
 * data store on duckdb-wasm's Node bindings, and the `mmm inspect` CLI).
 */
import { createRequire } from 'node:module';

import {
  Field,
  Float64,
  Int32,
  List,
  Struct,
  Table,
  Utf8,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';

type ParquetWasm = typeof import('parquet-wasm/node');
const parquet = createRequire(import.meta.url)('parquet-wasm/node') as ParquetWasm;

/**
 * What the data layer must do with a file:
 * - `refused`: the import fails with one line `<file>: <reason>`, the reason matching `reason`;
 * - `problems`: the import succeeds and validation names `code` at `row`/`column` where given;
 * - `imported`: the import succeeds and its columns are exactly `columns` (text shown as text).
 */
export type Outcome =
  | { readonly kind: 'refused'; readonly reason: RegExp }
  | {
      readonly kind: 'problems';
      readonly code: string;
      readonly row?: number;
      readonly column?: string;
    }
  | { readonly kind: 'imported'; readonly columns: readonly string[] };

export interface HostileFile {
  readonly name: string;
  /** What is wrong with it, in a few words. */
  readonly damage: string;
  readonly bytes: () => Uint8Array;
  readonly outcome: Outcome;
  /** Made at test time, not committed (megabytes). */
  readonly large?: boolean;
  /**
   * A limit of the data layer this file needs to be refused quickly (present once that module
   * exists); until then the file would take minutes, so the tests skip it and say why.
   */
  readonly needs?: 'models/data/fileLimits.ts';
}

const encoder = new TextEncoder();
const text = (value: string) => encoder.encode(value);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/** Seeded bytes (a linear congruential generator): the same "random" file on every run. */
function seededBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out[index] = state >>> 16;
  }
  return out;
}

/** A clean weekly wide export: `weeks` Monday rows of date, tv_spend, search_spend, revenue. */
export function cleanWeekly(weeks = 12): string {
  const lines = ['date,tv_spend,search_spend,revenue'];
  for (let week = 0; week < weeks; week++) {
    const date = new Date(Date.UTC(2024, 0, 1 + 7 * week)).toISOString().slice(0, 10);
    lines.push(`${date},${100 + week},${50 + 2 * week},${1000 + 30 * week}`);
  }
  return `${lines.join('\n')}\n`;
}

const clean = cleanWeekly();
const cleanRows = clean.trimEnd().split('\n');
/** The clean file with data row `row` (1-based) replaced. */
const withRow = (row: number, line: string) =>
  `${cleanRows.map((existing, index) => (index === row ? line : existing)).join('\n')}\n`;

function utf16(value: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + value.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    out[2 + 2 * index] = bigEndian ? code >> 8 : code & 0xff;
    out[3 + 2 * index] = bigEndian ? code & 0xff : code >> 8;
  }
  return out;
}

function latin1(value: string): Uint8Array {
  return Uint8Array.from(value, (char) => char.charCodeAt(0) & 0xff);
}

function parquetOf(table: Table): Uint8Array {
  return parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(table, 'stream')));
}

const weeksAsDates = (count: number) =>
  Array.from({ length: count }, (_, week) =>
    new Date(Date.UTC(2024, 0, 1 + 7 * week)).toISOString().slice(0, 10),
  );

function nestedParquet(): Uint8Array {
  const point = new Struct([
    new Field('spend', new Float64(), true),
    new Field('clicks', new Int32(), true),
  ]);
  return parquetOf(
    new Table({
      date: vectorFromArray(weeksAsDates(4), new Utf8()),
      tv: vectorFromArray(
        [0, 1, 2, 3].map((week) => ({ spend: 100 + week, clicks: week })),
        point,
      ),
      revenue: vectorFromArray([1000, 1100, 1200, 1300], new Float64()),
    }),
  );
}

function listParquet(): Uint8Array {
  return parquetOf(
    new Table({
      date: vectorFromArray(weeksAsDates(3), new Utf8()),
      spends: vectorFromArray([[1, 2], [3], []], new List(new Field('item', new Float64(), true))),
      revenue: vectorFromArray([10, 20, 30], new Float64()),
    }),
  );
}

function zeroRowParquet(): Uint8Array {
  return parquetOf(
    new Table({
      date: vectorFromArray([] as string[], new Utf8()),
      tv_spend: vectorFromArray([] as number[], new Float64()),
      revenue: vectorFromArray([] as number[], new Float64()),
    }),
  );
}

function wideParquet(): Uint8Array {
  return parquetOf(
    new Table({
      date: vectorFromArray(weeksAsDates(4), new Utf8()),
      tv_spend: vectorFromArray([100, 110, 120, 130], new Float64()),
      revenue: vectorFromArray([1000, 1100, 1200, 1300], new Float64()),
    }),
  );
}

/** `count` columns named c1…, three data rows. */
function wideColumns(count: number): string {
  const header = ['date', ...Array.from({ length: count - 1 }, (_, index) => `c${index + 1}`)];
  const rows = [0, 1, 2].map((week) =>
    [weeksAsDates(3)[week], ...Array.from({ length: count - 1 }, (_, index) => index + week)].join(
      ',',
    ),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

const refused = (reason: RegExp): Outcome => ({ kind: 'refused', reason });
const problems = (code: string, where: { row?: number; column?: string } = {}): Outcome => ({
  kind: 'problems',
  code,
  ...where,
});
const imported = (columns: readonly string[]): Outcome => ({ kind: 'imported', columns });
const CLEAN_COLUMNS = ['date', 'tv_spend', 'search_spend', 'revenue'];

export const HOSTILE_FILES: readonly HostileFile[] = [
  // Empty and truncated
  {
    name: 'empty.csv',
    damage: 'zero bytes',
    bytes: () => new Uint8Array(0),
    outcome: refused(/empty/),
  },
  {
    name: 'blank_lines.csv',
    damage: 'only blank lines and spaces',
    bytes: () => text('  \n\n \r\n'),
    outcome: refused(/empty/),
  },
  {
    name: 'header_only.csv',
    damage: 'a header and no rows',
    bytes: () => text('date,tv_spend,revenue\n'),
    outcome: refused(/no data rows/),
  },
  {
    name: 'truncated_mid_row.csv',
    damage: 'cut in the middle of a row',
    bytes: () => text(clean.slice(0, clean.length - 9)),
    outcome: refused(/line 13|expected 4|columns/),
  },
  {
    name: 'truncated_in_quotes.csv',
    damage: 'cut inside a quoted field',
    bytes: () => text(`${cleanRows.slice(0, 4).join('\n')}\n2024-01-29,"12`),
    outcome: refused(/quote|line|columns/i),
  },
  {
    name: 'ragged_long_row.csv',
    damage: 'a row with an extra field',
    bytes: () => text(withRow(3, '2024-01-15,102,54,1060,999')),
    outcome: refused(/line 4|columns/),
  },
  {
    name: 'ragged_short_row.csv',
    damage: 'a row with a field missing',
    bytes: () => text(withRow(5, '2024-01-29,104')),
    outcome: refused(/line 6|columns/),
  },
  {
    name: 'unbalanced_quote.csv',
    damage: 'a stray quote mid-file',
    bytes: () => text(withRow(2, '2024-01-08,"101,52,1030')),
    outcome: refused(/quote|line|columns/i),
  },
  {
    name: 'only_delimiters.csv',
    damage: 'commas and nothing else',
    bytes: () => text(',,,\n,,,\n,,,\n'),
    outcome: problems('unmapped'),
  },
  {
    name: 'one_column.csv',
    damage: 'no delimiter at all',
    bytes: () => text('hello\nworld\n1\n2\n'),
    outcome: problems('unmapped'),
  },
  {
    name: 'cr_only_newlines.csv',
    damage: 'classic Mac line ends (CR only)',
    bytes: () => text(clean.replaceAll('\n', '\r')),
    outcome: refused(/cannot be read as CSV/),
  },
  {
    name: 'mixed_newlines.csv',
    damage: 'CRLF and LF mixed',
    bytes: () => text(cleanRows.map((row, index) => row + (index % 2 ? '\r\n' : '\n')).join('')),
    outcome: refused(/cannot be read as CSV/),
  },
  // Encodings
  {
    name: 'utf16le_bom.csv',
    damage: 'UTF-16 little-endian with BOM',
    bytes: () => utf16(clean, false),
    outcome: refused(/UTF-8|encoding|binary/),
  },
  {
    name: 'utf16be_bom.csv',
    damage: 'UTF-16 big-endian with BOM',
    bytes: () => utf16(clean, true),
    outcome: refused(/UTF-8|encoding|binary/),
  },
  {
    name: 'utf32le.csv',
    damage: 'UTF-32',
    bytes: () =>
      concat(
        new Uint8Array([0xff, 0xfe, 0, 0]),
        ...Array.from(clean, (char) => new Uint8Array([char.charCodeAt(0), 0, 0, 0])),
      ),
    outcome: refused(/UTF-8|encoding|binary/),
  },
  {
    name: 'latin1.csv',
    damage: 'Latin-1 accents (é as one byte 0xE9)',
    bytes: () =>
      latin1(
        `date,télé_spend,revenue\n${weeksAsDates(4)
          .map((d, i) => `${d},${i + 1},Café ${i}`)
          .join('\n')}\n`,
      ),
    outcome: refused(/UTF-8|encoding/),
  },
  {
    name: 'invalid_utf8.csv',
    damage: 'broken UTF-8 sequences in cells',
    bytes: () =>
      concat(
        text('date,tv_spend,revenue\n2024-01-01,1,'),
        new Uint8Array([0xc3, 0x28, 0xa0, 0xa1]),
        text('\n2024-01-08,2,3\n'),
      ),
    outcome: refused(/UTF-8|encoding|binary/),
  },
  {
    name: 'utf8_bom.csv',
    damage: 'UTF-8 byte order mark before the header',
    bytes: () => concat(new Uint8Array([0xef, 0xbb, 0xbf]), text(clean)),
    outcome: imported(CLEAN_COLUMNS),
  },
  // Binary
  {
    name: 'random_bytes.csv',
    damage: '64 KiB of random bytes',
    bytes: () => seededBytes(65536, 7),
    outcome: refused(/binary|UTF-8/),
  },
  {
    name: 'png_image.csv',
    damage: 'a PNG picture',
    bytes: () =>
      concat(
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        seededBytes(2000, 3),
      ),
    outcome: refused(/binary|UTF-8/),
  },
  {
    name: 'zip_archive.csv',
    damage: 'a ZIP (e.g. an .xlsx renamed)',
    bytes: () =>
      concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), seededBytes(3000, 5)),
    outcome: refused(/binary|UTF-8/),
  },
  {
    name: 'gzip_stream.csv',
    damage: 'a gzip-compressed CSV',
    bytes: () => concat(new Uint8Array([0x1f, 0x8b, 0x08, 0]), seededBytes(3000, 11)),
    outcome: refused(/binary|UTF-8/),
  },
  {
    name: 'pdf_document.csv',
    damage: 'a PDF',
    bytes: () =>
      concat(
        text('%PDF-1.7\n%'),
        new Uint8Array([0xe2, 0xe3, 0xcf, 0xd3]),
        text('\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
        seededBytes(500, 13),
      ),
    outcome: refused(/binary|UTF-8/),
  },
  {
    name: 'windows_program.csv',
    damage: 'a Windows executable (MZ)',
    bytes: () =>
      concat(text('MZ'), new Uint8Array([0x90, 0, 3, 0, 0, 0, 4, 0]), seededBytes(4000, 17)),
    outcome: refused(/binary|UTF-8/),
  },
  // NUL bytes
  {
    name: 'nul_in_cell.csv',
    damage: 'a NUL byte inside a cell',
    bytes: () =>
      concat(
        text('date,tv_spend,revenue\n2024-01-01,1'),
        new Uint8Array([0]),
        text('2,3\n2024-01-08,4,5\n'),
      ),
    outcome: refused(/binary|NUL/i),
  },
  {
    name: 'nul_in_header.csv',
    damage: 'a NUL byte in a column name',
    bytes: () =>
      concat(text('date,tv'), new Uint8Array([0]), text('_spend,revenue\n2024-01-01,1,2\n')),
    outcome: refused(/binary|NUL/i),
  },
  {
    name: 'all_nul.csv',
    damage: '4 KiB of NUL bytes',
    bytes: () => new Uint8Array(4096),
    outcome: refused(/binary|NUL|empty/i),
  },
  // Headers
  {
    name: 'duplicate_headers.csv',
    damage: 'two columns named tv_spend',
    bytes: () => text(clean.replace('search_spend', 'tv_spend')),
    outcome: imported(['date', 'tv_spend', 'tv_spend_2', 'revenue']),
  },
  {
    name: 'empty_header.csv',
    damage: 'a column without a name',
    bytes: () => text(clean.replace('search_spend', '')),
    outcome: imported(['date', 'tv_spend', 'column2', 'revenue']),
  },
  {
    name: 'no_header_names.csv',
    damage: 'every column name empty',
    bytes: () => text(clean.replace('date,tv_spend,search_spend,revenue', ',,,')),
    outcome: imported(['column0', 'column1', 'column2', 'column3']),
  },
  {
    name: 'html_headers.csv',
    damage: 'HTML and script in column names',
    bytes: () =>
      text(
        clean
          .replace('tv_spend', '<img src=x onerror=alert(1)>')
          .replace('revenue', '<script>alert(2)</script>'),
      ),
    outcome: imported([
      'date',
      '<img src=x onerror=alert(1)>',
      'search_spend',
      '<script>alert(2)</script>',
    ]),
  },
  {
    name: 'html_cells.csv',
    damage: 'HTML in a text column',
    bytes: () =>
      text(
        `date,channel,spend\n${weeksAsDates(3)
          .map((d, i) => `${d},<b onmouseover=alert(${i})>tv</b>,${i + 1}`)
          .join('\n')}\n`,
      ),
    outcome: imported(['date', 'channel', 'spend']),
  },
  {
    name: 'sql_in_header.csv',
    damage: 'SQL and quotes in column names',
    bytes: () =>
      text(
        clean
          .replace('tv_spend', '"tv""; DROP TABLE x; --"')
          .replace('search_spend', "search'); SELECT 1; --"),
      ),
    outcome: imported(['date', 'tv"; DROP TABLE x; --', "search'); SELECT 1; --", 'revenue']),
  },
  {
    name: 'case_duplicate_headers.csv',
    damage: 'TV and tv: one name to SQL',
    bytes: () => text(clean.replace('tv_spend', 'TV').replace('search_spend', 'tv')),
    outcome: imported(['date', 'TV', 'tv_2', 'revenue']),
  },
  {
    name: 'reserved_headers.csv',
    damage: 'columns named rowid and __row (internal names)',
    bytes: () => text(clean.replace('tv_spend', 'rowid').replace('search_spend', '__row')),
    outcome: imported(['date', 'rowid_2', '__row_2', 'revenue']),
  },
  {
    name: 'unicode_controls.csv',
    damage: 'right-to-left override and zero-width characters in names',
    bytes: () =>
      text(
        clean.replace('tv_spend', 'tv\u202e_dneps').replace('search_spend', 'search\u200b_spend'),
      ),
    outcome: imported(['date', 'tv\u202e_dneps', 'search\u200b_spend', 'revenue']),
  },
  {
    name: 'long_header.csv',
    damage: 'a 100,000-character column name',
    bytes: () => text(clean.replace('search_spend', 'x'.repeat(100_000))),
    outcome: imported(['date', 'tv_spend', 'x'.repeat(100_000), 'revenue']),
  },
  // Values
  {
    name: 'mixed_types.csv',
    damage: 'text in a spend column',
    bytes: () => text(withRow(4, '2024-01-22,lots,56,1090')),
    outcome: problems('non-numeric', { row: 4, column: 'tv_spend' }),
  },
  {
    name: 'dates_out_of_range.csv',
    damage: 'dates that do not exist or are far out of range',
    bytes: () =>
      text(
        withRow(2, '2024-02-30,101,52,1030')
          .replace('2024-01-22', '99999-01-01')
          .replace('2024-01-29', '0000-00-00'),
      ),
    outcome: problems('unparseable-date', { column: 'date' }),
  },
  {
    name: 'far_dates.csv',
    damage: 'valid but absurd dates (year 1 and 9999)',
    bytes: () => text(withRow(1, '0001-01-01,100,50,1000').replace('2024-03-18', '9999-12-27')),
    outcome: problems('unparseable-date', { row: 1, column: 'date' }),
  },
  {
    name: 'huge_numbers.csv',
    damage: 'numbers beyond double range, Infinity and NaN',
    bytes: () =>
      text(
        withRow(3, '2024-01-15,1e400,54,1060')
          .replace(',1090', ',Infinity')
          .replace('2024-02-05,105,60,1150', '2024-02-05,-1e999,60,NaN'),
      ),
    outcome: problems('non-numeric', { row: 3, column: 'tv_spend' }),
  },
  {
    name: 'odd_numbers.csv',
    damage: 'hex, underscores and a bare minus',
    bytes: () =>
      text(
        withRow(2, '2024-01-08,0x10,52,1030')
          .replace('2024-01-15,102', '2024-01-15,1_000')
          .replace('2024-01-22,103', '2024-01-22,-'),
      ),
    outcome: problems('non-numeric', { row: 2, column: 'tv_spend' }),
  },
  {
    name: 'formula_cells.csv',
    damage: 'cells starting with = + - @ (spreadsheet formulas)',
    bytes: () =>
      text(
        `date,channel,spend,note\n${weeksAsDates(4)
          .map(
            (d, i) =>
              `${d},tv,${i + 1},${['"=HYPERLINK(""http://x.invalid"",""click"")"', '"+cmd|"" /C calc""!A0"', '@SUM(1+1)', '-2+3'][i]}`,
          )
          .join('\n')}\n`,
      ),
    outcome: imported(['date', 'channel', 'spend', 'note']),
  },
  {
    name: 'formula_in_spend.csv',
    damage: 'a formula where a number belongs',
    bytes: () => text(withRow(3, '2024-01-15,=1+1,54,1060')),
    outcome: problems('non-numeric', { row: 3, column: 'tv_spend' }),
  },
  {
    name: 'negative_spend.csv',
    damage: 'a negative spend',
    bytes: () => text(withRow(6, '2024-02-05,-105,60,1150')),
    outcome: problems('negative-spend', { row: 6, column: 'tv_spend' }),
  },
  {
    name: 'duplicate_dates.csv',
    damage: 'the same week twice',
    bytes: () => text(withRow(3, cleanRows[2].replace('101', '999'))),
    outcome: problems('duplicate-date'),
  },
  {
    name: 'quoted_newlines.csv',
    damage: 'line breaks inside quoted cells',
    bytes: () =>
      text(`date,channel,spend\n2024-01-01,"tv\nline two",1\n2024-01-08,"search\r\nthree",2\n`),
    outcome: imported(['date', 'channel', 'spend']),
  },
  {
    name: 'many_blank_lines.csv',
    damage: 'ten thousand blank lines between rows',
    bytes: () =>
      text(
        `${cleanRows.slice(0, 3).join('\n')}\n${'\n'.repeat(10_000)}${cleanRows.slice(3).join('\n')}\n`,
      ),
    outcome: imported(CLEAN_COLUMNS),
  },
  // Enormous (made at test time)
  {
    name: 'enormous_line.csv',
    damage: 'one 8 MiB line with no line break',
    large: true,
    bytes: () => text(`date,tv_spend,revenue\n2024-01-01,1,${'9'.repeat(8 * 1024 ** 2)}`),
    outcome: refused(/line 2 is longer than 2 MiB/),
  },
  {
    name: 'enormous_cell.csv',
    damage: 'a quoted 6 MiB cell',
    large: true,
    bytes: () =>
      text(`date,note,spend\n2024-01-01,"${'a'.repeat(6 * 1024 ** 2)}",1\n2024-01-08,b,2\n`),
    outcome: refused(/line 2 is longer than 2 MiB/),
  },
  {
    name: 'ten_thousand_columns.csv',
    damage: '10,000 columns',
    large: true,
    needs: 'models/data/fileLimits.ts',
    bytes: () => text(wideColumns(10_000)),
    outcome: refused(/columns/),
  },
  {
    name: 'million_delimiters.csv',
    damage: 'a header of a million commas',
    large: true,
    needs: 'models/data/fileLimits.ts',
    bytes: () => text(`${','.repeat(1_000_000)}\n1\n`),
    outcome: refused(/columns/),
  },
  // Parquet
  {
    name: 'nested_struct.parquet',
    damage: 'a struct column (spend and clicks nested)',
    bytes: nestedParquet,
    outcome: problems('unmapped', { column: 'tv' }),
  },
  {
    name: 'list_column.parquet',
    damage: 'a list column',
    bytes: listParquet,
    outcome: problems('unmapped', { column: 'spends' }),
  },
  {
    name: 'zero_rows.parquet',
    damage: 'a schema and no rows',
    bytes: zeroRowParquet,
    outcome: refused(/no data rows/),
  },
  {
    name: 'truncated.parquet',
    damage: 'cut in half',
    bytes: () => wideParquet().subarray(0, 200),
    outcome: refused(/Parquet|parquet/),
  },
  {
    name: 'magic_only.parquet',
    damage: "just 'PAR1PAR1'",
    bytes: () => text('PAR1PAR1'),
    outcome: refused(/Parquet|parquet/),
  },
  {
    name: 'corrupt_footer.parquet',
    damage: 'footer bytes overwritten',
    bytes: () => {
      const bytes = wideParquet();
      bytes.fill(0x41, bytes.length - 40, bytes.length - 8);
      return bytes;
    },
    outcome: refused(/Parquet|parquet/),
  },
  // Mislabelled
  {
    name: 'csv_text.parquet',
    damage: 'a CSV named .parquet',
    bytes: () => text(clean),
    outcome: refused(/not a Parquet file/),
  },
  {
    name: 'parquet_bytes.csv',
    damage: 'a Parquet file named .csv',
    bytes: wideParquet,
    outcome: imported(['date', 'tv_spend', 'revenue']),
  },
  {
    name: 'json_document.csv',
    damage: 'JSON named .csv',
    bytes: () =>
      text('{"date": ["2024-01-01"], "tv_spend": [1], "__proto__": {"polluted": true}}\n'),
    outcome: refused(/no data rows/),
  },
  {
    name: 'html_page.csv',
    damage: 'an HTML page named .csv',
    bytes: () =>
      text(
        '<!doctype html>\n<html><head><script>alert(1)</script></head>\n<body><table><tr><td>1</td></tr></table></body></html>\n',
      ),
    outcome: problems('unmapped'),
  },
  {
    name: 'export',
    damage: 'no extension at all (CSV inside)',
    bytes: () => text(clean),
    outcome: imported(CLEAN_COLUMNS),
  },
  {
    name: 'tab_separated.csv',
    damage: 'tabs, though named .csv',
    bytes: () => text(clean.replaceAll(',', '\t')),
    outcome: imported(CLEAN_COLUMNS),
  },
  {
    name: 'x"; DROP TABLE file_x; --.csv',
    damage: 'SQL in the file name',
    bytes: () => text(clean),
    outcome: imported(CLEAN_COLUMNS),
  },
  {
    name: '<img src=x onerror=alert(1)>.csv',
    damage: 'HTML in the file name',
    bytes: () => text(clean),
    outcome: imported(CLEAN_COLUMNS),
  },
];

/** The files kept in security/hostile-data/files/: small, with names every file system takes. */
export const COMMITTED_FILES: readonly HostileFile[] = HOSTILE_FILES.filter(
  (file) => !file.large && /^[\w.-]+$/.test(file.name),
);
