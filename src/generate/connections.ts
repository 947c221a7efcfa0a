/** Tables more than one kind of node writes the same way. */
import type { Cluster } from '../model/index.ts';
import type { TomlTable } from './toml/index.ts';
import { arrayTable, table } from './toml/index.ts';
import { endpoint, memberEndpoints, servicesUrl, uniqueMembers } from './addresses.ts';

export const SUPER_ADMIN_REFS = { username: '$ref{super_admin.username}', password: '$ref{super_admin.password}' };

/** `[apim.event_hub]` of a node that listens to the control planes: every control plane node listed. */
export function eventHubOf(controlPlanes: Cluster[], comment: string[]): TomlTable {
  return table(
    'apim.event_hub',
    {
      enable: true,
      ...SUPER_ADMIN_REFS,
      service_url: servicesUrl(controlPlanes[0]),
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
