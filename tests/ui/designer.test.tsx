// @vitest-environment jsdom
/**
 * The page in jsdom, queried by role and name as a person (or assistive technology) finds things:
 * the palette adds a node, an inspector edit changes the file text, a refused connection says why,
 * undo and redo.
 */
import { memoryStorage } from './dom.ts';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App.tsx';
import { createDesignerStore } from '../../src/store/index.ts';
import { serializeTopology } from '../../src/model/index.ts';
import { readTopology } from '../../src/share/index.ts';

afterEach(cleanup);

function renderPage() {
  const store = createDesignerStore(memoryStorage());
  const user = userEvent.setup();
  render(<App store={store} />);
  return { store, user };
}

async function fileText(path: string): Promise<string> {
  const tab = await screen.findByRole('tab', { name: path });
  await act(async () => tab.click());
  return within(screen.getByRole('tabpanel')).getByLabelText(`Contents of ${path}`).textContent ?? '';
}

const GW1 = 'nodes/gw-1/repository/conf/deployment.toml';

describe('the designer page', () => {
  it('opens on the sample, with every API-M node’s file in a tab', async () => {
    renderPage();
    const tabs = within(await screen.findByRole('tablist', { name: 'Generated files' }));
    for (const id of ['gw-1', 'gw-2', 'cp-1', 'cp-2', 'tm-1']) {
      expect(await tabs.findByRole('tab', { name: `nodes/${id}/repository/conf/deployment.toml` })).toBeTruthy();
    }
    expect(tabs.getByRole('tab', { name: 'README.md' })).toBeTruthy();
  });

  it('draws a file in blocks of 64 lines, each sized by its line count until laid out, its text the file’s', async () => {
    renderPage();
    const text = await fileText('README.md'); // the runbook: well over 64 lines
    const code = within(screen.getByRole('tabpanel')).getByLabelText('Contents of README.md');
    const blocks = [...code.querySelectorAll(':scope > code > .lines')] as HTMLElement[];
    const lines = text.split('\n').length - 1;
    expect(lines).toBeGreaterThan(128);
    expect(blocks).toHaveLength(Math.ceil(lines / 64));
    expect(blocks.map((b) => b.querySelectorAll('.line').length)).toEqual(blocks.map((_, i) => Math.min(64, lines - i * 64)));
    expect(blocks.map((b) => b.style.getPropertyValue('--lines'))).toEqual(blocks.map((_, i) => String(Math.min(64, lines - i * 64))));
    expect(blocks.map((b) => b.textContent).join('')).toBe(text);
  });

  it('the palette adds a node with a fresh id and default host, and its file appears', async () => {
    const { store, user } = renderPage();
    const palette = screen.getByRole('list', { name: 'Node palette' });
    await user.click(within(palette).getByRole('button', { name: 'Gateway' }));
    expect(store.getState().topology.nodes.map((n) => n.id)).toContain('gw-3');
    expect(await screen.findByRole('tab', { name: 'nodes/gw-3/repository/conf/deployment.toml' })).toBeTruthy();
    // The new node is selected, so the inspector edits it.
    const form = await screen.findByRole('form', { name: 'Gateway gw-3' }); // the node form loads on first use
    expect(within(form).getByLabelText('Host')).toHaveProperty('value', 'gw-3.example.com');
  });

  it('an inspector edit reaches the files when it is whole (Enter); an invalid value is kept with a message and changes nothing', async () => {
    const { store, user } = renderPage();
    expect(await fileText(GW1)).toContain('tcp://tm-1.example.com:9611');
    act(() => store.getState().select({ nodes: ['tm-1'] }));
    const form = screen.getByRole('form', { name: 'Traffic Manager tm-1' });
    const host = within(form).getByLabelText('Host');
    await user.clear(host);
    await user.type(host, 'throttle.example.org');
    // Typed, not committed: "t", "th", … never reached the topology.
    expect(store.getState().topology.nodes.find((n) => n.id === 'tm-1')).toMatchObject({ host: 'tm-1.example.com' });
    await user.keyboard('{Enter}');
    expect(store.getState().topology.nodes.find((n) => n.id === 'tm-1')).toMatchObject({ host: 'throttle.example.org' });
    expect(await fileText(GW1)).toContain('tcp://throttle.example.org:9611');

    await user.type(within(form).getByLabelText('Host'), '!!');
    expect(within(form).getByRole('alert').textContent).toMatch(/host name/);
    expect(within(form).getByLabelText('Host')).toHaveProperty('value', 'throttle.example.org!!');
    expect(store.getState().topology.nodes.find((n) => n.id === 'tm-1')).toMatchObject({ host: 'throttle.example.org' });

    const offset = within(form).getByLabelText('Port offset');
    await user.clear(offset);
    await user.type(offset, '70000');
    await user.keyboard('{Enter}');
    expect(
      within(form)
        .getAllByRole('alert')
        .map((a) => a.textContent),
    ).toContain('The offset 70000 is out of range 0–1000');
    // Counted and listed until fixed; Escape brings back the value in force.
    const problems = screen.getByRole('list', { name: 'Problems' });
    expect(within(problems).getByText(/Port offset is not applied: The offset 70000 is out of range/)).toBeTruthy();
    expect(store.getState().topology.nodes.find((n) => n.id === 'tm-1')).toMatchObject({ offset: 0 });
    offset.focus();
    await user.keyboard('{Escape}');
    expect(offset).toHaveProperty('value', '0');
    expect(within(screen.getByRole('list', { name: 'Problems' })).queryByText(/Port offset is not applied/)).toBeNull();
  });

  it('a refused connection says why, and nothing is linked', async () => {
    const { store, user } = renderPage();
    act(() => store.getState().select({ nodes: ['gw-1'] }));
    const form = screen.getByRole('form', { name: 'Gateway gw-1' });
    await user.selectOptions(within(form).getByLabelText('Connect to'), 'gw-2');
    const links = store.getState().topology.links.length;
    await user.click(within(form).getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/A gateway cannot connect to a gateway/);
    expect(store.getState().topology.links).toHaveLength(links);
  });

  it('an allowed connection from the inspector adds the link and shows it', async () => {
    const { store, user } = renderPage();
    act(() => store.getState().select({ nodes: ['tm-1'] }));
    const form = screen.getByRole('form', { name: 'Traffic Manager tm-1' });
    await user.selectOptions(within(form).getByLabelText('Connect to'), 'db');
    await user.click(within(form).getByRole('button', { name: 'Connect' }));
    expect(store.getState().topology.links).toContainEqual({ from: 'tm-1', to: 'db' });
    expect(within(form).getByRole('button', { name: 'Remove link tm-1 → db' })).toBeTruthy();
  });

  it('undo and redo, with the toolbar buttons and the keyboard', async () => {
    const { store, user } = renderPage();
    const undo = screen.getByRole('button', { name: 'Undo' });
    const redo = screen.getByRole('button', { name: 'Redo' });
    // Marked unavailable (aria-disabled, so a focused button keeps the focus), and doing nothing when pressed.
    expect(undo.getAttribute('aria-disabled')).toBe('true');
    const before = store.getState().topology;
    await user.click(undo);
    expect(store.getState().topology).toBe(before);
    await user.click(within(screen.getByRole('list', { name: 'Node palette' })).getByRole('button', { name: 'Database' }));
    const added = store.getState().topology.nodes.length;
    await user.click(undo);
    expect(store.getState().topology.nodes).toHaveLength(added - 1);
    expect(redo.getAttribute('aria-disabled')).toBe('false');
    await user.click(redo);
    expect(store.getState().topology.nodes).toHaveLength(added);

    await user.click(document.body);
    await user.keyboard('{Control>}z{/Control}');
    expect(store.getState().topology.nodes).toHaveLength(added - 1);
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(store.getState().topology.nodes).toHaveLength(added);
  });

  it('the Problems list names the node and selects it when activated', async () => {
    const { store, user } = renderPage();
    act(() => store.getState().updateNode('gw-2', { offset: 0, host: 'gw-1.example.com' }));
    const problems = await screen.findByRole('list', { name: 'Problems' });
    const entry = within(problems)
      .getAllByRole('button')
      .find((b) => b.textContent?.includes('gw-1') && b.textContent.includes('gw-2'));
    expect(entry, 'a problem naming both nodes on one host and offset').toBeTruthy();
    await user.click(entry!);
    expect(store.getState().selection.nodes).toEqual(['gw-1']);
    expect(screen.getByRole('form', { name: 'Gateway gw-1' })).toBeTruthy();
  });
});

