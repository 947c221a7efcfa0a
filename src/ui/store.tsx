/**
 * The store reaches components through context, so a test can give the page a store of its own (with
 * its own storage) and the page itself uses one backed by localStorage.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DesignerState, DesignerStore } from '../store/index.ts';
import type { Topology } from '../model/index.ts';
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

/** Bundles by topology: the components that show the files share one generation per edit. */
const bundles = new WeakMap<Topology, Bundle>();

/**
 * The bundle of the current topology, derived, never stored, and generated once per topology however
 * many components ask. While nodes are dragged only positions change: the files wait for the drop, and
 * the components showing them see no new topology, so they do not re-render on every frame either.
 */
export function useBundle(): Bundle & { pending?: true } {
  const store = useDesignerStore();
  const topology = useDesigner((s) => (s.dragging ? null : s.topology));
  const generator = useCore();
  const last = useRef<Bundle | null>(null);
  const bundle = useMemo(() => {
    if (!generator) return PENDING;
    if (topology === null && last.current) return last.current;
    const current = topology ?? store.getState().topology;
    let generated = bundles.get(current);
    if (!generated) {
      generated = generator.generateBundle(current, { shareLink: encodeLink(current, pageBase()) });
      bundles.set(current, generated);
    }
    return generated;
  }, [topology, generator, store]);
  if (bundle !== PENDING) last.current = bundle;
  return bundle;
}
