/**
 * `mmm fit`'s data step: the columns the flags name are the user's explicit choice (used even when
 * they look like personal data), `--keep-personal` names more, and a series too short for the model
 * is refused with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIMUM_TRAINING_WEEKS } from '../../models/data';
import { openNodeConnection, type ClosableSqlConnection } from '../duckdbNode';
import { parseFitArguments } from './arguments';
import { loadModelData } from './loadModelData';

const encode = (text: string) => new TextEncoder().encode(text);
let conn: ClosableSqlConnection;

beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

/** Weekly rows: date, revenue, spend_email, tv_spend, phone_number (an integer phone number). */
function weekly(weeks: number): string {
  const rows = Array.from({ length: weeks }, (_, index) => {
    const date = new Date(Date.UTC(2023, 0, 2 + 7 * index)).toISOString().slice(0, 10);
    return `${date},${1000 + ((index * 37) % 101)},${(3.1 + (index % 7) * 0.6).toFixed(2)},${100 + (index % 5)},${4915112345000 + index}`;
  });
  return ['date,revenue,spend_email,tv_spend,phone_number', ...rows].join('\n');
}

const flags = (...extra: string[]) =>
  parseFitArguments(['data.csv', '--date', 'date', '--kpi', 'revenue', ...extra]);

describe('loadModelData', () => {
  it('fits e-mail marketing spend: spend_email is a channel, not personal data', async () => {
    const loaded = await loadModelData(
      conn,
      { name: 'data.csv', bytes: encode(weekly(60)) },
      flags('--channels', 'email=spend_email,tv=tv_spend'),
    );
    expect(loaded.data.channelNames).toEqual(['email', 'tv']);
    expect(loaded.data.spend[0][0]).toBeCloseTo(3.1, 12);
  });

  it('uses a column named in --controls although it looks like personal data', async () => {
    const loaded = await loadModelData(
      conn,
      { name: 'data.csv', bytes: encode(weekly(60)) },
      flags('--channels', 'tv_spend', '--controls', 'phone_number'),
    );
    expect(loaded.data.controlNames).toEqual(['phone_number']);
    expect(loaded.data.controls[0][1]).toBe(4915112345001);
  });

  it('checks that --keep-personal names columns the file has', async () => {
    await expect(
      loadModelData(
        conn,
        { name: 'data.csv', bytes: encode(weekly(60)) },
        flags('--channels', 'tv_spend', '--keep-personal', 'phone'),
      ),
    ).rejects.toThrow("data.csv: no column 'phone' (from --keep-personal)");
  });

  it(`refuses fewer than ${MINIMUM_TRAINING_WEEKS} weeks, saying why`, async () => {
    await expect(
      loadModelData(
        conn,
        { name: 'short.csv', bytes: encode(weekly(2)) },
        flags('--channels', 'tv_spend'),
      ),
    ).rejects.toThrow(
      `short.csv (2023-01-02, column 'date'): 2 weeks of data (2023-01-02 … 2023-01-09): the model needs at least ${MINIMUM_TRAINING_WEEKS} to tell adstock, saturation and trend apart`,
    );
  });
});
