/**
 * The connection matrix: every connection a deployment opens, from a node to a host and port, with its protocol and
 * purpose. It is read off the documents the files are written from (every remote URL, JDBC URL and host/port pair in
 * each deployment.toml) and off the load balancers' plans the nginx.conf files are written from (their listeners and
 * upstream members), so the matrix and the files cannot disagree: a URL added to a generator shows up here by itself.
 * What a key means (protocol, purpose) comes from the table below; a remote URL under a key it does not know (custom
 * TOML) still becomes a row, named by its key.
 */
import type { TopologyNode } from '../model/index.ts';
import { DEFAULT_PORTS, NODE_ID_PATTERN, identityServerHttpsPort, isApimNode, own, portOf } from '../model/index.ts';
import type { PortName } from '../model/index.ts';
import type { GenerationContext } from './context.ts';
import { loadBalancerPlan } from './loadBalancing.ts';
import type { TomlDocument, TomlTable, TomlValue } from './toml/index.ts';

export interface Connection {
  /** The node that opens the connection; `clients` for what API clients and browsers reach. */
  fromNode: string;
  /** Its host; `any` for clients. */
  fromHost: string;
  /** The node listening there, or empty when no node of the topology is (an external service). */
  toNode: string;
  toHost: string;
  port: number;
  protocol: string;
  /** What it is for; several purposes of one connection are joined with "; ". */
  purpose: string;
}

/** The source of the rows every client reaches: browsers and API clients. */
export const CLIENTS = 'clients';

interface KeyMeaning {
  protocol: string;
  purpose: string;
  /** Reached by clients (an endpoint the node advertises), not called by the node itself. */
  clients?: boolean;
  /** A name that looks like a URL but is never called (a claim dialect URI). */
  notCalled?: boolean;
}

/**
 * What each key that holds a URL means, by `table.key` (the table path joined with dots; WSO2's spelling). The
 * protocols: HTTPS for the servlet transport (9443), JMS over AMQP for the broker (5672), Thrift over TCP and SSL for
 * the binary receivers (9611, 9711) (APIM docs 'Default Product Ports').
 */
const KEYS: Readonly<Record<string, KeyMeaning>> = {
  // An identifier of the claims in the backend JWT (APIM docs 'Passing End User Attributes to the Backend'), not an address.
  'apim.jwt.claim_dialect': { protocol: '', purpose: '', notCalled: true },
  'apim.key_manager.service_url': { protocol: 'HTTPS', purpose: 'Key Manager: key validation and token services (/services/)' },
  'apim.event_hub.service_url': {
    protocol: 'HTTPS',
    purpose: 'event hub service_url: API and policy data (/services/, /internal/data/v1/)',
  },
  'apim.event_hub.event_listening_endpoints': {
    protocol: 'JMS (AMQP)',
    purpose: 'event hub: event_listening_endpoints (API, application and key events)',
  },
  'apim.event_hub.event_duplicate_url': {
    protocol: 'JMS (AMQP)',
    purpose: 'event hub: event_duplicate_url (events copied to the other node)',
  },
  'apim.event_hub.publish.url_group.urls': { protocol: 'TCP binary', purpose: 'event hub: events published' },
  'apim.event_hub.publish.url_group.auth_urls': { protocol: 'SSL binary', purpose: 'event hub: publisher authentication' },
  'apim.throttling.service_url': { protocol: 'HTTPS', purpose: 'throttling: the traffic manager admin services (/services/)' },
  'apim.throttling.throttle_decision_endpoints': { protocol: 'JMS (AMQP)', purpose: 'throttle decisions (throttle_decision_endpoints)' },
  'apim.throttling.event_duplicate_url': {
    protocol: 'JMS (AMQP)',
    purpose: 'throttling: event_duplicate_url (decisions copied to the other node)',
  },
  'apim.throttling.url_group.traffic_manager_urls': { protocol: 'TCP binary', purpose: 'throttle events (traffic_manager_urls)' },
  'apim.throttling.url_group.traffic_manager_auth_urls': {
    protocol: 'SSL binary',
    purpose: 'throttle events: authentication (traffic_manager_auth_urls)',
  },
  'apim.gateway.environment.service_url': { protocol: 'HTTPS', purpose: 'deploys APIs to the gateways (gateway environment service_url)' },
  'event_listener.properties.notification_endpoint': {
    protocol: 'HTTPS',
    purpose: 'token and key events notified (notification_endpoint)',
  },
  'apim.oauth_config.revoke_endpoint': { protocol: 'HTTPS', purpose: 'tokens revoked where they were issued (revoke_endpoint)' },
  'apim.analytics.config_endpoint': { protocol: 'HTTPS', purpose: 'analytics: the Choreo auth endpoint (config_endpoint)' },
  'apim.analytics.properties.moesif_base_url': { protocol: 'HTTPS', purpose: 'analytics: events to Moesif (moesif_base_url)' },
  'apim.devportal.url': { protocol: 'HTTPS', purpose: 'the Developer Portal (apim.devportal url)', clients: true },
  'apim.gateway.environment.http_endpoint': { protocol: 'HTTP', purpose: 'API traffic over HTTP (http_endpoint)', clients: true },
  'apim.gateway.environment.https_endpoint': { protocol: 'HTTPS', purpose: 'API traffic over HTTPS (https_endpoint)', clients: true },
  'apim.gateway.environment.ws_endpoint': { protocol: 'WebSocket', purpose: 'WebSocket APIs (ws_endpoint)', clients: true },
  'apim.gateway.environment.wss_endpoint': {
    protocol: 'WebSocket over TLS',
    purpose: 'secure WebSocket APIs (wss_endpoint)',
    clients: true,
  },
  'apim.gateway.environment.websub_event_receiver_http_endpoint': {
    protocol: 'HTTP',
    purpose: 'WebSub / WebHook events (websub_event_receiver_http_endpoint)',
    clients: true,
  },
  'apim.gateway.environment.websub_event_receiver_https_endpoint': {
    protocol: 'HTTPS',
    purpose: 'WebSub / WebHook events (websub_event_receiver_https_endpoint)',
    clients: true,
  },
};

