import { describe, expect, it } from 'vitest';
import type { ApimNode } from '../../src/model/index.ts';
import { buildGraph } from '../../src/model/index.ts';
import { loadExample, node, topology } from '../factories.ts';

const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);

describe('buildGraph', () => {
  it('groups the nodes behind a load balancer into one cluster', () => {
    const graph = buildGraph(loadExample('ha-cp-gw'));
    const gw1 = graph.node('gw-1') as ApimNode;
    const [cp] = graph.wiredClusters(gw1, 'control-plane');
    expect(cp!.key).toBe('cp-lb');
    expect(ids(cp!.members)).toEqual(['cp-1', 'cp-2']);
    expect(graph.frontedBy('gw-1')?.id).toBe('gw-lb');
  });

  it('lets a control plane find the gateways that call its load balancer', () => {
    const graph = buildGraph(loadExample('ha-cp-gw'));
    const clusters = graph.wiredClusters(graph.node('cp-2') as ApimNode, 'gateway');
    expect(clusters.map((c) => c.key)).toEqual(['gw-lb']);
  });

  it('wires a whole cluster when one member is linked', () => {
    const t = topology(
      [
        node('load-balancer', 'gw-lb'),
        node('gateway', 'gw-1'),
        node('gateway', 'gw-2'),
        node('control-plane', 'cp-1'),
        node('database', 'db'),
      ],
      [
        ['gw-lb', 'gw-1'],
        ['gw-lb', 'gw-2'],
        ['gw-1', 'cp-1'],
        ['gw-1', 'db'],
      ],
    );
    const graph = buildGraph(t);
    const gw2 = graph.node('gw-2') as ApimNode;
    expect(graph.wiredClusters(gw2, 'control-plane').map((c) => c.key)).toEqual(['cp-1']);
    expect(graph.databaseFor(gw2, 'shared_db')?.id).toBe('db');
  });

  it('treats a direct link to a member as a link to its cluster', () => {
    const t = topology(
      [node('load-balancer', 'cp-lb'), node('control-plane', 'cp-1'), node('control-plane', 'cp-2'), node('gateway', 'gw-1')],
      [
        ['cp-lb', 'cp-1'],
        ['cp-lb', 'cp-2'],
        ['gw-1', 'cp-2'],
      ],
    );
    const graph = buildGraph(t);
    const [cluster] = graph.wiredClusters(graph.node('gw-1') as ApimNode, 'control-plane');
    expect(cluster!.lb?.id).toBe('cp-lb');
    expect(ids(cluster!.members)).toEqual(['cp-1', 'cp-2']);
  });

  it('lists each member and caller once, in the order drawn, however often its link is drawn and however long the list', () => {
    // Lists short and long, every link drawn twice (once more in reverse order).
    for (const size of [3, 15, 16, 17, 40]) {
      const gateways = Array.from({ length: size }, (_, i) => `gw-${i + 1}`);
      const links: [string, string][] = gateways.flatMap((id) => [['gw-lb', id] as [string, string], [id, 'cp-lb'] as [string, string]]);
      const t = topology(
        [
          node('load-balancer', 'gw-lb'),
          node('load-balancer', 'cp-lb'),
          node('control-plane', 'cp-1'),
          ...gateways.map((id) => node('gateway', id)),
        ],
        [['cp-lb', 'cp-1'], ...links, ...[...links].reverse()],
      );
      const graph = buildGraph(t);
      expect(ids(graph.clusterOf(graph.node('gw-1') as ApimNode).members), `${size} gateways`).toEqual(gateways);
      expect(ids(graph.wiredClusters(graph.node('cp-1') as ApimNode, 'gateway')[0]?.members ?? []), `${size} gateways`).toEqual(gateways);
    }
  });

  it('skips links that break the rules or name missing nodes', () => {
    const t = topology(
      [node('gateway', 'gw-1'), node('gateway', 'gw-2')],
      [
        ['gw-1', 'gw-2'],
        ['gw-1', 'ghost'],
      ],
    );
    const graph = buildGraph(t);
    expect(graph.wiredClusters(graph.node('gw-1') as ApimNode, 'gateway')).toEqual([]);
  });

  it('picks the database that holds each logical database', () => {
    const t = topology(
      [
        node('control-plane', 'cp-1'),
        node('database', 'apim', { databases: ['apim_db'] }),
        node('database', 'shared', { databases: ['shared_db'] }),
      ],
      [
        ['cp-1', 'apim'],
        ['cp-1', 'shared'],
      ],
    );
    const graph = buildGraph(t);
    const cp = graph.node('cp-1') as ApimNode;
    expect(graph.databaseFor(cp, 'apim_db')?.id).toBe('apim');
    expect(graph.databaseFor(cp, 'shared_db')?.id).toBe('shared');
  });
});
