/**
 * Default ports of an API-M node (APIM docs 'Default Product Ports'; product-apim v4.2.0 …/resources/conf/default.json).
 * Every port is default + the node's offset; a URL to another node always carries that node's literal port, never a
 * `${…}` placeholder, which would resolve to the local node's port (the placeholder trap: the offset moves the node's
 * own ports, APIM docs 'Changing the Default Ports with Offset', docs-apim#785).
 */
import type { ApimKind } from './types.ts';

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
 * expose (docker-apim 4.5.x dockerfiles/ubuntu/apim-{universal-gw,acp,tm}/Dockerfile, EXPOSE), which are also
 * the ones peers connect to (APIM docs 'Default Product Ports').
 * The control plane runs the Traffic Manager and event hub (broker, binary receivers) unless one is
 * separate; a separate Traffic Manager opens the same set.
 */
export const OPEN_PORTS: Record<ApimKind, readonly PortName[]> = {
  gateway: ['https', 'http', 'apiHttp', 'apiHttps', 'ws', 'wss', 'websubHttp', 'websubHttps'],
  'control-plane': ['https', 'http', 'apiHttp', 'apiHttps', 'ws', 'broker', 'binaryTcp', 'binarySsl', 'jmxRmiServer', 'jmxRmiRegistry'],
  'traffic-manager': ['https', 'http', 'apiHttp', 'apiHttps', 'ws', 'broker', 'binaryTcp', 'binarySsl', 'jmxRmiServer', 'jmxRmiRegistry'],
  // The control plane's pack (4.3–4.4) or distribution (4.5+) with the Key Manager profile: what it leaves running is not
  // documented port by port, so a clash is judged on every port a control plane opens.
  'key-manager': ['https', 'http', 'apiHttp', 'apiHttps', 'ws', 'broker', 'binaryTcp', 'binarySsl', 'jmxRmiServer', 'jmxRmiRegistry'],
  // Everything at once: the gateway's API ports and the control plane's broker and receivers (docker-apim 4.5.x
  // dockerfiles/ubuntu/apim/Dockerfile, the All-in-One image).
  'all-in-one': [
    'https',
    'http',
    'apiHttp',
    'apiHttps',
    'ws',
    'wss',
    'websubHttp',
    'websubHttps',
    'broker',
    'binaryTcp',
    'binarySsl',
    'jmxRmiServer',
    'jmxRmiRegistry',
  ],
};

/**
 * What a gateway cluster's load balancer listens on for API clients, as the control planes advertise it
 * in the gateway environment (http_endpoint and https_endpoint on 80 and 443; ws/wss :9099/:8099 in the
 * CP's 'Gateway with High Availability' environment, docs 4.1-4.4 'Configuring a Distributed API-M
 * Deployment with Traffic Manager Separated from the Control Plane'; WebSub 9021/8021 as product-apim
 * v4.2.0 default.json).
 */
export const GATEWAY_LB_PORTS = {
  apiHttp: 80,
  apiHttps: 443,
  ws: DEFAULT_PORTS.ws,
  wss: DEFAULT_PORTS.wss,
  websubHttp: DEFAULT_PORTS.websubHttp,
  websubHttps: DEFAULT_PORTS.websubHttps,
} as const;

export type GatewayEndpointName = keyof typeof GATEWAY_LB_PORTS;

/**
 * What an All-in-One cluster's load balancer listens on for API clients: its 443 serves the portals (as a control
 * plane's), so API traffic keeps the gateway's own ports, 8280 and 8243 (APIM docs 'Configuring an Active-Active
 * Deployment', 'Configure the Load Balancer': the All-in-One's API ports behind the load balancer).
 */
export const ALL_IN_ONE_LB_PORTS: Record<GatewayEndpointName, number> = {
  apiHttp: DEFAULT_PORTS.apiHttp,
  apiHttps: DEFAULT_PORTS.apiHttps,
  ws: DEFAULT_PORTS.ws,
  wss: DEFAULT_PORTS.wss,
  websubHttp: DEFAULT_PORTS.websubHttp,
  websubHttps: DEFAULT_PORTS.websubHttps,
};

/**
 * Where API clients reach a gateway cluster: its load balancer on GATEWAY_LB_PORTS, or its one gateway
 * on its own ports (default + offset). The control plane's environment, the load balancer's nginx.conf
 * and validation all read this, so they cannot disagree.
 */
export function gatewayEndpoints(
  cluster: {
    lb?: { host: string } | undefined;
    members: readonly { host: string; offset: number }[];
  },
  lbPorts: Readonly<Record<GatewayEndpointName, number>> = GATEWAY_LB_PORTS,
): Record<GatewayEndpointName, string> {
  const scheme: Record<GatewayEndpointName, string> = {
    apiHttp: 'http',
    apiHttps: 'https',
    ws: 'ws',
    wss: 'wss',
    websubHttp: 'http',
    websubHttps: 'https',
  };
  const names = Object.keys(GATEWAY_LB_PORTS) as GatewayEndpointName[];
  const gateway = cluster.members[0];
  const address = (name: GatewayEndpointName): string => {
    if (cluster.lb) {
      const port = lbPorts[name];
      // 80 and 443 are the schemes' own ports: left out, as WSO2's environment samples write them.
      return port === 80 || port === 443 ? `${scheme[name]}://${cluster.lb.host}` : `${scheme[name]}://${cluster.lb.host}:${port}`;
    }
    if (!gateway) throw new Error('a gateway cluster without members has no endpoints');
    return `${scheme[name]}://${gateway.host}:${portOf(gateway, name)}`;
  };
  return Object.fromEntries(names.map((name) => [name, address(name)])) as Record<GatewayEndpointName, string>;
}

/**
 * The ports a load balancer listens on (no offset): HTTPS 443 and 80 redirecting to it (APIM docs 'Configuring the
 * Proxy Server and the Load Balancer'); in front of gateways also 9443 (the control plane reaches the gateways' admin
 * services through it) and the WebSocket and WebSub ports of GATEWAY_LB_PORTS.
 */
export const LOAD_BALANCER_PORTS = {
  all: [
    { port: 443, label: 'HTTPS' },
    { port: 80, label: 'HTTP' },
  ],
  gateway: [
    { port: DEFAULT_PORTS.https, label: 'gateway admin HTTPS' },
    { port: GATEWAY_LB_PORTS.ws, label: 'WebSocket' },
    { port: GATEWAY_LB_PORTS.wss, label: 'secure WebSocket' },
    { port: GATEWAY_LB_PORTS.websubHttp, label: 'WebSub HTTP' },
    { port: GATEWAY_LB_PORTS.websubHttps, label: 'WebSub HTTPS' },
  ],
  'all-in-one': [
    { port: ALL_IN_ONE_LB_PORTS.apiHttp, label: 'API HTTP' },
    { port: ALL_IN_ONE_LB_PORTS.apiHttps, label: 'API HTTPS' },
    { port: ALL_IN_ONE_LB_PORTS.ws, label: 'WebSocket' },
    { port: ALL_IN_ONE_LB_PORTS.wss, label: 'secure WebSocket' },
    { port: ALL_IN_ONE_LB_PORTS.websubHttp, label: 'WebSub HTTP' },
    { port: ALL_IN_ONE_LB_PORTS.websubHttps, label: 'WebSub HTTPS' },
  ],
} as const;
