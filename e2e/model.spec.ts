/**
 * The Model task end to end: sample data → a quick NUTS fit in real Web Workers (2 chains ×
 * 150 + 150 on two channels, so it finishes well within a minute on 2 cores) with per-chain
 * progress, the quality gate and the ROI table; then a long fit cancelled mid-way, which must stop
 * within about a second and leave the previous result as it was.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { useSharedPage } from './helpers/sharedPage';
import {
  SCREENSHOTS,
  SLOW,
  chooseFitColumns,
  loadSampleData,
  setNumber,
} from './helpers/workbench';

const FIT_CHANNELS = ['tv', 'search'];

let page: Page;
useSharedPage({ viewport: { width: 1440, height: 1000 } }, (opened) => {
  page = opened;
});

async function iterations(rows: Locator): Promise<number[]> {
  return rows.evaluateAll((elements) =>
    elements.map((element) => Number(element.getAttribute('data-iteration'))),
  );
}

/** Two channels, no controls, 2 chains of 150 + 150: small enough for CI, real all the same. */
async function chooseQuickSettings(warmup: number, draws: number): Promise<void> {
  await page.getByTestId('fit-preset-quick').click();
  await expect(page.getByTestId('fit-warmup')).toHaveValue('300');
  await expect(page.getByTestId('fit-draws')).toHaveValue('300');
  await chooseFitColumns(page, FIT_CHANNELS);
  await setNumber(page, 'fit-chains', 2);
  await setNumber(page, 'fit-warmup', warmup);
  await setNumber(page, 'fit-draws', draws);
}

test('without data the Model task points to the Data task', async () => {
  await page.getByTestId('nav-model').click();
  await expect(page.getByTestId('model-empty')).toContainText('Data');
  await expect(page.getByTestId('fit-start')).toBeDisabled();
});

test('a quick fit in Web Workers: progress advances, then the gate and the ROI table', async () => {
  await loadSampleData(page, '156 weeks');

  await page.getByTestId('nav-model').click();
  await expect(page.getByTestId('fit-none')).toBeVisible();
  await chooseQuickSettings(150, 150);
  await page.screenshot({ path: `${SCREENSHOTS}/model-settings.png`, fullPage: true });

  await page.getByTestId('fit-start').click();
  const rows = page.getByTestId('fit-progress-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('fit-status')).toHaveAttribute('data-status', 'running');
  // Progress advances while the UI stays responsive (the chains are in workers).
  await expect.poll(async () => Math.max(...(await iterations(rows))), SLOW).toBeGreaterThan(0);
  const early = await iterations(rows);
  await expect
    .poll(async () => (await iterations(rows)).reduce((a, b) => a + b, 0), SLOW)
    .toBeGreaterThan(early.reduce((a, b) => a + b, 0));
  await expect(rows.first()).toContainText('it/s');
  await page.screenshot({ path: `${SCREENSHOTS}/model-fit-progress.png`, fullPage: true });

  await expect(page.getByTestId('fit-status')).toHaveAttribute('data-status', 'done', SLOW);
  await expect(rows.first()).toContainText('300 / 300');
  const gate = page.getByTestId('fit-gate');
  await expect(gate).toBeVisible();
  const verdict = await page.getByTestId('fit-gate-verdict').textContent();
  expect(['passed', 'failed']).toContain(verdict?.trim());
  // An honest gate: a failed verdict lists its reasons (R-hat, ESS, divergences…).
  if (verdict?.trim() === 'failed')
    await expect(page.getByTestId('fit-gate-reasons')).toContainText(/R-hat|ESS|divergent|E-BFMI/);
  await expect(gate).toContainText('max R-hat');

  const table = page.getByTestId('fit-roi-table');
  await expect(table.getByTestId('fit-roi-row')).toHaveCount(2);
  for (const channel of FIT_CHANNELS) {
    const row = table.locator(`[data-channel="${channel}"]`);
    const mean = Number(await row.getByTestId('roi-mean').textContent());
    expect(Number.isFinite(mean), `${channel} ROI`).toBe(true);
    expect(mean).toBeGreaterThan(0);
    await expect(row).toContainText(/\[\d+\.\d\d, \d+\.\d\d\]/);
  }
  // Drawn with ECharts' SVG renderer (renderer/components/model/IntervalChart.vue).
  const drawn = page.getByTestId('fit-roi-chart').locator('svg').first();
  await expect(drawn).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/model-fit-done.png`, fullPage: true });
});

test('cancel stops a long fit within a second and keeps the previous result', async () => {
  const before = await page.getByTestId('fit-roi-table').textContent();
  const gateBefore = await page.getByTestId('fit-gate').textContent();
  await chooseQuickSettings(5000, 5000);
  await page.getByTestId('fit-start').click();
  const rows = page.getByTestId('fit-progress-row');
  await expect(rows).toHaveCount(2);
  await expect.poll(async () => Math.max(...(await iterations(rows))), SLOW).toBeGreaterThan(5);

  // Timed in the page: from the click to the status saying so (Playwright's own round trips are
  // slow on a loaded machine and would be counted otherwise).
  const elapsed = await page.evaluate(async () => {
    // Structural types: this file is type-checked without the DOM library.
    type Found = { click(): void; getAttribute(name: string): string | null } | null;
    const root = (globalThis as unknown as { document: { querySelector(selector: string): Found } })
      .document;
    const button = root.querySelector('[data-testid="fit-cancel"]');
    const status = root.querySelector('[data-testid="fit-status"]');
    if (!button || !status) return Number.POSITIVE_INFINITY;
    const started = performance.now();
    button.click();
    while (
      status.getAttribute('data-status') !== 'cancelled' &&
      performance.now() - started < 5_000
    ) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return performance.now() - started;
  });
  expect(elapsed, 'milliseconds from Cancel to "cancelled"').toBeLessThan(1_000);
  await expect(page.getByTestId('fit-message')).toContainText('cancelled');
  const atCancel = await iterations(rows);
  await page.waitForTimeout(1_500);
  expect(await iterations(rows), 'progress stops updating after cancel').toEqual(atCancel);
  expect(Math.max(...atCancel)).toBeLessThan(10_000);

  // Nothing half-written: the previous fit is shown unchanged, and Fit is available again.
  expect(await page.getByTestId('fit-roi-table').textContent()).toBe(before);
  expect(await page.getByTestId('fit-gate').textContent()).toBe(gateBefore);
  await expect(page.getByTestId('fit-start')).toBeEnabled();
  await expect(page.getByTestId('fit-cancel')).toBeDisabled();
  await page.screenshot({ path: `${SCREENSHOTS}/model-fit-cancelled.png`, fullPage: true });
});
