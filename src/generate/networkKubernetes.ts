/**
 * The connection matrix on the Kubernetes platform: the NetworkPolicy-style list of Service-to-Service ports. The
 * connections are the ones the virtual-machine files would open (network.ts, from the same documents), each end
 * turned into the release that runs it and the Service the other releases call (model/helm.ts `servicesOf`, as the
 * values files name them: a cluster's Service for service URLs, one Service per instance for the per-node lists),
 * on the default ports the charts' pods listen on (helm-apim `templates/**` Service ports: no offset in a pod).
 * What a load balancer fronts is reached through the ingress (or Gateway API) routes instead.
 */
import type { ApimNode, HelmBranch, HelmRelease, PortName, TopologyNode } from '../model/index.ts';
import { DEFAULT_PORTS, isApimNode, portOf, routesOf } from '../model/index.ts';
import type { GenerationContext } from './context.ts';
import type { Connection } from './network.ts';
import { CLIENTS, connectionRows, parseAddress } from './network.ts';
import type { HelmPlan, HelmValue } from './helm/values.ts';
import { loadBalancerPlan } from './loadBalancing.ts';
import { serviceDnsNames } from './certificates.ts';
import { servicesOf } from './helm/releases.ts';

/** The source of what the ingress controller (or the Gateway API's Gateway) forwards. */
export const INGRESS = 'ingress';

interface Placement {
  release: HelmRelease;
  /** The Service that names this node's pod alone (the per-node lists), or the release's Service. */
  instance: string;
}

export interface KubernetesNames {
  /** Where each API-M node runs, by node id. */
  placement: Map<string, Placement>;
  /** A node's Service DNS names (a load balancer's route hostnames), for its certificate. */
  serviceNames: (node: TopologyNode) => string[];
}

export function kubernetesNames(releases: readonly HelmRelease[], branch: HelmBranch | undefined): KubernetesNames {
  const placement = new Map<string, Placement>();
  const byLb = new Map<string, HelmRelease>();
  if (branch) {
    for (const release of releases) {
      const services = servicesOf(release, branch);
      release.cluster.members.forEach((member, index) =>
        placement.set(member.id, { release, instance: services.instances[index] ?? services.service }),
      );
      if (release.cluster.lb) byLb.set(release.cluster.lb.id, release);
    }
  }
  /** An API-M node's Service DNS names; a load balancer's routes' hostnames (what the ingress serves for it). */
  const serviceNames = (node: TopologyNode): string[] => {
    if (!branch) return [];
    if (node.kind === 'load-balancer') {
      const release = byLb.get(node.id);
      return release ? [...new Set(routesOf(release.cluster).map((route) => route.host))] : [];
    }
    const placed = placement.get(node.id);
    if (!placed) return [];
    const services = servicesOf(placed.release, branch);
    return [...new Set([services.service, placed.instance])].flatMap((svc) => serviceDnsNames(svc, placed.release.namespace));
  };
  return { placement, serviceNames };
}

/** The port name a node listens on at `port` (its default + offset), or undefined. */
function portNameOf(node: ApimNode, port: number): PortName | undefined {
  return (Object.keys(DEFAULT_PORTS) as PortName[]).find((name) => portOf(node, name) === port);
}

