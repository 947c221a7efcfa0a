/**
 * The topologies the benchmarks run on. The shape scales like a real estate: one HA control plane
 * (2 nodes behind an LB), one HA traffic manager tier (2 behind an LB), one database, and gateway
 * clusters behind their own LB, each cluster serving its own environment. Every gateway has its own
 * host (offset 0), so every node's file is different.
 *
 * A topology file holds at most 50 environments (src/share/schema.ts), so clusters grow instead of
 * multiplying past that: 4 gateways per cluster up to about 250 nodes, then as many as it takes
 * (19 at 1,000 nodes, 99 at 5,000). Every benchmark topology is one the designer accepts
 * (`assertAccepted`).
 */
import type { GatewayEnvironment, Topology, TopologyNode } from '../../src/model/index.ts';
import { defaultEnvironment, emptyTopology, newNode, serializeTopology } from '../../src/model/index.ts';
import { formatReadError, restoreTopology } from '../../src/share/index.ts';

const SHARED_NODES = 7; // db, cp-lb, tm-lb, cp-1, cp-2, tm-1, tm-2
const MAX_CLUSTERS = 50;

/** `gatewaysPerCluster` defaults to 4, or more when 4 would need more than 50 environments. */
export function benchTopology(size: number, gatewaysPerCluster = defaultClusterSize(size)): Topology {
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
    for (let i = 1; i <= gatewaysPerCluster && nodes.length < size; i++) {
      const id = `gw-${cluster}-${i}`;
      add({ ...newNode('gateway', id), host: `${id}.example.com`, labels: [environment] } as TopologyNode);
      links.push({ from: lb, to: id }, { from: id, to: 'cp-lb' }, { from: id, to: 'tm-lb' });
    }
  }
  const base = emptyTopology('4.0.0', `bench ${size}`);
  return { ...base, settings: { ...base.settings, gatewayEnvironments: environments }, nodes: nodes.slice(0, size), links };
}

function defaultClusterSize(size: number): number {
  return Math.max(4, Math.ceil((size - SHARED_NODES) / MAX_CLUSTERS) - 1);
}

/** Throws unless the designer would open `topology` (the restore path of files, links and autosave). */
export function assertAccepted(topology: Topology): void {
  const result = restoreTopology(JSON.parse(serializeTopology(topology)));
  if (!result.ok) throw new Error(`bench topology "${topology.name}" is refused: ${result.errors.map(formatReadError).join('; ')}`);
}
