/**
 * What each node's TLS certificate must name, and which certificates each node must trust: read off the connection
 * matrix (network.ts), so the names cover every host a peer calls and the runbook's keytool commands, network.md and
 * the certificate check (APIM072) agree. Names: the node's host, its cluster's load balancer host when one fronts it,
 * `localhost` (tools and the node's own calls to itself; the shipped wso2carbon certificate names it too), and on
 * Kubernetes the Service DNS names the other releases call (`<svc>`, `<svc>.<ns>`, `<svc>.<ns>.svc`,
 * `<svc>.<ns>.svc.cluster.local`; Kubernetes docs 'DNS for Services and Pods').
 */
import type { NodeKind, TopologyNode } from '../model/index.ts';
import { HOST_PATTERN, KIND_NAMES, NODE_ID_PATTERN, isApimNode } from '../model/index.ts';
import type { GenerationContext } from './context.ts';
import type { Connection } from './network.ts';

export interface CertificatePlan {
  nodeId: string;
  nodeKind: NodeKind;
  /** The kind's name, for tables: "Control Plane". */
  kind: string;
  /** The names the certificate must carry, in order: host names and IPv4 addresses. */
  names: string[];
  /** The nodes whose certificates it must trust: the peers it calls over TLS, in first-call order. */
  trusts: string[];
  /** Names the topology says the node's existing certificate carries (`certificateNames`), when it says. */
  declared?: string[];
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The protocols of the matrix that run over TLS, whose peer's certificate is checked. */
export const TLS_PROTOCOLS: ReadonlySet<string> = new Set(['HTTPS', 'SSL binary', 'WebSocket over TLS']);

/** `dns:name` or `ip:1.2.3.4`, as keytool's `-ext SAN=` takes them. */
export function sanEntry(name: string): string {
  return IPV4.test(name) ? `ip:${name}` : `dns:${name}`;
}

/** The four names of a Kubernetes Service in a namespace. */
export function serviceDnsNames(service: string, namespace: string): string[] {
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/**
 * The certificate plan of every API-M node, Identity Server and load balancer with a safe id, in node order. On
 * Kubernetes (`kubernetes` given) a node's names are its Service DNS names and localhost (the pods are called by
 * Service, and the Gateway API's BackendTLSPolicy checks localhost), and a load balancer's are its routes' hostnames,
 * which the ingress (or Gateway) certificate serves.
 */
export function certificatePlans(
  context: GenerationContext,
  rows: readonly Connection[],
  kubernetes?: { serviceNames: (node: TopologyNode) => string[] },
): CertificatePlan[] {
  const trusts = new Map<string, string[]>();
  for (const row of rows) {
    if (!TLS_PROTOCOLS.has(row.protocol) || row.toNode === '' || row.toNode === row.fromNode) continue;
    const target = context.graph.node(row.toNode);
    if (!target || !(isApimNode(target) || target.kind === 'identity-server' || target.kind === 'load-balancer')) continue;
    const list = trusts.get(row.fromNode) ?? [];
    if (!list.includes(row.toNode)) list.push(row.toNode);
    trusts.set(row.fromNode, list);
  }
  const plans: CertificatePlan[] = [];
  const seen = new Set<string>();
  for (const node of context.topology.nodes) {
    if (!NODE_ID_PATTERN.test(node.id) || seen.has(node.id)) continue;
    let names: string[];
    if (isApimNode(node)) {
      const lb = context.graph.frontedBy(node.id);
      names = kubernetes ? [...kubernetes.serviceNames(node), 'localhost'] : [node.host, ...(lb ? [lb.host] : []), 'localhost'];
    } else if (node.kind === 'identity-server') names = [node.host, 'localhost'];
    else if (node.kind === 'load-balancer') names = kubernetes ? kubernetes.serviceNames(node) : [node.host];
    else continue;
    seen.add(node.id);
    const declared = 'certificateNames' in node ? node.certificateNames : undefined;
    plans.push({
      nodeId: node.id,
      nodeKind: node.kind,
      kind: KIND_NAMES[node.kind],
      names: unique(names.filter((n) => HOST_PATTERN.test(n))),
      // A load balancer does not verify the nodes it forwards to (nginx.conf: proxy_ssl_verify off).
      trusts: node.kind === 'load-balancer' ? [] : (trusts.get(node.id) ?? []),
      ...(declared && declared.length > 0 ? { declared } : {}),
    });
  }
  return plans;
}
