/**
 * Auto-layout on the page (src/ui/canvas/autoLayout.ts, src/ui/open.ts): one undo step, and topologies
 * opened without positions laid out in tiers as part of the same step as the opening.
 */
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.ts';
import { createDesignerStore } from '../../src/store/index.ts';
import { runAutoLayout } from '../../src/ui/canvas/autoLayout.ts';
import { AUTO_LAYOUT_ON_OPEN, openTopology } from '../../src/ui/open.ts';
import { memoryStorage } from '../store/memoryStorage.ts';
import { benchTopology } from '../bench/topologies.ts';

const places = (t: Topology) => t.nodes.map((n) => `${n.id}@${n.x},${n.y}`);
const y = (t: Topology, id: string) => t.nodes.find((n) => n.id === id)?.y ?? NaN;

describe('runAutoLayout', () => {
  it('moves the nodes into tiers as one undo step, says so, and a second run changes nothing', async () => {
    const store = createDesignerStore(memoryStorage());
    const drawn = benchTopology(30, 4);
    const scattered = { ...drawn, nodes: drawn.nodes.map((n, i) => ({ ...n, x: (i % 5) * 300, y: Math.floor(i / 5) * 200 })) };
    store.getState().replaceTopology(scattered);
    const steps = store.temporal.getState().pastStates.length;
    expect(await runAutoLayout(store)).toBe(true);
    const after = store.getState().topology;
    expect(store.temporal.getState().pastStates.length).toBe(steps + 1);
    expect(places(after)).not.toEqual(places(scattered));
    expect(y(after, 'gw-lb-1')).toBeLessThan(y(after, 'gw-1-1'));
    expect(y(after, 'gw-1-1')).toBeLessThan(y(after, 'cp-1'));
    expect(y(after, 'cp-1')).toBeLessThan(y(after, 'tm-1'));
    expect(y(after, 'tm-1')).toBeLessThan(y(after, 'db'));
    expect(store.getState().notice?.text).toMatch(/^Laid out 30 nodes in tiers/);

    expect(await runAutoLayout(store)).toBe(false);
    expect(store.temporal.getState().pastStates.length).toBe(steps + 1);

    store.getState().undo();
    expect(places(store.getState().topology)).toEqual(places(scattered));
    store.getState().redo();
    expect(places(store.getState().topology)).toEqual(places(after));
  });
});

describe('openTopology', () => {
  it('lays out a topology without positions in tiers, and opening it is one undo step', async () => {
    const store = createDesignerStore(memoryStorage());
    const mine = store.getState().topology;
    const steps = store.temporal.getState().pastStates.length;
    const piled = { ...benchTopology(40, 4), name: 'Piled' }; // every node at 0,0
    expect(await openTopology(store, piled, 'piled.json', () => true)).toBe(true);
    const opened = store.getState().topology;
    expect(new Set(places(opened).map((p) => p.split('@')[1])).size).toBe(40);
    expect(y(opened, 'gw-lb-1')).toBeLessThan(y(opened, 'gw-1-1'));
    expect(y(opened, 'tm-2')).toBeLessThan(y(opened, 'db'));
    expect(store.getState().notice?.text).toBe(
      'Opened piled.json. Undo brings your previous topology back. Its nodes are laid out in tiers (Auto-layout): load balancers above their clusters.',
    );
    expect(store.temporal.getState().pastStates.length).toBe(steps + 1);
    store.getState().undo();
    expect(store.getState().topology).toEqual(mine);
  });

  it('keeps the positions of a drawn topology, and lays out large ones in rows by kind', async () => {
    const store = createDesignerStore(memoryStorage());
    const drawn = benchTopology(30, 4);
    const placed = { ...drawn, nodes: drawn.nodes.map((n, i) => ({ ...n, x: i * 240, y: 0 })) };
    await openTopology(store, placed, 'drawn.json', () => true);
    expect(places(store.getState().topology)).toEqual(places(placed));

    await openTopology(store, benchTopology(AUTO_LAYOUT_ON_OPEN, 4), 'big.json', () => true);
    expect(store.getState().notice?.text).toMatch(/now laid out in rows by kind/);
  });

  it('asks first, and a no leaves the work as it was', async () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().replaceTopology(benchTopology(10, 4));
    const mine = store.getState().topology;
    expect(await openTopology(store, benchTopology(20, 4), 'x.json', () => false)).toBe(false);
    expect(store.getState().topology).toBe(mine);
  });
});
