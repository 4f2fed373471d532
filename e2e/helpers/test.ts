/**
 * `test` and `expect` for every spec that uses Playwright's own `page`: the page is guarded
 * (pageGuard.ts) and a test fails on any CSP violation, console error or uncaught exception in it.
 * Import them from here, not from '@playwright/test' (e2e/csp.spec.ts checks every spec does, or
 * uses `useSharedPage`, which guards its page the same way).
 */
import { expect, test as base } from '@playwright/test';
import { guardPage } from './pageGuard';

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = await guardPage(page);
    await use(page);
    expect(problems.violations, 'Content-Security-Policy violations').toEqual([]);
    expect(problems.errors, 'console errors').toEqual([]);
  },
});

export { expect };
