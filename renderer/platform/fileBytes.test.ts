import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../electron/contract';
import { HEAD_BYTES } from '../../models/data/types';
import {
  dataFileProblem,
  extensionOf,
  inputFileOf,
  readDataFiles,
  withDroppedFile,
} from './fileBytes';

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

  it('reads a larger file only to its head and keeps the File for the engine to read in place', async () => {
    const bytes = new Uint8Array(HEAD_BYTES + 10).map((_, index) => index % 251);
    const file = new File([bytes], 'big.csv');
    const result = await readDataFiles([file]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [opened] = result.value;
    expect([opened.size, opened.bytes.length, opened.file]).toEqual([
      bytes.length,
      HEAD_BYTES,
      file,
    ]);
    expect(Buffer.from(opened.bytes).equals(bytes.subarray(0, HEAD_BYTES))).toBe(true);
    const input = inputFileOf(opened);
    expect(input.bytes).toBe(opened.bytes);
    expect([input.source?.size, input.source?.handle]).toEqual([bytes.length, file]);
    const whole = await input.source?.read();
    expect(whole !== undefined && Buffer.from(whole).equals(bytes)).toBe(true);
  });

  it("pairs a desktop drop's head with the page's File, and refuses a head without one", () => {
    const file = new File([new Uint8Array(HEAD_BYTES + 5)], 'dropped.csv');
    const head = { name: 'dropped.csv', size: HEAD_BYTES + 5, bytes: new Uint8Array(HEAD_BYTES) };
    expect(withDroppedFile(head, file).file).toBe(file);
    expect(inputFileOf(withDroppedFile(head, file)).source?.handle).toBe(file);
    // Not the same file (another size), or no File at all: nothing to pair, and the import is refused.
    const other = new File([new Uint8Array(3)], 'dropped.csv');
    expect(withDroppedFile(head, other).file).toBeUndefined();
    expect(() => inputFileOf(withDroppedFile(head, undefined))).toThrow(
      /^dropped\.csv: only 4194304 of its 4194309 bytes arrived; open it again$/,
    );
    const whole = { name: 'small.csv', size: 3, bytes: new Uint8Array(3) };
    expect(withDroppedFile(whole, other)).toBe(whole);
  });

  it('gives a file of at most the head size whole, without a source', async () => {
    const result = await readDataFiles([new File([new Uint8Array(HEAD_BYTES)], 'edge.csv')]);
    expect(result.ok && result.value[0].bytes.length).toBe(HEAD_BYTES);
    expect(result.ok && result.value[0].file).toBeUndefined();
    if (result.ok) expect(inputFileOf(result.value[0]).source).toBeUndefined();
  });

  it('refuses the batch when one file is not data, naming it', async () => {
    const result = await readDataFiles([new File(['a'], 'ok.csv'), new File(['b'], 'notes.docx')]);
    expect(result).toEqual({
      ok: false,
      error: { code: 'unsupported-file', message: expect.stringMatching(/^notes\.docx:/) },
    });
  });
});
