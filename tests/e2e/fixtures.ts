/**
 * The page fixture every e2e test uses: a fresh page whose console errors, React warnings and page
 * errors fail the test.
 */
import { test as base, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export const test = base.extend<{ designer: Page }>({
  designer: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || (message.type() === 'warning' && /React|Warning:/.test(message.text()))) {
        problems.push(`${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto('/');
    await expect(page.getByRole('tablist', { name: 'Generated files' }).getByRole('tab').first()).toBeVisible();
    await use(page);
    expect(problems, 'console errors and React warnings').toEqual([]);
  },
});

export { expect };

/** The text of the file in the tab named `path`. */
export async function fileText(page: Page, path: string): Promise<string> {
  // The files follow an edit as a deferred value: wait until they have caught up (aria-busy gone).
  await expect(page.locator('section.files[aria-busy]')).toHaveCount(0);
  await page.getByRole('tab', { name: path, exact: true }).click();
  return (await page.getByRole('tabpanel').locator('pre').textContent()) ?? '';
}

/** Waits for the canvas to stop moving (an entry of Problems centres its node with a short animation). */
export async function viewSettled(page: Page): Promise<void> {
  const transform = () => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  let last = await transform();
  await expect
    .poll(
      async () => {
        const now = await transform();
        const still = now === last;
        last = now;
        return still;
      },
      { intervals: [150, 150, 150, 250, 500] },
    )
    .toBe(true);
}

/**
 * Types into a field as a person does: select what is there, type key by key, then Enter, which
 * applies a whole value (the inspector's commit model).
 */
export async function typeInto(field: Locator, text: string, { enter = true } = {}): Promise<void> {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(text);
  if (enter) await field.press('Enter');
}
