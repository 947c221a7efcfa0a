/**
 * One row per rule: a topology that triggers it and one that does not. Each module's test runs its
 * rows (`ruleCases`); `rules.test.ts` checks that every rule of the table has a row.
 */
import { describe, expect, it } from 'vitest';
import type { ProductVersion, Settings, Topology, TopologyNode } from '../../src/model/index.ts';
import { DEFAULT_KEYSTORE } from '../../src/model/index.ts';
import { RULES, validate } from '../../src/validate/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { loadExample, node, pattern6, simpleScalable, singleAllInOne, topology, withIdentityServer } from '../factories.ts';

export type RuleCase = [code: string, name: string, triggers: () => Topology, passes: () => Topology];

type Patch = { [K in keyof Settings]?: Settings[K] extends object | undefined ? Partial<Settings[K]> : Settings[K] };

/** The topology with some settings changed (one level deep). */
export function withSettings(t: Topology, patch: Patch): Topology {
  const settings = { ...t.settings } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    settings[key] =
      value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(settings[key] as object), ...value } : value;
  }
  return { ...t, settings: settings as unknown as Settings };
}

const cp = (id = 'cp-1', fields: Record<string, unknown> = {}) => node('control-plane', id, fields);
const gw = (id = 'gw-1', fields: Record<string, unknown> = {}) => node('gateway', id, fields);
const tm = (id = 'tm-1', fields: Record<string, unknown> = {}) => node('traffic-manager', id, fields);
const lb = (id: string, fields: Record<string, unknown> = {}) => node('load-balancer', id, fields);
const db = (id = 'db', fields: Record<string, unknown> = {}) => node('database', id, fields);
const aio = (id = 'aio-1', fields: Record<string, unknown> = {}) => node('all-in-one', id, fields);

/** Pattern 2 with the All-in-One nodes unbalanced: aio-1 and aio-2 sharing db, gw-1 linked to `wired`. */
const bareAllInOnes = (wired: string[], product: ProductVersion = '4.5.0') =>
  topology(
    [aio('aio-1'), aio('aio-2'), gw(), db()],
    [['aio-1', 'db'], ['aio-2', 'db'], ...wired.map((id): [string, string] => ['gw-1', id])],
    product,
  );

/** A control plane, a gateway and a database, wired: no errors, only the hardening warnings. */
export function clean(
  extra: TopologyNode[] = [],
  links: [string, string][] = [],
  product: ProductVersion = '4.0.0',
  gatewayFields: Record<string, unknown> = {},
): Topology {
  return topology([cp(), gw('gw-1', gatewayFields), db(), ...extra], [['gw-1', 'cp-1'], ['cp-1', 'db'], ...links], product);
}

/** Two control planes behind cp-lb sharing db, and a gateway calling them. */
const haControlPlane = (fields: Record<string, unknown> = {}) =>
  topology(
    [lb('cp-lb', fields), cp('cp-1'), cp('cp-2'), gw(), db()],
    [
      ['cp-lb', 'cp-1'],
      ['cp-lb', 'cp-2'],
      ['gw-1', 'cp-lb'],
      ['cp-1', 'db'],
      ['cp-2', 'db'],
    ],
  );

const cpGw = () => [cp(), gw()];

/** Two gateways (with these Gateway IDs), a traffic manager and a control plane on a database, on `product`. */
function withGatewayIds(product: ProductVersion, id1: string | undefined, id2: string | undefined): Topology {
  return topology(
    [cp(), gw('gw-1', { gatewayId: id1 }), gw('gw-2', { gatewayId: id2 }), tm(), db()],
    [
      ['gw-1', 'cp-1'],
      ['gw-2', 'cp-1'],
      ['gw-1', 'tm-1'],
      ['gw-2', 'tm-1'],
      ['tm-1', 'cp-1'],
      ['cp-1', 'db'],
      ['tm-1', 'db'],
    ],
    product,
  );
}

/** `t` with gateway `id`'s Gateway ID set to `gatewayId`. */
function withGatewayOverride(t: Topology, id: string, gatewayId: string): Topology {
  return { ...t, nodes: t.nodes.map((n) => (n.id === id ? ({ ...n, gatewayId } as TopologyNode) : n)) };
}

const redis = (id = 'redis-1', fields: Record<string, unknown> = {}) =>
  node('redis', id, { host: `${id}.example.com`, password: '$env{REDIS_PASSWORD}', ...fields });

/**
 * `withGatewayIds` with Redis servers for throttle counters: `uses` maps each Redis id to the nodes linked to it
 * (default: redis-1 used by cp-1 and tm-1).
 */
function withRedisLinks(product: ProductVersion, uses: Record<string, string[]> = { 'redis-1': ['cp-1', 'tm-1'] }, fields = {}): Topology {
  const t = withGatewayIds(product, undefined, undefined);
  return {
    ...t,
    settings: { ...t.settings, encryptionKey: '$env{WSO2_ENCRYPTION_KEY}' },
    nodes: [...t.nodes, ...Object.keys(uses).map((id) => redis(id, fields))],
    links: [...t.links, ...Object.entries(uses).flatMap(([to, from]) => from.map((f) => ({ from: f, to })))],
  };
}

