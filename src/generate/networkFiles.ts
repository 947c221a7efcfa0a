/**
 * `network.csv` and `network.md`: the connection matrix (network.ts) for firewall tooling and for people, and the
 * certificates each node needs (certificates.ts).
 */
import type { Diagnostic } from '../model/index.ts';
import { certificateNameDiagnostics } from '../validate/index.ts';
import type { BundleFile } from './bundle.ts';
import type { GenerationContext } from './context.ts';
import type { Connection } from './network.ts';
import { CLIENTS, connectionMatrix, entryOf } from './network.ts';
import type { CertificatePlan } from './certificates.ts';
import { TLS_PROTOCOLS, certificatePlans } from './certificates.ts';
import type { TomlDocument } from './toml/index.ts';
import type { HelmPlan } from './helm/values.ts';
import { planReleases } from './helm/releases.ts';
import { kubernetesMatrix, kubernetesNames } from './networkKubernetes.ts';
import { PRODUCT_NAME } from './baseTables.ts';
import { inlineCode, markdownText } from './text.ts';
import { LineWriter } from './pieces.ts';
import type { PiecedText } from './pieces.ts';

export const NETWORK_CSV_HEADER = 'from_node,from_host,to_node,to_host,port,protocol,purpose';

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. A cell that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading `'`
 * (OWASP 'CSV Injection'), so a hostile label or host stays text.
 */
export function csvCell(text: string): string {
  if (!CSV_SPECIAL.test(text)) return text; // most cells: host names, ports, ids
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * `escape` remembering its answers, for one file. At most MEMO_SIZE of them: a Map of more entries is an object over
 * 128 KiB (pieces.ts), made again each time it grows; the rows come grouped by source, so recent answers are the ones
 * asked again.
 */
function memo(escape: (text: string) => string): (text: string) => string {
  const answers = new Map<string, string>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined) {
      if (answers.size >= MEMO_SIZE) answers.clear();
      answers.set(text, (answer = escape(text)));
    }
    return answer;
  };
}

const MEMO_SIZE = 2048;

const CSV_SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

export function networkCsv(rows: readonly Connection[]): string {
  return networkCsvText(rows).content;
}

/** network.csv in pieces (pieces.ts): rows up to PIECE_CHARS characters a piece. */
export function networkCsvText(rows: readonly Connection[]): PiecedText {
  // The same host, node and purpose strings come back on every row: each is checked once.
  const c = memo(csvCell);
  // Rows are written a piece at a time (appending 80,000 rows to one string makes V8 flatten an ever longer rope: at
  // 5,000 nodes that took 140 times as long as at 1,000), each piece joined from its rows (pieces.ts says why).
  const out = new LineWriter('\r\n');
  out.push(NETWORK_CSV_HEADER);
  for (const r of rows)
    out.push(`${c(r.fromNode)},${c(r.fromHost)},${c(r.toNode)},${c(r.toHost)},${r.port},${c(r.protocol)},${c(r.purpose)}`);
  return out.text();
}

