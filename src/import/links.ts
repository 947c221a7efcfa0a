/**
 * Links between API-M nodes, from the URLs in their files: each pair of clusters once, drawn from the side the designer
 * draws it (gateways first, then traffic managers, Key Managers, All-in-Ones, control planes); and the conflict of
 * gateways that use different Key Managers.
 */
import type { ApimKind, Link } from '../model/index.ts';
import { kindRule } from '../model/index.ts';
import { hostPort, str } from './nodeFile.ts';
import type { ImportReport } from './report.ts';
import type { ApimEntry } from './shared.ts';
import type { Clusters } from './clusters.ts';
import { BASE_PORTS, urlsOf } from './urls.ts';

const CONSUMER_ORDER: ApimKind[] = ['gateway', 'traffic-manager', 'key-manager', 'all-in-one', 'control-plane'];

export function apimLinks(
  apim: readonly ApimEntry[],
  { lbs, byHost, resolve, frontedBy, kindOfId, lbKind }: Clusters,
  isHosts: ReadonlySet<string | undefined>,
  report: ImportReport,
): Link[] {
  // Links between API-M nodes, from the URLs, each pair of clusters once.
  const links: Link[] = [];
  const linked = (a: string, b: string) => links.some((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a));
  const clusterOf = (id: string) => frontedBy.get(id) ?? id;
  const ordered = [...apim].sort((a, b) => CONSUMER_ORDER.indexOf(a.kind) - CONSUMER_ORDER.indexOf(b.kind));
  const pointsAt = new Map<string, Map<string, string>>(); // node → purpose → target, for conflicts
  for (const n of ordered) {
    const self = n.file.id;
    for (const [url] of urlsOf(n.file)) {
      const { host, port } = hostPort(url) ?? {};
      if (host === undefined || host === 'localhost' || isHosts.has(host) || (host === n.clusterHost && host !== n.host)) continue;
      if (host === n.host && (port === undefined || BASE_PORTS.includes(port - n.offset))) continue;
      const direct = resolve(host, port);
      if (direct === undefined) {
        report.guessed.push({ subject: self, message: `${url} names ${host}, which is no node or load balancer among the files: no link` });
        continue;
      }
      const target = clusterOf(direct);
      const targetKind = lbs.has(target) ? lbKind(target) : kindOfId.get(target);
      if (targetKind === undefined || target === clusterOf(self)) continue;
      if (!kindRule(n.kind, targetKind).ok) continue;
      const members = lbs.has(target) ? [...(lbs.get(target)?.members ?? [])] : [target];
      const back = members.some((m) => linked(m, self) || linked(m, clusterOf(self)));
      if (back || linked(self, target)) continue;
      links.push({ from: self, to: target });
    }
    const km = str(n.file.data, 'apim.key_manager.service_url');
    const kmHost = km ? hostPort(km)?.host : undefined;
    if (kmHost) pointsAt.set(self, new Map([['Key Manager', clusterOf(byHost.get(kmHost) ?? kmHost)]]));
  }
  const gatewaysKm = apim.filter((n) => n.kind === 'gateway').map((n) => [n.file.id, pointsAt.get(n.file.id)?.get('Key Manager')] as const);
  const kms = new Set(gatewaysKm.map(([, km]) => km).filter((k) => k !== undefined));
  if (kms.size > 1)
    report.conflicts.push({
      subject: 'gateways',
      message: `they use different Key Managers: ${gatewaysKm.map(([g, km]) => `${g} → ${km ?? 'none'}`).join(', ')}`,
    });

  return links;
}
