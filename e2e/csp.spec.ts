/**
 * The Content-Security-Policy under test: the server every end-to-end test runs against (`npm run
 * web`, vite preview) answers with the desktop's own security headers, the built page carries the
 * policy, the browser enforces it, and the guard every test has (pageGuard.ts) sees a violation in
 * the page and in a worker. The last test checks that every spec is guarded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../electron/contentSecurityPolicy';
import { guardPage, VIOLATION_LISTENER } from './helpers/pageGuard';
import { expect, test } from './helpers/test';

const e2eFolder = path.dirname(fileURLToPath(import.meta.url));
const distAssets = path.join(e2eFolder, '..', 'dist', 'assets');

test('every response carries the desktop security headers: page, scripts, workers, wasm', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('nav-data')).toBeVisible();
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  expect(await meta.getAttribute('content'), 'the policy in the built page').toBe(
    CONTENT_SECURITY_POLICY,
  );
  // The server serves dist/ as built by scripts/web.mjs: ask for one file of each kind.
  const assets = readdirSync(distAssets);
  const kinds = [/^index-.*\.js$/, /^index-.*\.css$/, /\.worker-.*\.js$/, /\.wasm$/, /\.csv$/];
  const urls = ['/', ...kinds.map((kind) => `/assets/${assets.find((name) => kind.test(name))}`)];
  for (const url of urls) {
    const answer = await request.get(url);
    expect(answer.status(), url).toBe(200);
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(answer.headers()[name.toLowerCase()], `${name} on ${url}`).toBe(value);
  }
});

test('the browser enforces the policy and the guard sees page and worker violations', async ({
  browser,
  baseURL,
}) => {
  const page = await browser.newPage();
  try {
    const problems = await guardPage(page);
    await page.goto(baseURL ?? '/');
    await expect(page.getByTestId('nav-data')).toBeVisible();
    expect(problems.violations).toEqual([]);

    // Page code is text here: this project's Node typings have no DOM.
    // An injected inline script (what a rendered `<script>` from a file would be) is blocked.
    await page.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'document.title = "injected"';
      document.head.append(script);
    }`);
    await expect.poll(() => problems.violations.length).toBeGreaterThan(0);
    expect(await page.title()).not.toBe('injected');
    expect(problems.violations.join('\n')).toMatch(/script-src/);

    // Violations a worker catches itself write no console line: the listener the guard puts in front
    // of every worker script reports them. This probe evaluates a string (as zod's probe does) and
    // fetches from another origin (a loopback port nothing listens on: blocked before sending).
    const before = problems.violations.length;
    const probe = [
      VIOLATION_LISTENER,
      "try { Function(''); } catch { /* refused */ }",
      "fetch('http://127.0.0.1:9/leak').catch(() => undefined);",
    ].join('\n');
    await page.route('**/assets/probe.worker-csp.js', (route) =>
      route.fulfill({
        headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/javascript' },
        body: probe,
      }),
    );
    await page.evaluate(`new Worker('./assets/probe.worker-csp.js')`);
    await expect.poll(() => problems.violations.length).toBeGreaterThan(before + 1);
    const fromWorker = problems.violations.slice(before).join('\n');
    expect(fromWorker).toMatch(/script-src blocked eval/);
    expect(fromWorker).toMatch(/connect-src blocked http:\/\/127\.0\.0\.1:9\/leak/);

    // ...and the guard does put it in front of the app's own worker scripts.
    const worker = readdirSync(distAssets).find((name) => name.startsWith('chain.worker-'));
    const served = await page.evaluate(
      `fetch('./assets/${worker}').then((answer) => answer.text())`,
    );
    expect(String(served).startsWith(VIOLATION_LISTENER)).toBe(true);
  } finally {
    await page.close();
  }
});

test('every spec is guarded: imports test from helpers/test, or uses useSharedPage only', () => {
  const unguarded: string[] = [];
  const specs = readdirSync(e2eFolder).filter((name) => name.endsWith('.spec.ts'));
  for (const name of specs) {
    const source = readFileSync(path.join(e2eFolder, name), 'utf8');
    const guardedTest = /import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'\.\/helpers\/test'/.test(source);
    const rawTest = /import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'@playwright\/test'/.test(source);
    const sharedPage = source.includes('useSharedPage(');
    const usesPageFixture = /\(\s*\{[^}]*\b(page|context)\b[^}]*\}\s*\)\s*=>/.test(source);
    if (guardedTest && !rawTest) continue;
    if (sharedPage && !usesPageFixture) continue;
    unguarded.push(name);
  }
  expect(specs.length).toBeGreaterThanOrEqual(5);
  expect(unguarded, 'specs whose pages are not checked for CSP violations').toEqual([]);
});
