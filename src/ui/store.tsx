/**
 * The store reaches components through context, so a test can give the page a store of its own (with
 * its own storage) and the page itself uses one backed by localStorage.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DesignerState, DesignerStore } from '../store/index.ts';
import type { Bundle } from '../generate/index.ts';
import type { Engine } from './generation.ts';
import { Generation, inlineEngine, workerEngine } from './generation.ts';

/** This page's address without its fragment: the base of share links. */
export function pageBase(): string {
  return typeof window === 'undefined' ? 'http://localhost/' : `${window.location.origin}${window.location.pathname}`;
}

/** The page's generation engine: a Web Worker where there is one, else the core loaded into the page. */
function pageEngine(): Engine {
  if (typeof Worker === 'undefined') {
    return inlineEngine(() => import('./inlineCore.ts').then((m) => m.loadInlineCore()));
  }
  return workerEngine(() => new Worker(new URL('./generation.worker.ts', import.meta.url), { type: 'module', name: 'generation' }));
}

const PENDING: Bundle & { pending?: true } = { files: [], diagnostics: [], pending: true };

const StoreContext = createContext<DesignerStore | null>(null);
const GenerationContext = createContext<Generation | null>(null);

/** One engine for the page: a worker is started once, whatever the number of stores. */
let engine: Engine | undefined;

/** The page's engine (generation.ts): it generates every store's files, and reads share links off the main thread. */
export function sharedEngine(): Engine {
  return (engine ??= pageEngine());
}

export function StoreProvider({ store, children }: { store: DesignerStore; children: ReactNode }) {
  // A generation per store, so a result for one store's topology never shows in another.
  const [generation] = useState(() => new Generation(sharedEngine(), pageBase));
  return (
    <StoreContext.Provider value={store}>
      <GenerationContext.Provider value={generation}>{children}</GenerationContext.Provider>
    </StoreContext.Provider>
  );
}

export function useGeneration(): Generation {
  const generation = useContext(GenerationContext);
  if (!generation) throw new Error('useGeneration outside <StoreProvider>');
  return generation;
}

export function useDesignerStore(): DesignerStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useDesignerStore outside <StoreProvider>');
  return store;
}

export function useDesigner<T>(selector: (state: DesignerState) => T): T {
  return useStore(useDesignerStore(), selector);
}

export function useHistory(): { canUndo: boolean; canRedo: boolean; undo: () => void; redo: () => void } {
  const store = useDesignerStore();
  const canUndo = useStore(store.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(store.temporal, (s) => s.futureStates.length > 0);
  return { canUndo, canRedo, undo: () => store.getState().undo(), redo: () => store.getState().redo() };
}

/**
 * The bundle of the current topology, derived, never stored, and generated once per topology however
 * many components ask (see generation.ts). On a big topology generating takes a moment, and the edit
 * (the typed character, the dropped node) shows first; `updating` says the files are catching up.
 * A failed run (the generator could not be loaded) gives `failed` and `retry`, and coming back online
 * retries by itself.
 */
export function useBundle(): Bundle & { pending?: true; updating?: true; failed?: string; retry?: () => void } {
  const topology = useDesigner((s) => s.topology);
  // Until the autosave is restored the topology is not the person's: its files are neither made nor shown.
  const restoring = useDesigner((s) => s.restoring);
  const generation = useGeneration();
  const { latest, failed } = useSyncExternalStore(generation.subscribe, generation.getSnapshot);
  useEffect(() => {
    if (!restoring) generation.want(topology);
  }, [generation, topology, restoring]);
  useEffect(() => {
    if (!failed) return;
    window.addEventListener('online', generation.retry);
    return () => window.removeEventListener('online', generation.retry);
  }, [generation, failed]);
  const problem = failed ? { failed, retry: generation.retry } : {};
  if (!latest || restoring) return { ...PENDING, ...problem };
  return latest.topology === topology ? { ...latest.bundle, ...problem } : { ...latest.bundle, updating: true, ...problem };
}
