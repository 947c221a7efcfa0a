/**
 * `npm run bench`: generateBundle on topologies of 10, 100, 1,000 and 5,000 nodes (./topologies.ts).
 * Targets: under 200 ms at 1,000 nodes; linear (5,000 / 1,000 nodes at most 6×).
 *
 * Each size runs on its own after two warm-up runs, and the table gives the median and the range: on a
 * shared 2-core VM single runs vary by a third or more. (Alternating the sizes was tried: each 1,000-node
 * run then pays for the 5,000-node run's garbage.)
 */
import { generateBundle } from '../../src/generate/index.ts';
import type { Topology } from '../../src/model/index.ts';
import { assertAccepted, benchTopology } from './topologies.ts';

interface Size {
  nodes: number;
  topology: Topology;
  times: number[];
  files: number;
  bytes: number;
}

function size(nodes: number): Size {
  const topology = benchTopology(nodes);
  assertAccepted(topology);
  const bundle = generateBundle(topology); // warm up, and the output's size
  generateBundle(topology);
  return { nodes, topology, times: [], files: bundle.files.length, bytes: bundle.files.reduce((sum, f) => sum + f.content.length, 0) };
}

function run(s: Size): void {
  const start = performance.now();
  generateBundle(s.topology);
  s.times.push(performance.now() - start);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const RUNS = new Map([[10, 25], [100, 25], [1000, 15], [5000, 7]]);
const sizes = [...RUNS.keys()].map((nodes) => {
  const s = size(nodes);
  for (let i = 0; i < RUNS.get(nodes)!; i++) run(s);
  return s;
});
const [small, large] = [sizes.slice(0, 2), sizes.slice(2)];

console.log('| nodes | ms per topology (median) | range | files | output |');
console.log('|---:|---:|---:|---:|---:|');
for (const s of [...small, ...large]) {
  const range = `${Math.min(...s.times).toFixed(1)}–${Math.max(...s.times).toFixed(1)}`;
  console.log(`| ${s.nodes.toLocaleString('en')} | ${median(s.times).toFixed(1)} | ${range} | ${s.files} | ${(s.bytes / 1024 / 1024).toFixed(2)} MB |`);
}
const [thousand, fiveThousand] = large.map((s) => median(s.times));
const ratio = fiveThousand / thousand;
console.log(`\n1,000 nodes: ${thousand.toFixed(1)} ms (target < 200 ms) ${thousand < 200 ? 'OK' : 'OVER'}`);
console.log(`5,000 / 1,000 nodes: ${ratio.toFixed(2)}× (target ≤ 6×, linear = 5×) ${ratio <= 6 ? 'OK' : 'OVER'}`);
