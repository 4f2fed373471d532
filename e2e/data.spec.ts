/**
 * The Data task end to end in the browser build: sample data, a broken CSV, a Parquet file.
 * One page for the whole file (serial): DuckDB's 34 MB wasm is compiled once, and each step
 * also checks that what was loaded before is still there.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import {
  LARGE_PARQUET_COLUMNS,
  PARQUET_FIXTURE_ROWS,
  makeLargeParquet,
  makeWideParquet,
} from './fixtures/parquetFixture';
import { HEAD_BYTES } from '../models/data/types';
import { useSharedPage } from './helpers/sharedPage';
import { SCREENSHOTS, SLOW } from './helpers/workbench';

const SAMPLE_FILES = ['media_daily_long.csv', 'kpi_daily.csv', 'controls_daily.csv'];

/** Data rows: 1 ok, 2 non-numeric spend, 3 unparseable date, 4 negative spend, 5 repeats row 4's date. */
const BROKEN_CSV = [
  'date,channel,spend',
  '2024-01-01,tv,100',
  '2024-01-02,tv,abc',
  '2024-13-45,tv,50',
  '2024-01-04,tv,-20',
  '2024-01-04,tv,30',
  '',
].join('\n');

let page: Page;
useSharedPage({ viewport: { width: 1440, height: 900 }, sameOriginOnly: true }, (opened) => {
  page = opened;
});

const role = (file: string, column: string) => page.getByTestId(`role-${file}-${column}`);

async function waitUntilIdle(): Promise<void> {
  await expect(page.getByTestId('data-progress')).toHaveText(/Ready/, SLOW);
}

test('loads the sample: file list, detected mapping, validation and the weekly chart', async () => {
  await expect(page.getByTestId('nav-data')).toBeVisible();
  await expect(page.getByTestId('app-mode')).toContainText('Browser');
  await page.screenshot({ path: `${SCREENSHOTS}/data-empty.png` });

  await page.getByTestId('load-sample-data').click();
  for (const name of SAMPLE_FILES)
    await expect(page.getByTestId(`file-row-${name}`)).toBeVisible(SLOW);
  await waitUntilIdle();
  await expect(page.getByTestId('file-list').locator('tbody tr')).toHaveCount(3);
  await expect(
    page.getByTestId('file-row-media_daily_long.csv').getByTestId('file-rows'),
  ).toHaveText('38,220');

  await expect(page.getByTestId('mapping-editor')).toBeVisible();
  await expect(role('media_daily_long.csv', 'date')).toHaveValue('date');
  await expect(role('media_daily_long.csv', 'geo')).toHaveValue('geo');
  await expect(role('media_daily_long.csv', 'channel')).toHaveValue('channel');
  await expect(role('media_daily_long.csv', 'spend')).toHaveValue('spend');
  await expect(role('media_daily_long.csv', 'impressions')).toHaveValue('impressions');
  await expect(role('kpi_daily.csv', 'revenue')).toHaveValue('kpi');
  await expect(role('controls_daily.csv', 'price_index')).toHaveValue('control');

  await expect(page.getByTestId('validation-report')).toBeVisible();
  await expect(page.getByTestId('validation-status')).toHaveText('usable');

  // Drawn as SVG, as every chart after it (ModelFrameChart.vue); a line per series.
  const chart = page.getByTestId('model-frame-chart').locator('svg').first();
  await expect(chart).toBeVisible();
  expect(await chart.locator('path').count()).toBeGreaterThan(8);
  const box = await chart.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(300);
  expect(box?.height ?? 0).toBeGreaterThan(200);
  // 2022-01-03 … 2024-12-29 is 156 Monday-start weeks (sample-data/README.md).
  await expect(page.getByTestId('frame-facts')).toContainText('156 weeks');
  await expect(page.getByTestId('frame-facts')).toContainText('7 channels');
  await page.screenshot({ path: `${SCREENSHOTS}/data-sample-loaded.png`, fullPage: true });
});

