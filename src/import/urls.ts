/** The URLs in a node's file that name other nodes, and the ports they are on. */
import type { ApimKind } from '../model/index.ts';
import type { NodeFile } from './nodeFile.ts';
import { str, strings, tables } from './nodeFile.ts';

/** The default ports other nodes reach an API-M node on (HTTPS, broker, binary, API, HTTP). */
export const BASE_PORTS = [9443, 5672, 9611, 9711, 8280, 8243, 9763, 9099, 8099, 9021, 8021];

/** The URLs a node's file points at other nodes with, and the kind each one expects at the other end. */
export function urlsOf(file: NodeFile): [string, ApimKind][] {
  const d = file.data;
  const tagged = (kind: ApimKind, urls: (string | undefined)[]) =>
    urls.filter((u): u is string => u !== undefined).map((u): [string, ApimKind] => [u, kind]);
  return [
    ...tagged('control-plane', [
      str(d, 'apim.key_manager.service_url'),
      str(d, 'apim.event_hub.service_url'),
      ...strings(d, 'apim.event_hub.event_listening_endpoints'),
    ]),
    ...tagged('traffic-manager', [
      str(d, 'apim.throttling.service_url'),
      ...strings(d, 'apim.throttling.throttle_decision_endpoints'),
      ...tables(d, 'apim.throttling.url_group').flatMap((g) => strings(g, 'traffic_manager_urls')),
    ]),
    ...tagged(
      'gateway',
      tables(d, 'apim.gateway.environment').map((e) => str(e, 'service_url')),
    ),
  ];
}
