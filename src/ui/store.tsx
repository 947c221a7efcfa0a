/**
 * The store reaches components through context, so a test can give the page a store of its own (with
 * its own storage) and the page itself uses one backed by localStorage.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DesignerState, DesignerStore } from '../store/index.ts';
import type { Bundle } from '../generate/index.ts';
import { encodeLink } from '../share/index.ts';

/** This page's address without its fragment: the base of share links. */
export function pageBase(): string {
  return typeof window === 'undefined' ? 'http://localhost/' : `${window.location.origin}${window.location.pathname}`;
}

type Core = typeof import('../generate/index.ts');
let core: Core | undefined;
let loadingCore: Promise<Core> | undefined;

/**
 * The generation core (the generators, the TOML parser that checks them, validation) is loaded right
 * after the page, not with it: the canvas shows first, and the files follow a moment later.
 */
export function loadCore(): Promise<Core> {
  loadingCore ??= import('../generate/index.ts').then((module) => (core = module));
  return loadingCore;
}

function useCore(): Core | undefined {
  const [loaded, setLoaded] = useState(core);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    void loadCore().then((module) => live && setLoaded(() => module));
    return () => {
      live = false;
    };
  }, [loaded]);
  return loaded;
}

const PENDING: Bundle & { pending?: true } = { files: [], diagnostics: [], pending: true };

const StoreContext = createContext<DesignerStore | null>(null);

export function StoreProvider({ store, children }: { store: DesignerStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
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
  return { canUndo, canRedo, undo: () => store.temporal.getState().undo(), redo: () => store.temporal.getState().redo() };
}

/**
 * The bundle of the current topology, derived, never stored. While nodes are dragged only positions
 * change, so the files wait for the drop instead of being generated on every frame.
 */
export function useBundle(): Bundle & { pending?: true } {
  const topology = useDesigner((s) => s.topology);
  const dragging = useDesigner((s) => s.dragging);
  const generator = useCore();
  const last = useRef<Bundle | null>(null);
  const bundle = useMemo(() => {
    if (!generator) return PENDING;
    if (dragging && last.current) return last.current;
    return generator.generateBundle(topology, { shareLink: encodeLink(topology, pageBase()) });
  }, [topology, dragging, generator]);
  if (bundle !== PENDING) last.current = bundle;
  return bundle;
}