/** A Markdown table cell: user text on one line, `|` and Markdown escaped. */
function cell(text: string): string {
  return MARKDOWN_SPECIAL.test(text) ? markdownText(text) : text;
}
// eslint-disable-next-line no-control-regex -- control characters are among what markdownText rewrites
const MARKDOWN_SPECIAL = /[\\`*_{}[\]<>|~\u0000-\u001f\u007f\u2028\u2029]|^\s|\s$/;

/**
 * The sources of the rows, grouped: the sources whose connections are the same (the same destinations, ports,
 * protocols and purposes; the gateways of one cluster, say) are one group, in the order of their first row, clients
 * last. A source is compared row by row with the groups whose rows could match (as many, to the same first, middle
 * and last host): no key is built per row, which at 1,000 nodes would be some 16,000 strings.
 */
function sourceGroups(rows: readonly Connection[]): SourceGroup[] {
  const bySource = new Map<string, { host: string; rows: Connection[] }>();
  for (const r of rows) entryOf(bySource, r.fromNode, () => ({ host: r.fromHost, rows: [] })).rows.push(r);
  const groups: SourceGroup[] = [];
  const candidates = new Map<string, SourceGroup[]>();
  let clients: SourceGroup | undefined;
  for (const [node, source] of bySource) {
    // Clients are never grouped with a node: they are the outside.
    if (node === CLIENTS) {
      clients = { sources: [{ node, host: source.host }], rows: source.rows };
      continue;
    }
    const { length } = source.rows;
    const hostAt = (i: number) => source.rows[i]?.toHost ?? '';
    const bucket = entryOf(candidates, `${length}\u0000${hostAt(0)}\u0000${hostAt(length >> 1)}\u0000${hostAt(length - 1)}`, () => []);
    const group = bucket.find((g) => sameConnections(g.rows, source.rows));
    if (group) group.sources.push({ node, host: source.host });
    else {
      const made = { sources: [{ node, host: source.host }], rows: source.rows };
      bucket.push(made);
      groups.push(made);
    }
  }
  return clients ? [...groups, clients] : groups;
}

interface SourceGroup {
  sources: { node: string; host: string }[];
  rows: Connection[];
}

/** Two sources' rows open the same connections, in the same order (of the same length). */
function sameConnections(a: readonly Connection[], b: readonly Connection[]): boolean {
  return a.every((x, i) => {
    const y = b[i];
    return (
      y !== undefined &&
      x.toHost === y.toHost &&
      x.port === y.port &&
      x.protocol === y.protocol &&
      x.toNode === y.toNode &&
      x.purpose === y.purpose
    );
  });
}

/** The heading of a group of sources: a node and its host, or the nodes with the same connections and their hosts. */
function sourceHeading(sources: readonly { node: string; host: string }[]): string[] {
  const [first] = sources;
  if (!first) return [];
  if (first.node === CLIENTS) return ['## From clients (browsers, API clients, callers from anywhere)'];
  if (sources.length === 1) return [`## From ${markdownText(first.node)} (${markdownText(first.host)})`];
  const shown = sources.slice(0, 3).map((s) => markdownText(s.node));
  const more = sources.length - shown.length;
  return [
    `## From ${more > 0 ? `${shown.join(', ')} and ${more} more` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`} (${sources.length} nodes, the same connections)`,
    '',
    `Source hosts: ${sources.map((s) => `${markdownText(s.host)} (${markdownText(s.node)})`).join(', ')}.`,
  ];
}

export function networkMarkdown(
  context: GenerationContext,
  rows: readonly Connection[],
  certificates: readonly CertificatePlan[],
  kubernetes = false,
): string {
  return networkMarkdownText(context, rows, certificates, kubernetes).content;
}

/** network.md in pieces (pieces.ts). */
export function networkMarkdownText(
  context: GenerationContext,
  rows: readonly Connection[],
  certificates: readonly CertificatePlan[],
  kubernetes = false,
): PiecedText {
  const { topology } = context;
  const out = new LineWriter();
  out.push(
    `# Network: ${markdownText(topology.name)}`,
    '',
    `Every connection the ${kubernetes ? 'releases open (Service to Service, for NetworkPolicies)' : 'deployment opens (for firewall rules)'}, generated by ${PRODUCT_NAME} for WSO2 API-M ${topology.product}`,
    'from the same settings as the files beside it. `network.csv` holds the same rows for tools',
    `(columns ${inlineCode(NETWORK_CSV_HEADER)}; a cell starting with = + - or @ is prefixed with ' so a spreadsheet reads it as text).`,
    'Nodes that open the same connections (the members of a cluster) share one table.',
    '',
  );
  const c = memo(cell);
  for (const group of sourceGroups(rows)) {
    out.push(...sourceHeading(group.sources), '', '| to node | to host | port | protocol | purpose |', '|---|---|---|---|---|');
    for (const r of group.rows)
      out.push(
        `| ${r.toNode === '' ? '(outside the topology)' : c(r.toNode)} | ${c(r.toHost)} | ${r.port} | ${c(r.protocol)} | ${c(r.purpose)} |`,
      );
    out.push('');
  }
  if (rows.length === 0) out.push('No connections: the topology has no node that calls another yet.', '');

  out.push(
    '## Certificates',
    '',
    "The names (subject alternative names) each node's TLS certificate must carry so that every peer's hostname",
    'check passes, and the certificates each node must trust: those of the peers it calls over TLS. IP addresses are',
    `${inlineCode('ip:')} names, host names ${inlineCode('dns:')} names, as keytool's ${inlineCode('-ext SAN=')} takes them.`,
    '',
    '| node | kind | certificate names | truststore imports (peers called over TLS) |',
    '|---|---|---|---|',
  );
  for (const p of certificates) {
    const names = p.names.length === 0 ? 'none (nothing calls it by name)' : p.names.map(c).join(', ');
    out.push(`| ${c(p.nodeId)} | ${c(p.kind)} | ${names} | ${p.trusts.length === 0 ? 'none' : p.trusts.map(c).join(', ')} |`);
  }
  // Every line ends in text or `|`: user text is trimmed by markdownText, so no line ends in a space.
  out.push('');
  return out.text();
}

