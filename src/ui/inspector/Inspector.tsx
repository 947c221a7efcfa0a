/** The inspector: the selected node, several selected nodes, or the topology's settings. */
import { useShallow } from 'zustand/react/shallow';
import { useDesigner } from '../store.tsx';
import { NodeInspector } from './NodeInspector.tsx';
import { SettingsInspector } from './SettingsInspector.tsx';

export function Inspector() {
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
        <NodeInspector key={`node-${place}`} node={node} />
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
