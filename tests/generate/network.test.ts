/**
 * The connection matrix (network.ts) against the files: every row of network.csv is an address some generated file
 * names, and every remote address any file names is a row, for the examples and random topologies. The certificate
 * names (certificates.ts) cover every host a peer calls over TLS; network.csv stays one row per connection whatever a
 * label or host holds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import parseToml from '@iarna/toml/parse-string.js';
import type { Topology } from '../../src/model/index.ts';
import { buildGraph } from '../../src/model/index.ts';
import type { Bundle } from '../../src/generate/index.ts';
import { generateBundle, generationContext, nodeDocument } from '../../src/generate/index.ts';
import { identityServerDocument } from '../../src/generate/identityServer.ts';
import { CLIENTS, connectionMatrix, parseAddress } from '../../src/generate/network.ts';
import { NETWORK_CSV_HEADER, csvCell, networkCsv, networkMarkdown } from '../../src/generate/networkFiles.ts';
import { TLS_PROTOCOLS, certificatePlans } from '../../src/generate/certificates.ts';
import type { TomlDocument } from '../../src/generate/index.ts';
import { networkRows, parseCsv } from '../../src/ui/network/csv.ts';
import { EXAMPLE_FILES, arbitraryTopology, loadExample, node, pattern6, topology, withIdentityServer, withRedis } from '../factories.ts';

/** Keys whose value looks like a URL but is not called. */
const NOT_CALLED = new Set(['claim_dialect']);

function isLocal(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.');
}

/** Every remote host:port a deployment.toml names: URLs, JDBC URLs, and host/port pairs of a table. Read with a TOML parser. */
function tomlAddresses(content: string): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (NOT_CALLED.has(key)) return;
      const address = parseAddress(value);
      if (address && !isLocal(address.host)) found.add(`${address.host}:${address.port}`);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') {
      const table = value as Record<string, unknown>;
      const host = table.hostname ?? table.host;
      if (
        typeof host === 'string' &&
        (typeof table.port === 'string' || typeof table.port === 'number') &&
        'type' in table !== 'host' in table
      )
        found.add(`${host}:${table.port}`);
      for (const [k, v] of Object.entries(table)) walk(v, k);
    }
  };
  const parsed = parseToml(content) as Record<string, unknown>;
  // [server] hostname is the node's own name, and the transports' ports its own: not connections.
  delete parsed.server;
  delete parsed.transport;
  walk(parsed, '');
  return found;
}

/** What an nginx.conf names: its own host on each listen port, and each upstream server. */
function nginxAddresses(content: string): { listens: Set<string>; forwards: Set<string> } {
  const listens = new Set<string>();
  const forwards = new Set<string>();
  for (const block of content.split(/\n\s*server \{/).slice(1)) {
    const port = /listen (\d+)/.exec(block)?.[1];
    const name = /server_name ([^;]+);/.exec(block)?.[1];
    if (port && name) listens.add(`${name}:${port}`);
  }
  for (const match of content.matchAll(/^\s*server ([^\s;{]+:\d+)/gm)) forwards.add(match[1]!);
  return { listens, forwards };
}

function fileOf(bundle: Bundle, path: string): string {
  const file = bundle.files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path}`);
  return file.content;
}

/** The two directions of "one source": files ⊆ matrix and matrix ⊆ files, per source node. */
function checkMatrix(t: Topology): void {
  const bundle = generateBundle(t);
  const rows = networkRows(fileOf(bundle, 'network.csv'));
  const rowKeys = new Set(rows.map((r) => `${r.fromNode} ${r.toHost}:${r.port}`));
  const named = new Set<string>();
  const everything = bundle.files.map((f) => f.content).join('\n');
  for (const file of bundle.files) {
    if (file.kind === 'deployment.toml' && file.nodeId) {
      for (const address of tomlAddresses(file.content)) {
        named.add(address);
        expect(rowKeys.has(`${file.nodeId} ${address}`) || rowKeys.has(`${CLIENTS} ${address}`), `${file.path} names ${address}`).toBe(
          true,
        );
      }
    }
    if (file.kind === 'nginx.conf' && file.nodeId) {
      const { listens, forwards } = nginxAddresses(file.content);
      for (const address of listens) {
        named.add(address);
        expect(rowKeys.has(`${CLIENTS} ${address}`), `${file.path} listens on ${address}`).toBe(true);
      }
      for (const address of forwards) {
        named.add(address);
        expect(rowKeys.has(`${file.nodeId} ${address}`), `${file.path} forwards to ${address}`).toBe(true);
      }
    }
  }
  for (const row of rows) {
    const address = `${row.toHost}:${row.port}`;
    // The destination is the node on that host (a load balancer's listener, a node's port), never a guess.
    const target = t.nodes.find((n) => n.id === row.toNode);
    if (row.toNode !== '')
      expect(target && 'host' in target ? target.host : undefined, `${row.toNode} is on ${row.toHost}`).toBe(row.toHost);
    else
      expect(
        t.nodes.some((n) => 'host' in n && n.host === row.toHost),
        `${address} is outside the topology`,
      ).toBe(false);
    // An Identity Server added in the Admin portal is named by its own file's header ("IS answers on https://host:port").
    expect(
      named.has(address) || everything.includes(`https://${address}`),
      `network.csv row ${row.fromNode} → ${address} is in no file`,
    ).toBe(true);
  }
}