/** `withGatewayIds` with a Key Manager km-1 on the database, linked to the control plane and used by the nodes `users`. */
function withKeyManager(product: ProductVersion, users: string[] = ['gw-1', 'gw-2', 'cp-1'], extra: [string, string][] = []): Topology {
  const t = withGatewayIds(product, undefined, undefined);
  return {
    ...t,
    settings: { ...t.settings, encryptionKey: '$env{WSO2_ENCRYPTION_KEY}' },
    nodes: [...t.nodes, node('key-manager', 'km-1', { host: 'km1.example.com' }), node('key-manager', 'km-2', { host: 'km2.example.com' })],
    links: [
      ...t.links,
      ...['km-1', 'km-2'].flatMap((km) => [
        { from: km, to: 'cp-1' },
        { from: km, to: 'db' },
      ]),
      ...users.map((from) => ({ from, to: 'km-1' })),
      ...['gw-1', 'gw-2', 'cp-1'].filter((n) => users.includes(n)).map((from) => ({ from, to: 'km-2' })),
      ...extra.map(([from, to]) => ({ from, to })),
    ],
  };
}

/** One Key Manager km-1 (no second one), linked like withKeyManager's. */
function withOneKeyManager(
  product: ProductVersion,
  users: string[] = ['gw-1', 'gw-2', 'cp-1'],
  kmLinks: [string, string][] = [
    ['km-1', 'cp-1'],
    ['km-1', 'db'],
  ],
): Topology {
  const t = withGatewayIds(product, undefined, undefined);
  return {
    ...t,
    settings: { ...t.settings, encryptionKey: '$env{WSO2_ENCRYPTION_KEY}' },
    nodes: [...t.nodes, node('key-manager', 'km-1', { host: 'km1.example.com' })],
    links: [...t.links, ...kmLinks.map(([from, to]) => ({ from, to })), ...users.map((from) => ({ from, to: 'km-1' }))],
  };
}

/** Two gateways behind gw-lb with the given labels (undefined: the first environment), and an Internal environment. */
const gatewayCluster = (labels1: string[] | undefined, labels2: string[] | undefined) => ({
  ...twoEnvironments(),
  nodes: [cp(), gw('gw-1', { labels: labels1 }), gw('gw-2', { labels: labels2 }), lb('gw-lb')],
  links: [
    ['gw-1', 'cp-1'],
    ['gw-2', 'cp-1'],
    ['gw-lb', 'gw-1'],
    ['gw-lb', 'gw-2'],
  ].map(([from, to]) => ({ from: from!, to: to! })),
});
const twoEnvironments = () => ({
  ...topology(cpGw(), [['gw-1', 'cp-1']]),
  settings: {
    ...topology([]).settings,
    gatewayEnvironments: [
      { name: 'Production and Sandbox', type: 'hybrid' as const, description: '', displayInApiConsole: true, showAsTokenEndpointUrl: true },
      { name: 'Internal', type: 'hybrid' as const, description: '', displayInApiConsole: true, showAsTokenEndpointUrl: true },
    ],
  },
});

/** An example on the Kubernetes platform, for a version. */
const k8s = (name: Parameters<typeof loadExample>[0], product: ProductVersion): Topology =>
  withSettings({ ...loadExample(name), product }, { platform: 'kubernetes' });

/** The topology with release names given on these load balancers. */
const named = (t: Topology, releases: Record<string, string>): Topology => ({
  ...t,
  nodes: t.nodes.map((n) => (releases[n.id] !== undefined ? ({ ...n, release: releases[n.id] } as TopologyNode) : n)),
});

const TWO_ENVIRONMENTS = [
  { name: 'Default', type: 'hybrid' as const, description: '', displayInApiConsole: true, showAsTokenEndpointUrl: true },
  { name: 'internal', type: 'hybrid' as const, description: '', displayInApiConsole: true, showAsTokenEndpointUrl: false },
];

