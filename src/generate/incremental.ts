/**
 * Incremental generation: `update(topology)` gives exactly `generateBundle(topology)` (the same files in the same
 * order, the same diagnostics in the same order), but writes again only the files the change can affect, and keeps
 * the others from the previous update. Pure: no clock, no React; the page's worker keeps one (ui/generation.worker.ts).
 *
 * What it keys on: the nodes whose fields changed (position aside: no file but topology.json reads it), were added
 * or removed, or gained or lost a link (the seeds), in the previous topology and the new one. A node whose label
 * alone changed is no seed: its own file and the nginx.conf of a load balancer linked to it are written again, as
 * they are the files that name it by its label. Else a file is written again when its owner is
 * - an API-M node in the cluster of an API-M seed, or in a cluster wired to it, of any kind (`graph.clusterOf` and
 *   `wiredClusters` are the resolvers every generator reads its neighbours through, and the keys of the per-cluster
 *   memo, context.ts); a load balancer, database, Redis or Identity Server seed stands for the API-M nodes linked to
 *   it, and a node fronted by two load balancers (APIM-reported) for the members of both, and their callers;
 * - a node of a tier every member lists (control planes, traffic managers, All-in-One nodes) when a seed is of that
 *   tier, and every control plane when a traffic manager is a seed (they check whether any exists);
 * - a load balancer that is a seed or fronts a cluster above;
 * - an Identity Server (there are few, and each reads its users' clusters and databases).
 *
 * A change of settings, product, name, platform, or of the order of nodes or links makes everything again. Always
 * made again, since they are whole-topology files: validate, the custom TOML problems, the runbook, topology.json,
 * the picture and hosts. network.md, network.csv and the certificates are kept when only labels and positions
 * changed, which they do not read. The property test (tests/generate/incremental.test.ts) holds the output to
 * `generateBundle` after random sequences of edits.
 */
import type { ApimKind, ApimNode, Link, Topology, TopologyGraph, TopologyNode } from '../model/index.ts';
import { buildGraph, isApimNode, platformOf } from '../model/index.ts';
import { validate } from '../validate/index.ts';
import type { Bundle, BundleOptions, FileOwner, FilePart } from './bundle.ts';
import { assembleBundle, filePart, generationWork, kubernetesBundle } from './bundle.ts';
import { networkFiles } from './networkFiles.ts';
import type { NetworkResult } from './networkFiles.ts';
import { generationContext } from './context.ts';

interface Previous {
  topology: Topology;
  graph: TopologyGraph;
  parts: Map<string, FilePart>;
  network: NetworkResult;
}

/** Tiers whose every member's file lists the whole tier. */
const TIERS: ReadonlySet<ApimKind> = new Set<ApimKind>(['control-plane', 'traffic-manager', 'all-in-one']);

export class IncrementalGenerator {
  private previous: Previous | undefined;
  /** How many files the last update wrote (the rest it kept): for the benchmark and the tests. */
  written = 0;
  /** Whether the last update kept network.md, network.csv and the certificates as they were. */
  networkKept = false;

  update(topology: Topology, options: BundleOptions = {}): Bundle {
    const graph = buildGraph(topology);
    const context = generationContext(topology, graph);
    const diagnostics = validate(topology, graph);
    if (platformOf(topology.settings) === 'kubernetes') {
      this.previous = undefined;
      this.written = 0;
      this.networkKept = false;
      return kubernetesBundle(context, diagnostics, options);
    }
    const previous = this.previous;
    const affected = previous ? affectedOwners(previous.topology, previous.graph, topology, graph) : 'all';
    const work = generationWork();
    const parts = new Map<string, FilePart>();
    let written = 0;
    let network: NetworkResult | undefined;
    const bundle = assembleBundle(
      context,
      diagnostics,
      options,
      (owner) => {
        const key = `${owner.kind}\u0000${owner.node.id}`;
        const kept = affected === 'all' || affected.owner(owner) ? undefined : previous?.parts.get(key);
        const part = kept ?? filePart(context, owner, work);
        if (!kept) written++;
        parts.set(key, part);
        return part;
      },
      (documents) => (network = affected !== 'all' && !affected.network && previous ? previous.network : networkFiles(context, documents)),
    );
    if (!network) throw new Error('the bundle was assembled without its network files');
    this.previous = { topology, graph, parts, network };
    this.written = written;
    this.networkKept = network === previous?.network;
    return bundle;
  }
}

