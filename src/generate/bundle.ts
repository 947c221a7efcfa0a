/**
 * `generateBundle(topology)`: every file of the bundle and the problems found, pure and deterministic
 * (no clock, no randomness, stable order), linear in the size of the topology.
 */
import type { ApimNode, Diagnostic, IdentityServerNode, LoadBalancerNode, Topology } from '../model/index.ts';
import { NODE_ID_PATTERN, buildGraph, isApimNode, platformOf, serializeTopologyPieces } from '../model/index.ts';
import {
  customTomlConflictDiagnostic,
  customTomlParseDiagnostic,
  customTomlUnreadDiagnostics,
  keyPaths,
  unreadKeyDiagnostics,
  unreadKeys,
  validate,
} from '../validate/index.ts';
import type { KeyCheckMemo, TomlDocument, TomlTable, VerifiedTables } from './toml/index.ts';
import { checkWritten, documentUnreadKeys, keyCheckMemo, verifiedTables, writeToml } from './toml/index.ts';
import { WHOLE_TOPOLOGY, generationContext, shared } from './context.ts';
import type { GenerationContext } from './context.ts';
import { kindDocument } from './documents.ts';
import { identityServerDocument } from './identityServer.ts';
import { deploymentTomlPath, runbookText } from './runbook.ts';
import { hostsText } from './hosts.ts';
import { topologySvgText } from './svg.ts';
import { PIECE_CHARS, pieced } from './pieces.ts';
import { withSecureVault } from './secureVault.ts';
import { writeNginx } from './nginx/index.ts';
import { nginxDocument } from './nginxConf.ts';
import { nginxConfPath } from './loadBalancing.ts';
import { helmPlan } from './helm/values.ts';
import type { HelmValues } from './helm/values.ts';
import { helmFiles } from './helm/files.ts';
import { kubernetesRunbook } from './runbook/kubernetes.ts';
import { kubernetesNetworkFiles, networkFiles } from './networkFiles.ts';
import type { NetworkResult } from './networkFiles.ts';
import type { CustomConflict, CustomParse } from './customToml.ts';
import { customSourcesOf, mergeCustomToml, parseCustomToml } from './customToml.ts';

export type BundleFileKind =
  | 'deployment.toml'
  | 'nginx.conf'
  | 'runbook'
  | 'network'
  | 'network-csv'
  | 'topology'
  | 'diagram'
  | 'hosts'
  | 'helm-releases'
  | 'helm-values';

export interface BundleFile {
  /** The path inside the bundle, e.g. `nodes/gw-1/repository/conf/deployment.toml`, `load-balancers/cp-lb/nginx.conf`. */
  path: string;
  /** The text. A large file's is a rope of `pieces` (pieces.ts): read whole, it is copied into one string then. */
  content: string;
  /** A large file's text in pieces under 128 KiB each, for writers that take it a piece at a time (see pieces.ts). */
  pieces?: readonly string[];
  kind: BundleFileKind;
  /** The node the file configures (an API-M node, an Identity Server, or the load balancer of an nginx.conf). */
  nodeId?: string;
  /** A Helm values file's tree, which it was written from: what the key diff compares. */
  values?: HelmValues;
}

export interface Bundle {
  files: BundleFile[];
  diagnostics: Diagnostic[];
}

/** The document of a node's deployment.toml: its kind's tables, its custom TOML merged in, then the secure vault. */
export function nodeDocument(context: GenerationContext, node: ApimNode): TomlDocument {
  return nodeFile(context, node).document;
}

function nodeFile(context: GenerationContext, node: ApimNode): { document: TomlDocument; conflicts: CustomConflict[] } {
  const sources = customSourcesOf(node, context.graph, (owner) => {
    const parsed = customTomlOf(context, owner);
    return parsed?.ok ? parsed.tables : undefined;
  });
  const merged =
    sources.length > 0 ? mergeCustomToml(kindDocument(context, node), sources) : { document: kindDocument(context, node), conflicts: [] };
  return { document: context.settings.secureVault ? withSecureVault(merged.document) : merged.document, conflicts: merged.conflicts };
}

/** An owner's custom TOML, parsed once per generation; undefined when it has none. */
function customTomlOf(context: GenerationContext, owner: { id: string; customToml?: string | undefined }): CustomParse | undefined {
  const text = owner.customToml;
  if (!text?.trim()) return undefined;
  return shared(context, WHOLE_TOPOLOGY, `customToml:${owner.id}`, () => parseCustomToml(text));
}

/** The document without the keys custom TOML set; the designer's tables that have none stay the same objects. */
function designerKeys(document: TomlDocument): TomlDocument {
  const tables = document.tables.map((t) =>
    t.entries.some((e) => e.origin !== undefined) ? { ...t, entries: t.entries.filter((e) => e.origin === undefined) } : t,
  );
  return { ...document, tables };
}

/**
 * The custom TOML problems of the topology: each owner's parse error and unread keys once, and each conflict once per
 * owner and key, naming the files it is in.
 */
