/**
 * Auto-layout (the toolbar button with the mouse, Ctrl/⌘+Shift+L from the keyboard: one undo step) and
 * clusters drawn as groups (a 50-node topology: a group per cluster, one edge per cluster and peer,
 * selecting a group lists its members, a dragged member takes its group along).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { serializeTopology } from '../../src/model/index.ts';
import { benchTopology } from '../bench/topologies.ts';
import { expect, test, viewSettled } from './fixtures.ts';

/** Where each node is on the canvas (flow coordinates, from React Flow's transform), by id. */
async function places(page: Page): Promise<Record<string, string>> {
  return page
    .locator('.react-flow__node-topology')
    .evaluateAll((els) => Object.fromEntries(els.map((el) => [el.getAttribute('data-id') ?? '', (el as HTMLElement).style.transform])));
}

const yOf = (place: string | undefined) => Number(/translate\([-\d.]+px, ?([-\d.]+)px\)/.exec(place ?? '')?.[1] ?? NaN);

test('Auto-layout puts the sample in tiers in one undo step, from the toolbar and from the keyboard', async ({ designer }) => {
  const before = await places(designer);
  await designer.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(designer.getByRole('status').filter({ hasText: 'Laid out 8 nodes in tiers' })).toBeVisible({ timeout: 20_000 }); // elkjs loads first
  await expect.poll(async () => JSON.stringify(await places(designer))).not.toBe(JSON.stringify(before));
  const after = await places(designer);
  // Load balancers above their clusters, then gateways, control planes, the traffic manager, the database.
  const tiers = ['gw-lb', 'gw-1', 'cp-lb', 'cp-1', 'tm-1', 'db'].map((id) => yOf(after[id]));
  expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
  expect(new Set(tiers).size).toBe(tiers.length);
  expect(yOf(after['gw-1'])).toBe(yOf(after['gw-2']));

  // One step back, to where every node was.
  await designer.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => places(designer)).toEqual(before);

  // From the keyboard, with the focus on a node.
  await designer.locator('.react-flow__node[data-id="db"]').focus();
  await designer.keyboard.press('ControlOrMeta+Shift+L');
  await expect.poll(async () => places(designer), { timeout: 20_000 }).toEqual(after);
  await designer.keyboard.press('ControlOrMeta+z');
  await expect.poll(async () => places(designer)).toEqual(before);
});

test('a 50-node topology: a group per cluster, one edge per cluster and peer; a group lists its members and follows them', async ({
  designer,
}) => {
  const big = benchTopology(50, 4);
  const laid = { ...big, nodes: big.nodes.map((n, i) => ({ ...n, x: (i % 10) * 240, y: Math.floor(i / 10) * 160 })) };
  designer.once('dialog', (dialog) => void dialog.accept());
  await designer
    .getByLabel('Open a topology file')
    .setInputFiles({ name: 'estate.json', mimeType: 'application/json', buffer: Buffer.from(serializeTopology(laid)) });
  await expect(designer.locator('.react-flow__node-topology')).toHaveCount(50);
  const clusters = laid.nodes.filter((n) => n.kind === 'load-balancer').length;
  await expect(designer.locator('.react-flow__node-cluster')).toHaveCount(clusters);
  await expect(designer.locator('.react-flow__edge')).toHaveCount(32);
  await expect(designer.getByLabel('4 links cluster gw-lb-1 to cp-lb: calls cluster')).toHaveCount(1);

  // Laid out: the groups keep their members side by side.
  await designer.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(designer.getByRole('status').filter({ hasText: 'Laid out 50 nodes in tiers' })).toBeVisible({ timeout: 20_000 });
  // The README's picture of a grouped topology after Auto-layout.
  await viewSettled(designer);
  await designer.screenshot({ path: fileURLToPath(new URL('./screenshot-groups.png', import.meta.url)) });

  // Selecting the group (on its name) selects its members; the inspector lists them.
  const group = designer.locator('.react-flow__node[data-id="group:gw-lb-2"]');
  await group.getByText(/gw-lb-2 · 4 Gateway nodes/).click();
  const inspector = designer.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: '4 nodes selected' })).toBeVisible();
  await expect(inspector).toContainText('gw-2-1, gw-2-2, gw-2-3, gw-2-4');
  await expect(group).toHaveClass(/selected/);
  for (const id of ['gw-2-1', 'gw-2-4']) await expect(designer.locator(`.react-flow__node[data-id="${id}"]`)).toHaveClass(/selected/);

  // Dragging a member (alone) takes the group's box along, in one undo step.
  await designer.getByRole('button', { name: 'Clear selection' }).click();
  const member = designer.locator('.react-flow__node[data-id="gw-2-4"]');
  const box = (await group.boundingBox())!;
  const at = (await member.boundingBox())!;
  await designer.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await designer.mouse.down();
  await designer.mouse.move(at.x + at.width / 2, at.y + at.height / 2 + 120, { steps: 8 });
  await designer.mouse.up();
  await expect.poll(async () => (await group.boundingBox())!.height).toBeGreaterThan(box.height + 40);
  await designer.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => Math.round((await group.boundingBox())!.height)).toBe(Math.round(box.height));

  // The groups can be turned off: one edge per link again.
  await designer.getByRole('button', { name: 'Group clusters' }).click();
  await expect(designer.locator('.react-flow__node-cluster')).toHaveCount(0);
  await expect(designer.locator('.react-flow__edge')).toHaveCount(laid.links.length);
});
