/**
 * Where new nodes go: into free space, never on top of a node already there. Positions are the nodes'
 * top-left corners on the canvas grid; a node takes at most NODE_BOX (a label is cut at 180 px).
 */
import type { Topology } from './types.ts';

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
