/**
 * What jsdom lacks and React Flow or the page use: ResizeObserver, DOMMatrixReadOnly, matchMedia,
 * the clipboard. Plain stand-ins; the real browser is exercised by the e2e tests.
 */
import { configure } from '@testing-library/react';

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([0-9.]+)\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

// The generation core is imported on first use, in the page's place of a worker: on a cold, busy
// machine transforming it takes seconds, so the findBy… waits for files get an honest 15 s, not 1 s.
configure({ asyncUtilTimeout: 15_000 });

const g = globalThis as Record<string, unknown>;
g.ResizeObserver ??= ResizeObserverStub;
g.DOMMatrixReadOnly ??= DOMMatrixReadOnlyStub;
window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
  dispatchEvent: () => false,
})) as typeof window.matchMedia;

// No afterEach(cleanup) here: the suite runs without isolation (vite.config.ts), so this module is evaluated once per
// worker and a hook it registered would belong to the first test file only. Each page test file registers its own.

export { memoryStorage } from '../store/memoryStorage.ts';
