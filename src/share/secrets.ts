/**
 * Secrets in shared topologies: what a link leaves out, and whether a topology still holds the
 * placeholders of a link without them. Apart from link.ts, so the page can ask without loading the
 * link codec (and its deflate) on first load.
 */
import type { Topology } from '../model/index.ts';
import { SECRET_PLACEHOLDER, isPrivate, placeholders, secretFields, withoutSecrets } from '../model/index.ts';

/** What a link leaves out: the model's (a picture carries the same). */
export { SECRET_PLACEHOLDER, withoutSecrets };

/** Whether a link without secrets would leave something out of this topology. */
export function hasPrivateSecrets(topology: Topology): boolean {
  return secretFields(topology).some(isPrivate);
}

export function hasPlaceholders(topology: Topology): boolean {
  return placeholders(topology).length > 0;
}
