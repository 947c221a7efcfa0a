/**
 * All-in-One rules (APIM docs 4.5.0 'Deployment Overview'; APIM docs 4.7.0 'Deployment Patterns'): All-in-One nodes
 * are the whole API-M, alone (Pattern 0), side by side behind a load balancer (Pattern 1) or as the control plane of
 * gateways (Pattern 2, 'Simple Scalable Setup'). APIM052: All-in-One nodes beside control planes or traffic managers,
 * which no pattern mixes; APIM053: a gateway wired to an All-in-One and to a control plane or traffic manager.
 */
import type { Diagnostic, Topology, TopologyGraph } from '../model/index.ts';
import { buildGraph } from '../model/index.ts';
import { report } from './rules.ts';
import { names } from './text.ts';

export function validateAllInOne(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  const allInOnes = graph.nodesOfKind('all-in-one');
  if (allInOnes.length === 0) return [];
  const out: Diagnostic[] = [];
  const others = [...graph.nodesOfKind('control-plane'), ...graph.nodesOfKind('traffic-manager')].map((node) => node.id);
  const aioIds = allInOnes.map((node) => node.id);

  // APIM052: two API-M deployments drawn as one: each runs its own event hub, Key Manager and Traffic Manager.
  if (others.length > 0) {
    out.push(
      report('APIM052', {
        message: `${names(aioIds)} ${aioIds.length > 1 ? 'are All-in-One nodes' : 'is an All-in-One'}, which already ${aioIds.length > 1 ? 'run' : 'runs'} the control plane and the Traffic Manager, beside ${names(others)}: no WSO2 pattern mixes them, and each would run its own event hub and Key Manager`,
        nodeIds: [...aioIds, ...others],
        fix: `Use All-in-One nodes (Patterns 0–2: alone, behind a load balancer, or as the control plane of gateways), or control planes with traffic managers (Pattern 3): delete ${names(others)} or ${names(aioIds)}.`,
      }),
    );
  }

  // APIM053: one gateway, two masters: the files would name the first only.
  for (const gateway of graph.nodesOfKind('gateway')) {
    if (graph.wiredClusters(gateway, 'all-in-one').length === 0) continue;
    const also = [...graph.wiredClusters(gateway, 'control-plane'), ...graph.wiredClusters(gateway, 'traffic-manager')].map((c) => c.key);
    if (also.length === 0) continue;
    out.push(
      report('APIM053', {
        message: `Gateway ${gateway.id} is wired to an All-in-One and to ${names(also)}: it takes its Key Manager, event hub and throttling from one place, and its file names the control plane only`,
        nodeIds: [gateway.id, ...also],
        fix: `Remove the links from ${gateway.id} to ${names(also)}: an All-in-One is the control plane, Key Manager and Traffic Manager of its gateways.`,
      }),
    );
  }
  return out;
}
