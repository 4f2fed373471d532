/**
 * Reads a lift-test CSV for `mmm fit --lift-tests`: a header naming the columns channel,
 * start_date, end_date, lift (or measured_lift) and standard_error (or se), then one experiment
 * per line (comma-separated, no quoting; dates YYYY-MM-DD; lift and standard error in KPI units).
 * An optional `geo` column names the geo a test ran in (for `--geo` fits; empty: a national test).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LiftTest } from '../../models/mmm';

const ALIASES: Record<string, keyof LiftTest> = {
  channel: 'channel',
  start_date: 'startDate',
  start: 'startDate',
  end_date: 'endDate',
  end: 'endDate',
  lift: 'measuredLift',
  measured_lift: 'measuredLift',
  standard_error: 'standardError',
  se: 'standardError',
  geo: 'geo',
};

export function parseLiftTests(
  text: string,
  fileName: string,
  channels: readonly string[],
): LiftTest[] {
  const lines = text
    .split(/\r?\n/)
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== '');
  if (lines.length === 0) throw new Error(`${fileName}: the file is empty`);
  const header = lines[0].line.split(',').map((cell) => cell.trim().toLowerCase());
  const index = new Map<keyof LiftTest, number>();
  header.forEach((name, i) => {
    const field = ALIASES[name];
    if (field) index.set(field, i);
  });
  for (const [field, label] of [
    ['channel', 'channel'],
    ['startDate', 'start_date'],
    ['endDate', 'end_date'],
    ['measuredLift', 'lift'],
    ['standardError', 'standard_error'],
  ] as const) {
    if (!index.has(field))
      throw new Error(`${fileName}: no '${label}' column in the header (${header.join(', ')})`);
  }
  return lines.slice(1).map(({ line, number }) => {
    const cells = line.split(',').map((cell) => cell.trim());
    const cell = (field: keyof LiftTest): string => cells[index.get(field)!] ?? '';
    const where = `${fileName}:${number}`;
    const channel = cell('channel');
    if (!channels.includes(channel))
      throw new Error(
        `${where}: channel '${channel}' is not among --channels (${channels.join(', ')})`,
      );
    for (const field of ['startDate', 'endDate'] as const) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(cell(field)))
        throw new Error(
          `${where}: ${field === 'startDate' ? 'start_date' : 'end_date'} '${cell(field)}' is not a YYYY-MM-DD date`,
        );
    }
    if (cell('endDate') < cell('startDate'))
      throw new Error(
        `${where}: end_date ${cell('endDate')} is before start_date ${cell('startDate')}`,
      );
    const measuredLift = Number(cell('measuredLift'));
    const standardError = Number(cell('standardError'));
    if (cell('measuredLift') === '' || !Number.isFinite(measuredLift))
      throw new Error(`${where}: lift '${cell('measuredLift')}' is not a number`);
    if (!(standardError > 0) || !Number.isFinite(standardError))
      throw new Error(
        `${where}: standard_error '${cell('standardError')}' must be a positive number`,
      );
    const geo = index.has('geo') ? cell('geo') : '';
    return {
      channel,
      startDate: cell('startDate'),
      endDate: cell('endDate'),
      measuredLift,
      standardError,
      ...(geo !== '' ? { geo } : {}),
    };
  });
}

export async function readLiftTests(
  path: string,
  channels: readonly string[],
): Promise<LiftTest[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot read the lift tests ${path}: ${code === 'ENOENT' ? 'no such file' : String(error)}`,
    );
  }
  return parseLiftTests(text, basename(path), channels);
}