/** The documents the bundle writes, by node id (as bundle.ts keeps them for the matrix). */
function documentsOf(t: Topology): Map<string, TomlDocument> {
  const context = generationContext(t, buildGraph(t));
  const documents = new Map<string, TomlDocument>();
  for (const n of t.nodes) {
    if (n.kind === 'identity-server') documents.set(n.id, identityServerDocument(context, n));
    else if (n.kind !== 'load-balancer' && n.kind !== 'database' && n.kind !== 'redis') documents.set(n.id, nodeDocument(context, n));
  }
  return documents;
}

function checkCertificates(t: Topology): void {
  const context = generationContext(t, buildGraph(t));
  const rows = connectionMatrix(context, documentsOf(t));
  const plans = new Map(certificatePlans(context, rows).map((p) => [p.nodeId, p]));
  for (const row of rows) {
    if (!TLS_PROTOCOLS.has(row.protocol) || row.toNode === '') continue;
    const plan = plans.get(row.toNode);
    expect(plan, `${row.toNode} has a certificate plan`).toBeDefined();
    expect(plan?.names, `${row.fromNode} calls ${row.toNode} as ${row.toHost}`).toContain(row.toHost);
    if (row.fromNode !== CLIENTS && row.fromNode !== row.toNode && plans.get(row.fromNode)?.nodeKind !== 'load-balancer')
      expect(plans.get(row.fromNode)?.trusts).toContain(row.toNode);
  }
}

describe('addresses in custom TOML', () => {
  it('name the scheme as written when it is one the designer does not know, even constructor (what every object inherits)', () => {
    const t = loadExample('seed-sample');
    const cp = t.nodes.find((n) => n.kind === 'control-plane')!;
    const custom =
      '[custom]\na = "constructor://ext.example.com:8000/x"\nb = "jdbc:constructor://ext.example.com:8001/db"\nc = "constructor://ext.example.com/no-port"\n';
    const withCustom = { ...t, nodes: t.nodes.map((n) => (n === cp ? { ...n, customToml: custom } : n)) };
    const rows = connectionMatrix(generationContext(withCustom, buildGraph(withCustom)), documentsOf(withCustom)).filter(
      (r) => r.toHost === 'ext.example.com',
    );
    expect(rows.map((r) => [r.port, r.protocol])).toEqual([
      [8000, 'CONSTRUCTOR'],
      [8001, 'constructor (JDBC)'],
    ]);
    expect(parseAddress('constructor://ext.example.com/no-port')).toBeUndefined();
  });
});

