/**
 * The designer in Debian's Chromium, as an architect uses it: drag from the palette, wire nodes by
 * dragging between handles, edit in the inspector, download the zip, reload, undo and redo, and a
 * refused connection. Every test fails on any console error or React warning (see fixtures.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, fileText, test, typeInto, viewSettled } from './fixtures.ts';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (page: Page, id: string, type: 'source' | 'target') => node(page, id).locator(`.react-flow__handle.${type}`);
const GW1 = 'nodes/gw-1/repository/conf/deployment.toml';

/** Drags with real mouse events, in steps, as a hand would. */
async function dragMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

async function centre(selector: ReturnType<Page['locator']>) {
  const box = await selector.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('first open: the sample topology, its files, and no errors', async ({ designer }) => {
  await expect(designer.getByRole('list', { name: 'Node palette' }).getByRole('button')).toHaveText([
    'Gateway',
    'Control Plane',
    'Traffic Manager',
    'Key Manager',
    'All-in-One',
    'Identity Server',
    'Load Balancer',
    'Database',
    'Redis',
  ]);
  await expect(node(designer, 'cp-1')).toContainText('cp-1.example.com:0');
  await expect(designer.getByText('0 errors').first()).toBeVisible();
  expect(await fileText(designer, GW1)).toContain('hostname = "gw-lb.example.com"');
  await designer.getByRole('tab', { name: GW1 }).click();
  await designer.screenshot({ path: fileURLToPath(new URL('./screenshot.png', import.meta.url)) });
});

test('dragging a kind from the palette onto the canvas adds the node where it is dropped, or beside a node it would cover', async ({
  designer,
}) => {
  const pane = designer.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  // Into the gap between the two load balancers: free, so it lands there.
  const left = (await node(designer, 'gw-lb').boundingBox())!;
  const right = (await node(designer, 'cp-lb').boundingBox())!;
  const gap = { x: (left.x + right.x) / 2 - box.x, y: left.y - box.y };
  await designer.getByRole('button', { name: 'Traffic Manager' }).dragTo(pane, { targetPosition: gap });
  await expect(node(designer, 'tm-2')).toBeVisible();
  const dropped = (await node(designer, 'tm-2').boundingBox())!;
  expect(Math.abs(dropped.x - (box.x + gap.x))).toBeLessThan(40);
  await expect(designer.getByRole('tab', { name: 'nodes/tm-2/repository/conf/deployment.toml' })).toBeVisible();
  await expect(designer.getByRole('form', { name: 'Traffic Manager tm-2' }).getByLabel('Host')).toHaveValue('tm-2.example.com');
  // Onto cp-1: it lands beside it, covering nothing.
  const cp1 = (await node(designer, 'cp-1').boundingBox())!;
  await designer
    .getByRole('list', { name: 'Node palette' })
    .getByRole('button', { name: 'Gateway' })
    .dragTo(pane, { targetPosition: { x: cp1.x - box.x + 10, y: cp1.y - box.y + 10 } });
  await expect(node(designer, 'gw-3')).toBeVisible();
  const beside = (await node(designer, 'gw-3').boundingBox())!;
  const apart =
    beside.x + beside.width <= cp1.x ||
    cp1.x + cp1.width <= beside.x ||
    beside.y + beside.height <= cp1.y ||
    cp1.y + cp1.height <= beside.y;
  expect(apart).toBe(true);
});

test('connecting two nodes by dragging between handles adds the link and what it configures', async ({ designer }) => {
  const TM1 = 'nodes/tm-1/repository/conf/deployment.toml';
  // API-M 4.7 (the sample's version): a TM on the embedded H2 takes it from its default.json, so no block is written.
  expect(await fileText(designer, TM1)).not.toContain('[database.apim_db]');
  await dragMouse(designer, await centre(handle(designer, 'tm-1', 'source')), await centre(handle(designer, 'db', 'target')));
  await expect(designer.getByLabel('Link tm-1 to db: database')).toHaveCount(1);
  expect(await fileText(designer, TM1)).toContain(
    '[database.apim_db]\ntype = "mysql"\nurl = "jdbc:mysql://db.example.com:3306/apim_db?useSSL=true"',
  );
});

test('a refused connection says why, visibly, and adds no link', async ({ designer }) => {
  const edges = await designer.locator('.react-flow__edge').count();
  await dragMouse(designer, await centre(handle(designer, 'gw-1', 'source')), await centre(node(designer, 'gw-2')));
  await expect(designer.getByRole('alert')).toContainText('A gateway cannot connect to a gateway');
  await expect(designer.locator('.react-flow__edge')).toHaveCount(edges);
});

test('editing a host in the inspector shows in the file tab once it is applied', async ({ designer }) => {
  await node(designer, 'tm-1').click();
  const host = designer.getByRole('form', { name: 'Traffic Manager tm-1' }).getByLabel('Host');
  await typeInto(host, 'throttle.internal.example');
  expect(await fileText(designer, GW1)).toContain('tcp://throttle.internal.example:9611');
  // The lines the edit changed are marked.
  await expect(designer.getByRole('tabpanel').locator('.line.changed').first()).toContainText('throttle.internal.example');
});

test('the downloaded zip holds exactly the files shown, named after the topology', async ({ designer }) => {
  const tabs = await designer.getByRole('tablist', { name: 'Generated files' }).getByRole('tab').allTextContents();
  const expected = new Map<string, string>();
  for (const path of [GW1, 'README.md']) expected.set(path, await fileText(designer, path));
  const [download] = await Promise.all([designer.waitForEvent('download'), designer.getByRole('button', { name: /Download/ }).click()]);
  expect(download.suggestedFilename()).toBe('ha-control-plane-and-gateways.zip');
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  expect(Object.keys(files).sort()).toEqual([...tabs].sort());
  for (const [path, text] of expected) expect(strFromU8(files[path]!).trimEnd()).toBe(text.trimEnd());
  expect(JSON.parse(strFromU8(files['topology.json']!)).name).toBe('HA control plane and gateways');
});

test('a reload finds the work restored', async ({ designer }) => {
  await designer.getByRole('list', { name: 'Node palette' }).getByRole('button', { name: 'Database' }).click();
  await expect(node(designer, 'db-1')).toBeVisible();
  await node(designer, 'gw-2').click();
  await typeInto(designer.getByRole('form', { name: 'Gateway gw-2' }).getByLabel('Port offset'), '7');
  await designer.reload();
  await expect(node(designer, 'db-1')).toBeVisible();
  await expect(node(designer, 'gw-2')).toContainText('gw-2.example.com:7');
  expect(await fileText(designer, 'nodes/gw-2/repository/conf/deployment.toml')).toContain('offset = 7');
});

test('undo and redo, by toolbar and keyboard; a whole drag is one step', async ({ designer }) => {
  const before = (await node(designer, 'cp-2').boundingBox())!;
  await dragMouse(designer, await centre(node(designer, 'cp-2').locator('.node-label')), { x: before.x - 120, y: before.y + 100 });
  const after = (await node(designer, 'cp-2').boundingBox())!;
  // (Away from the canvas edge, where React Flow would pan the view.)
  expect(before.x - after.x).toBeGreaterThan(100);
  await designer.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await node(designer, 'cp-2').boundingBox())!.x).toBeCloseTo(before.x, 0);
  await designer.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(async () => (await node(designer, 'cp-2').boundingBox())!.x).toBeCloseTo(after.x, 0);

  await designer.getByRole('list', { name: 'Node palette' }).getByRole('button', { name: 'Gateway' }).click();
  await expect(node(designer, 'gw-3')).toBeVisible();
  await designer.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await designer.keyboard.press('Control+z');
  await expect(node(designer, 'gw-3')).toHaveCount(0);
  await designer.keyboard.press('Control+Shift+z');
  await expect(node(designer, 'gw-3')).toBeVisible();
});

