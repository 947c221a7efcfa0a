/**
 * The store reaches components through context, so a test can give the page a store of its own (with
 * its own storage) and the page itself uses one backed by localStorage.
 */
import { createContext, useContext, useDeferredValue, useEffect, useMemo, useState } from 'react';
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
  loadingCore ??= import('../generate/index.ts').then(
    (module) => (core = module),
    (error: unknown) => {
      loadingCore = undefined; // a later call tries again
      throw error;
    },
  );
  return loadingCore;
}

/** The generation core once loaded; the error of the last try while it is not, and a way to try again. */
function useCore(): { core?: Core; failed?: string; retry: () => void } {
  const [loaded, setLoaded] = useState(core);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    loadCore().then(
      (module) => {
        if (!live) return;
        setFailed(undefined);
        setLoaded(() => module);
      },
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [loaded, attempt]);
  // Coming back online is a reason to try again by itself.
  useEffect(() => {
    if (loaded || !failed) return;
    const online = () => setAttempt((n) => n + 1);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [loaded, failed]);
  return { core: loaded, failed, retry: () => setAttempt((n) => n + 1) };
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
  return { canUndo, canRedo, undo: () => store.getState().undo(), redo: () => store.getState().redo() };
}

/** Bundles by topology: the components that show the files share one generation per edit. */
const bundles = new WeakMap<Topology, Bundle>();

function generated(generator: Core, topology: Topology): Bundle {
  let bundle = bundles.get(topology);
  if (!bundle) {
    bundle = generator.generateBundle(topology, { shareLink: encodeLink(topology, pageBase()) });
    bundles.set(topology, bundle);
  }
  return bundle;
}

/**
 * The bundle of a topology as it is now, for the download (the panels may still show the one before
 * the last edit); undefined until the generation core has loaded.
 */
export function bundleNow(topology: Topology): Bundle | undefined {
  return core ? generated(core, topology) : undefined;
}

/**
 * The bundle of the current topology, derived, never stored, and generated once per topology however
 * many components ask. (A drag changes the topology once, at the drop: see canvas/Canvas.tsx.) It
 * follows the topology as a deferred value: on a big topology generating takes a moment, and the edit
 * (the typed character, the dropped node) shows first; `updating` says the files are catching up.
 */
export function useBundle(): Bundle & { pending?: true; updating?: true; failed?: string; retry?: () => void } {
  const current = useDesigner((s) => s.topology);
  const topology = useDeferredValue(current);
  const { core: generator, failed, retry } = useCore();
  const bundle = useMemo(() => (generator ? generated(generator, topology) : PENDING), [topology, generator]);
  if (bundle === PENDING) return failed ? { ...PENDING, failed, retry } : PENDING;
  return topology === current ? bundle : { ...bundle, updating: true };
}
