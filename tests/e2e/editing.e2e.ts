/**
 * Editing that never lies, typed key by key as people type: a value reaches the files only when it is
 * whole (Enter or leaving the field); an invalid one stays in its field, is counted and listed until
 * fixed or Escape restores the value in force; a rename by typing keeps the focus and commits once.
 */
import type { Page } from '@playwright/test';
import { expect, fileText, test } from './fixtures.ts';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const GW2 = 'nodes/gw-2/repository/conf/deployment.toml';
const pane = (page: Page) => page.locator('.react-flow__pane');

/** The file in front (the selected node's), read without leaving the field being typed in. */
async function fileInFront(page: Page, path: string): Promise<string> {
  await expect(page.locator('section.files[aria-busy]')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: path, exact: true })).toHaveAttribute('aria-selected', 'true');
  return (await page.getByRole('tabpanel').locator('pre').textContent()) ?? '';
}

test('an offset typed 7 → 70 → 700 → 7000 → 70000: the files never show a value on the way; the field and Problems say what is wrong', async ({
  designer,
}) => {
  await node(designer, 'gw-2').click();
  const form = designer.getByRole('form', { name: 'Gateway gw-2' });
  const offset = form.getByLabel('Port offset');
  await offset.click();
  await offset.press('ControlOrMeta+a');
  for (const [i, key] of [...'70000'].entries()) {
    await offset.pressSequentially(key);
    const typed = '70000'.slice(0, i + 1);
    await expect(offset).toHaveValue(typed);
    // Nothing typed reaches the topology before it is whole.
    expect(await fileInFront(designer, GW2)).toContain('offset = 0');
    await expect(node(designer, 'gw-2')).toContainText('gw-2.example.com:0');
    await expect(offset).toBeFocused();
    if (Number(typed) > 1000) await expect(form.getByRole('alert')).toHaveText(`The offset ${typed} is out of range 0–1000`);
    else await expect(form.getByRole('alert')).toHaveCount(0);
  }
  await offset.press('Enter');
  await expect(form.getByRole('alert')).toHaveText('The offset 70000 is out of range 0–1000');
  // Clicking away keeps the typed value and its message: it is counted and listed, not thrown away.
  await pane(designer).click({ position: { x: 10, y: 10 } });
  await expect(designer.getByRole('banner').getByText('1 error')).toBeVisible();
  const entry = designer
    .getByRole('list', { name: 'Problems' })
    .getByRole('button', { name: /gw-2: Port offset is not applied: The offset 70000 is out of range/ });
  await expect(entry).toBeVisible();
  expect(await fileText(designer, GW2)).toContain('offset = 0');
  // The entry takes you back to the field, which still holds what was typed.
  await entry.click();
  await expect(designer.getByRole('form', { name: 'Gateway gw-2' }).getByLabel('Port offset')).toBeFocused();
  await expect(designer.getByRole('form', { name: 'Gateway gw-2' }).getByLabel('Port offset')).toHaveValue('70000');
  // Escape restores the value in force.
  await designer.keyboard.press('Escape');
  await expect(designer.getByRole('form', { name: 'Gateway gw-2' }).getByLabel('Port offset')).toHaveValue('0');
  await expect(designer.getByRole('banner').getByText('0 errors')).toBeVisible();
  // A whole valid value applies on Enter, as one undo step.
  await designer.keyboard.press('ControlOrMeta+a');
  await designer.keyboard.type('7');
  await designer.keyboard.press('Enter');
  expect(await fileText(designer, GW2)).toContain('offset = 7');
  await designer.getByRole('button', { name: 'Undo' }).click();
  expect(await fileText(designer, GW2)).toContain('offset = 0');
});

test('a host typed with a port is refused whole: the files keep the host in force', async ({ designer }) => {
  await node(designer, 'gw-2').click();
  const form = designer.getByRole('form', { name: 'Gateway gw-2' });
  const host = form.getByLabel('Host');
  await host.click();
  await host.press('ControlOrMeta+a');
  await host.pressSequentially('10.0.0.5');
  // A valid host on the way is not applied while typing goes on.
  expect(await fileInFront(designer, GW2)).toContain(
    '# Server: the cluster hostname, served by load balancer gw-lb; this node is gw-2.example.com.',
  );
  await host.pressSequentially(':8243');
  await expect(form.getByRole('alert')).toContainText('Use a host name such as gw-1.example.com, or an IPv4 address');
  await host.press('Enter');
  await host.press('Tab');
  await expect(host).toHaveValue('10.0.0.5:8243');
  const files = await fileText(designer, 'nodes/cp-1/repository/conf/deployment.toml');
  expect(files).not.toContain('10.0.0.5');
  await expect(designer.getByRole('list', { name: 'Problems' }).getByText(/Host is not applied/)).toBeVisible();
  // Fixing it applies it.
  await host.click();
  for (let i = 0; i < ':8243'.length; i++) await host.press('Backspace');
  await host.press('Enter');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(node(designer, 'gw-2')).toContainText('10.0.0.5:0');
});