function customTomlDiagnostics(
  context: GenerationContext,
  conflicts: Map<string, { conflict: CustomConflict; files: string[] }>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { topology, graph } = context;
  for (const owner of topology.nodes) {
    if (!(isApimNode(owner) || owner.kind === 'load-balancer')) continue;
    const parsed = customTomlOf(context, owner);
    if (!parsed) continue;
    if (!parsed.ok) {
      out.push(customTomlParseDiagnostic(owner.id, parsed));
      continue;
    }
    const kind = isApimNode(owner) ? owner.kind : graph.frontedKind(owner.id);
    if (kind)
      out.push(...customTomlUnreadDiagnostics(owner.id, topology.product, unreadKeys(keyPaths(parsed.plain), topology.product, kind)));
  }
  for (const { conflict, files } of conflicts.values()) {
    if (!conflict.overridden) out.push(customTomlConflictDiagnostic(conflict.ownerId, conflict.key, files, conflict.shape));
  }
  return out;
}

function roundTripBug(nodeId: string, reason: string): Diagnostic {
  return {
    code: 'GEN001',
    severity: 'error',
    message: `The generated deployment.toml of ${nodeId} ${reason}: this is a bug in the designer`,
    nodeIds: [nodeId],
    linkIds: [],
    fix: 'Please report it with the topology file; do not use this file.',
  };
}

export interface BundleOptions {
  /** The topology's share link, made by the caller (the core does not know where the designer is hosted). */
  shareLink?: string;
}

export function generateBundle(topology: Topology, options: BundleOptions = {}): Bundle {
  const graph = buildGraph(topology);
  const context = generationContext(topology, graph);
  const diagnostics = validate(topology, graph);
  if (platformOf(topology.settings) === 'kubernetes') return kubernetesBundle(context, diagnostics, options);
  const work = generationWork();
  return assembleBundle(context, diagnostics, options, (owner) => filePart(context, owner, work));
}

/** A node that has a file of its own in the bundle: an API-M node, an Identity Server, a load balancer. */
export type FileOwner =
  | { kind: 'deployment.toml'; node: ApimNode }
  | { kind: 'identity-server'; node: IdentityServerNode }
  | { kind: 'nginx.conf'; node: LoadBalancerNode };

/**
 * One node's file and what writing it found: the unit that incremental generation (incremental.ts) keeps or
 * makes again.
 */
export interface FilePart {
  file: BundleFile;
  /** The file's own problems, in order: GEN001, then the keys WSO2 would not read (API-M files). */
  diagnostics: Diagnostic[];
  /** Where its custom TOML met the designer's keys (API-M files). */
  conflicts: CustomConflict[];
  /** The document a deployment.toml was written from: what network.ts reads the connections from. */
  document?: TomlDocument;
}

/** What the files of one generation share, so each shared table is written, read back and key-checked once. */
export interface GenerationWork {
  tableTexts: Map<TomlTable, string>;
  keyMemo: KeyCheckMemo;
  verified: VerifiedTables;
}

export function generationWork(): GenerationWork {
  return { tableTexts: new Map(), keyMemo: keyCheckMemo(), verified: verifiedTables() };
}

/** The file of one owner, written and read back. */
export function filePart(context: GenerationContext, owner: FileOwner, work: GenerationWork): FilePart {
  if (owner.kind === 'nginx.conf') {
    const lb = owner.node;
    return {
      file: { path: nginxConfPath(lb), content: writeNginx(nginxDocument(context, lb)), kind: 'nginx.conf', nodeId: lb.id },
      diagnostics: [],
      conflicts: [],
    };
  }
  if (owner.kind === 'identity-server') {
    // WSO2 Identity Server: the tables its role needs, beside the API-M files (identityServer.ts). Not an API-M file,
    // so the API-M key lists are not checked against it.
    const server = owner.node;
    const built = identityServerDocument(context, server);
    const document = context.settings.secureVault ? withSecureVault(built) : built;
    const content = writeToml(document, work.tableTexts);
    const check = checkWritten(content, document, work.verified);
    return {
      file: { path: deploymentTomlPath(server), content, kind: 'deployment.toml', nodeId: server.id },
      diagnostics: check.ok ? [] : [roundTripBug(server.id, check.reason)],
      conflicts: [],
      document,
    };
  }
  const node = owner.node;
  const { document, conflicts } = nodeFile(context, node);
  const content = writeToml(document, work.tableTexts);
  const diagnostics: Diagnostic[] = [];
  const check = checkWritten(content, document, work.verified);
  if (!check.ok) diagnostics.push(roundTripBug(node.id, check.reason));
  const path = deploymentTomlPath(node);
  // The designer's keys: custom keys have their own check (APIM069, customTomlDiagnostics).
  const unread = documentUnreadKeys(designerKeys(document), context.topology.product, node.kind, work.keyMemo);
  if (unread.length) diagnostics.push(...unreadKeyDiagnostics(path, node.id, context.topology.product, unread));
  return { file: { path, content, kind: 'deployment.toml', nodeId: node.id }, diagnostics, conflicts, document };
}

