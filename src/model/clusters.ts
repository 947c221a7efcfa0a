/**
 * Growing and shrinking clusters as pure edits. A cluster is the nodes one load balancer fronts; its
 * members are configured alike (graph.ts), so a new member takes a member's links, labels and
 * settings, on a host and offset of its own; removing members keeps the rest wired; duplicating nodes
 * keeps their links to the nodes around them.
 */
import type { Link, LoadBalancerNode, Topology, TopologyNode } from './types.ts';
import { isApimNode } from './kinds.ts';
import { freeOffset, nextId, sameLink } from './edits.ts';
import { NODE_BOX, freePosition, freeShift } from './layout.ts';

/** The load balancer in front of a node, or the node itself when it is a load balancer fronting nodes, with its members. */
export function clusterAround(topology: Topology, id: string): { lb: LoadBalancerNode; members: TopologyNode[] } | undefined {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const node = byId.get(id);
  if (!node) return undefined;
  const membersOf = (lb: LoadBalancerNode) =>
    topology.links
      .filter((l) => l.from === lb.id)
      .map((l) => byId.get(l.to))
      .filter((n): n is TopologyNode => n !== undefined && isApimNode(n));
  if (node.kind === 'load-balancer') {
    const members = membersOf(node);
    return members.length ? { lb: node, members } : undefined;
  }
  if (!isApimNode(node)) return undefined;
  for (const link of topology.links) {
    const lb = link.to === id ? byId.get(link.from) : undefined;
    if (lb?.kind === 'load-balancer') return { lb, members: membersOf(lb) };
  }
  return undefined;
}

/** `Gateway 2` → `Gateway 3` (the next number no node's label has); a label that is the id follows the id. */
function labelFor(topology: Topology, template: TopologyNode, id: string): string {
  if (template.label === template.id) return id;
  const numbered = /^(.*?)(\d+)$/.exec(template.label);
  if (!numbered) return template.label;
  const labels = new Set(topology.nodes.map((n) => n.label));
  for (let n = Number(numbered[2]) + 1; ; n++) if (!labels.has(`${numbered[1]}${n}`)) return `${numbered[1]}${n}`;
}

/** `gw-2.example.com` → `gw-5.example.com` for a host named after its node; any other host is kept (with a free offset). */
function hostFor(template: TopologyNode & { host: string }, id: string): string {
  return template.host.startsWith(`${template.id}.`) ? `${id}${template.host.slice(template.id.length)}` : template.host;
}

/** A copy of a node under a new id: label, host and offset of its own; settings, labels and all else the same. */
function copyOf(topology: Topology, template: TopologyNode, id: string, at: { x: number; y: number }): TopologyNode {
  const copy = { ...template, id, label: labelFor(topology, template, id), x: at.x, y: at.y } as TopologyNode;
  const host = hostFor(template, id);
  if (!isApimNode(copy)) return { ...copy, host };
  // A node IP belongs to one machine, a gateway_id to one gateway.
  const { nodeIp: _nodeIp, gatewayId: _gatewayId, ...rest } = copy as typeof copy & { gatewayId?: string | undefined };
  return { ...rest, host, offset: freeOffset(topology, host) };
}

function withLinks(topology: Topology, links: Link[]): Topology {
  const added: Link[] = [];
  for (const link of links) {
    if (link.from === link.to) continue;
    if ([...topology.links, ...added].some((l) => sameLink(l, link))) continue;
    added.push(link);
  }
  return added.length ? { ...topology, links: [...topology.links, ...added] } : topology;
}

/**
 * Copies of the nodes, in free space, each with the links it had: the links among the copied nodes
 * join the copies, and a link to a node outside the set joins the copy to that node too — except a
 * load balancer's, so a copy of one never fronts the originals' members.
 */
export function duplicateNodes(
  topology: Topology,
  ids: readonly string[],
  preferred: { x: number; y: number } = { x: NODE_BOX.width, y: 0 },
): { topology: Topology; ids: string[] } {
  const chosen = new Set(ids);
  const originals = topology.nodes.filter((n) => chosen.has(n.id));
  const shift = freeShift(topology, originals, preferred);
  let next = topology;
  const renamed = new Map<string, string>();
  for (const node of originals) {
    const id = nextId(next, node.kind);
    renamed.set(node.id, id);
    next = { ...next, nodes: [...next.nodes, copyOf(next, node, id, { x: node.x + shift.x, y: node.y + shift.y })] };
  }
  const kind = new Map(topology.nodes.map((n) => [n.id, n.kind]));
  const links: Link[] = [];
  for (const link of topology.links) {
    const from = renamed.get(link.from);
    const to = renamed.get(link.to);
    if (from && to) links.push({ from, to });
    else if (from && kind.get(link.from) !== 'load-balancer') links.push({ from, to: link.to });
    else if (to) links.push({ from: link.from, to });
  }
  return { topology: withLinks(next, links), ids: [...renamed.values()] };
}

/**
 * "Add member": one more node in the cluster of `id` (a load balancer, or a node behind one), like its
 * last member: the same links (so the same load balancer, control planes, traffic managers and
 * databases), labels and settings, on a free host and offset, beside the cluster.
 */
export function addClusterMember(
  topology: Topology,
  id: string,
): { ok: true; topology: Topology; id: string } | { ok: false; reason: string } {
  const cluster = clusterAround(topology, id);
  const template = cluster?.members.at(-1);
  if (!cluster || !template) return { ok: false, reason: `${id} is not in a cluster: put it behind a load balancer first` };
  const right = Math.max(...cluster.members.map((m) => m.x));
  const at = freePosition(topology, { x: right + NODE_BOX.width, y: template.y });
  const result = duplicateNodes(topology, [template.id], { x: at.x - template.x, y: at.y - template.y });
  const [copy] = result.ids;
  if (copy === undefined) throw new Error(`duplicating ${template.id} gave no node`);
  return { ok: true, topology: result.topology, id: copy };
}

/**
 * Removes nodes and their links, keeping every cluster that loses members wired: a link a removed
 * member had to a node outside its cluster moves to a remaining member that lacks one (a cluster is
 * wired through any of its members, so the last one to carry a link must not take it along).
 */
export function removeNodesKeepingClusters(topology: Topology, ids: Iterable<string>): Topology {
  const gone = new Set(ids);
  if (gone.size === 0) return topology;
  const kept: Link[] = [];
  for (const id of gone) {
    const cluster = clusterAround(topology, id);
    if (!cluster || cluster.lb.id === id || gone.has(cluster.lb.id)) continue;
    const remaining = cluster.members.filter((m) => !gone.has(m.id));
    const [heir] = remaining;
    if (!heir) continue;
    const members = new Set(cluster.members.map((m) => m.id));
    for (const link of topology.links) {
      if (link.from === cluster.lb.id) continue; // the fronting links
      const other = link.from === id ? link.to : link.to === id ? link.from : undefined;
      if (other === undefined || members.has(other) || gone.has(other)) continue;
      const carried = [...topology.links, ...kept].some((l) => remaining.some((m) => sameLink(l, { from: m.id, to: other })));
      if (!carried) kept.push(link.from === id ? { from: heir.id, to: other } : { from: other, to: heir.id });
    }
  }
  return {
    ...topology,
    nodes: topology.nodes.filter((node) => !gone.has(node.id)),
    links: [...topology.links.filter((link) => !gone.has(link.from) && !gone.has(link.to)), ...kept],
  };
}
