import { describe, expect, it } from 'vitest';
import { csvOptionsFromForm, describeCsvOptions, formFromCsvOptions } from './csvOptionsForm';

describe('CSV options form', () => {
  it('round-trips fixed options and leaves the rest to detection', () => {
    const options = {
      encoding: 'utf-16le' as const,
      delimiter: ';',
      decimalSeparator: ',' as const,
      header: false,
      dateFormat: '%d.%m.%Y',
    };
    expect(csvOptionsFromForm(formFromCsvOptions(options))).toEqual(options);
    expect(csvOptionsFromForm(formFromCsvOptions(undefined))).toEqual({});
    expect(
      csvOptionsFromForm({
        encoding: 'auto',
        delimiter: 'auto',
        decimalSeparator: 'auto',
        header: 'auto',
        dateFormat: '  ',
      }),
    ).toEqual({});
  });

  it('shows an unusual detected delimiter as detect in the form but describes it', () => {
    expect(formFromCsvOptions({ delimiter: '#' }).delimiter).toBe('auto');
    expect(describeCsvOptions({ delimiter: '#' })).toBe('"#"');
    expect(describeCsvOptions({ header: false })).toBe('no header');
    expect(
      describeCsvOptions({
        delimiter: '\t',
        decimalSeparator: '.',
        header: true,
        dateFormat: '%Y-%m-%d',
      }),
    ).toBe('tab · decimal . · %Y-%m-%d');
    expect(describeCsvOptions({ encoding: 'windows-1252', delimiter: ';' })).toBe(
      'Windows-1252 (Latin-1) · semicolon ;',
    );
    expect(describeCsvOptions({ encoding: 'utf-8' })).toBe('');
  });
});
