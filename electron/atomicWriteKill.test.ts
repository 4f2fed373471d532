/**
 * Nothing lost when the writer dies: a process saving a large file through `writeFileAtomically`
 * (with `.bak`) is killed with SIGKILL at random moments, RUNS times. After each kill the target
 * must hold a complete version no older than the one before (never a torn one), the `.bak`, where
 * there is one, must be complete too, and nothing else may have been touched. The test also counts
 * the kills that landed mid-write (a temporary file was left beside the target), so it proves it
 * hit the window it is about.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { completeVersion, versionContents } from './testing/killedWriter';

const RUNS = 100;
/** Large enough that a write takes milliseconds, so kills land inside it. */
const SIZE = 2 * 1024 ** 2;

let folder: string;
let writer: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'workbench-kill-'));
  // Plain JavaScript for a fast-starting `node`: one bundle of the writer and atomicWrite.ts.
  writer = path.join(folder, 'killedWriter.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./testing/killedWriter.ts', import.meta.url))],
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
  });
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Seeded delays (a linear congruential generator) so a failing run can be replayed. */
function delays(count: number, maxMilliseconds: number): number[] {
  let state = 20261207;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648) * maxMilliseconds;
  });
}

/** Starts the writer at `first`, kills it `delay` ms after it says it is writing. */
function killWhileWriting(target: string, first: number, delay: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, target, String(SIZE), String(first)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delay));
    child.once('error', reject);
    child.once('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve()
        : reject(new Error(`writer exited without the kill (${signal})`)),
    );
  });
}

it(`keeps a complete file through ${RUNS} SIGKILLs at random points of large writes`, async () => {
  const target = path.join(folder, 'plan.mmmplan');
  const untouched = path.join(folder, 'other-file.json');
  await writeFile(target, versionContents(0, SIZE));
  await writeFile(untouched, 'not the writer’s');
  let newest = 0;
  let killedMidWrite = 0;
  const failures: string[] = [];
  for (const [run, delay] of delays(RUNS, 80).entries()) {
    await killWhileWriting(target, newest + 1, delay);
    const version = completeVersion(await readFile(target));
    if (version === null || version < newest) failures.push(`run ${run}: target holds ${version}`);
    else newest = version;
    const names = await readdir(folder);
    if (names.includes('plan.mmmplan.bak')) {
      const backup = completeVersion(await readFile(path.join(folder, 'plan.mmmplan.bak')));
      if (backup === null || backup > newest) failures.push(`run ${run}: .bak holds ${backup}`);
    }
    const temporaries = names.filter((name) => name.endsWith('.tmp'));
    if (temporaries.length > 0) killedMidWrite++;
    // What a kill leaves is only ever a temporary beside the target; clear it for the next run.
    for (const name of temporaries) await rm(path.join(folder, name));
    expect(names.filter((name) => !name.endsWith('.tmp')).sort()).toEqual(
      expect.arrayContaining(['other-file.json', 'plan.mmmplan']),
    );
  }
  console.log(
    `atomic write kill test: ${RUNS} SIGKILLs, ${killedMidWrite} mid-write, ${failures.length} failures, ${newest} versions saved`,
  );
  expect(failures).toEqual([]);
  expect(await readFile(untouched, 'utf8')).toBe('not the writer’s');
  // The kills hit the writes themselves, not only the gaps between them, and writes did complete
  // between kills (how many depends on the machine's load).
  expect(killedMidWrite).toBeGreaterThan(RUNS / 4);
  expect(newest).toBeGreaterThan(0);
}, 300_000);
