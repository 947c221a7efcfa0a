/**
 * `npx tsx tests/bench/validate.bench.ts`: validate on topologies of 1,000 and 5,000 nodes (the
 * topologies of ./topologies.ts). Reports the median of several runs and the 5,000 / 1,000 ratio.
 * Targets: under 100 ms at 5,000 nodes; linear (5× the nodes, at most 6× the time).
 */
import { validate } from '../../src/validate/index.ts';
import { assertAccepted, benchTopology } from './topologies.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(size: number): { ms: number; diagnostics: number } {
  const topology = benchTopology(size);
  assertAccepted(topology);
  for (let i = 0; i < 3; i++) validate(topology); // warm up
  const times: number[] = [];
  let diagnostics = 0;
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    diagnostics = validate(topology).length;
    times.push(performance.now() - start);
  }
  return { ms: median(times), diagnostics };
}

{
  const results = new Map<number, number>();
  console.log('| nodes | ms per validate (median) | diagnostics |');
  console.log('|---:|---:|---:|');
  for (const size of [1000, 5000]) {
    const { ms, diagnostics } = measure(size);
    results.set(size, ms);
    console.log(`| ${size.toLocaleString('en')} | ${ms.toFixed(1)} | ${diagnostics} |`);
  }
  const at5000 = results.get(5000)!;
  const ratio = at5000 / results.get(1000)!;
  console.log(`\n5,000 nodes: ${at5000.toFixed(1)} ms (target < 100 ms) ${at5000 < 100 ? 'OK' : 'OVER'}`);
  console.log(`5,000 / 1,000 nodes: ${ratio.toFixed(2)}× (target ≤ 6×, linear = 5×) ${ratio <= 6 ? 'OK' : 'OVER'}`);
}