describe('one-action fixes', () => {
  it('"Turn on secure vault" on the plain-text problem writes every password as $secret{…}', async () => {
    const { store, user } = renderPage();
    act(() => store.getState().updateSettings({ superAdmin: { username: 'admin', password: 'Str0ng-admin', createAdminAccount: true } }));
    const problems = await screen.findByRole('list', { name: 'Problems' });
    await user.click(within(problems).getByRole('button', { name: 'Turn on secure vault' }));
    expect(store.getState().topology.settings.secureVault).toBe(true);
    const text = await fileText(GW1);
    expect(text).toContain('password = "$secret{admin_password}"');
    expect(text).toContain('admin_password = "[Str0ng-admin]"');
    expect(within(screen.getByRole('list', { name: 'Problems' })).queryByRole('button', { name: 'Turn on secure vault' })).toBeNull();
  });
});

describe('credentials the runbook and the files must read alike', () => {
  it('a password typed with a trailing space is kept in its field with a message and never reaches the files', async () => {
    const { store, user } = renderPage();
    const settings = await screen.findByRole('form', { name: 'Topology settings' });
    const password = within(settings).getByLabelText('TLS keystore password');
    await user.clear(password);
    await user.type(password, 'Str0ng pass ');
    await user.tab();
    expect(
      within(settings)
        .getAllByRole('alert')
        .map((a) => a.textContent),
    ).toContain('The password ends with a space: remove it');
    // Leaving the field did not apply it, nor throw it away.
    expect(store.getState().topology.settings.keystore.tls.password).toBe('wso2carbon');
    expect(password).toHaveProperty('value', 'Str0ng pass ');
    await user.click(password);
    await user.keyboard('{Backspace}{Enter}');
    expect(store.getState().topology.settings.keystore.tls.password).toBe('Str0ng pass');
    expect(await fileText(GW1)).toContain('password = "Str0ng pass"');
    const runbook = await fileText('README.md');
    expect(runbook).toContain("-storepass 'Str0ng pass'");
    expect(runbook).not.toContain("'Str0ng pass '");
  });
});

