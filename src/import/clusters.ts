/**
 * The load balancers and how hosts resolve to nodes: load balancers from nginx.conf files, from the designer's
 * "served by load balancer" comments, from a hostname that is not the node's own, and from hosts no file owns (a
 * Kubernetes Service name) that URLs point at.
 */
import type { ApimKind } from '../model/index.ts';
import { HOST_PATTERN } from '../model/index.ts';
import { idFrom } from './files.ts';
import type { NginxFile } from './nginx.ts';
import { hostPort } from './nodeFile.ts';
import type { ImportReport } from './report.ts';
import type { ApimEntry, LoadBalancerEntry } from './shared.ts';
import { uniqueId, usableHost } from './shared.ts';
import { BASE_PORTS, urlsOf } from './urls.ts';

export interface Clusters {
  lbs: Map<string, LoadBalancerEntry>;
  /** Host → the node or load balancer that owns it. */
  byHost: Map<string, string>;
  /** The node or load balancer at host (and port, when two nodes share a host with different offsets). */
  resolve(host: string, port: number | undefined): string | undefined;
  /** Node → the load balancer in front of it. */
  frontedBy: Map<string, string>;
  kindOfId: Map<string, ApimKind>;
  /** The kind of the cluster behind a load balancer. */
  lbKind(lbId: string): ApimKind | undefined;
}

