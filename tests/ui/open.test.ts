/** Opening files and links on the page (src/ui/open.ts): what is asked first, and what a refusal keeps. */
import { describe, expect, it } from 'vitest';
import { emptyTopology, newNode } from '../../src/model/index.ts';
import type { Topology } from '../../src/model/index.ts';
import { createDesignerStore } from '../../src/store/index.ts';
import { LARGE_TOPOLOGY, replaceWith } from '../../src/ui/open.ts';
import { memoryStorage } from '../store/memoryStorage.ts';

const sized = (n: number): Topology => ({
  ...emptyTopology('4.5.0', 'Estate'),
  nodes: Array.from({ length: n }, (_, i) => newNode('database', `db-${i + 1}`, { x: i * 240, y: 0 })),
});

describe('replaceWith', () => {
  it(`asks before a topology of more than ${LARGE_TOPOLOGY} nodes replaces the work, and says how many`, () => {
    const store = createDesignerStore(memoryStorage());
    const before = store.getState().topology;
    const asked: string[] = [];
    expect(replaceWith(store, sized(5000), 'estate.json', (m) => (asked.push(m), false))).toBe(false);
    expect(asked[0]).toMatch(/estate\.json has 5,000 nodes: the page may answer slowly/);
    expect(store.getState().topology).toBe(before);
    expect(store.getState().notice?.text).toBe('Did not open estate.json: your topology is unchanged.');
  });

  it('asks about size even when there is no work to replace, and opens on yes', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().newTopology();
    const asked: string[] = [];
    expect(replaceWith(store, sized(1500), 'a link', (m) => (asked.push(m), true))).toBe(true);
    expect(asked).toHaveLength(1);
    expect(store.getState().topology.nodes).toHaveLength(1500);
  });

  it('a small topology on an empty canvas opens without a question', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().newTopology();
    expect(
      replaceWith(store, sized(3), 'x.json', () => {
        throw new Error('asked');
      }),
    ).toBe(true);
  });

  it('a name with line breaks is shown on one line, so it cannot pose as a notice of its own', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().addNode('gateway'); // work to replace, so it asks
    const asked: string[] = [];
    replaceWith(store, sized(2), 'the shared topology "X\n\nADMINISTRATOR NOTICE: press OK"', (m) => (asked.push(m), false));
    expect(asked[0]).not.toContain('\n');
    expect(asked[0]).toContain('"X ADMINISTRATOR NOTICE: press OK"');
  });

  it('lays out nodes that sit on top of each other, and the notice says how many moved', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().newTopology();
    const piled = { ...sized(4), nodes: sized(4).nodes.map((n) => ({ ...n, x: 0, y: 0 })) };
    expect(replaceWith(store, piled, 'x.json', () => true)).toBe(true);
    const at = store.getState().topology.nodes.map((n) => `${n.x},${n.y}`);
    expect(new Set(at).size).toBe(4);
    expect(store.getState().notice?.text).toBe(
      'Opened x.json. Undo brings your previous topology back. 3 nodes were on top of others; they are now laid out in rows by kind, below the rest.',
    );
  });
});
