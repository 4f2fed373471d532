/**
 * A campaign-level export with 300 media columns (spend, impressions and clicks for 100 campaigns)
 * in the browser build: it imports, every column is mapped, it validates and frames.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { wideExportCsv } from '../sample-data/generator/wideExport';
import { useSharedPage } from './helpers/sharedPage';
import { SCREENSHOTS, SLOW } from './helpers/workbench';

let page: Page;
useSharedPage({ viewport: { width: 1440, height: 900 }, sameOriginOnly: true }, (opened) => {
  page = opened;
});

test('a 300-column campaign export imports and maps', async () => {
  const wide = wideExportCsv({
    campaigns: 100,
    weeks: 156,
    seed: 5,
    metrics: 'spend-impressions-clicks',
  });
  await page.getByTestId('import-file-input').setInputFiles({
    name: 'campaigns.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(wide.text),
  });
  await expect(page.getByTestId('file-row-campaigns.csv')).toBeVisible(SLOW);
  await expect(page.getByTestId('data-progress')).toHaveText(/Ready/, SLOW);
  await expect(page.getByTestId('data-errors')).toHaveCount(0);
  await expect(page.getByTestId('file-row-campaigns.csv').getByTestId('file-rows')).toHaveText(
    '156',
  );
  const role = (column: string) => page.getByTestId(`role-campaigns.csv-${column}`);
  await expect(role('date')).toHaveValue('date');
  await expect(role('revenue')).toHaveValue('kpi');
  for (const campaign of ['campaign_001', 'campaign_050', 'campaign_100']) {
    await expect(role(`${campaign}_spend`)).toHaveValue('spend');
    await expect(role(`${campaign}_impressions`)).toHaveValue('impressions');
    await expect(role(`${campaign}_clicks`)).toHaveValue('clicks');
  }
  await expect(page.locator('[data-testid^="role-campaigns.csv-"]')).toHaveCount(wide.columns);
  await expect(page.getByTestId('validation-status')).toHaveText('usable', SLOW);
  await expect(page.getByTestId('frame-facts')).toContainText('156 weeks');
  await expect(page.getByTestId('frame-facts')).toContainText('100 channels');
  await page.screenshot({ path: `${SCREENSHOTS}/data-wide-campaigns.png` });
});
