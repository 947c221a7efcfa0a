/** Generated files, parsed back and checked key by key: one row per fact the configuration must state. */
import { describe, expect, it } from 'vitest';
import parseToml from '@iarna/toml/parse-string.js';
import type { Topology } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import type { ExampleName } from '../factories.ts';
import { loadExample, node, topology } from '../factories.ts';

function tomlOf(t: Topology, nodeId: string): Record<string, unknown> {
  const file = generateBundle(t).files.find((f) => f.nodeId === nodeId);
  if (!file) throw new Error(`no file for ${nodeId}`);
  return JSON.parse(JSON.stringify(parseToml(file.content)));
}

function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((cursor, key) => {
    if (cursor === undefined || cursor === null) return undefined;
    return /^\d+$/.test(key) ? (cursor as unknown[])[Number(key)] : (cursor as Record<string, unknown>)[key];
  }, value);
}

const examples = new Map<ExampleName, Topology>();
const example = (name: ExampleName) => {
  if (!examples.has(name)) examples.set(name, loadExample(name));
  return examples.get(name)!;
};

describe.each<[ExampleName, string, string, unknown]>([
  // HA control plane + HA gateway (TM inside the control plane)
  ['ha-cp-gw', 'gw-1', 'server.hostname', 'gw.example.com'],
  ['ha-cp-gw', 'gw-1', 'transport.https.properties', { port: 9443, proxyPort: 443 }],
  ['ha-cp-gw', 'gw-1', 'transport.http.properties', { port: 9763, proxyPort: 80 }],
  ['ha-cp-gw', 'gw-1', 'apim.key_manager.service_url', 'https://cp.example.com/services/'],
  ['ha-cp-gw', 'gw-1', 'apim.throttling.service_url', 'https://cp.example.com/services/'],
  ['ha-cp-gw', 'gw-1', 'apim.throttling.throttle_decision_endpoints', ['tcp://cp1.example.com:5672', 'tcp://cp2.example.com:5672']],
  ['ha-cp-gw', 'gw-1', 'apim.throttling.url_group.1.traffic_manager_auth_urls', ['ssl://cp2.example.com:9711']],
  ['ha-cp-gw', 'gw-1', 'apim.event_hub', undefined],
  ['ha-cp-gw', 'gw-1', 'database.shared_db.type', 'h2'],
  ['ha-cp-gw', 'cp-1', 'server.hostname', 'cp.example.com'],
  ['ha-cp-gw', 'cp-1', 'transport.https.properties.proxyPort', 443],
  ['ha-cp-gw', 'cp-1', 'apim.devportal.url', 'https://cp.example.com/devportal'],
  ['ha-cp-gw', 'cp-1', 'apim.throttling.event_duplicate_url', ['tcp://cp2.example.com:5672']],
  ['ha-cp-gw', 'cp-2', 'apim.throttling.event_duplicate_url', ['tcp://cp1.example.com:5672']],
  ['ha-cp-gw', 'cp-1', 'apim.event_hub.event_duplicate_url', undefined],
  [
    'ha-cp-gw',
    'cp-2',
    'apim.event_hub.publish.url_group',
    [
      { urls: ['tcp://cp1.example.com:9611'], auth_urls: ['ssl://cp1.example.com:9711'] },
      { urls: ['tcp://cp2.example.com:9611'], auth_urls: ['ssl://cp2.example.com:9711'] },
    ],
  ],
  ['ha-cp-gw', 'cp-1', 'apim.gateway.environment.0.service_url', 'https://gw.example.com:9443/services/'],
  ['ha-cp-gw', 'cp-1', 'apim.gateway.environment.0.https_endpoint', 'https://gw.example.com'],
  ['ha-cp-gw', 'cp-1', 'apim.gateway.environment.0.wss_endpoint', 'wss://gw.example.com:8099'],
  ['ha-cp-gw', 'cp-1', 'event_listener.0.properties.notification_endpoint', 'https://cp.example.com/internal/data/v1/notify'],
  ['ha-cp-gw', 'cp-1', 'apim.cache_invalidation', { enabled: true, domain: 'control-plane-domain' }],
  ['ha-cp-gw', 'cp-1', 'apim.throttling.service_url', undefined],
  ['ha-cp-gw', 'cp-1', 'database.apim_db.url', 'jdbc:mysql://db.example.com:3306/apim_db?useSSL=true'],
  ['ha-cp-gw', 'cp-1', 'database.apim_db.driver', 'com.mysql.cj.jdbc.Driver'],
  ['seed-sample', 'gw', 'database.shared_db.hostname', 'db.wso2.com'],
  // Separate traffic manager with HA
  ['separate-tm-ha', 'gw-2', 'apim.event_hub.service_url', 'https://cp.example.com/services/'],
  ['separate-tm-ha', 'gw-2', 'apim.event_hub.event_listening_endpoints', ['tcp://cp1.example.com:5672', 'tcp://cp2.example.com:5672']],
  ['separate-tm-ha', 'gw-2', 'apim.throttling.service_url', 'https://tm.example.com/services/'],
  ['separate-tm-ha', 'gw-2', 'apim.throttling.throttle_decision_endpoints', ['tcp://tm1.example.com:5672', 'tcp://tm2.example.com:5672']],
  [
    'separate-tm-ha',
    'gw-2',
    'apim.throttling.url_group',
    [
      { traffic_manager_urls: ['tcp://tm1.example.com:9611'], traffic_manager_auth_urls: ['ssl://tm1.example.com:9711'] },
      { traffic_manager_urls: ['tcp://tm2.example.com:9611'], traffic_manager_auth_urls: ['ssl://tm2.example.com:9711'] },
    ],
  ],
  ['separate-tm-ha', 'tm-1', 'server.hostname', 'tm.example.com'],
  ['separate-tm-ha', 'tm-1', 'apim.throttling.event_duplicate_url', ['tcp://tm2.example.com:5672']],
  ['separate-tm-ha', 'tm-2', 'apim.throttling.event_duplicate_url', ['tcp://tm1.example.com:5672']],
  ['separate-tm-ha', 'tm-1', 'apim.throttling.throttle_decision_endpoints', ['tcp://localhost:5672']],
  ['separate-tm-ha', 'tm-1', 'apim.event_hub.event_listening_endpoints', ['tcp://cp1.example.com:5672', 'tcp://cp2.example.com:5672']],
  ['separate-tm-ha', 'tm-1', 'apim.key_manager.service_url', 'https://cp.example.com/services/'],
  ['separate-tm-ha', 'tm-1', 'user_store.type', 'database_unique_id'],
  ['separate-tm-ha', 'cp-1', 'apim.throttling.service_url', 'https://tm.example.com/services/'],
  ['separate-tm-ha', 'cp-1', 'apim.throttling.throttle_decision_endpoints', undefined],
  ['separate-tm-ha', 'cp-1', 'apim.throttling.event_duplicate_url', ['tcp://cp2.example.com:5672']],
  ['separate-tm-ha', 'cp-1', 'event_listener.0.properties.notification_endpoint', 'https://cp.example.com/internal/data/v1/notify'],
  // Single control plane + gateway
  ['single-cp-gw', 'gw-1', 'apim.key_manager.service_url', 'https://cp.example.com:9443/services/'],
  ['single-cp-gw', 'gw-1', 'apim.throttling.throttle_decision_endpoints', ['tcp://cp.example.com:5672']],
  ['single-cp-gw', 'gw-1', 'transport', undefined],
  ['single-cp-gw', 'cp-1', 'apim.event_hub.event_duplicate_url', undefined],
  ['single-cp-gw', 'cp-1', 'apim.devportal.url', 'https://cp.example.com:9443/devportal'],
  ['single-cp-gw', 'cp-1', 'apim.gateway.environment.0.http_endpoint', 'http://gw.example.com:8280'],
])('%s, %s', (name, nodeId, path, expected) => {
  it(`${path} = ${JSON.stringify(expected)}`, () => {
    expect(at(tomlOf(example(name), nodeId), path)).toEqual(expected);
  });
});

