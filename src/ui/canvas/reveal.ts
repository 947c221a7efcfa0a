/**
 * A large topology opened whole is drawn a batch of nodes at a time, one batch per task, so the page
 * answers input while thousands of nodes mount: React Flow renders, measures and wires every node it is
 * given in one go, and 5,000 nodes with their links would block the page for many seconds. The batch
 * grows or shrinks to take about BATCH_MS each. A small topology is drawn at once, as before.
 */
import { useEffect, useRef, useState } from 'react';
import { NODE_BOX } from '../../model/index.ts';
import type { Topology } from '../../model/index.ts';

/** From this many nodes, an opened topology is drawn in batches (and only what is in view is rendered). */
export const LARGE_CANVAS = 500;
const FIRST_BATCH = 150;
const BATCH_MS = 100;
const MAX_BATCH = 400;
const DONE = Number.POSITIVE_INFINITY;

/**
 * How many of the topology's nodes (in reading order) to draw now, and the total while drawing.
 * `opened` changes when a whole topology replaces the work (a file, a link, an example).
 */
export function useReveal(total: number, opened: number): { shown: number; drawing?: { shown: number; total: number } } {
  // Derived while rendering, so the first render of a large topology already draws only the first batch.
  const begin = (large: boolean) => ({ opened, shown: large ? FIRST_BATCH : DONE, batch: FIRST_BATCH });
  const [state, setState] = useState(() => begin(total >= LARGE_CANVAS));
  let current = state;
  if (state.opened !== opened) {
    current = begin(opened > 0 && total >= LARGE_CANVAS);
    setState(current);
  }
  const started = useRef(0);

  // After each batch is on screen, the next one, in a task of its own so input is handled in between;
  // the batch grows or shrinks towards BATCH_MS.
  useEffect(() => {
    if (current.shown >= total) return;
    const took = started.current > 0 ? performance.now() - started.current : BATCH_MS;
    const batch = Math.max(50, Math.min(MAX_BATCH, Math.round((current.batch * BATCH_MS) / Math.max(took, 1))));
    const timer = setTimeout(() => {
      started.current = performance.now();
      // Once every node is drawn, nodes added later are drawn at once.
      setState((s) => ({ ...s, shown: s.shown + batch >= total ? DONE : s.shown + batch, batch }));
    }, 0);
    return () => clearTimeout(timer);
  }, [current.shown, current.batch, total]);

  return current.shown >= total ? { shown: total } : { shown: current.shown, drawing: { shown: current.shown, total } };
}

/** The canvas area the nodes of `topology` take, for showing it whole before its nodes are measured. */
export function topologyBounds(topology: Topology): { x: number; y: number; width: number; height: number } | undefined {
  if (topology.nodes.length === 0) return undefined;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const node of topology.nodes) {
    minX = Math.min(minX, node.x);
    minY = Math.min(minY, node.y);
    maxX = Math.max(maxX, node.x);
    maxY = Math.max(maxY, node.y);
  }
  // A node takes about NODE_BOX less the gap kept around it.
  return { x: minX, y: minY, width: maxX - minX + NODE_BOX.width - 40, height: maxY - minY + NODE_BOX.height - 20 };
}
