/**
 * Default ports of an API-M node (REFERENCE.md §3.2). Every port is default + the node's offset;
 * a URL to another node always carries that node's literal port, never a `${…}` placeholder, which
 * would resolve to the local node's port (the placeholder trap, §3.4).
 */
export const DEFAULT_PORTS = {
  /** HTTPS servlet: portals, `/services/`, `/internal/data/v1/*`. */
  https: 9443,
  /** HTTP servlet. */
  http: 9763,
  /** API traffic, HTTP (pass-through). */
  apiHttp: 8280,
  /** API traffic, HTTPS. */
  apiHttps: 8243,
  ws: 9099,
  wss: 8099,
  websubHttp: 9021,
  websubHttps: 8021,
  /** Embedded broker (AMQP / JMS): throttle decisions, event hub, duplicate URLs. */
  broker: 5672,
  brokerSsl: 8672,
  /** Binary data-publisher receiver, TCP and SSL: throttle events, event-hub publishing. */
  binaryTcp: 9611,
  binarySsl: 9711,
  jmxRmiServer: 9999,
  jmxRmiRegistry: 11111,
} as const;

export type PortName = keyof typeof DEFAULT_PORTS;

export const MIN_OFFSET = 0;
export const MAX_OFFSET = 1000;

export function portOf(node: { offset: number }, name: PortName): number {
  return DEFAULT_PORTS[name] + node.offset;
}
