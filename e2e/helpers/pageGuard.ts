/**
 * Watches a page for what must never happen in the app: a Content-Security-Policy violation (in the
 * page or in any of its workers), a console error, an uncaught exception. Every end-to-end test gets
 * one: `useSharedPage` guards its page, and `test` from `./test` guards the `page` fixture.
 *
 * A violation the code catches (zod's `Function('')` probe, say) writes no console line: only the
 * `securitypolicyviolation` event tells, and it fires in the realm that broke the rule. So the page
 * gets a listener before its own scripts run, and each worker script is served with one in front.
 */
import type { ConsoleMessage, Page } from '@playwright/test';

/** Console text Chromium writes when the policy blocks something. */
const CSP_CONSOLE_TEXT =
  /Content[- ]Security[- ]Policy|Refused to (load|execute|connect|create|apply|compile|evaluate|frame)/i;

/** How the listeners below report: a console error starting with this. */
const VIOLATION_PREFIX = 'securitypolicyviolation:';

/** Worker scripts of the built app (Vite names them `x.worker-hash.js`; DuckDB's is one too). */
const WORKER_SCRIPT = /\.worker[-.][^/]*\.js$/;

/**
 * The listener, as text run in the page or worker itself (this project's Node typings have no DOM).
 * `self` is the window in a page and the worker's global scope in a worker.
 */
export const VIOLATION_LISTENER = `self.addEventListener('securitypolicyviolation', (event) => console.error('${VIOLATION_PREFIX} ' + event.effectiveDirective + ' blocked ' + (event.blockedURI || '(inline)') + ' in ' + (event.sourceFile || self.location.href) + ':' + event.lineNumber));`;

export interface PageProblems {
  /** CSP violations: from `securitypolicyviolation` events and from console lines. */
  readonly violations: string[];
  /** Console errors and uncaught exceptions that are not CSP violations. */
  readonly errors: string[];
}

/** Starts watching `page` (call before its first `goto`); the lists fill as problems happen. */
export async function guardPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { violations: [], errors: [] };
  // The page's console events include its workers' messages.
  page.on('console', (message: ConsoleMessage) => {
    const text = message.text();
    if (text.startsWith(VIOLATION_PREFIX) || CSP_CONSOLE_TEXT.test(text))
      problems.violations.push(text);
    else if (message.type() === 'error') problems.errors.push(text);
  });
  page.on('pageerror', (error) => problems.errors.push(`page error: ${error.message}`));
  await page.addInitScript({ content: VIOLATION_LISTENER });
  // One statement in front of the worker's own code (classic or module): its headers, CSP
  // included, stay as the server sent them.
  await page.route(WORKER_SCRIPT, async (route) => {
    const response = await route.fetch();
    if (!response.ok()) return route.fulfill({ response });
    await route.fulfill({ response, body: `${VIOLATION_LISTENER}\n${await response.text()}` });
  });
  return problems;
}

/** Every problem a guarded page had, violations first: `[]` when the page was clean. */
export function everyProblem(problems: PageProblems): string[] {
  return [...problems.violations, ...problems.errors];
}
