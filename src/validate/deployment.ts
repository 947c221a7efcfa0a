/**
 * Deployment rules: does every gateway reach the tiers it needs, and is each tier load-balanced as the
 * HA pattern expects (docs 4.1-4.4 TM-separated page / docs 4.5 TM-separated include; APIM docs 'Configuring the
 * Proxy Server and the Load Balancer'; each rule below names its source). Questions about a cluster are
 * answered once per cluster, so a topology of thousands of gateways in clusters costs one pass.
 */
import type { ApimNode, Cluster, Diagnostic, Topology, TopologyGraph } from '../model/index.ts';
import {
  platformOf,
  KIND_NAMES,
  buildGraph,
  controlPlaneClusters,
  gatewayEnvironmentsOf,
  gatewayLabelsOf,
  isSticky,
  versionFacts,
} from '../model/index.ts';
import { report } from './rules.ts';
import { needsControlPlane } from './structure.ts';
import { names } from './text.ts';

/**
 * APIM019: a gateway's throttle decisions must come from every traffic manager (TM-separated docs, Gateway: one
 * throttle_decision_endpoint and one [[apim.throttling.url_group]] per TM): every separate TM node, or — when
 * there is none — the Traffic Manager inside the control plane (APIM docs 4.1.0 'API-M Distributed Deployment -
 * Overview': the Control Plane profile runs the Traffic Manager; API-M 4.5 is APIM026). APIM020: a gateway or TM
 * must hear the event hub of every control plane node (TM-separated docs: event_listening_endpoints list every CP node);
 * a gateway wired to All-in-One nodes, of every All-in-One node (APIM docs 4.5.0 'Simple Scalable Setup', Gateway:
 * event_listening_endpoints and throttle_decision_endpoints list every All-in-One). A gateway that throttles through
 * an All-in-One is not asked for the traffic managers (wired to both is APIM053).
 */
const reach = (topology: Topology, graph: TopologyGraph): Diagnostic[] => {
  const out: Diagnostic[] = [];
  const trafficManagers = graph.nodesOfKind('traffic-manager');
  const controlPlanes = graph.nodesOfKind('control-plane');
  const allInOnes = graph.nodesOfKind('all-in-one');
  const facts = versionFacts(topology.product);
  const checkedTm = new Map<string, string[]>();
  const checkedCp = new Map<string, string[]>();
  const checkedAio = new Map<string, string[]>();
  const idLists = new Map<ApimNode[], string[]>();
  const allIds = (all: ApimNode[]) => {
    let ids = idLists.get(all);
    if (!ids) idLists.set(all, (ids = all.map((n) => n.id)));
    return ids;
  };

  // Once per cluster of the asking node. Counting the members of the wired clusters costs no more than
  // the links that wire them; only a cluster that misses some node pays for listing which.
  const missing = (
    node: ApimNode,
    kind: 'traffic-manager' | 'control-plane' | 'all-in-one',
    all: ApimNode[],
    cache: Map<string, string[]>,
  ) => {
    const key = graph.clusterOf(node).key;
    let result = cache.get(key);
    if (!result) {
      const wired = graph.wiredClusters(node, kind);
      let reached = 0;
      for (const cluster of wired) reached += cluster.members.length;
      if (reached >= all.length) result = [];
      else if (reached === 0) result = allIds(all);
      else {
        const ids = new Set<string>();
        for (const cluster of wired) for (const member of cluster.members) ids.add(member.id);
        result = all.filter((other) => !ids.has(other.id)).map((other) => other.id);
      }
      cache.set(key, result);
    }
    return result;
  };

  for (const node of topology.nodes) {
    const onAllInOne = node.kind === 'gateway' && allInOnes.length > 0 && graph.wiredClusters(node, 'all-in-one').length > 0;
    if (node.kind === 'gateway' && !onAllInOne) {
      if (trafficManagers.length > 0) {
        const lacking = missing(node, 'traffic-manager', trafficManagers, checkedTm);
        if (lacking.length === trafficManagers.length) {
          out.push(
            report('APIM019', {
              message: `Gateway ${node.id} is not linked to the traffic managers (${names(lacking)}): its rate limits would be counted apart from every other gateway's`,
              nodeIds: [node.id],
              fix: `Link ${node.id} to the traffic managers, or to the load balancer in front of them.`,
            }),
          );
        } else if (lacking.length > 0) {
          out.push(
            report('APIM019', {
              message: `Gateway ${node.id} does not reach traffic manager${lacking.length > 1 ? 's' : ''} ${names(lacking)}: throttle decisions from ${lacking.length > 1 ? 'them' : 'it'} never arrive`,
              nodeIds: [node.id, ...lacking],
              fix: `Put all traffic managers behind one load balancer and link ${node.id} to it, or link ${node.id} to each of them.`,
            }),
          );
        }
      } else if (facts.controlPlaneRunsTrafficManager && controlPlaneClusters(graph, node).length === 0) {
        // Only where control planes run a Traffic Manager; where they do not (4.5), APIM026 reports instead.
        out.push(
          report('APIM019', {
            message: `Gateway ${node.id} has no traffic manager to throttle through: no traffic manager, and no control plane (which runs one when none is separate)`,
            nodeIds: [node.id],
            fix: `Link ${node.id} to a control plane, or add a traffic manager and link ${node.id} to it.`,
          }),
        );
      }
    }
    if (onAllInOne && allInOnes.length > 1) {
      const lacking = missing(node, 'all-in-one', allInOnes, checkedAio);
      if (lacking.length > 0) {
        out.push(
          report('APIM020', {
            message: `Gateway ${node.id} does not listen to the event hub of ${names(lacking)}: API, subscription and revocation events from ${lacking.length > 1 ? 'them' : 'it'} are lost, and ${lacking.length > 1 ? 'their' : 'its'} throttle decisions never arrive`,
            nodeIds: [node.id, ...lacking],
            fix: `Put all All-in-One nodes behind one load balancer and link ${node.id} to it, or link ${node.id} to each of them.`,
          }),
        );
      }
    }
    if (needsControlPlane(node) && controlPlanes.length > 1) {
      const wired = graph.wiredClusters(node, 'control-plane');
      if (wired.length === 0) continue; // APIM010
      const lacking = missing(node, 'control-plane', controlPlanes, checkedCp);
      if (lacking.length > 0) {
        out.push(
          report('APIM020', {
            message: `${KIND_NAMES[node.kind]} ${node.id} does not listen to the event hub of ${names(lacking)}: API, subscription and revocation events from ${lacking.length > 1 ? 'them' : 'it'} are lost`,
            nodeIds: [node.id, ...lacking],
            fix: `Put all control planes behind one load balancer and link ${node.id} to it, or link ${node.id} to each control plane.`,
          }),
        );
      }
    }
  }
  return out;
};

