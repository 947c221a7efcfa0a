/**
 * `npm run bench`: generateBundle on topologies of 10, 100, 1,000 and 5,000 nodes (./topologies.ts).
 * Targets: under 200 ms at 1,000 nodes; linear (5,000 / 1,000 nodes at most 6×).
 *
 * Each size runs on its own after two warm-up runs (alternating the sizes was tried: each 1,000-node
 * run then pays for the 5,000-node run's garbage). On a shared 2-core VM other tenants' load only ever
 * adds time, in bursts that can double a run, so the targets are judged on the fastest run of each size,
 * the estimator of the code's own cost that Chen and Revels argue for ("Robust benchmarking in noisy
 * environments", 2016; BenchmarkTools.jl's default). The median and the slowest run are printed beside
 * it, and the median is judged too, so a busy machine shows as such rather than hiding.
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
  return sorted[Math.floor(sorted.length / 2)]!;
}

const RUNS = new Map([
  [10, 25],
  [100, 25],
  [1000, 21],
  [5000, 11],
]);
const sizes = [...RUNS.keys()].map((nodes) => {
  const s = size(nodes);
  for (let i = 0; i < RUNS.get(nodes)!; i++) run(s);
  return s;
});
const [small, large] = [sizes.slice(0, 2), sizes.slice(2)];

console.log('| nodes | fastest ms | median ms | slowest ms | files | output |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const s of [...small, ...large]) {
  const cells = [Math.min(...s.times), median(s.times), Math.max(...s.times)].map((ms) => ms.toFixed(1));
  console.log(`| ${s.nodes.toLocaleString('en')} | ${cells.join(' | ')} | ${s.files} | ${(s.bytes / 1024 / 1024).toFixed(2)} MB |`);
}
const verdict = (ok: boolean) => (ok ? 'OK' : 'OVER');
for (const [name, pick] of [
  ['fastest', (times: number[]) => Math.min(...times)],
  ['median', median],
] as const) {
  const [thousand, fiveThousand] = large.map((s) => pick(s.times));
  if (thousand === undefined || fiveThousand === undefined) throw new Error('the 1,000 and 5,000 node runs are missing');
  const ratio = fiveThousand / thousand;
  console.log(`\n${name}: 1,000 nodes ${thousand.toFixed(1)} ms (target < 200 ms) ${verdict(thousand < 200)}`);
  console.log(`${name}: 5,000 / 1,000 nodes ${ratio.toFixed(2)}× (target ≤ 6×, linear = 5×) ${verdict(ratio <= 6)}`);
}
