import type { Topology } from '../../model/index.ts';
import { gatewayEnvironmentsOf } from '../../model/index.ts';

/** The gateway environments in force, as the validator and the generator see them. */
export const environmentsOf = gatewayEnvironmentsOf;

export function environmentNames(topology: Topology): string[] {
  return environmentsOf(topology).map((e) => e.name);
}
