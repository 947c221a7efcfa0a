/**
 * The designer from the keyboard alone: the Tab order (toolbar, palette, nodes in reading order, then
 * edges), and a whole session — add a gateway, connect it to the control-plane load balancer, change its
 * host, undo, redo, delete — with the focus checked after every step. Focus never falls to <body>.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** What has the focus, as a short description: a node or edge id, or the element's accessible name. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '<body>';
    const id = el.closest('.react-flow__node')?.getAttribute('data-id');
    if (id) return `node ${id}`;
    if (el.classList.contains('react-flow__edge')) return `edge ${el.getAttribute('aria-label')}`;
    return el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName;
  });
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    expect(await focused(page), 'focus fell to the page').not.toBe('<body>');
  }
  throw new Error(`never reached ${target}`);
}

test('Tab walks the toolbar, the palette (its last kind, Redis), the nodes in reading order, then the edges, then on', async ({
  designer,
}) => {
  await tabTo(designer, designer.getByRole('list', { name: 'Node palette' }).getByRole('button', { name: 'Redis' }));
  const order: string[] = [];
  for (let i = 0; i < 8 + 11 + 1; i++) {
    await designer.keyboard.press('Tab');
    order.push(await focused(designer));
  }
  expect(order.slice(0, 8)).toEqual([
    'node gw-lb',
    'node cp-lb',
    'node gw-1',
    'node gw-2',
    'node cp-1',
    'node cp-2',
    'node tm-1',
    'node db',
  ]);
  // Every one of the sample's 11 links, once.
  expect(order.slice(8, 19), order.join(' | ')).toEqual(order.slice(8, 19).filter((f) => f.startsWith('edge Link ')));
  expect(new Set(order.slice(8, 19)).size).toBe(11);
  // Past the last edge, out of the canvas's nodes and edges (to the zoom controls).
  expect(order[19]).toBe('Zoom In');
  // And back.
  await designer.keyboard.press('Shift+Tab');
  expect(await focused(designer)).toMatch(/^edge Link /);
});

test('keyboard only: add a gateway, connect it to the control-plane LB, change its host, undo, redo, delete', async ({ designer }) => {
  // Add: the palette button, Enter. The new node is selected; the focus stays on the button.
  const gateway = designer.getByRole('list', { name: 'Node palette' }).getByRole('button', { name: 'Gateway' });
  await tabTo(designer, gateway);
  await designer.keyboard.press('Enter');
  await expect(node(designer, 'gw-3')).toBeVisible();
  await expect(gateway).toBeFocused();
  const form = designer.getByRole('form', { name: 'Gateway gw-3' });
  await expect(form).toBeVisible();

  // Connect: the inspector's "Connect to", chosen with the arrow keys, then the Connect button.
  const target = form.getByLabel('Connect to');
  await tabTo(designer, target);
  for (let i = 0; i < 20 && (await target.inputValue()) !== 'cp-lb'; i++) await designer.keyboard.press('ArrowDown');
  await expect(target).toHaveValue('cp-lb');
  await designer.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: 'Connect', exact: true })).toBeFocused();
  await designer.keyboard.press('Enter');
  await expect(designer.getByLabel('Link gw-3 to cp-lb: calls cluster')).toHaveCount(1);
  await expect(form.getByRole('button', { name: 'Connect', exact: true })).toBeFocused();

  // Host: back to the field, type, Enter. The focus stays in the field.
  const host = form.getByLabel('Host');
  await tabTo(designer, host, { back: true });
  await designer.keyboard.press('ControlOrMeta+a');
  await designer.keyboard.type('gw-3.internal.example');
  await designer.keyboard.press('Enter');
  await expect(node(designer, 'gw-3')).toContainText('gw-3.internal.example:0');
  await expect(host).toBeFocused();

  // Undo, then redo, from the toolbar.
  const undo = designer.getByRole('button', { name: 'Undo' });
  await tabTo(designer, undo, { back: true });
  await designer.keyboard.press('Enter');
  await expect(node(designer, 'gw-3')).toContainText('gw-3.example.com:0');
  await expect(undo).toBeFocused();
  const redo = designer.getByRole('button', { name: 'Redo' });
  await expect(redo).toBeEnabled();
  await designer.keyboard.press('Tab');
  await expect(redo).toBeFocused();
  await designer.keyboard.press('Enter');
  await expect(node(designer, 'gw-3')).toContainText('gw-3.internal.example:0');
  await expect(redo).toBeFocused();

  // Delete: to the node on the canvas, select it (Enter), Delete. Focus goes to the canvas, not the page.
  await tabTo(designer, node(designer, 'gw-3'));
  await designer.keyboard.press('Enter');
  await expect(node(designer, 'gw-3')).toHaveClass(/selected/);
  await designer.keyboard.press('Delete');
  await expect(node(designer, 'gw-3')).toHaveCount(0);
  await expect.poll(() => focused(designer)).not.toBe('<body>');
  await expect(designer.locator('[data-focus-fallback]')).toBeFocused();
});

test('arrow keys move the selected node, one undo step each', async ({ designer }) => {
  await tabTo(designer, node(designer, 'db'));
  await designer.keyboard.press('Enter');
  const before = (await node(designer, 'db').boundingBox())!;
  await designer.keyboard.press('ArrowRight');
  await designer.keyboard.press('ArrowRight');
  await expect.poll(async () => (await node(designer, 'db').boundingBox())!.x).toBeGreaterThan(before.x);
  await designer.getByRole('button', { name: 'Undo' }).click();
  await designer.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await node(designer, 'db').boundingBox())!.x).toBeCloseTo(before.x, 0);
});
