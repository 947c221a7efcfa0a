/**
 * `npm run bench`: generateBundle on topologies of 10, 100, 1,000 and 5,000 nodes (./topologies.ts).
 * Targets: at most 60 ms at 1,000 nodes; linear (5,000 / 1,000 nodes at most 5.5×).
 *
 * Each size runs on its own after two warm-up runs (alternating the sizes was tried: each 1,000-node
 * run then pays for the 5,000-node run's garbage). On a shared 2-core VM other tenants' load only ever
 * adds time, in bursts that can double a run, so the targets are judged on the fastest run of each size,
 * the estimator of the code's own cost that Chen and Revels argue for ("Robust benchmarking in noisy
 * environments", 2016; BenchmarkTools.jl's default). The median and the slowest run are printed beside
 * it, and the median is judged too, so a busy machine shows as such rather than hiding. The process CPU time of
 * the fastest run is printed too (it includes V8's garbage collector threads, so it can exceed the wall time).
 *
 * Beside it, the serialization floor: JSON.stringify and smol-toml's stringify of the same deployment.toml
 * documents (as plain objects), with generation's ratio to each; and an incremental update
 * (IncrementalGenerator) after a one-field edit: a gateway's label, alternating between two values.
 */
import { stringify as tomlStringify } from 'smol-toml';
import { IncrementalGenerator, generateBundle, generationContext, nodeDocument, toPlain } from '../../src/generate/index.ts';
import type { Topology } from '../../src/model/index.ts';
import { isApimNode } from '../../src/model/index.ts';
import { assertAccepted, benchTopology } from './topologies.ts';

interface Size {
  nodes: number;
  topology: Topology;
  times: number[];
  /** Process CPU time of each run: what other tenants' load does not add to (their waits are not ours). */
  cpu: number[];
  files: number;
  bytes: number;
}

function size(nodes: number): Size {
  const topology = benchTopology(nodes);
  assertAccepted(topology);
  const bundle = generateBundle(topology); // warm up, and the output's size
  generateBundle(topology);
  return {
    nodes,
    topology,
    times: [],
    cpu: [],
    files: bundle.files.length,
    bytes: bundle.files.reduce((sum, f) => sum + f.content.length, 0),
  };
}

function run(s: Size): void {
  const start = performance.now();
  const cpu = process.cpuUsage();
  generateBundle(s.topology);
  const used = process.cpuUsage(cpu);
  s.times.push(performance.now() - start);
  s.cpu.push((used.user + used.system) / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(runs: number, task: () => void): number[] {
  task(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    task();
    times.push(performance.now() - start);
  }
  return times;
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

/** The floor: the same documents as plain objects, written by JSON.stringify and by smol-toml. */
function floor(s: Size): { json: number; toml: number } {
  const context = generationContext(s.topology);
  const plains = s.topology.nodes.filter(isApimNode).map((node) => toPlain(nodeDocument(context, node)));
  const runs = s.nodes >= 5000 ? 7 : 15;
  return {
    json: Math.min(...timed(runs, () => plains.forEach((p) => JSON.stringify(p)))),
    toml: Math.min(...timed(runs, () => plains.forEach((p) => tomlStringify(p)))),
  };
}

/** An incremental update after a one-field edit: a gateway's label, alternating between two values. */
function incremental(s: Size): { times: number[]; written: number } {
  const generator = new IncrementalGenerator();
  generator.update(s.topology);
  const at = s.topology.nodes.findIndex((n) => n.id === 'gw-3-2');
  const edited = (label: string): Topology => ({
    ...s.topology,
    nodes: s.topology.nodes.map((n, i) => (i === at ? { ...n, label } : n)),
  });
  const versions = [edited('Gateway 3.2'), edited('gw-3-2')];
  let i = 0;
  const times = timed(s.nodes >= 5000 ? 11 : 21, () => generator.update(versions[i++ % 2]!));
  return { times, written: generator.written };
}

console.log('| nodes | fastest ms | median ms | slowest ms | fastest CPU ms | files | output |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const s of [...small, ...large]) {
  const cells = [Math.min(...s.times), median(s.times), Math.max(...s.times), Math.min(...s.cpu)].map((ms) => ms.toFixed(1));
  console.log(`| ${s.nodes.toLocaleString('en')} | ${cells.join(' | ')} | ${s.files} | ${(s.bytes / 1024 / 1024).toFixed(2)} MB |`);
}

console.log('\n| nodes | generate fastest ms | JSON.stringify ms | ratio | smol-toml stringify ms | ratio |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const s of large) {
  const f = floor(s);
  const generate = Math.min(...s.times);
  const cells = [
    generate.toFixed(1),
    f.json.toFixed(1),
    `${(generate / f.json).toFixed(1)}×`,
    f.toml.toFixed(1),
    `${(generate / f.toml).toFixed(1)}×`,
  ];
  console.log(`| ${s.nodes.toLocaleString('en')} | ${cells.join(' | ')} |`);
}

console.log('\n| nodes | incremental update, one field: fastest ms | median ms | files written | full generation fastest ms |');
console.log('|---:|---:|---:|---:|---:|');
for (const s of large) {
  const { times, written } = incremental(s);
  const cells = [Math.min(...times).toFixed(1), median(times).toFixed(1), `${written} of ${s.files - 3}`, Math.min(...s.times).toFixed(1)];
  console.log(`| ${s.nodes.toLocaleString('en')} | ${cells.join(' | ')} |`);
}

const verdict = (ok: boolean) => (ok ? 'OK' : 'OVER');
for (const [name, pick] of [
  ['fastest', (times: number[]) => Math.min(...times)],
  ['median', median],
] as const) {
  const [thousand, fiveThousand] = large.map((s) => pick(s.times));
  if (thousand === undefined || fiveThousand === undefined) throw new Error('the 1,000 and 5,000 node runs are missing');
  const ratio = fiveThousand / thousand;
  console.log(`\n${name}: 1,000 nodes ${thousand.toFixed(1)} ms (target ≤ 60 ms) ${verdict(thousand <= 60)}`);
  console.log(`${name}: 5,000 / 1,000 nodes ${ratio.toFixed(2)}× (target ≤ 5.5×, linear = 5×) ${verdict(ratio <= 5.5)}`);
}