test('rename by typing keeps the focus and renames once; undo restores the id and selection keeps working', async ({ designer }) => {
  await node(designer, 'gw-2').click();
  const id = designer.getByRole('form', { name: 'Gateway gw-2' }).getByLabel('Id', { exact: true });
  await id.click();
  await id.press('ControlOrMeta+a');
  await id.pressSequentially('gateway-east');
  await expect(id).toBeFocused();
  await expect(id).toHaveValue('gateway-east');
  // Not renamed while typing: no "g", "ga", … nodes on the way.
  await expect(node(designer, 'gw-2')).toBeVisible();
  await id.press('Enter');
  const renamed = designer.getByRole('form', { name: 'Gateway gateway-east' }).getByLabel('Id', { exact: true });
  await expect(renamed).toBeFocused();
  await expect(node(designer, 'gateway-east')).toBeVisible();
  await expect(node(designer, 'gw-2')).toHaveCount(0);
  await expect(designer.getByRole('tab', { name: 'nodes/gateway-east/repository/conf/deployment.toml' })).toBeVisible();
  await expect(designer.getByRole('tab', { name: GW2 })).toHaveCount(0);

  await designer.getByRole('button', { name: 'Undo' }).click();
  await expect(node(designer, 'gw-2')).toBeVisible();
  await expect(designer.getByRole('form', { name: 'Gateway gw-2' })).toBeVisible();
  await expect(designer.getByRole('tab', { name: GW2 })).toBeVisible();
  // Selecting another node works: no phantom selection of the old name.
  await node(designer, 'cp-1').click();
  await expect(designer.getByRole('form', { name: 'Control Plane cp-1' })).toBeVisible();
  await expect(designer.getByText(/nodes selected/)).toHaveCount(0);
});

test('"Add member" grows a 2-node gateway cluster to 4: the control plane and the nginx upstream list all 4', async ({ designer }) => {
  await node(designer, 'gw-lb').click();
  const add = designer.getByRole('button', { name: 'Add member to gw-lb' });
  await add.click();
  await expect(node(designer, 'gw-3')).toBeVisible();
  // The new member is selected; from it, one more.
  await expect(designer.getByRole('form', { name: 'Gateway gw-3' })).toBeVisible();
  await designer.getByRole('button', { name: 'Add member to gw-lb' }).click();
  await expect(node(designer, 'gw-4')).toBeVisible();
  // Each joined the cluster with the same links: behind gw-lb, to the control planes and the traffic manager.
  for (const id of ['gw-3', 'gw-4']) {
    await expect(designer.getByLabel(`Link gw-lb to ${id}: fronts`)).toHaveCount(1);
  }
  const nginx = await fileText(designer, 'load-balancers/gw-lb/nginx.conf');
  for (const id of ['gw-1', 'gw-2', 'gw-3', 'gw-4']) expect(nginx).toContain(`server ${id}.example.com:8243`);
  const cp = await fileText(designer, 'nodes/cp-1/repository/conf/deployment.toml');
  expect(cp).toContain('the gateway cluster behind gw-lb (gw-1, gw-2, gw-3, gw-4)');
  const gw4 = await fileText(designer, 'nodes/gw-4/repository/conf/deployment.toml');
  expect(gw4).toContain('throttle_decision_endpoints = ["tcp://tm-1.example.com:5672"]');
  // No node landed on another.
  const boxes = await Promise.all(
    ['gw-1', 'gw-2', 'gw-3', 'gw-4', 'cp-1', 'cp-2', 'tm-1', 'db'].map(async (id) => (await node(designer, id).boundingBox())!),
  );
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart).toBe(true);
    }
  }
});

test('a 450-character value typed in the inspector: refused where the format takes less, kept whole where it takes it, and the work survives a reload', async ({
  designer,
}) => {
  await node(designer, 'gw-1').click();
  const label = designer.getByRole('form', { name: 'Gateway gw-1' }).getByLabel('Label', { exact: true });
  await label.click();
  await label.press('ControlOrMeta+a');
  await label.pressSequentially('g'.repeat(450));
  await label.press('Enter');
  await expect(designer.getByRole('form', { name: 'Gateway gw-1' }).getByRole('alert')).toHaveText(
    'Label is 450 characters long; at most 200 are allowed',
  );
  await label.press('Escape');

  await pane(designer).click({ position: { x: 10, y: 10 } });
  const origins = designer.getByRole('form', { name: 'Topology settings' }).getByLabel('Allowed origins');
  const list = Array.from({ length: 18 }, (_, i) => `https://app-${String(i).padStart(2, '0')}.example.com`).join(',');
  expect(list).toHaveLength(485);
  await origins.click();
  await origins.press('ControlOrMeta+a');
  await origins.pressSequentially(list);
  await origins.press('Enter');
  await expect(designer.getByRole('form', { name: 'Topology settings' }).getByRole('alert')).toHaveCount(0);
  expect(await fileText(designer, 'nodes/gw-1/repository/conf/deployment.toml')).toContain(`allow_origins = "${list}"`);

  await designer.reload();
  // The work came back, not the sample in its place.
  await expect(designer.getByRole('form', { name: 'Topology settings' }).getByLabel('Allowed origins')).toHaveValue(list);
  await expect(designer.getByRole('alert').filter({ hasText: 'could not be opened' })).toHaveCount(0);
});

test('the generation core failing to load once: a message with Retry, then the files, with no reload', async ({ page }) => {
  let aborted = 0;
  await page.route(/\/assets\/generation\.worker-[^/]*\.js$/, async (route) => {
    if (aborted++ === 0) await route.abort('internetdisconnected');
    else await route.continue();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await expect(alert).toBeVisible();
  await expect(node(page, 'gw-1')).toBeVisible();
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('tab', { name: 'nodes/gw-1/repository/conf/deployment.toml' })).toBeVisible();
  await expect(alert).toHaveCount(0);
  expect(aborted).toBe(2);
  expect(errors).toEqual([]);
});
