/**
 * Checks over what ships, run after the Playwright server has built the renderer (dist/):
 *
 * 1. electronegativity (Doyensec's static checker for Electron apps) over the shell's sources
 *    (electron/) and the built renderer (dist/), offline: no finding of high severity. It exits 0
 *    whatever it finds, so its findings are read (as a library, see `electronegativity`); a deliberately insecure shell is flagged, so a
 *    clean result means something.
 * 2. electron-builder packs the app for Linux (`--dir`) with the real configuration
 *    (build/electron-builder.json) and a stand-in Electron distribution (the binary cannot be
 *    downloaded here; fuses, which patch the real binary, are left out of this run only). The asar
 *    it writes is listed: package.json, dist/ and dist-electron/, nothing else.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { expect, test } from './helpers/test';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const packageJson = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  devDependencies: Record<string, string>;
};

test.describe.configure({ mode: 'serial', timeout: 300_000 });

let scratch: string;
test.beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'workbench-packaging-'));
  // dist/ is the server's fresh build; the shell is built here (esbuild, about a second).
  await run(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root });
});

test.afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

interface Finding {
  readonly issue: string;
  readonly severity: string;
  readonly file: string;
  readonly location: string;
  readonly sample: string;
}

/** electronegativity's "no CSP found anywhere" finding: its CSP check with no file. */
const noPolicy = (finding: Finding): boolean =>
  finding.issue === 'CSP_GLOBAL_CHECK' && finding.file === 'N/A';

/**
 * Runs electronegativity over `input` with the network refused; returns its findings. Its scanner
 * runs as a library (helpers/electronegativity.cjs), which writes the findings as one JSON file:
 * the tool's own CSV report is written by two racing async writes and came out mangled under load.
 */
async function electronegativity(input: string, name: string): Promise<Finding[]> {
  const report = path.join(scratch, `${name}.json`);
  await run(
    process.execPath,
    [
      '--require',
      path.join(root, 'e2e', 'helpers', 'refuseNetwork.cjs'),
      path.join(root, 'e2e', 'helpers', 'electronegativity.cjs'),
      input,
      report,
      packageJson.devDependencies.electron,
      // Compares against Electron's release list, which is on the network.
      'AvailableSecurityFixesGlobalCheck',
    ],
    { cwd: root, timeout: 240_000, maxBuffer: 16 * 1024 ** 2 },
  );
  const parsed = JSON.parse(await readFile(report, 'utf8')) as {
    errors: number;
    findings: Finding[];
  };
  expect(parsed.findings.length, `electronegativity findings over ${input}`).toBeGreaterThan(0);
  return parsed.findings;
}

test('electronegativity over electron/ and the built renderer: nothing of high severity', async () => {
  // One tree, as the app is one: global checks (navigation limits, CSP) see the shell and the page.
  const input = path.join(scratch, 'app');
  await mkdir(path.join(input, 'electron'), { recursive: true });
  for (const name of await readdir(path.join(root, 'electron')))
    if (name.endsWith('.ts') && !name.endsWith('.test.ts'))
      await cp(path.join(root, 'electron', name), path.join(input, 'electron', name));
  await cp(path.join(root, 'dist'), path.join(input, 'dist'), { recursive: true });
  await cp(path.join(root, 'package.json'), path.join(input, 'package.json'));

  const findings = await electronegativity(input, 'app');
  const summary = findings.map((f) => `${f.severity} ${f.issue} ${f.file}:${f.location}`);
  test.info().annotations.push({ type: 'electronegativity', description: summary.join('\n') });
  console.log(`electronegativity findings (electron/ + dist/):\n${summary.join('\n')}`);
  expect(
    findings.filter((finding) => finding.severity === 'HIGH'),
    summary.join('\n'),
  ).toEqual([]);
  // It read the shell and found the policy: the meta tag in dist/index.html, not "no CSP".
  expect(findings.some((finding) => finding.file.startsWith('electron/'))).toBe(true);
  expect(findings.filter(noPolicy)).toEqual([]);

  const insecure = await electronegativity(
    path.join(root, 'e2e', 'fixtures', 'insecure-electron'),
    'insecure',
  );
  const high = insecure.filter((finding) => finding.severity === 'HIGH').map((f) => f.issue);
  expect(high).toEqual(
    expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']),
  );
  // The shell without a policy is told so: the "no CSP" finding above can fail.
  expect(insecure.filter(noPolicy)).toHaveLength(1);
});

test('electron-builder packs only package.json, dist/ and dist-electron/ into the asar', async () => {
  const config = JSON.parse(
    await readFile(path.join(root, 'build', 'electron-builder.json'), 'utf8'),
  ) as Record<string, unknown>;
  // A stand-in for Electron's Linux distribution: an executable and a resources folder.
  const electronDist = path.join(scratch, 'electron-dist');
  await mkdir(path.join(electronDist, 'resources'), { recursive: true });
  await writeFile(path.join(electronDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
  const output = path.join(scratch, 'release');
  const testConfig = path.join(scratch, 'electron-builder.json');
  const { electronFuses: _fuses, ...packable } = config;
  await writeFile(
    testConfig,
    JSON.stringify({
      ...packable,
      electronDist,
      beforeBuild: path.join(root, String(config.beforeBuild)),
      directories: { ...(config.directories as object), output },
    }),
  );
  const builder = path.join(
    path.dirname(require.resolve('electron-builder/package.json')),
    'cli.js',
  );
  await run(
    process.execPath,
    [builder, '--linux', 'dir', '--config', testConfig, '--publish', 'never'],
    {
      cwd: root,
      timeout: 240_000,
      maxBuffer: 16 * 1024 ** 2,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    },
  );
  const asar = require('@electron/asar') as { listPackage(file: string): string[] };
  const packed = asar
    .listPackage(path.join(output, 'linux-unpacked', 'resources', 'app.asar'))
    .map((entry) => entry.replace(/^[\\/]/, '').replaceAll('\\', '/'));
  const files = packed.filter((entry) => entry.includes('.'));

  const outside = files.filter(
    (file) =>
      file !== 'package.json' && !file.startsWith('dist/') && !file.startsWith('dist-electron/'),
  );
  expect(outside, 'files packed outside package.json, dist/ and dist-electron/').toEqual([]);
  expect(files.filter((file) => /\.(ts|map)$|node_modules/.test(file))).toEqual([]);
  const built = (await readdir(path.join(root, 'dist', 'assets'))).map((n) => `dist/assets/${n}`);
  expect(files).toEqual(
    expect.arrayContaining([
      'package.json',
      'dist/index.html',
      ...built,
      packageJson.main,
      'dist-electron/preload.cjs',
    ]),
  );
});
