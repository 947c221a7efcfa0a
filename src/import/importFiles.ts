/**
 * Existing deployment.toml and nginx.conf files → a topology and a report (README, "Import"). Pure and deterministic:
 * the same files in the same order give the same topology. The files are restored like any untrusted input: read,
 * mapped onto a topology document, then restored over defaults and checked by the share layer's schema.
 */
import type { GatewayEnvironment, Link, Topology } from '../model/index.ts';
import { TOPOLOGY_FORMAT, gatewayEnvironmentsOf, HOST_PATTERN } from '../model/index.ts';
import { restoreTopology, formatReadError } from '../share/index.ts';
import type { InputFile } from './files.ts';
import { classify } from './files.ts';
import type { NodeFile } from './nodeFile.ts';
import { num, readNodeFile, str, strings } from './nodeFile.ts';
import type { NginxFile } from './nginx.ts';
import { readNginx } from './nginx.ts';
import { environmentsOf, readSettings } from './settings.ts';
import { kindOf, versionOf } from './kinds.ts';
import type { ImportReport } from './report.ts';
import { emptyReport } from './report.ts';
import type { ApimEntry, Raw } from './shared.ts';
import { uniqueId, usableHost } from './shared.ts';
import { dataStores } from './dataStores.ts';
import { identityServers, residentIsHost } from './identityServers.ts';
import { keepUnplaced } from './custom.ts';
import { clusters } from './clusters.ts';
import { apimLinks } from './links.ts';
import { layOut } from './layout.ts';

export class ImportError extends Error {}

export interface ImportResult {
  topology: Topology;
  report: ImportReport;
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

  const cluster = clusters(apim, nginxFiles, isHosts, taken, report);
  const { lbs, byHost, frontedBy, lbKind } = cluster;
  const links = apimLinks(apim, cluster, isHosts, report);

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
