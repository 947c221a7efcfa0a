/**
 * Structural rules: the links and clusters a topology draws, before any WSO2-specific check.
 * Each rule has a stable code; the README lists them.
 */
import type { ApimKind, Diagnostic, NodeOfKind, Topology, TopologyGraph, TopologyNode } from '../model/index.ts';
import { report } from './rules.ts';
import {
  KIND_NAMES,
  apimPair,
  buildGraph,
  controlPlaneClusters,
  gatewayEnvironmentsOf,
  gatewayLabelsOf,
  isApimKind,
  isApimNode,
  kindRule,
  linkId,
  versionFacts,
} from '../model/index.ts';

type Rule = (topology: Topology, graph: TopologyGraph) => Diagnostic[];

/** APIM004: ids must be unique. */
const duplicateIds: Rule = (topology) => {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const out: Diagnostic[] = [];
  for (const node of topology.nodes) {
    if (seen.has(node.id) && !reported.has(node.id)) {
      reported.add(node.id);
      out.push(
        report('APIM004', {
          message: `Two nodes have the id "${node.id}"`,
          nodeIds: [node.id],
          fix: 'Give each node its own id: the id names its folder in the bundle.',
        }),
      );
    }
    seen.add(node.id);
  }
  return out;
};

/** APIM001 (not allowed), APIM002 (dangling), APIM003 (duplicate), APIM009 (calls the wrong cluster). */
const links: Rule = (topology, graph) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const link of topology.links) {
    const from = graph.node(link.from);
    const to = graph.node(link.to);
    if (!from || !to) {
      const id = linkId(link);
      const missing = [!from && link.from, !to && link.to].filter(Boolean) as string[];
      out.push(
        report('APIM002', {
          message: `Link ${link.from} → ${link.to} names no node "${missing[0]}"`,
          nodeIds: [from?.id, to?.id].filter(Boolean) as string[],
          linkIds: [id],
          fix: 'Remove the link, or add the missing node.',
        }),
      );
      continue;
    }
    const id = linkId(link);
    const pairKey = link.from < link.to ? `${link.from}\u0000${link.to}` : `${link.to}\u0000${link.from}`;
    if (seen.has(pairKey)) {
      out.push(
        report('APIM003', {
          message: `${link.from} and ${link.to} are linked twice`,
          nodeIds: [from.id, to.id],
          linkIds: [id],
          fix: 'Remove the second link.',
        }),
      );
      continue;
    }
    seen.add(pairKey);
    const verdict = from.id === to.id ? { ok: false as const, reason: 'A node cannot connect to itself' } : kindRule(from.kind, to.kind);
    if (!verdict.ok) {
      out.push(
        report('APIM001', {
          message: `Link ${from.id} → ${to.id} is not allowed: ${verdict.reason}`,
          nodeIds: [from.id, to.id],
          linkIds: [id],
          fix: 'Remove the link; the README lists the links that configure something.',
        }),
      );
      continue;
    }
    if (verdict.link.role === 'calls-cluster' && isApimKind(from.kind)) {
      const behind = graph.frontedKind(to.id);
      if (behind && !apimPair(from.kind, behind)) {
        out.push(
          report('APIM009', {
            message: `${KIND_NAMES[from.kind]} ${from.id} cannot call the ${KIND_NAMES[behind].toLowerCase()} cluster behind ${to.id}`,
            nodeIds: [from.id, to.id],
            linkIds: [id],
            fix: 'Remove the link.',
          }),
        );
      }
    }
  }
  return out;
};

/** APIM005 (fronts nothing), APIM006 (fronts one node), APIM007 (mixed kinds), APIM008 (fronted twice). */
const loadBalancers: Rule = (topology, graph) => {
  const out: Diagnostic[] = [];
  for (const lb of graph.nodesOfKind('load-balancer')) {
    const members = graph.frontedMembers(lb.id);
    const [first] = members;
    if (!first) {
      out.push(
        report('APIM005', {
          message: `Load balancer ${lb.id} fronts no node`,
          nodeIds: [lb.id],
          fix: `Draw links from ${lb.id} to the nodes of the cluster it fronts.`,
        }),
      );
      continue;
    }
    const kinds = [...new Set(members.map((member) => member.kind))];
    if (kinds.length > 1) {
      out.push(
        report('APIM007', {
          message: `Load balancer ${lb.id} fronts nodes of different kinds (${kinds.map((k) => KIND_NAMES[k].toLowerCase()).join(', ')})`,
          nodeIds: [lb.id, ...members.map((m) => m.id)],
          fix: 'Use one load balancer per cluster: all the nodes it fronts must be of one kind.',
        }),
      );
    } else if (members.length === 1) {
      out.push(
        report('APIM006', {
          message: `Load balancer ${lb.id} fronts a single node (${first.id})`,
          nodeIds: [lb.id, first.id],
          fix: 'Add a second node behind it for high availability, or remove the load balancer.',
        }),
      );
    }
  }
  const frontCount = new Map<string, string[]>();
  for (const link of topology.links) {
    const from = graph.node(link.from);
    const to = graph.node(link.to);
    if (from?.kind === 'load-balancer' && to && isApimNode(to)) {
      const list = frontCount.get(to.id) ?? [];
      if (!list.includes(from.id)) list.push(from.id);
      frontCount.set(to.id, list);
    }
  }
  for (const [nodeId, lbs] of frontCount) {
    if (lbs.length > 1) {
      out.push(
        report('APIM008', {
          message: `${nodeId} is fronted by ${lbs.length} load balancers (${lbs.join(', ')})`,
          nodeIds: [nodeId, ...lbs],
          fix: `Keep one load balancer in front of ${nodeId}: a node belongs to one cluster.`,
        }),
      );
    }
  }
  return out;
};

