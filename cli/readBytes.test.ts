import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HEAD_BYTES } from '../models/data/types';
import { DiskFile, openInputFile, readBytes, readBytesSync } from './readBytes';

const directory = mkdtempSync(join(tmpdir(), 'mmm-read-bytes-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('readBytes', () => {
  it('gives the file as a plain Uint8Array whose slice is a real copy', async () => {
    const path = join(directory, 'a.csv');
    writeFileSync(path, 'date,kpi\n2024-01-01,1\n');
    for (const bytes of [await readBytes(path), readBytesSync(path)]) {
      expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
      expect(new TextDecoder().decode(bytes)).toBe('date,kpi\n2024-01-01,1\n');
      const copy = bytes.slice();
      copy[0] = 0;
      expect(bytes[0]).toBe('d'.charCodeAt(0));
      // Transferring the copy's memory leaves the original readable.
      structuredClone(copy, { transfer: [copy.buffer] });
      expect(bytes.length).toBe(22);
    }
  });
});

describe('openInputFile', () => {
  it('gives a small file whole, with no source', async () => {
    const path = join(directory, 'small.csv');
    writeFileSync(path, 'date,kpi\n2024-01-01,1\n');
    const input = await openInputFile(path);
    expect(input.name).toBe('small.csv');
    expect(new TextDecoder().decode(input.bytes)).toBe('date,kpi\n2024-01-01,1\n');
    expect(input.source).toBeUndefined();
  });

  it('gives a larger file as its head and a source DuckDB reads in place', async () => {
    const path = join(directory, 'large.csv');
    const bytes = new Uint8Array(HEAD_BYTES + 1000).map((_, index) => 97 + (index % 26));
    writeFileSync(path, bytes);
    const input = await openInputFile(path);
    // Compared as Buffers: vitest's deep equality over 4 MiB arrays takes minutes.
    const same = (a: Uint8Array | undefined, b: Uint8Array) =>
      a !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
    expect(input.bytes.length).toBe(HEAD_BYTES);
    expect(same(input.bytes, bytes.subarray(0, HEAD_BYTES))).toBe(true);
    expect(input.source?.size).toBe(bytes.length);
    expect(input.source?.handle).toEqual(new DiskFile(resolve(path)));
    expect(same(await input.source?.read(), bytes)).toBe(true);
  });

  it('names the path and the reason when it cannot be read', async () => {
    await expect(openInputFile(join(directory, 'missing.csv'))).rejects.toThrow(
      /^cannot read .*missing\.csv: no such file$/,
    );
    await expect(openInputFile(directory)).rejects.toThrow(/: it is a folder$/);
  });
});
