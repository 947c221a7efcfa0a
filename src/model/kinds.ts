/**
 * The node kinds, one entry each: what the palette, the canvas, new nodes and messages need to know about
 * a kind. `NODE_KINDS`, `APIM_KINDS`, `isApimKind` and `KIND_NAMES` are read from here.
 *
 * The kinds themselves are the node types' (`TopologyNode` in types.ts). The table is typed so that it
 * must have an entry for each of them, and an API-M kind's entry (a node type with an offset) must say
 * `apim: true`. What else a new kind takes (README, "Project layout"): a row and a column of the link
 * table (links.ts), a generator if it runs API-M (generate/documents.ts), and each switch that ends in
 * `unhandledKind`; the compiler names every one of them.
 */
import type { ApimKind, ApimNode, NodeKind, TopologyNode } from './types.ts';

/** The icons the page and the picture draw (icons.ts), named by what they show. */
export type IconName = 'gate' | 'dashboard' | 'gauge' | 'all-in-one' | 'key' | 'fan-out' | 'cylinder' | 'counter' | 'badge';

interface KindBase {
  /** What the palette, the inspector and messages call a node of this kind: "Control Plane". */
  name: string;
  icon: IconName;
  /** Its place in the palette, top first. */
  palette: number;
  /** The id and host of a new node: `gw` gives `gw-2`, `gw-2.example.com` (edits.ts `nextId`, defaults.ts `defaultHost`). */
  idPrefix: string;
}

/** A kind that runs WSO2 API-M: each node gets a deployment.toml and has a port offset. */
export interface ApimKindInfo extends KindBase {
  apim: true;
  /** A new node's port offset, before adding it moves it to a free one on its host (edits.ts `freeOffset`). */
  offset: number;
}

/** A kind that does not run API-M (a load balancer, a database, a Redis server, WSO2 Identity Server). */
export interface OtherKindInfo extends KindBase {
  apim: false;
}

/** What the registry holds for kind K: the API-M kinds' entries say so. */
export type KindInfo<K extends NodeKind = NodeKind> = K extends ApimKind ? ApimKindInfo : OtherKindInfo;

/** The registry's type: an entry for every kind, and nothing else. */
export type KindTable = { readonly [K in NodeKind]: KindInfo<K> };

export const KINDS = {
  gateway: { name: 'Gateway', icon: 'gate', palette: 1, idPrefix: 'gw', apim: true, offset: 0 },
  'control-plane': { name: 'Control Plane', icon: 'dashboard', palette: 2, idPrefix: 'cp', apim: true, offset: 0 },
  'traffic-manager': { name: 'Traffic Manager', icon: 'gauge', palette: 3, idPrefix: 'tm', apim: true, offset: 0 },
  'key-manager': { name: 'Key Manager', icon: 'key', palette: 4, idPrefix: 'km', apim: true, offset: 0 },
  'all-in-one': { name: 'All-in-One', icon: 'all-in-one', palette: 5, idPrefix: 'aio', apim: true, offset: 0 },
  'identity-server': { name: 'Identity Server', icon: 'badge', palette: 6, idPrefix: 'is', apim: false },
  'load-balancer': { name: 'Load Balancer', icon: 'fan-out', palette: 7, idPrefix: 'lb', apim: false },
  database: { name: 'Database', icon: 'cylinder', palette: 8, idPrefix: 'db', apim: false },
  redis: { name: 'Redis', icon: 'counter', palette: 9, idPrefix: 'redis', apim: false },
} satisfies KindTable;

/** Every kind, in the registry's order (the order messages list them in). */
export const NODE_KINDS: readonly NodeKind[] = Object.keys(KINDS) as NodeKind[];

export function isApimKind(kind: NodeKind): kind is ApimKind {
  return KINDS[kind].apim;
}

export function isApimNode(node: TopologyNode): node is ApimNode {
  return isApimKind(node.kind);
}

/** The kinds that run WSO2 API-M and get a `deployment.toml`. */
export const APIM_KINDS: readonly ApimKind[] = NODE_KINDS.filter(isApimKind);

/** The kinds in palette order. */
export const PALETTE_KINDS: readonly NodeKind[] = [...NODE_KINDS].sort((a, b) => KINDS[a].palette - KINDS[b].palette);

/** Human names of the kinds, as the palette and messages say them. */
export const KIND_NAMES = Object.fromEntries(NODE_KINDS.map((kind) => [kind, KINDS[kind].name])) as Readonly<Record<NodeKind, string>>;

/** "a gateway", "a control plane", "an all-in-one", … for sentences. */
export function kindWithArticle(kind: NodeKind): string {
  const name = KIND_NAMES[kind].toLowerCase();
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}

/**
 * The default branch of a switch that must handle every kind, given the kind or the node switched on:
 * with every kind handled it is `never`, so a kind left out is a compile error here.
 */
export function unhandledKind(value: never): never {
  const kind: unknown = typeof value === 'object' && value !== null && 'kind' in value ? (value as { kind: unknown }).kind : value;
  throw new Error(`Unhandled node kind: ${JSON.stringify(kind)}`);
}

/**
 * A list that must name every one of the kinds K, in the order given:
 * `everyKind<ApimKind>()(['control-plane', 'traffic-manager', 'gateway'])`. A kind left out is a
 * compile error at the call, which names it (`missing`).
 */
export function everyKind<K extends NodeKind>() {
  return <const L extends readonly K[]>(
    list: L & NoInfer<[Exclude<K, L[number]>] extends [never] ? unknown : { missing: Exclude<K, L[number]> }>,
  ): L => list;
}

/** The line under a node's label, on the canvas and in the picture: `host:offset`, a database its engine, Redis its port, an Identity Server its version. */
export function nodeAddress(node: TopologyNode): string {
  if (isApimNode(node)) return `${node.host}:${node.offset}`;
  switch (node.kind) {
    case 'database':
      return `${node.engine} · ${node.host}`;
    case 'load-balancer':
      return node.host;
    case 'redis':
      return `${node.host}:${node.port}`;
    case 'identity-server':
      return `IS ${node.version} · ${node.host}:${node.offset}`;
    default:
      return unhandledKind(node);
  }
}
