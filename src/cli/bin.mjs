#!/usr/bin/env node
// The `apim-topology` command. It runs dist-cli/apim-topology.mjs: src/cli/main.ts and all it imports, bundled by
// esbuild (build.mjs) into plain JavaScript that needs no npm package, so it starts in a fraction of a second.
// `npm pack` builds it (the prepack script). In a checkout, the build lists its sources (dist-cli/sources.json); when
// the build is missing (after `npm ci`) or a source is newer (src/ was edited), this file rebuilds it first, in under a
// second with esbuild from the dev dependencies, so the command always runs what would ship. The packed package holds
// no sources.json, so an installed command checks nothing.
import { readFileSync, statSync } from 'node:fs';

// A reader that stops early (`apim-topology validate t.json | head -1`) closes the pipe: what is left to print is
// dropped, as Unix tools do, and the command still ends with its own exit code (what `set -o pipefail` reports),
// never with a stack trace of the failed write.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

const root = new URL('../../', import.meta.url);
const bundle = new URL('dist-cli/apim-topology.mjs', root);

function stale() {
  let built;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  let sources;
  try {
    sources = JSON.parse(readFileSync(new URL('dist-cli/sources.json', root), 'utf8'));
  } catch {
    return false;
  }
  return sources.some((path) => {
    try {
      return statSync(new URL(path, root)).mtimeMs > built;
    } catch {
      return true; // a source was moved or deleted
    }
  });
}

if (stale()) {
  try {
    const { buildCli } = await import('./build.mjs');
    await buildCli();
  } catch (error) {
    process.stderr.write(
      `apim-topology: dist-cli/apim-topology.mjs is missing or older than src/, and building it failed (run npm run build:cli): ${
        String(error?.message ?? error).split('\n')[0]
      }\n`,
    );
    process.exit(2);
  }
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
