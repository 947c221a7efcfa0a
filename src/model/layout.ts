/**
 * Where new nodes go: into free space, never on top of a node already there. Positions are the nodes'
 * top-left corners on the canvas grid; a node takes at most NODE_BOX (a label is cut at 180 px).
 */
import type { NodeKind, Topology } from './types.ts';
import { everyKind } from './kinds.ts';

/** The most room a node takes on the canvas, with the gap kept between two nodes. */
export const NODE_BOX = { width: 220, height: 80 } as const;
const GRID = 20;

type Point = { x: number; y: number };

const snap = (value: number) => Math.round(value / GRID) * GRID;

function overlaps(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) < NODE_BOX.width && Math.abs(a.y - b.y) < NODE_BOX.height;
}

/** Whether a node at `at` would overlap none of `occupied`. */
export function isFree(occupied: readonly Point[], at: Point): boolean {
  return occupied.every((p) => !overlaps(p, at));
}

/**
 * The free grid position nearest to `near`: `near` itself when it is free, else the closest of the
 * positions one node-box step apart around it (right and below first at equal distance).
 */
export function freePosition(topology: Pick<Topology, 'nodes'>, near: Point): Point {
  const occupied = topology.nodes.map((n) => ({ x: n.x, y: n.y }));
  for (const at of around({ x: snap(near.x), y: snap(near.y) })) if (isFree(occupied, at)) return at;
  return near;
}

/**
 * A shift that moves a group of new nodes (a paste, a duplicate) clear of every node there: the
 * preferred shift when it is clear, else the nearest clear one around it, in node-box steps.
 */
export function freeShift(topology: Pick<Topology, 'nodes'>, group: readonly Point[], preferred: Point): Point {
  const occupied = topology.nodes.map((n) => ({ x: n.x, y: n.y }));
  const clear = (shift: Point) => group.every((p) => isFree(occupied, { x: p.x + shift.x, y: p.y + shift.y }));
  for (const shift of around(preferred)) if (clear(shift)) return shift;
  return preferred;
}

/** `start`, then the points around it ring by ring, one node-box step apart, nearest first. */
function* around(start: Point): Generator<Point> {
  yield start;
  for (let ring = 1; ring < 200; ring++) {
    const steps: [number, number][] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) if (Math.max(Math.abs(i), Math.abs(j)) === ring) steps.push([i, j]);
    }
    // Nearest in node steps; at equal distance, right before left, below before above.
    steps.sort((a, b) => Math.hypot(...a) - Math.hypot(...b) || b[0] - a[0] || b[1] - a[1]);
    for (const [i, j] of steps) yield { x: start.x + i * NODE_BOX.width, y: start.y + j * NODE_BOX.height };
  }
}

/** The order of the rows `spreadOverlapping` lays nodes out in, one per kind: the traffic's way in, top to bottom. */
const ROW_ORDER = everyKind<NodeKind>()([
  'load-balancer',
  'control-plane',
  'key-manager',
  'identity-server',
  'all-in-one',
  'traffic-manager',
  'gateway',
  'database',
  'redis',
]);

/**
 * A topology whose nodes sit on top of each other (a file or link written by a script, with no
 * positions or the same ones) laid out readably: every node that overlaps one before it moves into rows
 * by kind, below the nodes that keep their places, in the topology's order. Nodes already apart stay
 * where they are. Returns the topology itself when nothing overlaps, and how many nodes moved.
 */
export function spreadOverlapping<T extends Topology>(topology: T): { topology: T; moved: number } {
  const cell = (x: number, y: number) => `${Math.floor(x / NODE_BOX.width)}:${Math.floor(y / NODE_BOX.height)}`;
  const placed = new Map<string, Point[]>();
  const stacked = new Set<string>();
  let bottom = -Infinity;
  let left = Infinity;
  for (const node of topology.nodes) {
    const cx = Math.floor(node.x / NODE_BOX.width);
    const cy = Math.floor(node.y / NODE_BOX.height);
    let clear = true;
    for (let i = -1; i <= 1 && clear; i++) {
      for (let j = -1; j <= 1 && clear; j++) clear = (placed.get(`${cx + i}:${cy + j}`) ?? []).every((p) => !overlaps(p, node));
    }
    if (!clear) {
      stacked.add(node.id);
      continue;
    }
    const key = cell(node.x, node.y);
    placed.set(key, [...(placed.get(key) ?? []), { x: node.x, y: node.y }]);
    bottom = Math.max(bottom, node.y);
    left = Math.min(left, node.x);
  }
  if (stacked.size === 0) return { topology, moved: 0 };

  const columns = Math.max(6, Math.ceil(Math.sqrt(stacked.size * 2)));
  const at = new Map<string, Point>();
  let y = snap(bottom + NODE_BOX.height * 2);
  for (const kind of ROW_ORDER) {
    const row = topology.nodes.filter((n) => n.kind === kind && stacked.has(n.id));
    row.forEach((node, i) =>
      at.set(node.id, { x: snap(left) + (i % columns) * NODE_BOX.width, y: y + Math.floor(i / columns) * NODE_BOX.height }),
    );
    if (row.length > 0) y += Math.ceil(row.length / columns) * NODE_BOX.height + NODE_BOX.height;
  }
  const nodes = topology.nodes.map((node) => {
    const to = at.get(node.id);
    return to ? { ...node, x: to.x, y: to.y } : node;
  });
  return { topology: { ...topology, nodes }, moved: stacked.size };
}

/**
 * Whether a topology came without positions of its own: most of its nodes on top of another (a script's
 * file, all at 0,0). Such a topology is laid out in tiers when opened (autoLayout.ts).
 */
export function lacksPositions(topology: Pick<Topology, 'nodes'>): boolean {
  if (topology.nodes.length < 2) return false;
  const spots = new Set(topology.nodes.map((n) => `${Math.floor(n.x / NODE_BOX.width)}:${Math.floor(n.y / NODE_BOX.height)}`));
  return spots.size * 2 <= topology.nodes.length;
}
