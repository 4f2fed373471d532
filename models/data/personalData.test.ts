/**
 * Personal data is decided by values, the name being only a hint: channels named after e-mail, SMS
 * or phone sales with numeric values are kept; real-looking addresses, phone numbers and ids are
 * flagged, and stay out of the frame until the user keeps them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { createRng } from '../random/rng';
import { buildModelFrame } from './buildModelFrame';
import { detectMapping } from './detectMapping';
import { importFile } from './importFile';
import { personalDataByName } from './personalData';
import type { ImportedFile } from './types';
import { validate } from './validate';

const encode = (text: string) => new TextEncoder().encode(text);
let conn: ClosableSqlConnection;
let file: ImportedFile;
const weeks = 60;

/** Numeric marketing columns whose names hint at personal data, and real personal data. */
function exportText(): string {
  const rng = createRng(42);
  const header = [
    'date',
    'revenue',
    'spend_email',
    'email',
    'crm_email',
    'phone_sales',
    'sms',
    'user_acquisition',
    'customer_id_count',
    'contact',
    'mobile',
    'phone_number',
    'customer_id',
    'visitor_uuid',
    'user_hash',
    'account_key',
  ];
  const rows = Array.from({ length: weeks }, (_, week) => {
    const date = new Date(Date.UTC(2023, 0, 2 + 7 * week)).toISOString().slice(0, 10);
    const hex = (length: number) =>
      Array.from({ length }, () => '0123456789abcdef'[rng.int(16)]).join('');
    return [
      date,
      (10_000 + 1000 * rng.uniform()).toFixed(2),
      (3.1 + 4.2 * rng.uniform()).toFixed(2), // e-mail marketing spend, the example
      (100 + 900 * rng.uniform()).toFixed(2),
      (50 + 50 * rng.uniform()).toFixed(2),
      (2000 + 500 * rng.uniform()).toFixed(1),
      (10 + 5 * rng.uniform()).toFixed(2),
      (400 + 100 * rng.uniform()).toFixed(2),
      String(1000 + week * 17), // a count, integer and distinct per row, but not an id by name
      `person${week}@example.com`,
      `+44 7700 9${String(week).padStart(5, '0')}`,
      String(4915112345000 + week), // phone numbers written as integers
      String(100_000 + week * 7), // integer customer ids, one per row
      `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
      hex(40),
      `ACC-${String(week).padStart(6, '0')}`,
    ].join(',');
  });
  return [header.join(','), ...rows].join('\n');
}

beforeAll(async () => {
  conn = await openNodeConnection();
  file = await importFile(conn, { name: 'crm.csv', bytes: encode(exportText()) });
});
afterAll(async () => {
  await conn.close();
});

const flagOf = (name: string) => file.columns.find((column) => column.name === name)?.personalData;

describe('personal data by value', () => {
  it.each([
    'spend_email',
    'email',
    'crm_email',
    'phone_sales',
    'sms',
    'user_acquisition',
    'customer_id_count',
  ])('keeps numeric %s (its name is only a hint)', (name) => {
    expect(flagOf(name)).toBeNull();
  });

  it.each([
    ['contact', 'email'],
    ['mobile', 'phone'],
    ['phone_number', 'phone'],
    ['customer_id', 'user-id'],
    ['visitor_uuid', 'user-id'],
    ['user_hash', 'user-id'],
    ['account_key', 'user-id'],
  ])('flags %s as %s', (name, kind) => {
    expect(flagOf(name)).toBe(kind);
  });

  it('never flags a continuous numeric column by its name alone', () => {
    expect(personalDataByName('spend_email')).toBe('email');
    expect(flagOf('spend_email')).toBeNull();
  });

  it('maps spend_email to the email channel, and it reaches the frame', async () => {
    const mapping = detectMapping([file]);
    expect(mapping.columns.find((entry) => entry.column === 'spend_email')).toMatchObject({
      role: 'spend',
      channel: 'email',
    });
    const frame = await buildModelFrame(conn, [file], mapping);
    expect(frame.channels).toContain('email');
  });

  it('leaves flagged columns out, saying how to keep one; a kept column enters the frame', async () => {
    const mapping = detectMapping([file]);
    expect(mapping.columns.find((entry) => entry.column === 'customer_id')?.role).toBe('ignore');
    const report = await validate(conn, [file], mapping);
    const warning = report.problems.find(
      (problem) => problem.code === 'personal-data' && problem.column === 'customer_id',
    );
    expect(warning).toMatchObject({ severity: 'warning', file: 'crm.csv' });
    expect(warning?.message).toContain("tick 'keep anyway' in the mapping");
    expect(warning?.message).toContain('--keep-personal customer_id');
    const kept = detectMapping([file], { keepPersonal: ['phone_number'] });
    const entry = kept.columns.find((column) => column.column === 'phone_number');
    expect(entry).toMatchObject({ keepPersonalData: true });
    const asControl = {
      ...kept,
      columns: kept.columns.map((column) =>
        column.column === 'phone_number' ? { ...column, role: 'control' as const } : column,
      ),
    };
    const frame = await buildModelFrame(conn, [file], asControl);
    expect(frame.controls).toContain('phone_number');
  });
});
