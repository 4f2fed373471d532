/**
 * The Planner task end to end: a quick fit of the sample (2 channels, 2 chains × (100 + 100), so
 * CI stays fast) → Planner (the Reference scenario, provisional if the gate failed) → optimise →
 * edit a spend cell of a hand-edited copy and see its numbers change, measured from the edit to the
 * new numbers on screen (< 100 ms: the planner worker is warm) → all charts drawn.
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
useSharedPage({ viewport: { width: 1600, height: 1200 } }, (opened) => {
  page = opened;
});

test('without a fit the Planner task points to the Model task', async () => {
  await page.getByTestId('nav-planner').click();
  await expect(page.getByTestId('planner-empty')).toContainText('Model');
  await expect(page.getByTestId('optimize-start')).toBeDisabled();
});

/** Edits `testId`'s input to `value` and resolves to the ms until `watched`'s text changes. */
async function timedEdit(testId: string, value: number, watched: string): Promise<number> {
  // A script string: this file is type-checked without the DOM library.
  return (await page.evaluate(`new Promise((resolve, reject) => {
    const input = document.querySelector('[data-testid="${testId}"]');
    const target = document.querySelector('[data-testid="${watched}"]');
    if (!input || !target) return reject(new Error('missing ${testId} or ${watched}'));
    const before = target.textContent;
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (target.textContent !== before) {
        observer.disconnect();
        resolve(performance.now() - started);
      }
    });
    observer.observe(target, { characterData: true, childList: true, subtree: true });
    input.value = String(${value});
    input.dispatchEvent(new Event('change', { bubbles: true }));
    setTimeout(() => reject(new Error('no update within 10 s')), 10000);
  })`)) as number;
}

test('fit → Planner → optimise → edit a cell live → add a scenario → every chart drawn', async () => {
  await loadSampleData(page, '156 weeks');
  await page.getByTestId('nav-model').click();
  await page.getByTestId('fit-preset-quick').click();
  await chooseFitColumns(page, ['tv', 'search']);
  await setNumber(page, 'fit-chains', 2);
  await setNumber(page, 'fit-warmup', 100);
  await setNumber(page, 'fit-draws', 100);
  await page.getByTestId('fit-start').click();
  await expect(page.getByTestId('fit-status')).toHaveAttribute('data-status', 'done', SLOW);
  const gateFailed =
    (await page.getByTestId('fit-gate-verdict').textContent())?.trim() === 'failed';

  await page.getByTestId('nav-planner').click();
  const table = page.getByTestId('scenario-table');
  await expect(table).toBeVisible(SLOW);
  await expect(page.getByTestId('scenario-spend-reference-tv')).toBeVisible();
  // A fit that failed its gate can be planned on, but every scenario says provisional.
  await expect(page.getByTestId('scenario-provisional-reference')).toHaveCount(gateFailed ? 1 : 0);

  await page.getByTestId('optimize-start').click();
  await expect(page.getByTestId('scenario-head-optimised')).toBeVisible(SLOW);
  await expect(page.getByTestId('planner-status')).toHaveAttribute('data-status', 'ready', SLOW);
  const reference = Number(await page.getByTestId('scenario-spend-reference-tv').inputValue());
  const optimisedTotal = await page.getByTestId('scenario-total-spend-optimised').textContent();
  expect(optimisedTotal).toContain(
    (await page.getByTestId('scenario-total-spend-reference').textContent())!.split(' ')[0],
  );

  await page.getByTestId('scenario-add').click();
  await expect(page.getByTestId('scenario-head-scenario-1')).toBeVisible();
  const kpi = page.getByTestId('scenario-kpi-scenario-1');
  const before = await kpi.textContent();
  // Warm-up edit, then the measured one: from the edit to the new numbers on screen.
  await timedEdit(
    'scenario-spend-scenario-1-tv',
    Math.round(reference * 1.5),
    'scenario-kpi-scenario-1',
  );
  const milliseconds = await timedEdit(
    'scenario-spend-scenario-1-tv',
    Math.round(reference * 2),
    'scenario-kpi-scenario-1',
  );
  expect(await kpi.textContent()).not.toBe(before);
  expect(milliseconds).toBeLessThan(100);
  await expect(page.getByTestId('planner-edit-ms')).toBeVisible();
  test
    .info()
    .annotations.push({ type: 'edit latency', description: `${milliseconds.toFixed(1)} ms` });
  console.log(`planner: a live edit answered in ${milliseconds.toFixed(1)} ms`);

  for (const chart of [
    'allocation-chart',
    'scenario-outcome-chart',
    'response-curves-chart',
    'frontier-chart',
  ]) {
    const canvas = page.getByTestId(chart).locator('canvas');
    await expect(canvas.first()).toBeVisible(SLOW);
    const box = await canvas.first().boundingBox();
    expect(box!.width).toBeGreaterThan(100);
  }
  await page.screenshot({ path: `${SCREENSHOTS}/planner.png`, fullPage: true });
});
