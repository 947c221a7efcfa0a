/** Auto-layout in tiers (src/model/autoLayout.ts), run through elkjs itself as the page runs it. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.ts';
import {
  NODE_BOX,
  autoLayout,
  buildGraph,
  isApimNode,
  kindTier,
  lacksPositions,
  layoutGraph,
  withPositions,
} from '../../src/model/index.ts';
import { benchTopology } from '../bench/topologies.ts';
import { loadExample, pattern6, simpleScalable, withIdentityServer, withKeyManagerPair, withRedis } from '../factories.ts';

const elk = new ELK();
const engine = (graph: Parameters<typeof elk.layout>[0]) => elk.layout(graph);

async function laidOut(topology: Topology): Promise<Topology> {
  return withPositions(topology, await autoLayout(topology, engine as never));
}

/** Each with whether it has a load balancer fronting a cluster. */
const topologies: [string, () => Topology, boolean][] = [
  ['the seed sample', () => loadExample('seed-sample'), false],
  ['HA control plane and gateways', () => loadExample('ha-cp-gw'), true],
  ['bench 50', () => benchTopology(50, 4), true],
  ['bench 300', () => benchTopology(300, 4), true],
  ['with Key Managers behind a load balancer', () => withKeyManagerPair(loadExample('pattern-4-km')), true],
  ['with Redis', () => withRedis(simpleScalable('4.6.0')), true],
  ['with an Identity Server', () => withIdentityServer(simpleScalable('4.5.0'), '7.1'), true],
  ['pattern 6', () => pattern6('4.5.0'), false],
];

describe.each(topologies)('auto-layout of %s', (_name, make, clustered) => {
  it('puts every load balancer above its members, and the kinds in tiers', async () => {
    const topology = await laidOut(make());
    const graph = buildGraph(topology);
    const byId = new Map(topology.nodes.map((n) => [n.id, n]));
    let fronted = 0;
    for (const node of topology.nodes) {
      if (node.kind !== 'load-balancer') continue;
      for (const member of graph.frontedMembers(node.id)) {
        fronted++;
        expect(node.y, `${node.id} above ${member.id}`).toBeLessThan(member.y);
      }
    }
    expect(fronted > 0).toBe(clustered);
    // A kind of a lower tier is wholly above one of a higher tier.
    const apim = topology.nodes.filter((n) => n.kind !== 'load-balancer');
    for (const a of apim)
      for (const b of apim) {
        if (kindTier(a.kind) < kindTier(b.kind)) expect(a.y, `${a.id} (${a.kind}) above ${b.id} (${b.kind})`).toBeLessThan(b.y);
      }
    expect(byId.size).toBe(topology.nodes.length);
  });

  it('leaves no two nodes overlapping, all on the grid', async () => {
    const { nodes } = await laidOut(make());
    const cells = new Set<string>();
    const sorted = [...nodes].sort((a, b) => a.y - b.y || a.x - b.x);
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i]!;
      expect(a.x % 20 === 0 && a.y % 20 === 0).toBe(true);
      cells.add(`${a.x},${a.y}`);
      for (let j = i + 1; j < sorted.length && sorted[j]!.y - a.y < NODE_BOX.height; j++) {
        const b = sorted[j]!;
        expect(Math.abs(a.x - b.x) >= NODE_BOX.width || Math.abs(a.y - b.y) >= NODE_BOX.height, `${a.id} and ${b.id} overlap`).toBe(true);
      }
    }
    expect(cells.size).toBe(nodes.length);
  });

  it('gives the same positions for the same topology', async () => {
    const first = await laidOut(make());
    const again = await laidOut(make());
    expect(again.nodes.map((n) => [n.id, n.x, n.y])).toEqual(first.nodes.map((n) => [n.id, n.x, n.y]));
  });
});

describe('the graph given to ELK', () => {
  it('is the layered algorithm with a partition per tier, one box per cluster', () => {
    const { graph, clusters } = layoutGraph(benchTopology(300, 4));
    expect(graph.layoutOptions).toMatchObject({ 'elk.algorithm': 'layered', 'elk.partitioning.activate': 'true', 'elk.direction': 'DOWN' });
    const partition = (id: string) => Number(graph.children?.find((c) => c.id === id)?.layoutOptions?.['elk.partitioning.partition']);
    expect(partition('gw-lb-1')).toBeLessThan(partition('cluster:gw-lb-1'));
    expect(partition('cluster:gw-lb-1')).toBeLessThan(partition('cp-lb'));
    expect(partition('cp-lb')).toBeLessThan(partition('cluster:cp-lb'));
    expect(partition('cluster:tm-lb')).toBeLessThan(partition('db'));
    expect(clusters.get('cluster:gw-lb-1')).toEqual(['gw-1-1', 'gw-1-2', 'gw-1-3', 'gw-1-4']);
    // Every node is a child or in a cluster's box, once.
    const placed = (graph.children ?? []).flatMap((c) => clusters.get(c.id) ?? [c.id]);
    expect(placed.sort()).toEqual(
      benchTopology(300, 4)
        .nodes.map((n) => n.id)
        .sort(),
    );
  });

  it('keeps a cluster side by side in one row under its load balancer', async () => {
    const topology = await laidOut(benchTopology(50, 4));
    const members = topology.nodes.filter((n) => n.id.startsWith('gw-2-'));
    expect(new Set(members.map((n) => n.y)).size).toBe(1);
    const xs = members.map((n) => n.x).sort((a, b) => a - b);
    expect(xs.at(-1)! - xs[0]!).toBe((members.length - 1) * NODE_BOX.width);
    expect(topology.nodes.filter(isApimNode).length).toBeGreaterThan(0);
  });
});

describe('a tier of many clusters', () => {
  it('is cut into rows, each cluster under its load balancer, so the layout is not one endless row', async () => {
    const topology = await laidOut(benchTopology(300, 4));
    const xs = topology.nodes.map((n) => n.x);
    const ys = topology.nodes.map((n) => n.y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(width / height).toBeLessThan(2.5);
    const lbRows = new Set(topology.nodes.filter((n) => n.id.startsWith('gw-lb-')).map((n) => n.y));
    expect(lbRows.size).toBeGreaterThan(3);
  });
});

describe('lacksPositions', () => {
  it('is true when most nodes sit on one spot, false for a drawn topology', () => {
    const drawn = benchTopology(20, 4);
    const spread = { ...drawn, nodes: drawn.nodes.map((n, i) => ({ ...n, x: i * 240, y: 0 })) };
    expect(lacksPositions(drawn)).toBe(true);
    expect(lacksPositions(spread)).toBe(false);
  });
});
