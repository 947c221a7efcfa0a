/**
 * Keystroke latency in the inspector: the designer opened on `benchTopology(n)` (seeded as its
 * autosave), one gateway selected on the canvas, its "Label" field focused, and characters typed one key
 * at a time, a key every KEY_GAP_MS as a quick typist does.
 *
 * - Per key, the time from the key press to the next painted frame. Measured with the Event Timing API
 *   (`PerformanceObserver({ type: 'event' })`): an entry's `duration` is from the event's timestamp to
 *   the next paint after its handlers ran, and the keydown, keypress, input and keyup of one key share
 *   an `interactionId`, so the longest of them is the key's latency. The API reports only events of
 *   16 ms or more; a key with no entry took less, and the page's own estimate stands for it (from the
 *   keydown's timestamp to a task queued by the next animation frame, which runs after that frame is
 *   painted).
 * - The time until the files show the edit: from the last key press to the DOM change that puts the new
 *   label into the file panel (a MutationObserver), once after a pause in typing (the inspector applies
 *   a typed label after a 700 ms pause, inspector/fields.tsx) and once after Enter.
 */
import type { Page } from '@playwright/test';
import { median, percentile } from './drag.ts';

/** Between two key presses: about 100 words a minute. */
const KEY_GAP_MS = 120;
/** Keys measured per round, after a few unmeasured ones that warm the page up. */
const KEYS = 24;
const WARMUP_KEYS = 4;
const FILES_TIMEOUT_MS = 20_000;

/**
 * The node typed into: the first gateway the canvas shows, else the first load balancer (a large canvas
 * draws only what is in view, and opens without fitting the view: the top rows are load balancers).
 */
export const KEYSTROKE_NODES = ['Gateway', 'Load Balancer'].map((kind) => `.react-flow__node[aria-label^="${kind} "]:visible`);

/** The page's probe, installed before its scripts run (a string: see drag.ts). */
export const KEYSTROKE_PROBE = `
  window.__keys = [];
  window.__events = [];
  addEventListener('keydown', (event) => {
    const key = { stamp: event.timeStamp, estimate: -1 };
    window.__keys.push(key);
    requestAnimationFrame(() => setTimeout(() => { key.estimate = performance.now() - key.stamp; }, 0));
  }, true);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__events.push({ name: e.name, start: e.startTime, duration: e.duration, id: e.interactionId ?? 0 });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {}
`;

export interface KeystrokeResult {
  /** Per measured key: key press to the next paint, ms. */
  latencies: number[];
  /** How many of them the Event Timing API measured (the others took under 16 ms). */
  timed: number;
  p95: number;
  median: number;
  /** Last key press → the files show the edit, after a pause in typing; and after Enter. */
  filesAfterPause: number;
  filesAfterEnter: number;
}

declare global {
  interface Window {
    __keys: { stamp: number; estimate: number }[];
    __events: { name: string; start: number; duration: number; id: number }[];
    __seen: Promise<number>;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves (in the page) with performance.now() when the file panel first contains `text`. */
async function watchFiles(page: Page, text: string): Promise<void> {
  // A string, not a function: tsx would wrap the inner functions in a helper the page lacks.
  await page.evaluate(`
    window.__seen = new Promise((resolve) => {
      const needle = ${JSON.stringify(text)};
      const has = () => document.querySelector('[role="tabpanel"]')?.textContent?.includes(needle) ?? false;
      if (has()) return resolve(performance.now());
      const observer = new MutationObserver(() => {
        if (!has()) return;
        observer.disconnect();
        resolve(performance.now());
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    undefined; // the page's answer: not the promise, which the benchmark waits for later
  `);
}

/** When the files showed the text (performance.now()), or NaN after FILES_TIMEOUT_MS. */
function seenAt(page: Page): Promise<number> {
  return page.evaluate(`Promise.race([window.__seen, new Promise((r) => setTimeout(() => r(NaN), ${FILES_TIMEOUT_MS}))])`);
}

async function typeKeys(page: Page, text: string): Promise<void> {
  for (const char of text) {
    const at = Date.now();
    await page.keyboard.press(char);
    const wait = KEY_GAP_MS - (Date.now() - at);
    if (wait > 0) await sleep(wait);
  }
}

/** Types into the selected node's Label field and measures; the page is ready (graph shown, files listed). */
export async function keystrokes(page: Page, round: number): Promise<KeystrokeResult> {
  const [gateway, lb] = KEYSTROKE_NODES.map((selector) => page.locator(selector).first());
  const node = (await gateway!.count()) > 0 ? gateway! : lb!;
  const [kind, id] = ((await node.getAttribute('aria-label')) ?? '').split(/ (?=\S+$)/);
  const form = page.getByRole('form', { name: `${kind} ${id}` });
  await node.click();
  await form.waitFor();
  const label = form.getByLabel('Label', { exact: true });
  await label.click();
  await page.keyboard.press('End');
  await typeKeys(page, `w${round}xyz`.slice(0, WARMUP_KEYS));
  await sleep(1000);

  // Measured keys: letters only, so each is one character of the label.
  const typed = `r${round}`.padEnd(KEYS, 'abcdefghijklmnopqrstuvwxyz').slice(0, KEYS);
  const from = await page.evaluate(() => window.__keys.length);
  const expected = `${await label.inputValue()}${typed}`;
  await watchFiles(page, ` of ${expected} (${id})`);
  await typeKeys(page, typed);
  const lastPress = await page.evaluate((i) => window.__keys[i]?.stamp ?? NaN, from + KEYS - 1);
  const seen = await seenAt(page);
  if (Number.isNaN(seen)) throw new Error(`the files did not show the label "${expected}" within ${FILES_TIMEOUT_MS / 1000} s`);
  const filesAfterPause = seen - lastPress;
  await sleep(300);

  const keys = await page.evaluate((i) => window.__keys.slice(i), from);
  const events = await page.evaluate(() => window.__events);
  if (keys.length < KEYS || keys.some((k) => k.estimate < 0)) throw new Error(`keystrokes: ${keys.length} keys recorded, expected ${KEYS}`);
  let timed = 0;
  const latencies = keys.slice(0, KEYS).map((key) => {
    // The events of this key press: its keydown has the key's timestamp; the others share its interaction.
    const down = events.find((e) => e.name === 'keydown' && Math.abs(e.start - key.stamp) < 1);
    const mine = down ? events.filter((e) => e === down || (down.id !== 0 && e.id === down.id)) : [];
    if (mine.length === 0) return Math.min(key.estimate, 16);
    timed++;
    return Math.max(...mine.map((e) => e.duration));
  });

  // Enter applies the typed text at once: one more key, then Enter.
  const more = `${expected}z`;
  await watchFiles(page, ` of ${more} (${id})`);
  await typeKeys(page, 'z');
  await page.keyboard.press('Enter');
  const enter = await page.evaluate(() => window.__keys.at(-1)?.stamp ?? NaN);
  const seenEnter = await seenAt(page);
  if (Number.isNaN(seenEnter)) throw new Error(`the files did not show the label "${more}" after Enter`);
  return {
    latencies,
    timed,
    p95: percentile(latencies, 0.95),
    median: median(latencies),
    filesAfterPause,
    filesAfterEnter: seenEnter - enter,
  };
}