export interface NetworkResult {
  rows: Connection[];
  certificates: CertificatePlan[];
  files: BundleFile[];
  /** APIM072: stated certificate names that miss a name a peer calls. */
  diagnostics: Diagnostic[];
}

/**
 * The certificate check (APIM072) of every node that states its certificate's names, against the calls over TLS: the
 * rows to the node (virtual machines), or, on Kubernetes (`byName`), the rows to a name the node's certificate must
 * carry (its Services).
 */
export function certificateDiagnostics(
  rows: readonly Connection[],
  certificates: readonly CertificatePlan[],
  byName = false,
): Diagnostic[] {
  return certificates.flatMap((plan) => {
    if (!plan.declared) return [];
    const names = new Set(plan.names.filter((n) => n !== 'localhost'));
    const calls = rows.filter(
      (r) => TLS_PROTOCOLS.has(r.protocol) && r.fromNode !== plan.nodeId && (byName ? names.has(r.toHost) : r.toNode === plan.nodeId),
    );
    return certificateNameDiagnostics(
      plan.nodeId,
      plan.declared,
      calls.map((r) => ({ fromNode: r.fromNode, host: r.toHost, port: r.port, purpose: r.purpose })),
    );
  });
}

/** `network.md` and `network.csv` of a virtual-machine bundle, from the documents its deployment.toml files are written from. */
export function networkFiles(context: GenerationContext, documents: ReadonlyMap<string, TomlDocument>): NetworkResult {
  const rows = connectionMatrix(context, documents);
  const certificates = certificatePlans(context, rows);
  return {
    rows,
    certificates,
    files: [
      { path: 'network.md', ...networkMarkdownText(context, rows, certificates), kind: 'network' },
      { path: 'network.csv', ...networkCsvText(rows), kind: 'network-csv' },
    ],
    diagnostics: certificateDiagnostics(rows, certificates),
  };
}

/**
 * `network.md` and `network.csv` of a Kubernetes bundle: the Service-to-Service list (networkKubernetes.ts), and the
 * certificates with the Service DNS names each release is called by.
 */
export function kubernetesNetworkFiles(
  context: GenerationContext,
  plan: HelmPlan,
  documents: ReadonlyMap<string, TomlDocument>,
): NetworkResult {
  const { releases } = planReleases(context);
  const names = kubernetesNames(releases, plan.branch);
  const vmRows = connectionMatrix(context, documents);
  const rows = kubernetesMatrix(context, vmRows, plan, releases, names);
  // The peers each node trusts are the ones it calls, whatever they are named on Kubernetes.
  const certificates = certificatePlans(context, vmRows, names);
  return {
    rows,
    certificates,
    files: [
      { path: 'network.md', ...networkMarkdownText(context, rows, certificates, true), kind: 'network' },
      { path: 'network.csv', ...networkCsvText(rows), kind: 'network-csv' },
    ],
    // The callers are releases: the diagnostic points at the node alone.
    diagnostics: certificateDiagnostics(rows, certificates, true).map((d) => ({
      ...d,
      nodeIds: d.nodeIds.filter((id) => context.graph.node(id)),
    })),
  };
}