describe('one-action fixes: CORS', () => {
  it('"Add apikey and Internal-Key" on APIM038 adds the missing headers and the files follow', async () => {
    const { store, user } = renderPage();
    const cors = store.getState().topology.settings.cors;
    act(() => store.getState().updateSettings({ cors: { ...cors, allowHeaders: ['authorization', 'APIKEY'] } }));
    const problems = await screen.findByRole('list', { name: 'Problems' });
    await user.click(within(problems).getByRole('button', { name: 'Add apikey and Internal-Key' }));
    // apikey is there already (headers are case-insensitive): only Internal-Key is added.
    expect(store.getState().topology.settings.cors.allowHeaders).toEqual(['authorization', 'APIKEY', 'Internal-Key']);
    expect(await fileText('nodes/cp-1/repository/conf/deployment.toml')).toContain(
      'allow_headers = ["authorization", "APIKEY", "Internal-Key"]',
    );
    expect(
      within(screen.getByRole('list', { name: 'Problems' })).queryByRole('button', { name: 'Add apikey and Internal-Key' }),
    ).toBeNull();
  });
});

describe('the internal encryption key (4.7+)', () => {
  it('the sample reads it from an environment variable; a key typed in the settings reaches every file', async () => {
    const { store, user } = renderPage();
    expect(await fileText(GW1)).toContain('key = "$env{WSO2_ENCRYPTION_KEY}"');
    const settings = await screen.findByRole('form', { name: 'Topology settings' });
    const field = within(settings).getByLabelText('Internal encryption key');
    await user.clear(field);
    await user.type(field, '{Enter}');
    expect(store.getState().topology.settings).not.toHaveProperty('encryptionKey', '$env{WSO2_ENCRYPTION_KEY}');
    expect(await screen.findAllByText(/APIM042/)).not.toHaveLength(0);
    await user.type(field, '00112233445566778899aabbccddeeff{Enter}');
    for (const id of ['gw-1', 'cp-2', 'tm-1']) {
      expect(await fileText(`nodes/${id}/repository/conf/deployment.toml`)).toContain('key = "00112233445566778899aabbccddeeff"');
    }
  });
});