test('a port clash made by an offset edit shows on the node and in Problems; the entry selects the node; fixing clears it', async ({
  designer,
}) => {
  await node(designer, 'gw-2').click();
  const form = designer.getByRole('form', { name: 'Gateway gw-2' });
  await typeInto(form.getByLabel('Host'), 'gw-1.example.com');
  const problems = designer.getByRole('list', { name: 'Problems' });
  const clash = problems
    .getByRole('button')
    .filter({ hasText: /gw-1, gw-2/ })
    .filter({ hasText: /9443/ });
  await expect(clash.first()).toBeVisible();
  await expect(node(designer, 'gw-2').locator('.node-badge.badge-error')).toBeVisible();
  await designer.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await clash.first().click();
  await expect(node(designer, 'gw-1')).toHaveClass(/selected/);
  // A person clicks the next node once the view has stopped moving to the first.
  await viewSettled(designer);
  await node(designer, 'gw-2').click();
  await expect(designer.getByRole('form', { name: 'Gateway gw-2' })).toBeVisible();
  await typeInto(designer.getByRole('form', { name: 'Gateway gw-2' }).getByLabel('Port offset'), '1');
  await expect(clash).toHaveCount(0);
  await expect(node(designer, 'gw-2').locator('.node-badge.badge-error')).toHaveCount(0);
});

