/**
 * The Causal task end to end: sample data → double ML with ridge in a real Web Worker → the
 * estimates table with finite θ, SEs, CIs and p-values per channel; a fit in the Model task then
 * appears beside the DML estimates (same data, same results store). Also: cancel mid-run.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { useSharedPage } from './helpers/sharedPage';
import {
  SCREENSHOTS,
  SLOW,
  chooseFitColumns,
  loadSampleData,
  setNumber,
} from './helpers/workbench';

let page: Page;
useSharedPage({ viewport: { width: 1440, height: 1000 } }, (opened) => {
  page = opened;
});

const finite = (text: string | null): number => {
  const value = Number((text ?? '').replace('< ', ''));
  expect(Number.isFinite(value), `'${text}' is a finite number`).toBe(true);
  return value;
};

test('double ML with ridge on the sample: one row per channel with finite numbers', async () => {
  await page.getByTestId('nav-causal').click();
  await expect(page.getByTestId('causal-empty')).toBeVisible();
  await loadSampleData(page, '7 channels');

  await page.getByTestId('nav-causal').click();
  await page.getByTestId('dml-learner').selectOption('ridge');
  await setNumber(page, 'dml-folds', 4);
  await page.getByTestId('dml-scheme').selectOption('blocked');
  await page.getByTestId('dml-se').selectOption('hac');
  await page.getByTestId('dml-start').click();
  await expect(page.getByTestId('dml-status')).toHaveAttribute('data-status', 'done', SLOW);

  const rows = page.getByTestId('dml-table').getByTestId('dml-row');
  await expect(rows).toHaveCount(7);
  for (const row of await rows.all()) {
    finite(await row.getByTestId('dml-theta').textContent());
    expect(finite(await row.getByTestId('dml-se-iid').textContent())).toBeGreaterThan(0);
    expect(finite(await row.getByTestId('dml-se-hac').textContent())).toBeGreaterThan(0);
    const [lower, upper] = ((await row.getByTestId('dml-ci').textContent()) ?? '')
      .replace(/[[\]\s]/g, '')
      .split(',')
      .map(Number);
    expect(Number.isFinite(lower) && Number.isFinite(upper) && lower < upper).toBe(true);
    const p = finite(await row.getByTestId('dml-p').textContent());
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  }
  await expect(page.getByTestId('dml-table')).toContainText('no fit');
  await expect(page.getByTestId('dml-chart').locator('svg').first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/causal-dml-ridge.png`, fullPage: true });
});

test('cancel stops a run and keeps the previous estimates', async () => {
  const before = await page.getByTestId('dml-table').textContent();
  await page.getByTestId('dml-learner').selectOption('forest');
  await setNumber(page, 'dml-folds', 10);
  await page.getByTestId('dml-start').click();
  await expect(page.getByTestId('dml-status')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('dml-cancel').click();
  await expect(page.getByTestId('dml-status')).toHaveAttribute('data-status', 'cancelled', {
    timeout: 1_000,
  });
  await expect(page.getByTestId('dml-message')).toContainText('cancelled');
  expect(await page.getByTestId('dml-table').textContent()).toBe(before);
  await expect(page.getByTestId('dml-start')).toBeEnabled();
});

test('an MMM fit on the same data shows its ROI beside the DML estimates', async () => {
  await page.getByTestId('nav-model').click();
  await page.getByTestId('fit-preset-quick').click();
  await chooseFitColumns(page, ['tv', 'search']);
  await setNumber(page, 'fit-chains', 2);
  await setNumber(page, 'fit-warmup', 100);
  await setNumber(page, 'fit-draws', 100);
  await page.getByTestId('fit-start').click();
  await expect(page.getByTestId('fit-status')).toHaveAttribute('data-status', 'done', SLOW);

  await page.getByTestId('nav-causal').click();
  const table = page.getByTestId('dml-table');
  for (const channel of ['tv', 'search']) {
    const cell = table.locator(`[data-channel="${channel}"]`).getByTestId('dml-mmm-mroi');
    await expect(cell).toBeVisible();
    finite(((await cell.textContent()) ?? '').trim().split(/\s+/)[0]);
  }
  await expect(table.locator('[data-channel="video"]')).toContainText('no fit');
  await page.screenshot({ path: `${SCREENSHOTS}/causal-dml-beside-mmm.png`, fullPage: true });
});
