/**
 * The Network view in Chromium: the network.csv tab shows the connections as a table; choosing a node on the canvas
 * highlights exactly the rows it opens or receives, and Escape clears the choice.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

test('the Connections table highlights the rows of the node chosen on the canvas', async ({ designer }) => {
  const files = designer.getByRole('tablist', { name: 'Generated files' });
  await files.getByRole('tab', { name: 'network.csv' }).click();
  const table = designer.getByRole('table', { name: 'Connections' });
  await expect(table).toBeVisible();
  await expect(table.locator('caption')).toContainText('choose a node or a link on the canvas');
  const rows = table.locator('tbody tr');
  const total = await rows.count();
  expect(total).toBeGreaterThan(10);

  // Choose gw-1 on the canvas: the table stays in front, and only gw-1's rows are highlighted.
  await node(designer, 'gw-1').click();
  await expect(table).toBeVisible();
  await expect(table.locator('caption')).toContainText('highlighted for the selection');
  const highlighted = table.locator('tbody tr[data-highlighted]');
  const count = await highlighted.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(total);
  for (const row of await highlighted.all()) {
    const cells = await row.locator('td').allTextContents();
    expect([cells[0], cells[2]], cells.join(' | ')).toContain('gw-1');
  }
  // Every row that names gw-1 as an end is among them.
  const ends = await rows.evaluateAll((trs) => trs.map((tr) => [tr.children[0]?.textContent, tr.children[2]?.textContent]));
  expect(ends.filter((pair) => pair.includes('gw-1')).length).toBe(count);

  // Escape clears the selection: nothing is highlighted.
  await designer.keyboard.press('Escape');
  await expect(highlighted).toHaveCount(0);
});
