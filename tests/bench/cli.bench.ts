/**
 * `npm run bench:cli`: the wall time of the `apim-topology` command as a CI pipeline runs it, one process per call.
 * `validate` on the seed sample (public/examples/seed-sample.json), median of 10 after one warm-up, beside `node -e 0`
 * (the floor: Node starting and stopping), beside the same command installed from `npm pack` in an empty folder (as a
 * pipeline runs it: no source list to check) and beside the sources run through tsx, as the command ran before it was
 * compiled. Then, for information, `generate --out` on the 1,000-node topology of ./topologies.ts.
 * Target (issue 21): validate on the seed sample ≤ 0.4 s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeTopology } from '../../src/model/index.ts';
import { assertAccepted, benchTopology } from './topologies.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'src/cli/bin.mjs');
const SEED = join(ROOT, 'public/examples/seed-sample.json');
/** The command as it was: bin.mjs registering tsx and importing main.ts. */
const THROUGH_TSX = `import { register } from 'tsx/esm/api'; register();
const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds per run of `node …args`: one warm-up, then the median of `runs`. Every run must exit 0. */
function wall(args: string[], runs: number): { median: number; fastest: number } {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    const ms = performance.now() - start;
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    if (i > 0) times.push(ms);
  }
  return { median: median(times), fastest: Math.min(...times) };
}

const dir = mkdtempSync(join(tmpdir(), 'apim-cli-bench-'));
/** Packs the package and installs the tarball offline in an empty folder; returns the installed bin.mjs. */
function installPacked(): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, env, encoding: 'utf8' }));
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "pipeline", "version": "1.0.0", "private": true }\n');
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed[0].filename)], { cwd: app, env, stdio: 'ignore' });
  return join(app, 'node_modules/apim-topology-designer/src/cli/bin.mjs');
}

try {
  const installed = installPacked();
  // The first call builds dist-cli/ when it is missing or stale; the warm-up of the first row absorbs it.
  const rows: [string, { median: number; fastest: number }][] = [
    ['`node -e 0` (the floor)', wall(['-e', '0'], 10)],
    ['`apim-topology validate` seed sample', wall([BIN, 'validate', SEED], 10)],
    ['the same, installed from the tarball', wall([installed, 'validate', SEED], 10)],
    ['the same through tsx (before)', wall(['--input-type=module', '-e', THROUGH_TSX, 'validate', SEED], 10)],
  ];
  const big = benchTopology(1000);
  assertAccepted(big);
  const bigFile = join(dir, 'topology-1000.json');
  writeFileSync(bigFile, serializeTopology(big));
  rows.push(['`apim-topology generate --out` 1,000 nodes', wall([BIN, 'generate', bigFile, '--out', join(dir, 'out')], 5)]);

  console.log('| command | median ms | fastest ms |');
  console.log('|---|---:|---:|');
  for (const [name, t] of rows) console.log(`| ${name} | ${t.median.toFixed(0)} | ${t.fastest.toFixed(0)} |`);
  const floor = rows[0]![1].median;
  const validateMs = rows[1]![1].median;
  console.log(`\nvalidate on the seed sample: ${validateMs.toFixed(0)} ms, ${(validateMs - floor).toFixed(0)} ms above the floor`);
  console.log(`(target ≤ 400 ms) ${validateMs <= 400 ? 'OK' : 'OVER'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
