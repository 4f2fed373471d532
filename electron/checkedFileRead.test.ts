import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatBytes, readCheckedFile } from './checkedFileRead';
import { MAX_FILE_BYTES } from './contract';
import { dataFilePolicy, droppedFilePolicies, type FilePolicy, planFilePolicy } from './filePolicy';
import { ShellError } from './shellError';

let folder: string;
const csv = 'week,sales,tv\n2024-01-01,100.5,20\n2024-01-08,98.25,0\n';

beforeAll(async () => {
  folder = await mkdtemp(nodePath.join(tmpdir(), 'workbench-files-'));
  await writeFile(nodePath.join(folder, 'weekly.csv'), csv);
  await writeFile(nodePath.join(folder, 'UPPER.PARQUET'), new Uint8Array([0x50, 0x41, 0x52, 0x31]));
  await writeFile(nodePath.join(folder, 'settings.json'), '{"token":"secret"}');
  await writeFile(nodePath.join(folder, 'q3.mmmplan.json'), '{"version":1}');
  await writeFile(nodePath.join(folder, 'q4.mmmplan'), '{"version":1}');
  await writeFile(nodePath.join(folder, 'notes.docx'), 'x');
  await mkdir(nodePath.join(folder, 'folder.csv'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function refusal(
  path: string,
  policies: readonly FilePolicy[] = [dataFilePolicy],
): Promise<ShellError> {
  try {
    await readCheckedFile(path, policies);
  } catch (error) {
    if (error instanceof ShellError) return error;
    throw error;
  }
  throw new Error(`expected ${path} to be refused`);
}

describe('readCheckedFile', () => {
  it('reads an accepted file byte-exact and reports its kind', async () => {
    const result = await readCheckedFile(nodePath.join(folder, 'weekly.csv'), droppedFilePolicies);
    expect(result.kind).toBe('data');
    expect(result.file.name).toBe('weekly.csv');
    expect(result.file.size).toBe(Buffer.byteLength(csv));
    expect(new TextDecoder().decode(result.file.bytes)).toBe(csv);
  });

  it('reads only the head of a large data file when asked (a drop), and a plan file whole', async () => {
    const path = nodePath.join(folder, 'large.csv');
    await writeFile(path, csv.repeat(100));
    const result = await readCheckedFile(path, droppedFilePolicies, { dataHeadBytes: 50 });
    expect(result.file.size).toBe(Buffer.byteLength(csv) * 100);
    expect(new TextDecoder().decode(result.file.bytes)).toBe(csv.repeat(100).slice(0, 50));
    const small = await readCheckedFile(nodePath.join(folder, 'weekly.csv'), droppedFilePolicies, {
      dataHeadBytes: 1000,
    });
    expect(new TextDecoder().decode(small.file.bytes)).toBe(csv);
    expect(small.file.size).toBe(Buffer.byteLength(csv));
    const plan = await readCheckedFile(
      nodePath.join(folder, 'q3.mmmplan.json'),
      droppedFilePolicies,
      {
        dataHeadBytes: 5,
      },
    );
    expect(new TextDecoder().decode(plan.file.bytes)).toBe('{"version":1}');
    expect(plan.file.size).toBe(13);
  });

  it('matches extensions case-insensitively', async () => {
    const result = await readCheckedFile(nodePath.join(folder, 'UPPER.PARQUET'), [dataFilePolicy]);
    expect(Array.from(result.file.bytes)).toEqual([0x50, 0x41, 0x52, 0x31]);
  });

  it('refuses relative paths', async () => {
    const error = await refusal('weekly.csv');
    expect(error.code).toBe('not-absolute');
    expect(error.message).toContain('weekly.csv');
  });

  it('refuses a missing file, naming it', async () => {
    const error = await refusal(nodePath.join(folder, 'gone.csv'));
    expect(error.code).toBe('file-not-found');
    expect(error.message).toBe('"gone.csv" does not exist.');
  });

  it('refuses a directory even when its name looks like data', async () => {
    const error = await refusal(nodePath.join(folder, 'folder.csv'));
    expect(error.code).toBe('not-a-file');
    expect(error.message).toContain('folder.csv');
  });

  it('refuses other extensions, listing the accepted ones', async () => {
    const error = await refusal(nodePath.join(folder, 'notes.docx'));
    expect(error.code).toBe('unsupported-extension');
    expect(error.message).toContain('"notes.docx"');
    expect(error.message).toContain('.csv, .tsv, .txt, .parquet');
  });

  it('accepts any .json through the plan dialog but only .mmmplan(.json) from a drop', async () => {
    const fromDialog = await readCheckedFile(nodePath.join(folder, 'settings.json'), [
      planFilePolicy,
    ]);
    expect(fromDialog.kind).toBe('plan');
    const dropped = await refusal(nodePath.join(folder, 'settings.json'), droppedFilePolicies);
    expect(dropped.code).toBe('unsupported-extension');
    const droppedPlan = await readCheckedFile(
      nodePath.join(folder, 'q3.mmmplan.json'),
      droppedFilePolicies,
    );
    expect(droppedPlan.kind).toBe('plan');
    const droppedNative = await readCheckedFile(
      nodePath.join(folder, 'q4.mmmplan'),
      droppedFilePolicies,
    );
    expect(droppedNative.kind).toBe('plan');
  });

  it('refuses a file one byte over the 2 GiB limit without reading it', async () => {
    const huge = nodePath.join(folder, 'huge.csv');
    await writeFile(huge, '');
    await truncate(huge, MAX_FILE_BYTES + 1); // sparse: no disk used
    try {
      const error = await refusal(huge);
      expect(error.code).toBe('file-too-large');
      expect(error.message).toBe(
        '"huge.csv" is 2 GiB (2,147,483,649 bytes); the limit for data files is 2 GiB (2,147,483,648 bytes).',
      );
    } finally {
      await rm(huge, { force: true });
    }
  });

  it('accepts a file exactly at the limit of its policy and refuses one byte more', async () => {
    const policy: FilePolicy = { ...dataFilePolicy, maxBytes: 10 };
    const path = nodePath.join(folder, 'limit.csv');
    await writeFile(path, '0123456789');
    expect((await readCheckedFile(path, [policy])).file.size).toBe(10);
    await writeFile(path, '0123456789A');
    const error = await refusal(path, [policy]);
    expect(error.code).toBe('file-too-large');
    expect(error.message).toBe('"limit.csv" is 11 bytes; the limit for data files is 10 bytes.');
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a named pipe without blocking on it',
    async () => {
      const pipe = nodePath.join(folder, 'pipe.csv');
      execFileSync('mkfifo', [pipe]);
      const error = await refusal(pipe);
      expect(error.code).toBe('not-a-file');
    },
  );
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GiB');
    expect(formatBytes(64 * 1024 ** 2)).toBe('64 MiB');
  });
});
