/**
 * Secrets in shared topologies: what a link leaves out, and whether a topology still holds the
 * placeholders of a link without them. Apart from link.ts, so the page can ask without loading the
 * link codec (and its deflate) on first load.
 */
import type { Topology } from '../model/index.ts';
import { SECRET_PLACEHOLDER, isPrivate, placeholders, secretFields } from '../model/index.ts';

export { SECRET_PLACEHOLDER };

/** The topology with every private secret replaced by the placeholder (WSO2's public defaults stay). */
export function withoutSecrets(topology: Topology): Topology {
  let result = topology;
  for (const field of secretFields(topology)) if (isPrivate(field)) result = field.set(result, SECRET_PLACEHOLDER);
  return result;
}

/** Whether a link without secrets would leave something out of this topology. */
export function hasPrivateSecrets(topology: Topology): boolean {
  return secretFields(topology).some(isPrivate);
}

export function hasPlaceholders(topology: Topology): boolean {
  return placeholders(topology).length > 0;
}
