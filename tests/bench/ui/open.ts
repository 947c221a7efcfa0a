/**
 * Opening a large share link: a fresh page (no autosave) loaded at `<page>#v1.<benchTopology(n)>`, with
 * `window.confirm` answering yes at once (a topology of more than 1,000 nodes asks first, and a person's
 * click on OK is not the page's work). From before the page's scripts run, a PerformanceObserver of
 * long tasks (`{ type: 'longtask', buffered: true }`) records every main-thread task over 50 ms, until
 * the canvas shows the topology's nodes and the files are listed, and the page has been idle since
 * (30 frames in a row under 25 ms). The longest task is the longest the page did not answer.
 */
import type { Page } from '@playwright/test';
import { settle } from './drag.ts';

export const OPEN_PROBE = `
  window.confirm = () => true;
  window.__longTasks = [];
  window.__moduleScripts = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries())
        for (const s of frame.scripts || []) if (s.invokerType === 'module-script') window.__moduleScripts.push(s.duration);
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
`;

declare global {
  interface Window {
    __longTasks: { start: number; duration: number }[];
    /**
     * How long each module script took to run, from the Long Animation Frames entries (frames over 50 ms) that hold
     * one: a page's own start is mostly its entry chunk's evaluation. Under this bench's inspector (Playwright enables
     * the Runtime domain) that includes V8's detailed stack traces of the Errors React DOM makes as it loads, which
     * re-parse the chunk for its source positions: a person without DevTools open does not pay it (README "UI
     * benchmark"). Read without a profiler, which hides it.
     */
    __moduleScripts: number[];
  }
}

export interface OpenResult {
  /** The longest main-thread task, ms. */
  longest: number;
  /** All long tasks' time, summed. */
  total: number;
  count: number;
  /** From navigation start: the first node of the link on the canvas; the files listed. */
  canvasAt: number;
  filesAt: number;
}

/** The page is at the link: waits until it shows it and reports the long tasks on the way. */
export async function openedLink(page: Page, name: string): Promise<OpenResult> {
  // The link's topology is on the canvas once the toolbar names it and a node is drawn.
  await page.locator('.topology-name', { hasText: name }).waitFor({ timeout: 120_000 });
  await page.locator('.react-flow__node').first().waitFor({ state: 'attached', timeout: 120_000 });
  const canvasAt = await page.evaluate(() => performance.now());
  // A file of the link's own (the sample the page starts with has a gw-1, not a gw-1-1).
  await page
    .getByRole('tab', { name: /^nodes\/gw-1-1\// })
    .first()
    .waitFor({ state: 'attached', timeout: 120_000 });
  const filesAt = await page.evaluate(() => performance.now());
  await settle(page, 120_000);
  const tasks = await page.evaluate(() => window.__longTasks);
  return {
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
    total: tasks.reduce((sum, t) => sum + t.duration, 0),
    count: tasks.length,
    canvasAt,
    filesAt,
  };
}
