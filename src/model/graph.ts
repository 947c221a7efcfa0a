/**
 * The topology as a graph: who fronts whom, who is wired to whom, which database, Redis and Identity Server each node uses.
 * Built once per topology in O(nodes + links); every question after that is a map lookup, so generating
 * or validating N nodes never scans all nodes per node.
 */
import type {
  ApimKind,
  ApimNode,
  DatabaseNode,
  IdentityServerNode,
  LoadBalancerNode,
  LogicalDatabase,
  RedisNode,
  Topology,
  TopologyNode,
} from './types.ts';
import { kindRule } from './links.ts';

/**
 * A set of API-M nodes of one kind addressed as one: the members behind a load balancer, or a single
 * node with no load balancer in front.
 */
export interface Cluster {
  /** The load balancer id, or the node id for a single node. */
  key: string;
  kind: ApimKind;
  lb?: LoadBalancerNode;
  /** Never empty: a cluster is at least the node asked about. */
  members: [ApimNode, ...ApimNode[]];
}

export interface TopologyGraph {
  readonly topology: Topology;
  node(id: string): TopologyNode | undefined;
  /** The position of a node in `topology.nodes`, for stable ordering. */
  order(id: string): number;
  /** The load balancer in front of a node (the first one, if a node is wrongly fronted twice). */
  frontedBy(id: string): LoadBalancerNode | undefined;
  /** The API-M nodes a load balancer fronts, in node order. */
  frontedMembers(lbId: string): ApimNode[];
  /** The kind of cluster a load balancer fronts (the kind of its first member). */
  frontedKind(lbId: string): ApimKind | undefined;
  /** The cluster a node belongs to: its load balancer's members, or itself. */
  clusterOf(node: ApimNode): Cluster;
  /** The clusters of `kind` that `node` is wired to, in a stable order. */
  wiredClusters(node: ApimNode, kind: ApimKind): Cluster[];
  /** Every node of a kind, in node order. */
  nodesOfKind<K extends TopologyNode['kind']>(kind: K): Extract<TopologyNode, { kind: K }>[];
  /** The database server a node uses for a logical database, or undefined for embedded H2. */
  databaseFor(node: ApimNode, db: LogicalDatabase): DatabaseNode | undefined;
  /**
   * The Redis server that keeps a node's throttle counters: the first one it links to, or one a member of its
   * cluster links to (members are configured alike). Undefined: counters are the node's own.
   */
  counterStoreFor(node: ApimNode): RedisNode | undefined;
  /** Every Redis server a node links to itself, in the order drawn (more than one is APIM044). */
  counterStoresLinked(node: ApimNode): RedisNode[];
  /**
   * The WSO2 Identity Server a node uses as its Key Manager: the first one it links to, or one a member of its
   * cluster links to (members are configured alike). Undefined: no Identity Server.
   */
  identityServerFor(node: ApimNode): IdentityServerNode | undefined;
  /** The API-M nodes that link to an Identity Server themselves, in the order drawn. */
  identityServerUsers(id: string): ApimNode[];
}

