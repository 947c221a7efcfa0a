/**
 * The topology as React Flow nodes and edges. Derived, and cached per topology node: a node whose
 * topology object, selection, problems and measured size did not change keeps its React Flow object, so
 * dragging one node re-renders one node.
 */
import { Position } from '@xyflow/react';
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import type { Diagnostic, Link, NodeKind, Severity, Topology, TopologyNode } from '../../model/index.ts';
import { KIND_NAMES, buildGraph, linkCaption, linkId, linkVerdict } from '../../model/index.ts';

export interface NodeProblems {
  severity: Severity;
  count: number;
  messages: string[];
}

export type FlowNodeData = { node: TopologyNode; problems?: NodeProblems | undefined };
export type FlowNode = Node<FlowNodeData, 'topology'>;
export type FlowEdge = Edge<{
  caption: string;
  severity?: Severity | undefined;
  /** An edge that stands for several links (from a cluster's group): their ids. */
  links?: string[] | undefined;
}>;

/** A cluster drawn as a group: the rectangle around the members of one load balancer. */
export type GroupNodeData = { lb: string; lbLabel: string; kind: NodeKind; members: string[] };
export type GroupNode = Node<GroupNodeData, 'cluster'>;
export type CanvasNode = FlowNode | GroupNode;

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Problems per node and per link id, worst severity first. */
export function problemsBy(diagnostics: readonly Diagnostic[]): { nodes: Map<string, NodeProblems>; links: Map<string, Severity> } {
  const nodes = new Map<string, NodeProblems>();
  const links = new Map<string, Severity>();
  for (const d of diagnostics) {
    for (const id of d.nodeIds) {
      const current = nodes.get(id);
      if (!current) nodes.set(id, { severity: d.severity, count: 1, messages: [d.message] });
      else {
        current.count++;
        current.messages.push(d.message);
        if (RANK[d.severity] > RANK[current.severity]) current.severity = d.severity;
      }
    }
    for (const id of d.linkIds) {
      const current = links.get(id);
      if (!current || RANK[d.severity] > RANK[current]) links.set(id, d.severity);
    }
  }
  return { nodes, links };
}

/**
 * Whether two results of problemsBy say the same: each node's badge (severity, count, messages) and each
 * link's severity. New files after an edit mostly carry the same diagnostics in new objects.
 */
export function sameProblems(a: ReturnType<typeof problemsBy>, b: ReturnType<typeof problemsBy>): boolean {
  if (a === b) return true;
  if (a.nodes.size !== b.nodes.size || a.links.size !== b.links.size) return false;
  for (const [id, problems] of a.nodes) if (problemKey(problems) !== problemKey(b.nodes.get(id))) return false;
  for (const [id, severity] of a.links) if (b.links.get(id) !== severity) return false;
  return true;
}

export function createFlowCache() {
  const cache = new Map<string, { key: unknown[]; flow: FlowNode }>();

  function toFlowNodes(
    topology: Pick<Topology, 'nodes'>,
    selected: ReadonlySet<string>,
    problems: ReadonlyMap<string, NodeProblems>,
    /** Give each node a size and handles before it is measured (`ESTIMATE`): a large canvas, drawn only in view. */
    estimate = false,
    /** The first this many nodes only (a large topology drawn a batch at a time). */
    limit = Infinity,
  ): FlowNode[] {
    const seen = new Set<string>();
    // In reading order (rows, then left to right): the order the nodes take in the DOM, so in the Tab
    // order. By the topology's positions, so the order holds still during a drag (sorted once per topology).
    const sorted = inReadingOrder(topology);
    const result = (limit < sorted.length ? sorted.slice(0, limit) : sorted).map((node) => {
      seen.add(node.id);
      const key = [node, selected.has(node.id), problemKey(problems.get(node.id)), estimate];
      const hit = cache.get(node.id);
      if (hit && hit.key.every((part, i) => part === key[i])) return hit.flow;
      const flow: FlowNode = {
        id: node.id,
        type: 'topology',
        position: { x: node.x, y: node.y },
        data: { node, problems: problems.get(node.id) },
        selected: selected.has(node.id),
        ariaLabel: `${KIND_NAMES[node.kind]} ${node.label}`,
        ...(estimate ? ESTIMATE : {}),
      };
      cache.set(node.id, { key, flow });
      return flow;
    });
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return result;
  }

  return { toFlowNodes };
}

/**
 * The canvas's nodes after the topology changed: the new ones from `source`, keeping what React Flow
 * learnt of each node (its measured size), and keeping the very object of a node that did not change,
 * so React Flow re-renders only what changed.
 */
