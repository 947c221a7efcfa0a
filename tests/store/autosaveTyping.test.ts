// @vitest-environment jsdom
/**
 * The autosave waits for a pause in typing: its write (the topology's text, 10–20 ms at 1,000 nodes) never lands
 * between two keys of someone typing, and it is never more than a few seconds late.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './memoryStorage.ts';
import { AUTOSAVE_KEY, createDesignerStore } from '../../src/store/index.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Keys pressed every `every` ms for `forMs`, the clock moving on between them. */
function type(forMs: number, every = 120): void {
  for (let t = 0; t < forMs; t += every) {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    vi.advanceTimersByTime(every);
  }
}

describe('the autosave while someone types', () => {
  it('writes once the typing pauses, not between keys', () => {
    const storage = memoryStorage();
    const store = createDesignerStore(storage);
    const before = storage.getItem(AUTOSAVE_KEY);
    store.getState().updateNode('gw-1', { label: 'Edge' });
    type(2000);
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(before);
    vi.advanceTimersByTime(700);
    expect(storage.getItem(AUTOSAVE_KEY)).toContain('"Edge"');
  });

  it('writes without a pause too, at most five seconds after the change', () => {
    const storage = memoryStorage();
    const store = createDesignerStore(storage);
    store.getState().updateNode('gw-1', { label: 'Edge' });
    type(4500);
    expect(storage.getItem(AUTOSAVE_KEY) ?? '').not.toContain('"Edge"');
    type(1200);
    expect(storage.getItem(AUTOSAVE_KEY)).toContain('"Edge"');
  });

  it('writes as before when nobody types', () => {
    const storage = memoryStorage();
    const store = createDesignerStore(storage);
    store.getState().updateNode('gw-1', { label: 'Edge' });
    vi.advanceTimersByTime(450);
    expect(storage.getItem(AUTOSAVE_KEY)).toContain('"Edge"');
  });
});