/** Whether nodes of each API-M kind take their Key Manager and event hub from a control plane (APIM010, APIM013, APIM020). */
const NEEDS_CONTROL_PLANE = {
  gateway: true,
  'control-plane': false,
  'traffic-manager': true,
  // Its event hub and the token revocations it sends are the control plane's.
  'key-manager': true,
  'all-in-one': false,
} as const satisfies Record<ApimKind, boolean>;

type ControlPlaneClient = NodeOfKind<{ [K in ApimKind]: (typeof NEEDS_CONTROL_PLANE)[K] extends true ? K : never }[ApimKind]>;

/** A gateway or a traffic manager: a node that is wired to a control plane for its Key Manager and event hub. */
export function needsControlPlane(node: TopologyNode): node is ControlPlaneClient {
  return isApimNode(node) && NEEDS_CONTROL_PLANE[node.kind];
}

/** APIM010: gateways, traffic managers and Key Managers need a control plane; APIM013: more than one is ambiguous. */
/**
 * APIM010: gateways and traffic managers need a control plane (for a gateway, an All-in-One serves: Pattern 2);
 * APIM013: more than one is ambiguous.
 */
const controlPlaneReach: Rule = (topology, graph) => {
  const out: Diagnostic[] = [];
  for (const node of topology.nodes) {
    if (!needsControlPlane(node)) continue;
    const clusters = controlPlaneClusters(graph, node);
    const [first] = clusters;
    if (!first) {
      out.push(
        report('APIM010', {
          message:
            node.kind === 'key-manager'
              ? `Key Manager ${node.id} is not linked to a control plane or an All-in-One: it has no event hub, and the tokens it revokes reach no gateway`
              : `${KIND_NAMES[node.kind]} ${node.id} is not linked to a control plane: it has no Key Manager or event hub`,
          nodeIds: [node.id],
          fix:
            node.kind === 'gateway' || node.kind === 'key-manager'
              ? `Link ${node.id} to a control plane or an All-in-One, or to the load balancer in front of them.`
              : `Link ${node.id} to a control plane, or to the load balancer in front of the control planes.`,
        }),
      );
    } else if (clusters.length > 1) {
      out.push(
        report('APIM013', {
          message: `${KIND_NAMES[node.kind]} ${node.id} is linked to ${clusters.length} separate control planes; service URLs use ${first.key}`,
          nodeIds: [node.id, ...clusters.map((c) => c.key)],
          fix: 'Put the control planes behind one load balancer and link to it.',
        }),
      );
    }
  }
  return out;
};

/**
 * APIM037: no environment at all; APIM011: a gateway label no environment has; APIM012: an
 * environment no gateway serves.
 */
const environments: Rule = (topology, graph) => {
  const out: Diagnostic[] = [];
  const defined = gatewayEnvironmentsOf(topology);
  const gateways = graph.nodesOfKind('gateway');
  if (defined.length === 0) {
    out.push(
      report('APIM037', {
        message: 'The topology has no gateway environment: the control planes have nowhere to deploy APIs, and no gateway deploys any',
        nodeIds: [...gateways.map((g) => g.id), ...graph.nodesOfKind('control-plane').map((c) => c.id)],
        fix: `Add a gateway environment in the topology settings (API-M ${topology.product} names its default "${versionFacts(topology.product).defaultEnvironmentName}").`,
      }),
    );
  }
  const names = new Set(defined.map((e) => e.name));
  const served = new Set<string>();
  for (const gateway of gateways) {
    for (const label of gatewayLabelsOf(defined, gateway)) {
      served.add(label);
      if (!names.has(label)) {
        out.push(
          report('APIM011', {
            message: `Gateway ${gateway.id} serves "${label}", which is not a gateway environment: it would deploy no API`,
            nodeIds: [gateway.id],
            fix: `Add an environment named "${label}" in the topology settings, or change the gateway's labels.`,
          }),
        );
      }
    }
  }
  if (gateways.length > 0) {
    for (const environment of defined) {
      if (!served.has(environment.name)) {
        out.push(
          report('APIM012', {
            message: `Gateway environment "${environment.name}" is served by no gateway`,
            fix: `Add "${environment.name}" to a gateway's labels, or remove the environment.`,
          }),
        );
      }
    }
  }
  return out;
};

export const STRUCTURE_RULES: Rule[] = [duplicateIds, links, loadBalancers, controlPlaneReach, environments];

export function validateStructure(topology: Topology, graph = buildGraph(topology)): Diagnostic[] {
  return STRUCTURE_RULES.flatMap((rule) => rule(topology, graph));
}