test('switching a 4.5 topology to 4.7 lists what changes per file, then asks for the encryption key in Problems', async ({ designer }) => {
  // An example written for an older version, with no internal encryption key; the sample on screen is work to replace.
  designer.once('dialog', (dialog) => void dialog.accept());
  await designer.getByLabel('Open an example').selectOption({ label: 'Separate Traffic Manager, HA' });
  const settings = designer.getByRole('form', { name: 'Topology settings' });
  await expect(settings.getByLabel('API-M version')).toHaveValue('4.0.0');
  await settings.getByLabel('API-M version').selectOption('4.5.0');
  await designer
    .getByRole('dialog', { name: 'Switch from API-M 4.0.0 to 4.5.0?' })
    .getByRole('button', { name: 'Switch to 4.5.0' })
    .click();
  await expect(settings.getByLabel('API-M version')).toHaveValue('4.5.0');
  const problems = designer.getByRole('list', { name: 'Problems' });
  await expect(problems.getByRole('listitem').filter({ hasText: 'APIM042' })).toHaveCount(0);

  await settings.getByLabel('API-M version').selectOption('4.7.0');
  const dialog = designer.getByRole('dialog', { name: 'Switch from API-M 4.5.0 to 4.7.0?' });
  // Read the change list: each gateway gains its own gateway_id, and the control plane its 4.7 token issuer.
  await expect(dialog.getByRole('listitem', { name: GW1 })).toContainText('apim.gateway_notification.gateway_id = "gw-1"');
  await expect(dialog.getByRole('listitem', { name: 'nodes/gw-2/repository/conf/deployment.toml' })).toContainText(
    'apim.gateway_notification.gateway_id = "gw-2"',
  );
  await expect(dialog.getByRole('listitem', { name: 'nodes/cp-1/repository/conf/deployment.toml' })).toContainText(
    'oauth.extensions.token_types',
  );
  await expect(dialog.getByRole('status')).toContainText(/keys change in \d+ files/);
  await expect(settings.getByLabel('API-M version')).toHaveValue('4.5.0');
  await dialog.getByRole('button', { name: 'Switch to 4.7.0' }).click();
  await expect(dialog).toHaveCount(0);

  const prompt = problems.getByRole('listitem').filter({ hasText: 'APIM042' });
  await expect(prompt).toHaveCount(1);
  await expect(prompt.getByRole('button')).toContainText('needs one internal encryption key, the same on every node');
  await expect(prompt).toContainText('openssl rand -hex 32');
});

