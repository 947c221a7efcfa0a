/**
 * `npm run bench`: generateBundle on topologies of 10, 100, 1,000 and 5,000 nodes (./topologies.ts).
 * Targets: at most 60 ms at 1,000 nodes; linear (5,000 / 1,000 nodes at most 5.5×).
 * Beside them, what the bundle's files over 128 KiB cost to create as strings on this machine (largeStrings).
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
 * documents (as plain objects), with generation's ratio to each; the text floor (the bundle's own lines made and
 * joined, nothing computed: textFloor); and an incremental update
 * (IncrementalGenerator) after a one-field edit: a gateway's label or its offset, alternating between two values.
 */
import { stringify as tomlStringify } from 'smol-toml';
import { IncrementalGenerator, generateBundle, generationContext, nodeDocument, toPlain } from '../../src/generate/index.ts';
import type { TomlDocument } from '../../src/generate/index.ts';
import { filePart, generationWork } from '../../src/generate/bundle.ts';
import type { FileOwner } from '../../src/generate/bundle.ts';
import { networkFiles } from '../../src/generate/networkFiles.ts';
import { runbook } from '../../src/generate/runbook.ts';
import { hostsFile } from '../../src/generate/hosts.ts';
import { topologySvg } from '../../src/generate/svg.ts';
import type { Topology } from '../../src/model/index.ts';
import { buildGraph, isApimNode, serializeTopology } from '../../src/model/index.ts';
import { validate } from '../../src/validate/index.ts';
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

/**
 * An incremental update after a one-field edit of a gateway, alternating between two values: its label (its own file,
 * its load balancer's nginx.conf and the whole-topology files but the network files) or its offset (its cluster, the
 * clusters wired to it, and every whole-topology file).
 */
