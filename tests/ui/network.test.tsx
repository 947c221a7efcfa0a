// @vitest-environment jsdom
/**
 * The Network view (issue 20): the network.csv tab shows the generation core's connection matrix as a table named
 * "Connections"; choosing a node or a link on the canvas (the store's selection) highlights its rows.
 */
import { memoryStorage } from './dom.ts';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.tsx';
import { createDesignerStore } from '../../src/store/index.ts';
import { highlightedRows } from '../../src/ui/network/NetworkTable.tsx';
import type { NetworkRow } from '../../src/ui/network/csv.ts';
import { topology, node } from '../factories.ts';

afterEach(cleanup);

async function openNetwork() {
  const store = createDesignerStore(memoryStorage());
  render(<App store={store} />);
  const tab = await screen.findByRole('tab', { name: 'network.csv' });
  await act(async () => tab.click());
  const table = within(screen.getByRole('tabpanel')).getByRole('table', { name: 'Connections' });
  return { store, table };
}

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
const marked = (table: HTMLElement) => bodyRows(table).filter((row) => row.dataset.highlighted === 'true');
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('the Network view', () => {
  it('shows every connection of network.csv, in the Network group of the file list', async () => {
    const { table } = await openNetwork();
    const rows = bodyRows(table);
    expect(rows.length).toBeGreaterThan(10);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['From', 'From host', 'To', 'To host', 'Port', 'Protocol', 'Purpose']);
    // The sample's gateway sends throttle events to its traffic manager.
    expect(rows.map(cells)).toContainEqual([
      'gw-1',
      'gw-1.example.com',
      'tm-1',
      'tm-1.example.com',
      '9611',
      'TCP binary',
      'throttle events (traffic_manager_urls)',
    ]);
    expect(marked(table)).toEqual([]);
    expect(screen.getByRole('tab', { name: 'network.md' })).toBeTruthy();
  });

  it('highlights the rows of the chosen node, then of the chosen link', async () => {
    const { store, table } = await openNetwork();
    act(() => store.getState().select({ nodes: ['tm-1'], links: [] }));
    const ofNode = marked(table).map(cells);
    expect(ofNode.length).toBeGreaterThan(0);
    for (const row of ofNode) expect([row[0], row[2]]).toContain('tm-1');
    // Every row that names tm-1 is marked, and no other.
    expect(ofNode.length).toBe(bodyRows(table).filter((r) => [cells(r)[0], cells(r)[2]].includes('tm-1')).length);
    expect(within(table).getByText(/highlighted for the selection/)).toBeTruthy();

    const link =
      store.getState().topology.links.find((l) => l.from === 'gw-1' && l.to === 'tm-1') ??
      store.getState().topology.links.find((l) => l.to === 'tm-1' || l.from === 'tm-1');
    expect(link).toBeDefined();
    act(() => store.getState().select({ nodes: [], links: [`${link?.from}->${link?.to}`] }));
    const ofLink = marked(table).map(cells);
    expect(ofLink.length).toBeGreaterThan(0);
    for (const row of ofLink) expect(new Set([row[0], row[2]])).toEqual(new Set([link?.from, link?.to].map((id) => id ?? '')));
  });
});

describe('highlightedRows', () => {
  const row = (fromNode: string, toNode: string): NetworkRow => ({
    fromNode,
    fromHost: '',
    toNode,
    toHost: '',
    port: '1',
    protocol: '',
    purpose: '',
  });
  const t = topology(
    [node('gateway', 'gw-1'), node('load-balancer', 'cp-lb'), node('control-plane', 'cp-1'), node('control-plane', 'cp-2')],
    [
      ['cp-lb', 'cp-1'],
      ['cp-lb', 'cp-2'],
      ['gw-1', 'cp-lb'],
    ],
  );
  const rows = [row('gw-1', 'cp-lb'), row('gw-1', 'cp-1'), row('cp-1', 'cp-2'), row('cp-lb', 'cp-1'), row('clients', 'cp-lb')];

  it('takes a link to a load balancer as a link to the nodes it fronts', () => {
    expect([...highlightedRows(rows, t, [], ['gw-1->cp-lb'])]).toEqual([0, 1]);
  });

  it('takes a node as every row it opens or receives', () => {
    expect([...highlightedRows(rows, t, ['cp-lb'], [])]).toEqual([0, 3, 4]);
  });
});

describe('the certificate names field', () => {
  it('keeps the names of an existing certificate, and Problems reports the name a peer calls that they miss (APIM072)', async () => {
    const store = createDesignerStore(memoryStorage());
    const user = userEvent.setup();
    render(<App store={store} />);
    act(() => store.getState().select({ nodes: ['tm-1'], links: [] }));
    const form = screen.getByRole('form', { name: 'Traffic Manager tm-1' });
    const field = within(form).getByLabelText('Certificate names (optional)');
    await user.type(field, 'not a name{Enter}');
    expect(store.getState().topology.nodes.find((n) => n.id === 'tm-1')).not.toHaveProperty('certificateNames', expect.anything());
    await user.clear(field);
    await user.type(field, '*.example.org, localhost{Enter}');
    expect(store.getState().topology.nodes.find((n) => n.id === 'tm-1')).toHaveProperty('certificateNames', ['*.example.org', 'localhost']);
    const problems = screen.getByRole('list', { name: 'Problems' });
    expect(
      (
        await within(problems).findByText(
          /node tm-1: its certificate names \(\*\.example\.org, localhost\) do not cover tm-1\.example\.com/,
        )
      ).textContent,
    ).toBeTruthy();
  });
});
