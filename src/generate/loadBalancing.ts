/**
 * What a load balancer does, as data: the ports it listens on and the upstream each one forwards to,
 * with member ports computed from offsets (APIM docs 'Configuring the Proxy Server and the Load Balancer', tabs 'HA for
 * Gateway', 'HA for Control Plane', 'HA for Traffic Manager'). The nginx.conf generator writes it; the
 * runbook reads it for its checks, so the two can never disagree.
 */
import type { ApimKind, ApimNode, LoadBalancerNode, PortName } from '../model/index.ts';
import {
  ALL_IN_ONE_LB_PORTS,
  DEFAULT_PORTS,
  GATEWAY_LB_PORTS,
  KIND_NAMES,
  gatewayEndpoints,
  isSticky,
  unhandledKind,
} from '../model/index.ts';
import type { GenerationContext } from './context.ts';

/**
 * How an upstream spreads requests. `sticky`: a client stays on one node (portal sessions);
 * `primary-backup`: the first member serves, the others only when it is down; `round-robin`: all serve.
 */
export type Balancing = 'sticky' | 'primary-backup' | 'round-robin';

export interface Upstream {
  /** The nginx upstream name, e.g. `control_planes_https`. */
  name: string;
  /** The members' port, default + each member's offset. */
  port: PortName;
  /** How nginx talks to the members. */
  scheme: 'http' | 'https';
  balancing: Balancing;
  members: ApimNode[];
  /** What the members serve on that port, for comments. */
  purpose: string;
}

export interface Listener {
  /** The port the load balancer listens on. */
  port: number;
  ssl: boolean;
  /** What clients reach here, for comments: "API traffic over HTTPS (https_endpoint)". */
  purpose: string;
  /** Where requests go; none: port 80 redirecting to HTTPS, or 503 when the LB fronts nothing. */
  upstream?: Upstream;
  redirect?: boolean;
  /** Pass the WebSocket upgrade on. */
  websocket?: boolean;
}

export interface LoadBalancerPlan {
  lb: LoadBalancerNode;
  /** The kind of cluster behind it, or undefined when it fronts nothing. */
  kind?: ApimKind;
  /** The members of that kind, in node order. */
  members: ApimNode[];
  listeners: Listener[];
}

export function nginxConfPath(lb: { id: string }): string {
  return `load-balancers/${lb.id}/nginx.conf`;
}

/** The file name of the LB's certificate and key, from its host: `cp.example.com` → `ssl/cp.example.com.crt`. */
export function certificatePaths(lb: { host: string; id: string }): { crt: string; key: string } {
  const safe = /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(lb.host) ? lb.host : lb.id;
  return { crt: `ssl/${safe}.crt`, key: `ssl/${safe}.key` };
}

const TIER: Record<ApimKind, string> = {
  'control-plane': 'control_planes',
  'traffic-manager': 'traffic_managers',
  'key-manager': 'key_managers',
  gateway: 'gateways',
  'all-in-one': 'all_in_ones',
};