test('Pattern 4: a second Key Manager behind a new load balancer, and the gateways name that load balancer', async ({ designer }) => {
  designer.once('dialog', (dialog) => void dialog.accept());
  await designer.getByLabel('Open an example').selectOption({ label: 'Pattern 4: Fully Distributed Setup' });
  await expect(node(designer, 'km-1')).toBeVisible();
  expect(await fileText(designer, GW1)).toContain('service_url = "https://km1.example.com:9443/services/"');

  // A load balancer from the palette, in front of km-1 (the inspector's Connect to).
  await designer.getByRole('list', { name: 'Node palette' }).getByRole('button', { name: 'Load Balancer' }).click();
  const lbForm = designer.getByRole('form', { name: 'Load Balancer lb-1' });
  await lbForm.getByLabel('Connect to').selectOption('km-1');
  await lbForm.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(designer.getByLabel('Link lb-1 to km-1: fronts')).toHaveCount(1);
  await typeInto(lbForm.getByLabel('Host'), 'km.example.com');

  // The second Key Manager: a member like km-1, with its links.
  await node(designer, 'km-1').click();
  await designer.getByRole('form', { name: 'Key Manager km-1' }).getByRole('button', { name: 'Add member to lb-1' }).click();
  await expect(node(designer, 'km-2')).toBeVisible();
  await expect(designer.getByLabel('Link lb-1 to km-2: fronts')).toHaveCount(1);

  const gateway = await fileText(designer, GW1);
  expect(gateway).toContain('[apim.key_manager]\nservice_url = "https://km.example.com/services/"');
  // A new member shares its model's host, one offset up: the load balancer forwards to both ports.
  const nginx = await fileText(designer, 'load-balancers/lb-1/nginx.conf');
  expect(nginx).toContain('server km1.example.com:9443;  # km-1');
  expect(nginx).toContain('server km1.example.com:9444;  # km-2');
});

test("the example menu offers WSO2's patterns for the chosen version, named as that version names them, and opens them on it", async ({
  designer,
}) => {
  const menu = designer.getByLabel('Open an example');
  await expect(menu.locator('optgroup[label="WSO2 deployment patterns, API-M 4.7.0"] option')).toHaveText([
    'Pattern 0: All-in-One Setup',
    'Pattern 1: All-in-One HA Setup',
    'Pattern 2: Simple Scalable Setup',
    'Pattern 3: Distributed Setup',
    'Pattern 4: Fully Distributed Setup',
    'Pattern 5: Simple Scalable with Dedicated Key Manager',
    'Pattern 6: All-in-One with WSO2 IS as Key Manager',
  ]);
  const settings = designer.getByRole('form', { name: 'Topology settings' });
  await settings.getByLabel('API-M version').selectOption('4.5.0');
  await designer
    .getByRole('dialog', { name: 'Switch from API-M 4.7.0 to 4.5.0?' })
    .getByRole('button', { name: 'Switch to 4.5.0' })
    .click();
  await expect(menu.locator('optgroup[label="WSO2 deployment patterns, API-M 4.5.0"] option').nth(3)).toHaveText(
    'Pattern 3: Distributed Deployment with Gateway and Traffic Manager Separated',
  );
  designer.once('dialog', (dialog) => void dialog.accept());
  await menu.selectOption({ label: 'Pattern 2: Simple Scalable Setup' });
  await expect(node(designer, 'aio-2')).toBeVisible();
  await expect(settings.getByLabel('API-M version')).toHaveValue('4.5.0');
  expect(await fileText(designer, 'README.md')).toContain('# Pattern 2: Simple Scalable Setup: WSO2 API-M 4.5.0 runbook');
  await expect(designer.getByText('0 errors').first()).toBeVisible();
});

