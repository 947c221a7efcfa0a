/**
 * Port rules (APIM docs 'Changing the Default Ports with Offset'; 'Default Product Ports'): every port each
 * node opens — its kind's ports plus its
 * offset, a load balancer's listeners, a database's port — and two nodes on one host that open the
 * same one. One pass over the nodes with a map keyed by host and port: linear in the topology.
 */
import type { ApimNode, Diagnostic, Topology, TopologyNode, TopologyGraph } from '../model/index.ts';
import {
  DEFAULT_PORTS,
  LOAD_BALANCER_PORTS,
  MAX_OFFSET,
  MIN_OFFSET,
  OPEN_PORTS,
  PORT_LABELS,
  buildGraph,
  identityServerHttpsPort,
  isApimNode,
  unhandledKind,
} from '../model/index.ts';
import { report } from './rules.ts';

export interface OpenPort {
  port: number;
  /** What it is for: "HTTPS", "broker", "database". */
  label: string;
}

/** Every port a node opens on its host. */
export function openPorts(node: TopologyNode, graph: TopologyGraph): OpenPort[] {
  if (isApimNode(node)) {
    return OPEN_PORTS[node.kind].map((name) => ({ port: DEFAULT_PORTS[name] + node.offset, label: PORT_LABELS[name] }));
  }
  switch (node.kind) {
    case 'load-balancer': {
      const ports: OpenPort[] = [...LOAD_BALANCER_PORTS.all];
      const fronted = graph.frontedKind(node.id);
      if (fronted === 'gateway') ports.push(...LOAD_BALANCER_PORTS.gateway);
      if (fronted === 'all-in-one') ports.push(...LOAD_BALANCER_PORTS['all-in-one']);
      return ports;
    }
    case 'database':
      return [{ port: node.port, label: 'database' }];
    case 'redis':
      return [{ port: node.port, label: 'Redis' }];
    case 'identity-server':
      // IS's own HTTPS and HTTP ports with its offset (WSO2 IS 'Default Ports of WSO2 Products': 9443, 9763).
      return [
        { port: identityServerHttpsPort(node), label: 'Identity Server HTTPS' },
        { port: 9763 + node.offset, label: 'Identity Server HTTP' },
      ];
    default:
      return unhandledKind(node);
  }
}

/** Ports are below 2^17 (65535, or 11111 + an offset of at most 1000). */
const PORT_SPACE = 2 ** 17;

const validOffset = (offset: number) => Number.isInteger(offset) && offset >= MIN_OFFSET && offset <= MAX_OFFSET;

interface Owner {
  node: TopologyNode;
  label: string;
}

interface Clash {
  first: TopologyNode;
  second: TopologyNode;
  ports: { port: number; first: string; second: string }[];
}

/** APIM017 (same host, same offset) and APIM018 (a port two nodes on one host both open). */
export function validatePorts(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  // Keys are numbers (host index × 2^17 + port): a map of numbers is several times faster than one of
  // strings, and there are ten ports per node. Host names compare case-insensitively, as DNS does.
  const hostIds = new Map<string, number>();
  const hostId = (node: TopologyNode) => {
    const host = node.host.toLowerCase();
    let id = hostIds.get(host);
    if (id === undefined) hostIds.set(host, (id = hostIds.size));
    return id;
  };
  const keyOf = (host: number, port: number) => host * PORT_SPACE + port;
  // Only nodes that share a host can clash: the others' ports are not listed (at 5,000 nodes on hosts of their own the
  // map of every port was 50,000 entries, made again each time it grew).
  const nodesOnHost: number[] = [];
  for (const node of topology.nodes) {
    const host = hostId(node);
    nodesOnHost[host] = (nodesOnHost[host] ?? 0) + 1;
  }
  const owners = new Map<number, Owner>();
  const clashes = new Map<string, Clash>();
  for (const node of topology.nodes) {
    if (isApimNode(node) && !validOffset(node.offset)) continue; // APIM016; its ports are meaningless
    const host = hostId(node);
    if (nodesOnHost[host] === 1) continue;
    for (const { port, label } of openPorts(node, graph)) {
      const key = keyOf(host, port);
      const owner = owners.get(key);
      if (!owner) {
        owners.set(key, { node, label });
        continue;
      }
      if (owner.node === node || owner.node.id === node.id) continue; // a duplicate id is APIM004
      const pairKey = `${owner.node.id}\u0000${node.id}`;
      let clash = clashes.get(pairKey);
      if (!clash) {
        clash = { first: owner.node, second: node, ports: [] };
        clashes.set(pairKey, clash);
      }
      clash.ports.push({ port, first: owner.label, second: label });
    }
  }

  const out: Diagnostic[] = [];
  for (const { first, second, ports } of clashes.values()) {
    const host = second.host;
    const listed = listPorts(ports, first.id, second.id);
    const host2 = hostId(second);
    const taken = (port: number) => {
      const owner = owners.get(keyOf(host2, port));
      return owner !== undefined && owner.node !== second;
    };
    const suggestion = isApimNode(second) ? freeOffsetFor(second, taken) : undefined;
    const move =
      suggestion !== undefined
        ? `Give ${second.id} offset ${suggestion} (its ports then clash with nothing on ${host}), or run it on another host.`
        : `Run ${second.id} on another host, or change the ports so they differ.`;
    if (isApimNode(first) && isApimNode(second) && first.offset === second.offset) {
      out.push(
        report('APIM017', {
          message: `${first.id} and ${second.id} both run on host ${host} with offset ${first.offset}: both open ${listed}`,
          nodeIds: [first.id, second.id],
          fix: `Nodes that share a host need different offsets. ${move}`,
        }),
      );
    } else {
      out.push(
        report('APIM018', {
          message: `${first.id} and ${second.id} both open ${listed} on host ${host}`,
          nodeIds: [first.id, second.id],
          fix: move,
        }),
      );
    }
  }
  return out;
}

/** "9446 (HTTPS), 9766 (HTTP) and 3 more"; a port used for different things names both. */
function listPorts(ports: Clash['ports'], first: string, second: string): string {
  const shown = ports
    .slice(0, 4)
    .map((p) => (p.first === p.second ? `${p.port} (${p.first})` : `${p.port} (${p.first} of ${first}, ${p.second} of ${second})`));
  const rest = ports.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** The lowest offset above the node's own at which none of its ports is taken on its host (bounded search). */
function freeOffsetFor(node: ApimNode, taken: (port: number) => boolean): number | undefined {
  const names = OPEN_PORTS[node.kind];
  for (let offset = node.offset + 1, tries = 0; offset <= MAX_OFFSET && tries < 200; offset++, tries++) {
    if (names.every((name) => !taken(DEFAULT_PORTS[name] + offset))) return offset;
  }
  return undefined;
}
