/**
 * bench:fit's Chromium engine (`npx tsx bench/fit.ts --only chromium`): the app's fit as a new user
 * runs it — the built app in Debian's Chromium (browser mode, one Web Worker per chain, the report
 * built in a worker), the bundled sample, the Standard preset (4 chains × (1000 + 1000), every
 * channel and control) — against the CLI's engine on the same model input and request in the same
 * run (worker_threads chains + reportOfFit, as `mmm fit` runs them; the input is rebuilt from the
 * app's own report, so both fit the same numbers, and their draws are compared).
 *
 * Measured in the page: click → report built (`fit-done` in the DOM, seen by a MutationObserver);
 * the last chain's end (the 'mmm:chains-done' mark) → the Results task drawn (every chart reported
 * 'finished'), less the wait before Results is clicked; and every main-thread task over 50 ms (a
 * PerformanceObserver on long tasks) during the fit, from the chains' end until Results is clicked
 * (the report, the Model task's update and the autosave), while the Results task is drawn, and
 * while every chart redraws after a theme toggle (until each chart's SVG has changed). Targets: app/CLI ≤ 1.25×, chains-done → drawn ≤ 2 s, no long task over 50 ms.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../e2e/helpers/chromiumLaunch';
import type { FitRequest } from '../models/inference/chains';
import { modelFromReport, reportOfFit, type FitReport } from '../models/report';
import { createNodeChainRunner } from '../cli/workers/nodeChainRunner';
import { serve } from './importChromium';
import { RESULTS_CHARTS as CHARTS } from '../e2e/helpers/resultsCharts';

export interface ChromiumFitRow {
  readonly appSeconds: number;
  readonly cliSeconds: number;
  readonly ratio: number;
  readonly chainsDoneToDrawnSeconds: number;
  readonly reportSeconds: number;
  readonly redrawSeconds: number;
  /** Theme toggle → every chart redrawn. */
  readonly themeSeconds: number;
  readonly longestTaskMs: { fit: number; report: number; redraw: number; theme: number };
  readonly tasksOver50: { fit: number; report: number; redraw: number; theme: number };
  readonly sameDraws: boolean;
  readonly gatePassed: boolean;
}

function buildApp(outDir: string): void {
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--logLevel', 'warn'],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`building the app failed: ${result.stderr.slice(-500)}`);
}

interface PageTimes {
  readonly clicked: number;
  readonly chainsDone: number;
  readonly fitDone: number;
  readonly resultsClicked: number;
  readonly drawn: number;
  /** The theme toggled once everything was drawn: every chart redraws. */
  readonly themeToggled: number;
  readonly themeRedrawn: number;
  readonly tasks: { start: number; duration: number }[];
}

