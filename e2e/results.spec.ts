/**
 * The Results task end to end in Chromium: the sample → a short fit (2 chains × (100 + 100) on three
 * channels, CI-fast) → every Results chart drawn (ECharts reported 'finished') with the gate's
 * verdict → PNG, SVG and CSV exports arrive non-empty → reload: the fit is restored from the
 * autosave (IndexedDB) with the same numbers → the reproduce command the app shows, run through the
 * CLI with the mapping the app offers, writes a result.json of the same model and data, which a
 * fresh page opens showing the file's numbers. Long main-thread tasks are recorded with a PerformanceObserver from the fit on; the test
 * fails on one over 250 ms (CI machines are noisy; the benchmark holds the 50 ms target) — scaled
 * by the machine's load per core when it is oversubscribed (a shared 2-core machine at load 20
 * gives each process a tenth of a core, stretching every task tenfold).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { toCsv } from '../models/io/delimitedText';
import { parseFitReport, type FitReport } from '../models/report';
import { roiRows } from '../renderer/charts/roiOption';
import { everyProblem, guardPage } from './helpers/pageGuard';
import { useSharedPage } from './helpers/sharedPage';
import {
  SCREENSHOTS,
  SLOW,
  chooseFitColumns,
  loadSampleData,
  setNumber,
} from './helpers/workbench';
import { RESULTS_CHARTS as CHARTS } from './helpers/resultsCharts';

const CHANNELS = ['tv', 'search', 'social'];
const LONG_TASK_LIMIT_MS = 250;

/** The limit on this machine now: 250 ms, times the load per core when that is above 1. */
function longTaskLimit(): number {
  return LONG_TASK_LIMIT_MS * Math.max(1, loadavg()[0] / cpus().length);
}

let page: Page;
useSharedPage({ viewport: { width: 1440, height: 1000 }, sameOriginOnly: true }, (opened) => {
  page = opened;
  void opened.addInitScript(() => {
    const store = globalThis as unknown as { __longTasks: [number, number][] };
    store.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        store.__longTasks.push([Math.round(entry.startTime), Math.round(entry.duration)]);
    }).observe({ type: 'longtask', buffered: true } as never);
  });
});

/** Durations of the long tasks since `since` (performance.now() of the page), logged with their start. */
async function longTasks(target: Page, since: number): Promise<number[]> {
  const tasks = await target.evaluate(
    () => (globalThis as unknown as { __longTasks: [number, number][] }).__longTasks,
  );
  const recent = tasks.filter(([start]) => start >= since);
  const marks = await target.evaluate(() =>
    performance.getEntriesByType('mark').map((mark) => [mark.name, Math.round(mark.startTime)]),
  );
  console.log(
    `long tasks [start ms, duration ms] since ${Math.round(since)}:`,
    JSON.stringify(recent),
  );
  console.log('marks:', JSON.stringify(marks));
  return recent.map(([, duration]) => duration);
}

async function expectDrawn(target: Page): Promise<void> {
  for (const id of CHARTS)
    await expect(target.getByTestId(id), `${id} drawn`).toHaveAttribute('data-drawn', 'true', SLOW);
}

/** The numbers a reader compares: gate, fit metrics, ROI rows as the CSV export writes them. */
/** Per Results chart: its finished draws so far and its ECharts instances (ChartPanel). */
async function drawCounts(target: Page): Promise<[number, number][]> {
  return target
    .locator('[data-draws]')
    .evaluateAll((charts) =>
      charts.map((chart) => [
        Number(chart.getAttribute('data-draws')),
        Number(chart.getAttribute('data-instances')),
      ]),
    );
}

async function headline(target: Page): Promise<{ gate: string; metrics: string }> {
  return {
    gate: (await target.getByTestId('gate-verdict').textContent()) ?? '',
    metrics: ((await target.getByTestId('fit-metrics').textContent()) ?? '').replace(/\s+/g, ' '),
  };
}

async function download(target: Page, panel: string, kind: string): Promise<Buffer> {
  const section = target.locator('section', { has: target.getByTestId(panel) }).last();
  const [file] = await Promise.all([
    target.waitForEvent('download'),
    section.getByTestId(`chart-export-${kind}`).click(),
  ]);
  return readFileSync((await file.path())!);
}

/** The ROI export in channel-name order (the sort is a view choice, not restored). */
async function roiByName(target: Page): Promise<string> {
  await target.getByTestId('roi-sort').selectOption('name');
  return (await download(target, 'roi-chart', 'csv')).toString();
}

