/** The inspector: the selected node, several selected nodes, or the topology's settings. */
import { Suspense, lazy, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDesigner } from '../store.tsx';
import { SettingsInspector } from './SettingsInspector.tsx';

/**
 * A node's form is not on the first screen (the settings are): it loads after the page has drawn, when
 * the browser is idle, so the first node selected finds it there.
 */
const loadNodeInspector = () => import('./NodeInspector.tsx');
const NodeInspector = lazy(() => loadNodeInspector().then((m) => ({ default: m.NodeInspector })));

function usePreload(load: () => Promise<unknown>) {
  useEffect(() => {
    const start = () => void load().catch(() => undefined); // a failed load is tried again on first use
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(start, { timeout: 3000 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(start, 500);
    return () => clearTimeout(timer);
  }, [load]);
}

export function Inspector() {
  usePreload(loadNodeInspector);
  const selected = useDesigner((s) => s.selection.nodes);
  // The selected node and its place, not the whole topology: an edit elsewhere does not re-render this.
  const { node, place } = useDesigner(
    useShallow((s) => {
      const place = s.selection.nodes.length === 1 ? s.topology.nodes.findIndex((n) => n.id === s.selection.nodes[0]) : -1;
      return { node: place >= 0 ? s.topology.nodes[place] : undefined, place };
    }),
  );
  const {
    remove,
    duplicateSelection: duplicate,
    select,
  } = useDesigner(useShallow((s) => ({ remove: s.remove, duplicateSelection: s.duplicateSelection, select: s.select })));

  return (
    <aside className="inspector" aria-label="Inspector">
      {node ? (
        // Keyed by the node's place, not its id: a rename keeps the form, and the focus in it.
        <Suspense fallback={<div className="inspector-form" aria-busy="true" />}>
          <NodeInspector key={`node-${place}`} node={node} />
        </Suspense>
      ) : selected.length > 1 ? (
        <div className="inspector-form">
          <h2>{selected.length} nodes selected</h2>
          <p className="hint">{selected.join(', ')}</p>
          <div className="button-row">
            <button type="button" onClick={duplicate}>
              Duplicate {selected.length} nodes
            </button>
            <button type="button" className="danger" onClick={() => remove(selected, [])}>
              Delete {selected.length} nodes
            </button>
            <button type="button" onClick={() => select({ nodes: [], links: [] })}>
              Clear selection
            </button>
          </div>
        </div>
      ) : (
        <SettingsInspector />
      )}
    </aside>
  );
}
