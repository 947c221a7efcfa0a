/** Topologies for tests: small builders and a fast-check arbitrary of valid topologies. */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DbEngine, IsVersion, Link, ProductVersion, Topology, TopologyNode } from '../src/model/index.ts';
import { DB_ENGINES, DB_ENGINE_PORTS, MYSQL_VERSIONS, PRODUCT_VERSIONS, emptyTopology, newNode, versionFacts } from '../src/model/index.ts';
import { readTopology } from '../src/share/index.ts';

export const EXAMPLE_FILES = [
  'seed-sample',
  'single-cp-gw',
  'ha-cp-gw',
  'separate-tm-ha',
  'pattern-0-aio',
  'pattern-1-aio-ha',
  'pattern-2-aio-gw',
  'pattern-3-distributed',
  'pattern-4-km',
  'pattern-5-aio-gw-km',
  'pattern-6-aio-is',
] as const;
export type ExampleName = (typeof EXAMPLE_FILES)[number];

export function examplePath(name: ExampleName): string {
  return fileURLToPath(new URL(`../public/examples/${name}.json`, import.meta.url));
}

export function loadExample(name: ExampleName): Topology {
  const result = readTopology(readFileSync(examplePath(name), 'utf8'));
  if (!result.ok) throw new Error(`example ${name} does not read: ${JSON.stringify(result.errors)}`);
  return result.topology;
}

/** A node with defaults, overridden by `fields`. */
export function node<T extends TopologyNode['kind']>(kind: T, id: string, fields: Record<string, unknown> = {}): TopologyNode {
  return { ...newNode(kind, id), ...fields } as TopologyNode;
}

export function topology(nodes: TopologyNode[], links: [string, string][] = [], product: ProductVersion = '4.0.0'): Topology {
  return { ...emptyTopology(product, 'Test'), nodes, links: links.map(([from, to]) => ({ from, to })) };
}

/**
 * The topology with a Redis server `redis-1` for distributed throttling, linked from every control plane and traffic
 * manager (APIM docs 4.6.0 'Configuring Distributed Rate Limiting for an API Gateway Cluster').
 */
export function withRedis(t: Topology, fields: Record<string, unknown> = {}): Topology {
  const redis = {
    ...newNode('redis', 'redis-1', { x: 900, y: 340 }),
    host: 'redis.example.com',
    password: '$env{REDIS_PASSWORD}',
    ...fields,
  };
  const users = t.nodes.filter((n) => n.kind === 'control-plane' || n.kind === 'traffic-manager');
  return {
    ...t,
    nodes: [...t.nodes, redis as TopologyNode],
    links: [...t.links, ...users.map((n) => ({ from: n.id, to: 'redis-1' }))],
  };
}

/**
 * The topology with its one Key Manager `km-1` made a pair behind a load balancer `km-lb` (km.example.com): `km-2` is
 * linked like `km-1`, and every link to `km-1` from another API-M node goes to `km-lb` instead.
 */
export function withKeyManagerPair(t: Topology): Topology {
  const km1 = t.nodes.find((n) => n.id === 'km-1');
  if (!km1 || km1.kind !== 'key-manager') throw new Error('withKeyManagerPair needs a key manager km-1');
  const km2 = { ...km1, id: 'km-2', label: 'Key Manager 2', host: 'km2.example.com', y: km1.y + 120 };
  const lb = { ...newNode('load-balancer', 'km-lb', { x: km1.x, y: km1.y - 140 }), label: 'Key Manager LB', host: 'km.example.com' };
  const own = t.links.filter((l) => l.from === 'km-1');
  const callers = t.links.filter((l) => l.to === 'km-1');
  const rest = t.links.filter((l) => l.from !== 'km-1' && l.to !== 'km-1');
  return {
    ...t,
    nodes: [...t.nodes, km2, lb],
    links: [
      ...rest,
      ...own,
      ...own.map((l) => ({ ...l, from: 'km-2' })),
      { from: 'km-lb', to: 'km-1' },
      { from: 'km-lb', to: 'km-2' },
      ...callers.map((l) => ({ ...l, to: 'km-lb' })),
    ],
  };
}

/** Settings for `product`: from 4.7 the internal encryption key, named as helm-apim 4.7.x does (an environment variable). */
function keyedSettings(product: ProductVersion): Topology['settings'] {
  const base = emptyTopology(product, 'x').settings;
  return versionFacts(product).internalEncryptionKey ? { ...base, encryptionKey: '$env{WSO2_ENCRYPTION_KEY}' } : base;
}

