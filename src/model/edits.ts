/**
 * Pure edits: each takes a topology and returns the next one, never mutating its input. The store
 * calls these; so can tests and scripts.
 */
import type { DatabaseNode, DbEngine, Link, NodeKind, Settings, Topology, TopologyNode } from './types.ts';
import { TOPOLOGY_FORMAT } from './types.ts';
import { KINDS, isApimNode } from './kinds.ts';
import { DB_ENGINE_PORTS, DEFAULT_ANALYTICS_TYPE, DEFAULT_PRODUCT, DEFAULT_TOPOLOGY_NAME, defaultSettings, newNode } from './defaults.ts';
import { versionFacts } from './versions.ts';
import { MAX_OFFSET } from './ports.ts';
import { buildGraph } from './graph.ts';
import { linkVerdict } from './links.ts';

/**
 * A topology with no nodes, on `product` (default: the newest version). Its analytics type is the version's own
 * default (`defaultAnalyticsType`: Moesif from 4.6), written out when it is not the Choreo that a file without a
 * type means.
 */
export function emptyTopology(product = DEFAULT_PRODUCT, name = DEFAULT_TOPOLOGY_NAME): Topology {
  const settings = defaultSettings();
  const type = versionFacts(product).defaultAnalyticsType;
  if (type !== DEFAULT_ANALYTICS_TYPE) settings.analytics = { ...settings.analytics, type };
  return { format: TOPOLOGY_FORMAT, name, product, settings, nodes: [], links: [] };
}

/** The first free id for a new node of a kind: `gw-1`, `gw-2`, … */
export function nextId(topology: Topology, kind: NodeKind): string {
  const taken = new Set(topology.nodes.map((node) => node.id));
  const prefix = KINDS[kind].idPrefix;
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** The lowest offset not used by an API-M node on `host` (0 when the host is free). */
export function freeOffset(topology: Topology, host: string, exceptId?: string): number {
  const used = new Set<number>();
  for (const node of topology.nodes) {
    if (isApimNode(node) && node.host === host && node.id !== exceptId) used.add(node.offset);
  }
  for (let offset = 0; offset <= MAX_OFFSET; offset++) if (!used.has(offset)) return offset;
  return 0;
}

export interface AddNodeOptions {
  id?: string;
  position?: { x: number; y: number };
  host?: string;
}

/** Adds a node of a kind with defaults; a node placed on a host already in use gets a free offset. */
export function addNode(topology: Topology, kind: NodeKind, options: AddNodeOptions = {}): { topology: Topology; id: string } {
  const id = options.id ?? nextId(topology, kind);
  let node = newNode(kind, id, options.position);
  if (options.host) node = { ...node, host: options.host };
  if (isApimNode(node)) node = { ...node, offset: freeOffset(topology, node.host) };
  return { topology: { ...topology, nodes: [...topology.nodes, node] }, id };
}

/** Removes nodes and every link that touches them. */
export function removeNodes(topology: Topology, ids: Iterable<string>): Topology {
  const gone = new Set(ids);
  if (gone.size === 0) return topology;
  return {
    ...topology,
    nodes: topology.nodes.filter((node) => !gone.has(node.id)),
    links: topology.links.filter((link) => !gone.has(link.from) && !gone.has(link.to)),
  };
}

export type NodePatch = Partial<Omit<TopologyNode, 'kind'>> & Record<string, unknown>;

/**
 * Updates fields of one node. Renaming a node (`id`) carries its links along; an id already taken is
 * refused by returning the topology unchanged (the inspector validates ids before calling this), and so
 * is a patch that changes nothing.
 */
export function updateNode(topology: Topology, id: string, patch: NodePatch): Topology {
  const newId = typeof patch.id === 'string' ? patch.id : id;
  if (newId !== id && topology.nodes.some((node) => node.id === newId)) return topology;
  const current = topology.nodes.find((node) => node.id === id);
  if (!current || unchanged(current, patch)) return topology;
  const nodes = topology.nodes.map((node) => (node === current ? ({ ...node, ...patch, kind: node.kind } as TopologyNode) : node));
  const links =
    newId === id
      ? topology.links
      : topology.links.map((link) => ({
          from: link.from === id ? newId : link.from,
          to: link.to === id ? newId : link.to,
        }));
  return { ...topology, nodes, links };
}

export function updateSettings(topology: Topology, patch: Partial<Settings>): Topology {
  if (unchanged(topology.settings, patch)) return topology;
  return { ...topology, settings: { ...topology.settings, ...patch } };
}

/** Whether every value of a patch is already the object's (the same value, or the same object). */
function unchanged(object: object, patch: object): boolean {
  return Object.entries(patch).every(([key, value]) => Object.is((object as Record<string, unknown>)[key], value));
}

export type ConnectResult = { ok: true; topology: Topology } | { ok: false; reason: string };

/** Adds a link if the link rules allow it; otherwise says why not. */
export function connect(topology: Topology, from: string, to: string): ConnectResult {
  const graph = buildGraph(topology);
  const source = graph.node(from);
  const target = graph.node(to);
  if (!source) return { ok: false, reason: `No node "${from}"` };
  if (!target) return { ok: false, reason: `No node "${to}"` };
  if (topology.links.some((link) => sameLink(link, { from, to }))) {
    return { ok: false, reason: `${from} and ${to} are already connected` };
  }
  const verdict = linkVerdict(source, target, graph.frontedKind, topology.product);
  if (!verdict.ok) return verdict;
  return { ok: true, topology: { ...topology, links: [...topology.links, { from, to }] } };
}

export function disconnect(topology: Topology, link: Link): Topology {
  return { ...topology, links: topology.links.filter((candidate) => !(candidate.from === link.from && candidate.to === link.to)) };
}

/**
 * Two links are the same when they join the same nodes; between API-M nodes the direction does not
 * matter, at a load balancer it does.
 */
export function sameLink(a: Link, b: Link): boolean {
  if (a.from === b.from && a.to === b.to) return true;
  return a.from === b.to && a.to === b.from;
}

/**
 * A database node on another engine. Its port follows the engine while it is the old engine's default
 * (a port set by hand stays); the MySQL version goes when the engine is no longer MySQL.
 */
export function withEngine(node: DatabaseNode, engine: DbEngine): DatabaseNode {
  if (node.engine === engine) return node;
  const { mysqlVersion, ...rest } = node;
  return {
    ...rest,
    engine,
    port: node.port === DB_ENGINE_PORTS[node.engine] ? DB_ENGINE_PORTS[engine] : node.port,
    ...(engine === 'mysql' && mysqlVersion !== undefined ? { mysqlVersion } : {}),
  };
}

/** Changes the engine of the database node `id` (see `withEngine`); anything else is left as it is. */
export function setDatabaseEngine(topology: Topology, id: string, engine: DbEngine): Topology {
  const node = topology.nodes.find((n) => n.id === id);
  if (node?.kind !== 'database' || node.engine === engine) return topology;
  const next = withEngine(node, engine);
  return { ...topology, nodes: topology.nodes.map((n) => (n === node ? next : n)) };
}