describe('settings switch optional sections on', () => {
  const base = topology(
    [
      node('control-plane', 'cp-1'),
      node('gateway', 'gw-1', { offset: 2 }),
      node('traffic-manager', 'tm-1', { skipRedeployingPolicies: ['p1'] }),
    ],
    [
      ['gw-1', 'cp-1'],
      ['gw-1', 'tm-1'],
      ['tm-1', 'cp-1'],
    ],
  );
  const withSettings = (patch: Partial<Topology['settings']>) => ({ ...base, settings: { ...base.settings, ...patch } });

  it.each<[string, Partial<Topology['settings']>, string, string, unknown]>([
    [
      'JWT',
      { jwt: { ...base.settings.jwt, enabled: true } },
      'gw-1',
      'apim.jwt',
      {
        enable: true,
        encoding: 'base64',
        claim_dialect: 'http://wso2.org/claims',
        header: 'X-JWT-Assertion',
        signing_algorithm: 'SHA256withRSA',
      },
    ],
    ['no JWT by default', {}, 'gw-1', 'apim.jwt', undefined],
    [
      'analytics (4.0 cloud)',
      { analytics: { enabled: true, configEndpoint: 'https://analytics-event-auth.choreo.dev/auth/v1', authToken: 'key' } },
      'gw-1',
      'apim.analytics',
      { enable: true, config_endpoint: 'https://analytics-event-auth.choreo.dev/auth/v1', auth_token: 'key' },
    ],
    ['no CORS', { cors: { ...base.settings.cors, enabled: false } }, 'gw-1', 'apim.cors', undefined],
    [
      'skip list (local_entries, audit S1: carbon-apimgt api-manager.xml.j2)',
      { skipList: { apis: ['a.xml'], endpoints: [], sequences: [], localEntries: ['e.xml'] } },
      'gw-1',
      'apim.sync_runtime_artifacts.gateway.skip_list',
      { apis: ['a.xml'], local_entries: ['e.xml'] },
    ],
    [
      'environments and labels',
      {
        gatewayEnvironments: [
          { name: 'External', type: 'production', description: '', displayInApiConsole: true, showAsTokenEndpointUrl: false },
        ],
      },
      'cp-1',
      'apim.gateway.environment.0.name',
      'External',
    ],
    ['skip_redeploying_policies', {}, 'tm-1', 'apim.throttling.skip_redeploying_policies', ['p1']],
    ['a single TM has no duplicate URL', {}, 'tm-1', 'apim.throttling.event_duplicate_url', undefined],
    [
      'primary keystore',
      {
        keystore: {
          tls: base.settings.keystore.tls,
          primary: { fileName: 'primary.jks', type: 'JKS', password: 'p', alias: 'a', keyPassword: 'p' },
        },
      },
      'cp-1',
      'keystore.primary.file_name',
      'primary.jks',
    ],
  ])('%s', (_name, patch, nodeId, path, expected) => {
    expect(at(tomlOf(withSettings(patch), nodeId), path)).toEqual(expected);
  });
});

