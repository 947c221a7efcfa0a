/**
 * The view: fit view leaves room for the minimap at every common width, and opening a file shows the
 * whole topology.
 */
import type { Page } from '@playwright/test';
import { serializeTopology } from '../../src/model/index.ts';
import { benchTopology } from '../bench/topologies.ts';
import { expect, test } from './fixtures.ts';

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) =>
  a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;

async function nodeBoxes(page: Page): Promise<Box[]> {
  return page
    .locator('.react-flow__node')
    .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
}

/** Every node inside the canvas and none under the minimap (the view may still be settling). */
async function expectAllInViewClearOfMinimap(page: Page): Promise<void> {
  const minimap = (await page.locator('.react-flow__minimap').boundingBox())!;
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await expect
    .poll(async () => (await nodeBoxes(page)).filter((b) => intersects(b, minimap) || !inside(b, pane)).length, {
      message: 'nodes under the minimap or out of view',
    })
    .toBe(0);
}

for (const width of [1024, 1280, 1920]) {
  test(`at ${width} px the minimap covers no node, and every node is in view`, async ({ designer }) => {
    await designer.setViewportSize({ width, height: 900 });
    await designer.getByRole('button', { name: 'Fit View' }).click();
    await expect.poll(async () => (await nodeBoxes(designer)).length).toBe(8);
    await expectAllInViewClearOfMinimap(designer);
  });
}

test('opening a 300-node file fits the view to it, clear of the minimap', async ({ designer }) => {
  const big = benchTopology(300);
  // Laid out in rows, as a person would have drawn it.
  const laid = { ...big, nodes: big.nodes.map((n, i) => ({ ...n, x: (i % 20) * 240, y: Math.floor(i / 20) * 120 })) };
  designer.once('dialog', (dialog) => void dialog.accept());
  await designer
    .getByLabel('Open a topology file')
    .setInputFiles({ name: 'estate.json', mimeType: 'application/json', buffer: Buffer.from(serializeTopology(laid)) });
  await expect(designer.locator('.react-flow__node-topology')).toHaveCount(300);
  await expectAllInViewClearOfMinimap(designer);
});

test('the minimap can be hidden and shown again from the zoom controls', async ({ designer }) => {
  const toggle = designer.getByRole('button', { name: 'Hide the minimap' });
  await toggle.click();
  await expect(designer.locator('.react-flow__minimap')).toHaveCount(0);
  await designer.getByRole('button', { name: 'Show the minimap' }).click();
  await expect(designer.locator('.react-flow__minimap')).toBeVisible();
});

test('the file list: grouped as the bundle is, filtered as you type, walked with the arrow keys, the selected node in front', async ({
  designer,
}) => {
  const list = designer.getByRole('tablist', { name: 'Generated files' });
  await expect(list).toHaveAttribute('aria-orientation', 'vertical');
  const filter = designer.getByLabel('Filter files');
  await filter.pressSequentially('nginx');
  await expect(list.getByRole('tab')).toHaveText(['load-balancers/gw-lb/nginx.conf', 'load-balancers/cp-lb/nginx.conf']);
  await filter.press('ControlOrMeta+a');
  await filter.pressSequentially('zzz');
  await expect(list.getByRole('tab')).toHaveCount(0);
  await expect(designer.getByText('No file matches “zzz”.')).toBeVisible();
  await filter.press('ControlOrMeta+a');
  await filter.press('Backspace');
  await expect(list.getByRole('tab')).toHaveCount(13);
  // Tab into the list, then walk it with the arrow keys: each file shows as it is reached.
  await filter.press('Tab');
  await expect(list.getByRole('tab', { name: 'nodes/gw-1/repository/conf/deployment.toml' })).toBeFocused();
  await designer.keyboard.press('ArrowDown');
  await expect(list.getByRole('tab', { name: 'nodes/gw-2/repository/conf/deployment.toml' })).toBeFocused();
  await expect(designer.getByRole('tabpanel')).toContainText('deployment.toml of gw-2 (gw-2)');
  await designer.keyboard.press('End');
  await expect(list.getByRole('tab', { name: 'hosts' })).toHaveAttribute('aria-selected', 'true');
  // Selecting a node brings its file to the front.
  await designer.locator('.react-flow__node[data-id="cp-2"]').click();
  await expect(list.getByRole('tab', { name: 'nodes/cp-2/repository/conf/deployment.toml' })).toHaveAttribute('aria-selected', 'true');
});
