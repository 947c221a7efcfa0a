/**
 * The opening measured as a person's browser runs it: Chromium launched as a plain process with no inspector attached.
 * Playwright enables the inspector's Runtime domain on every page, and with it V8 captures a detailed stack trace of
 * every new Error, for which it re-parses the script for source positions: React DOM makes four Errors as it loads,
 * so under Playwright a page's start carries a re-parse of its whole first chunk that nobody without DevTools open
 * pays (README "UI benchmark"). Here the probe is put first in the page's index.html by the server, and the page
 * posts its long tasks back once it shows the link's topology and its files and has been idle since.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPEN_PROBE } from './open.ts';
import { serve } from './serve.ts';

/**
 * OPEN_PROBE's observers (the same script), then openedLink's waiting, in the page: `?bench-name=` is the topology's
 * name (the toolbar shows it once the link is open), `?bench-wait=` the start of a file tab's name to wait for.
 */
const PLAIN_PROBE = `<script>${OPEN_PROBE}
  const params = new URLSearchParams(location.search);
  const wanted = params.get('bench-wait') || '';
  const name = params.get('bench-name') || '';
  let canvasAt = 0;
  let filesAt = 0;
  (function poll() {
    // The link's topology on the canvas: the toolbar names it and a node is drawn (the sample is drawn before it).
    const named = (document.querySelector('.topology-name')?.textContent || '').includes(name);
    if (!canvasAt && named && document.querySelector('.react-flow__node')) canvasAt = performance.now();
    if (canvasAt && !filesAt && [...document.querySelectorAll('[role=tab]')].some((t) => (t.textContent || '').startsWith(wanted))) filesAt = performance.now();
    if (!filesAt) return void setTimeout(poll, 50);
    let quiet = 0;
    let last = performance.now();
    requestAnimationFrame(function frame(t) {
      quiet = t - last < 25 ? quiet + 1 : 0;
      last = t;
      if (quiet < 30) return void requestAnimationFrame(frame);
      const tasks = window.__longTasks.map((e) => e.duration);
      const body = { longest: Math.max(0, ...tasks), total: tasks.reduce((a, b) => a + b, 0), count: tasks.length, module: Math.max(0, ...window.__moduleScripts), canvasAt, filesAt };
      fetch('/__bench-result', { method: 'POST', body: JSON.stringify(body) });
    });
  })();
</script>`;

export interface PlainOpen {
  longest: number;
  total: number;
  count: number;
  /** The longest module script's run (frames over 50 ms only; 0 when none). */
  module: number;
  canvasAt: number;
  filesAt: number;
}

/** Opens `fragment` (a share link's `#…`, of topology `name`) on the built page in `dir`, once per round, a fresh Chromium each time. */
export async function plainOpenings(
  dir: string,
  fragment: string,
  name: string,
  waitForTab: string,
  rounds: number,
  chromium: string,
  args: readonly string[],
): Promise<PlainOpen[]> {
  let deliver: (body: string) => void = () => undefined;
  const server = await serve(dir, { inject: PLAIN_PROBE, onResult: (body) => deliver(body) });
  const results: PlainOpen[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      process.stderr.write(`open, no inspector: round ${round + 1}\n`);
      const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
      const posted = new Promise<string>((resolve) => (deliver = resolve));
      const url = `${server.url}?bench-name=${encodeURIComponent(name)}&bench-wait=${encodeURIComponent(waitForTab)}${fragment}`;
      const browser = spawn(chromium, [...args, '--headless', `--user-data-dir=${profile}`, '--window-size=1280,800', url], {
        stdio: 'ignore',
        // Its own process group: the renderer and GPU processes end with it (they write to the profile until they do).
        detached: true,
      });
      let timer: NodeJS.Timeout | undefined;
      try {
        const body = await Promise.race([
          posted,
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the page posted nothing in 120 s')), 120_000))),
        ]);
        results.push(JSON.parse(body) as PlainOpen);
      } finally {
        clearTimeout(timer);
        if (browser.exitCode === null && browser.signalCode === null && browser.pid !== undefined) {
          const exited = new Promise((resolve) => browser.once('exit', resolve));
          process.kill(-browser.pid, 'SIGKILL');
          await exited;
        }
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      }
    }
  } finally {
    await server.close();
  }
  return results;
}
