/**
 * The designer page: toolbar; palette | canvas | inspector; generated files and problems below.
 * The page-wide keyboard shortcuts live here.
 */
import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useStore } from 'zustand';
import '@xyflow/react/dist/style.css';
import './layers.css';
import type { DesignerStore } from '../store/index.ts';
import { AUTOSAVE_KEY } from '../store/index.ts';
import { StoreProvider } from './store.tsx';
import { Toolbar } from './Toolbar.tsx';
import { Palette } from './Palette.tsx';
import { Canvas } from './canvas/Canvas.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { SettingsHeading } from './inspector/SettingsHeading.tsx';
import { DeferredFilesPanel } from './files/DeferredFilesPanel.tsx';
import { Problems } from './Problems.tsx';
import { Notices } from './Notices.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { saveTopology } from './download.ts';
import { loadOpener } from './lazy.ts';

/** Opening code (open.ts) that could not be loaded: said, and nothing changes. */
function openFailed(store: DesignerStore, what: string, again: string) {
  return (error: unknown) =>
    store
      .getState()
      .notify(
        `Could not open ${what}: the part of the page that opens it could not be loaded (${(error as Error).message}). Your topology is unchanged; ${again}.`,
        'error',
      );
}

/**
 * A share link opens when the page loads with one, or when one is pasted into the address bar. The
 * fragment is then cleared, so a reload does not open it again over later work.
 */
function useLinks(store: DesignerStore) {
  useEffect(() => {
    const open = () => {
      const { hash } = window.location;
      if (!/^#v\d+\./.test(hash)) return;
      history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
      loadOpener().then(
        (open) => open.openLink(store, hash, (m) => window.confirm(m)),
        openFailed(store, 'the link', 'reload the link to try again'),
      );
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, [store]);
}

/** A .json topology or a bundle .zip dropped anywhere on the page opens. */
function useFileDrop(store: DesignerStore) {
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      const files = [...(event.dataTransfer?.files ?? [])];
      loadOpener().then(
        (open) => open.openFiles(store, files, (m) => window.confirm(m)),
        openFailed(store, 'the dropped files', 'drop them again'),
      );
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [store]);
}

/**
 * Focus never falls to the page: when an edit removes the focused element (Delete on a node, a link's
 * Remove button, an undo that takes a node away), focus goes to the selected node, or else to the canvas.
 */
function useFocusRescue(store: DesignerStore) {
  useEffect(() => {
    let last: Element | null = null;
    let frame = 0;
    const onFocusIn = (event: FocusEvent) => {
      last = event.target as Element;
    };
    const check = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const active = document.activeElement;
        if (active && active !== document.body) return;
        if (!last || last.isConnected) return; // focus left on purpose (a click on nothing)
        const selected = document.querySelector<HTMLElement>('.react-flow__node.selected');
        (selected ?? document.querySelector<HTMLElement>('[data-focus-fallback]'))?.focus();
      });
    };
    document.addEventListener('focusin', onFocusIn);
    const unsubscribe = store.subscribe(check);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('focusin', onFocusIn);
      unsubscribe();
    };
  }, [store]);
}

/** Another tab of the designer autosaved: this one hears it (the storage event) and asks before either is lost. */
function useOtherTabs(store: DesignerStore) {
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === AUTOSAVE_KEY && event.newValue) store.getState().otherTabSaved(event.newValue);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [store]);
}

/**
 * The canvas and the settings while the autosave is restored (its code loads as the page starts): their
 * places held as the deferred parts' are (deferred.tsx), so nothing moves when the topology comes.
 */
function Restoring() {
  return (
    <>
      <div className="canvas" aria-busy="true">
        <p className="canvas-status" role="status">
          Restoring your autosaved topology…
        </p>
      </div>
      <aside className="inspector" aria-label="Inspector">
        <div className="inspector-form" aria-busy="true">
          <SettingsHeading />
        </div>
      </aside>
    </>
  );
}

export function App({ store }: { store: DesignerStore }) {
  // Until the autosave is restored the page takes no input (a click would act on a topology that is not yours).
  const restoring = useStore(store, (s) => s.restoring);
  useShortcuts(store);
  useOtherTabs(store);
  useFocusRescue(store);
  useLinks(store);
  useFileDrop(store);
  const save = () => {
    void saveTopology(store.getState().topology);
  };
  return (
    <StoreProvider store={store}>
      <ReactFlowProvider>
        <div className="app" inert={restoring} aria-busy={restoring || undefined}>
          <ErrorBoundary onSave={save}>
            <Toolbar />
            <Notices />
            <main className="workspace">
              <Palette />
              {restoring ? (
                <Restoring />
              ) : (
                <>
                  <Canvas />
                  <Inspector />
                </>
              )}
            </main>
            <div className="output">
              <DeferredFilesPanel />
              <Problems />
            </div>
          </ErrorBoundary>
        </div>
      </ReactFlowProvider>
    </StoreProvider>
  );
}

/** Undo/redo, duplicate, copy and paste, except while the user types in a field. */
function useShortcuts(store: DesignerStore) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const key = event.key.toLowerCase();
      const state = store.getState();
      if (key === 'z' && !event.shiftKey) state.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') state.redo();
      else if (key === 'd') state.duplicateSelection();
      else if (key === 'c') {
        // Text selected in the files panel copies as text, as usual.
        if (window.getSelection()?.toString() || state.selection.nodes.length === 0) return;
        state.copySelection();
      } else if (key === 'v') {
        if (!state.clipboard) return;
        state.paste();
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