/**
 * APIM021: a control-plane or traffic-manager tier of two or more nodes with members no load balancer fronts
 * (TM-separated docs, HA steps: 'Configure a load balancer fronting the two … nodes'; APIM docs 'Configuring the
 * Proxy Server and the Load Balancer').
 */
const tiers = (_topology: Topology, graph: TopologyGraph): Diagnostic[] => {
  const out: Diagnostic[] = [];
  for (const kind of ['control-plane', 'traffic-manager', 'all-in-one'] as const) {
    const tier = graph.nodesOfKind(kind);
    if (tier.length < 2) continue;
    const bare = tier.filter((node) => !graph.frontedBy(node.id)).map((node) => node.id);
    if (bare.length === 0) continue;
    const plural = KIND_NAMES[kind].toLowerCase();
    out.push(
      report('APIM021', {
        message: `The ${plural} tier has ${tier.length} nodes, but ${names(bare)} ${bare.length > 1 ? 'have' : 'has'} no load balancer in front`,
        nodeIds: bare,
        fix: `Add a load balancer, link it to every ${plural} node, and link the nodes that call them to the load balancer.`,
      }),
    );
  }
  return out;
};

/**
 * APIM022: the portals need sticky sessions on the control-plane load balancer (APIM docs 'Configuring the Proxy
 * Server and the Load Balancer', 'HA for Control Plane': sticky learn, or ip_hash on NGINX community).
 */
