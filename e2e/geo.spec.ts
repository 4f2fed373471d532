/**
 * Fitting by geo end to end: the sample (5 geos) with geos kept → the Model task's model level
 * "By geo" → a quick fit in Web Workers (2 chains × (150 + 150) on two channels) → the
 * geo × channel ROI heat map drawn for every geo and channel, in the Model task and in Results.
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
useSharedPage({ viewport: { width: 1440, height: 1100 } }, (opened) => {
  page = opened;
});

test('the sample fitted by geo draws the geo × channel ROI chart', async () => {
  await loadSampleData(page, '156 weeks');
  // The model level is offered only once the frame keeps its geos.
  await page.getByTestId('nav-model').click();
  await expect(page.getByTestId('fit-settings')).toBeVisible();
  await expect(page.getByTestId('model-level')).toHaveCount(0);
  await page.getByTestId('nav-data').click();
  await page.getByTestId('aggregate-geos').uncheck();
  await expect(page.getByTestId('frame-facts')).toContainText('5 geos', SLOW);

  await page.getByTestId('nav-model').click();
  await page.getByTestId('model-level').selectOption('geo');
  await expect(page.getByTestId('model-population')).toHaveValue('');
  await page.getByTestId('fit-preset-quick').click();
  await chooseFitColumns(page, ['tv', 'search']);
  // The quick preset, halved as the Model task's own e2e does, to keep CI fast.
  await setNumber(page, 'fit-chains', 2);
  await setNumber(page, 'fit-warmup', 150);
  await setNumber(page, 'fit-draws', 150);
  await page.getByTestId('fit-start').click();
  await expect(page.getByTestId('fit-status')).toHaveAttribute('data-status', 'done', SLOW);

  const chart = page.getByTestId('geo-roi-chart');
  await expect(chart).toHaveAttribute('data-geos', '5');
  await expect(chart).toHaveAttribute('data-channels', '2');
  await expect(chart.locator('canvas').first()).toBeVisible();
  // The national summary stays the sum over geos: one ROI row per channel.
  await expect(page.getByTestId('fit-roi-table').getByTestId('fit-roi-row')).toHaveCount(2);
  await page.screenshot({ path: `${SCREENSHOTS}/model-geo-fit.png`, fullPage: true });

  // The Results task shows the same geo fit's heat map beside its national charts.
  await page.getByTestId('nav-results').click();
  const results = page.getByTestId('geo-roi-chart');
  await expect(results).toHaveAttribute('data-drawn', 'true', SLOW);
  await expect(page.getByTestId('roi-chart')).toHaveAttribute('data-drawn', 'true', SLOW);
});
