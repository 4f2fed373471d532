import { describe, expect, it } from 'vitest';
import { parseLiftTests } from './liftTestsFile';

describe('parseLiftTests', () => {
  it('reads experiments with header aliases and blank lines', () => {
    const text =
      'Channel,Start,End,Measured_Lift,SE\r\ntv,2024-01-01,2024-01-28,15000,2500\n\nsearch,2024-02-05,2024-02-05,-3.5,1e2\n';
    expect(parseLiftTests(text, 'lift.csv', ['tv', 'search'])).toEqual([
      {
        channel: 'tv',
        startDate: '2024-01-01',
        endDate: '2024-01-28',
        measuredLift: 15000,
        standardError: 2500,
      },
      {
        channel: 'search',
        startDate: '2024-02-05',
        endDate: '2024-02-05',
        measuredLift: -3.5,
        standardError: 100,
      },
    ]);
  });

  it('names the file, line and field of each mistake', () => {
    const header = 'channel,start_date,end_date,lift,standard_error\n';
    expect(() => parseLiftTests('channel,start,lift,se\n', 'l.csv', ['tv'])).toThrow(
      "l.csv: no 'end_date' column",
    );
    expect(() =>
      parseLiftTests(`${header}radio,2024-01-01,2024-01-07,1,1`, 'l.csv', ['tv']),
    ).toThrow("l.csv:2: channel 'radio' is not among --channels (tv)");
    expect(() => parseLiftTests(`${header}tv,01/01/2024,2024-01-07,1,1`, 'l.csv', ['tv'])).toThrow(
      "l.csv:2: start_date '01/01/2024' is not a YYYY-MM-DD date",
    );
    expect(() => parseLiftTests(`${header}tv,2024-01-08,2024-01-01,1,1`, 'l.csv', ['tv'])).toThrow(
      'before start_date',
    );
    expect(() =>
      parseLiftTests(`${header}tv,2024-01-01,2024-01-07,abc,1`, 'l.csv', ['tv']),
    ).toThrow("lift 'abc' is not a number");
    expect(() => parseLiftTests(`${header}tv,2024-01-01,2024-01-07,1,0`, 'l.csv', ['tv'])).toThrow(
      "standard_error '0' must be a positive number",
    );
    expect(() => parseLiftTests('', 'l.csv', ['tv'])).toThrow('l.csv: the file is empty');
  });
});
