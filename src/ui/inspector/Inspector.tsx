/** The inspector: the selected node, several selected nodes, or the topology's settings. */
import { useDesigner } from '../store.tsx';
import { NodeInspector } from './NodeInspector.tsx';
import { SettingsInspector } from './SettingsInspector.tsx';

export function Inspector() {
  const selected = useDesigner((s) => s.selection.nodes);
  const topology = useDesigner((s) => s.topology);
  const remove = useDesigner((s) => s.remove);
  const duplicate = useDesigner((s) => s.duplicateSelection);
  const select = useDesigner((s) => s.select);
  const node = selected.length === 1 ? topology.nodes.find((n) => n.id === selected[0]) : undefined;

  return (
    <aside className="inspector" aria-label="Inspector">
      {node ? (
        // Keyed by the node's place, not its id: a rename keeps the form, and the focus in it.
        <NodeInspector key={`node-${topology.nodes.indexOf(node)}`} node={node} />
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
