import type { GatewayEnvironment, Topology } from '../../model/index.ts';
import { defaultEnvironment, versionFacts } from '../../model/index.ts';

/** The gateway environments in force: the topology's own, or the version's default one. */
export function environmentsOf(topology: Topology): GatewayEnvironment[] {
  return topology.settings.gatewayEnvironments ?? [defaultEnvironment(versionFacts(topology.product).defaultEnvironmentName)];
}

export function environmentNames(topology: Topology): string[] {
  return environmentsOf(topology).map((e) => e.name);
}
