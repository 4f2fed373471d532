import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBytes, readBytesSync } from './readBytes';

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
