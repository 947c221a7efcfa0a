/**
 * How one node addresses another. A cluster reached through a load balancer gets the LB's host in
 * service URLs; the per-node TCP lists name each member with its own host and offset-adjusted port.
 * Ports are always literal: default + the target's offset, never a `${…}` placeholder.
 */
import type { ApimNode, Cluster, PortName } from '../model/index.ts';
import { KIND_NAMES, portOf } from '../model/index.ts';

/** The HTTPS base of a cluster's servlet transport (9443): portals, admin services, notify. */
export function httpsBase(cluster: Cluster): string {
  if (cluster.lb) {
    // A gateway load balancer serves API traffic on 443, so it forwards the gateways' 9443 on 9443.
    return cluster.kind === 'gateway' ? `https://${cluster.lb.host}:9443` : `https://${cluster.lb.host}`;
  }
  const node = cluster.members[0];
  return `https://${node.host}:${portOf(node, 'https')}`;
}

export function servicesUrl(cluster: Cluster): string {
  return `${httpsBase(cluster)}/services/`;
}

export function endpoint(scheme: 'tcp' | 'ssl', node: ApimNode, port: PortName): string {
  return `${scheme}://${node.host}:${portOf(node, port)}`;
}

/** `tcp://<each member>:<port>`, one entry per member. */
export function memberEndpoints(clusters: Cluster[], scheme: 'tcp' | 'ssl', port: PortName): string[] {
  return uniqueMembers(clusters).map((member) => endpoint(scheme, member, port));
}

/** Every member of the clusters, each once, in order. */
export function uniqueMembers(clusters: Cluster[]): ApimNode[] {
  const seen = new Set<string>();
  const members: ApimNode[] = [];
  for (const cluster of clusters) {
    for (const member of cluster.members) {
      if (!seen.has(member.id)) {
        seen.add(member.id);
        members.push(member);
      }
    }
  }
  return members;
}

/** "the control plane cluster behind cp-lb (cp-1, cp-2)" / "control plane cp-1", for comments. */
export function describeCluster(cluster: Cluster): string {
  const kind = KIND_NAMES[cluster.kind].toLowerCase();
  if (cluster.lb) return `the ${kind} cluster behind ${cluster.lb.id} (${cluster.members.map((m) => m.id).join(', ')})`;
  return `${kind} ${cluster.members[0].id}`;
}