const DEFAULT_SCHEME_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ws: 80, wss: 443 };
const SCHEME_PROTOCOLS: Readonly<Record<string, string>> = {
  http: 'HTTP',
  https: 'HTTPS',
  ws: 'WebSocket',
  wss: 'WebSocket over TLS',
  tcp: 'TCP',
  ssl: 'SSL',
};

/** `scheme://host:port/…` (the port optional where the scheme has one), or a JDBC URL with a host. */
const URL_PATTERN = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#;\s]+)(?::(\d{1,5}))?/i;
const JDBC_PATTERN = /^jdbc:([a-z0-9]+):(?:thin:@(?:\/\/)?|\/\/)([^/:?#;\s]+):(\d{1,5})/i;

/** A remote address found in a value: host, port and the scheme it was written with ('jdbc:<engine>' for a database). */
export interface Address {
  host: string;
  port: number;
  scheme: string;
}

/** The host and port a URL names, or undefined (no host, a port-less scheme without its port, H2). */
export function parseAddress(value: string): Address | undefined {
  const jdbc = JDBC_PATTERN.exec(value);
  if (jdbc) return { host: jdbc[2] ?? '', port: Number(jdbc[3]), scheme: `jdbc:${(jdbc[1] ?? '').toLowerCase()}` };
  if (value.startsWith('jdbc:')) return undefined;
  const url = URL_PATTERN.exec(value);
  if (!url) return undefined;
  const scheme = (url[1] ?? '').toLowerCase();
  const port = url[3] === undefined ? own(DEFAULT_SCHEME_PORTS, scheme) : Number(url[3]);
  return port === undefined ? undefined : { host: url[2] ?? '', port, scheme };
}

/** Two purposes of one connection, each part once ("a; b" and "b; c" make "a; b; c"). */
export function joinPurposes(a: string, b: string): string {
  return [...new Set([...a.split('; '), ...b.split('; ')])].join('; ');
}

/** A host on the node itself. */
export function isLocalHost(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.') || host === '0.0.0.0';
}

/** Who listens where: by host, then port. */
export type ListenerIndex = Map<string, Map<number, TopologyNode>>;

/** Who listens on `host:port`: load balancers first (their listeners), then API-M nodes, Identity Servers, databases, Redis. */
export function listenerIndex(context: GenerationContext): ListenerIndex {
  const index: ListenerIndex = new Map();
  const add = (host: string, port: number, node: TopologyNode) => {
    const ports = childMap(index, host);
    if (!ports.has(port)) ports.set(port, node);
  };
  for (const lb of context.graph.nodesOfKind('load-balancer')) {
    for (const listener of loadBalancerPlan(context, lb).listeners) add(lb.host, listener.port, lb);
  }
  const portNames = Object.keys(DEFAULT_PORTS) as PortName[];
  for (const node of context.topology.nodes) {
    if (isApimNode(node)) for (const name of portNames) add(node.host, portOf(node, name), node);
    else if (node.kind === 'identity-server') add(node.host, identityServerHttpsPort(node), node);
    else if (node.kind === 'database' || node.kind === 'redis') add(node.host, node.port, node);
  }
  return index;
}

/** The protocol name of a database engine's JDBC scheme. */
const JDBC_PROTOCOLS: Readonly<Record<string, string>> = {
  mysql: 'MySQL',
  postgre: 'PostgreSQL',
  postgresql: 'PostgreSQL',
  mssql: 'SQL Server',
  sqlserver: 'SQL Server',
  oracle: 'Oracle',
  db2: 'Db2',
};

type TableAddress = { key: string; address: Address; meaning: KeyMeaning };

/** Tables several files share (context.ts `shared`) are read once. */
const addressMemo = new WeakMap<TomlTable, TableAddress[]>();

function tableAddresses(table: TomlTable): TableAddress[] {
  let found = addressMemo.get(table);
  if (!found) addressMemo.set(table, (found = readTableAddresses(table)));
  return found;
}

/** The remote addresses of one table: each URL under a key, or the host/port pair of a database or Redis table. */
function readTableAddresses(table: TomlTable): TableAddress[] {
  const path = table.path.join('.');
  const out: TableAddress[] = [];
  const value = (key: string): TomlValue | undefined => table.entries.find((e) => e.key === key)?.value;
  // Pairs: `[database.*]` in the inferred style (hostname, port, type) and Redis's keyvalue_store (host, port).
  const pairHost =
    table.path[0] === 'database' ? value('hostname') : path === 'apim.distributed_throttling.keyvalue_store' ? value('host') : undefined;
  const pairPort = value('port');
  if (
    typeof pairHost === 'string' &&
    (typeof pairPort === 'number' || typeof pairPort === 'string') &&
    /^\d{1,5}$/.test(String(pairPort))
  ) {
    const database = table.path[0] === 'database';
    const engine = String(value('type') ?? '');
    out.push({
      key: database ? `${path}.hostname` : `${path}.host`,
      address: { host: pairHost, port: Number(pairPort), scheme: database ? `jdbc:${engine}` : 'redis' },
      meaning: database
        ? { protocol: `${own(JDBC_PROTOCOLS, engine) ?? engine} (JDBC)`, purpose: `database ${table.path.slice(1).join('.')}` }
        : { protocol: 'Redis', purpose: 'distributed throttling: the shared throttle counters (keyvalue_store)' },
    });
  }
  for (const entry of table.entries) {
    const key = `${path}.${entry.key}`;
    const strings =
      typeof entry.value === 'string' ? [entry.value] : Array.isArray(entry.value) ? entry.value.filter((v) => typeof v === 'string') : [];
    for (const text of strings) {
      const address = parseAddress(text);
      if (!address) continue;
      const known = own(KEYS, key);
      const jdbc = address.scheme.startsWith('jdbc:') ? address.scheme.slice(5) : undefined;
      const meaning: KeyMeaning =
        known ??
        (jdbc !== undefined
          ? { protocol: `${own(JDBC_PROTOCOLS, jdbc) ?? jdbc} (JDBC)`, purpose: `database ${table.path.slice(1).join('.')}` }
          : {
              protocol: own(SCHEME_PROTOCOLS, address.scheme) ?? address.scheme.toUpperCase(),
              purpose: `${key} (custom TOML or an unlisted key)`,
            });
      out.push({ key, address, meaning });
    }
  }
  return out;
}

/** The value under `key`, made and stored first when there is none: a step down a path of maps. */
export function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/** The map under `key` in a map of maps, made empty first when there is none. */
export function childMap<K, K2, V2>(map: Map<K, Map<K2, V2>>, key: K): Map<K2, V2> {
  return entryOf(map, key, () => new Map<K2, V2>());
}

/**
 * Rows keyed by source, destination host, port and protocol: a connection added again joins its purpose to the row
 * already there, so each connection is one row. Each source has a map by destination host of the rows to it, a few
 * at most, which are compared by port and protocol: no key is made per row (some 90,000 rows at 5,000 nodes).
 */
export function connectionRows(): { rows: Connection[]; has: (row: RowKey) => boolean; add: (row: Connection) => void } {
  const rows: Connection[] = [];
  const index = new Map<string, Map<string, Connection[]>>();
  // The row to the same host on the same port and protocol, among a source's rows to that host.
  const onPort = (toHost: readonly Connection[] | undefined, row: RowKey) =>
    toHost?.find((r) => r.port === row.port && r.protocol === row.protocol);
  const has = (row: RowKey) => onPort(index.get(row.fromNode)?.get(row.toHost), row) !== undefined;
  const add = (row: Connection) => {
    const toHost = entryOf(childMap(index, row.fromNode), row.toHost, () => []);
    const seen = onPort(toHost, row);
    if (!seen) {
      toHost.push(row);
      rows.push(row);
    } else if (seen.purpose !== row.purpose) seen.purpose = joinPurposes(seen.purpose, row.purpose);
  };
  return { rows, has, add };
}

/** What makes two rows one connection. */
type RowKey = Pick<Connection, 'fromNode' | 'toHost' | 'port' | 'protocol'>;

/**
 * The connection matrix of a bundle: for each node with a document (API-M nodes and Identity Servers, in node order),
 * the connections its file opens, then for each load balancer what it listens on and what it forwards to. One row per
 * source, destination host, port and protocol; purposes of one connection are joined.
 */
export function connectionMatrix(context: GenerationContext, documents: ReadonlyMap<string, TomlDocument>): Connection[] {
  const index = listenerIndex(context);
  const { rows, has, add } = connectionRows();
  const clientRows: Connection[] = [];

  for (const node of context.topology.nodes) {
    const document = documents.get(node.id);
    if (!document || !('host' in node)) continue;
    for (const table of document.tables) {
      for (const { address, meaning } of tableAddresses(table)) {
        if (isLocalHost(address.host) || meaning.notCalled) continue;
        const target = index.get(address.host)?.get(address.port);
        const row: Connection = {
          fromNode: meaning.clients ? CLIENTS : node.id,
          fromHost: meaning.clients ? 'any' : node.host,
          toNode: target?.id ?? '',
          toHost: address.host,
          port: address.port,
          protocol: meaning.protocol,
          purpose: meaning.purpose,
        };
        if (meaning.clients) clientRows.push(row);
        else add(row);
      }
    }
    // An Identity Server the node uses as its Key Manager that no key of its file names (IS 7 is added in the Admin
    // portal, APIM docs 4.3+ 'Configure WSO2 IS 7 as a Key Manager'): the node still calls it.
    const server = isApimNode(node) ? context.graph.identityServerFor(node) : undefined;
    if (server) {
      const port = identityServerHttpsPort(server);
      if (!has({ fromNode: node.id, toHost: server.host, port, protocol: 'HTTPS' })) {
        add({
          fromNode: node.id,
          fromHost: node.host,
          toNode: server.id,
          toHost: server.host,
          port,
          protocol: 'HTTPS',
          purpose: 'Identity Server as Key Manager: tokens, introspection, JWKS (the Key Manager added in the Admin portal)',
        });
      }
    }
  }

  for (const lb of context.graph.nodesOfKind('load-balancer')) {
    if (!NODE_ID_PATTERN.test(lb.id)) continue;
    const plan = loadBalancerPlan(context, lb);
    for (const listener of plan.listeners) {
      add({
        fromNode: CLIENTS,
        fromHost: 'any',
        toNode: lb.id,
        toHost: lb.host,
        port: listener.port,
        protocol: listener.ssl ? 'HTTPS' : 'HTTP',
        purpose: `${lb.id} listens: ${listener.purpose}`,
      });
    }
    for (const listener of plan.listeners) {
      const upstream = listener.upstream;
      if (!upstream) continue;
      // The same for every member: made once (a cluster of 100 gateways behind 7 listeners is 700 rows).
      const protocol = upstream.scheme.toUpperCase();
      const purpose = `forwards port ${listener.port} (upstream ${upstream.name}): ${upstream.purpose}`;
      for (const member of upstream.members) {
        add({
          fromNode: lb.id,
          fromHost: lb.host,
          toNode: member.id,
          toHost: member.host,
          port: portOf(member, upstream.port),
          protocol,
          purpose,
        });
      }
    }
  }
  // What the nodes advertise to API clients and browsers, where no load balancer listener serves it already.
  const listening = new Map<string, Connection>();
  for (const row of rows) if (row.fromNode === CLIENTS) listening.set(`${row.toHost}:${row.port}`, row);
  for (const row of clientRows) {
    // A listener's own purpose already names the endpoint it serves.
    if (listening.has(`${row.toHost}:${row.port}`)) continue;
    add(row);
    listening.set(`${row.toHost}:${row.port}`, row);
  }
  return rows;
}
