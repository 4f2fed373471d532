/**
 * Crash safety of the autosave (issue 16): a process running a fit while it autosaves with the
 * app's own code (electron/testing/autosaveChild.ts) is killed with SIGKILL at a random moment; a
 * restart reads the session back with the app's own reader, and finds the last autosave intact:
 * the meta entry holds a counter at least the last one the process reported saved, and every fit
 * entry decodes in full (nothing set aside, no temporary file left).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../models/random/rng';
import { decodeSession } from '../renderer/session/sessionCodec';
import { readSessionEntries } from './sessionFiles';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** Runs the child until it reported `minimum` saves, waits `extraMs`, then kills it. */
function killMidFit(folder: string, minimum: number, extraMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // One process (tsx as a loader, not its CLI, which would run the script in a grandchild).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/testing/autosaveChild.ts', folder],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let lastSaved = 0;
    let errors = '';
    let killing = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const match of chunk.matchAll(/saved (\d+)/g)) lastSaved = Number(match[1]);
      if (chunk.includes('finished')) reject(new Error('the fit finished before the kill'));
      if (lastSaved >= minimum && !killing) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(lastSaved) : reject(new Error(`child ended: ${errors}`)),
    );
  });
}

describe('autosave survives a kill mid-fit', () => {
  const rng = createRng(16);
  it.each([0, 1, 2])(
    'kill %i: the restart reads the last autosave whole',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'mmm-crash-'));
      folders.push(folder);
      const confirmed = await killMidFit(folder, 3 + rng.int(5), rng.int(400));
      const session = decodeSession(await readSessionEntries(folder), new Date());
      expect(session.setAside).toEqual([]);
      expect(session.meta).not.toBeNull();
      expect(session.meta!.fitSettings!.draws).toBeGreaterThanOrEqual(confirmed);
      expect(session.fits.length).toBeGreaterThanOrEqual(1);
      for (const fit of session.fits) expect(fit.report.draws.count).toBeGreaterThan(0);
      expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    },
    120_000,
  );
});
