// @vitest-environment jsdom
/**
 * The line diff on the page (LineDiff.tsx, DiffDialog.tsx, CompareGroup.tsx): a file's lines in the
 * version switch, "Compare with file…" and "Changes since I opened this", found by role and name.
 */
import { memoryStorage } from './dom.ts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.tsx';
import { LineDiff, SHOWN_LINES } from '../../src/ui/LineDiff.tsx';
import { createDesignerStore } from '../../src/store/index.ts';
import { serializeTopology } from '../../src/model/index.ts';

afterEach(cleanup);

function renderPage() {
  const store = createDesignerStore(memoryStorage());
  const user = userEvent.setup();
  render(<App store={store} />);
  return { store, user };
}

const GW1 = 'nodes/gw-1/repository/conf/deployment.toml';

/** A .json file as the page reads it (jsdom's File has no text()). */
function jsonFile(name: string, text: string): File {
  return Object.assign(new File([text], name, { type: 'application/json' }), { text: () => Promise.resolve(text) });
}

/** Picks `file` in the hidden file input behind "Compare with file…" (what the button's click opens). */
function pick(file: File) {
  fireEvent.change(screen.getByLabelText('Compare with a topology file'), { target: { files: [file] } });
}

/** The lines a file's diff marks as removed and added. */
function marked(figure: HTMLElement) {
  return {
    removed: within(figure)
      .queryAllByRole('deletion')
      .map((e) => e.textContent),
    added: within(figure)
      .queryAllByRole('insertion')
      .map((e) => e.textContent),
  };
}

describe('the version switch', () => {
  it('shows each file’s line diff beside its key changes, and the files whose keys do not change', async () => {
    const { user } = renderPage();
    const settings = await screen.findByRole('form', { name: 'Topology settings' });
    await user.selectOptions(within(settings).getByLabelText('API-M version'), '4.0.0');
    const dialog = await screen.findByRole('dialog', { name: /^Switch from API-M .* to 4\.0\.0\?$/ });
    const files = await within(dialog).findByRole('list', { name: 'Changes by file' });
    const gateway = within(files).getByRole('listitem', { name: GW1 });
    await user.click(within(gateway).getByText('Line diff'));
    const lines = marked(within(gateway).getByRole('figure', { name: `Line diff of ${GW1}` }));
    expect(lines.removed).toContain('-server_role = "default"');
    expect(lines.added).toContain('+server_role = "gateway-worker"');
    // The README has no keys, and its lines change too.
    expect(within(files).getByRole('listitem', { name: 'README.md' })).toBeTruthy();
    expect(within(dialog).getByRole('status').textContent).toMatch(/keys change in \d+ files\. .*\d+ files differ line by line\./);
  });
});

describe('Changes since I opened this', () => {
  it('says the files are the same until an edit, then shows the new file, and Close changes nothing', async () => {
    const { store, user } = renderPage();
    await user.click(screen.getByRole('button', { name: 'My changes' }));
    let dialog = await screen.findByRole('dialog', { name: 'Changes since you opened this' });
    expect((await within(dialog).findByRole('status')).textContent).toMatch(/^(Comparing the files…|The files are the same\.)$/);
    expect(await within(dialog).findByText('The files are the same.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(within(screen.getByRole('list', { name: 'Node palette' })).getByRole('button', { name: 'Gateway' }));
    const topology = store.getState().topology;
    await user.click(screen.getByRole('button', { name: 'My changes' }));
    dialog = await screen.findByRole('dialog', { name: 'Changes since you opened this' });
    const files = await within(dialog).findByRole('list', { name: 'Changes by file' });
    const added = within(files).getByRole('listitem', { name: 'nodes/gw-3/repository/conf/deployment.toml' });
    expect(added.textContent).toContain('new file');
    // A long diff starts closed, its lines drawn once it is opened.
    expect(within(added).queryByRole('figure')).toBeNull();
    await user.click(within(added).getByText('Line diff'));
    const lines = marked(within(added).getByRole('figure', { name: 'Line diff of nodes/gw-3/repository/conf/deployment.toml' }));
    expect(lines.removed).toEqual([]);
    expect(lines.added.every((line) => line?.startsWith('+'))).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(store.getState().topology).toBe(topology);
  });
});

describe('Compare with file…', () => {
  it('shows the line diff of a topology file against the one on the canvas', async () => {
    const { store, user } = renderPage();
    const current = store.getState().topology;
    const other = { ...current, nodes: current.nodes.map((n) => (n.id === 'gw-1' ? { ...n, offset: 5 } : n)) };
    pick(jsonFile('other.json', serializeTopology(other)));
    const dialog = await screen.findByRole('dialog', { name: 'Compare other.json with this topology' });
    const files = await within(dialog).findByRole('list', { name: 'Changes by file' });
    const gateway = within(files).getByRole('listitem', { name: GW1 });
    // The ports move in network.csv and network.md too, so the comparison is long enough to start closed.
    if (!gateway.querySelector('details')?.open) await user.click(within(gateway).getByText('Line diff'));
    const lines = marked(within(gateway).getByRole('figure', { name: `Line diff of ${GW1}` }));
    expect(lines.removed).toContain('-offset = 5');
    expect(lines.added.some((line) => /^\+offset = /.test(line ?? ''))).toBe(true);
    expect(store.getState().topology).toBe(current);
  });

  it('a file that is not a topology is a message naming it, and no dialog', async () => {
    renderPage();
    pick(jsonFile('broken.json', '{"nodes": 3}'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not open broken\.json: /);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('LineDiff', () => {
  it('draws the first lines of a long diff, and all of them on "Show all"', async () => {
    const user = userEvent.setup();
    const lines = Array.from({ length: 500 }, (_, i) => `+line ${i}`);
    render(
      <LineDiff file={{ path: 'big', change: 'added', added: 500, removed: 0, hunks: [{ header: '@@ -0,0 +1,500 @@', lines }] }} open />,
    );
    const figure = screen.getByRole('figure', { name: 'Line diff of big' });
    expect(within(figure).getAllByRole('insertion')).toHaveLength(SHOWN_LINES - 1);
    await user.click(screen.getByRole('button', { name: 'Show all 501 lines' }));
    expect(within(figure).getAllByRole('insertion')).toHaveLength(500);
    expect(screen.getByText('(new file, +500 −0)')).toBeTruthy();
  });
});