/** Pattern 0 (APIM docs 'All-in-One Deployment Overview', Single Node): one All-in-One and its database. */
export function singleAllInOne(product: ProductVersion): Topology {
  const placed = (n: TopologyNode, x: number, y: number) => ({ ...n, x, y });
  return {
    ...emptyTopology(product, 'Single All-in-One'),
    settings: keyedSettings(product),
    nodes: [
      placed({ ...newNode('all-in-one', 'aio-1'), host: 'apim.example.com' }, 240, 100),
      placed({ ...newNode('database', 'db'), host: 'db.example.com' }, 240, 300),
    ],
    links: [{ from: 'aio-1', to: 'db' }],
  };
}

/**
 * Pattern 2, HA (APIM docs 4.5.0 'Simple Scalable Setup', HA sample; helm-apim 4.5.x docs/am-pattern-2-all-in-one_GW):
 * two All-in-One nodes behind aio-lb, two gateways behind gw-lb calling aio-lb, one database.
 */
export function simpleScalable(product: ProductVersion): Topology {
  const at = (n: TopologyNode, x: number, y: number, host: string) => ({ ...n, x, y, host });
  return {
    ...emptyTopology(product, 'Simple scalable: All-in-One and gateways'),
    settings: keyedSettings(product),
    nodes: [
      at(newNode('load-balancer', 'aio-lb'), 360, 0, 'apim.example.com'),
      at(newNode('all-in-one', 'aio-1'), 240, 140, 'aio1.example.com'),
      at(newNode('all-in-one', 'aio-2'), 480, 140, 'aio2.example.com'),
      at(newNode('load-balancer', 'gw-lb'), 360, 300, 'gw.example.com'),
      at(newNode('gateway', 'gw-1'), 240, 440, 'gw1.example.com'),
      at(newNode('gateway', 'gw-2'), 480, 440, 'gw2.example.com'),
      at(newNode('database', 'db'), 720, 140, 'db.example.com'),
    ],
    links: [
      ['aio-lb', 'aio-1'],
      ['aio-lb', 'aio-2'],
      ['gw-lb', 'gw-1'],
      ['gw-lb', 'gw-2'],
      ['gw-1', 'aio-lb'],
      ['gw-2', 'aio-lb'],
      ['aio-1', 'db'],
      ['aio-2', 'db'],
    ].map(([from, to]) => ({ from: from!, to: to! })),
  };
}

/**
 * The topology with WSO2 Identity Server `is-1` (is.example.com, offset 1 as WSO2's docs run it) of `version` as the
 * Key Manager of every gateway, control plane, traffic manager and All-in-One (APIM docs 'Configure WSO2 IS as a Key
 * Manager'; helm-apim `iskm.enabled` on the gateway, control-plane and traffic-manager charts).
 */
export function withIdentityServer(t: Topology, version: IsVersion, fields: Record<string, unknown> = {}): Topology {
  const server = {
    ...newNode('identity-server', 'is-1', { x: 900, y: 0 }),
    label: 'Identity Server',
    host: 'is.example.com',
    version,
    ...fields,
  };
  const users = t.nodes.filter(
    (n) => n.kind !== 'load-balancer' && n.kind !== 'database' && n.kind !== 'redis' && n.kind !== 'identity-server',
  );
  return { ...t, nodes: [...t.nodes, server as TopologyNode], links: [...t.links, ...users.map((n) => ({ from: n.id, to: 'is-1' }))] };
}

/**
 * WSO2's Pattern 6 (APIM docs 4.6.0 / 4.7.0 'Pattern 6: All-in-One with WSO2 IS as Key Manager'; 4.7.0 'Deployment
 * Patterns'): one All-in-One with its database and WSO2 Identity Server 7.1 as a third-party Key Manager.
 */
export function pattern6(product: ProductVersion): Topology {
  return { ...withIdentityServer(singleAllInOne(product), '7.1'), name: 'Pattern 6: All-in-One with WSO2 IS as Key Manager' };
}

/** Text that tries to break out of wherever it is written. */
export const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    'Gateway "1"\n[server]\nhostname = "evil"',
    "it's ''' a \\ label\r\n# comment",
    '</pre><script>alert(1)</script>',
    '\u0000\u001f\u007f\u2028\u2029',
    '${mgt.transport.https.port}',
  ),
);

const hostPool = ['a.example.com', 'b.example.com', 'c.example.com', '10.0.0.5', 'node-x.internal'];

/**
 * Valid topologies: 1–3 control planes, 0–3 traffic managers, 1–4 gateways, optional load balancers per
 * tier, 0–2 Key Managers on 4.3+ (behind a load balancer when two), 0–1 database, on 4.6+ 0–1 Redis for throttle counters; or, in place of the control planes and traffic managers,
 * 1–3 All-in-One nodes (Pattern 2, no Redis); nodes share hosts with distinct offsets; labels are hostile text.
 */
