/**
 * WSO2 Identity Server nodes: from the IS files the designer wrote (linked from the API-M nodes their token
 * revocations notify), and from a Key Manager of `type = "WSO2-IS"` (an IS node on its host, its version a guess).
 */
import type { Link } from '../model/index.ts';
import { kindRule } from '../model/index.ts';
import type { NodeFile } from './nodeFile.ts';
import { hostPort, num, str, tables } from './nodeFile.ts';
import type { ImportReport } from './report.ts';
import type { ApimEntry, LoadBalancerEntry, Raw } from './shared.ts';
import { uniqueId, usableHost } from './shared.ts';

/** The host a node's WSO2-IS Key Manager URL names, if its Key Manager is IS. */
export function residentIsHost(file: NodeFile): { host: string; port?: number } | undefined {
  if (str(file.data, 'apim.key_manager.type') !== 'WSO2-IS') return undefined;
  const url = str(file.data, 'apim.key_manager.service_url') ?? str(file.data, 'apim.key_manager.server_url');
  return url ? hostPort(url) : undefined;
}

interface Context {
  taken: Set<string>;
  report: ImportReport;
  byHost: ReadonlyMap<string, string>;
  lbs: ReadonlyMap<string, LoadBalancerEntry>;
  frontedBy: ReadonlyMap<string, string>;
  /** The links made so far to databases and the like; IS links are added to it. */
  links: Link[];
}

export function identityServers(isFiles: readonly NodeFile[], apim: readonly ApimEntry[], context: Context): Raw[] {
  const { taken, report, byHost, lbs, frontedBy, links } = context;
  const nodes: Raw[] = isFiles.map((f) => ({
    id: f.id,
    kind: 'identity-server',
    label: f.identityServer?.label ?? f.id,
    host: usableHost(str(f.data, 'server.hostname'), f.id, report, '[server] hostname'),
    offset: num(f.data, 'server.offset') ?? 0,
    version: f.identityServer?.version,
  }));
  for (const f of isFiles) {
    report.recognized.push({ subject: f.id, message: `WSO2 Identity Server ${f.identityServer?.version ?? ''} (designer header)` });
    const notify = tables(f.data, 'event_listener')
      .map((t) => str(t, 'properties.notification_endpoint'))
      .find((u) => u !== undefined);
    const host = notify ? hostPort(notify)?.host : undefined;
    const target = host ? byHost.get(host) : undefined;
    const users = target && lbs.has(target) ? [...(lbs.get(target)?.members ?? [])] : target ? [target] : [];
    for (const u of users) links.push({ from: u, to: f.id });
  }
  for (const n of apim) {
    const where = residentIsHost(n.file);
    if (!where) continue;
    let server = nodes.find((i) => i.host === where.host);
    if (!server) {
      const id = uniqueId('is', taken);
      server = {
        id,
        kind: 'identity-server',
        label: 'WSO2 Identity Server',
        host: usableHost(where.host, id, report, 'Key Manager host'),
        offset: where.port !== undefined && where.port >= 9443 && where.port <= 10443 ? where.port - 9443 : 0,
        version: '5.11',
      };
      nodes.push(server);
      report.guessed.push({
        subject: id,
        message: `WSO2 Identity Server on ${where.host}: ${n.file.id}'s Key Manager is type WSO2-IS; version 5.11 guessed (the resident Key Manager runs on IS 5.11 and 6.x)`,
      });
    }
    const is = server.id;
    // One link per cluster is enough: the designer gives the Key Manager to every member.
    const linked = links.some((l) => l.to === is && (l.from === n.file.id || frontedBy.get(l.from) === frontedBy.get(n.file.id)));
    if (!linked && n.kind !== 'gateway' && kindRule(n.kind, 'identity-server').ok) links.push({ from: n.file.id, to: is });
  }
  return nodes;
}
