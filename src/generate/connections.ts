/** Tables more than one kind of node writes the same way. */
import type { Cluster } from '../model/index.ts';
import type { GenerationContext } from './context.ts';
import type { TomlTable } from './toml/index.ts';
import { arrayTable, table } from './toml/index.ts';
import { endpoint, memberEndpoints, servicesUrl, uniqueMembers } from './addresses.ts';

export const SUPER_ADMIN_REFS = { username: '$ref{super_admin.username}', password: '$ref{super_admin.password}' };

/** `[apim.event_hub]` of a node that listens to the control planes: every control plane node listed. */
export function eventHubOf(controlPlanes: Cluster[], comment: string[]): TomlTable {
  const [first] = controlPlanes;
  if (!first) throw new Error('eventHubOf needs a control plane to name');
  return table(
    'apim.event_hub',
    {
      enable: true,
      ...SUPER_ADMIN_REFS,
      service_url: servicesUrl(first),
      event_listening_endpoints: memberEndpoints(controlPlanes, 'tcp', 'broker'),
    },
    comment,
  );
}

/** One `[[apim.throttling.url_group]]` per traffic manager (or control plane) node. */
export function throttlingUrlGroups(throttlers: Cluster[]): TomlTable[] {
  return uniqueMembers(throttlers).map((member) =>
    arrayTable(
      'apim.throttling.url_group',
      {
        traffic_manager_urls: [endpoint('tcp', member, 'binaryTcp')],
        traffic_manager_auth_urls: [endpoint('ssl', member, 'binarySsl')],
      },
      `Throttle events to ${member.id}.`,
    ),
  );
}

/**
 * `[apim.cors]`, on gateways and control planes alike (audit B4; product-apim default deployment.toml `[apim.cors]`
 * allow_headers incl. apikey, Internal-Key, PRs #7633, #10315): the control plane serves the
 * Publisher and Developer Portal REST APIs the consoles call, and the file the designer writes replaces
 * the shipped one, which carries the table.
 */
export function corsTables(context: GenerationContext): TomlTable[] {
  const { cors } = context.settings;
  if (!cors.enabled) return [];
  return [
    table(
      'apim.cors',
      {
        allow_origins: cors.allowOrigins,
        allow_methods: cors.allowMethods,
        allow_headers: cors.allowHeaders,
        allow_credentials: cors.allowCredentials,
      },
      "CORS: apikey lets the Developer Portal try APIs with an API key, Internal-Key the Publisher's test console.",
    ),
  ];
}

/**
 * The 4.2–4.3 default (audit S2; product-apim v4.2.0 / v4.3.0 default deployment.toml `[apim.key_manager]`
 * enable_apikey_subscription_validation = true): an API key stops working when its subscription is removed or blocked.
 */
export function apikeySubscriptionValidation(context: GenerationContext): { enable_apikey_subscription_validation?: boolean } {
  return context.facts.apikeySubscriptionValidation ? { enable_apikey_subscription_validation: true } : {};
}
