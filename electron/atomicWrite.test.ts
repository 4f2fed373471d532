import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './atomicWrite';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'atomic-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('writeFileAtomically', () => {
  it('writes a new file and leaves no temporary behind', async () => {
    const target = join(folder, 'plan.mmmplan');
    await writeFileAtomically(target, 'one');
    expect(readFileSync(target, 'utf8')).toBe('one');
    expect(readdirSync(folder)).toEqual(['plan.mmmplan']);
  });

  it('replaces a file, keeping the previous one as .bak when asked', async () => {
    const target = join(folder, 'plan.mmmplan');
    await writeFileAtomically(target, 'one', { keepBackup: true });
    expect(readdirSync(folder)).toEqual(['plan.mmmplan']);
    await writeFileAtomically(target, 'two', { keepBackup: true });
    expect(readFileSync(target, 'utf8')).toBe('two');
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe('one');
    await writeFileAtomically(target, new TextEncoder().encode('three'));
    expect(readFileSync(target, 'utf8')).toBe('three');
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe('one');
  });

  it('a failed write names the path and why, and leaves the old file and no temporary', async () => {
    const target = join(folder, 'x.json');
    writeFileSync(target, 'old');
    await expect(writeFileAtomically(join(folder, 'missing', 'y.json'), 'z')).rejects.toThrow(
      /cannot write .*y\.json: the folder does not exist/,
    );
    if (process.getuid?.() !== 0) {
      chmodSync(folder, 0o500);
      await expect(writeFileAtomically(target, 'new')).rejects.toThrow(/permission denied/);
      chmodSync(folder, 0o700);
    }
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(folder)).toEqual(['x.json']);
  });
});
