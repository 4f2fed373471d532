import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../electron/contract';
import { dataFileProblem, extensionOf, readDataFiles } from './fileBytes';

describe('extensionOf', () => {
  it.each([
    ['media.CSV', '.csv'],
    ['archive.tar.parquet', '.parquet'],
    ['README', ''],
    ['.hidden', ''],
  ])('%s → %j', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});

describe('dataFileProblem', () => {
  it('accepts CSV, TSV, TXT and Parquet up to the size limit', () => {
    for (const name of ['a.csv', 'b.tsv', 'c.txt', 'd.parquet'])
      expect(dataFileProblem({ name, size: 10 })).toBeNull();
    expect(dataFileProblem({ name: 'e.csv', size: MAX_FILE_BYTES })).toBeNull();
  });

  it('names the file and the reason otherwise', () => {
    expect(dataFileProblem({ name: 'plan.xlsx', size: 10 })).toMatch(
      /^plan\.xlsx: not a data file/,
    );
    expect(dataFileProblem({ name: 'huge.csv', size: MAX_FILE_BYTES + 1 })).toMatch(
      /^huge\.csv: .*2 GiB limit/,
    );
  });
});

describe('readDataFiles', () => {
  it('reads File objects to their exact bytes', async () => {
    const bytes = Uint8Array.from([100, 97, 116, 101, 10, 0, 255]);
    const result = await readDataFiles([new File([bytes], 'x.csv')]);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value[0].name).toBe('x.csv');
      expect(result.value[0].size).toBe(7);
      expect(Array.from(result.value[0].bytes)).toEqual(Array.from(bytes));
    }
  });

  it('refuses the batch when one file is not data, naming it', async () => {
    const result = await readDataFiles([new File(['a'], 'ok.csv'), new File(['b'], 'notes.docx')]);
    expect(result).toEqual({
      ok: false,
      error: { code: 'unsupported-file', message: expect.stringMatching(/^notes\.docx:/) },
    });
  });
});
