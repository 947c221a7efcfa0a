// @vitest-environment jsdom
/**
 * The Kubernetes platform in the inspector (issue 18): the platform, namespace, ingress and Gateway name in the
 * settings; the Helm release and namespace on the node that owns a cluster's release, and a line on its members; each
 * edit one undo step, an invalid name kept in its field with the fix.
 */
import { memoryStorage } from './dom.ts';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.tsx';
import { createDesignerStore } from '../../src/store/index.ts';

afterEach(cleanup);

/** The page, once its settings form is drawn (its code loads after the page's first chunk). */
async function renderPage() {
  const store = createDesignerStore(memoryStorage());
  const user = userEvent.setup();
  render(<App store={store} />);
  const settings = await screen.findByRole('form', { name: 'Topology settings' });
  return { store, user, settings: within(settings) };
}

const options = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('the platform setting', () => {
  it('is virtual machines until Kubernetes is chosen, which shows the namespace, the ingress and the Gateway name', async () => {
    const { store, user, settings } = await renderPage();
    const platform = settings.getByLabelText('Platform');
    expect(platform).toHaveProperty('value', 'vm');
    expect(options(platform)).toEqual(['Virtual machines', 'Kubernetes (WSO2 Helm charts)']);
    expect(settings.queryByLabelText('Namespace')).toBeNull();
    const steps = () => store.temporal.getState().pastStates.length;
    const before = steps();

    await user.selectOptions(platform, 'kubernetes');
    expect(store.getState().topology.settings.platform).toBe('kubernetes');
    expect(steps()).toBe(before + 1);
    expect(settings.getByLabelText('Namespace')).toHaveProperty('placeholder', 'apim');
    // The sample is on 4.7: both modes, the Gateway API by default.
    expect(options(settings.getByLabelText('Ingress'))).toEqual(['Gateway API', 'NGINX ingress']);
    expect(settings.getByLabelText('Ingress')).toHaveProperty('value', 'gateway-api');
    expect(settings.getByLabelText('Gateway name')).toHaveProperty('placeholder', 'wso2-apim-gateway');

    await user.selectOptions(settings.getByLabelText('Ingress'), 'nginx');
    expect(store.getState().topology.settings.kubernetes).toEqual({ ingress: 'nginx' });
    expect(settings.queryByLabelText('Gateway name')).toBeNull();

    // Back to virtual machines: the platform is absent again, and the Kubernetes settings wait for a switch back.
    await user.selectOptions(settings.getByLabelText('Platform'), 'vm');
    expect(store.getState().topology.settings).not.toHaveProperty('platform', expect.anything());
    expect(store.getState().topology.settings.kubernetes).toEqual({ ingress: 'nginx' });
    expect(settings.queryByLabelText('Ingress')).toBeNull();
    act(() => store.getState().undo());
    expect(store.getState().topology.settings.platform).toBe('kubernetes');
  });

  it('takes a namespace that is a DNS label; anything else stays in the field with the fix; empty is the default', async () => {
    const { store, user, settings } = await renderPage();
    await user.selectOptions(settings.getByLabelText('Platform'), 'kubernetes');
    const namespace = settings.getByLabelText('Namespace');
    await user.type(namespace, 'WSO2_apim{Enter}');
    expect(settings.getByRole('alert').textContent).toBe(
      'A namespace: use lower-case letters, digits and hyphens, starting and ending with a letter or digit (at most 63), such as apim',
    );
    expect(store.getState().topology.settings.kubernetes).toBeUndefined();
    await user.clear(namespace);
    await user.type(namespace, 'wso2-apim{Enter}');
    expect(settings.queryByRole('alert')).toBeNull();
    expect(store.getState().topology.settings.kubernetes).toEqual({ namespace: 'wso2-apim' });
    await user.clear(namespace);
    await user.keyboard('{Enter}');
    expect(store.getState().topology.settings.kubernetes).toBeUndefined();
  });

  it('offers only the ingress modes of the version’s chart branch, and says when a version has no charts', async () => {
    const { store, user, settings } = await renderPage();
    await user.selectOptions(settings.getByLabelText('Platform'), 'kubernetes');
    await user.type(settings.getByLabelText('Gateway name'), 'edge{Enter}');
    expect(store.getState().topology.settings.kubernetes).toEqual({ gatewayName: 'edge' });

    act(() => store.getState().setProduct('4.6.0'));
    // Before 4.7 the chart's default is NGINX ingress; the Gateway API is still there to choose.
    expect(settings.getByLabelText('Ingress')).toHaveProperty('value', 'nginx');
    expect(options(settings.getByLabelText('Ingress'))).toEqual(['Gateway API', 'NGINX ingress']);
    await user.selectOptions(settings.getByLabelText('Ingress'), 'gateway-api');
    expect(store.getState().topology.settings.kubernetes).toEqual({ gatewayName: 'edge', ingress: 'gateway-api' });

    // helm-apim 4.4.x renders no Gateway API routes: the mode chosen is shown as not there, and NGINX is offered.
    act(() => store.getState().setProduct('4.4.0'));
    expect(options(settings.getByLabelText('Ingress'))).toEqual(['NGINX ingress', 'Gateway API (not in helm-apim 4.4.x)']);
    act(() => store.getState().setProduct('4.2.0'));
    await user.selectOptions(settings.getByLabelText('Ingress'), 'nginx');
    expect(options(settings.getByLabelText('Ingress'))).toEqual(['NGINX ingress']);

    act(() => store.getState().setProduct('4.1.0'));
    expect(settings.queryByLabelText('Ingress')).toBeNull();
    expect(settings.getByText(/WSO2 ships no Helm charts for API-M 4\.1\.0/)).toBeTruthy();
  });
});

