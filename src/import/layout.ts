/**
 * Where imported nodes go: the positions of the bundle's topology.json when it has the node, else one row per kind,
 * the traffic's way in from top to bottom (load balancers, gateways, control planes and Key Managers, traffic
 * managers, data stores).
 */
import type { NodeKind, Topology } from '../model/index.ts';
import { LIMITS, NODE_BOX } from '../model/index.ts';

const ROWS: NodeKind[][] = [
  ['load-balancer'],
  ['gateway'],
  ['control-plane', 'all-in-one', 'key-manager', 'identity-server'],
  ['traffic-manager'],
  ['database', 'redis'],
];

function savedPositions(json: string | undefined): Map<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  if (json === undefined) return positions;
  try {
    const doc = JSON.parse(json) as { nodes?: { id?: unknown; x?: unknown; y?: unknown }[] };
    // Only a place on the canvas: a position the topology format refuses (off the canvas, not a number) is laid out.
    for (const n of doc.nodes ?? [])
      if (typeof n.id === 'string' && onCanvas(n.x) && onCanvas(n.y)) positions.set(n.id, { x: n.x, y: n.y });
  } catch {
    // No positions: the rows below.
  }
  return positions;
}

function onCanvas(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= LIMITS.position;
}

export function layOut(topology: Topology, topologyJson: string | undefined): Topology {
  const saved = savedPositions(topologyJson);
  const columns = new Map<number, number>();
  const nodes = topology.nodes.map((node) => {
    const at = saved.get(node.id);
    if (at) return { ...node, ...at };
    const row = ROWS.findIndex((kinds) => kinds.includes(node.kind));
    const column = columns.get(row) ?? 0;
    columns.set(row, column + 1);
    return { ...node, x: column * (NODE_BOX.width + 40), y: row * (NODE_BOX.height + 80) };
  });
  return { ...topology, nodes };
}
