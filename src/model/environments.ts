/**
 * Gateway environments in force, one answer for the page, validation and the generator: the
 * topology's own list when it has one (even an empty one, which APIM037 reports), else the version's
 * default environment.
 */
import type { GatewayEnvironment, Topology } from './types.ts';
import { defaultEnvironment } from './defaults.ts';
import { versionFacts } from './versions.ts';

export function gatewayEnvironmentsOf(topology: Pick<Topology, 'settings' | 'product'>): GatewayEnvironment[] {
  return topology.settings.gatewayEnvironments ?? [defaultEnvironment(versionFacts(topology.product).defaultEnvironmentName)];
}

/** The environments a gateway serves (`gateway_labels`): its labels, else the first environment, if any. */
export function gatewayLabelsOf(environments: readonly GatewayEnvironment[], gateway: { labels?: string[] | undefined }): string[] {
  if (gateway.labels?.length) return gateway.labels;
  return environments.slice(0, 1).map((environment) => environment.name);
}
