/**
 * `npm run bench:ui`: the designer against a bare @xyflow/react page with the same 300 nodes and links
 * (./bare, built here), in headless Debian Chromium (`/usr/bin/chromium`, software rendering):
 *
 * - initial JavaScript, gzip: the entry chunk and its static imports (build manifest); dynamic imports
 *   (the generation core, the highlighter, the zip writer) load later and do not count. Target: the
 *   app at most 1.3× the bare page.
 * - frame time while dragging a node: p95 of the requestAnimationFrame deltas between mouse down and
 *   up, over 3 drags of 2 s each (120 mouse moves at 60 Hz that do not wait for the page); the median
 *   of the rounds, the pages alternating. Target: the app at most 1.2× the bare page. Frames come at
 *   vsync, so a p95 is a multiple of 16.7 ms; the mean frame time is printed beside it.
 *
 * A benchmark, not a test: it exits 0 whether or not the targets are met, and non-zero only when
 * something fails (a build, a page error, a node that is not where it should be).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { buildApp, buildBare, initialJs } from './build.ts';
import type { InitialJs } from './build.ts';
import { serve } from './serve.ts';
import type { Served } from './serve.ts';
import { dragFrames, median, withPage } from './drag.ts';
import type { PageSetup } from './drag.ts';
import { AUTOSAVE_KEY, BARE_KEY, DRAGGED, NODES, autosaveOf, bareGraphOf, benchGraph } from './graph.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const ROUNDS = 5;
const TARGET = { js: 1.3, frame: 1.2 };

/** Every node of the graph is drawn, and the dragged one is on screen. */
async function graphShown(page: Page): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${DRAGGED}"]`).waitFor({ state: 'visible' });
  const count = await page.locator('.react-flow__node').count();
  if (count !== NODES) throw new Error(`${page.url()}: ${count} nodes on the canvas, expected ${NODES}`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'apim-bench-ui-'));
  const servers: Served[] = [];
  let browser: Browser | undefined;
  try {
    const started = Date.now();
    const appDir = join(work, 'app');
    const bareDir = join(work, 'bare');
    await buildApp(appDir);
    await buildBare(bareDir);
    const js: Record<'app' | 'bare', InitialJs> = { app: initialJs(appDir), bare: initialJs(bareDir) };
    const [appServer, bareServer] = [await serve(appDir), await serve(bareDir)];
    servers.push(appServer, bareServer);

    const topology = benchGraph();
    const app: PageSetup = {
      url: appServer.url,
      storage: { [AUTOSAVE_KEY]: autosaveOf(topology) },
      async ready(page) {
        await graphShown(page);
        // The generation core has loaded and the files of all 300 nodes are shown.
        await page.getByRole('tablist', { name: 'Generated files' }).getByRole('tab').first().waitFor({ state: 'visible' });
      },
    };

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    // The bare page gets a canvas the size of the app's, so fitView gives both the same zoom.
    const canvas = await withPage(browser, app, async (page) => (await page.locator('.react-flow').boundingBox())!);
    const bare: PageSetup = {
      url: bareServer.url,
      storage: {
        [BARE_KEY]: JSON.stringify(bareGraphOf(topology, { width: Math.round(canvas.width), height: Math.round(canvas.height) })),
      },
      ready: graphShown,
    };

    const p95s: Record<'app' | 'bare', number[]> = { app: [], bare: [] };
    const means: Record<'app' | 'bare', number[]> = { app: [], bare: [] };
    const frames: Record<'app' | 'bare', number> = { app: 0, bare: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // ABBA order, so a drift in the machine's speed weighs on both pages alike.
      const order = round % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
      for (const name of order) {
        const result = await withPage(browser, name === 'app' ? app : bare, (page) => dragFrames(page, DRAGGED));
        p95s[name].push(result.p95);
        means[name].push(result.mean);
        frames[name] += result.frames.length;
      }
    }

    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    const p95 = { app: median(p95s.app), bare: median(p95s.bare) };
    const row = (name: 'app' | 'bare', title: string) =>
      `| ${title} | ${kb(js[name].gzipBytes)} | ${kb(js[name].lazyGzipBytes)} | ${p95[name].toFixed(1)} | ${median(means[name]).toFixed(1)} | ${p95s[name].map((v) => v.toFixed(1)).join(', ')} |`;
    const verdict = (ratio: number, target: number) => `${ratio.toFixed(2)}× (target ≤ ${target}×) ${ratio <= target ? 'OK' : 'OVER'}`;
    console.log(
      `UI benchmark: ${NODES} nodes, ${topology.links.length} links; dragging ${DRAGGED}, ${ROUNDS} rounds; canvas ${Math.round(canvas.width)}×${Math.round(canvas.height)}; ${CHROMIUM}, software rendering\n`,
    );
    console.log('| page | initial JS gzip KB | lazy JS gzip KB | drag frame p95 ms | drag frame mean ms | p95 per round |');
    console.log('|---|---:|---:|---:|---:|---|');
    console.log(row('app', 'designer'));
    console.log(row('bare', 'bare React Flow'));
    console.log(`\ninitial JS, designer / bare: ${verdict(js.app.gzipBytes / js.bare.gzipBytes, TARGET.js)}`);
    console.log(`drag frame p95, designer / bare: ${verdict(p95.app / p95.bare, TARGET.frame)}`);
    console.log(`drag frame mean, designer / bare: ${(median(means.app) / median(means.bare)).toFixed(2)}× (no target)`);
    console.log(`\n(${frames.app} and ${frames.bare} frames measured; ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:ui failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