async function fileText(path: string): Promise<string> {
  const tab = await screen.findByRole('tab', { name: path });
  await act(async () => tab.click());
  return within(screen.getByRole('tabpanel')).getByLabelText(`Contents of ${path}`).textContent ?? '';
}

describe('sticky sessions on a load balancer', () => {
  it('are a setting of the portals’ load balancer on virtual machines only: the charts make the ingress sticky on Kubernetes', async () => {
    const { store, user } = await renderPage();
    const select = (id: string) => act(() => store.getState().select({ nodes: [id] }));
    const sticky = (id: string) =>
      within(screen.getByRole('form', { name: `Load Balancer ${id}` })).queryByLabelText('Sticky sessions (ip_hash)');
    select('cp-lb');
    const box = sticky('cp-lb');
    expect(box).toHaveProperty('checked', true);
    await user.click(box as HTMLElement);
    expect(store.getState().topology.nodes.find((n) => n.id === 'cp-lb')).toMatchObject({ sticky: false });
    // Only the portals' upstream is sticky: a gateway load balancer has nothing to set.
    select('gw-lb');
    expect(sticky('gw-lb')).toBeNull();

    act(() => store.getState().updateSettings({ platform: 'kubernetes' }));
    select('cp-lb');
    expect(sticky('cp-lb')).toBeNull();
    const form = within(screen.getByRole('form', { name: 'Load Balancer cp-lb' }));
    expect(form.getByText(/WSO2's charts make the ingress sticky/)).toBeTruthy();
  });
});

describe('passwords and keys on Kubernetes', () => {
  /** The text of the hint a field names in aria-describedby, or '' when it names none. */
  const hintOf = (field: HTMLElement) =>
    (field.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id.endsWith('-hint'))
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');

  it('say under each field that the files take them from the Secret, not from the topology', async () => {
    const { store, user, settings } = await renderPage();
    const fields = ['Admin password', 'TLS keystore password', 'TLS keystore key password', 'Truststore password'];
    for (const label of fields) expect(hintOf(settings.getByLabelText(label)), label).toBe('');

    await user.selectOptions(settings.getByLabelText('Platform'), 'kubernetes');
    for (const label of fields) expect(hintOf(settings.getByLabelText(label)), label).toContain('Secret apim-credentials');

    // A database node's password too.
    act(() => store.getState().select({ nodes: ['db'] }));
    const db = within(await screen.findByRole('form', { name: 'Database db' }));
    expect(hintOf(db.getByLabelText('Password'))).toContain('Secret apim-credentials');
  });
});

describe('the Helm release of a cluster', () => {
  async function onKubernetes() {
    const page = await renderPage();
    act(() => page.store.getState().updateSettings({ platform: 'kubernetes' }));
    const node = (id: string) => page.store.getState().topology.nodes.find((n) => n.id === id);
    const select = (id: string) => act(() => page.store.getState().select({ nodes: [id] }));
    return { ...page, node, select };
  }

  it('is named on the load balancer in front, with the default name and the settings’ namespace as placeholders', async () => {
    const { store, user, node, select } = await onKubernetes();
    select('cp-lb');
    const form = within(screen.getByRole('form', { name: 'Load Balancer cp-lb' }));
    const release = form.getByLabelText('Helm release');
    expect(release).toHaveProperty('placeholder', 'apim-acp');
    expect(form.getByLabelText('Namespace')).toHaveProperty('placeholder', 'apim');
    expect(await screen.findByRole('tab', { name: 'helm/apim-acp/values.yaml' })).toBeTruthy();

    await user.type(release, 'ACP{Enter}');
    expect(form.getByRole('alert').textContent).toMatch(/^A release name: use lower-case letters/);
    expect(node('cp-lb')).not.toHaveProperty('release', expect.anything());
    await user.clear(release);
    const steps = store.temporal.getState().pastStates.length;
    await user.type(release, 'prod-acp{Enter}');
    expect(node('cp-lb')).toMatchObject({ release: 'prod-acp' });
    expect(store.temporal.getState().pastStates.length).toBe(steps + 1);
    expect(await screen.findByRole('tab', { name: 'helm/prod-acp/values.yaml' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'helm/apim-acp/values.yaml' })).toBeNull();
    expect(await fileText('helm/releases.json')).toContain('"release": "prod-acp"');

    await user.type(form.getByLabelText('Namespace'), 'control{Enter}');
    expect(node('cp-lb')).toMatchObject({ release: 'prod-acp', namespace: 'control' });
    act(() => store.getState().updateSettings({ kubernetes: { namespace: 'wso2' } }));
    select('gw-lb');
    const gateways = within(screen.getByRole('form', { name: 'Load Balancer gw-lb' }));
    expect(gateways.getByLabelText('Namespace')).toHaveProperty('placeholder', 'wso2');
    // A name another cluster already has is refused, with the node that has it.
    await user.type(gateways.getByLabelText('Helm release'), 'prod-acp{Enter}');
    expect(gateways.getByRole('alert').textContent).toBe('cp-lb already names release prod-acp: choose another name');
    expect(node('gw-lb')).not.toHaveProperty('release', expect.anything());
  });

  it('on a member, a line names the release and where it is set; a node no load balancer fronts names its own', async () => {
    const { store, user, node, select } = await onKubernetes();
    select('cp-2');
    const member = within(screen.getByRole('form', { name: 'Control Plane cp-2' }));
    expect(member.queryByLabelText('Helm release')).toBeNull();
    expect(member.queryByLabelText('Namespace')).toBeNull();
    expect(member.getByText(/^In Helm release/).textContent).toBe(
      'In Helm release apim-acp (namespace apim) with cp-1: its name and namespace are set on cp-lb.',
    );
    // On Kubernetes the offset is for virtual machines only.
    expect(member.getByText(/On Kubernetes keep it 0/)).toBeTruthy();
    // A name the member kept from a time no load balancer fronted it is not the release's, and the line says so.
    act(() => store.getState().updateNode('cp-2', { release: 'old-cp' }));
    expect(member.getByText(/^In Helm release/).textContent).toMatch(
      /set on cp-lb\. The name old-cp this node keeps is used only when no load balancer fronts it\.$/,
    );

    select('tm-1');
    const tm = within(screen.getByRole('form', { name: 'Traffic Manager tm-1' }));
    expect(tm.getByLabelText('Helm release')).toHaveProperty('placeholder', 'apim-tm');
    await user.type(tm.getByLabelText('Helm release'), 'throttling{Enter}');
    expect(node('tm-1')).toMatchObject({ release: 'throttling' });
    expect(await screen.findByRole('tab', { name: 'helm/throttling/values.yaml' })).toBeTruthy();
    // Cleared, the default comes back.
    await user.clear(tm.getByLabelText('Helm release'));
    await user.keyboard('{Enter}');
    expect(node('tm-1')).not.toHaveProperty('release', expect.anything());
    expect(tm.getByLabelText('Helm release')).toHaveProperty('placeholder', 'apim-tm');
  });

  it('selecting a member brings its release’s values to the front; on virtual machines no node shows release fields', async () => {
    const { store, select } = await onKubernetes();
    await screen.findByRole('tab', { name: 'helm/apim-gw/values.yaml' });
    select('gw-2');
    expect(await screen.findByRole('tab', { name: 'helm/apim-gw/values.yaml', selected: true })).toBeTruthy();
    act(() => store.getState().updateSettings({ platform: undefined }));
    select('cp-lb');
    expect(within(screen.getByRole('form', { name: 'Load Balancer cp-lb' })).queryByLabelText('Helm release')).toBeNull();
    select('tm-1');
    expect(within(screen.getByRole('form', { name: 'Traffic Manager tm-1' })).queryByLabelText('Helm release')).toBeNull();
  });
});

describe('switching the API-M version on Kubernetes', () => {
  it('lists what changes in each values file first', async () => {
    const { user, settings } = await renderPage();
    await user.selectOptions(settings.getByLabelText('Platform'), 'kubernetes');
    await user.selectOptions(settings.getByLabelText('API-M version'), '4.5.0');
    const dialog = within(await screen.findByRole('dialog', { name: 'Switch from API-M 4.7.0 to 4.5.0?' }));
    const files = within(await dialog.findByRole('list', { name: 'Changes by file' }));
    expect(files.getByRole('listitem', { name: 'helm/apim-acp/values.yaml' })).toBeTruthy();
  });
});