async function runApp(url: string): Promise<{ times: PageTimes; report: FitReport }> {
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.addInitScript(() => {
      const store = globalThis as unknown as { __tasks: { start: number; duration: number }[] };
      store.__tasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          store.__tasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true } as never);
      // When the fit's result first shows (Playwright's waitFor polls up to 0.5 s apart).
      type Observer = { disconnect(): void; observe(node: unknown, options: object): void };
      const win = globalThis as unknown as {
        document: { querySelector(s: string): unknown };
        MutationObserver: new (
          callback: (records: unknown, observer: Observer) => void,
        ) => Observer;
        __fitDoneAt?: number;
      };
      const doc = win.document;
      const seen = win;
      new win.MutationObserver((_, observer) => {
        if (doc.querySelector('[data-testid="fit-done"]') === null) return;
        seen.__fitDoneAt = performance.now();
        observer.disconnect();
      }).observe(doc as never, { childList: true, subtree: true });
    });
    await page.goto(url);
    await page.getByTestId('load-sample-data').click();
    await page
      .getByTestId('data-progress')
      .filter({ hasText: 'Ready' })
      .waitFor({ timeout: 600_000 });
    await page.getByTestId('nav-model').click();
    await page.getByTestId('fit-preset-standard').click();
    const clicked = await page.evaluate(() => performance.now());
    await page.getByTestId('fit-start').click();
    await page.getByTestId('fit-done').waitFor({ timeout: 1_800_000 });
    const fitDone = await page.evaluate(
      () => (globalThis as unknown as { __fitDoneAt: number }).__fitDoneAt,
    );
    const resultsClicked = await page.evaluate(() => performance.now());
    await page.getByTestId('nav-results').click();
    const drawn = await page.evaluate(async (ids) => {
      const root = globalThis as unknown as {
        document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
      };
      while (
        !ids.every(
          (id) =>
            root.document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-drawn') ===
            'true',
        )
      )
        await new Promise((resolve) => setTimeout(resolve, 10));
      return performance.now();
    }, CHARTS);
    const chainsDone = await page.evaluate(
      () => performance.getEntriesByName('mmm:chains-done').at(-1)?.startTime ?? Number.NaN,
    );
    // Every chart redraws in the dark theme (a turn each); the window ends when every chart
    // instance has finished one more draw (ChartPanel's data-draws), or after 10 s.
    type Counted = { getAttribute(name: string): string | null };
    const countDraws = () =>
      page.evaluate(() =>
        Array.from(
          (
            globalThis as unknown as {
              document: { querySelectorAll(s: string): ArrayLike<Counted> };
            }
          ).document.querySelectorAll('[data-draws]'),
        ).map((chart) => Number(chart.getAttribute('data-draws'))),
      );
    // The toggle cycles system → light → dark: the page starts light, so light → dark redraws.
    const toggle = page.getByTestId('theme-toggle');
    await toggle.click();
    await toggle.filter({ hasText: 'light' }).waitFor();
    await page.waitForTimeout(500);
    const before = await countDraws();
    const themeToggled = await page.evaluate(() => performance.now());
    await toggle.click();
    const themeRedrawn = await page.evaluate(async (counts) => {
      const root = globalThis as unknown as {
        document: { querySelectorAll(s: string): ArrayLike<Counted> };
      };
      const until = performance.now() + 10_000;
      // (No named functions in here: tsx would wrap them in a helper the page lacks.)
      while (
        performance.now() < until &&
        !Array.from(root.document.querySelectorAll('[data-draws]')).every(
          (chart, i) =>
            Number(chart.getAttribute('data-draws')) >=
            counts[i] + Number(chart.getAttribute('data-instances')),
        )
      )
        await new Promise((resolve) => setTimeout(resolve, 10));
      return performance.now();
    }, before);
    // Long tasks are reported after they end: a moment for the last one.
    await page.waitForTimeout(300);
    const tasks = await page.evaluate(
      () => (globalThis as unknown as { __tasks: { start: number; duration: number }[] }).__tasks,
    );
    // The app's report, as its autosave wrote it (IndexedDB), once the write has landed.
    await page.waitForTimeout(2_000);
    const report = await page.evaluate(async () => {
      type Request<T> = {
        result: T;
        error: unknown;
        onsuccess: (() => void) | null;
        onerror: (() => void) | null;
      };
      type Database = {
        transaction(name: string): {
          objectStore(name: string): { get(key: string): Request<string> };
        };
      };
      const idb = (
        globalThis as unknown as { indexedDB: { open(name: string): Request<Database> } }
      ).indexedDB;
      const text = await new Promise<string>((resolve, reject) => {
        const request = idb.open('mmm-workbench-session');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const read = request.result.transaction('entries').objectStore('entries').get('fit-1');
          read.onsuccess = () => resolve(read.result as string);
          read.onerror = () => reject(read.error);
        };
      });
      return JSON.parse(text).report;
    });
    return {
      times: {
        clicked,
        chainsDone,
        fitDone,
        resultsClicked,
        drawn,
        themeToggled,
        themeRedrawn,
        tasks,
      },
      report,
    };
  } finally {
    await browser.close();
  }
}

