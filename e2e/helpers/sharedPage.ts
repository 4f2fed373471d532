/**
 * One page for a whole serial spec file (DuckDB's wasm is compiled once), checked after each test
 * for Content-Security-Policy violations and console errors (pageGuard.ts) and, where asked, for
 * requests that left the app's own origin.
 */
import { expect, test } from '@playwright/test';
import type { Page, ViewportSize } from '@playwright/test';
import { guardPage, type PageProblems } from './pageGuard';

export interface SharedPageOptions {
  readonly viewport: ViewportSize;
  /** Fail a test that made the page fetch anything from another host. */
  readonly sameOriginOnly?: boolean;
}

/**
 * Makes the file's tests serial (they share the page and build on each other's state) and
 * registers its beforeAll/afterEach/afterAll hooks; `opened` receives the page.
 */
export function useSharedPage(options: SharedPageOptions, opened: (page: Page) => void): void {
  test.describe.configure({ mode: 'serial', timeout: 420_000 });
  let page: Page | null = null;
  let problems: PageProblems = { violations: [], errors: [] };
  const foreignRequests: string[] = [];

  test.beforeAll(async ({ browser, baseURL }) => {
    const fresh = await browser.newPage({ viewport: options.viewport });
    page = fresh;
    problems = await guardPage(fresh);
    if (options.sameOriginOnly) {
      const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
      fresh.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin)
          foreignRequests.push(request.url());
      });
    }
    opened(fresh);
    await fresh.goto(baseURL ?? '/');
  });

  test.afterEach(() => {
    expect(problems.violations, 'Content-Security-Policy violations').toEqual([]);
    expect(problems.errors, 'console errors').toEqual([]);
    if (options.sameOriginOnly) expect(foreignRequests, 'requests to other hosts').toEqual([]);
  });

  test.afterAll(async () => {
    await page?.close();
  });
}