export function reconcileNodes(current: readonly FlowNode[], source: readonly FlowNode[]): FlowNode[] {
  const before = new Map(current.map((node) => [node.id, node]));
  return source.map((next) => {
    const old = before.get(next.id);
    if (!old) return next;
    const same =
      old.data === next.data &&
      old.selected === next.selected &&
      old.position.x === next.position.x &&
      old.position.y === next.position.y &&
      old.ariaLabel === next.ariaLabel;
    if (same) return old;
    return old.measured ? measuredAs(next, old.measured) : next;
  });
}

/**
 * A node's size and handles before React Flow has measured it, as React Flow takes them from a server-rendered page:
 * with them, a node out of view is neither drawn nor measured, and the links of the nodes in view are drawn all the
 * same. Without them, React Flow draws every node once to measure it, culling or not: 5,000 nodes at once. Its
 * handles are where the stylesheet puts them (app.css: 8 px, centred on the top and bottom edges).
 */
const ESTIMATE_SIZE = { width: 180, height: 60 };
const ESTIMATE: Pick<FlowNode, 'initialWidth' | 'initialHeight' | 'handles'> = {
  initialWidth: ESTIMATE_SIZE.width,
  initialHeight: ESTIMATE_SIZE.height,
  handles: [
    { type: 'target', position: Position.Top, x: ESTIMATE_SIZE.width / 2 - 4, y: -4, width: 8, height: 8 },
    { type: 'source', position: Position.Bottom, x: ESTIMATE_SIZE.width / 2 - 4, y: ESTIMATE_SIZE.height - 4, width: 8, height: 8 },
  ] satisfies NodeHandle[],
};

/**
 * `node` as React Flow measured it: its size, and no estimated handles, so React Flow keeps the handles it measured
 * (it reads a node's given handles over its own).
 */
export function measuredAs(node: FlowNode, measured: NonNullable<FlowNode['measured']>): FlowNode {
  const copy: FlowNode = { ...node, measured };
  delete copy.handles;
  return copy;
}

/** A value made once per nodes and links arrays (all it reads of the topology), kept while both arrays live. */
function perNodesAndLinks<T>(make: (topology: Pick<Topology, 'nodes' | 'links'>) => T): (topology: Pick<Topology, 'nodes' | 'links'>) => T {
  const cache = new WeakMap<readonly Link[], WeakMap<readonly TopologyNode[], T>>();
  return (topology) => {
    let byNodes = cache.get(topology.links);
    if (!byNodes) cache.set(topology.links, (byNodes = new WeakMap()));
    let value = byNodes.get(topology.nodes);
    if (value === undefined) byNodes.set(topology.nodes, (value = make(topology)));
    return value;
  };
}

/**
 * One graph per nodes and links arrays (buildGraph reads nothing else), shared by the edges and the clusters: at
 * 5,000 nodes and 15,000 links each build is tens of milliseconds of the task that first draws an opened topology,
 * and the edges are made again when the problems arrive, with the same nodes and links.
 */
const sharedGraph = perNodesAndLinks((topology) => buildGraph(topology as Topology));

/** What an edge needs of a link that depends on the topology's nodes and links alone: its id and caption, and whether the link rules allow it. */
interface LinkFact {
  id: string;
  caption: string;
  allowed: boolean;
}

/** The facts of a topology's links, worked out up to `done` (the rest on first asking): see `prepareFlow`. */
class LinkFacts {
  private readonly facts: LinkFact[] = [];
  constructor(private readonly topology: Pick<Topology, 'nodes' | 'links'>) {}

  /** Works out the facts of the links before `end`. */
  fill(end: number): void {
    const { links } = this.topology;
    const graph = sharedGraph(this.topology);
    for (let i = this.facts.length; i < Math.min(end, links.length); i++) {
      const link = links[i];
      if (!link) break;
      const from = graph.node(link.from);
      const to = graph.node(link.to);
      const verdict = from && to ? linkVerdict(from, to, graph.frontedKind) : undefined;
      this.facts.push({
        id: linkId(link),
        caption: verdict?.ok ? linkCaption(verdict.link) : 'not allowed',
        allowed: verdict?.ok === true,
      });
    }
  }

  of(index: number): LinkFact {
    if (index >= this.facts.length) this.fill(this.topology.links.length);
    const fact = this.facts[index];
    if (!fact) throw new Error(`no link at ${index}`);
    return fact;
  }
}

const linkFacts = perNodesAndLinks((topology) => new LinkFacts(topology));

/** Links whose facts `prepareFlow` works out in one step. */
const LINKS_PER_STEP = 4000;