/** The virtual-machine matrix as Service-to-Service rows, one per source release, Service, port and protocol. */
export function kubernetesMatrix(
  context: GenerationContext,
  vmRows: readonly Connection[],
  plan: HelmPlan,
  releases: readonly HelmRelease[],
  names: KubernetesNames,
): Connection[] {
  const { branch, files } = plan;
  const { graph } = context;
  const { rows, add } = connectionRows();
  const dns = (release: HelmRelease, service: string) => `${service}.${release.namespace}`;
  const lbRelease = new Map(releases.flatMap((r) => (r.cluster.lb ? [[r.cluster.lb.id, r] as const] : [])));

  /** Where a row's destination is on Kubernetes: a release's Service and default port, or the host as it is. */
  const target = (row: Connection): { toNode: string; toHost: string; port: number } | undefined => {
    const node = row.toNode === '' ? undefined : graph.node(row.toNode);
    if (node && isApimNode(node)) {
      const placed = names.placement.get(node.id);
      const name = portNameOf(node, row.port);
      if (!placed || !name) return undefined;
      return { toNode: placed.release.release, toHost: dns(placed.release, placed.instance), port: DEFAULT_PORTS[name] };
    }
    if (node?.kind === 'load-balancer') {
      const release = lbRelease.get(node.id);
      const upstream = loadBalancerPlan(context, node).listeners.find((l) => l.port === row.port)?.upstream;
      if (!release || !upstream || !branch) return undefined;
      return { toNode: release.release, toHost: dns(release, servicesOf(release, branch).service), port: DEFAULT_PORTS[upstream.port] };
    }
    return { toNode: row.toNode, toHost: row.toHost, port: row.port };
  };

  for (const row of vmRows) {
    const from = graph.node(row.fromNode);
    if (row.fromNode === CLIENTS || from?.kind === 'load-balancer') continue; // the routes below
    const placed = from && isApimNode(from) ? names.placement.get(from.id) : undefined;
    if (from && isApimNode(from) && !placed) continue; // no chart runs it (APIM065)
    const to = target(row);
    if (!to) continue;
    add({
      fromNode: placed ? placed.release.release : row.fromNode,
      fromHost: placed ? dns(placed.release, placed.instance) : row.fromHost,
      ...to,
      protocol: row.protocol,
      purpose: row.purpose,
    });
  }

  // What the values files name that no virtual-machine file does: a chart may call a Service on its own (helm-apim
  // 4.7.x universal-gw writes throttling.serviceUrl with a separate traffic manager). Each serviceUrl is the HTTPS 9443
  // of that Service; oauth2JWKSUrl is a URL.
  for (const file of branch ? files : []) {
    const release = file.release;
    for (const [path, value] of valueStrings(file.values)) {
      const leaf = path[path.length - 1];
      const url = leaf === 'oauth2JWKSUrl' ? parseAddress(value) : undefined;
      const service = leaf === 'serviceUrl' ? value : url?.host;
      if (service === undefined || !/-service/.test(service)) continue;
      const host = service.includes('.') ? service : `${service}.${release.namespace}`;
      const to = releases.find((r) => host.startsWith(`${r.fullname}-`) && host.endsWith(`.${r.namespace}`));
      const from = branch ? servicesOf(release, branch).service : release.fullname;
      add({
        fromNode: release.release,
        fromHost: dns(release, from),
        toNode: to?.release ?? '',
        toHost: host,
        port: url?.port ?? DEFAULT_PORTS.https,
        protocol: 'HTTPS',
        purpose: `${path.slice(-2).join('.')} (values.yaml)`,
      });
    }
  }

  // The routes: clients reach each hostname on the ingress (443), which forwards to the release's Service.
  if (branch) {
    for (const release of releases) {
      const service = dns(release, servicesOf(release, branch).service);
      for (const route of routesOf(release.cluster)) {
        add({
          fromNode: CLIENTS,
          fromHost: 'any',
          toNode: INGRESS,
          toHost: route.host,
          port: 443,
          protocol: 'HTTPS',
          purpose: `route ${route.component} of ${release.release}`,
        });
        const port = ROUTE_PORTS[route.component];
        if (port !== undefined) {
          add({
            fromNode: INGRESS,
            fromHost: 'the ingress controller or Gateway',
            toNode: release.release,
            toHost: service,
            port,
            protocol: 'HTTPS',
            purpose: `route ${route.component}: ${route.host}`,
          });
        }
      }
    }
  }
  return rows;
}

/** Every string of a values tree, with its path. */
function valueStrings(values: HelmValue, path: string[] = []): [string[], string][] {
  if (typeof values === 'string') return [[path, values]];
  if (Array.isArray(values)) return values.flatMap((v: HelmValue) => valueStrings(v, path));
  if (values !== null && typeof values === 'object') return Object.entries(values).flatMap(([k, v]) => valueStrings(v, [...path, k]));
  return [];
}

/**
 * The Service port each route forwards to: the portals and Key Manager on 9443, API traffic on 8243, WebSocket on 8099
 * and WebSub on 8021, the TLS ports (helm-apim 4.7.x templates/**: the routes' backends and their BackendTLSPolicy).
 */
const ROUTE_PORTS: Readonly<Record<string, number>> = {
  controlPlane: DEFAULT_PORTS.https,
  km: DEFAULT_PORTS.https,
  management: DEFAULT_PORTS.https,
  gateway: DEFAULT_PORTS.apiHttps,
  websocket: DEFAULT_PORTS.wss,
  websub: DEFAULT_PORTS.websubHttps,
};