export function buildGraph(topology: Topology): TopologyGraph {
  const byId = new Map<string, TopologyNode>();
  const orderOf = new Map<string, number>();
  topology.nodes.forEach((node, index) => {
    if (!byId.has(node.id)) {
      byId.set(node.id, node);
      orderOf.set(node.id, index);
    }
  });

  const byKind = new Map<string, TopologyNode[]>();
  for (const node of byId.values()) {
    const list = byKind.get(node.kind);
    if (list) list.push(node);
    else byKind.set(node.kind, [node]);
  }

  const frontedByMap = new Map<string, LoadBalancerNode>();
  const membersOf = new Map<string, ApimNode[]>();
  /** API-M neighbours wired directly. */
  const direct = new Map<string, ApimNode[]>();
  /** Load balancers a node calls. */
  const calls = new Map<string, LoadBalancerNode[]>();
  /** Nodes calling a load balancer. */
  const callers = new Map<string, ApimNode[]>();
  const databases = new Map<string, DatabaseNode[]>();
  const counterStores = new Map<string, RedisNode[]>();
  const identityServers = new Map<string, IdentityServerNode[]>();
  const identityServerUsers = new Map<string, ApimNode[]>();

  // Each list also has a set beside it, so a load balancer called by thousands of nodes stays linear.
  const members = new Map<unknown[], Set<unknown>>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (!list) {
      const created = [value];
      map.set(key, created);
      members.set(created, new Set([value]));
      return;
    }
    const set = members.get(list) ?? new Set<unknown>();
    members.set(list, set);
    if (set.has(value)) return;
    set.add(value);
    list.push(value);
  };

  // Links in a stable order: the order they were drawn. Links that break the rules are skipped here
  // (validate reports them), so a half-edited topology still generates.
  for (const link of topology.links) {
    const from = byId.get(link.from);
    const to = byId.get(link.to);
    if (!from || !to || from === to) continue;
    const verdict = kindRule(from.kind, to.kind);
    if (!verdict.ok) continue;
    switch (verdict.link.role) {
      case 'wire':
        push(direct, from.id, to as ApimNode);
        push(direct, to.id, from as ApimNode);
        break;
      case 'fronts':
        if (!frontedByMap.has(to.id)) frontedByMap.set(to.id, from as LoadBalancerNode);
        push(membersOf, from.id, to as ApimNode);
        break;
      case 'calls-cluster':
        push(calls, from.id, to as LoadBalancerNode);
        push(callers, to.id, from as ApimNode);
        break;
      case 'uses-database':
        push(databases, from.id, to as DatabaseNode);
        break;
      case 'uses-counter-store':
        push(counterStores, from.id, to as RedisNode);
        break;
      case 'uses-identity-server':
        push(identityServers, from.id, to as IdentityServerNode);
        push(identityServerUsers, to.id, from as ApimNode);
        break;
    }
  }

  const byOrder = (a: TopologyNode, b: TopologyNode) => (orderOf.get(a.id) ?? 0) - (orderOf.get(b.id) ?? 0);
  for (const members of membersOf.values()) members.sort(byOrder);

  const lbClusters = new Map<string, Cluster>();
  const singleClusters = new Map<string, Cluster>();
  const wiredCache = new Map<string, Cluster[]>();
  const databaseCache = new Map<string, DatabaseNode | undefined>();
  const counterStoreCache = new Map<string, RedisNode | undefined>();
  const identityServerCache = new Map<string, IdentityServerNode | undefined>();

  const graph: TopologyGraph = {
    topology,
    node: (id) => byId.get(id),
    order: (id) => orderOf.get(id) ?? -1,
    frontedBy: (id) => frontedByMap.get(id),
    frontedMembers: (lbId) => membersOf.get(lbId) ?? [],
    frontedKind: (lbId) => membersOf.get(lbId)?.[0]?.kind,
    clusterOf(node) {
      const lb = frontedByMap.get(node.id);
      if (lb) {
        let cluster = lbClusters.get(lb.id);
        if (!cluster) {
          const fronted = membersOf.get(lb.id);
          const members: Cluster['members'] = fronted && isNonEmpty(fronted) ? fronted : [node];
          cluster = { key: lb.id, kind: members[0].kind, lb, members };
          lbClusters.set(lb.id, cluster);
        }
        return cluster;
      }
      let cluster = singleClusters.get(node.id);
      if (!cluster) {
        cluster = { key: node.id, kind: node.kind, members: [node] };
        singleClusters.set(node.id, cluster);
      }
      return cluster;
    },
    wiredClusters(node, kind) {
      // Members of one cluster are configured alike, so a cluster is wired to whatever any member is
      // wired to: linking one gateway of a cluster to the control plane wires the cluster.
      const own = graph.clusterOf(node);
      const cacheKey = `${own.key}\u0000${kind}`;
      const cached = wiredCache.get(cacheKey);
      if (cached) return cached;
      const found: Cluster[] = [];
      const seen = new Set<string>();
      const add = (cluster: Cluster) => {
        if (cluster.kind !== kind || seen.has(cluster.key)) return;
        seen.add(cluster.key);
        found.push(cluster);
      };
      for (const member of own.members) {
        // Links drawn to load balancers of that kind: the cluster behind the load balancer.
        for (const lb of calls.get(member.id) ?? []) {
          const first = membersOf.get(lb.id)?.[0];
          if (first) add(graph.clusterOf(first));
        }
        // Direct links: the neighbour's cluster (a member stands for its whole cluster).
        for (const peer of direct.get(member.id) ?? []) {
          if (peer.kind === kind) add(graph.clusterOf(peer));
        }
      }
      // Nodes of that kind calling this cluster's load balancer.
      if (own.lb) {
        for (const caller of callers.get(own.lb.id) ?? []) {
          if (caller.kind === kind) add(graph.clusterOf(caller));
        }
      }
      found.sort((a, b) => (orderOf.get(a.members[0].id) ?? 0) - (orderOf.get(b.members[0].id) ?? 0));
      wiredCache.set(cacheKey, found);
      return found;
    },
    nodesOfKind: (kind) => (byKind.get(kind) ?? []) as never,
    databaseFor(node, db) {
      const own = databases.get(node.id)?.find((server) => server.databases.includes(db));
      if (own) return own;
      // A member of a cluster uses what its cluster uses.
      const cluster = graph.clusterOf(node);
      const cacheKey = `${cluster.key}\u0000${db}`;
      if (databaseCache.has(cacheKey)) return databaseCache.get(cacheKey);
      let found: DatabaseNode | undefined;
      for (const member of cluster.members) {
        found = databases.get(member.id)?.find((candidate) => candidate.databases.includes(db));
        if (found) break;
      }
      databaseCache.set(cacheKey, found);
      return found;
    },
    counterStoreFor(node) {
      const own = counterStores.get(node.id)?.[0];
      if (own) return own;
      const cluster = graph.clusterOf(node);
      if (counterStoreCache.has(cluster.key)) return counterStoreCache.get(cluster.key);
      let found: RedisNode | undefined;
      for (const member of cluster.members) {
        found = counterStores.get(member.id)?.[0];
        if (found) break;
      }
      counterStoreCache.set(cluster.key, found);
      return found;
    },
    counterStoresLinked: (node) => counterStores.get(node.id) ?? [],
    identityServerFor(node) {
      const own = identityServers.get(node.id)?.[0];
      if (own) return own;
      const cluster = graph.clusterOf(node);
      if (identityServerCache.has(cluster.key)) return identityServerCache.get(cluster.key);
      let found: IdentityServerNode | undefined;
      for (const member of cluster.members) {
        found = identityServers.get(member.id)?.[0];
        if (found) break;
      }
      identityServerCache.set(cluster.key, found);
      return found;
    },
    identityServerUsers: (id) => identityServerUsers.get(id) ?? [],
  };
  return graph;
}

function isNonEmpty<T>(list: T[]): list is [T, ...T[]] {
  return list.length > 0;
}

/**
 * The clusters a gateway takes its Key Manager, event hub and (with no separate traffic manager) throttling from:
 * the control planes it is wired to, then the All-in-One nodes, which serve gateways as their control plane (APIM docs
 * 4.5.0 'Simple Scalable Setup', Pattern 2). Wired to both is APIM053; the first cluster is the one files name.
 */
export function controlPlaneClusters(graph: TopologyGraph, node: ApimNode): Cluster[] {
  const controlPlanes = graph.wiredClusters(node, 'control-plane');
  const allInOnes = graph.wiredClusters(node, 'all-in-one');
  return allInOnes.length === 0 ? controlPlanes : controlPlanes.length === 0 ? allInOnes : [...controlPlanes, ...allInOnes];
}
