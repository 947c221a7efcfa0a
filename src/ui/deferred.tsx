/**
 * Parts of the page whose code loads after the page's own (README "Build output"): the page draws without them, a
 * placeholder holding their place, and they appear when their chunk is there. Once it is, a part draws at once, in the
 * same render, with no placeholder in between. A load that fails reaches the page's error boundary, whose "Try again"
 * loads it again (`reloadFailedParts`).
 */
import { Suspense, useEffect } from 'react';
import type { ComponentType, ReactNode } from 'react';

export interface Deferred<P extends object> {
  /** Starts loading the part's code, once (a failed load is tried again on the next call). */
  preload(): Promise<unknown>;
  /** The part, or `fallback` in its place while its code loads. */
  View: ComponentType<P>;
}

/** How each failed part loads again: emptied by `reloadFailedParts`. */
const failed = new Set<() => void>();

/** Lets every part whose code could not be loaded try again when it is next drawn (the error boundary's Try again). */
export function reloadFailedParts(): void {
  for (const reload of failed) reload();
  failed.clear();
}

export function deferred<P extends object>(load: () => Promise<ComponentType<P>>, fallback: (props: P) => ReactNode): Deferred<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  /** The load the drawn part waits for, and why the last one failed (kept until `reloadFailedParts`). */
  let waiting: Promise<void> | undefined;
  let failure: { error: unknown } | undefined;
  function Part(props: P) {
    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...props} />;
    }
    if (failure) throw failure.error;
    // Suspense shows the fallback until this settles, then draws the part again.
    throw (waiting ??= preload().then(
      () => {
        waiting = undefined;
      },
      (error: unknown) => {
        waiting = undefined;
        failure = { error };
        failed.add(() => (failure = undefined));
      },
    ));
  }
  // The same elements whether the code is there or not: a part that loads while it is drawn keeps its state.
  const View = (props: P) => (
    <Suspense fallback={fallback(props)}>
      <Part {...props} />
    </Suspense>
  );
  return { preload, View };
}

/**
 * Starts loading a part the page draws at once, in a task of its own after the current one: a load adds the chunk's
 * module and stylesheet links to the document, which in the page's first task (where its modules' top level runs) made
 * that task longer. A failed load is tried again when the part is drawn.
 */
export function preloadSoon(part: Pick<Deferred<never>, 'preload'>): void {
  setTimeout(() => void part.preload().catch(() => undefined), 0);
}

/** Loads a part when the browser is idle after the page has drawn, so its first use finds it there. */
export function usePreloadWhenIdle(part: Pick<Deferred<never>, 'preload'>): void {
  useEffect(() => {
    const start = () => void part.preload().catch(() => undefined); // a failed load is tried again on first use
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(start, { timeout: 3000 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(start, 500);
    return () => clearTimeout(timer);
  }, [part]);
}