describe('databases', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'MySQL 8 (the default): the explicit url and Connector/J 8 driver',
      { engine: 'mysql', port: 3306 },
      { type: 'mysql', url: 'jdbc:mysql://db.example.com:3306/apim_db?useSSL=true', driver: 'com.mysql.cj.jdbc.Driver' },
    ],
    [
      'MySQL 8 on another port and database name',
      { engine: 'mysql', mysqlVersion: '8', port: 3307, apimDbName: 'am' },
      { type: 'mysql', url: 'jdbc:mysql://db.example.com:3307/am?useSSL=true', driver: 'com.mysql.cj.jdbc.Driver' },
    ],
    [
      'MySQL 5.7: the inferred style of the seed',
      { engine: 'mysql', mysqlVersion: '5.7', port: 3306 },
      { type: 'mysql', hostname: 'db.example.com', name: 'apim_db', port: '3306' },
    ],
    ['PostgreSQL is spelled postgre', { engine: 'postgre', port: 5432 }, { type: 'postgre', name: 'apim_db', port: '5432' }],
    ['Oracle uses sid', { engine: 'oracle', port: 1521 }, { type: 'oracle', sid: 'apim_db', port: '1521' }],
    ['a custom name and port', { engine: 'mssql', port: 14330, apimDbName: 'WSO2AM' }, { type: 'mssql', name: 'WSO2AM', port: '14330' }],
  ])('%s', (_name, fields, expected) => {
    const t = topology([node('control-plane', 'cp-1'), node('database', 'db', { host: 'db.example.com', ...fields })], [['cp-1', 'db']]);
    const apimDb = at(tomlOf(t, 'cp-1'), 'database.apim_db') as Record<string, unknown>;
    expect(apimDb).toMatchObject(expected);
    if (fields.engine === 'oracle') expect(apimDb.name).toBeUndefined();
    // One style or the other, never a mix: the inferred keys and the explicit ones exclude each other.
    const explicit = 'url' in expected;
    for (const key of ['hostname', 'port']) expect(key in apimDb).toBe(!explicit);
    expect('driver' in apimDb).toBe(explicit);
  });

  it('names the MySQL driver and creates apim_db in latin1 on MySQL 8 in the runbook', () => {
    const runbookOf = (mysqlVersion: string) =>
      generateBundle(
        topology([node('control-plane', 'cp-1'), node('database', 'db', { host: 'db.example.com', mysqlVersion })], [['cp-1', 'db']]),
      ).files.find((f) => f.kind === 'runbook')!.content;
    const eight = runbookOf('8');
    expect(eight).toContain('MySQL Connector/J 8.0 or later (mysql-connector-j, driver class com.mysql.cj.jdbc.Driver)');
    expect(eight).toContain("-e 'CREATE DATABASE apim_db CHARACTER SET latin1;'");
    expect(eight).toContain("-e 'CREATE DATABASE shared_db;'");
    const old = runbookOf('5.7');
    expect(old).toContain('driver class com.mysql.jdbc.Driver');
    expect(old).toContain("-e 'CREATE DATABASE apim_db;'");
  });

  it('uses embedded H2 with no database linked, keeping AUTO_SERVER on 4.0', () => {
    const toml = tomlOf(topology([node('control-plane', 'cp-1')]), 'cp-1');
    expect(at(toml, 'database.apim_db.url')).toBe('jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE');
    expect(at(toml, 'database.shared_db.url')).toBe('jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE');
  });
});