export const arbitraryTopology: fc.Arbitrary<Topology> = fc
  .record({
    product: fc.constantFrom<ProductVersion>(...PRODUCT_VERSIONS),
    cps: fc.integer({ min: 1, max: 3 }),
    tms: fc.integer({ min: 0, max: 3 }),
    gws: fc.integer({ min: 1, max: 4 }),
    lbCp: fc.boolean(),
    lbTm: fc.boolean(),
    lbGw: fc.boolean(),
    db: fc.option(fc.constantFrom<DbEngine>(...DB_ENGINES), { nil: undefined }),
    gwUsesDb: fc.boolean(),
    hosts: fc.array(fc.constantFrom(...hostPool), { minLength: 12, maxLength: 12 }),
    labels: fc.array(hostileText, { minLength: 14, maxLength: 14 }),
    name: hostileText,
    viaLb: fc.boolean(),
    jwt: fc.boolean(),
    analytics: fc.boolean(),
    cacheInvalidation: fc.boolean(),
    mysqlVersion: fc.constantFrom(undefined, ...MYSQL_VERSIONS),
    redis: fc.constantFrom(undefined, { ssl: true, user: 'apim' }, {}),
    allInOne: fc.boolean(),
    keyManagers: fc.integer({ min: 0, max: 2 }),
  })
  .map((p) => {
    const nodes: TopologyNode[] = [];
    const links: Link[] = [];
    const used = new Map<string, number>();
    let labelIndex = 0;
    const add = (kind: 'gateway' | 'control-plane' | 'traffic-manager' | 'all-in-one' | 'key-manager', id: string) => {
      const host = p.hosts[nodes.length % p.hosts.length]!;
      const offset = used.get(host) ?? 0;
      used.set(host, offset + 1);
      nodes.push({ ...newNode(kind, id), host, offset, label: p.labels[labelIndex++ % p.labels.length] } as TopologyNode);
      return id;
    };
    const cps = Array.from({ length: p.cps }, (_, i) =>
      p.allInOne ? add('all-in-one', `aio-${i + 1}`) : add('control-plane', `cp-${i + 1}`),
    );
    const tms = Array.from({ length: p.allInOne ? 0 : p.tms }, (_, i) => add('traffic-manager', `tm-${i + 1}`));
    const gws = Array.from({ length: p.gws }, (_, i) => add('gateway', `gw-${i + 1}`));
    // Key Managers where the version has them (4.3+), used by every other API-M node.
    const kms = versionFacts(p.product).separateKeyManager
      ? Array.from({ length: p.keyManagers }, (_, i) => add('key-manager', `km-${i + 1}`))
      : [];
    const lb = (tier: string[], id: string, wanted: boolean) => {
      if (!wanted || tier.length < 2) return undefined;
      nodes.push({ ...newNode('load-balancer', id), host: `${id}.example.com` } as TopologyNode);
      for (const member of tier) links.push({ from: id, to: member });
      return id;
    };
    const cpLb = lb(cps, 'cp-lb', p.lbCp);
    const tmLb = lb(tms, 'tm-lb', p.lbTm);
    lb(gws, 'gw-lb', p.lbGw);
    const kmLb = lb(kms, 'km-lb', true);
    const wire = (from: string, tier: string[], tierLb: string | undefined) => {
      if (tierLb && p.viaLb) links.push({ from, to: tierLb });
      else for (const member of tier) links.push({ from, to: member });
    };
    for (const gw of gws) {
      wire(gw, cps, cpLb);
      if (tms.length) wire(gw, tms, tmLb);
    }
    for (const tm of tms) wire(tm, cps, cpLb);
    if (kms.length) {
      for (const user of [...gws, ...cps, ...tms]) wire(user, kms, kmLb);
      for (const km of kms) wire(km, cps, cpLb);
    }
    if (p.db) {
      const version = p.db === 'mysql' && p.mysqlVersion ? { mysqlVersion: p.mysqlVersion } : {};
      nodes.push({
        ...newNode('database', 'db'),
        engine: p.db,
        port: DB_ENGINE_PORTS[p.db],
        host: 'db.example.com',
        ...version,
      } as TopologyNode);
      for (const n of [...cps, ...tms, ...kms, ...(p.gwUsesDb ? gws : [])]) links.push({ from: n, to: 'db' });
    }
    const base = emptyTopology(p.product, p.name);
    if (p.redis && !p.allInOne && versionFacts(p.product).distributedThrottling) {
      nodes.push({ ...newNode('redis', 'redis'), host: 'redis.example.com', password: 'counters', ...p.redis } as TopologyNode);
      for (const n of [...cps, ...tms]) links.push({ from: n, to: 'redis' });
    }
    return {
      ...base,
      settings: {
        ...base.settings,
        jwt: { ...base.settings.jwt, enabled: p.jwt },
        analytics: { ...base.settings.analytics, enabled: p.analytics, authToken: 'token' },
        cacheInvalidation: { ...base.settings.cacheInvalidation, enabled: p.cacheInvalidation },
      },
      nodes,
      links,
    };
  });