/**
 * What the canvas derives from a topology's nodes and links alone (its graph, clusters, reading order and each link's
 * facts), worked out one step at a time before the topology reaches the store: the page runs each step in a task of
 * its own, so the render that first draws a large topology finds them done instead of doing all of it in one task.
 * The results are cached by the nodes and links arrays, which the store keeps.
 */
export function* prepareFlow(topology: Pick<Topology, 'nodes' | 'links'>): Generator<void, void, void> {
  sharedGraph(topology);
  yield;
  canvasClusters(topology);
  yield;
  inReadingOrder(topology);
  yield;
  const facts = linkFacts(topology);
  for (let end = LINKS_PER_STEP; end < topology.links.length + LINKS_PER_STEP; end += LINKS_PER_STEP) {
    facts.fill(end);
    yield;
  }
}

const sortedNodes = new WeakMap<readonly TopologyNode[], TopologyNode[]>();

/** The topology's nodes in reading order, sorted once per nodes array. */
function inReadingOrder(topology: Pick<Topology, 'nodes'>): TopologyNode[] {
  let sorted = sortedNodes.get(topology.nodes);
  if (!sorted) sortedNodes.set(topology.nodes, (sorted = [...topology.nodes].sort(readingOrder)));
  return sorted;
}

/** Top to bottom by rows of about a node's height, then left to right. */
export function readingOrder(a: { x: number; y: number }, b: { x: number; y: number }): number {
  const row = (p: { y: number }) => Math.floor(p.y / 60);
  return row(a) - row(b) || a.x - b.x || a.y - b.y;
}

/** A string that changes when the badge would: the same problems give the same key. */
function problemKey(problems: NodeProblems | undefined): string | undefined {
  return problems && `${problems.severity}:${problems.count}:${problems.messages.join('\n')}`;
}

/**
 * The links as edges. With `groups` (member id → its group's id), the links of a cluster drawn as a group
 * become one edge per (group → node or group) pair, named and labelled with how many links it stands for
 * and carrying the worst severity among them: a load balancer's "fronts" links become one edge to its
 * group, its members' calls one edge per cluster called. A link in error keeps an edge of its own, so it
 * is drawn, named and reached by the keyboard as it always was.
 */
export function toFlowEdges(
  topology: Topology,
  selected: ReadonlySet<string>,
  problems: ReadonlyMap<string, Severity>,
  groups?: ReadonlyMap<string, string>,
): FlowEdge[] {
  const facts = linkFacts(topology);
  const edges: FlowEdge[] = [];
  type Bundle = { source: string; target: string; ids: string[]; captions: Set<string>; severity?: Severity };
  // By source, then target (no key string made per link), and in the order they were first met.
  const bundleOf = new Map<string, Map<string, Bundle>>();
  const bundles: Bundle[] = [];
  topology.links.forEach((link, index) => {
    const { id, caption, allowed } = facts.of(index);
    const severity = problems.get(id) ?? (allowed ? undefined : 'error');
    const source = groups?.get(link.from) ?? link.from;
    const target = groups?.get(link.to) ?? link.to;
    if (severity !== 'error' && source !== target && (source !== link.from || target !== link.to)) {
      let byTarget = bundleOf.get(source);
      if (!byTarget) bundleOf.set(source, (byTarget = new Map()));
      let bundle = byTarget.get(target);
      if (!bundle) {
        byTarget.set(target, (bundle = { source, target, ids: [], captions: new Set() }));
        bundles.push(bundle);
      }
      bundle.ids.push(id);
      bundle.captions.add(caption);
      if (severity && (!bundle.severity || RANK[severity] > RANK[bundle.severity])) bundle.severity = severity;
      return;
    }
    edges.push({
      id,
      type: 'floating',
      source: link.from,
      target: link.to,
      label: caption,
      selected: selected.has(id),
      ...(severity ? { className: `edge-${severity}` } : {}),
      ariaLabel: `Link ${link.from} to ${link.to}: ${caption}`,
      data: { caption, severity },
    });
  });
  for (const bundle of bundles) {
    const { ids } = bundle;
    const caption = [...bundle.captions].join(' · ');
    const count = ids.length;
    const name = (end: string) => (end.startsWith(GROUP_PREFIX) ? `cluster ${end.slice(GROUP_PREFIX.length)}` : end);
    edges.push({
      id: `${BUNDLE_PREFIX}${bundle.source}->${bundle.target}`,
      type: 'floating',
      source: bundle.source,
      target: bundle.target,
      label: count > 1 ? `${caption} ×${count}` : caption,
      selected: ids.some((id) => selected.has(id)),
      ...(bundle.severity ? { className: `edge-${bundle.severity}` } : {}),
      ariaLabel: `${count === 1 ? 'Link' : `${count} links`} ${name(bundle.source)} to ${name(bundle.target)}: ${caption}`,
      data: { caption, severity: bundle.severity, links: ids },
    });
  }
  return edges;
}

