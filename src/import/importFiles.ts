/**
 * Existing deployment.toml and nginx.conf files → a topology and a report (README, "Import"). Pure and deterministic:
 * the same files in the same order give the same topology. The files are restored like any untrusted input: read,
 * mapped onto a topology document, then restored over defaults and checked by the share layer's schema.
 */
import type { ApimKind, ApimNode, GatewayEnvironment, Link, Topology } from '../model/index.ts';
import { TOPOLOGY_FORMAT, gatewayEnvironmentsOf, kindRule, HOST_PATTERN } from '../model/index.ts';
import { restoreTopology, formatReadError } from '../share/index.ts';
import type { InputFile } from './files.ts';
import { classify, idFrom } from './files.ts';
import type { NodeFile } from './nodeFile.ts';
import { hostPort, num, readNodeFile, str, strings, tables } from './nodeFile.ts';
import type { NginxFile } from './nginx.ts';
import { readNginx } from './nginx.ts';
import { environmentsOf, readSettings } from './settings.ts';
import { kindOf, versionOf } from './kinds.ts';
import type { ImportReport } from './report.ts';
import { emptyReport } from './report.ts';
import type { ApimEntry, LoadBalancerEntry, Raw } from './shared.ts';
import { uniqueId, usableHost } from './shared.ts';
import { dataStores } from './dataStores.ts';
import { identityServers, residentIsHost } from './identityServers.ts';
import { keepUnplaced } from './custom.ts';
import { layOut } from './layout.ts';

export class ImportError extends Error {}

export interface ImportResult {
  topology: Topology;
  report: ImportReport;
}

/** The default ports other nodes reach an API-M node on (HTTPS, broker, binary, API, HTTP). */
const BASE_PORTS = [9443, 5672, 9611, 9711, 8280, 8243, 9763, 9099, 8099, 9021, 8021];

const CONSUMER_ORDER: ApimKind[] = ['gateway', 'traffic-manager', 'key-manager', 'all-in-one', 'control-plane'];

