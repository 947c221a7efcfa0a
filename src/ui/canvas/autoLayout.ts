/**
 * Auto-layout on the page: elkjs and the pure part that lays the topology out in tiers (model/autoLayout.ts) are
 * loaded on first use (lazy.ts), and the store takes the positions as one edit, so one undo step; then the
 * view fits the topology.
 */
import { useCallback } from 'react';
import type { Topology } from '../../model/index.ts';
import type { DesignerStore } from '../../store/index.ts';
import { useDesignerStore } from '../store.tsx';
import { loadAutoLayout, loadElk } from '../lazy.ts';

/** The tiers' code and ELK's layered layout, loaded once (a failed load is tried again next time). */
const layoutCode = () => Promise.all([loadAutoLayout(), loadElk()]);

/** The topology laid out in tiers. */
export async function laidOut<T extends Topology>(topology: T): Promise<T> {
  const [{ autoLayout, withPositions }, engine] = await layoutCode();
  return withPositions(topology, await autoLayout(topology, engine));
}

/** Listeners for "fit the view to the topology", which the canvas answers (after an auto-layout). */
const fitListeners = new Set<() => void>();

export function onFitRequest(listener: () => void): () => void {
  fitListeners.add(listener);
  return () => fitListeners.delete(listener);
}

/**
 * Lays out the store's topology in tiers as one edit (one undo step) and says so; false when there was
 * nothing to lay out or elkjs could not be loaded (a notice says why).
 */
export async function runAutoLayout(store: DesignerStore): Promise<boolean> {
  const before = store.getState().topology;
  if (before.nodes.length === 0) return false;
  let positions;
  try {
    const [{ autoLayout }, engine] = await layoutCode();
    positions = await autoLayout(before, engine);
  } catch (error) {
    store
      .getState()
      .notify(`Could not lay out the topology: ${(error as Error).message}. Nothing moved; press Auto-layout to try again.`, 'error');
    return false;
  }
  const state = store.getState();
  // Nodes added or removed meanwhile: the others still take their places (moveNodes skips what is gone).
  const moved = state.topology;
  state.moveNodes(positions);
  const changed = store.getState().topology !== moved;
  state.notify(
    changed
      ? `Laid out ${before.nodes.length.toLocaleString('en')} nodes in tiers: load balancers above their clusters, then gateways, control planes, traffic managers, Key Managers and data stores. Undo puts them back.`
      : 'The topology is already laid out in tiers.',
  );
  for (const listener of fitListeners) listener();
  return changed;
}

/** Auto-layout for a button or a shortcut of the page. */
export function useAutoLayout(): () => void {
  const store = useDesignerStore();
  return useCallback(() => void runAutoLayout(store), [store]);
}
