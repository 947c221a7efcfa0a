/**
 * The Kubernetes platform (issue 18) as an architect uses it: the platform chosen with the keyboard turns the files into
 * Helm values, a release name typed key by key on a load balancer renames its values file and its entry in
 * releases.json, and switching back brings the virtual machines' files again.
 */
import type { Page } from '@playwright/test';
import { expect, fileText, test, typeInto } from './fixtures.ts';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const tab = (page: Page, path: string) =>
  page.getByRole('tablist', { name: 'Generated files' }).getByRole('tab', { name: path, exact: true });
const GW1 = 'nodes/gw-1/repository/conf/deployment.toml';
const CP1 = 'nodes/cp-1/repository/conf/deployment.toml';

/** Moves the focus from the topology's name to the Platform select with Tab, and picks an entry with the arrow keys. */
async function choosePlatform(page: Page, key: 'ArrowDown' | 'ArrowUp', expected: string): Promise<void> {
  const settings = page.getByRole('form', { name: 'Topology settings' });
  await settings.getByLabel('Topology name').click();
  await page.keyboard.press('Tab'); // API-M version
  await page.keyboard.press('Tab');
  const platform = settings.getByLabel('Platform', { exact: true });
  await expect(platform).toBeFocused();
  await page.keyboard.press(key);
  await expect(platform).toHaveValue(expected);
}

test('Kubernetes: the values files follow the platform and a release name typed on the load balancer', async ({ designer }) => {
  await expect(tab(designer, GW1)).toBeVisible();
  await choosePlatform(designer, 'ArrowDown', 'kubernetes');

  await expect(tab(designer, 'helm/releases.json')).toBeVisible();
  await expect(tab(designer, 'helm/apim-acp/values.yaml')).toBeVisible();
  await expect(tab(designer, GW1)).toHaveCount(0);
  const releases = JSON.parse(await fileText(designer, 'helm/releases.json')) as { release: string }[];
  expect(releases.map((r) => r.release)).toContain('apim-acp');

  // The control plane's load balancer names its release; the field shows the default until then.
  await node(designer, 'cp-lb').click();
  const form = designer.getByRole('form', { name: 'Load Balancer cp-lb' });
  const release = form.getByLabel('Helm release', { exact: true });
  await expect(release).toHaveAttribute('placeholder', 'apim-acp');
  await expect(form.getByLabel('Namespace', { exact: true })).toHaveAttribute('placeholder', 'apim');
  await typeInto(release, 'Prod', { enter: false });
  // An upper-case letter is no release name: the field says so and the files keep the default.
  await expect(form.getByRole('alert')).toContainText('lower-case letters');
  await release.press('ControlOrMeta+a');
  await release.pressSequentially('prod-acp');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await release.press('Enter');

  await expect(tab(designer, 'helm/prod-acp/values.yaml')).toBeVisible();
  await expect(tab(designer, 'helm/apim-acp/values.yaml')).toHaveCount(0);
  expect(await fileText(designer, 'helm/prod-acp/values.yaml')).toContain('prod-acp');
  const renamed = JSON.parse(await fileText(designer, 'helm/releases.json')) as { release: string; values: string }[];
  expect(renamed).toContainEqual(expect.objectContaining({ release: 'prod-acp', values: 'helm/prod-acp/values.yaml' }));
  // The gateways call the control plane by the Service its chart renders for the new name.
  expect(await fileText(designer, 'helm/apim-gw/values.yaml')).toContain('prod-acp-wso2am-acp-service');
  // A member of the cluster says where its release is named.
  await node(designer, 'cp-1').click();
  await expect(designer.getByRole('form', { name: 'Control Plane cp-1' })).toContainText('In Helm release prod-acp');

  // Back to virtual machines: the deployment.toml files return, the Helm files go.
  await designer.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await choosePlatform(designer, 'ArrowUp', 'vm');
  await expect(tab(designer, GW1)).toBeVisible();
  await expect(tab(designer, CP1)).toBeVisible();
  await expect(tab(designer, 'helm/releases.json')).toHaveCount(0);
  expect(await fileText(designer, GW1)).toContain('hostname = "gw-lb.example.com"');
});