const stickiness = (topology: Topology, graph: TopologyGraph): Diagnostic[] =>
  // On Kubernetes WSO2's charts make the control plane's ingress sticky (cookie affinity): no setting of ours.
  platformOf(topology.settings) === 'kubernetes'
    ? []
    : graph
        .nodesOfKind('load-balancer')
        .filter((lb) => {
          // All-in-One nodes serve the portals too (APIM docs 'Configuring an Active-Active Deployment': sticky sessions).
          const kind = graph.frontedKind(lb.id);
          return (kind === 'control-plane' || kind === 'all-in-one') && !isSticky(lb);
        })
        .map((lb) =>
          report('APIM022', {
            message: `Load balancer ${lb.id} fronts the ${graph.frontedKind(lb.id) === 'all-in-one' ? 'All-in-One nodes' : 'control planes'} without sticky sessions: Publisher and Developer Portal sessions break when requests change node`,
            nodeIds: [lb.id],
            fix: `Turn on sticky sessions for ${lb.id} (ip_hash in open-source nginx, sticky learn in NGINX Plus).`,
          }),
        );

/**
 * APIM023: an environment served by gateways of more than one cluster (a gateway without a load
 * balancer is a cluster of one). The control plane's environment carries one set of URLs, so the
 * Developer Portal shows, and the control plane reaches, only the first cluster (TM-separated docs: the CP's
 * 'Gateway with High Availability' environment has one set of GW-LB URLs and service_url :9443/services/).
 */
const environmentClusters = (topology: Topology, graph: TopologyGraph): Diagnostic[] => {
  const defined = gatewayEnvironmentsOf(topology);
  const servedBy = new Map<string, Map<string, Cluster>>();
  for (const gateway of graph.nodesOfKind('gateway')) {
    const cluster = graph.clusterOf(gateway);
    for (const label of gatewayLabelsOf(defined, gateway)) {
      let clusters = servedBy.get(label);
      if (!clusters) servedBy.set(label, (clusters = new Map()));
      if (!clusters.has(cluster.key)) clusters.set(cluster.key, cluster);
    }
  }
  const out: Diagnostic[] = [];
  for (const [environment, clusters] of servedBy) {
    if (clusters.size < 2) continue;
    const keys = [...clusters.keys()];
    const bare = [...clusters.values()].every((cluster) => !cluster.lb);
    out.push(
      report('APIM023', {
        message: bare
          ? `Gateway environment "${environment}" is served by ${names(keys)} with no load balancer in front: the Developer Portal shows ${keys[0]}'s URLs only`
          : `Gateway environment "${environment}" is served by ${clusters.size} gateway clusters (${names(keys)}): the Developer Portal shows, and the control plane reaches, ${keys[0]} only`,
        nodeIds: keys,
        fix: bare
          ? `Put ${names(keys)} behind one load balancer, or give each its own environment.`
          : 'Put the gateways serving one environment behind one load balancer, or give each cluster its own environment.',
      }),
    );
  }
  return out;
};

/**
 * APIM036 (audit B7): the gateways behind one load balancer must serve the same environments. The
 * load balancer sends each call to any member, and a gateway deploys only the APIs of its own labels
 * (`gateway_labels`: docs 4.5 TM-separated include, Gateway step 3, 'the Gateway will filter out its relevant
 * deploy/undeploy events'), so calls to an API some members never deployed fail with 404 on those members.
 */
const clusterLabels = (topology: Topology, graph: TopologyGraph): Diagnostic[] => {
  const defined = gatewayEnvironmentsOf(topology);
  const out: Diagnostic[] = [];
  for (const lb of graph.nodesOfKind('load-balancer')) {
    const gateways = graph.frontedMembers(lb.id).filter((m) => m.kind === 'gateway');
    if (gateways.length < 2) continue;
    const bySet = new Map<string, string[]>();
    for (const gateway of gateways) {
      const labels = [...new Set(gatewayLabelsOf(defined, gateway))].sort();
      const key = labels.map((l) => JSON.stringify(l)).join(', ');
      bySet.set(key, [...(bySet.get(key) ?? []), gateway.id]);
    }
    if (bySet.size < 2) continue;
    const groups = [...bySet].map(([labels, ids]) => `${names(ids)}: ${labels || 'none'}`);
    out.push(
      report('APIM036', {
        message: `The gateways behind ${lb.id} serve different environments (${groups.join('; ')}): ${lb.id} sends every call to any of them, so calls to an API some of them never deployed fail with 404`,
        nodeIds: [lb.id, ...gateways.map((g) => g.id)],
        fix: `Give every gateway behind ${lb.id} the same labels, or split the cluster: put the gateways of each environment behind a load balancer of their own.`,
      }),
    );
  }
  return out;
};

export function validateDeployment(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  return [reach, tiers, stickiness, environmentClusters, clusterLabels].flatMap((rule) => rule(topology, graph));
}