test('copy and paste keep the links inside the copied set; Delete removes the selection', async ({ designer }) => {
  await node(designer, 'gw-lb').click();
  await node(designer, 'gw-1').click({ modifiers: ['Shift'] });
  await designer.keyboard.press('Control+c');
  await designer.keyboard.press('Control+v');
  await expect(node(designer, 'lb-1')).toBeVisible();
  await expect(node(designer, 'gw-3')).toBeVisible();
  await expect(designer.getByLabel('Link lb-1 to gw-3: fronts')).toHaveCount(1);
  await designer.keyboard.press('Delete');
  await expect(node(designer, 'lb-1')).toHaveCount(0);
  await expect(node(designer, 'gw-3')).toHaveCount(0);
});

test('switching the API-M version in the inspector regenerates every file for that version', async ({ designer }) => {
  const settings = designer.getByRole('form', { name: 'Topology settings' });
  await expect(settings.getByLabel('API-M version')).toHaveValue('4.7.0');
  expect(await fileText(designer, GW1)).toContain('server_role = "default"');
  expect(await fileText(designer, 'README.md')).toContain('gateway.sh');
  await settings.getByLabel('API-M version').selectOption('4.0.0');
  // What the switch does is shown first, file by file, key by key; nothing changes until confirmed.
  const dialog = designer.getByRole('dialog', { name: 'Switch from API-M 4.7.0 to 4.0.0?' });
  const confirm = dialog.getByRole('button', { name: 'Switch to 4.0.0' });
  // The button stays where it is when the comparison arrives: a click as it arrived would miss a moving button.
  await expect(confirm).toBeVisible();
  const opened = await confirm.boundingBox();
  await expect(dialog.getByRole('listitem', { name: GW1 })).toContainText('server.server_role: "default" → "gateway-worker"');
  expect(await confirm.boundingBox()).toEqual(opened);
  await expect(settings.getByLabel('API-M version')).toHaveValue('4.7.0');
  await confirm.click();
  await expect(dialog).toHaveCount(0);
  const gateway = await fileText(designer, GW1);
  expect(gateway).toContain('server_role = "gateway-worker"');
  expect(gateway).toContain('WSO2 API-M 4.0.0');
  expect(await fileText(designer, 'README.md')).toContain('api-manager.sh -Dprofile=gateway-worker');
  await designer.getByRole('button', { name: 'Undo' }).click();
  expect(await fileText(designer, GW1)).toContain('server_role = "default"');
});

test('switching the version with the keyboard shows a file’s line diff, read before anything changes', async ({ designer }) => {
  const settings = designer.getByRole('form', { name: 'Topology settings' });
  const version = settings.getByLabel('API-M version');
  await expect(version).toHaveValue('4.7.0');
  // The newest version is listed first: End picks the oldest, 4.0.0, on the closed list.
  await version.focus();
  await designer.keyboard.press('End');
  const dialog = designer.getByRole('dialog', { name: 'Switch from API-M 4.7.0 to 4.0.0?' });
  const gateway = dialog.getByRole('list', { name: 'Changes by file' }).getByRole('listitem', { name: GW1 });
  await expect(gateway).toContainText('server.server_role: "default" → "gateway-worker"');
  // Tab through the dialog to the gateway file's line diff, and open it with Enter.
  const summary = gateway.locator('summary', { hasText: 'Line diff' });
  for (let i = 0; i < 80 && !(await summary.evaluate((el) => el === document.activeElement)); i++) await designer.keyboard.press('Tab');
  await expect(summary).toBeFocused();
  await designer.keyboard.press('Enter');
  const lines = gateway.getByRole('figure', { name: `Line diff of ${GW1}` });
  await expect(lines).toBeVisible();
  await expect(lines.getByRole('deletion').filter({ hasText: 'server_role = "default"' })).toHaveText('-server_role = "default"');
  await expect(lines.getByRole('insertion').filter({ hasText: 'server_role = "gateway-worker"' })).toHaveText(
    '+server_role = "gateway-worker"',
  );
  await expect(dialog.getByRole('status')).toContainText(/files differ line by line/);
  // Escape leaves the version as it was; nothing was switched while reading.
  await designer.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(version).toHaveValue('4.7.0');
  expect(await fileText(designer, GW1)).toContain('server_role = "default"');
});
