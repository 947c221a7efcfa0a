/**
 * Key Manager rules (APIM docs 'Distributed Deployment with Key Manager Separated'; product-apim profileSetup.sh at
 * each tag): a separate Key Manager exists from 4.3 (APIM049); once there is one, the gateways and control planes
 * validate keys and tokens there (APIM050), at one Key Manager cluster each (APIM051). A Key Manager without a
 * control plane is APIM010, and its databases are checked with the control planes' (APIM024).
 */
import type { ApimNode, Diagnostic, Topology, TopologyGraph } from '../model/index.ts';
import { KIND_NAMES, PRODUCT_VERSIONS, buildGraph, versionFacts } from '../model/index.ts';
import { report } from './rules.ts';
import { names } from './text.ts';

const FIRST_VERSION = PRODUCT_VERSIONS.find((version) => versionFacts(version).separateKeyManager);

export function validateKeyManagers(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  const keyManagers = graph.nodesOfKind('key-manager');
  if (keyManagers.length === 0) return [];
  const facts = versionFacts(topology.product);
  if (!facts.separateKeyManager) {
    return [
      report('APIM049', {
        message: `API-M ${topology.product} has no separate Key Manager node (its control plane is the Key Manager; the deprecated api-key-manager-deprecated profile is only for opaque-token deployments migrated from 3.x): ${names(keyManagers.map((k) => k.id))} would run a profile WSO2 no longer supports`,
        nodeIds: keyManagers.map((k) => k.id),
        fix: `Choose API-M ${FIRST_VERSION ?? 'a later version'} or later in the topology settings, or delete ${names(keyManagers.map((k) => k.id))} and link the gateways to the control plane for their Key Manager.`,
      }),
    ];
  }

  const out: Diagnostic[] = [];
  // Who names a Key Manager: gateways, control planes and All-in-One nodes always, traffic managers where the
  // version writes one.
  const clients: ApimNode[] = [
    ...graph.nodesOfKind('gateway'),
    ...graph.nodesOfKind('control-plane'),
    ...graph.nodesOfKind('all-in-one'),
    ...(facts.trafficManagerKeyManager ? graph.nodesOfKind('traffic-manager') : []),
  ];
  const onControlPlane: string[] = [];
  const [firstKm] = keyManagers;
  for (const node of clients) {
    const clusters = graph.wiredClusters(node, 'key-manager');
    const [first, second] = clusters;
    if (!first) {
      onControlPlane.push(node.id);
    } else if (second) {
      out.push(
        report('APIM051', {
          message: `${KIND_NAMES[node.kind]} ${node.id} is linked to ${clusters.length} separate Key Managers; its [apim.key_manager] names only ${first.key}`,
          nodeIds: [node.id, ...clusters.map((c) => c.key)],
          fix: 'Put the Key Managers behind one load balancer and link to it.',
        }),
      );
    }
  }
  if (onControlPlane.length > 0 && firstKm) {
    out.push(
      report('APIM050', {
        message: `${names(onControlPlane, 10)} ${onControlPlane.length === 1 ? 'validates' : 'validate'} keys and tokens at the control plane, not at Key Manager ${firstKm.id}: the control plane's Key Manager then carries that load, and tokens are checked in two places`,
        nodeIds: onControlPlane,
        fix: `Link ${onControlPlane.length === 1 ? onControlPlane[0] : 'each of them'} to ${firstKm.id} (or to the load balancer in front of the Key Managers).`,
      }),
    );
  }
  return out;
}
