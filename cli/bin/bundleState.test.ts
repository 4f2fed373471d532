import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleProblem } from './bundleState.mjs';

const folder = mkdtempSync(join(tmpdir(), 'mmm-bundle-state-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const root = pathToFileURL(`${folder}/`);

describe('bundleProblem (the launcher: prebuilt bundle or sources)', () => {
  it('runs the bundle only while it is newer than every source it was built from', () => {
    expect(bundleProblem(root)).toBe('no prebuilt CLI in dist-cli/');
    mkdirSync(join(folder, 'dist-cli'));
    mkdirSync(join(folder, 'cli'));
    writeFileSync(join(folder, 'cli/main.ts'), '');
    writeFileSync(join(folder, 'cli/gone.ts'), '');
    const builtAt = Date.now();
    writeFileSync(
      join(folder, 'dist-cli/inputs.json'),
      JSON.stringify({ builtAt, sources: ['cli/main.ts', 'cli/absent.ts'] }),
    );
    expect(bundleProblem(root)).toBe('no prebuilt CLI in dist-cli/');
    writeFileSync(join(folder, 'dist-cli/mmm.mjs'), '');
    const before = new Date(builtAt - 60_000);
    utimesSync(join(folder, 'cli/main.ts'), before, before);
    // A source that is not there (an installed copy ships without them) does not count.
    expect(bundleProblem(root)).toBeNull();
    const after = new Date(builtAt + 60_000);
    utimesSync(join(folder, 'cli/main.ts'), after, after);
    expect(bundleProblem(root)).toBe('cli/main.ts is newer than dist-cli/');
  });

  it('the launcher runs the TypeScript sources when asked to (MMM_FROM_SOURCE=1), without a note', () => {
    const run = spawnSync(process.execPath, [join(__dirname, 'mmm.mjs'), '--help'], {
      encoding: 'utf8',
      env: { ...process.env, MMM_FROM_SOURCE: '1' },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/usage: mmm <command>/);
    expect(run.stderr).toBe('');
  });
});