describe('ports follow offsets', () => {
  it('writes each peer its own offset-adjusted port, never a placeholder', () => {
    const t = topology(
      [node('control-plane', 'cp-1', { host: 'box', offset: 7 }), node('gateway', 'gw-1', { host: 'box', offset: 2 })],
      [['gw-1', 'cp-1']],
    );
    const gw = tomlOf(t, 'gw-1');
    expect(at(gw, 'apim.key_manager.service_url')).toBe('https://box:9450/services/');
    expect(at(gw, 'apim.throttling.throttle_decision_endpoints')).toEqual(['tcp://box:5679']);
    expect(at(gw, 'apim.throttling.url_group.0')).toEqual({
      traffic_manager_urls: ['tcp://box:9618'],
      traffic_manager_auth_urls: ['ssl://box:9718'],
    });
    const cp = tomlOf(t, 'cp-1');
    expect(at(cp, 'apim.event_hub.event_listening_endpoints')).toEqual(['tcp://localhost:5679']);
    expect(at(cp, 'apim.gateway.environment.0')).toMatchObject({
      service_url: 'https://box:9445/services/',
      http_endpoint: 'http://box:8282',
      https_endpoint: 'https://box:8245',
      ws_endpoint: 'ws://box:9101',
      wss_endpoint: 'wss://box:8101',
    });
    for (const file of generateBundle(t).files) expect(file.content).not.toMatch(/\$\{(mgt\.transport|http\.nio|https\.nio)/);
  });
});

describe('MySQL versions side by side', () => {
  it('explains each style once per file, when apim_db and shared_db are on different MySQL versions', () => {
    const t = topology(
      [
        node('control-plane', 'cp-1'),
        node('database', 'db8', { host: 'db8.example.com', databases: ['apim_db'] }),
        node('database', 'db57', { host: 'db57.example.com', databases: ['shared_db'], mysqlVersion: '5.7' }),
      ],
      [
        ['cp-1', 'db8'],
        ['cp-1', 'db57'],
      ],
    );
    const text = generateBundle(t).files.find((f) => f.nodeId === 'cp-1')!.content;
    expect(text.match(/^# MySQL 8: /gm)).toHaveLength(1);
    expect(text.match(/^# MySQL 5\.7: /gm)).toHaveLength(1);
    const toml = tomlOf(t, 'cp-1');
    expect(at(toml, 'database.apim_db.url')).toBe('jdbc:mysql://db8.example.com:3306/apim_db?useSSL=true');
    expect(at(toml, 'database.shared_db.hostname')).toBe('db57.example.com');
  });
});
