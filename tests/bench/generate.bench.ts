/**
 * `npm run bench`: generateBundle on topologies of 10, 100, 1,000 and 5,000 nodes.
 * On the topologies of ./topologies.ts. Reports the median of several runs, and the 5,000 / 1,000 ratio (linear: ≤ 6).
 */
import { generateBundle } from '../../src/generate/index.ts';
import { assertAccepted, benchTopology } from './topologies.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(size: number): { ms: number; files: number; bytes: number } {
  const topology = benchTopology(size);
  assertAccepted(topology);
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
