/**
 * The toolbar's Compare group: "Compare…" (a topology .json or a bundle .zip, against the topology on the
 * canvas) and "My changes" (the changes since I opened this: the start of the undo history against now). Short
 * names, so the toolbar keeps one row at 1440 px; the titles say the rest. Both show the line diff of the two bundles, file by file, and change nothing.
 */
import { Suspense, lazy, useRef, useState } from 'react';
import { useDesignerStore } from './store.tsx';
import { loadOpener } from './lazy.ts';
import type { DiffRequest } from './DiffDialog.tsx';

/** Loaded when a comparison is first asked for: the first screen does not need it. */
const DiffDialog = lazy(() => import('./DiffDialog.tsx').then((m) => ({ default: m.DiffDialog })));

export function CompareGroup() {
  const store = useDesignerStore();
  const picker = useRef<HTMLInputElement>(null);
  const [request, setRequest] = useState<DiffRequest | null>(null);

  const compareWith = async (file: File) => {
    let read;
    try {
      read = await (await loadOpener()).readTopologyFile(file);
    } catch (error) {
      store.getState().notify(`Could not read ${file.name}: ${(error as Error).message}. Your topology is unchanged.`, 'error');
      return;
    }
    if ('error' in read) {
      store.getState().notify(read.error, 'error');
      return;
    }
    setRequest({ kind: 'file', name: file.name, before: read.topology, after: store.getState().topology });
  };

  const sinceOpened = () => {
    const { pastStates } = store.temporal.getState();
    const now = store.getState().topology;
    setRequest({ kind: 'since-opened', steps: pastStates.length, before: pastStates[0]?.topology ?? now, after: now });
  };

  return (
    <div className="toolbar-group" role="group" aria-label="Compare">
      <button type="button" onClick={() => picker.current?.click()} title="Compare with a topology file or a bundle zip">
        Compare…
      </button>
      <input
        ref={picker}
        type="file"
        accept=".json,.zip,application/json,application/zip"
        hidden
        aria-label="Compare with a topology file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void compareWith(file);
        }}
      />
      <button type="button" onClick={sinceOpened} title="Changes since I opened this">
        My changes
      </button>
      {request && (
        <Suspense fallback={null}>
          <DiffDialog request={request} onClose={() => setRequest(null)} />
        </Suspense>
      )}
    </div>
  );
}
