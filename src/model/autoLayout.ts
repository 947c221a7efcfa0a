/**
 * Auto-layout in tiers, the pure part: the topology as a graph for ELK's layered algorithm (elkjs), and
 * ELK's answer as node positions. The page loads elkjs itself, on first use, and passes its `layout`
 * in; nothing here depends on it.
 *
 * Tiers, top to bottom, the way a request travels: gateways, control planes (and All-in-One nodes),
 * traffic managers, Key Managers and Identity Servers, then databases and Redis. A load balancer sits in
 * the tier just above the cluster it fronts (one that fronts nothing goes on top). Each cluster is one
 * box to ELK, its members side by side (in rows when it is large), so a cluster stays together under its
 * load balancer. The tiers are ELK partitions (`elk.partitioning.partition`): ELK keeps a lower
 * partition above a higher one whatever the links say.
 */
import type { NodeKind, Topology } from './types.ts';
import { buildGraph } from './graph.ts';
import { NODE_BOX } from './layout.ts';

/** The part of ELK's JSON graph this module writes and reads (elkjs's `ElkNode`, structurally). */
export interface LayoutGraph {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  layoutOptions?: Record<string, string>;
  children?: LayoutGraph[];
  edges?: { id: string; sources: string[]; targets: string[] }[];
}

/** ELK's `layout`, or anything that answers the same way (tests pass elkjs itself). */
export type LayoutEngine = (graph: LayoutGraph) => Promise<LayoutGraph>;

type Point = { x: number; y: number };

/** The tier of each kind, top first (even numbers: a load balancer takes the odd one above its cluster's). */
const TIERS: Record<NodeKind, number> = {
  gateway: 2,
  'control-plane': 4,
  'all-in-one': 4,
  'traffic-manager': 6,
  'key-manager': 8,
  'identity-server': 8,
  database: 10,
  redis: 10,
  'load-balancer': 0,
};

/** A node's box to ELK, and the step between two members of a cluster: with ELK's spacing, nodes never come closer than NODE_BOX. */
const NODE = { width: NODE_BOX.width - 20, height: NODE_BOX.height };
const STEP = { x: NODE_BOX.width, y: NODE_BOX.height + 20 };
const GRID = 20;

/** Members per row of a cluster's box: one row up to 6, then about three times as wide as tall. */
function columnsFor(members: number): number {
  return members <= 6 ? members : Math.ceil(Math.sqrt(members * 3));
}

const CLUSTER = 'cluster:';

/** Room between tiers for their rows: a tier of N columns' worth of nodes takes rows of about 2·√N columns. */
const TIER_SPAN = 1000;

/** How many rows a tier of items `units` columns wide in all takes, as the columns per row: about twice as wide as tall. */
function rowWidth(units: number): number {
  return Math.max(8, Math.ceil(Math.sqrt(units * 4)));
}

/**
 * The topology as ELK's input. Deterministic: nodes and links in the topology's order, a fixed seed.
 * Also returns, per cluster box, its members in order, which `positionsFrom` needs.
 *
 * A tier with many clusters (or nodes) is cut into rows, each cluster with its load balancer just above
 * it, so forty gateway clusters do not make one row 30,000 px wide: the partitions of a kind's tier are
 * `TIER_SPAN × tier + 2 × row` for its load balancers and `+ 1` for its clusters and single nodes.
 */