describe('the Gateway ID of a gateway (4.6+)', () => {
  it("is the node id until set; a value of its own reaches the gateway's file, an invalid one does not", async () => {
    const { store, user } = renderPage();
    expect(await fileText(GW1)).toContain('gateway_id = "gw-1"');
    act(() => store.getState().select({ nodes: ['gw-1'] }));
    const form = screen.getByRole('form', { name: 'Gateway gw-1' });
    const field = within(form).getByLabelText('Gateway ID');
    expect(field).toHaveProperty('placeholder', 'gw-1');
    await user.type(field, 'edge gw{Enter}');
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-1')).not.toHaveProperty('gatewayId', 'edge gw');
    await user.clear(field);
    await user.type(field, 'edge_eu_01{Enter}');
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-1')).toMatchObject({ gatewayId: 'edge_eu_01' });
    expect(await fileText(GW1)).toContain('gateway_id = "edge_eu_01"');
    expect(await fileText('nodes/gw-2/repository/conf/deployment.toml')).toContain('gateway_id = "gw-2"');
  });
});

describe('analytics per version', () => {
  it('turning analytics on from 4.6 starts on Moesif, with its key and base URL fields', async () => {
    const { store, user } = renderPage();
    const t = store.getState().topology;
    // A topology from a file that names no analytics type (Choreo), moved to 4.6.
    act(() =>
      store
        .getState()
        .replaceTopology({ ...t, product: '4.6.0', settings: { ...t.settings, analytics: { ...t.settings.analytics, type: undefined } } }),
    );
    const settings = await screen.findByRole('form', { name: 'Topology settings' });
    await user.click(within(settings).getByLabelText('Publish analytics'));
    expect(store.getState().topology.settings.analytics).toMatchObject({ enabled: true, type: 'moesif' });
    await user.type(within(settings).getByLabelText('Moesif application key'), 'app-key{Enter}');
    await user.type(within(settings).getByLabelText('Moesif base URL (optional)'), 'https://moesif.example.com{Enter}');
    const gateway = await fileText(GW1);
    expect(gateway).toContain('type = "moesif"');
    expect(gateway).toContain('moesifKey = "app-key"');
    expect(gateway).toContain('moesif_base_url = "https://moesif.example.com"');
  });

  it('offers only the analytics types the chosen version publishes', async () => {
    const { user } = renderPage();
    const settings = await screen.findByRole('form', { name: 'Topology settings' });
    await user.click(within(settings).getByLabelText('Publish analytics'));
    const types = () =>
      within(within(settings).getByLabelText('Analytics type'))
        .getAllByRole('option')
        .map((o) => o.textContent);
    // The sample is on 4.7, where Moesif is the default and Choreo deprecated (APIM docs 4.6.0 Moesif guide).
    expect(types()).toEqual(['Choreo (cloud) (deprecated)', 'ELK', 'OpenSearch', 'Moesif']);
    expect(within(settings).getByLabelText('Analytics type')).toHaveProperty('value', 'moesif');
    await user.selectOptions(within(settings).getByLabelText('API-M version'), '4.5.0');
    await user.click(await screen.findByRole('button', { name: 'Switch to 4.5.0' }));
    expect(types()).toEqual(['Choreo (cloud)', 'ELK', 'OpenSearch', 'Moesif']);
    await user.selectOptions(within(settings).getByLabelText('Analytics type'), 'choreo');
    await user.selectOptions(within(settings).getByLabelText('API-M version'), '4.0.0');
    await user.click(await screen.findByRole('button', { name: 'Switch to 4.0.0' }));
    expect(types()).toEqual(['Choreo (cloud)']);
    expect(within(settings).getByLabelText('Analytics config endpoint')).toBeTruthy();
    await user.selectOptions(within(settings).getByLabelText('API-M version'), '4.1.0');
    await user.click(await screen.findByRole('button', { name: 'Switch to 4.1.0' }));
    expect(types()).toEqual(['Choreo (cloud)', 'Moesif (needs a WSO2 update level)']);
  });
});