/** Group node ids: `group:<load balancer id>`. */
export const GROUP_PREFIX = 'group:';
/** Ids of edges that stand for several links: `links:<source>-><target>`. */
export const BUNDLE_PREFIX = 'links:';

export interface CanvasCluster {
  lb: TopologyNode;
  kind: NodeKind;
  members: string[];
}

const clusterCache = new WeakMap<readonly Link[], WeakMap<readonly TopologyNode[], CanvasCluster[]>>();

/**
 * The clusters drawn as groups: each load balancer with two members or more that it alone fronts, in
 * the topology's order. Computed once per nodes and links arrays.
 */
export function canvasClusters(topology: Pick<Topology, 'nodes' | 'links'>): CanvasCluster[] {
  let byNodes = clusterCache.get(topology.links);
  if (!byNodes) clusterCache.set(topology.links, (byNodes = new WeakMap()));
  const hit = byNodes.get(topology.nodes);
  if (hit) return hit;
  const graph = sharedGraph(topology);
  const clusters: CanvasCluster[] = [];
  for (const node of topology.nodes) {
    if (node.kind !== 'load-balancer' || graph.node(node.id) !== node) continue;
    const members = graph.frontedMembers(node.id).filter((m) => graph.frontedBy(m.id)?.id === node.id);
    const first = members[0];
    if (first && members.length >= 2) clusters.push({ lb: node, kind: first.kind, members: members.map((m) => m.id) });
  }
  byNodes.set(topology.nodes, clusters);
  return clusters;
}

/** Member id → the id of its group's node. */
export function groupOfMember(clusters: readonly CanvasCluster[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const cluster of clusters) for (const id of cluster.members) map.set(id, `${GROUP_PREFIX}${cluster.lb.id}`);
  return map;
}

/** Room around the members inside a group, and above them for its name. */
const PAD = { side: 16, top: 34 };
/** A node's size before React Flow has measured it. */
const UNMEASURED = ESTIMATE_SIZE;

/**
 * The group nodes around the clusters' members, from where the members are (the canvas passes their
 * places at the last drop: a group holds still during a drag), so a group follows its members. A group whose box, name and selection did not change keeps its object.
 * A group is selected when all its members are. Only members drawn count; a group with fewer than two
 * drawn is not drawn yet.
 */
export function createGroupCache() {
  const cache = new Map<string, GroupNode>();
  return function toGroupNodes(clusters: readonly CanvasCluster[], nodes: readonly FlowNode[], selected: ReadonlySet<string>): GroupNode[] {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const result: GroupNode[] = [];
    const seen = new Set<string>();
    for (const cluster of clusters) {
      let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
      let drawn = 0;
      for (const id of cluster.members) {
        const node = byId.get(id);
        if (!node) continue;
        drawn++;
        const { x, y } = node.position;
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x + (node.measured?.width ?? UNMEASURED.width));
        maxY = Math.max(maxY, y + (node.measured?.height ?? UNMEASURED.height));
      }
      if (drawn < 2) continue;
      const id = `${GROUP_PREFIX}${cluster.lb.id}`;
      seen.add(id);
      const position = { x: minX - PAD.side, y: minY - PAD.top };
      const width = maxX - minX + PAD.side * 2;
      const height = maxY - minY + PAD.top + PAD.side;
      const isSelected = cluster.members.every((m) => selected.has(m));
      const old = cache.get(id);
      if (
        old &&
        old.position.x === position.x &&
        old.position.y === position.y &&
        old.width === width &&
        old.height === height &&
        old.selected === isSelected &&
        old.data.lbLabel === cluster.lb.label &&
        old.data.members.join() === cluster.members.join()
      ) {
        result.push(old);
        continue;
      }
      const group: GroupNode = {
        id,
        type: 'cluster',
        position,
        width,
        height,
        data: { lb: cluster.lb.id, lbLabel: cluster.lb.label, kind: cluster.kind, members: cluster.members },
        selected: isSelected,
        draggable: false,
        connectable: false,
        // Behind its members (a selected group is raised, but its members are selected with it).
        zIndex: -1,
        ariaLabel: `Cluster ${cluster.lb.id}: ${cluster.members.length} ${KIND_NAMES[cluster.kind]} nodes behind ${cluster.lb.label}`,
      };
      cache.set(id, group);
      result.push(group);
    }
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return result;
  };
}
