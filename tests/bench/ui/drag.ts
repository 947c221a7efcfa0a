/**
 * Opens a built page in headless Chromium with its graph seeded in localStorage, drags one node with
 * the mouse several times, and reports the frame times seen during the drags (the deltas between
 * requestAnimationFrame callbacks, recorded in the page from before its own scripts run).
 */
import type { Browser, Page } from '@playwright/test';

export const VIEWPORT = { width: 1440, height: 900 };
const DRAGS = 3;
/** Mouse moves per drag, at 60 Hz: a 2 s drag. */
const STEPS = 120;
const STEP_MS = 1000 / 60;
/** The drag draws a closed loop this wide and tall (screen pixels), ending where it began. */
const LOOP = { width: 160, height: 100 };
const IDLE_TIMEOUT_MS = 15_000;

export interface PageSetup {
  url: string;
  /** localStorage entries written before the page's scripts run. */
  storage: Record<string, string>;
  /** A script run before the page's own (a string: see below). */
  probe?: string;
  /** Resolves when the page is ready to be dragged on (its graph shown, its startup work done). */
  ready(page: Page): Promise<void>;
}

export interface DragResult {
  /** Frame deltas (ms) during the drags, in order. */
  frames: number[];
  p95: number;
  mean: number;
}

declare global {
  interface Window {
    __frames: number[];
  }
}

export async function withPage<T>(browser: Browser, setup: PageSetup, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const errors: string[] = [];
  try {
    // A string, not a function: tsx would wrap the function's inner functions in a helper the page lacks.
    await context.addInitScript(`
      for (const [key, value] of Object.entries(${JSON.stringify(setup.storage)})) localStorage.setItem(key, value);
      window.__frames = [];
      requestAnimationFrame(function tick(time) {
        window.__frames.push(time);
        requestAnimationFrame(tick);
      });
      ${setup.probe ?? ''}
    `);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && errors.push(`console error: ${message.text()}`));
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    page.on('response', (response) => response.status() >= 400 && errors.push(`HTTP ${response.status()}: ${response.url()}`));
    await page.goto(setup.url);
    await setup.ready(page);
    const result = await run(page);
    if (errors.length) throw new Error(`${setup.url}:\n  ${errors.join('\n  ')}`);
    return result;
  } finally {
    await context.close();
  }
}

/** The centre of node `id` on screen, checked to be the node a click there reaches. */
export async function nodeCentre(page: Page, id: string): Promise<{ x: number; y: number }> {
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  const box = await node.boundingBox();
  if (!box) throw new Error(`node ${id} is not on screen`);
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const hit = await page.evaluate(
    ({ x, y }) => document.elementFromPoint(x, y)?.closest('.react-flow__node')?.getAttribute('data-id'),
    centre,
  );
  if (hit !== id) throw new Error(`the centre of node ${id} is covered by ${hit ?? 'something else'}`);
  return centre;
}

/** Waits until 30 frames in a row take under 1.5 frames each: the page's startup or drop work is done. */
export async function settle(page: Page, timeout = IDLE_TIMEOUT_MS): Promise<void> {
  await page.waitForFunction(
    () => {
      const f = window.__frames;
      if (f.length < 31) return false;
      for (let i = f.length - 30; i < f.length; i++) if (f[i]! - f[i - 1]! > 25) return false;
      return true;
    },
    undefined,
    { timeout, polling: 100 },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Drags node `id` around a closed loop DRAGS times; the frames between each press and release count. */
export async function dragFrames(page: Page, id: string): Promise<DragResult> {
  const frames: number[] = [];
  for (let drag = 0; drag < DRAGS; drag++) {
    await settle(page);
    const { x, y } = await nodeCentre(page, id);
    await page.mouse.move(x, y);
    const start = await page.evaluate(() => performance.now());
    await page.mouse.down();
    // The moves go at 60 Hz whether or not the page keeps up, as a hand moves a mouse: none waits for
    // the page to handle the one before (Chromium coalesces the moves a busy page has not read yet).
    const begun = Date.now();
    const moves: Promise<void>[] = [];
    for (let step = 1; step <= STEPS; step++) {
      const wait = begun + step * STEP_MS - Date.now();
      if (wait > 0) await sleep(wait);
      const angle = (2 * Math.PI * step) / STEPS;
      moves.push(page.mouse.move(x + (LOOP.width / 2) * Math.sin(angle), y + (LOOP.height / 2) * (1 - Math.cos(angle))));
    }
    await Promise.all(moves);
    // React Flow marks the node it is dragging; without it, the frames measured would be of no drag.
    const dragging = await page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((node) => node.classList.contains('dragging'));
    if (!dragging) throw new Error(`the mouse did not drag node ${id}`);
    const end = await page.evaluate(() => performance.now());
    await page.mouse.up();
    const times = await page.evaluate(() => window.__frames);
    for (let i = 1; i < times.length; i++) if (times[i]! > start && times[i]! <= end) frames.push(times[i]! - times[i - 1]!);
  }
  await settle(page);
  return { frames, p95: percentile(frames, 0.95), mean: frames.reduce((sum, f) => sum + f, 0) / frames.length };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
