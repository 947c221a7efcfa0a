/**
 * The topology as React Flow nodes and edges. Derived, and cached per topology node: a node whose
 * topology object, selection, problems and measured size did not change keeps its React Flow object, so
 * dragging one node re-renders one node.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Diagnostic, Severity, Topology, TopologyNode } from '../../model/index.ts';
import { KIND_NAMES, buildGraph, linkCaption, linkId, linkVerdict } from '../../model/index.ts';

export interface NodeProblems {
  severity: Severity;
  count: number;
  messages: string[];
}

export type FlowNodeData = { node: TopologyNode; problems?: NodeProblems | undefined };
export type FlowNode = Node<FlowNodeData, 'topology'>;
export type FlowEdge = Edge<{ caption: string; severity?: Severity | undefined }>;

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

export function createFlowCache() {
  const cache = new Map<string, { key: unknown[]; flow: FlowNode }>();

  function toFlowNodes(topology: Topology, selected: ReadonlySet<string>, problems: ReadonlyMap<string, NodeProblems>): FlowNode[] {
    const seen = new Set<string>();
    // In reading order (rows, then left to right): the order the nodes take in the DOM, so in the Tab
    // order. By the topology's positions, so the order holds still during a drag (sorted once per topology).
    const result = inReadingOrder(topology).map((node) => {
      seen.add(node.id);
      const key = [node, selected.has(node.id), problemKey(problems.get(node.id))];
      const hit = cache.get(node.id);
      if (hit && hit.key.every((part, i) => part === key[i])) return hit.flow;
      const flow: FlowNode = {
        id: node.id,
        type: 'topology',
        position: { x: node.x, y: node.y },
        data: { node, problems: problems.get(node.id) },
        selected: selected.has(node.id),
        ariaLabel: `${KIND_NAMES[node.kind]} ${node.label}`,
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
    return old.measured ? { ...next, measured: old.measured } : next;
  });
}

const sortedNodes = new WeakMap<Topology, TopologyNode[]>();

/** The topology's nodes in reading order, sorted once per topology. */
function inReadingOrder(topology: Topology): TopologyNode[] {
  let sorted = sortedNodes.get(topology);
  if (!sorted) sortedNodes.set(topology, (sorted = [...topology.nodes].sort(readingOrder)));
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

export function toFlowEdges(topology: Topology, selected: ReadonlySet<string>, problems: ReadonlyMap<string, Severity>): FlowEdge[] {
  const graph = buildGraph(topology);
  return topology.links.map((link) => {
    const id = linkId(link);
    const from = graph.node(link.from);
    const to = graph.node(link.to);
    const verdict = from && to ? linkVerdict(from, to, graph.frontedKind) : undefined;
    const caption = verdict?.ok ? linkCaption(verdict.link) : 'not allowed';
    const severity = problems.get(id) ?? (verdict?.ok ? undefined : 'error');
    return {
      id,
      type: 'floating',
      source: link.from,
      target: link.to,
      label: caption,
      selected: selected.has(id),
      ...(severity ? { className: `edge-${severity}` } : {}),
      ariaLabel: `Link ${link.from} to ${link.to}: ${caption}`,
      data: { caption, severity },
    };
  });
}