/** The URLs a node's file points at other nodes with, and the kind each one expects at the other end. */
function urlsOf(file: NodeFile): [string, ApimKind][] {
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

export function importFiles(files: readonly InputFile[]): ImportResult {
  const report = emptyReport();
  const nodeFiles: NodeFile[] = [];
  const nginxFiles: NginxFile[] = [];
  let topologyJson: string | undefined;
  for (const input of files) {
    const file = classify(input);
    if (file.kind === 'node') {
      const read = readNodeFile(file.id, file.path, file.content);
      if ('error' in read) report.skipped.push({ subject: file.path, message: read.error });
      else nodeFiles.push(read);
    } else if (file.kind === 'nginx') nginxFiles.push(readNginx(file.id, file.path, file.content));
    else if (file.kind === 'topology') topologyJson = file.content;
    else report.skipped.push({ subject: file.path, message: 'neither a deployment.toml nor an nginx.conf' });
  }
  if (nodeFiles.length === 0) throw new ImportError('no deployment.toml among the files: nothing to import');
  // Ids unique, in input order.
  const taken = new Set<string>();
  for (const f of nodeFiles) {
    const id = uniqueId(f.id, taken);
    if (id !== f.id) report.guessed.push({ subject: id, message: `${f.path}: the id ${f.id} was taken, so ${id}` });
    f.id = id;
  }
  if (topologyJson !== undefined)
    report.recognized.push({
      subject: 'topology.json',
      message: 'present; the topology is rebuilt from the deployment.toml and nginx.conf files, and only positions come from it',
    });

  // WSO2 Identity Server files the designer wrote: IS nodes, linked from the API-M node their revocations notify.
  const isFiles = nodeFiles.filter((f) => f.identityServer);
  for (const f of isFiles) nodeFiles.splice(nodeFiles.indexOf(f), 1);
  if (nodeFiles.length === 0) throw new ImportError('only WSO2 Identity Server files: no API-M deployment.toml to import');
  const version = versionOf(nodeFiles);
  (version.stated ? report.recognized : report.guessed).push({ subject: 'product', message: `API-M ${version.product}: ${version.why}` });
  const designerName = nodeFiles.find((f) => f.designer)?.designer?.topologyName;

  // API-M nodes: kind, own host, cluster host, offset.
  const apim = nodeFiles.map((f): ApimEntry => {
    const { kind, why } = kindOf(f);
    if (why) report.guessed.push({ subject: f.id, message: `${kind}: ${why}` });
    else
      report.recognized.push({
        subject: f.id,
        message: `${kind}${f.designer ? ' (designer header)' : ` (server_role "${str(f.data, 'server.server_role')}")`}`,
      });
    const hostname = str(f.data, 'server.hostname');
    const nodeIp = str(f.data, 'server.node_ip');
    // The designer says the node's own host; elsewhere node_ip is it when given (hostname being the cluster's).
    const own = f.ownHost ?? nodeIp ?? hostname;
    const host = usableHost(own, f.id, report, f.ownHost === undefined && nodeIp !== undefined ? '[server] node_ip' : '[server] hostname');
    const offset = num(f.data, 'server.offset') ?? 0;
    return { file: f, kind, host, clusterHost: hostname, nodeIp, offset };
  });

  // Identity Server hosts: never an API-M node's or a load balancer's (links to IS are made below).
  const isHosts = new Set<string | undefined>([
    ...isFiles.map((f) => str(f.data, 'server.hostname')),
    ...apim.map((n) => residentIsHost(n.file)?.host),
  ]);

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
  /** The node or load balancer at host (and port, when two nodes share a host with different offsets). */
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

  // Databases and Redis.
  const { nodes: dbNodes, links: dbLinks, redis: redisNodes } = dataStores(apim, taken, report);

  // Settings, environments and per-node fields.
  const settings = readSettings(nodeFiles, report);
  const envSource = apim.find((n) => n.kind === 'control-plane' || n.kind === 'all-in-one');
  const environments: GatewayEnvironment[] = envSource ? environmentsOf(envSource.file) : [];
  const base = { settings: { ...settings }, product: version.product };
  const defaults = gatewayEnvironmentsOf(base);
  if (environments.length > 0 && JSON.stringify(environments) !== JSON.stringify(defaults)) settings.gatewayEnvironments = environments;
  const firstEnvironment = (environments[0] ?? defaults[0])?.name;

  const rawNodes: Raw[] = [];
  for (const lb of lbs.values()) {
    const memberKind = lbKind(lb.id);
    rawNodes.push({
      id: lb.id,
      kind: 'load-balancer',
      label: lb.nginx?.label ?? lb.id,
      host: lb.host,
      ...(memberKind === 'control-plane' && lb.nginx && !lb.nginx.sticky ? { sticky: false } : {}),
    });
  }
  for (const n of apim) {
    const f = n.file;
    const node: Raw = { id: f.id, kind: n.kind, label: f.designer?.label ?? f.id, host: n.host, offset: n.offset };
    if (n.nodeIp !== undefined && HOST_PATTERN.test(n.nodeIp)) node.nodeIp = n.nodeIp;
    if (n.kind === 'gateway') {
      const labels = strings(f.data, 'apim.sync_runtime_artifacts.gateway.gateway_labels');
      if (labels.length > 0 && !(labels.length === 1 && labels[0] === firstEnvironment)) node.labels = labels;
      const gatewayId = str(f.data, 'apim.gateway_notification.gateway_id');
      if (gatewayId !== undefined && gatewayId !== f.id) node.gatewayId = gatewayId;
    }
    if (n.kind === 'traffic-manager') {
      const skip = strings(f.data, 'apim.throttling.skip_redeploying_policies');
      if (skip.length > 0) node.skipRedeployingPolicies = skip;
    }
    rawNodes.push(node);
  }
  // The designer's own order: load balancers before the members they front, as its examples draw them.
  const order = (node: Raw) => {
    const member = nodeFiles.findIndex((f) => f.id === node.id || frontedBy.get(f.id) === node.id);
    return member < 0 ? nodeFiles.length : member;
  };
  const isNodes = identityServers(isFiles, apim, { taken, report, byHost, lbs, frontedBy, links: dbLinks });
  const nodes = [
    ...rawNodes.sort((a, b) => order(a) - order(b) || Number(b.kind === 'load-balancer') - Number(a.kind === 'load-balancer')),
    ...isNodes,
    ...dbNodes,
    ...redisNodes,
  ];
  const lbLinks: Link[] = [...lbs.values()].flatMap((lb) => [...lb.members].map((m) => ({ from: lb.id, to: m })));
  const document = {
    format: TOPOLOGY_FORMAT,
    name: designerName ?? 'Imported deployment',
    product: version.product,
    settings,
    nodes: nodes.map((n) => ({ x: 0, y: 0, ...n })),
    links: [...lbLinks, ...links, ...dbLinks],
  };
  const restored = restoreTopology(document);
  if (!restored.ok) throw new ImportError(`the files give no valid topology: ${restored.errors.map(formatReadError).join('; ')}`);
  const laidOut = layOut(restored.topology, topologyJson);
  const topology = keepUnplaced(laidOut, nodeFiles, report);
  return { topology, report };
}

export type { ApimNode };