/** The app's report as its autosave holds it (IndexedDB), for comparing with the CLI's. */
async function autosavedReport(target: Page): Promise<FitReport> {
  const text = await target.evaluate(async () => {
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
    const idb = (globalThis as unknown as { indexedDB: { open(name: string): Request<Database> } })
      .indexedDB;
    return new Promise<string>((resolve, reject) => {
      const request = idb.open('mmm-workbench-session');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const read = request.result.transaction('entries').objectStore('entries').get('fit-1');
        read.onsuccess = () => resolve(read.result);
        read.onerror = () => reject(read.error);
      };
    });
  });
  return (JSON.parse(text) as { report: FitReport }).report;
}

let shown: { gate: string; metrics: string };
let command = '';
let roiCsv = '';
const folder = mkdtempSync(join(tmpdir(), 'mmm-e2e-results-'));

test('a fit is read in the Results task: every chart drawn, with the gate verdict', async () => {
  await loadSampleData(page, '156 weeks');
  await page.getByTestId('nav-model').click();
  await page.getByTestId('fit-preset-quick').click();
  await chooseFitColumns(page, CHANNELS);
  await setNumber(page, 'fit-chains', 2);
  await setNumber(page, 'fit-warmup', 100);
  await setNumber(page, 'fit-draws', 100);
  // Long tasks count from the fit on: the fit, its report and the Results charts (issue 11).
  const fitStarted = await page.evaluate(() => performance.now());
  await page.getByTestId('fit-start').click();
  await expect(page.getByTestId('fit-done')).toBeVisible(SLOW);

  await page.evaluate(() => performance.mark('e2e:results-click'));
  await page.getByTestId('nav-results').click();
  await expect(page.getByTestId('gate-verdict')).toHaveText(/passed|failed/);
  await expectDrawn(page);
  await page.evaluate(() => performance.mark('e2e:results-drawn'));
  await expect(
    page.getByTestId('diagnostics-table').getByTestId('diagnostics-row').first(),
  ).toBeVisible();
  await expect(page.getByTestId('fit-history').getByTestId('fit-history-row')).toHaveCount(1);
  shown = await headline(page);
  command = (await page.getByTestId('fit-cli-command').textContent()) ?? '';
  expect(command).toMatch(
    /^mmm fit media_daily_long\.csv kpi_daily\.csv controls_daily\.csv --mapping mapping\.json --channels search,social,tv /,
  );
  await page.screenshot({ path: `${SCREENSHOTS}/results.png`, fullPage: true });
  await page.screenshot({ path: 'docs/screenshot-results.png' });

  // The view's choices redraw their charts.
  await page.getByTestId('decomposition-bands').check();
  await page.getByTestId('roi-sort').selectOption('name');
  await page.getByTestId('curves-channel').selectOption('tv');
  await page.getByTestId('trace-parameter').selectOption({ index: 3 });
  await expectDrawn(page);
  // A theme change redraws every chart (a turn each: all at once was one ~440 ms task), and the
  // dark theme is what they show; then back to following the system.
  const toggle = page.getByTestId('theme-toggle');
  await toggle.click();
  await expect(toggle).toContainText('light');
  const before = await drawCounts(page);
  await toggle.click();
  await expect(toggle).toContainText('dark');
  await expect
    .poll(async () => {
      const after = await drawCounts(page);
      return after.every(([count, instances], i) => count >= before[i][0] + instances);
    }, SLOW)
    .toBe(true);
  // The dark theme's split lines (renderer/charts/resultsChart.ts, CHART_THEMES.dark.split).
  expect(await page.locator('[data-testid="fit-chart"] svg').first().innerHTML()).toContain(
    '#323f4b',
  );
  await toggle.click();
  await expect(toggle).toContainText('system');
  const limit = longTaskLimit();
  console.log(
    `long-task limit ${limit.toFixed(0)} ms (load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
  );
  expect(
    Math.max(0, ...(await longTasks(page, fitStarted))),
    'longest main-thread task, ms',
  ).toBeLessThan(limit);
});

test('exports: PNG, SVG and CSV downloads arrive and are not empty', async () => {
  const png = await download(page, 'fit-chart', 'png');
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBeGreaterThan(5_000);
  const svg = (await download(page, 'response-curves-chart', 'svg')).toString();
  expect(svg).toMatch(/^<svg/);
  expect(svg.length).toBeGreaterThan(5_000);
  roiCsv = await roiByName(page);
  expect(roiCsv.split('\r\n')[0]).toBe(
    'channel,spend,roi,roi_lower,roi_upper,mroi,mroi_lower,mroi_upper',
  );
  expect(roiCsv.trim().split('\r\n')).toHaveLength(1 + CHANNELS.length);
  const mapping = page.waitForEvent('download');
  await page.getByTestId('fit-cli-file-mapping.json').click();
  writeFileSync(join(folder, 'mapping.json'), readFileSync((await (await mapping).path())!));
});

test('a reload restores the session: the fit and its results, without re-importing', async () => {
  await page.reload();
  await page.getByTestId('nav-results').click();
  await expectDrawn(page);
  expect(await headline(page)).toEqual(shown);
  expect(await page.getByTestId('fit-cli-command').textContent()).toBe(command);
  expect(await roiByName(page)).toBe(roiCsv);
  await expect(page.getByTestId('fit-history').getByTestId('fit-history-row')).toHaveCount(1);
  await expect(page.getByTestId('session-notice')).toHaveCount(0);
});

test('the shown command, run headless, writes a result that a fresh page opens with the same numbers', async ({
  browser,
}) => {
  for (const name of ['media_daily_long.csv', 'kpi_daily.csv', 'controls_daily.csv'])
    copyFileSync(join('sample-data', name), join(folder, name));
  const out = join(folder, 'result.json');
  // Run as shown, by a shell (it quotes as the app wrote it), with `mmm` as this checkout's CLI.
  const cli = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(process.cwd(), 'cli/bin/mmm.mjs'))}`;
  execFileSync(
    'sh',
    ['-c', `${command.replace(/^mmm /, `${cli} `)} --out ${JSON.stringify(out)}`],
    {
      cwd: folder,
      stdio: 'pipe',
      timeout: 300_000,
    },
  );
  const fresh = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const freshProblems = await guardPage(fresh);
  try {
    await fresh.goto('/');
    await fresh.getByTestId('nav-results').click();
    await fresh.getByTestId('fit-open-input').setInputFiles(out);
    await expect(fresh.getByTestId('fit-open-message')).toContainText('Opened result.json', SLOW);
    await expectDrawn(fresh);
    const file = parseFitReport(readFileSync(out, 'utf8'));
    if (!file.ok) throw new Error(file.message);
    // The fresh page shows the file's numbers.
    expect(await roiByName(fresh)).toBe(toCsv(roiRows(file.report, 'name')));
    expect((await headline(fresh)).metrics).toContain(`R² ${file.report.fit.r2.toFixed(3)}`);
    // The command reproduced the app's model on the app's data: spec, sampler, inputs, files.
    const app = await autosavedReport(page);
    expect(file.report.spec).toEqual(app.spec);
    expect(file.report.sampler).toEqual(app.sampler);
    expect(file.report.inputs).toEqual(app.inputs);
    expect(file.report.data.files).toEqual(app.data.files);
    expect(file.report.data.fingerprint).toBe(app.data.fingerprint);
    // Bit-identical draws hold in Node (renderer/fit/reproduceCommand.test.ts); across Chromium's
    // and Node's JavaScript engines they may part after many steps: logged, not asserted.
    const same = JSON.stringify(file.report.draws) === JSON.stringify(app.draws);
    console.log(
      `CLI draws identical to the app's (Chromium): ${same}; headline app ${JSON.stringify(shown)}, CLI ${JSON.stringify(await headline(fresh))}`,
    );
    mkdirSync(SCREENSHOTS, { recursive: true });
    await fresh.screenshot({ path: `${SCREENSHOTS}/results-opened-file.png`, fullPage: true });
    // A file that is not a fit result changes nothing and says why in one sentence.
    const bad = join(folder, 'not-a-fit.json');
    writeFileSync(bad, '{"kind":"something-else"}');
    await fresh.getByTestId('fit-open-input').setInputFiles(bad);
    await expect(fresh.getByTestId('fit-open-message')).toContainText(
      'not-a-fit.json: not an MMM fit result',
    );
    await expect(fresh.getByTestId('fit-history').getByTestId('fit-history-row')).toHaveCount(1);
    expect(everyProblem(freshProblems), 'CSP violations and console errors').toEqual([]);
  } finally {
    await fresh.close();
  }
});
