/** Opening files and links on the page (src/ui/open.ts): what is asked first, and what a refusal keeps. */
import { describe, expect, it } from 'vitest';
import { emptyTopology, newNode } from '../../src/model/index.ts';
import type { Topology } from '../../src/model/index.ts';
import { createDesignerStore } from '../../src/store/index.ts';
import { LARGE_TOPOLOGY, openLink, replaceWith } from '../../src/ui/open.ts';
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

describe('openLink', () => {
  const linkOf = async (topology: Topology) => (await import('../../src/share/link.ts')).encodeLink(topology, 'http://x/');

  it('reads the link with the engine it is given, and opens what it read', async () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().newTopology();
    const asked: string[] = [];
    await openLink(
      store,
      await linkOf(sized(2)),
      () => true,
      async (link) => {
        asked.push(link);
        return (await import('../../src/share/link.ts')).decodeLink(link);
      },
    );
    expect(asked).toHaveLength(1);
    expect(store.getState().topology.nodes.map((n) => n.id)).toEqual(['db-1', 'db-2']);
    expect(store.getState().notice?.text).toBe('Opened "Estate" from the link. Undo brings your previous topology back.');
  });

  it('reads it in the page where there is no worker, with the same messages for a broken link', async () => {
    const store = createDesignerStore(memoryStorage());
    const before = store.getState().topology;
    const link = await linkOf(sized(2));
    await openLink(store, `${link.slice(0, -8)}!!`, () => true);
    expect(store.getState().topology).toBe(before);
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      text: 'Could not open the link: the link is damaged: it has characters a link never contains (was it cut or changed when pasted?). Your topology is unchanged.',
    });
  });

  it('says so when the reader cannot be loaded', async () => {
    const store = createDesignerStore(memoryStorage());
    await openLink(
      store,
      'http://x/#v1.abc',
      () => true,
      () => Promise.reject(new Error('the generator could not be loaded')),
    );
    expect(store.getState().notice?.text).toBe(
      'Could not open the link: the part of the page that reads links could not be loaded (the generator could not be loaded). Your topology is unchanged; reload the link to try again.',
    );
  });
});