describe('network.csv', () => {
  it.each(EXAMPLE_FILES)('of %s: every row is an address of the files, every address of the files a row', (example) => {
    checkMatrix(loadExample(example));
  });

  it('holds for Redis, Identity Server and All-in-One topologies', () => {
    checkMatrix(withRedis(loadExample('pattern-3-distributed')));
    checkMatrix(withIdentityServer(loadExample('separate-tm-ha'), '6.1'));
    checkMatrix(pattern6('4.7.0'));
  });

  it('holds for random topologies', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => checkMatrix(t)),
      { numRuns: 60 },
    );
  });

  it('names a throttle event connection as the issue does: gw-1 → tm-1:9611, TCP binary, throttle events', () => {
    const rows = networkRows(fileOf(generateBundle(loadExample('pattern-3-distributed')), 'network.csv'));
    expect(rows).toContainEqual({
      fromNode: 'gw-1',
      fromHost: 'gw1.example.com',
      toNode: 'tm-1',
      toHost: 'tm1.example.com',
      port: '9611',
      protocol: 'TCP binary',
      purpose: 'throttle events (traffic_manager_urls)',
    });
  });

  it('has the header for firewall tooling and one row per connection', () => {
    const csv = fileOf(generateBundle(loadExample('pattern-3-distributed')), 'network.csv');
    expect(csv.split('\r\n')[0]).toBe(NETWORK_CSV_HEADER);
    const rows = networkRows(csv);
    const keys = rows.map((r) => `${r.fromNode} ${r.toHost}:${r.port} ${r.protocol}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    ['=cmd|" /C calc"!A0', `"'=cmd|"" /C calc""!A0"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['plain', 'plain'],
  ])('writes the cell %j as %j (RFC 4180, formulas kept as text)', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('keeps one record of seven cells per row whatever a host holds', () => {
    const hostile = '=HYPERLINK("http://x"),"\r\n';
    const rows = [
      {
        fromNode: 'gw-1',
        fromHost: hostile,
        toNode: '',
        toHost: `-${hostile}`,
        port: 9611,
        protocol: '@x',
        purpose: 'a "quoted", purpose\nwith a break',
      },
    ];
    const records = parseCsv(networkCsv(rows));
    expect(records).toHaveLength(2);
    expect(records[1]).toHaveLength(7);
    expect(records[1]?.[1]).toBe(`'${hostile}`);
    expect(networkRows(networkCsv(rows))[0]).toMatchObject({ fromHost: hostile, toHost: `-${hostile}`, protocol: '@x' });
  });

  it('writes every row once and in order, however many there are (they are written a chunk at a time)', () => {
    for (const count of [0, 1, 511, 512, 513, 1025, 3000]) {
      const rows = Array.from({ length: count }, (_, i) => ({
        fromNode: `gw-${i}`,
        fromHost: `gw-${i}.example.com`,
        toNode: i % 3 === 0 ? '' : 'tm-1',
        toHost: 'tm-1.example.com',
        port: 9611 + (i % 7),
        protocol: 'TCP binary',
        purpose: i % 5 === 0 ? 'a, "quoted" purpose' : 'throttle events',
      }));
      const csv = networkCsv(rows);
      expect(csv.endsWith('\r\n')).toBe(true);
      expect(networkRows(csv)).toEqual(rows.map((r) => ({ ...r, port: String(r.port) })));
    }
  });

  it('survives hostile labels in a whole bundle: the csv parses into rows of seven cells', () => {
    const t = topology(
      [
        node('gateway', 'gw-1', { label: '=1+1,"x"\n', host: 'gw.example.com' }),
        node('control-plane', 'cp-1', { label: '@evil', host: 'cp.example.com' }),
      ],
      [['gw-1', 'cp-1']],
    );
    const records = parseCsv(fileOf(generateBundle(t), 'network.csv'));
    expect(records.length).toBeGreaterThan(2);
    for (const record of records) expect(record).toHaveLength(7);
  });
});

/**
 * The connections network.md states, one per source and table row: a table with several sources (nodes with the same
 * connections) stands for each of them. Markdown escapes are undone, so the rows compare with network.csv's.
 */
