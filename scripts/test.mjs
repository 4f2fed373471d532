#!/usr/bin/env node
// The project's test command: unit tests (vitest), then end-to-end tests (Playwright in Chromium),
// then one closing line "N passed, N failed, N skipped" over both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const outDir = 'test-results';
mkdirSync(outDir, { recursive: true });
const vitestJson = `${outDir}/vitest.json`;
const playwrightJson = `${outDir}/playwright.json`;
for (const f of [vitestJson, playwrightJson]) rmSync(f, { force: true });

const only = process.argv[2]; // optional: 'unit' or 'e2e'
const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function run(args, env = {}) {
  const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

if (only !== 'e2e') {
  const status = run([
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
  ]);
  if (existsSync(vitestJson)) {
    const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) totals.failed += r.numFailedTestSuites;
  } else {
    totals.failed += 1;
  }
  if (status !== 0) exitCode = 1;
}

if (only !== 'unit') {
  const status = run(['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
  });
  if (existsSync(playwrightJson)) {
    const s = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats;
    totals.passed += s.expected + (s.flaky ?? 0);
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
  } else {
    totals.failed += 1;
  }
  if (status !== 0) exitCode = 1;
}

if (totals.failed > 0) exitCode = 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
