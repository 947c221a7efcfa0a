/**
 * The topologies the benchmarks run on. The shape scales like a real estate: one HA control plane
 * (2 nodes behind an LB), one HA traffic manager tier (2 behind an LB), one database, and gateway
 * clusters of 4 behind their own LB, each cluster serving its own environment. Every node's file is
 * different (offsets vary), so nothing is shared between files.
 */
import type { GatewayEnvironment, Topology, TopologyNode } from '../../src/model/index.ts';
import { defaultEnvironment, emptyTopology, newNode } from '../../src/model/index.ts';

export function benchTopology(size: number): Topology {
  const nodes: TopologyNode[] = [];
  const links: { from: string; to: string }[] = [];
  const add = (n: TopologyNode) => nodes.push(n);
  add({ ...newNode('database', 'db') });
  add(newNode('load-balancer', 'cp-lb'));
  add(newNode('load-balancer', 'tm-lb'));
  for (const id of ['cp-1', 'cp-2']) {
    add(newNode('control-plane', id));
    links.push({ from: 'cp-lb', to: id }, { from: id, to: 'db' });
  }
  for (const id of ['tm-1', 'tm-2']) {
    add(newNode('traffic-manager', id));
    links.push({ from: 'tm-lb', to: id }, { from: id, to: 'cp-lb' }, { from: id, to: 'db' });
  }
  const environments: GatewayEnvironment[] = [];
  for (let cluster = 1; nodes.length < size; cluster++) {
    const lb = `gw-lb-${cluster}`;
    const environment = `env-${cluster}`;
    environments.push(defaultEnvironment(environment));
    add(newNode('load-balancer', lb));
    for (let i = 1; i <= 4 && nodes.length < size; i++) {
      const id = `gw-${cluster}-${i}`;
      add({ ...newNode('gateway', id), host: `gw-${cluster}.example.com`, offset: i, labels: [environment] } as TopologyNode);
      links.push({ from: lb, to: id }, { from: id, to: 'cp-lb' }, { from: id, to: 'tm-lb' });
    }
  }
  const base = emptyTopology('4.0.0', `bench ${size}`);
  return { ...base, settings: { ...base.settings, gatewayEnvironments: environments }, nodes: nodes.slice(0, size), links };
}