async function runCli(report: FitReport): Promise<{ seconds: number; report: FitReport }> {
  const { input } = modelFromReport(report);
  const request: FitRequest = {
    target: { kind: 'mmm', input },
    chains: report.sampler.chains,
    warmup: report.sampler.warmup,
    draws: report.sampler.draws,
    seed: report.sampler.seed,
    metric: 'dense',
  };
  const started = performance.now();
  const fit = await createNodeChainRunner({ maxConcurrency: request.chains }).run(request);
  const built = reportOfFit(request, fit, {
    kpiName: report.data.kpiName,
    source: null,
    files: [],
    createdAt: null,
  });
  return { seconds: (performance.now() - started) / 1000, report: built };
}

function longest(
  tasks: PageTimes['tasks'],
  from: number,
  to: number,
): { max: number; over50: number } {
  const inside = tasks.filter((task) => task.start >= from && task.start < to);
  return {
    max: Math.max(0, ...inside.map((task) => task.duration)),
    over50: inside.filter((t) => t.duration > 50).length,
  };
}

export async function runChromiumFitBench(): Promise<ChromiumFitRow> {
  const dir = mkdtempSync(join(tmpdir(), 'mmm-bench-fit-app-'));
  try {
    buildApp(dir);
    const server = await serve(dir);
    try {
      const { port } = server.address() as AddressInfo;
      const app = await runApp(`http://127.0.0.1:${port}/index.html`);
      const cli = await runCli(app.report);
      const t = app.times;
      const appSeconds = (t.fitDone - t.clicked) / 1000;
      const fitWindow = longest(t.tasks, t.clicked, t.chainsDone);
      // Until Results is clicked: the report's arrival also draws the Model task's chart and autosaves.
      const reportWindow = longest(t.tasks, t.chainsDone, t.resultsClicked);
      const redrawWindow = longest(t.tasks, t.resultsClicked, t.drawn);
      const themeWindow = longest(t.tasks, t.themeToggled, t.themeRedrawn + 1);
      return {
        appSeconds,
        cliSeconds: cli.seconds,
        ratio: appSeconds / cli.seconds,
        chainsDoneToDrawnSeconds: (t.fitDone - t.chainsDone + (t.drawn - t.resultsClicked)) / 1000,
        reportSeconds: (t.fitDone - t.chainsDone) / 1000,
        redrawSeconds: (t.drawn - t.resultsClicked) / 1000,
        themeSeconds: (t.themeRedrawn - t.themeToggled) / 1000,
        longestTaskMs: {
          fit: fitWindow.max,
          report: reportWindow.max,
          redraw: redrawWindow.max,
          theme: themeWindow.max,
        },
        tasksOver50: {
          fit: fitWindow.over50,
          report: reportWindow.over50,
          redraw: redrawWindow.over50,
          theme: themeWindow.over50,
        },
        sameDraws: JSON.stringify(cli.report.draws) === JSON.stringify(app.report.draws),
        gatePassed: app.report.diagnostics.gatePassed,
      };
    } finally {
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function chromiumFitTable(row: ChromiumFitRow): string {
  const header = [
    'app (Chromium) s',
    'CLI engine s',
    'app/CLI',
    'chains done → drawn s',
    '(report s + redraw s)',
    'theme redraw s',
    'longest task ms fit / report / Results drawn / theme redraw',
    'tasks > 50 ms',
    'same draws',
    'gate',
  ];
  const cells = [
    row.appSeconds.toFixed(1),
    row.cliSeconds.toFixed(1),
    `${row.ratio.toFixed(2)}×`,
    row.chainsDoneToDrawnSeconds.toFixed(2),
    `${row.reportSeconds.toFixed(2)} + ${row.redrawSeconds.toFixed(2)}`,
    row.themeSeconds.toFixed(2),
    [
      row.longestTaskMs.fit,
      row.longestTaskMs.report,
      row.longestTaskMs.redraw,
      row.longestTaskMs.theme,
    ]
      .map((ms) => ms.toFixed(0))
      .join(' / '),
    [
      row.tasksOver50.fit,
      row.tasksOver50.report,
      row.tasksOver50.redraw,
      row.tasksOver50.theme,
    ].join(' / '),
    row.sameDraws ? 'yes' : 'NO',
    row.gatePassed ? 'pass' : 'fail',
  ];
  return [header, header.map(() => '---'), cells].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
