/**
 * `npm run bench:baseline`: a full generation at 1,000 nodes by this checkout's code and by the code of the commit
 * before issue 21's first change (BASELINE: the code the issue measured at 147 ms when it set its 60 ms target), on
 * the same machine, turn about. Machines differ and a VM's speed moves from hour to hour, so a number taken on
 * another day says little; the two codes side by side say how much faster generation has become, and how much of
 * today's time is the bundle having grown since (issue 20 added network.md, network.csv and topology.svg).
 *
 * Each code is bundled by esbuild from its own sources (the baseline's read out of git with `git archive`, so this
 * needs the repository's history) with this checkout's npm packages, whose runtime versions it shares. Each process
 * builds `benchTopology(1000)` of its own tree, warms up, then times ROUNDS_PER_PROCESS generations; the processes
 * alternate, PROCESSES of each.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The commit before issue 21's first change (eb495e7, generation in a Web Worker). */
const BASELINE = '0332c0b240d3a5aaa7fc1359c6548d0847867e9f';
const NODES = 1000;
const PROCESSES = 4;
const ROUNDS_PER_PROCESS = 21;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What one process prints: its times and the bundle it made. */
interface Sample {
  times: number[];
  files: number;
  chars: number;
}

/** The runner, resolved from a tree's root: the same code for both, only the tree's sources differ. */
const RUNNER = `
import { generateBundle } from './src/generate/index.ts';
import { benchTopology } from './tests/bench/topologies.ts';
const topology = benchTopology(${NODES});
let bundle = generateBundle(topology);
generateBundle(topology);
const times = [];
for (let i = 0; i < ${ROUNDS_PER_PROCESS}; i++) {
  const start = performance.now();
  bundle = generateBundle(topology);
  times.push(performance.now() - start);
}
const chars = bundle.files.reduce((sum, f) => sum + f.content.length, 0);
console.log(JSON.stringify({ times, files: bundle.files.length, chars }));
`;

async function bundleRunner(tree: string, outfile: string): Promise<void> {
  await build({
    stdin: { contents: RUNNER, resolveDir: tree, loader: 'ts', sourcefile: 'baseline-runner.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'warning',
  });
}

function sample(script: string): Sample {
  return JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })) as Sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'apim-baseline-bench-'));
try {
  const baselineTree = join(dir, 'baseline');
  try {
    const archive = execFileSync('git', ['archive', '--format=tar', `--prefix=baseline/`, BASELINE, 'src', 'tests/bench/topologies.ts'], {
      cwd: ROOT,
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  } catch (error) {
    throw new Error(
      `bench:baseline reads commit ${BASELINE.slice(0, 7)} out of this repository's history, and could not: ${String(error)}. ` +
        'Run it in a full clone (not a shallow one).',
    );
  }
  const scripts = { baseline: join(dir, 'baseline.mjs'), now: join(dir, 'now.mjs') };
  await bundleRunner(baselineTree, scripts.baseline);
  await bundleRunner(ROOT, scripts.now);

  const samples: Record<keyof typeof scripts, Sample[]> = { baseline: [], now: [] };
  for (let i = 0; i < PROCESSES; i++) {
    for (const code of ['baseline', 'now'] as const) {
      const s = sample(scripts[code]);
      samples[code].push(s);
      console.log(`${code}, process ${i + 1}: fastest ${Math.min(...s.times).toFixed(1)} ms, median ${median(s.times).toFixed(1)} ms`);
    }
  }

  const rows = (['baseline', 'now'] as const).map((code) => {
    const all = samples[code].flatMap((s) => s.times);
    const { files, chars } = samples[code][0]!;
    return { code, fastest: Math.min(...all), median: median(all), files, mb: chars / 1024 / 1024 };
  });
  const [then, now] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const label = { baseline: `issue 21's baseline (${BASELINE.slice(0, 7)})`, now: 'this checkout' };
  console.log(
    `\nA full generation at ${NODES.toLocaleString('en')} nodes, ${PROCESSES} processes of each, turn about, ${ROUNDS_PER_PROCESS} runs a process\n`,
  );
  console.log('| code | fastest ms | median ms | files | output | fastest ms per MB |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const cells = [r.fastest.toFixed(1), r.median.toFixed(1), r.files, `${r.mb.toFixed(2)} MB`, (r.fastest / r.mb).toFixed(1)];
    console.log(`| ${label[r.code]} | ${cells.join(' | ')} |`);
  }
  console.log(
    `\nthis checkout: ${(then.fastest / now.fastest).toFixed(2)}× as fast (fastest runs) on ${(now.mb / then.mb).toFixed(2)}× the output; ` +
      `the 60 ms target is ${(then.fastest / 60).toFixed(2)}× as fast as the baseline's fastest run here`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