test('a broken CSV is reported by file, row and column while the sample stays loaded', async () => {
  await page.getByTestId('import-file-input').setInputFiles({
    name: 'broken_media.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(BROKEN_CSV),
  });
  await expect(page.getByTestId('file-row-broken_media.csv')).toBeVisible(SLOW);
  await waitUntilIdle();

  const problems = page.getByTestId('validation-problem').filter({ hasText: 'broken_media.csv' });
  const cell = (text: string) => page.locator('td', { hasText: new RegExp(`^${text}$`) });
  const problem = (code: string, row: number, column: string) =>
    problems
      .and(page.locator(`[data-code="${code}"]`))
      .filter({ has: cell(`row ${row}`) })
      .filter({ has: cell(column) });
  await expect(problem('non-numeric', 2, 'spend')).toHaveCount(1);
  await expect(problem('unparseable-date', 3, 'date')).toHaveCount(1);
  await expect(problem('negative-spend', 4, 'spend')).toHaveCount(1);
  await expect(problem('duplicate-date', 4, 'date')).toContainText('2024-01-04');
  await expect(page.getByTestId('validation-status')).toHaveText('has errors');

  // The severity filter hides error rows and brings them back.
  await page.getByTestId('severity-error').uncheck();
  await expect(
    page.locator('[data-testid="validation-problem"][data-severity="error"]'),
  ).toHaveCount(0);
  await page.getByTestId('severity-error').check();
  await expect(problem('non-numeric', 2, 'spend')).toHaveCount(1);

  // Binary content named .csv: refused alone, named, and nothing loaded is lost.
  await page.getByTestId('import-file-input').setInputFiles({
    name: 'garbage.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x01, 0x02, 0x9f, 0x00, 0x00, 0x10]),
  });
  await expect(page.getByTestId('data-errors')).toContainText('garbage.csv', SLOW);
  await waitUntilIdle();
  for (const name of [...SAMPLE_FILES, 'broken_media.csv'])
    await expect(page.getByTestId(`file-row-${name}`)).toBeVisible();
  await expect(page.getByTestId('file-row-garbage.csv')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/data-broken-file.png`, fullPage: true });
});

test('imports a Parquet file and lists it with its rows and detected roles', async () => {
  await page.getByTestId('import-file-input').setInputFiles({
    name: 'tiny_wide.parquet',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(makeWideParquet()),
  });
  const row = page.getByTestId('file-row-tiny_wide.parquet');
  await expect(row).toBeVisible(SLOW);
  await waitUntilIdle();
  await expect(row).toContainText('parquet');
  await expect(row.getByTestId('file-rows')).toHaveText(String(PARQUET_FIXTURE_ROWS));
  await expect(role('tiny_wide.parquet', 'date')).toHaveValue('date');
  await expect(role('tiny_wide.parquet', 'tv_spend')).toHaveValue('spend');
  // One KPI across all files: the sample's revenue keeps the role, this file's revenue is not used.
  await expect(role('kpi_daily.csv', 'revenue')).toHaveValue('kpi');
  await expect(role('tiny_wide.parquet', 'revenue')).toHaveValue('ignore');
  await expect(page.getByTestId('file-row-media_daily_long.csv')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/data-parquet.png`, fullPage: true });
});

/** Four row groups: enough decoding that a UI-thread decoder shows in the profile every time. */
const LARGE_ROWS = 600_000;
const LARGE_GROUP_ROWS = 150_000;

interface CpuProfile {
  readonly nodes: readonly {
    readonly callFrame: { readonly url: string; readonly functionName: string };
    readonly hitCount?: number;
  }[];
}

test('a large Parquet file is decoded in a worker: no Parquet wasm runs on the UI thread', async () => {
  // A sampling CPU profile of the page's main thread during the import proves where decoding ran,
  // whatever the machine's load (a timer heartbeat was tried: on 2 shared cores it pauses for
  // hundreds of ms with or without the decoder on the UI thread, so it could not tell them apart).
  const path = test.info().outputPath('large.parquet');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, makeLargeParquet(LARGE_ROWS, LARGE_GROUP_ROWS));
  const profiler = await page.context().newCDPSession(page);
  await profiler.send('Profiler.enable');
  await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
  await profiler.send('Profiler.start');
  // From a path: a buffer would be base64-decoded by script on the UI thread (seconds at this size).
  await page.getByTestId('import-file-input').setInputFiles(path);
  const row = page.getByTestId('file-row-large.parquet');
  await expect(row).toBeVisible(SLOW);
  const { profile } = (await profiler.send('Profiler.stop')) as { profile: CpuProfile };
  await profiler.detach();
  await waitUntilIdle();
  await expect(row.getByTestId('file-rows')).toHaveText(LARGE_ROWS.toLocaleString('en-US'));
  for (const column of LARGE_PARQUET_COLUMNS)
    await expect(role('large.parquet', column)).toBeVisible();

  const samples = (match: (url: string) => boolean) =>
    profile.nodes
      .filter((node) => match(node.callFrame.url))
      .reduce((total, node) => total + (node.hitCount ?? 0), 0);
  const allSamples = samples(() => true);
  const parquetWasmSamples = samples((url) => /parquet_wasm_bg[^/]*\.wasm$/.test(url));
  test.info().annotations.push({
    type: 'main-thread profile',
    description: `${allSamples} samples, ${parquetWasmSamples} in parquet-wasm`,
  });
  expect(allSamples, 'the profiler sampled the import').toBeGreaterThan(100);
  expect(parquetWasmSamples, 'parquet-wasm samples on the UI thread').toBe(0);
  expect(page.workers().map((worker) => worker.url())).toContainEqual(
    expect.stringMatching(/parquet\.worker[^/]*\.js$/),
  );
});