function markdownRows(md: string): string[] {
  const unescape = (text: string) => text.replace(/\\([\\`*_{}[\]<>|~])/g, '$1');
  const rows: string[] = [];
  const sections = md.split('\n## ').slice(1);
  for (const section of sections) {
    const [heading = '', ...lines] = section.split('\n');
    if (heading === 'Certificates') continue;
    const hosts = lines.find((l) => l.startsWith('Source hosts: '));
    const sources = heading.startsWith('From clients')
      ? [[CLIENTS, 'any']]
      : hosts
        ? hosts
            .slice('Source hosts: '.length, -1)
            .split(', ')
            .map((s) => /^(.*) \((.*)\)$/.exec(s)?.slice(1).reverse() ?? [])
        : [/^From (.*) \((.*)\)$/.exec(heading)?.slice(1) ?? []];
    if (hosts) expect(heading, 'a group names how many nodes it stands for').toContain(`(${sources.length} nodes, the same connections)`);
    for (const line of lines.filter((l) => l.startsWith('| ') && !l.startsWith('| to node'))) {
      const [toNode = '', toHost, port, protocol, purpose] = line.slice(2, -2).split(' | ').map(unescape);
      for (const [node, host] of sources)
        rows.push([node, host, toNode === '(outside the topology)' ? '' : toNode, toHost, port, protocol, purpose].join(' / '));
    }
  }
  return rows.sort();
}

describe('network.md', () => {
  const check = (t: Topology) => {
    const bundle = generateBundle(t);
    const csv = networkRows(fileOf(bundle, 'network.csv')).map((r) =>
      [r.fromNode, r.fromHost, r.toNode, r.toHost, r.port, r.protocol, r.purpose].join(' / '),
    );
    expect(markdownRows(fileOf(bundle, 'network.md'))).toEqual(csv.sort());
  };

  it.each(EXAMPLE_FILES)('of %s states exactly the rows of network.csv, a shared table once for each of its nodes', (example) => {
    check(loadExample(example));
  });

  it('states exactly the rows of network.csv for random topologies', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => check(t)),
      { numRuns: 40 },
    );
  });

  it('gives the gateways of a cluster one table, and a node whose connections differ its own', () => {
    const md = fileOf(generateBundle(loadExample('separate-tm-ha')), 'network.md');
    expect(md).toContain('## From gw-1 and gw-2 (2 nodes, the same connections)');
    expect(md).toContain('Source hosts: gw1.example.com (gw-1), gw2.example.com (gw-2).');
    // The control planes each copy events to the other: not the same connections.
    expect(md).toContain('## From cp-1 (cp1.example.com)');
    expect(md).toContain('## From cp-2 (cp2.example.com)');
  });
});

describe('network.md groups only sources whose every row is the same', () => {
  const t = loadExample('separate-tm-ha');
  const context = generationContext(t, buildGraph(t));
  const row = (fromNode: string, i: number) => ({
    fromNode,
    fromHost: `${fromNode}.example.com`,
    toNode: `n-${i}`,
    toHost: `n-${i}.example.com`,
    port: 9443,
    protocol: 'HTTPS',
    purpose: 'calls',
  });
  const base = (fromNode: string) => [0, 1, 2, 3, 4].map((i) => row(fromNode, i));
  const changes: [string, (r: ReturnType<typeof row>) => ReturnType<typeof row>][] = [
    ['to node', (r) => ({ ...r, toNode: 'other' })],
    ['to host', (r) => ({ ...r, toHost: 'other.example.com' })],
    ['port', (r) => ({ ...r, port: 9444 })],
    ['protocol', (r) => ({ ...r, protocol: 'HTTP' })],
    ['purpose', (r) => ({ ...r, purpose: 'calls again' })],
  ];
  it.each(changes.flatMap(([what, change]) => [1, 2, 3].map((at) => [what, at, change] as const)))(
    'a %s that differs in row %i makes a table of its own',
    (_what, at, change) => {
      const b = base('b').map((r, i) => (i === at ? change(r) : r));
      const md = networkMarkdown(context, [...base('a'), ...b, ...base('c')], []);
      expect(md).toContain('## From a and c (2 nodes, the same connections)');
      expect(md).toContain('## From b (b.example.com)');
      expect(markdownRows(md)).toHaveLength(15);
    },
  );
});

describe('certificate names', () => {
  it.each(EXAMPLE_FILES)('of %s cover every host a peer calls over TLS', (example) => {
    checkCertificates(loadExample(example));
  });

  it('cover every host a peer calls in random topologies', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => checkCertificates(t)),
      { numRuns: 60 },
    );
  });
});

describe('network.csv on Kubernetes', () => {
  const kubernetes = (t: Topology, product: Topology['product']): Topology => ({
    ...t,
    product,
    settings: { ...t.settings, platform: 'kubernetes' },
  });
  const cases: [string, Topology][] = [
    ['pattern-3-distributed 4.7.0', kubernetes(loadExample('pattern-3-distributed'), '4.7.0')],
    ['pattern-3-distributed 4.5.0', kubernetes(loadExample('pattern-3-distributed'), '4.5.0')],
    ['pattern-4-km 4.7.0', kubernetes(loadExample('pattern-4-km'), '4.7.0')],
    ['ha-cp-gw 4.2.0', kubernetes(loadExample('ha-cp-gw'), '4.2.0')],
  ];

  /** The Services a values file calls: serviceUrl, the per-instance urls, and the host of a URL. */
  function servicesCalled(values: string): string[] {
    const found: string[] = [];
    for (const m of values.matchAll(/serviceUrl: "([^"]+)"/g)) found.push(m[1]!);
    for (const m of values.matchAll(/^\s*- "([a-z0-9.-]+-service[a-z0-9.-]*)"$/gm)) found.push(m[1]!);
    for (const m of values.matchAll(/"https:\/\/([a-z0-9.-]+-service[a-z0-9.-]*):\d+/g)) found.push(m[1]!);
    return found;
  }

  it.each(cases)('of %s names every Service a values file calls, on the Service ports, as the rows of a release', (_name, t) => {
    const bundle = generateBundle(t);
    const rows = networkRows(fileOf(bundle, 'network.csv'));
    const releases = new Set(JSON.parse(fileOf(bundle, 'helm/releases.json')).map((r: { release: string }) => r.release));
    const called = new Set(rows.map((r) => r.toHost));
    const values = bundle.files.filter((f) => f.kind === 'helm-values');
    expect(values.length).toBeGreaterThan(0);
    let count = 0;
    for (const file of values) {
      for (const service of servicesCalled(file.content)) {
        count++;
        const namespaced = service.includes('.') ? service : `${service}.apim`;
        expect(called, `${file.path} calls ${service}`).toContain(namespaced);
      }
    }
    expect(count).toBeGreaterThan(2);
    for (const row of rows) {
      if (releases.has(row.toNode)) expect([9443, 8243, 8099, 8021, 5672, 9611, 9711]).toContain(Number(row.port));
      if (row.fromNode !== CLIENTS && row.fromNode !== 'ingress' && !row.fromNode.startsWith('is-'))
        expect(releases).toContain(row.fromNode);
    }
  });

  it.each(cases)('of %s: the certificates name every Service a release calls over TLS', (_name, t) => {
    const bundle = generateBundle(t);
    const rows = networkRows(fileOf(bundle, 'network.csv'));
    const md = fileOf(bundle, 'network.md');
    for (const row of rows) {
      if (!TLS_PROTOCOLS.has(row.protocol) || row.fromNode === 'ingress' || row.toNode === 'ingress') continue;
      expect(md, `${row.toHost} is a certificate name`).toMatch(new RegExp(`\\| [^|]*\\b${row.toHost.replace(/[.]/g, '\\.')}(,| \\|)`));
    }
    // The runbook's keystore names them too, with no password in the runbook.
    const keytool =
      fileOf(bundle, 'README.md')
        .split('\n')
        .find((line) => line.startsWith('keytool -genkeypair')) ?? '';
    for (const row of rows)
      if (TLS_PROTOCOLS.has(row.protocol) && row.toHost.endsWith('.apim')) expect(keytool).toContain(`dns:${row.toHost},`);
  });
});
