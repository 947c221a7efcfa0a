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

/** How a port is named in messages: "9446 (HTTPS)". */
export const PORT_LABELS: Record<PortName, string> = {
  https: 'HTTPS',
  http: 'HTTP',
  apiHttp: 'API HTTP',
  apiHttps: 'API HTTPS',
  ws: 'WebSocket',
  wss: 'secure WebSocket',
  websubHttp: 'WebSub HTTP',
  websubHttps: 'WebSub HTTPS',
  broker: 'broker',
  brokerSsl: 'broker SSL',
  binaryTcp: 'binary TCP',
  binarySsl: 'binary SSL',
  jmxRmiServer: 'JMX RMI server',
  jmxRmiRegistry: 'JMX RMI registry',
};

/**
 * The ports each kind of API-M node opens, each moved by its offset: the ports WSO2's component images
 * expose (REFERENCE.md §3.3: universal-gw, acp, tm), which are also the ones §3.2 says peers connect to.
 * The control plane runs the Traffic Manager and event hub (broker, binary receivers) unless one is
 * separate; a separate Traffic Manager opens the same set.
 */
export const OPEN_PORTS: Record<'gateway' | 'control-plane' | 'traffic-manager', readonly PortName[]> = {
  gateway: ['https', 'http', 'apiHttp', 'apiHttps', 'ws', 'wss', 'websubHttp', 'websubHttps'],
  'control-plane': ['https', 'http', 'apiHttp', 'apiHttps', 'ws', 'broker', 'binaryTcp', 'binarySsl', 'jmxRmiServer', 'jmxRmiRegistry'],
  'traffic-manager': ['https', 'http', 'apiHttp', 'apiHttps', 'ws', 'broker', 'binaryTcp', 'binarySsl', 'jmxRmiServer', 'jmxRmiRegistry'],
};

/**
 * The ports a load balancer listens on (no offset): HTTPS 443 and 80 redirecting to it (REFERENCE.md
 * §4.1); in front of gateways also 9443 (the control plane reaches the gateways' admin services through
 * it) and the WebSocket and WebSub ports the environment advertises on the load balancer's host (§4.4).
 */
export const LOAD_BALANCER_PORTS = {
  all: [
    { port: 443, label: 'HTTPS' },
    { port: 80, label: 'HTTP' },
  ],
  gateway: [
    { port: DEFAULT_PORTS.https, label: 'gateway admin HTTPS' },
    { port: DEFAULT_PORTS.ws, label: 'WebSocket' },
    { port: DEFAULT_PORTS.wss, label: 'secure WebSocket' },
    { port: DEFAULT_PORTS.websubHttp, label: 'WebSub HTTP' },
    { port: DEFAULT_PORTS.websubHttps, label: 'WebSub HTTPS' },
  ],
} as const;