test('a large CSV is read in place: the page reads only its head, DuckDB the rest', async () => {
  const rows = 200_000;
  const lines = ['row_id,a1,a2,a3'];
  for (let row = 1; row <= rows; row += 1)
    lines.push(`${row},${((row * 0.37) % 1000).toFixed(3)},${(row * 7) % 9973},${(row % 89) / 8}`);
  const text = `${lines.join('\n')}\n`;
  expect(text.length).toBeGreaterThan(HEAD_BYTES);
  const path = test.info().outputPath('large_in_place.csv');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, text);
  // Every whole-Blob read on the page's main thread, by size (a string: no DOM library here).
  await page.evaluate(`(() => {
    window.__blobReads = [];
    window.__blobOriginals = {};
    for (const method of ['arrayBuffer', 'text', 'stream', 'bytes']) {
      const original = Blob.prototype[method];
      if (!original) continue;
      window.__blobOriginals[method] = original;
      Blob.prototype[method] = function (...args) {
        window.__blobReads.push(this.size);
        return original.apply(this, args);
      };
    }
  })()`);
  await page.getByTestId('import-file-input').setInputFiles(path);
  const row = page.getByTestId('file-row-large_in_place.csv');
  await expect(row).toBeVisible(SLOW);
  await waitUntilIdle();
  const reads = (await page.evaluate(`(() => {
    for (const [method, original] of Object.entries(window.__blobOriginals)) Blob.prototype[method] = original;
    return window.__blobReads;
  })()`)) as number[];
  // Every row arrived, though the page itself read only the head.
  await expect(row.getByTestId('file-rows')).toHaveText(rows.toLocaleString('en-US'));
  expect(reads.length, 'the head was read on the page').toBeGreaterThan(0);
  expect(Math.max(...reads), 'largest Blob read on the page').toBeLessThanOrEqual(HEAD_BYTES);
  await expect(role('large_in_place.csv', 'a1')).toBeVisible();
});

test('a long import can be cancelled: the file is not loaded, the files before it stay', async () => {
  // 1.5M rows (≈ 40 MB): seconds of DuckDB work, so the cancel lands inside the import.
  const rows = 1_500_000;
  const lines = new Array<string>(rows + 1);
  lines[0] = 'row_id,b1,b2';
  for (let row = 1; row <= rows; row += 1) lines[row] = `${row},${(row * 0.37) % 1000},${row % 97}`;
  const path = test.info().outputPath('cancelled.csv');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, `${lines.join('\n')}\n`);
  const before = await page.locator('[data-testid^="file-row-"]').count();
  await page.getByTestId('import-file-input').setInputFiles(path);
  await page.getByTestId('cancel-import').click(SLOW);
  const cancelled = page.getByTestId('data-errors').getByRole('listitem').filter({
    hasText: 'cancelled.csv',
  });
  await expect(cancelled).toContainText('import cancelled; files loaded before stay loaded', SLOW);
  await waitUntilIdle();
  await expect(page.getByTestId('cancel-import')).toHaveCount(0);
  await expect(page.getByTestId('file-row-cancelled.csv')).toHaveCount(0);
  await expect(page.locator('[data-testid^="file-row-"]')).toHaveCount(before);
  await expect(page.getByTestId('file-row-media_daily_long.csv')).toBeVisible();
  await expect(page.getByTestId('validation-report')).toBeVisible();
});

test('a file dropped on the window is imported, personal data is flagged, the mapping exports', async () => {
  const customers = [
    'date,customer_email,temperature',
    '2024-01-01,anna@example.com,3.5',
    '2024-01-02,ben@example.org,4.0',
    '',
  ].join('\n');
  // Runs in the page (a string: this file is type-checked without the DOM library).
  await page.evaluate(`(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([${JSON.stringify(customers)}], 'dropped_customers.csv', { type: 'text/csv' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  })()`);
  await expect(page.getByTestId('file-row-dropped_customers.csv')).toBeVisible(SLOW);
  await waitUntilIdle();
  await expect(page.getByTestId('personal-dropped_customers.csv-customer_email')).toBeVisible();
  await expect(
    page.getByTestId('personal-dropped_customers.csv-customer_email').getByRole('checkbox'),
  ).not.toBeChecked();
  await expect(role('dropped_customers.csv', 'customer_email')).toHaveValue('ignore');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-mapping').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('mapping.json');
  const path = await saved.path();
  const { readFile } = await import('node:fs/promises');
  const mapping = JSON.parse(await readFile(path, 'utf8')) as {
    version: number;
    columns: { file: string; column: string; role: string }[];
  };
  expect(mapping.version).toBe(1);
  expect(mapping.columns).toContainEqual({
    file: 'media_daily_long.csv',
    column: 'date',
    role: 'date',
  });
  expect(mapping.columns).toContainEqual({ file: 'kpi_daily.csv', column: 'revenue', role: 'kpi' });
});
