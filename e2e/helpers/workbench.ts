/** Steps through the workbench that several specs take the same way. */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export const SCREENSHOTS = 'artifacts/screenshots';
// DuckDB work and sampling on 2 shared cores: generous, but a hang still fails.
export const SLOW = { timeout: 180_000 };

/** Loads the bundled sample in the Data task and waits until its model frame shows `fact`. */
export async function loadSampleData(page: Page, fact: string): Promise<void> {
  await page.getByTestId('nav-data').click();
  await page.getByTestId('load-sample-data').click();
  await expect(page.getByTestId('data-progress')).toHaveText(/Ready/, SLOW);
  await expect(page.getByTestId('frame-facts')).toContainText(fact, SLOW);
}

/** Types `value` into a number field and commits it (the forms listen to `change`). */
export async function setNumber(page: Page, testId: string, value: number | string): Promise<void> {
  await page.getByTestId(testId).fill(String(value));
  await page.getByTestId(testId).dispatchEvent('change');
}

/** In the Model task: fits exactly `channels`, no controls. */
export async function chooseFitColumns(page: Page, channels: readonly string[]): Promise<void> {
  for (const box of await page.locator('[data-testid^="fit-channel-"]').all()) {
    const name = ((await box.getAttribute('data-testid')) ?? '').replace('fit-channel-', '');
    if (channels.includes(name)) await box.check();
    else await box.uncheck();
  }
  for (const box of await page.locator('[data-testid^="fit-control-"]').all()) await box.uncheck();
}
