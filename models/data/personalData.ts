/**
 * Personal data, decided by a column's values; its name is only a hint. Such columns never enter
 * the model frame unless the user keeps them (the mapping's `keepPersonalData`: the app's "keep
 * anyway", a column named in `mmm fit --channels/--controls/--kpi`, or `--keep-personal`).
 *
 * - e-mail: text whose values look like addresses (`a@b.org`);
 * - phone: text shaped like phone numbers (`+44 20 7946 0958`: ≥ 7 digits with + ( ) - . or
 *   spaces), or, when the name says phone, whole numbers of 7–15 digits;
 * - user id: UUIDs or hex hashes (32, 40 or 64 digits), or, when the name says id/key/user,
 *   identifiers (text or whole numbers) close to one distinct value per row.
 *
 * So `spend_email` (e-mail marketing spend, 3.1 … 7.3) is kept: a continuous number is never
 * flagged by its name, and no number is ever an e-mail address. "Mostly" is the inference share
 * (60% of the sampled values); "close to one per row" is ≥ 90% distinct among the values present.
 */
import { scanColumns } from './columnScan';
import { snakeCase } from './columnNames';
import { quoteIdentifier, toNumber } from './sql';
import type { ColumnProfile, SqlConnection } from './types';

export type PersonalDataKind = 'email' | 'phone' | 'user-id';

const emailName = /(^|_)(e_?mail|email_address|mail)(_|$)/;
const phoneName = /(^|_)(phone|telephone|mobile|msisdn|cell)(_|$)/;
const userIdName =
  /(^|_)(user|customer|client|visitor|member|account|person|device|cookie|subscriber)_?(id|key|uuid|name|hash)$|^(uid|user|username|ip|ip_address|ssn)$/;

/** The kind of personal data a column name suggests (a hint, never a verdict by itself). */
export function personalDataByName(name: string): PersonalDataKind | null {
  const snake = snakeCase(name);
  if (emailName.test(snake)) return 'email';
  if (phoneName.test(snake)) return 'phone';
  if (userIdName.test(snake)) return 'user-id';
  return null;
}

/** SQL regular expressions (full match) for values that are personal data. */
export const personalValuePatterns = {
  email: '[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}',
  phone: '\\+?[0-9(][0-9 ()./-]{6,}[0-9]',
  /** UUIDs and hex digests (MD5, SHA-1, SHA-256): hashed ids. */
  uuid: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}',
} as const;

/** Share of the values present that are distinct for an identifier. */
const identifierShare = 0.9;
/** Share of the values present that must look like phone numbers. */
const valueShare = 0.6;

/**
 * The name-hinted verdicts that need the whole column: text or whole-number identifiers (near
 * one per row) and phone numbers written as whole numbers. Columns flagged by their values
 * already (at inference) are kept as they are; only columns whose name hints phone or user id are
 * queried, in one statement.
 */
export async function personalDataOfColumns(
  conn: SqlConnection,
  table: string,
  rows: number,
  columns: readonly ColumnProfile[],
): Promise<ColumnProfile[]> {
  const hinted = columns
    .map((column, index) => ({ column, index, hint: personalDataByName(column.name) }))
    .filter(
      ({ column, hint }) =>
        column.personalData === null &&
        (hint === 'user-id' || (hint === 'phone' && column.kind === 'number')) &&
        (column.kind === 'number' || column.kind === 'text'),
    );
  if (hinted.length === 0) return [...columns];
  const counts = await scanColumns(
    conn,
    table,
    {
      columns: hinted.map(({ column }) => [
        column.kind === 'number'
          ? `TRY_CAST(${quoteIdentifier(column.name)} AS DOUBLE)`
          : 'CAST(NULL AS DOUBLE)',
      ]),
      aggregates: {
        whole: ([value]) => `count_if(${value} = trunc(${value}))::DOUBLE`,
        phoneDigits: ([value]) => `count_if(abs(${value}) >= 1e6 AND abs(${value}) < 1e15)::DOUBLE`,
      },
      slotTypes: ['DOUBLE'],
    },
    { rows },
  );
  const verdicts = new Map<number, PersonalDataKind>();
  hinted.forEach(({ column, index, hint }, position) => {
    const present = rows - column.nulls;
    if (present === 0) return;
    const whole = toNumber(counts[position].whole) ?? 0;
    const phoneDigits = toNumber(counts[position].phoneDigits) ?? 0;
    const identifier =
      column.distinct >= identifierShare * present && (column.kind === 'text' || whole === present);
    if (hint === 'user-id' && identifier) verdicts.set(index, 'user-id');
    else if (hint === 'phone' && whole === present && phoneDigits >= valueShare * present)
      verdicts.set(index, 'phone');
  });
  return columns.map((column, index) => {
    const verdict = verdicts.get(index);
    return verdict ? { ...column, personalData: verdict } : column;
  });
}
