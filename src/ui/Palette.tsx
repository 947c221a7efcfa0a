/** The node palette: drag a kind onto the canvas, or press it to add the node at the centre of the view. */
import { useCallback } from 'react';
import type { DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { NodeKind } from '../model/index.ts';
import { KIND_NAMES, PALETTE_KINDS } from '../model/index.ts';
import { KindIcon } from './icons.tsx';
import { useDesignerStore } from './store.tsx';
import { PALETTE_MIME } from './canvas/Canvas.tsx';

const STEP = 40;

export function Palette() {
  const store = useDesignerStore();
  const { screenToFlowPosition } = useReactFlow();

  const addAtCentre = useCallback(
    (kind: NodeKind) => {
      const pane = document.querySelector('.canvas')?.getBoundingClientRect();
      const centre = pane ? screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }) : { x: 0, y: 0 };
      // Pressing twice must not stack two nodes on one spot: step aside until the spot is free.
      const taken = new Set(store.getState().topology.nodes.map((n) => `${n.x},${n.y}`));
      let x = Math.round(centre.x / 20) * 20 - 80;
      let y = Math.round(centre.y / 20) * 20 - 30;
      while (taken.has(`${x},${y}`)) {
        x += STEP;
        y += STEP;
      }
      store.getState().addNode(kind, { x, y });
    },
    [screenToFlowPosition, store],
  );

  const onDragStart = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(PALETTE_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="palette" aria-labelledby="palette-title">
      <h2 id="palette-title">Add a node</h2>
      <ul aria-label="Node palette">
        {PALETTE_KINDS.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className={`palette-item kind-${kind}`}
              draggable
              onDragStart={(e) => onDragStart(e, kind)}
              onClick={() => addAtCentre(kind)}
            >
              <KindIcon kind={kind} />
              {KIND_NAMES[kind]}
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">Drag onto the canvas, or press to add at the centre. Wire nodes by dragging from one handle to another node.</p>
    </nav>
  );
}