describe('switching the API-M version', () => {
  it('lists what changes in each file first; Cancel keeps the version, the button switches it', async () => {
    const { store, user } = renderPage();
    const settings = await screen.findByRole('form', { name: 'Topology settings' });
    const before = store.getState().topology.product;
    await user.selectOptions(within(settings).getByLabelText('API-M version'), '4.0.0');
    const dialog = await screen.findByRole('dialog', { name: `Switch from API-M ${before} to 4.0.0?` });
    const files = await within(dialog).findByRole('list', { name: 'Changes by file' });
    const gateway = within(files).getByRole('listitem', { name: 'nodes/gw-1/repository/conf/deployment.toml' });
    expect(gateway.textContent).toContain('server.server_role: "default" → "gateway-worker"');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().topology.product).toBe(before);
    await user.selectOptions(within(settings).getByLabelText('API-M version'), '4.0.0');
    await user.click(await screen.findByRole('button', { name: 'Switch to 4.0.0' }));
    expect(store.getState().topology.product).toBe('4.0.0');
  });
});

describe('database fields', () => {
  it('the MySQL version switches the file between the explicit and the inferred style, and only MySQL offers it', async () => {
    const { store, user } = renderPage();
    const CP1 = 'nodes/cp-1/repository/conf/deployment.toml';
    expect(await fileText(CP1)).toContain('driver = "com.mysql.cj.jdbc.Driver"');
    act(() => store.getState().select({ nodes: ['db'] }));
    const form = screen.getByRole('form', { name: 'Database db' });
    const version = within(form).getByLabelText('MySQL version');
    expect(version).toHaveProperty('value', '8');
    await user.selectOptions(version, '5.7');
    expect(store.getState().topology.nodes.find((n) => n.id === 'db')).toMatchObject({ mysqlVersion: '5.7' });
    const text = await fileText(CP1);
    expect(text).not.toContain('driver =');
    expect(text).toContain('hostname = "db.example.com"');
    await user.selectOptions(within(form).getByLabelText('Engine'), 'postgre');
    expect(within(form).queryByLabelText('MySQL version')).toBeNull();
    expect(serializeTopology(store.getState().topology)).not.toContain('mysqlVersion');
    expect(await fileText(CP1)).toContain('type = "postgre"');
  });

  it('a database name that a JDBC URL cannot carry is kept in the field with a message and changes nothing', async () => {
    const { store, user } = renderPage();
    act(() => store.getState().select({ nodes: ['db'] }));
    const form = screen.getByRole('form', { name: 'Database db' });
    const name = within(form).getByLabelText('apim_db name');
    await user.clear(name);
    await user.type(name, 'am db?x{Enter}');
    expect(
      within(form)
        .getAllByRole('alert')
        .map((a) => a.textContent),
    ).toContain('Use letters, digits, _, $ and - (at most 64, not starting with $ or -), such as apim_db');
    // "am" was a valid name on the way, and was not taken: only whole values are.
    expect(store.getState().topology.nodes.find((n) => n.id === 'db')).toMatchObject({ apimDbName: 'apim_db' });
    expect(await fileText('nodes/cp-1/repository/conf/deployment.toml')).toContain(
      'url = "jdbc:mysql://db.example.com:3306/apim_db?useSSL=true"',
    );
  });
});