export function loadBalancerPlan(context: GenerationContext, lb: LoadBalancerNode): LoadBalancerPlan {
  const kind = context.graph.frontedKind(lb.id);
  // A load balancer in front of mixed kinds is an error validate reports; it forwards to the first kind.
  const members = kind ? context.graph.frontedMembers(lb.id).filter((m) => m.kind === kind) : [];
  if (!kind || members.length === 0) {
    return {
      lb,
      members: [],
      listeners: [
        { port: 80, ssl: false, purpose: 'HTTP, redirected to HTTPS', redirect: true },
        { port: 443, ssl: true, purpose: 'HTTPS: this load balancer fronts no node yet, so it answers 503' },
      ],
    };
  }
  const upstream = (suffix: string, port: PortName, scheme: Upstream['scheme'], balancing: Balancing, purpose: string): Upstream => ({
    name: `${TIER[kind]}_${suffix}`,
    port,
    scheme,
    balancing,
    members,
    purpose,
  });
  const names = `${KIND_NAMES[kind].toLowerCase()}s`;
  /**
   * WebSocket and WebSub listeners of a cluster that serves API traffic (gateways, All-in-One nodes), on the ports
   * the environment advertises (model/ports.ts gatewayEndpoints).
   */
  const streamingListeners = (
    ports: { ws: number; wss: number; websubHttp: number; websubHttps: number },
    endpoints: Record<'ws' | 'wss' | 'websubHttp' | 'websubHttps', string>,
  ): Listener[] => [
    {
      port: ports.ws,
      ssl: false,
      purpose: `WebSocket APIs: the environment's ws_endpoint (${endpoints.ws})`,
      upstream: upstream('ws', 'ws', 'http', 'round-robin', 'WebSocket (ws)'),
      websocket: true,
    },
    {
      port: ports.wss,
      ssl: true,
      purpose: `secure WebSocket APIs: the environment's wss_endpoint (${endpoints.wss})`,
      upstream: upstream('wss', 'wss', 'https', 'round-robin', 'secure WebSocket (wss)'),
      websocket: true,
    },
    {
      port: ports.websubHttp,
      ssl: false,
      purpose: `WebSub / WebHook events over HTTP: websub_event_receiver_http_endpoint (${endpoints.websubHttp})`,
      upstream: upstream('websub_http', 'websubHttp', 'http', 'round-robin', 'the WebSub / WebHook receiver over HTTP'),
    },
    {
      port: ports.websubHttps,
      ssl: true,
      purpose: `WebSub / WebHook events over HTTPS: websub_event_receiver_https_endpoint (${endpoints.websubHttps})`,
      upstream: upstream('websub_https', 'websubHttps', 'https', 'round-robin', 'the WebSub / WebHook receiver over HTTPS'),
    },
  ];
  const redirect: Listener = {
    port: 80,
    ssl: false,
    purpose: 'HTTP, redirected to HTTPS (WSO2 serves the portals and services over HTTPS only)',
    redirect: true,
  };

  switch (kind) {
    case 'control-plane':
      return {
        lb,
        kind,
        members,
        listeners: [
          redirect,
          {
            port: 443,
            ssl: true,
            purpose: `the portals, the Key Manager and the event hub (https://${lb.host})`,
            // Sticky unless the topology turned it off (validate warns: APIM022; LB docs page, 'HA for Control Plane').
            upstream: upstream(
              'https',
              'https',
              'https',
              isSticky(lb) ? 'sticky' : 'round-robin',
              `the ${names}' HTTPS port: portals, /services/, /internal/data/v1/`,
            ),
          },
        ],
      };
    case 'key-manager':
      return {
        lb,
        kind,
        members,
        listeners: [
          redirect,
          {
            port: 443,
            ssl: true,
            purpose: `the Key Manager: key validation, token and client registration (https://${lb.host})`,
            // No session state to keep: each call carries its own credentials.
            upstream: upstream(
              'https',
              'https',
              'https',
              'round-robin',
              `the ${names}' HTTPS port: /services/, /oauth2/, /keymanager-operations/`,
            ),
          },
        ],
      };
    case 'traffic-manager':
      return {
        lb,
        kind,
        members,
        listeners: [
          redirect,
          {
            port: 443,
            ssl: true,
            purpose: `the traffic managers' admin services (https://${lb.host}/services/)`,
            upstream: upstream('https', 'https', 'https', 'primary-backup', `the ${names}' HTTPS port: /services/`),
          },
        ],
      };
    case 'gateway': {
      // What the control planes advertise in the gateway environment (model/ports.ts gatewayEndpoints).
      const endpoints = gatewayEndpoints({ lb, members });
      return {
        lb,
        kind,
        members,
        listeners: [
          {
            port: GATEWAY_LB_PORTS.apiHttp,
            ssl: false,
            // Not redirected like the other load balancers' port 80: the environment advertises it, and a
            // redirect would turn API clients' POSTs into GETs.
            purpose: `API traffic over HTTP: the environment's http_endpoint (${endpoints.apiHttp}), so not redirected to HTTPS`,
            upstream: upstream('api_http', 'apiHttp', 'http', 'round-robin', 'API traffic over HTTP (pass-through transport)'),
          },
          {
            port: GATEWAY_LB_PORTS.apiHttps,
            ssl: true,
            purpose: `API traffic over HTTPS: the environment's https_endpoint (${endpoints.apiHttps})`,
            upstream: upstream('api_https', 'apiHttps', 'https', 'round-robin', 'API traffic over HTTPS (pass-through transport)'),
          },
          {
            port: DEFAULT_PORTS.https,
            ssl: true,
            purpose: `the gateways' admin services: the control planes deploy APIs through https://${lb.host}:9443/services/ (service_url)`,
            upstream: upstream('https', 'https', 'https', 'primary-backup', "the gateways' HTTPS servlet port: /services/"),
          },
          ...streamingListeners(GATEWAY_LB_PORTS, endpoints),
        ],
      };
    }
    case 'all-in-one': {
      // The portals as for control planes (sticky), and the API traffic of the gateway inside each All-in-One on the
      // gateway's own ports, which the environments advertise on this host (APIM docs 'Configuring an Active-Active
      // Deployment', 'Configure the Load Balancer'; LB docs page, 'HA for Control Plane' and 'HA for Gateway').
      const endpoints = gatewayEndpoints({ lb, members }, ALL_IN_ONE_LB_PORTS);
      return {
        lb,
        kind,
        members,
        listeners: [
          redirect,
          {
            port: 443,
            ssl: true,
            purpose: `the portals, the Key Manager and the event hub (https://${lb.host})`,
            upstream: upstream(
              'https',
              'https',
              'https',
              isSticky(lb) ? 'sticky' : 'round-robin',
              `the ${names}' HTTPS port: portals, /services/, /internal/data/v1/`,
            ),
          },
          {
            port: ALL_IN_ONE_LB_PORTS.apiHttp,
            ssl: false,
            purpose: `API traffic over HTTP: the environment's http_endpoint (${endpoints.apiHttp})`,
            upstream: upstream('api_http', 'apiHttp', 'http', 'round-robin', 'API traffic over HTTP (pass-through transport)'),
          },
          {
            port: ALL_IN_ONE_LB_PORTS.apiHttps,
            ssl: true,
            purpose: `API traffic over HTTPS: the environment's https_endpoint (${endpoints.apiHttps})`,
            upstream: upstream('api_https', 'apiHttps', 'https', 'round-robin', 'API traffic over HTTPS (pass-through transport)'),
          },
          ...streamingListeners(ALL_IN_ONE_LB_PORTS, endpoints),
        ],
      };
    }
    default:
      return unhandledKind(kind);
  }
}
