/** What every generator reads: the topology, its graph, the version's facts and resolved settings. */
import type { GatewayEnvironment, Settings, Topology, TopologyGraph, VersionFacts } from '../model/index.ts';
import { buildGraph, gatewayEnvironmentsOf, gatewayLabelsOf, versionFacts } from '../model/index.ts';

export interface GenerationContext {
  topology: Topology;
  graph: TopologyGraph;
  facts: VersionFacts;
  settings: Settings;
  /** The gateway environments in force (gatewayEnvironmentsOf): the page and validate see the same. */
  environments: GatewayEnvironment[];
  /** What several files share, built once per generation (see `shared`). */
  memo: Map<string, unknown>;
}

/**
 * A value built once per generation and shared by every file that asks with the same key: the tables
 * all members of a cluster write alike. Shared tables are the same objects, so the writer writes each
 * once (toml/writer.ts).
 */
export function shared<T>(context: GenerationContext, key: string, build: () => T): T {
  if (context.memo.has(key)) return context.memo.get(key) as T;
  const value = build();
  context.memo.set(key, value);
  return value;
}

export function generationContext(topology: Topology, graph = buildGraph(topology)): GenerationContext {
  const facts = versionFacts(topology.product);
  const environments = gatewayEnvironmentsOf(topology);
  return { topology, graph, facts, settings: topology.settings, environments, memo: new Map() };
}

/** The environments a gateway serves: its labels, or the first environment. */
export function gatewayLabels(context: GenerationContext, gateway: { labels?: string[] }): string[] {
  return gatewayLabelsOf(context.environments, gateway);
}