export const CASES = {
  structure: [
    [
      'APIM001',
      'a link the rules refuse',
      () =>
        topology(
          [...cpGw(), gw('gw-2')],
          [
            ['gw-1', 'cp-1'],
            ['gw-2', 'cp-1'],
            ['gw-1', 'gw-2'],
          ],
        ),
      () => topology(cpGw(), [['gw-1', 'cp-1']]),
    ],
    [
      'APIM002',
      'a link to a missing node',
      () =>
        topology(cpGw(), [
          ['gw-1', 'cp-1'],
          ['gw-1', 'ghost'],
        ]),
      () => topology(cpGw(), [['gw-1', 'cp-1']]),
    ],
    [
      'APIM003',
      'the same link twice',
      () =>
        topology(cpGw(), [
          ['gw-1', 'cp-1'],
          ['cp-1', 'gw-1'],
        ]),
      () => topology(cpGw(), [['gw-1', 'cp-1']]),
    ],
    ['APIM004', 'a duplicate id', () => topology([...cpGw(), gw('gw-1')], [['gw-1', 'cp-1']]), () => topology(cpGw(), [['gw-1', 'cp-1']])],
    [
      'APIM005',
      'a load balancer that fronts nothing',
      () => topology([...cpGw(), lb('lb')], [['gw-1', 'cp-1']]),
      () => topology(cpGw(), [['gw-1', 'cp-1']]),
    ],
    [
      'APIM006',
      'a load balancer that fronts one node',
      () =>
        topology(
          [...cpGw(), lb('lb')],
          [
            ['gw-1', 'cp-1'],
            ['lb', 'gw-1'],
          ],
        ),
      () =>
        topology(
          [...cpGw(), gw('gw-2'), lb('lb')],
          [
            ['gw-1', 'cp-1'],
            ['lb', 'gw-1'],
            ['lb', 'gw-2'],
          ],
        ),
    ],
    [
      'APIM007',
      'a load balancer that fronts mixed kinds',
      () =>
        topology(
          [...cpGw(), lb('lb')],
          [
            ['gw-1', 'cp-1'],
            ['lb', 'gw-1'],
            ['lb', 'cp-1'],
          ],
        ),
      () => topology(cpGw(), [['gw-1', 'cp-1']]),
    ],
    [
      'APIM008',
      'a node fronted by two load balancers',
      () =>
        topology(
          [...cpGw(), gw('gw-2'), lb('a'), lb('b')],
          [
            ['gw-1', 'cp-1'],
            ['a', 'gw-1'],
            ['a', 'gw-2'],
            ['b', 'gw-1'],
            ['b', 'gw-2'],
          ],
        ),
      () => topology(cpGw(), [['gw-1', 'cp-1']]),
    ],
    [
      'APIM009',
      'a node calling the wrong kind of cluster',
      () =>
        topology(
          [...cpGw(), gw('gw-2'), gw('gw-3'), lb('lb')],
          [
            ['gw-1', 'cp-1'],
            ['gw-3', 'cp-1'],
            ['lb', 'gw-2'],
            ['lb', 'gw-1'],
            ['gw-3', 'lb'],
          ],
        ),
      () => topology(cpGw(), [['gw-1', 'cp-1']]),
    ],
    ['APIM010', 'a gateway with no control plane', () => topology(cpGw()), () => topology(cpGw(), [['gw-1', 'cp-1']])],
    [
      'APIM011',
      'a gateway label with no environment',
      () => topology([cp(), gw('gw-1', { labels: ['Internal'] })], [['gw-1', 'cp-1']]),
      () => topology(cpGw(), [['gw-1', 'cp-1']]),
    ],
    ['APIM012', 'an environment no gateway serves', twoEnvironments, () => topology(cpGw(), [['gw-1', 'cp-1']])],
    [
      'APIM013',
      'a gateway linked to two separate control planes',
      () =>
        topology(
          [...cpGw(), cp('cp-2')],
          [
            ['gw-1', 'cp-1'],
            ['gw-1', 'cp-2'],
          ],
        ),
      () => topology(cpGw(), [['gw-1', 'cp-1']]),
    ],
    [
      'APIM037',
      'an empty list of gateway environments',
      () => withSettings(clean(), { gatewayEnvironments: [] }),
      () => withSettings(clean(), { gatewayEnvironments: undefined }),
    ],
  ],
  fields: [
    [
      'APIM014',
      'an invalid node id',
      () =>
        topology(
          [cp(), gw('GW 1'), db()],
          [
            ['GW 1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
      () => clean(),
    ],
    [
      'APIM015',
      'an invalid host name',
      () => clean([gw('gw-2', { host: 'gw_2..example.com' })], [['gw-2', 'cp-1']]),
      () => clean([gw('gw-2', { host: 'gw-2.example.com' })], [['gw-2', 'cp-1']]),
    ],
    [
      'APIM016',
      'an offset out of range',
      () =>
        topology(
          [cp(), gw('gw-1', { offset: 70000 }), db()],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
      () =>
        topology(
          [cp(), gw('gw-1', { offset: 1000 }), db()],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
    ],
  ],
  ports: [
    [
      'APIM017',
      'two nodes on one host with one offset',
      () =>
        topology(
          [cp('cp-1', { host: 'x.example.com' }), gw('gw-1', { host: 'x.example.com' }), db()],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
      () =>
        topology(
          [cp('cp-1', { host: 'x.example.com' }), gw('gw-1', { host: 'x.example.com', offset: 1 }), db()],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
    ],
    [
      'APIM018',
      'a port two nodes on one host open (gateway offset 37: 8243 + 37 = 8280)',
      () =>
        topology(
          [cp('cp-1', { host: 'x.example.com' }), gw('gw-1', { host: 'x.example.com', offset: 37 }), db()],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
      () =>
        topology(
          [cp('cp-1', { host: 'x.example.com' }), gw('gw-1', { host: 'x.example.com', offset: 36 }), db()],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
    ],
    [
      'APIM018',
      "a gateway load balancer on a gateway's host (both open 9443)",
      () =>
        clean(
          [gw('gw-2'), lb('gw-lb', { host: 'gw-1.example.com' })],
          [
            ['gw-2', 'cp-1'],
            ['gw-lb', 'gw-1'],
            ['gw-lb', 'gw-2'],
          ],
        ),
      () =>
        clean(
          [gw('gw-2'), lb('gw-lb')],
          [
            ['gw-2', 'cp-1'],
            ['gw-lb', 'gw-1'],
            ['gw-lb', 'gw-2'],
          ],
        ),
    ],
    [
      'APIM018',
      "a database on a control plane's HTTPS port",
      () =>
        topology(
          [cp(), gw(), db('db', { host: 'cp-1.example.com', port: 9443 })],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
      () =>
        topology(
          [cp(), gw(), db('db', { host: 'cp-1.example.com' })],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
    ],
  ],
  deployment: [
    [
      'APIM019',
      'a gateway not linked to the traffic managers',
      () => clean([tm()], [['tm-1', 'cp-1']]),
      () =>
        clean(
          [tm()],
          [
            ['tm-1', 'cp-1'],
            ['gw-1', 'tm-1'],
          ],
        ),
    ],
    [
      'APIM020',
      'a gateway that hears one of two control planes',
      () => clean([cp('cp-2')], [['cp-2', 'db']]),
      () =>
        clean(
          [cp('cp-2')],
          [
            ['cp-2', 'db'],
            ['gw-1', 'cp-2'],
          ],
        ),
    ],
    [
      'APIM021',
      'two control planes with no load balancer',
      () =>
        clean(
          [cp('cp-2')],
          [
            ['cp-2', 'db'],
            ['gw-1', 'cp-2'],
          ],
        ),
      () => haControlPlane(),
    ],
    ['APIM021', 'two All-in-One nodes with no load balancer', () => bareAllInOnes(['aio-1', 'aio-2']), () => simpleScalable('4.5.0')],
    ['APIM020', 'a gateway hearing one of two All-in-One nodes', () => bareAllInOnes(['aio-1']), () => bareAllInOnes(['aio-1', 'aio-2'])],
    [
      'APIM022',
      'an All-in-One load balancer without sticky sessions',
      () => {
        const t = simpleScalable('4.5.0');
        return { ...t, nodes: t.nodes.map((n) => (n.id === 'aio-lb' ? { ...n, sticky: false } : n)) };
      },
      () => simpleScalable('4.5.0'),
    ],
    [
      'APIM022',
      'a control-plane load balancer without sticky sessions',
      () => haControlPlane({ sticky: false }),
      () => haControlPlane({ sticky: true }),
    ],
    [
      'APIM022',
      'a control-plane load balancer without sticky sessions on VMs (on Kubernetes the charts make the ingress sticky)',
      () => haControlPlane({ sticky: false }),
      () => withSettings(haControlPlane({ sticky: false }), { platform: 'kubernetes' }),
    ],
    [
      'APIM023',
      'two gateways serving one environment with no load balancer',
      () => clean([gw('gw-2')], [['gw-2', 'cp-1']]),
      () =>
        clean(
          [gw('gw-2'), lb('gw-lb')],
          [
            ['gw-2', 'cp-1'],
            ['gw-lb', 'gw-1'],
            ['gw-lb', 'gw-2'],
          ],
        ),
    ],
    [
      'APIM036',
      'gateways behind one load balancer serving different environments',
      () => gatewayCluster(['Production and Sandbox'], ['Production and Sandbox', 'Internal']),
      () => gatewayCluster(['Internal', 'Production and Sandbox'], ['Production and Sandbox', 'Internal']),
    ],
    [
      'APIM036',
      'one member serving the default environment, one another',
      () => gatewayCluster(undefined, ['Internal']),
      () => gatewayCluster(undefined, ['Production and Sandbox']),
    ],
  ],
  databases: [
    [
      'APIM024',
      'two control planes on different databases',
      () =>
        topology(
          [lb('cp-lb'), cp('cp-1'), cp('cp-2'), gw(), db(), db('db-2')],
          [
            ['cp-lb', 'cp-1'],
            ['cp-lb', 'cp-2'],
            ['gw-1', 'cp-lb'],
            ['cp-1', 'db'],
            ['cp-2', 'db-2'],
          ],
        ),
      () => haControlPlane(),
    ],
    [
      'APIM024',
      'a control plane on H2 beside one on a database (no load balancer)',
      () => clean([cp('cp-2')], [['gw-1', 'cp-2']]),
      () =>
        clean(
          [cp('cp-2')],
          [
            ['gw-1', 'cp-2'],
            ['cp-2', 'db'],
          ],
        ),
    ],
    [
      'APIM024',
      'a traffic manager on another apim_db than the control plane',
      () =>
        clean(
          [tm(), db('db-2')],
          [
            ['tm-1', 'cp-1'],
            ['gw-1', 'tm-1'],
            ['tm-1', 'db-2'],
          ],
        ),
      () =>
        clean(
          [tm()],
          [
            ['tm-1', 'cp-1'],
            ['gw-1', 'tm-1'],
          ],
        ),
    ],
    ['APIM025', 'a control plane on H2 in a multi-node topology', () => topology([cp(), gw()], [['gw-1', 'cp-1']]), () => clean()],
  ],
  settings: [
    [
      'APIM038',
      "the seed's CORS headers, without apikey and Internal-Key",
      () =>
        withSettings(clean(), { cors: { allowHeaders: ['authorization', 'Access-Control-Allow-Origin', 'Content-Type', 'SOAPAction'] } }),
      () => withSettings(clean(), { cors: { enabled: false, allowHeaders: ['authorization'] } }),
    ],
    [
      'APIM039',
      'a keystore password with a trailing space',
      () => withSettings(clean(), { keystore: { tls: { ...DEFAULT_KEYSTORE, password: 'secret ' } } }),
      () => withSettings(clean(), { keystore: { tls: { ...DEFAULT_KEYSTORE, password: 'se cret' } } }),
    ],
    [
      'APIM039',
      'a database user with a tab',
      () =>
        topology(
          [cp(), gw(), db('db', { username: 'apim\tuser' })],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
      () => clean(),
    ],
    [
      'APIM039',
      'a truststore file name starting with a space',
      () => withSettings(clean(), { truststore: { fileName: ' trust.jks' } }),
      () => clean(),
    ],
    [
      'APIM040',
      'a database user given as $env{…}',
      () =>
        topology(
          [cp(), gw(), db('db', { username: '$env{DB_USER}' })],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
      () =>
        topology(
          [cp(), gw(), db('db', { password: '$env{DB_PASSWORD}' })],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
    ],
    [
      'APIM040',
      'CORS origins with a ${…} inside',
      () => withSettings(clean(), { cors: { ...topology([]).settings.cors, allowOrigins: 'https://${carbon.host}' } }),
      () => withSettings(clean(), { cors: { ...topology([]).settings.cors, allowOrigins: 'https://portal.example.com' } }),
    ],
    [
      'APIM040',
      'an environment description with $sys{…}',
      () =>
        withSettings(clean(), {
          gatewayEnvironments: [
            { name: 'Default', type: 'hybrid', description: 'for $sys{region}', displayInApiConsole: true, showAsTokenEndpointUrl: true },
          ],
        }),
      () =>
        withSettings(clean(), {
          gatewayEnvironments: [
            { name: 'Default', type: 'hybrid', description: 'for eu-west', displayInApiConsole: true, showAsTokenEndpointUrl: true },
          ],
        }),
    ],
  ],
  versions: [
    [
      'APIM026',
      'API-M 4.5 with no traffic manager',
      () => clean([], [], '4.5.0'),
      () =>
        clean(
          [tm()],
          [
            ['tm-1', 'cp-1'],
            ['gw-1', 'tm-1'],
          ],
          '4.5.0',
        ),
    ],
    ['APIM026', 'API-M 4.5 gateways on All-in-One nodes (Pattern 2)', () => clean([], [], '4.5.0'), () => simpleScalable('4.5.0')],
    [
      'APIM027',
      'OpenSearch analytics before 4.5',
      () => withSettings(clean([], [], '4.4.0'), { analytics: { enabled: true, type: 'opensearch' } }),
      () => withSettings(clean([], [], '4.4.0'), { analytics: { enabled: true, type: 'elk' } }),
    ],
    [
      'APIM027',
      'ELK analytics on 4.1',
      () => withSettings(clean([], [], '4.1.0'), { analytics: { enabled: true, type: 'elk' } }),
      () => withSettings(clean([], [], '4.2.0'), { analytics: { enabled: true, type: 'elk' } }),
    ],
    [
      'APIM027',
      'Moesif analytics on 4.3, which needs an update level',
      () => withSettings(clean([], [], '4.3.0'), { analytics: { enabled: true, type: 'moesif', authToken: 'moesif-app-id' } }),
      () =>
        withSettings(
          clean(
            [tm()],
            [
              ['tm-1', 'cp-1'],
              ['gw-1', 'tm-1'],
            ],
            '4.5.0',
          ),
          { analytics: { enabled: true, type: 'moesif', authToken: 'moesif-app-id' } },
        ),
    ],
    [
      'APIM027',
      'a Gateway ID on 4.5, which reads no gateway_id',
      () => withGatewayIds('4.5.0', 'edge-1', undefined),
      () => withGatewayIds('4.6.0', 'edge-1', undefined),
    ],
    [
      'APIM027',
      'a Moesif base URL on 4.5, whose publisher reads none',
      () =>
        withSettings(withGatewayIds('4.5.0', undefined, undefined), {
          analytics: { enabled: true, type: 'moesif', authToken: 'k', moesifBaseUrl: 'https://moesif.example.com' },
        }),
      () =>
        withSettings(withGatewayIds('4.6.0', undefined, undefined), {
          analytics: { enabled: true, type: 'moesif', authToken: 'k', moesifBaseUrl: 'https://moesif.example.com' },
        }),
    ],
    [
      'APIM027',
      'Choreo analytics on 4.7, deprecated',
      () => withSettings(withGatewayIds('4.7.0', undefined, undefined), { analytics: { enabled: true, type: undefined, authToken: 'k' } }),
      () => withSettings(withGatewayIds('4.7.0', undefined, undefined), { analytics: { enabled: true, type: 'moesif', authToken: 'k' } }),
    ],
    [
      'APIM042',
      'API-M 4.7 without an internal encryption key',
      () => withGatewayIds('4.7.0', undefined, undefined),
      () => withSettings(withGatewayIds('4.7.0', undefined, undefined), { encryptionKey: '$env{WSO2_ENCRYPTION_KEY}' }),
    ],
    [
      'APIM048',
      'a 64-character internal encryption key that is not hexadecimal',
      () => withSettings(withGatewayIds('4.7.0', undefined, undefined), { encryptionKey: 'g'.repeat(64) }),
      () => withSettings(withGatewayIds('4.7.0', undefined, undefined), { encryptionKey: 'a1'.repeat(32) }),
    ],
    [
      'APIM048',
      'an internal encryption key of 20 bytes',
      () => withSettings(withGatewayIds('4.7.0', undefined, undefined), { encryptionKey: 'k'.repeat(20) }),
      () => withSettings(withGatewayIds('4.7.0', undefined, undefined), { encryptionKey: 'k'.repeat(32) }),
    ],
    ['APIM042', 'API-M 4.7 with no API-M node yet', () => withGatewayIds('4.7.0', undefined, undefined), () => topology([], [], '4.7.0')],
    [
      'APIM027',
      'an internal encryption key on 4.6, which encrypts with the primary keystore',
      () => withSettings(withGatewayIds('4.6.0', undefined, undefined), { encryptionKey: '$env{WSO2_ENCRYPTION_KEY}' }),
      () => withSettings(withGatewayIds('4.7.0', undefined, undefined), { encryptionKey: '$env{WSO2_ENCRYPTION_KEY}' }),
    ],
    [
      'APIM041',
      'two gateways registering under one gateway_id',
      () => withGatewayIds('4.6.0', 'edge', 'edge'),
      () => withGatewayIds('4.6.0', 'edge', undefined),
    ],
    [
      'APIM041',
      "a Gateway ID that is another gateway's node id",
      () => withGatewayIds('4.7.0', 'gw-2', undefined),
      () => withGatewayIds('4.5.0', 'gw-2', undefined),
    ],
    [
      'APIM041',
      "a Gateway ID that is an All-in-One's node id, which its own gateway registers under",
      () => withGatewayOverride(simpleScalable('4.7.0'), 'gw-1', 'aio-2'),
      () => withGatewayOverride(simpleScalable('4.7.0'), 'gw-1', 'edge-1'),
    ],
    [
      'APIM028',
      'Moesif analytics without its application id',
      () => withSettings(clean(), { analytics: { enabled: true, type: 'moesif', authToken: '' } }),
      () => withSettings(clean(), { analytics: { enabled: true, type: 'elk', authToken: '' } }),
    ],
    [
      'APIM028',
      'analytics without an auth token',
      () => withSettings(clean(), { analytics: { enabled: true, authToken: '' } }),
      () => withSettings(clean(), { analytics: { enabled: true, authToken: '$env{ANALYTICS_KEY}' } }),
    ],
  ],
  throttling: [
    ['APIM043', 'Redis on API-M 4.5, which reads no distributed throttling', () => withRedisLinks('4.5.0'), () => withRedisLinks('4.6.0')],
    [
      'APIM044',
      'the control plane and the traffic manager on different Redis servers',
      () => withRedisLinks('4.7.0', { 'redis-1': ['cp-1'], 'redis-2': ['tm-1'] }),
      () => withRedisLinks('4.7.0', { 'redis-1': ['cp-1', 'tm-1'] }),
    ],
    [
      'APIM044',
      'a traffic manager linked to two Redis servers',
      () => withRedisLinks('4.7.0', { 'redis-1': ['cp-1', 'tm-1'], 'redis-2': ['tm-1'] }),
      () => withRedisLinks('4.7.0', { 'redis-1': ['cp-1', 'tm-1'], 'redis-2': [] }),
    ],
    [
      'APIM045',
      'the traffic manager on Redis, the control plane counting alone',
      () => withRedisLinks('4.6.0', { 'redis-1': ['tm-1'] }),
      () => withRedisLinks('4.6.0', { 'redis-1': ['tm-1', 'cp-1'] }),
    ],
    [
      'APIM046',
      'a Redis no node uses',
      () => withRedisLinks('4.7.0', { 'redis-1': [] }),
      () => withRedisLinks('4.7.0', { 'redis-1': ['cp-1', 'tm-1'] }),
    ],
  ],
  keyManagers: [
    ['APIM049', 'a Key Manager on API-M 4.2', () => withOneKeyManager('4.2.0'), () => withOneKeyManager('4.3.0')],
    [
      'APIM050',
      'a gateway that validates keys at the control plane while a Key Manager exists',
      () => withOneKeyManager('4.7.0', ['gw-1', 'cp-1']),
      () => withOneKeyManager('4.7.0', ['gw-1', 'gw-2', 'cp-1']),
    ],
    [
      'APIM051',
      'gateways and a control plane linked to two Key Managers that no load balancer joins',
      () => withKeyManager('4.7.0'),
      () => withOneKeyManager('4.7.0'),
    ],
    [
      'APIM010',
      'a Key Manager linked to no control plane',
      // (A control plane linked to the Key Manager is its control plane too: the link is one wire.)
      () => withOneKeyManager('4.7.0', ['gw-1', 'gw-2'], [['km-1', 'db']]),
      () => withOneKeyManager('4.7.0'),
    ],
    [
      'APIM024',
      'a Key Manager on a database of its own',
      () => ({
        ...withOneKeyManager('4.7.0', undefined, [
          ['km-1', 'cp-1'],
          ['km-1', 'db-2'],
        ]),
        nodes: [...withOneKeyManager('4.7.0').nodes, node('database', 'db-2', { host: 'db2.example.com' })],
      }),
      () => withOneKeyManager('4.7.0'),
    ],
  ],
  identityServers: [
    ['APIM054', 'IS 7 on API-M 4.2', () => pattern6('4.2.0'), () => pattern6('4.3.0')],
    [
      'APIM055',
      'a gateway linked to IS 7 as to a resident Key Manager',
      () => withIdentityServer(simpleScalable('4.7.0'), '7.1'),
      () => ({
        ...withIdentityServer(simpleScalable('4.7.0'), '7.1'),
        links: [...simpleScalable('4.7.0').links, { from: 'aio-1', to: 'is-1' }],
      }),
    ],
    [
      'APIM056',
      'IS 5.10 on API-M 4.0',
      () => withIdentityServer(singleAllInOne('4.0.0'), '5.10'),
      () => withIdentityServer(singleAllInOne('4.0.0'), '5.11'),
    ],
    [
      'APIM057',
      'a resident IS whose API-M node keeps shared_db in embedded H2',
      () => withIdentityServer(topology([aio()], [], '4.4.0'), '6.1'),
      () => withIdentityServer(singleAllInOne('4.4.0'), '6.1'),
    ],
    [
      'APIM058',
      'IS 6.1 on the database of API-M 4.7',
      () => withIdentityServer(singleAllInOne('4.7.0'), '6.1'),
      () => withIdentityServer(singleAllInOne('4.6.0'), '6.1'),
    ],
    ['APIM059', 'IS 7 on API-M 4.5, whose handler jar version no doc confirms', () => pattern6('4.5.0'), () => pattern6('4.7.0')],
  ],
  kubernetes: [
    [
      'APIM060',
      'Kubernetes on API-M 4.1, before helm-apim',
      () => k8s('pattern-3-distributed', '4.1.0'),
      () => k8s('pattern-3-distributed', '4.2.0'),
    ],
    [
      'APIM061',
      'three control planes in one release',
      () => {
        const t = k8s('pattern-3-distributed', '4.7.0');
        return {
          ...t,
          nodes: [...t.nodes, cp('cp-3', { host: 'cp3.example.com' })],
          links: [...t.links, { from: 'cp-lb', to: 'cp-3' }, { from: 'cp-3', to: 'db' }],
        };
      },
      () => k8s('pattern-3-distributed', '4.7.0'),
    ],
    [
      'APIM062',
      'gateways of one release serving two environments',
      () => {
        const t = withSettings(k8s('pattern-3-distributed', '4.7.0'), { gatewayEnvironments: TWO_ENVIRONMENTS });
        return { ...t, nodes: t.nodes.map((n) => (n.id === 'gw-2' ? { ...n, labels: ['internal'] } : n)) };
      },
      () => withSettings(k8s('pattern-3-distributed', '4.7.0'), { gatewayEnvironments: TWO_ENVIRONMENTS }),
    ],
    [
      'APIM063',
      'a port offset on Kubernetes',
      () => {
        const t = k8s('pattern-3-distributed', '4.7.0');
        return { ...t, nodes: t.nodes.map((n) => (n.id === 'tm-1' ? { ...n, offset: 2 } : n)) };
      },
      () => k8s('pattern-3-distributed', '4.7.0'),
    ],
    [
      'APIM064',
      'two clusters named as one release',
      () => named(k8s('pattern-3-distributed', '4.7.0'), { 'cp-lb': 'apim', 'gw-lb': 'apim' }),
      () => named(k8s('pattern-3-distributed', '4.7.0'), { 'cp-lb': 'apim', 'gw-lb': 'apim-gateways' }),
    ],
    [
      'APIM064',
      'a release name too long for its Service names',
      () => named(k8s('pattern-3-distributed', '4.7.0'), { 'gw-lb': 'g'.repeat(40) }),
      () => named(k8s('pattern-3-distributed', '4.7.0'), { 'gw-lb': 'g'.repeat(30) }),
    ],
    [
      'APIM065',
      'an All-in-One with a separate Key Manager',
      () => k8s('pattern-5-aio-gw-km', '4.7.0'),
      () => k8s('pattern-2-aio-gw', '4.7.0'),
    ],
    [
      'APIM065',
      'Gateway API on helm-apim 4.4.x',
      () => withSettings(k8s('pattern-3-distributed', '4.4.0'), { kubernetes: { ingress: 'gateway-api' } }),
      () => withSettings(k8s('pattern-3-distributed', '4.4.0'), { kubernetes: { ingress: 'nginx' } }),
    ],
    [
      'APIM067',
      "helm-apim 4.2.x's second control plane without truststore settings",
      () => k8s('ha-cp-gw', '4.2.0'),
      () => k8s('ha-cp-gw', '4.3.0'),
    ],
    [
      'APIM066',
      'passwords helm-apim 4.4.x reads from no Secret',
      () => k8s('pattern-3-distributed', '4.4.0'),
      () => k8s('pattern-3-distributed', '4.6.0'),
    ],
    [
      'APIM073',
      'API key subscription validation, which the 4.3 charts do not write',
      () => k8s('pattern-3-distributed', '4.3.0'),
      () => k8s('pattern-3-distributed', '4.4.0'),
    ],
    [
      'APIM073',
      'a Gateway ID on Kubernetes, where the chart has one for every pod',
      () => withSettings(withGatewayIds('4.6.0', 'edge', undefined), { platform: 'kubernetes' }),
      () => withSettings(withGatewayIds('4.6.0', undefined, undefined), { platform: 'kubernetes' }),
    ],
    [
      'APIM041',
      'two gateways with one Gateway ID on virtual machines (on Kubernetes no gateway_id is written)',
      () => withSettings(withGatewayIds('4.6.0', 'edge', 'edge'), { platform: 'vm' }),
      () => withSettings(withGatewayIds('4.6.0', 'edge', 'edge'), { platform: 'kubernetes' }),
    ],
  ],
  allInOne: [
    ['APIM052', 'an All-in-One beside a control plane', () => clean([aio()], [['aio-1', 'db']], '4.5.0'), () => singleAllInOne('4.5.0')],
    [
      'APIM052',
      'an All-in-One beside a traffic manager',
      () => {
        const t = simpleScalable('4.4.0');
        return { ...t, nodes: [...t.nodes, tm()], links: [...t.links, { from: 'tm-1', to: 'db' }] };
      },
      () => simpleScalable('4.4.0'),
    ],
    [
      'APIM053',
      'a gateway wired to an All-in-One and a control plane',
      () => clean([aio()], [['gw-1', 'aio-1']], '4.5.0'),
      () => clean([aio()], [], '4.5.0'),
    ],
  ],
  hardening: [
    [
      'APIM047',
      'Redis without a password',
      () => withRedisLinks('4.7.0', undefined, { password: '' }),
      () => withRedisLinks('4.7.0', undefined, { password: 'a-long-random-password' }),
    ],
    [
      'APIM032',
      'a Redis password in plain text',
      () =>
        withSettings(withRedisLinks('4.7.0', undefined, { password: 'a-long-random-password' }), { superAdmin: { password: '$env{A}' } }),
      () => withSettings(withRedisLinks('4.7.0'), { superAdmin: { password: '$env{A}' } }),
    ],
    ['APIM029', 'admin / admin', () => clean(), () => withSettings(clean(), { superAdmin: { password: '$env{WSO2_ADMIN_PASSWORD}' } })],
    [
      'APIM030',
      'wso2carbon keystore passwords',
      () => clean(),
      () =>
        withSettings(clean(), {
          keystore: { tls: { fileName: 'tls.p12', type: 'PKCS12', password: '$env{KS}', alias: 'tls', keyPassword: '$env{KS}' } },
          truststore: { password: '$env{TS}' },
        }),
    ],
    [
      'APIM031',
      'the default database password',
      () => clean(),
      () =>
        topology(
          [cp(), gw(), db('db', { password: '$env{DB_PASSWORD}' })],
          [
            ['gw-1', 'cp-1'],
            ['cp-1', 'db'],
          ],
        ),
    ],
    [
      'APIM032',
      'a password in plain text',
      () => withSettings(clean(), { superAdmin: { password: 'S3cure-enough' } }),
      () => withSettings(clean(), { superAdmin: { password: '$env{WSO2_ADMIN_PASSWORD}' } }),
    ],
    [
      'APIM034',
      'a secret left out of a share link',
      () => withSettings(clean(), { superAdmin: { password: '<secret not in link>' } }),
      () => withSettings(clean(), { superAdmin: { password: '$env{WSO2_ADMIN_PASSWORD}' } }),
    ],
    [
      'APIM033',
      'a $secret{…} with no [secrets] table',
      () => withSettings(clean(), { superAdmin: { password: '$secret{admin_password}' } }),
      () => withSettings(clean(), { superAdmin: { password: '$env{WSO2_ADMIN_PASSWORD}' } }),
    ],
  ],
  customToml: [
    [
      'APIM068',
      'custom TOML that does not parse',
      () => clean([], [], '4.0.0', { customToml: '[server\nfoo = 1\n' }),
      () => clean([], [], '4.0.0', { customToml: '[server]\nenable_shutdown_from_api = true\n' }),
    ],
    [
      'APIM069',
      'a misspelled custom key',
      () => clean([], [], '4.0.0', { customToml: '[apim.cache.gateway_token]\nenabel = true\n' }),
      () => clean([], [], '4.0.0', { customToml: '[apim.cache.gateway_token]\nenable = true\n' }),
    ],
    [
      'APIM070',
      'a custom key the designer writes too',
      () => clean([], [], '4.0.0', { customToml: '[server]\nhostname = "other.example.com"\n' }),
      () => clean([], [], '4.0.0', { customToml: '[server]\nhostname = "other.example.com"\n', customTomlOverrides: ['server.hostname'] }),
    ],
    [
      'APIM071',
      'custom TOML on Kubernetes',
      () => withSettings(clean([], [], '4.5.0', { customToml: '[server]\nfoo = 1\n' }), { platform: 'kubernetes' }),
      () => withSettings(clean([], [], '4.5.0', { customToml: '[server]\nfoo = 1\n' }), { platform: 'vm' }),
    ],
  ],
  certificates: [
    [
      'APIM072',
      "a load balancer's certificate that misses the host the gateway calls",
      () => haControlPlane({ certificateNames: ['cp-1.example.com'] }),
      () => haControlPlane({ certificateNames: ['cp-lb.example.com'] }),
    ],
    [
      'APIM072',
      'a wildcard one label short',
      () => haControlPlane({ host: 'portal.cp.example.com', certificateNames: ['*.example.com'] }),
      () => haControlPlane({ host: 'portal.cp.example.com', certificateNames: ['*.cp.example.com'] }),
    ],
    [
      'APIM072',
      'a control plane called by its IP address, with only a host name in its certificate',
      () => ipCp(['cp.example.com']),
      () => ipCp(['cp.example.com', '10.0.0.5']),
    ],
  ],
} satisfies Record<string, RuleCase[]>;

/** A gateway calling a control plane by its IP address, whose certificate carries `names`. */
function ipCp(names: string[]): Topology {
  return topology(
    [cp('cp-1', { host: '10.0.0.5', certificateNames: names }), gw(), db()],
    [
      ['gw-1', 'cp-1'],
      ['cp-1', 'db'],
    ],
  );
}

/**
 * Rules the generator finds, with the files built (src/validate/customToml.ts, certificates.ts: the connection matrix):
 * their rows run generateBundle.
 */
const FILE_RULES = new Set(['APIM068', 'APIM069', 'APIM070', 'APIM072']);

function diagnosticsOf(code: string, t: Topology) {
  return FILE_RULES.has(code) ? generateBundle(t).diagnostics : validate(t);
}

const SEVERITY = new Map(
  (RULES as readonly { code?: string; severity: string }[]).flatMap((r) => (r.code ? [[r.code, r.severity] as const] : [])),
);

/** The two tests of every row: reported (with its table severity, a message, a fix, real nodes), and not. */
export function ruleCases(cases: RuleCase[]): void {
  describe.each(cases)('%s: %s', (code, _name, triggers, passes) => {
    it('is reported when the topology has it', () => {
      const t = triggers();
      const found = diagnosticsOf(code, t).filter((d) => d.code === code);
      expect(found.length).toBeGreaterThan(0);
      const ids = new Set(t.nodes.map((n) => n.id));
      for (const d of found) {
        expect(d.severity).toBe(SEVERITY.get(code));
        expect(d.message.length).toBeGreaterThan(10);
        expect(d.fix).toBeTruthy();
        if (code !== 'APIM002') for (const id of d.nodeIds) expect(ids).toContain(id);
      }
    });
    it('is not reported when it does not', () => {
      expect(diagnosticsOf(code, passes()).map((d) => d.code)).not.toContain(code);
    });
  });
}
