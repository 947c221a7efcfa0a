/**
 * Storage the page cannot use: blocked by the browser, or full. The page says so, persistently, with a
 * way to keep the work (Save topology.json), and the editing goes on.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

test('storage blocked by the browser: a notice that stays, and Save topology.json keeps the work', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await page.goto('/');
  const notice = page.getByRole('alert').filter({ hasText: 'Autosave is not working' });
  await expect(notice).toContainText("blocks the page's storage");
  await page.getByRole('list', { name: 'Node palette' }).getByRole('button', { name: 'Gateway' }).click();
  await expect(page.locator('.react-flow__node[data-id="gw-3"]')).toBeVisible();
  await page.waitForTimeout(9000); // longer than an information message stays
  await expect(notice).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Save topology.json' }).click()]);
  const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { nodes: { id: string }[] };
  expect(saved.nodes.map((n) => n.id)).toContain('gw-3');
});

test('storage full: the notice says the latest edits are not autosaved', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
  });
  await page.goto('/');
  await page.getByRole('list', { name: 'Node palette' }).getByRole('button', { name: 'Database' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Autosave is not working' })).toContainText('storage is full');
});