/**
 * The bundle of a virtual-machine topology, from the part of each file owner: the API-M files in node order, the
 * custom TOML problems, the Identity Server files, the nginx configs, then the runbook, topology.json and hosts.
 * `diagnostics` (validate's) is extended in place. Each owner's part is asked for once, in this order.
 */
export function assembleBundle(
  context: GenerationContext,
  diagnostics: Diagnostic[],
  options: BundleOptions,
  partOf: (owner: FileOwner) => FilePart,
  /** network.md, network.csv and the certificates, from the documents of the files (incremental.ts keeps them). */
  networkOf: (documents: ReadonlyMap<string, TomlDocument>) => NetworkResult = (documents) => networkFiles(context, documents),
): Bundle {
  const { topology, graph } = context;
  const files: BundleFile[] = [];
  const written = new Set<string>();
  const conflicts = new Map<string, { conflict: CustomConflict; files: string[] }>();
  const documents = new Map<string, TomlDocument>(); // what network.ts reads the connections from
  const take = (id: string) => {
    // Validate reports an unsafe id, which never becomes a path, and a duplicate one.
    if (written.has(id) || !NODE_ID_PATTERN.test(id)) return false;
    written.add(id);
    return true;
  };

  for (const node of topology.nodes) {
    if (!isApimNode(node) || !take(node.id)) continue;
    const part = partOf({ kind: 'deployment.toml', node });
    if (part.document) documents.set(node.id, part.document);
    diagnostics.push(...part.diagnostics);
    for (const conflict of part.conflicts) {
      const id = `${conflict.ownerId}\u0000${conflict.key}`;
      const seen = conflicts.get(id);
      if (seen) seen.files.push(node.id);
      else conflicts.set(id, { conflict, files: [node.id] });
    }
    files.push(part.file);
  }
  diagnostics.push(...customTomlDiagnostics(context, conflicts));

  for (const server of graph.nodesOfKind('identity-server')) {
    if (!take(server.id)) continue;
    const part = partOf({ kind: 'identity-server', node: server });
    if (part.document) documents.set(server.id, part.document);
    diagnostics.push(...part.diagnostics);
    files.push(part.file);
  }

  for (const lb of graph.nodesOfKind('load-balancer')) {
    if (!take(lb.id)) continue;
    files.push(partOf({ kind: 'nginx.conf', node: lb }).file);
  }

  const network = networkOf(documents);
  diagnostics.push(...network.diagnostics);
  files.push({ path: 'README.md', ...runbookText(context, diagnostics, options.shareLink, network.certificates), kind: 'runbook' });
  files.push(...network.files);
  const json = pieced(serializeTopologyPieces(topology, PIECE_CHARS));
  files.push({ path: 'topology.json', ...json, kind: 'topology' });
  files.push({ path: 'topology.svg', ...topologySvgText(topology, {}, graph, json.pieces), kind: 'diagram' });
  files.push({ path: 'hosts', ...hostsText(topology), kind: 'hosts' });
  return { files, diagnostics };
}

/**
 * The Kubernetes platform's bundle: a values file per Helm release of WSO2's charts, the release list, and the runbook
 * that installs them. The charts write each pod's deployment.toml from these values, so the bundle has none.
 */
export function kubernetesBundle(context: GenerationContext, diagnostics: Diagnostic[], options: BundleOptions): Bundle {
  const plan = helmPlan(context);
  const files: BundleFile[] = helmFiles(plan);
  // WSO2 Identity Server runs outside WSO2's API-M charts: its tables stay a file to merge, as on virtual machines.
  const tableTexts = new Map<TomlTable, string>();
  const documents = new Map<string, TomlDocument>(); // the connections the releases open, as on virtual machines
  for (const node of context.topology.nodes)
    if (isApimNode(node) && !documents.has(node.id)) documents.set(node.id, nodeDocument(context, node));
  for (const server of context.graph.nodesOfKind('identity-server')) {
    if (!NODE_ID_PATTERN.test(server.id)) continue;
    const document = identityServerDocument(context, server);
    documents.set(server.id, document);
    files.push({
      path: deploymentTomlPath(server),
      content: writeToml(context.settings.secureVault ? withSecureVault(document) : document, tableTexts),
      kind: 'deployment.toml',
      nodeId: server.id,
    });
  }
  const network = kubernetesNetworkFiles(context, plan, documents);
  diagnostics.push(...network.diagnostics);
  files.push({
    path: 'README.md',
    content: kubernetesRunbook(context, plan, diagnostics, options.shareLink, network.certificates),
    kind: 'runbook',
  });
  files.push(...network.files);
  const json = pieced(serializeTopologyPieces(context.topology, PIECE_CHARS));
  files.push({ path: 'topology.json', ...json, kind: 'topology' });
  files.push({ path: 'topology.svg', ...topologySvgText(context.topology, {}, context.graph, json.pieces), kind: 'diagram' });
  return { files, diagnostics };
}
