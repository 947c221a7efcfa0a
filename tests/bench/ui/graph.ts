/**
 * The graph both pages show: `benchTopology(300, 4)` laid out as an estate is drawn. The shared tiers (the
 * database, the control plane and traffic manager load balancers and nodes) across the top, then one
 * block per gateway cluster, its load balancer above its four gateways in two rows. Positions are on
 * the app's 20 px snap grid, so snapping does not move anything before the drag.
 *
 * benchTopology(300, 4) has 59 clusters, each with its own environment, but a topology file holds at
 * most 50 environments (src/share/schema.ts), so the autosave would be refused: clusters 51 to 59
 * serve the environments of clusters 1 to 9 instead (9 APIM023 warnings, shown as badges).
 */
import type { Topology } from '../../../src/model/index.ts';
import { serializeTopology } from '../../../src/model/index.ts';
import { AUTOSAVE_KEY, AUTOSAVE_VERSION } from '../../../src/store/index.ts';
import { benchTopology } from '../topologies.ts';

export const NODES = 300;
/** The node every drag moves: a gateway in the middle of the estate. */
export const DRAGGED = 'gw-35-2';
/** Where the bare page reads its graph (the app reads its autosave). */
export const BARE_KEY = 'bare-flow-bench';

const COLUMN = 300; // wider than any node of either page
const ROW = 120;
const CLUSTERS_PER_ROW = 10;
const MAX_ENVIRONMENTS = 50;

/** The graph the bare page reads: the app's nodes and links, and the size of the app's canvas. */
export interface BareGraph {
  width: number;
  height: number;
  nodes: { id: string; label: string; x: number; y: number }[];
  edges: { source: string; target: string }[];
}

export function benchGraph(): Topology {
  const topology = benchTopology(NODES, 4);
  const shared = ['db', 'cp-lb', 'cp-1', 'cp-2', 'tm-lb', 'tm-1', 'tm-2'];
  const place = new Map<string, { x: number; y: number }>();
  // The shared tiers, centred over the clusters.
  const left = ((CLUSTERS_PER_ROW * 2 - shared.length) * COLUMN) / 2;
  shared.forEach((id, i) => place.set(id, { x: left + i * COLUMN, y: 0 }));
  for (const node of topology.nodes) {
    const lb = /^gw-lb-(\d+)$/.exec(node.id);
    const gw = /^gw-(\d+)-(\d)$/.exec(node.id);
    const cluster = Number(lb?.[1] ?? gw?.[1]) - 1;
    if (Number.isNaN(cluster)) continue;
    const x0 = (cluster % CLUSTERS_PER_ROW) * 2 * COLUMN;
    const y0 = 2 * ROW + Math.floor(cluster / CLUSTERS_PER_ROW) * 4 * ROW;
    if (lb) place.set(node.id, { x: x0 + COLUMN / 2, y: y0 });
    else {
      const i = Number(gw![2]) - 1;
      place.set(node.id, { x: x0 + (i % 2) * COLUMN, y: y0 + ROW * (1 + Math.floor(i / 2)) });
    }
  }
  const nodes = topology.nodes.map((node) => {
    const at = place.get(node.id);
    if (!at) throw new Error(`bench graph: no place for node ${node.id}`);
    if (node.kind !== 'gateway') return { ...node, x: at.x, y: at.y };
    const labels = (node.labels ?? []).map((label) => `env-${((Number(label.replace('env-', '')) - 1) % MAX_ENVIRONMENTS) + 1}`);
    return { ...node, labels, x: at.x, y: at.y };
  });
  if (!nodes.some((n) => n.id === DRAGGED)) throw new Error(`bench graph: the dragged node ${DRAGGED} is not in benchTopology(${NODES})`);
  const { settings } = topology;
  return {
    ...topology,
    nodes,
    settings: { ...settings, gatewayEnvironments: (settings.gatewayEnvironments ?? []).slice(0, MAX_ENVIRONMENTS) },
  };
}

/** The app's autosave holding `topology`, as zustand `persist` writes it. */
export function autosaveOf(topology: Topology): string {
  return JSON.stringify({ state: { topology: JSON.parse(serializeTopology(topology)) }, version: AUTOSAVE_VERSION });
}

export { AUTOSAVE_KEY };

export function bareGraphOf(topology: Topology, size: { width: number; height: number }): BareGraph {
  return {
    ...size,
    nodes: topology.nodes.map((n) => ({ id: n.id, label: n.label, x: n.x, y: n.y })),
    edges: topology.links.map((l) => ({ source: l.from, target: l.to })),
  };
}
