/**
 * The desktop shell end to end.
 *
 * 1. In Electron itself (skipped where the Electron binary is absent: it is downloaded on first
 *    use and this machine is offline): the window opens on app://workbench/, the page sees
 *    `window.workbench` and no Node (`require`, `process`), and an IPC round trip passes main's
 *    sender and payload checks.
 * 2. In Chromium, without Electron: the built renderer served through the shell's own request
 *    handler (`serveAppRequest`: same files, MIME types and CSP header) loads the sample data —
 *    DuckDB's wasm and worker, ECharts' inline styles — with no CSP violation. This catches a
 *    renderer change that the shell's CSP would break, on any machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { _electron as electron } from '@playwright/test';

import { CONTENT_SECURITY_POLICY } from '../electron/contentSecurityPolicy';
import { serveAppRequest } from '../electron/protocol';
import { guardPage } from './helpers/pageGuard';
import { expect, test } from './helpers/test';

const root = fileURLToPath(new URL('..', import.meta.url));
const distRoot = path.join(root, 'dist');
const mainScript = path.join(root, 'dist-electron', 'main.js');

/**
 * The Electron executable, found the way node_modules/electron/index.js finds it — but without
 * requiring that module, since requiring it is what triggers the download.
 */
function electronExecutable(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const packageFolder = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageFolder, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const executable = path.join(override ?? path.join(packageFolder, 'dist'), relative);
  return relative !== '' && existsSync(executable) ? executable : null;
}

function requireBuilt(file: string, command: string): void {
  if (!existsSync(file))
    throw new Error(`${path.relative(root, file)} is missing: run \`${command}\` first.`);
}

test.describe('Electron shell', () => {
  const executable = electronExecutable();
  test.skip(
    executable === null,
    'Electron binary not present on this machine (it is downloaded on first run and this machine is offline)',
  );

  test('opens the secured window with the bridge and without Node', async () => {
    requireBuilt(path.join(distRoot, 'index.html'), 'npm run build');
    requireBuilt(mainScript, 'npm run build:electron');
    const application = await electron.launch({
      executablePath: executable ?? undefined,
      args: [mainScript],
      cwd: root,
    });
    try {
      const page = await application.firstWindow();
      // Opened before we can listen: CSP lines and errors from here on are caught.
      const problems = await guardPage(page);
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://workbench/index.html');
      await expect(page).toHaveTitle(/MMM Workbench/);

      const globals = await page.evaluate(() => {
        const bridge: unknown = Reflect.get(globalThis, 'workbench');
        return {
          bridge: typeof bridge,
          verbs: typeof bridge === 'object' && bridge !== null ? Object.keys(bridge).sort() : [],
          require: typeof Reflect.get(globalThis, 'require'),
          process: typeof Reflect.get(globalThis, 'process'),
          module: typeof Reflect.get(globalThis, 'module'),
        };
      });
      expect(globals).toEqual({
        bridge: 'object',
        verbs: [
          'appInfo',
          'onMenuCommand',
          'openDataFiles',
          'openDroppedFiles',
          'openPlan',
          'openRecent',
          'recentFiles',
          'savePlan',
        ],
        require: 'undefined',
        process: 'undefined',
        module: 'undefined',
      });

      const info = await page.evaluate(async () => {
        const bridge = Reflect.get(globalThis, 'workbench') as {
          appInfo(): Promise<{ mode: string }>;
        };
        return bridge.appInfo();
      });
      expect(info.mode).toBe('desktop');

      const refused = await page.evaluate(async () => {
        const bridge = Reflect.get(globalThis, 'workbench') as {
          openRecent(id: string): Promise<unknown>;
        };
        return bridge.openRecent('not-a-valid-id');
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });

      // One window only: window.open and target=_blank were denied, not opened.
      await page.evaluate(() => {
        const open = Reflect.get(globalThis, 'open') as (url: string) => unknown;
        open('app://workbench/index.html');
      });
      expect(
        await application.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length),
      ).toBe(1);
      expect(problems.violations, 'Content-Security-Policy violations').toEqual([]);
      expect(problems.errors, 'console errors').toEqual([]);
    } finally {
      await application.close();
    }
  });
});

test.describe('renderer under the shell protocol and CSP', () => {
  let server: Server;
  let origin: string;

  test.beforeAll(async () => {
    requireBuilt(path.join(distRoot, 'index.html'), 'npm run build');
    // The shell's handler answers app://workbench/…; here the same handler answers over http.
    server = createServer((request, response) => {
      void serveAppRequest(
        { url: `app://workbench${request.url ?? '/'}`, method: request.method ?? 'GET' },
        distRoot,
      ).then(async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('loads the sample data with no CSP violation', async ({ page }) => {
    test.setTimeout(300_000);
    const problems: string[] = [];
    // The first console error or CSP report ends the wait at once instead of at the timeout.
    let reportProblem: (message: string) => void = () => undefined;
    const firstProblem = new Promise<never>((_resolve, reject) => {
      reportProblem = (message) => reject(new Error(message));
    });
    firstProblem.catch(() => undefined);
    const record = (message: string) => {
      problems.push(message);
      reportProblem(message);
    };
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
        record(message.text());
    });
    page.on('pageerror', (error) => record(`page error: ${error.message}`));

    const response = await page.goto(`${origin}/`);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await expect(page).toHaveTitle(/MMM Workbench/);
    await page.getByTestId('load-sample-data').click();
    await Promise.race([
      expect(page.getByTestId('data-progress')).toHaveText(/Ready/, { timeout: 240_000 }),
      firstProblem,
    ]);
    await expect(page.getByTestId('model-frame-chart').locator('svg').first()).toBeVisible();
    expect(problems).toEqual([]);
  });
});
