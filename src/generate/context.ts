/** What every generator reads: the topology, its graph, the version's facts and resolved settings. */
import type { Cluster, GatewayEnvironment, Settings, Topology, TopologyGraph, VersionFacts } from '../model/index.ts';
import { buildGraph, gatewayEnvironmentsOf, gatewayLabelsOf, versionFacts } from '../model/index.ts';

export interface GenerationContext {
  topology: Topology;
  graph: TopologyGraph;
  facts: VersionFacts;
  settings: Settings;
  /** The gateway environments in force (gatewayEnvironmentsOf): the page and validate see the same. */
  environments: GatewayEnvironment[];
  /** What several files share, built once per generation, by what it depends on (see `shared`). */
  memo: Map<Cluster | typeof WHOLE_TOPOLOGY, Map<string, unknown>>;
}

/** The owner of what depends on nothing narrower than the topology and its settings. */
export const WHOLE_TOPOLOGY = 'topology';

/**
 * A value built once per generation and shared by every file that asks for it: keyed by what it
 * depends on, the cluster (its members, load balancer and wiring: graph.clusterOf and wiredClusters are
 * per cluster) or the whole topology, then by a name that carries whatever else it reads (a member's
 * databases, a set of labels). Shared tables are the same objects, so the writer writes each once
 * (toml/writer.ts).
 */
export function shared<T>(context: GenerationContext, owner: Cluster | typeof WHOLE_TOPOLOGY, name: string, build: () => T): T {
  let values = context.memo.get(owner);
  if (!values) context.memo.set(owner, (values = new Map()));
  if (values.has(name)) return values.get(name) as T;
  const value = build();
  values.set(name, value);
  return value;
}

export function generationContext(topology: Topology, graph = buildGraph(topology)): GenerationContext {
  const facts = versionFacts(topology.product);
  const environments = gatewayEnvironmentsOf(topology);
  return { topology, graph, facts, settings: topology.settings, environments, memo: new Map() };
}

/** The environments a gateway serves: its labels, or the first environment. */
export function gatewayLabels(context: GenerationContext, gateway: { labels?: string[] | undefined }): string[] {
  return gatewayLabelsOf(context.environments, gateway);
}