export function layoutGraph(topology: Topology): { graph: LayoutGraph; clusters: Map<string, string[]> } {
  const graph = buildGraph(topology);
  const clusters = new Map<string, string[]>();
  /** The ELK node that stands for a topology node: its cluster's box, or itself. */
  const boxOf = new Map<string, string>();
  /** The box a load balancer fronts. */
  const boxOfLb = new Map<string, string>();
  const unique = [...new Map(topology.nodes.map((n) => [n.id, n])).values()].filter((n) => graph.node(n.id) === n);
  for (const node of unique) {
    if (node.kind !== 'load-balancer') continue;
    const members = graph.frontedMembers(node.id).filter((m) => graph.frontedBy(m.id)?.id === node.id);
    if (members.length === 0) continue;
    const box = `${CLUSTER}${node.id}`;
    clusters.set(
      box,
      members.map((m) => m.id),
    );
    boxOfLb.set(node.id, box);
    for (const member of members) boxOf.set(member.id, box);
  }

  // The items of each tier (boxes and single nodes) in the topology's order, cut into rows.
  type Item = { id: string; kind: NodeKind; columns: number; rows: number };
  const items: Item[] = [];
  for (const node of unique) {
    const box = boxOf.get(node.id);
    if (box) {
      // The box goes where its first member comes in the topology's order.
      const members = clusters.get(box) ?? [];
      if (members[0] !== node.id) continue;
      const columns = columnsFor(members.length);
      items.push({ id: box, kind: node.kind, columns, rows: Math.ceil(members.length / columns) });
    } else if (!boxOfLb.has(node.id)) {
      boxOf.set(node.id, node.id);
      items.push({ id: node.id, kind: node.kind, columns: 1, rows: 1 });
    }
  }
  const partitionOf = new Map<string, number>();
  const units = new Map<NodeKind, number>();
  for (const item of items) units.set(item.kind, (units.get(item.kind) ?? 0) + item.columns);
  const filled = new Map<NodeKind, { row: number; used: number }>();
  for (const item of items) {
    // A load balancer that fronts nothing goes on top.
    if (item.kind === 'load-balancer') {
      partitionOf.set(item.id, 0);
      continue;
    }
    const width = rowWidth(units.get(item.kind) ?? 0);
    const at = filled.get(item.kind) ?? { row: 0, used: 0 };
    if (at.used > 0 && at.used + item.columns > width) {
      at.row++;
      at.used = 0;
    }
    at.used += item.columns;
    filled.set(item.kind, at);
    partitionOf.set(item.id, TIER_SPAN * TIERS[item.kind] + 2 * at.row + 1);
  }
  for (const [lb, box] of boxOfLb) {
    boxOf.set(lb, lb);
    partitionOf.set(lb, (partitionOf.get(box) ?? 1) - 1);
  }

  const sizes = new Map(items.map((item) => [item.id, item]));
  const children: LayoutGraph[] = [];
  for (const node of unique) {
    const id = boxOfLb.has(node.id) ? node.id : boxOf.get(node.id);
    if (!id || (id !== node.id && clusters.get(id)?.[0] !== node.id)) continue;
    const size = sizes.get(id) ?? { columns: 1, rows: 1 };
    children.push(child(id, partitionOf.get(id) ?? 0, (size.columns - 1) * STEP.x + NODE.width, (size.rows - 1) * STEP.y + NODE.height));
  }
  const tierOf = partitionOf;
  /** The partitions of each tier's last row (its clusters' and its load balancers'), and the top one. */
  const lastRows = new Set<number>([0]);
  for (const [kind, at] of filled) {
    lastRows.add(TIER_SPAN * TIERS[kind] + 2 * at.row + 1);
    lastRows.add(TIER_SPAN * TIERS[kind] + 2 * at.row);
  }

  const edges: NonNullable<LayoutGraph['edges']> = [];
  const edgeIds = new Set<string>();
  for (const link of topology.links) {
    const a = boxOf.get(link.from);
    const b = boxOf.get(link.to);
    if (!a || !b || a === b) continue;
    // Down the tiers, so ELK never has to turn an edge round against its partitions.
    const [from, to] = (tierOf.get(a) ?? 0) <= (tierOf.get(b) ?? 0) ? [a, b] : [b, a];
    // An edge from a row with more rows of its tier below it would cross them all, and ELK would make
    // room for it in each: only the last row's links leave the tier (the rows above follow them).
    const fromPartition = tierOf.get(from) ?? 0;
    if (Math.floor(fromPartition / TIER_SPAN) !== Math.floor((tierOf.get(to) ?? 0) / TIER_SPAN) && !lastRows.has(fromPartition)) continue;
    const id = `${from}->${to}`;
    if (edgeIds.has(id)) continue;
    edgeIds.add(id);
    edges.push({ id, sources: [from], targets: [to] });
  }

  return {
    graph: {
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'DOWN',
        'elk.partitioning.activate': 'true',
        // One layout for the whole topology, so the tiers line up across parts that share no link.
        'elk.separateConnectedComponents': 'false',
        'elk.spacing.nodeNode': '40',
        'elk.layered.spacing.nodeNodeBetweenLayers': '80',
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
        'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
        'elk.randomSeed': '1',
      },
      children,
      edges,
    },
    clusters,
  };
}

function child(id: string, partition: number, width: number, height: number): LayoutGraph {
  return { id, width, height, layoutOptions: { 'elk.partitioning.partition': String(partition) } };
}

const snap = (value: number) => Math.round(value / GRID) * GRID;

/** ELK's answer as a position per node: a cluster's members in rows inside its box, all on the canvas grid. */
export function positionsFrom(result: LayoutGraph, clusters: ReadonlyMap<string, readonly string[]>): Map<string, Point> {
  const positions = new Map<string, Point>();
  for (const box of result.children ?? []) {
    const x = box.x ?? 0;
    const y = box.y ?? 0;
    const members = clusters.get(box.id);
    if (!members) {
      positions.set(box.id, { x: snap(x), y: snap(y) });
      continue;
    }
    const columns = columnsFor(members.length);
    members.forEach((id, i) => positions.set(id, { x: snap(x + (i % columns) * STEP.x), y: snap(y + Math.floor(i / columns) * STEP.y) }));
  }
  return positions;
}

/** The positions of every node of `topology`, laid out in tiers by `engine` (ELK's layered algorithm). */
export async function autoLayout(topology: Topology, engine: LayoutEngine): Promise<Map<string, Point>> {
  const { graph, clusters } = layoutGraph(topology);
  return positionsFrom(await engine(graph), clusters);
}

/** The topology with nodes moved to `positions` (the others stay); the topology itself when none moves. */
export function withPositions<T extends Topology>(topology: T, positions: ReadonlyMap<string, Point>): T {
  let moved = false;
  const nodes = topology.nodes.map((node) => {
    const at = positions.get(node.id);
    if (!at || (at.x === node.x && at.y === node.y)) return node;
    moved = true;
    return { ...node, x: at.x, y: at.y };
  });
  return moved ? { ...topology, nodes } : topology;
}

/** The tier of a kind (a lower one is drawn higher); a load balancer's is the one above its cluster's. */
export const kindTier = (kind: NodeKind): number => TIERS[kind];