export function clusters(
  apim: readonly ApimEntry[],
  nginxFiles: readonly NginxFile[],
  isHosts: ReadonlySet<string | undefined>,
  taken: Set<string>,
  report: ImportReport,
): Clusters {
  // Load balancers: from nginx.conf files, then from the designer's "served by load balancer" comments.
  const lbs = new Map<string, LoadBalancerEntry>();
  const byHost = new Map<string, string>();
  for (const n of apim) if (!byHost.has(n.host)) byHost.set(n.host, n.file.id);
  for (const conf of nginxFiles) {
    const id = uniqueId(conf.id, taken);
    const host = usableHost(conf.host, id, report, 'server_name');
    const members = new Set<string>();
    for (const m of conf.members) {
      const member = apim.find((n) => n.file.id === m.id) ?? apim.find((n) => n.host === m.host);
      if (member) members.add(member.file.id);
      else report.conflicts.push({ subject: id, message: `upstream server ${m.host}:${m.port} is no node among the files` });
    }
    lbs.set(id, { id, host, members, nginx: conf });
    report.recognized.push({
      subject: id,
      message: `load balancer on ${host} (${conf.path}), fronting ${[...members].join(', ') || 'no node'}`,
    });
  }
  for (const n of apim) {
    const lbId = n.file.lbId;
    if (lbId === undefined || n.clusterHost === undefined) continue;
    const lb = lbs.get(lbId) ?? { id: lbId, host: n.clusterHost, members: new Set<string>() };
    if (!lbs.has(lbId)) {
      lbs.set(lbId, lb);
      taken.add(lbId);
      report.guessed.push({ subject: lbId, message: `load balancer on ${lb.host}: no nginx.conf, the files name it` });
    }
    lb.members.add(n.file.id);
  }
  // A hostname that is not the node's own (node_ip given) and no load balancer's: a load balancer the files imply.
  for (const n of apim) {
    if (n.file.designer || n.clusterHost === undefined || n.clusterHost === n.host || !HOST_PATTERN.test(n.clusterHost)) continue;
    if ([...lbs.values()].some((lb) => lb.members.has(n.file.id))) continue;
    let lb = [...lbs.values()].find((l) => l.host === n.clusterHost);
    if (!lb) {
      const id = uniqueId(idFrom(`${n.clusterHost.split('.')[0]}-lb`), taken);
      lb = { id, host: n.clusterHost, members: new Set() };
      lbs.set(id, lb);
      report.guessed.push({
        subject: id,
        message: `load balancer on ${lb.host}: ${n.file.id}'s hostname differs from its node_ip, and no nginx.conf was given`,
      });
    }
    lb.members.add(n.file.id);
  }
  for (const lb of lbs.values()) if (!byHost.has(lb.host) || !apim.some((n) => n.host === lb.host)) byHost.set(lb.host, lb.id);
  // A host no file names as its own (a Kubernetes Service, a DNS alias): the node of the kind the URL expects, or a
  // load balancer in front of all of them.
  for (const n of apim) {
    for (const [url, expected] of urlsOf(n.file)) {
      const host = hostPort(url)?.host;
      if (host === undefined || host === 'localhost' || byHost.has(host) || isHosts.has(host) || !HOST_PATTERN.test(host)) continue;
      const label = host.split('.')[0] ?? host;
      const named = apim
        .filter((c) => label === c.file.id || label.startsWith(`${c.file.id}-`))
        .sort((a, b) => b.file.id.length - a.file.id.length)[0];
      if (named) {
        byHost.set(host, named.file.id);
        report.guessed.push({
          subject: n.file.id,
          message: `${url}: ${host} is no node's own host; taken as ${named.file.id}, whose name it starts with`,
        });
        continue;
      }
      const fits = (k: ApimKind) => k === expected || (expected === 'control-plane' && (k === 'all-in-one' || k === 'key-manager'));
      // Before 4.5 a control plane runs a Traffic Manager: throttling URLs reach it when no TM is among the files.
      const fitting = apim.filter((c) => fits(c.kind) && c !== n);
      const candidates =
        fitting.length > 0 || expected !== 'traffic-manager'
          ? fitting
          : apim.filter((c) => c.kind === 'control-plane' || c.kind === 'all-in-one');
      const fronts = new Set(candidates.map((c) => [...lbs.values()].find((lb) => lb.members.has(c.file.id))?.id));
      const only = candidates.length === 1 ? candidates[0] : undefined;
      const sharedLb = fronts.size === 1 ? [...fronts][0] : undefined;
      if (only) {
        byHost.set(host, only.file.id);
        report.guessed.push({
          subject: n.file.id,
          message: `${url}: ${host} is no node's own host; taken as ${only.file.id}, the one ${only.kind} among the files`,
        });
      } else if (sharedLb !== undefined) {
        byHost.set(host, sharedLb);
        report.guessed.push({
          subject: n.file.id,
          message: `${url}: ${host} is no node's own host; taken as load balancer ${sharedLb}, in front of every ${expected} among the files`,
        });
      } else if (candidates.length > 1 && fronts.size === 1) {
        const base = idFrom(label);
        const id = uniqueId(base.endsWith('lb') ? base : `${base}-lb`, taken);
        lbs.set(id, { id, host, members: new Set(candidates.map((c) => c.file.id)) });
        byHost.set(host, id);
        report.guessed.push({
          subject: id,
          message: `load balancer on ${host} (${url} in ${n.file.id}), in front of ${candidates.map((c) => c.file.id).join(', ')}: no nginx.conf, and no node has that host`,
        });
      }
    }
  }
  const resolve = (host: string, port: number | undefined): string | undefined => {
    const sharing = apim.filter((n) => n.host === host);
    if (sharing.length > 1 && port !== undefined) {
      const match = sharing.find((n) => BASE_PORTS.includes(port - n.offset));
      if (match) return match.file.id;
    }
    return byHost.get(host);
  };
  const frontedBy = new Map<string, string>();
  for (const lb of lbs.values()) for (const m of lb.members) frontedBy.set(m, lb.id);
  const kindOfId = new Map<string, ApimKind>(apim.map((n) => [n.file.id, n.kind]));
  const lbKind = (lbId: string) => kindOfId.get([...(lbs.get(lbId)?.members ?? [])][0] ?? '');
  return { lbs, byHost, resolve, frontedBy, kindOfId, lbKind };
}