/** What a change affects: whether an owner's file must be written again, and the network files; or 'all'. */
interface Affected {
  owner: (owner: FileOwner) => boolean;
  /**
   * Whether the connections may have changed. They are read off the documents' tables, the load balancers' plans and
   * the nodes' ids, hosts and ports: a change of labels and positions alone leaves them, and the certificates, as
   * they were.
   */
  network: boolean;
}

function affectedOwners(before: Topology, beforeGraph: TopologyGraph, after: Topology, afterGraph: TopologyGraph): 'all' | Affected {
  if (
    before.name !== after.name ||
    before.product !== after.product ||
    before.format !== after.format ||
    (before.settings !== after.settings && !sameValue(before.settings, after.settings))
  ) {
    return 'all';
  }
  const changed = changedNodes(before.nodes, after.nodes);
  if (changed === 'all') return 'all';
  const { seeds, relabeled } = changed;
  const linkSeeds = changedLinks(before.links, after.links);
  if (linkSeeds === 'all') return 'all';
  for (const id of linkSeeds) seeds.add(id);
  if (seeds.size === 0 && relabeled.size === 0) return { owner: () => false, network: false };

  const nodes = new Set<string>();
  for (const [topology, graph] of [
    [before, beforeGraph],
    [after, afterGraph],
  ] as const) {
    reach(topology, graph, seeds, nodes);
  }
  // A label is written in its node's own file and in the nginx.conf of each load balancer in front of it (an upstream
  // member's comment; see below), and read by no other file a node has.
  for (const id of relabeled) nodes.add(id);
  const owner = (owner: FileOwner) => {
    if (owner.kind === 'identity-server' || nodes.has(owner.node.id)) return true;
    // A load balancer is in `nodes` with the cluster it fronts (addCluster); but a node fronted twice (APIM-reported)
    // belongs to its first load balancer's cluster, and the second one's nginx.conf lists it too.
    if (owner.kind !== 'nginx.conf') return false;
    const fronted = (graph: TopologyGraph) => graph.frontedMembers(owner.node.id).some((member) => nodes.has(member.id));
    return fronted(beforeGraph) || fronted(afterGraph);
  };
  return { owner, network: seeds.size > 0 };
}

/** The nodes whose files a change to `seeds` can affect in `graph`, into `out`. */
function reach(topology: Topology, graph: TopologyGraph, seeds: ReadonlySet<string>, out: Set<string>): void {
  // The API-M nodes a seed stands for: itself, or the API-M nodes linked to it either way.
  let neighbours: Map<string, string[]> | undefined;
  const linked = (id: string): string[] => {
    if (!neighbours) {
      neighbours = new Map();
      for (const { from, to } of topology.links) {
        push(neighbours, from, to);
        push(neighbours, to, from);
      }
    }
    return neighbours.get(id) ?? [];
  };
  const apim = new Set<ApimNode>();
  for (const id of seeds) {
    out.add(id);
    const node = graph.node(id);
    if (!node) continue;
    if (isApimNode(node)) {
      apim.add(node);
      continue;
    }
    for (const other of linked(id)) {
      const peer = graph.node(other);
      if (peer && isApimNode(peer)) apim.add(peer);
    }
  }
  // A node fronted twice (APIM-reported) is in its first load balancer's cluster, but every member of the second
  // one's reads it too (its cluster's members are the second load balancer's): they are seeds as well.
  const fronting = (member: ApimNode) => linked(member.id).filter((lb) => graph.frontedMembers(lb).includes(member));
  for (const node of apim) {
    for (const lb of fronting(node)) for (const member of graph.frontedMembers(lb)) apim.add(member);
  }
  const tiers = new Set<ApimKind>();
  const done = new Set<string>();
  // The clusters wired to a seed's cluster: those of every API-M node linked to a member or to its load balancer, and
  // of every node fronted by a load balancer a member calls. That is what `graph.wiredClusters` finds, of every kind
  // at once and kind aside: a load balancer fronting nodes of two kinds (APIM-reported) makes one cluster of the kind
  // of its first member, which `wiredClusters` of the other kind passes over, though those members read the seed too.
  const met = new Set<string>();
  const addNeighbour = (peer: TopologyNode | undefined) => {
    if (!peer || met.has(peer.id)) return;
    met.add(peer.id);
    if (isApimNode(peer)) addCluster(graph.clusterOf(peer), out);
    else if (peer.kind === 'load-balancer') for (const member of graph.frontedMembers(peer.id)) addNeighbour(member);
  };
  for (const node of apim) {
    if (TIERS.has(node.kind)) tiers.add(node.kind);
    if (node.kind === 'traffic-manager') tiers.add('control-plane');
    const cluster = graph.clusterOf(node);
    if (done.has(cluster.key)) continue; // wiredClusters answers per cluster
    done.add(cluster.key);
    addCluster(cluster, out);
    for (const member of cluster.members) for (const id of linked(member.id)) addNeighbour(graph.node(id));
    if (cluster.lb) for (const id of linked(cluster.lb.id)) addNeighbour(graph.node(id));
    // Nodes calling a second load balancer in front of a member are wired to the cluster of that load balancer's
    // first member (graph.wiredClusters), though that cluster's own wiring lists the callers of its own load balancer.
    for (const member of cluster.members) {
      for (const lb of fronting(member)) {
        if (lb === cluster.lb?.id) continue;
        for (const caller of linked(lb)) {
          const peer = graph.node(caller);
          if (peer && isApimNode(peer) && !graph.frontedMembers(lb).includes(peer)) addCluster(graph.clusterOf(peer), out);
        }
      }
    }
  }
  for (const kind of tiers) {
    for (const node of graph.nodesOfKind(kind)) addCluster(graph.clusterOf(node), out);
  }
}

