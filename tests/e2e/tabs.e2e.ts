/**
 * Two tabs of the designer on one browser profile (one localStorage): an edit in each, then reloads.
 * Nothing is lost without a notice: the tab that hears of the other's save asks before it writes.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const add = (page: Page, kind: string) => page.getByRole('list', { name: 'Node palette' }).getByRole('button', { name: kind }).click();

test('an edit in each of two tabs, then reloads: each tab is told before anything is overwritten', async ({ designer, context }) => {
  const other = await context.newPage();
  await other.goto('/');
  await expect(node(other, 'gw-1')).toBeVisible();

  // Tab A adds a gateway; it is autosaved.
  await add(designer, 'Gateway');
  await expect(node(designer, 'gw-3')).toBeVisible();
  // Tab B hears of it and asks; its own edit meanwhile is not written over A's.
  const asked = other.getByRole('alert').filter({ hasText: 'Another tab of the designer saved a different version' });
  await expect(asked).toBeVisible();
  await add(other, 'Database');
  await expect(node(other, 'db-1')).toBeVisible();
  await other.waitForTimeout(800); // longer than the autosave's delay

  // A reload of A finds A's work, not B's.
  await designer.reload();
  await expect(node(designer, 'gw-3')).toBeVisible();
  await expect(node(designer, 'db-1')).toHaveCount(0);

  // B keeps its own version: now A is the one that is told.
  await asked.getByRole('button', { name: "Keep this tab's version" }).click();
  await expect(asked).toHaveCount(0);
  const told = designer.getByRole('alert').filter({ hasText: 'Another tab of the designer saved a different version' });
  await expect(told).toBeVisible();
  await told.getByRole('button', { name: "Load the other tab's version" }).click();
  await expect(node(designer, 'db-1')).toBeVisible();
  await expect(node(designer, 'gw-3')).toHaveCount(0);
  // Loading it is one step: undo brings A's own work back.
  await designer.getByRole('button', { name: 'Undo' }).click();
  await expect(node(designer, 'gw-3')).toBeVisible();
  await other.close();
});
