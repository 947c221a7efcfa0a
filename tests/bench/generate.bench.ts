/**
 * `npm run bench`: generateBundle on topologies of 10, 100, 1,000 and 5,000 nodes.
 *
 * The shape scales like a real estate: one HA control plane (2 nodes behind an LB), one HA traffic
 * manager tier (2 behind an LB), one database, and gateway clusters of 4 behind their own LB, each
 * cluster serving its own environment. Every node's file is different (offsets vary), so nothing is
 * shared between files. Reports the median of several runs, and the 5,000 / 1,000 ratio (linear: ≤ 6).
 */
import type { GatewayEnvironment, Topology, TopologyNode } from '../../src/model/index.ts';
import { defaultEnvironment, emptyTopology, newNode } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(size: number): { ms: number; files: number; bytes: number } {
  const topology = benchTopology(size);
  const runs = size >= 5000 ? 5 : size >= 1000 ? 9 : 25;
  generateBundle(topology); // warm up
  const times: number[] = [];
  let files = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const bundle = generateBundle(topology);
    times.push(performance.now() - start);
    files = bundle.files.length;
    bytes = bundle.files.reduce((sum, f) => sum + f.content.length, 0);
  }
  return { ms: median(times), files, bytes };
}

{
  const results = new Map<number, number>();
  console.log('| nodes | ms per topology (median) | files | output |');
  console.log('|---:|---:|---:|---:|');
  for (const size of [10, 100, 1000, 5000]) {
    const { ms, files, bytes } = measure(size);
    results.set(size, ms);
    console.log(`| ${size.toLocaleString('en')} | ${ms.toFixed(1)} | ${files} | ${(bytes / 1024 / 1024).toFixed(2)} MB |`);
  }
  const ratio = results.get(5000)! / results.get(1000)!;
  console.log(`\n1,000 nodes: ${results.get(1000)!.toFixed(1)} ms (target < 200 ms) ${results.get(1000)! < 200 ? 'OK' : 'OVER'}`);
  console.log(`5,000 / 1,000 nodes: ${ratio.toFixed(2)}× (target ≤ 6×, linear = 5×) ${ratio <= 6 ? 'OK' : 'OVER'}`);
}