describe('gateway environments', () => {
  it('an empty list shows no environment, says so, and the files and Problems agree', async () => {
    const { store, user } = renderPage();
    act(() => store.getState().updateSettings({ gatewayEnvironments: [] }));
    const settings = await screen.findByRole('form', { name: 'Topology settings' });
    expect(within(settings).queryByLabelText('Environment 1 name')).toBeNull();
    expect(within(settings).getByText(/No gateway environment/)).toBeTruthy();
    expect(within(await screen.findByRole('list', { name: 'Problems' })).getByText(/no gateway environment/)).toBeTruthy();
    expect(await fileText('nodes/cp-1/repository/conf/deployment.toml')).not.toContain('[[apim.gateway.environment]]');
    await user.click(within(settings).getByRole('button', { name: 'Add environment' }));
    expect(store.getState().topology.settings.gatewayEnvironments?.map((e) => e.name)).toEqual(['env-1']);
  });
});

describe('one set of limits', () => {
  it('a value longer than the topology format takes is kept in its field with the limit, and what is taken survives a reload', async () => {
    const { store, user } = renderPage();
    act(() => store.getState().select({ nodes: ['gw-1'] }));
    const label = within(screen.getByRole('form', { name: 'Gateway gw-1' })).getByLabelText('Label');
    await user.clear(label);
    await user.click(label);
    await user.paste('x'.repeat(450));
    await user.keyboard('{Enter}');
    expect(
      within(screen.getByRole('form', { name: 'Gateway gw-1' }))
        .getAllByRole('alert')
        .map((a) => a.textContent),
    ).toContain('Label is 450 characters long; at most 200 are allowed');
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-1')?.label).not.toHaveLength(450);

    act(() => store.getState().select({ nodes: [] }));
    const origins = within(await screen.findByRole('form', { name: 'Topology settings' })).getByLabelText('Allowed origins');
    await user.clear(origins);
    await user.click(origins);
    const list = Array.from({ length: 18 }, (_, i) => `https://app-${String(i).padStart(2, '0')}.example.com`).join(',');
    await user.paste(list);
    await user.keyboard('{Enter}');
    expect(store.getState().topology.settings.cors.allowOrigins).toBe(list);
    // What the page took, a file takes too.
    expect(readTopology(serializeTopology(store.getState().topology)).ok).toBe(true);
  });
});

describe('live previews', () => {
  afterEach(() => vi.useRealTimers());

  it('a label applies after a pause in typing; its previews and the commit are one undo step, and the next typing another', async () => {
    // The pause is a timer (a debounce of the preview); history never looks at the clock.
    const store = createDesignerStore(memoryStorage());
    render(<App store={store} />);
    act(() => store.getState().select({ nodes: ['gw-1'] }));
    // Time still runs (Testing Library waits on it); the test moves it past the pause itself.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    const user = userEvent.setup({ delay: null });
    const field = within(screen.getByRole('form', { name: 'Gateway gw-1' })).getByLabelText('Label');
    const label = () => store.getState().topology.nodes.find((n) => n.id === 'gw-1')?.label;
    const steps = () => store.temporal.getState().pastStates.length;
    const pause = () => act(() => vi.advanceTimersByTime(1000));

    await user.clear(field);
    await user.type(field, 'Edge');
    pause();
    expect(label()).toBe('Edge');
    await user.type(field, ' East');
    pause();
    await user.keyboard('{Enter}');
    expect(label()).toBe('Edge East');
    expect(steps()).toBe(1);

    await user.type(field, '!');
    pause();
    await user.keyboard('{Enter}');
    expect(steps()).toBe(2);
    act(() => store.getState().undo());
    expect(label()).toBe('Edge East');
    act(() => store.getState().undo());
    expect(label()).toBe('gw-1');
  });
});