function addCluster(cluster: { members: ApimNode[]; lb?: { id: string } | undefined }, out: Set<string>): void {
  for (const member of cluster.members) out.add(member.id);
  if (cluster.lb) out.add(cluster.lb.id);
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The ids of nodes added, removed or changed (position aside): `seeds`, and apart from them the nodes whose label
 * alone changed (`relabeled`); or 'all' when an id is used twice or the nodes that stay are in another order (file
 * order and cluster member order follow node order).
 */
function changedNodes(before: TopologyNode[], after: TopologyNode[]): { seeds: Set<string>; relabeled: Set<string> } | 'all' {
  const old = new Map<string, TopologyNode>();
  for (const node of before) {
    if (old.has(node.id)) return 'all';
    old.set(node.id, node);
  }
  const seen = new Set<string>();
  const changed = new Set<string>();
  const relabeled = new Set<string>();
  const kept: string[] = [];
  for (const node of after) {
    if (seen.has(node.id)) return 'all';
    seen.add(node.id);
    const was = old.get(node.id);
    if (!was) {
      changed.add(node.id);
      continue;
    }
    kept.push(node.id);
    if (was === node || sameNode(was, node)) continue;
    if (was.label !== node.label && sameNode({ ...was, label: node.label }, node)) relabeled.add(node.id);
    else changed.add(node.id);
  }
  let i = 0;
  for (const node of before) {
    if (!seen.has(node.id)) {
      changed.add(node.id);
      continue;
    }
    if (kept[i++] !== node.id) return 'all';
  }
  return { seeds: changed, relabeled };
}

/** The endpoints of links added or removed, or 'all' when the links that stay are in another order. */
function changedLinks(before: Link[], after: Link[]): Set<string> | 'all' {
  const key = (link: Link) => `${link.from}\u0000${link.to}`;
  const count = new Map<string, number>();
  for (const link of before) count.set(key(link), (count.get(key(link)) ?? 0) + 1);
  for (const link of after) count.set(key(link), (count.get(key(link)) ?? 0) - 1);
  const changed = new Set<string>();
  const moved = new Set<string>();
  for (const [k, n] of count) {
    if (n === 0) continue;
    moved.add(k);
    const [from = '', to = ''] = k.split('\u0000');
    changed.add(from).add(to);
  }
  // The links that stay, in the same relative order: `frontedBy` and the first database or Redis follow link order.
  const stay = (links: Link[]) => links.map(key).filter((k) => !moved.has(k));
  const [a, b] = [stay(before), stay(after)];
  if (a.length !== b.length || a.some((k, i) => k !== b[i])) return 'all';
  return changed;
}

function sameNode(a: TopologyNode, b: TopologyNode): boolean {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'x' || key === 'y') continue;
    if (!sameValue((a as unknown as Record<string, unknown>)[key], (b as unknown as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** Deep equality of JSON-like values (the topology is JSON: it arrives in the worker as a structured clone). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const key of ka) {
    if (!Object.hasOwn(b, key) || !sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
