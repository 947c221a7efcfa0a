/** The inspector: the selected node, several selected nodes, or the topology's settings. */
import { useShallow } from 'zustand/react/shallow';
import { useDesigner } from '../store.tsx';
import { deferred, preloadSoon, usePreloadWhenIdle } from '../deferred.tsx';
import type { ComponentProps } from 'react';
import type { NodeInspector as NodeInspectorPart } from './NodeInspector.tsx';
import { SettingsHeading } from './SettingsHeading.tsx';

/**
 * The settings are on the first screen, but their form's code is not in the page's first chunk: it loads as the
 * page starts, their heading holding the place meanwhile.
 */
const SettingsInspector = deferred(
  () => import('./SettingsInspector.tsx').then((m) => m.SettingsInspector),
  () => (
    <div className="inspector-form" aria-busy="true">
      <SettingsHeading />
    </div>
  ),
);
preloadSoon(SettingsInspector);

/**
 * A node's form is not on the first screen (the settings are): it loads after the page has drawn, when
 * the browser is idle, so the first node selected finds it there.
 */
const NodeInspector = deferred<ComponentProps<typeof NodeInspectorPart>>(
  () => import('./NodeInspector.tsx').then((m) => m.NodeInspector),
  () => <div className="inspector-form" aria-busy="true" />,
);

export function Inspector() {
  usePreloadWhenIdle(NodeInspector);
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
        <NodeInspector.View key={`node-${place}`} node={node} />
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
        <SettingsInspector.View />
      )}
    </aside>
  );
}