function incremental(s: Size, field: 'label' | 'offset'): { times: number[]; written: number } {
  const generator = new IncrementalGenerator();
  generator.update(s.topology);
  const at = s.topology.nodes.findIndex((n) => n.id === 'gw-3-2');
  const edited = (value: string | number): Topology => ({
    ...s.topology,
    nodes: s.topology.nodes.map((n, i) => (i === at ? { ...n, [field]: value } : n)),
  });
  const versions = field === 'label' ? [edited('Gateway 3.2'), edited('gw-3-2')] : [edited(3), edited(0)];
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

/**
 * The text floor: what making the bundle's characters alone costs on this machine, with nothing computed. Each line of
 * every file is made anew from its two halves (a template, as the writers make most of their lines) and joined into
 * its file's pieces, all kept until the run ends, as a bundle keeps its files. Generation is compared with it: the
 * rest is reading the topology, building the documents and checking what was written.
 */
function textFloor(s: Size): { chars: number; lines: number; made: number } {
  const files = generateBundle(s.topology).files.map((f) => (f.pieces ?? [f.content]).map((piece) => piece.split('\n')));
  const halves = files.map((pieces) => pieces.map((lines) => lines.map((l) => [l.slice(0, l.length >> 1), l.slice(l.length >> 1)])));
  let kept: string[][] = [];
  const made = timed(s.nodes >= 5000 ? 7 : 15, () => {
    kept = halves.map((pieces) =>
      pieces.map((lines) => {
        const out: string[] = [];
        for (const [a, b] of lines) out.push(`${a}${b}`);
        return out.join('\n');
      }),
    );
  });
  const chars = kept.reduce((sum, pieces) => pieces.reduce((n, piece) => n + piece.length, sum), 0);
  if (chars !== s.bytes) throw new Error(`the text floor made ${chars} characters, the bundle has ${s.bytes}`);
  const lines = files.reduce((sum, pieces) => pieces.reduce((n, piece) => n + piece.length - 1, sum), 0);
  return { chars, lines, made: Math.min(...made) };
}

console.log('\n| nodes | characters | lines | text floor: the lines made and joined, fastest ms | generate fastest ms | ratio |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const s of large) {
  const f = textFloor(s);
  const generate = Math.min(...s.times);
  const cells = [
    `${(f.chars / 1e6).toFixed(2)} M`,
    f.lines.toLocaleString('en'),
    f.made.toFixed(1),
    generate.toFixed(1),
    `${(generate / f.made).toFixed(1)}×`,
  ];
  console.log(`| ${s.nodes.toLocaleString('en')} | ${cells.join(' | ')} |`);
}

console.log("\n| nodes | incremental update, a gateway's | fastest ms | median ms | files written | full generation fastest ms |");
console.log('|---:|---|---:|---:|---:|---:|');
for (const s of large) {
  for (const field of ['label', 'offset'] as const) {
    const { times, written } = incremental(s, field);
    const cells = [
      field,
      Math.min(...times).toFixed(1),
      median(times).toFixed(1),
      `${written} of ${s.files - 3}`,
      Math.min(...s.times).toFixed(1),
    ];
    console.log(`| ${s.nodes.toLocaleString('en')} | ${cells.join(' | ')} |`);
  }
}

/**
 * What a large string costs on this machine, whatever builds it: V8 allocates a string over 128 KiB (its
 * kMaxRegularHeapObjectSize) in fresh memory of its own, whose first touch is a page fault per 4 KiB, where a smaller
 * one goes into the young generation's pages, already mapped. The bundle's files over 128 KiB are written again from
 * ready pieces of 32 KiB, once as whole strings and once as strings under 128 KiB each: the same characters copied
 * either way, so the difference is the fresh memory's cost.
 */
function largeStrings(s: Size): { files: number; chars: number; whole: number; small: number } {
  const big = generateBundle(s.topology).files.filter((f) => f.content.length > 128 * 1024);
  const PIECE = 32 * 1024;
  const pieces = big.map((f) =>
    Array.from({ length: Math.ceil(f.content.length / PIECE) }, (_, i) => f.content.slice(i * PIECE, (i + 1) * PIECE)),
  );
  const runs = s.nodes >= 5000 ? 7 : 15;
  let sink = 0;
  const whole = Math.min(...timed(runs, () => pieces.forEach((p) => (sink += p.join('').length))));
  const small = Math.min(
    ...timed(runs, () =>
      pieces.forEach((p) => {
        for (let i = 0; i < p.length; i += 3) sink += p.slice(i, i + 3).join('').length;
      }),
    ),
  );
  if (sink === 0) throw new Error('no large file');
  return { files: big.length, chars: big.reduce((sum, f) => sum + f.content.length, 0), whole, small };
}

console.log('\n| nodes | files over 128 KiB | their size | written whole: fastest ms | in strings under 128 KiB: fastest ms |');
console.log('|---:|---:|---:|---:|---:|');
for (const s of large) {
  const l = largeStrings(s);
  const cells = [l.files, `${(l.chars / 1024 / 1024).toFixed(2)} MB`, l.whole.toFixed(1), l.small.toFixed(1)];
  console.log(`| ${s.nodes.toLocaleString('en')} | ${cells.join(' | ')} |`);
}

/**
 * Where a full generation's time goes, part by part (each the fastest of its runs): validation; every node's own file
 * (the deployment.toml files written and read back, and the nginx.conf files); then each whole-topology file.
 */
function phases(s: Size): [string, number, number][] {
  const t = s.topology;
  const graph = buildGraph(t);
  const context = generationContext(t, graph);
  const owners: FileOwner[] = [
    ...t.nodes.filter(isApimNode).map((node) => ({ kind: 'deployment.toml' as const, node })),
    ...graph.nodesOfKind('identity-server').map((node) => ({ kind: 'identity-server' as const, node })),
    ...graph.nodesOfKind('load-balancer').map((node) => ({ kind: 'nginx.conf' as const, node })),
  ];
  const documents = new Map<string, TomlDocument>();
  let bytes = 0;
  const nodeFiles = () => {
    const fresh = generationContext(t, buildGraph(t));
    const work = generationWork();
    bytes = 0;
    for (const owner of owners) {
      const part = filePart(fresh, owner, work);
      if (part.document) documents.set(owner.node.id, part.document);
      bytes += part.file.content.length;
    }
  };
  const certificates = networkFiles(context, documents).certificates;
  const runs = s.nodes >= 5000 ? 7 : 15;
  const size = (text: string) => text.length;
  const parts: [string, () => number][] = [
    ['validation (the graph, every rule)', () => (validate(t, buildGraph(t)), 0)],
    ['deployment.toml and nginx.conf files', () => (nodeFiles(), bytes)],
    ['network.md, network.csv, certificates', () => networkFiles(context, documents).files.reduce((sum, f) => sum + f.content.length, 0)],
    ['README.md (the runbook)', () => size(runbook(context, [], 'https://example.com/#v1.x', certificates))],
    ['topology.json', () => size(serializeTopology(t))],
    ['topology.svg', () => size(topologySvg(t, {}, graph))],
    ['hosts', () => size(hostsFile(t))],
  ];
  return parts.map(([name, task]) => {
    let out = 0;
    const times = timed(runs, () => {
      out = task();
    });
    return [name, Math.min(...times), out];
  });
}

console.log('\n| part of a full generation | 1,000 nodes: fastest ms | output | 5,000 nodes: fastest ms | output |');
console.log('|---|---:|---:|---:|---:|');
const [thousandParts, fiveThousandParts] = large.map(phases);
const mb = (chars: number) => (chars > 100 ? `${(chars / 1024 / 1024).toFixed(2)} MB` : '');
for (const [i, [name, ms, out]] of (thousandParts ?? []).entries()) {
  const [, ms5, out5] = fiveThousandParts?.[i] ?? ['', NaN, 0];
  console.log(`| ${name} | ${ms.toFixed(1)} | ${mb(out)} | ${ms5.toFixed(1)} | ${mb(out5)} |`);
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
