/**
 * What changes with the API-M version (issue 6; WSO2 docs per version and product-apim default deployment.toml at
 * each tag, named per row): one row per key
 * that differs between versions, with its value in each of 4.0.0 … 4.7.0 (`ABSENT` = not written),
 * plus rows for the keys that must NOT change (the corrections that hold in every version).
 * The whole files are in tests/golden/versions/; this table says which lines differ, and why.
 */
import { describe, expect, it } from 'vitest';
import parseToml from '@iarna/toml/parse-string.js';
import type { ProductVersion, Settings, Topology } from '../../src/model/index.ts';
import { PRODUCT_VERSIONS, emptyTopology, versionFacts } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { startCommand } from '../../src/generate/runbook.ts';
import { generationContext } from '../../src/generate/context.ts';
import type { ExampleName } from '../factories.ts';
import { loadExample, node, topology } from '../factories.ts';
import { readTopology } from '../../src/share/index.ts';

const ABSENT = undefined;
/** A value per version, 4.0.0 … 4.7.0. */
type Eight = readonly [unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown];
/** The same value in every version. */
const every = (value: unknown): Eight => [value, value, value, value, value, value, value, value];
/** 4.0–4.4 (the API-M profiles) one value, 4.5–4.7 (the component distributions) another. */
const profilesThenComponents = (profiles: unknown, components: unknown): Eight => [
  profiles,
  profiles,
  profiles,
  profiles,
  profiles,
  components,
  components,
  components,
];

/** The topologies the rows read, by name. */
type Pattern = ExampleName | 'single-cp-gw-h2' | 'separate-tm-ha-skip-list' | 'separate-tm-ha-choreo' | 'separate-tm-ha-tm-h2';

function patternTopology(pattern: Pattern, product: ProductVersion): Topology {
  const withSettings = (name: ExampleName, patch: Partial<Settings>): Topology => {
    const t = loadExample(name);
    return { ...t, product, settings: { ...t.settings, ...patch } };
  };
  switch (pattern) {
    case 'single-cp-gw-h2':
      // A control plane with no database linked: its apim_db is the embedded H2.
      return topology([node('control-plane', 'cp-1'), node('gateway', 'gw-1')], [['gw-1', 'cp-1']], product);
    case 'separate-tm-ha-tm-h2': {
      // The traffic managers linked to no database: their apim_db and shared_db are the embedded H2.
      const t = loadExample('separate-tm-ha');
      return { ...t, product, links: t.links.filter((l) => !(l.from.startsWith('tm-') && l.to === 'db')) };
    }
    case 'separate-tm-ha-skip-list':
      return withSettings('separate-tm-ha', { skipList: { apis: [], endpoints: [], sequences: [], localEntries: ['entry.xml'] } });
    case 'separate-tm-ha-choreo':
      return withSettings('separate-tm-ha', {
        analytics: { enabled: true, configEndpoint: 'https://analytics-event-auth.choreo.dev/auth/v1', authToken: '$env{ANALYTICS_KEY}' },
      });
    default:
      return { ...loadExample(pattern), product };
  }
}

const parsed = new Map<string, Map<string, Record<string, unknown>>>();
function tomlOf(pattern: Pattern, product: ProductVersion, nodeId: string): Record<string, unknown> {
  const key = `${pattern} ${product}`;
  if (!parsed.has(key)) {
    const files = new Map<string, Record<string, unknown>>();
    for (const file of generateBundle(patternTopology(pattern, product)).files) {
      if (file.kind === 'deployment.toml') files.set(file.nodeId!, JSON.parse(JSON.stringify(parseToml(file.content))));
    }
    parsed.set(key, files);
  }
  const toml = parsed.get(key)!.get(nodeId);
  if (!toml) throw new Error(`no deployment.toml for ${nodeId} in ${pattern}`);
  return toml;
}

/** `a.b.0.c`: a dotted path; digits index arrays of tables. Keys with dashes (`local-entries`) are plain keys. */
function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((cursor, key) => {
    if (cursor === undefined || cursor === null) return undefined;
    return /^\d+$/.test(key) ? (cursor as unknown[])[Number(key)] : (cursor as Record<string, unknown>)[key];
  }, value);
}

type Row = [path: string, kind: string, pattern: Pattern, nodeId: string, values: Eight, why: string];

// Values in version order: 4.0.0, 4.1.0, 4.2.0, 4.3.0, 4.4.0, 4.5.0, 4.6.0, 4.7.0.
const ROWS: Row[] = [
  // server_role (C13; product-apim resources/conf/infer.json server.server_role at each tag)
  [
    'server.server_role',
    'gateway',
    'separate-tm-ha',
    'gw-1',
    ['gateway-worker', 'gateway-worker', 'gateway-worker', 'gateway-worker', 'gateway-worker', 'default', 'default', 'default'],
    'product-apim v4.5.0–v4.7.0 gateway infer.json: the component distributions define only "default"',
  ],
  [
    'server.server_role',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    ['control-plane', 'control-plane', 'control-plane', 'control-plane', 'control-plane', 'default', 'default', 'default'],
    'C13: product-apim v4.5.0–v4.7.0 infer.json, default only',
  ],
  [
    'server.server_role',
    'traffic-manager',
    'separate-tm-ha',
    'tm-1',
    ['traffic-manager', 'traffic-manager', 'traffic-manager', 'traffic-manager', 'traffic-manager', 'default', 'default', 'default'],
    'C13: product-apim v4.5.0–v4.7.0 infer.json, default only',
  ],
  // Gateway environment (C7; APIM docs 4.0.0 'Configuring a Distributed API-M Deployment'; product-apim default toml)
  [
    'apim.gateway.environment.0.name',
    'control-plane',
    'ha-cp-gw',
    'cp-1',
    ['Production and Sandbox', 'Default', 'Default', 'Default', 'Default', 'Default', 'Default', 'Default'],
    'C7: docs 4.0.0 distributed page name on 4.0, product default toml "Default" from 4.1',
  ],
  [
    'apim.sync_runtime_artifacts.gateway.gateway_labels',
    'gateway',
    'ha-cp-gw',
    'gw-1',
    [['Production and Sandbox'], ['Default'], ['Default'], ['Default'], ['Default'], ['Default'], ['Default'], ['Default']],
    'C7; docs 4.5 TM-separated include, Gateway step 3: must equal the environment name',
  ],
  [
    'apim.gateway.environment.0.provider',
    'control-plane',
    'ha-cp-gw',
    'cp-1',
    [ABSENT, 'wso2', 'wso2', 'wso2', 'wso2', 'wso2', 'wso2', 'wso2'],
    'product-apim v4.1.0 default toml: provider from 4.1',
  ],
  [
    'apim.gateway.environment.0.gateway_type',
    'control-plane',
    'ha-cp-gw',
    'cp-1',
    [ABSENT, ABSENT, ABSENT, 'Regular', 'Regular', 'Regular', 'Regular', 'Regular'],
    'product-apim v4.3.0 default toml: gateway_type from 4.3',
  ],
  // Throttling publishing from the CP to a separate TM (C10; APIM docs 4.0.0 'Configuring a Distributed API-M Deployment')
  [
    'apim.throttling.service_url',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    ['https://tm.example.com/services/', ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT],
    'C10: docs 4.0.0 distributed page, 4.0 only',
  ],
  [
    'apim.throttling.url_group.1.traffic_manager_urls',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    [['tcp://tm2.example.com:9611'], ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT],
    'C10: docs 4.0.0 distributed page, 4.0 only',
  ],
  // Gateway throttling service_url with a separate TM (C15; kubernetes-apim 4.0.x am-pattern-4 gateway ConfigMap)
  [
    'apim.throttling.service_url',
    'gateway',
    'separate-tm-ha',
    'gw-1',
    ['https://tm.example.com/services/', ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT],
    'C15: kubernetes-apim 4.0.x am-pattern-4 gateway, 4.0 only',
  ],
  // Separate TM (C8: APIM docs 4.0.0 distributed TM sample; C9: helm-apim 4.2.x–4.4.x traffic-manager deployment.toml)
  [
    'apim.key_manager.service_url',
    'traffic-manager',
    'separate-tm-ha',
    'tm-1',
    profilesThenComponents('https://cp.example.com/services/', ABSENT),
    'C9: helm-apim 4.2.x–4.4.x traffic-manager toml, 4.0–4.4',
  ],
  [
    'apim.gateway.environment.0.name',
    'traffic-manager',
    'separate-tm-ha',
    'tm-1',
    ['Production and Sandbox', ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT],
    'C8: docs 4.0.0 distributed TM sample, 4.0 only',
  ],
  // Event hub on a gateway when the TM is inside the CP (C17; APIM docs 4.1-4.4 'Configuring a Distributed API-M Deployment')
  [
    'apim.event_hub.event_listening_endpoints',
    'gateway',
    'ha-cp-gw',
    'gw-1',
    [
      ABSENT,
      ABSENT,
      ABSENT,
      ABSENT,
      ABSENT,
      ['tcp://cp1.example.com:5672', 'tcp://cp2.example.com:5672'],
      ['tcp://cp1.example.com:5672', 'tcp://cp2.example.com:5672'],
      ['tcp://cp1.example.com:5672', 'tcp://cp2.example.com:5672'],
    ],
    'C17: docs 4.1-4.4 GW+CP page omit it; docs 4.5 TM-separated include sets it always',
  ],
  // Skip list: one spelling in every version (audit S1; carbon-apimgt api-manager.xml.j2 reads skip_list.local_entries from
  // v9.0.174, API-M 4.0; the seed's local-entries is read by nothing)
  [
    'apim.sync_runtime_artifacts.gateway.skip_list.local_entries',
    'gateway',
    'separate-tm-ha-skip-list',
    'gw-1',
    every(['entry.xml']),
    'S1: carbon-apimgt api-manager.xml.j2 reads local_entries',
  ],
  [
    'apim.sync_runtime_artifacts.gateway.skip_list.local-entries',
    'gateway',
    'separate-tm-ha-skip-list',
    'gw-1',
    every(ABSENT),
    'S1: carbon-apimgt api-manager.xml.j2 reads no local-entries',
  ],
  // Control plane peers and throttling (audit B1: carbon-apimgt v9.0.174 jndi.properties.j2; B2, B3: product-apim v4.0.0
  // jndi2.properties.j2, v4.0.0–v4.2.0 tokenRevokeEventJMSPublisher_2.xml.j2)
  [
    'apim.event_hub.event_duplicate_url',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    [ABSENT, ...every(['tcp://cp2.example.com:5672']).slice(1)] as unknown as Eight,
    'B2: product-apim v4.0.0 jndi2.properties.j2 reads no event-hub copy list',
  ],
  [
    'apim.throttling.event_duplicate_url',
    'control-plane',
    'ha-cp-gw',
    'cp-1',
    [...every(['tcp://cp2.example.com:5672']).slice(0, 3), ...every(ABSENT).slice(3)] as unknown as Eight,
    'B2, B3: product-apim v4.0.0–v4.2.0 tokenRevokeEventJMSPublisher_2.xml.j2',
  ],
  [
    'apim.throttling.throttle_decision_endpoints',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    every(ABSENT),
    'B1: never on a control plane (carbon-apimgt v9.0.174 jndi.properties.j2)',
  ],
  [
    'apim.throttling.service_url',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    ['https://tm.example.com/services/', ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT],
    'C10: docs 4.0.0 distributed page, 4.0 publishes to the TM',
  ],
  // Keys of the product default toml (audit S2: product-apim v4.2.0 / v4.3.0; S4: product-apim v4.5.0 api-control-plane)
  [
    'apim.key_manager.enable_apikey_subscription_validation',
    'gateway',
    'separate-tm-ha',
    'gw-1',
    [ABSENT, ABSENT, true, true, ABSENT, ABSENT, ABSENT, ABSENT],
    'S2: product-apim v4.2.0 / v4.3.0 default toml',
  ],
  [
    'apim.key_manager.enable_apikey_subscription_validation',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    [ABSENT, ABSENT, true, true, ABSENT, ABSENT, ABSENT, ABSENT],
    'S2: product-apim v4.2.0 / v4.3.0 default toml',
  ],
  [
    'apim.gateway_type',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    [
      ABSENT,
      ABSENT,
      ABSENT,
      ABSENT,
      ABSENT,
      'Regular,APK,AWS',
      'Regular,APK,AWS,Azure,Kong,Envoy',
      'Regular,APK,AWS,Azure,Kong,Envoy,APIPlatform',
    ],
    'S4: product-apim v4.5.0, v4.6.0, v4.7.0 api-control-plane deployment.toml',
  ],
  // Non-persistent JWTs on the 4.7 API Control Plane (product-apim v4.7.0 api-control-plane deployment.toml; 4.6 default.json
  // oauth.token_persistence.enable = true); the token_revocation listener stays (its events are the only revocation path).
  [
    'oauth.extensions.token_types.0.issuer',
    'control-plane',
    'separate-tm-ha',
    'cp-2',
    [...every(ABSENT).slice(0, 7), 'org.wso2.is.key.manager.tokenpersistence.issuer.ExtendedJWTTokenIssuer'] as unknown as Eight,
    'product-apim v4.7.0 ACP default toml [[oauth.extensions.token_types]] JWT',
  ],
  [
    'event_listener.0.name',
    'control-plane',
    'separate-tm-ha',
    'cp-2',
    every('org.wso2.is.notification.ApimOauthEventInterceptor'),
    'every version, 4.7 too (apim-km-wso2is ApimOauthEventInterceptor sends every revocation of non-persistent tokens)',
  ],
  // Gateway notification (carbon-apimgt v9.32.147 default.json apim.gateway_notification.gateway_id, GatewayNotifier)
  [
    'apim.gateway_notification.gateway_id',
    'gateway',
    'separate-tm-ha',
    'gw-2',
    [ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, 'gw-2', 'gw-2'],
    '4.6+: one per gateway node, its node id (an empty id is a random UUID at every start)',
  ],
  // Embedded H2 (product-apim v4.2.0 vs v4.3.0 default deployment.toml, H2 url)
  [
    'database.apim_db.url',
    'control-plane',
    'single-cp-gw-h2',
    'cp-1',
    [
      'jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE',
      'jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE',
      'jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE',
      'jdbc:h2:./repository/database/WSO2AM_DB;DB_CLOSE_ON_EXIT=FALSE',
      'jdbc:h2:./repository/database/WSO2AM_DB;DB_CLOSE_ON_EXIT=FALSE',
      'jdbc:h2:./repository/database/WSO2AM_DB;DB_CLOSE_ON_EXIT=FALSE',
      'jdbc:h2:./repository/database/WSO2AM_DB;DB_CLOSE_ON_EXIT=FALSE',
      'jdbc:h2:./repository/database/WSO2AM_DB;DB_CLOSE_ON_EXIT=FALSE',
    ],
    'product-apim v4.3.0 default toml: AUTO_SERVER dropped; v4.7.0 ACP default toml keeps the H2 blocks',
  ],
  // H2 in the gateway's and TM's default.json from 4.7 (product-apim commit dd8ad8f5a; v4.7.0 gateway and
  // traffic-manager default deployment.toml have no [database.*]); the ACP's default toml keeps its H2 blocks.
  [
    'database.shared_db.url',
    'gateway',
    'separate-tm-ha',
    'gw-1',
    [...every('jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE').slice(0, 7), ABSENT] as unknown as Eight,
    'product-apim v4.7.0 gateway default.json database.shared_db (commit dd8ad8f5a)',
  ],
  [
    'database.apim_db.type',
    'traffic-manager',
    'separate-tm-ha-tm-h2',
    'tm-1',
    [...every('h2').slice(0, 7), ABSENT] as unknown as Eight,
    'product-apim v4.7.0 traffic-manager default.json database.apim_db (commit dd8ad8f5a)',
  ],
  ['database.apim_db.type', 'traffic-manager', 'separate-tm-ha', 'tm-1', every('mysql'), 'a linked database is written on every version'],
  // Analytics (APIM docs Choreo 'Configure the API Gateway')
  [
    'apim.analytics.config_endpoint',
    'gateway',
    'separate-tm-ha-choreo',
    'gw-1',
    every('https://analytics-event-auth.choreo.dev/auth/v1'),
    'B5: docs-apim includes/analytics/configure-synapse-gateway.md, every version',
  ],
  [
    'apim.analytics.auth_token',
    'gateway',
    'separate-tm-ha-choreo',
    'gw-1',
    every('$env{ANALYTICS_KEY}'),
    'APIM docs Choreo "Configure the API Gateway": every version',
  ],

  // The same in every version: the corrections of the seed hold from 4.0 (kubernetes-apim 4.0.x advanced/am-pattern-4
  // ConfigMaps: WSO2's corrected model already on 4.0, with the audit B1, B2 fixes).
  [
    'event_listener.0.properties.notification_endpoint',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    every('https://cp.example.com/internal/data/v1/notify'),
    'C5: docs TM-separated page, notify -> CP-LB, never the TM',
  ],
  [
    'apim.cors.allow_headers',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    every(['authorization', 'Access-Control-Allow-Origin', 'Content-Type', 'SOAPAction', 'apikey', 'Internal-Key']),
    'B4: product-apim default toml [apim.cors] allow_headers',
  ],
  [
    'event_handler.0.subscriptions',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    every(['POST_ADD_USER']),
    'B6: product-apim default toml [[event_handler]] userPostSelfRegistration',
  ],
  [
    'service_provider.sp_name_regex',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    every('^[\\sa-zA-Z0-9._-]*$'),
    'S3: product-apim default toml [service_provider] sp_name_regex',
  ],
  [
    'apim.devportal.url',
    'control-plane',
    'single-cp-gw-h2',
    'cp-1',
    every('https://cp-1.example.com:9443/devportal'),
    'S5: helm-apim 4.2.x control-plane toml [apim.devportal] url',
  ],
  [
    'apim.event_hub.publish.url_group.1.urls',
    'control-plane',
    'ha-cp-gw',
    'cp-1',
    every(['tcp://cp2.example.com:9611']),
    'C4: docs TM-separated page, CP HA: one publish.url_group per CP',
  ],
  [
    'apim.event_hub.event_listening_endpoints',
    'gateway',
    'separate-tm-ha',
    'gw-1',
    every(['tcp://cp1.example.com:5672', 'tcp://cp2.example.com:5672']),
    'C2: docs TM-separated page, Gateway: every CP node',
  ],
  [
    'apim.event_hub.event_listening_endpoints',
    'traffic-manager',
    'separate-tm-ha',
    'tm-2',
    every(['tcp://cp1.example.com:5672', 'tcp://cp2.example.com:5672']),
    'C3: docs TM-separated page, TM: every CP node',
  ],
  [
    'apim.gateway.environment.0.service_url',
    'control-plane',
    'separate-tm-ha',
    'cp-1',
    every('https://gw.example.com:9443/services/'),
    'C6: docs TM-separated page, CP environment service_url -> GW-LB',
  ],
  [
    'apim.throttling.event_duplicate_url',
    'traffic-manager',
    'separate-tm-ha',
    'tm-1',
    every(['tcp://tm2.example.com:5672']),
    'docs TM-separated page, TM HA: event_duplicate_url',
  ],
  [
    'user_store.type',
    'traffic-manager',
    'separate-tm-ha',
    'tm-1',
    every('database_unique_id'),
    'C1: product-apim default toml, database_unique_id',
  ],
];

describe('keys that differ by API-M version', () => {
  it.each(ROWS)('%s on the %s (%s, %s)', (path, _kind, pattern, nodeId, values, _why) => {
    const actual = PRODUCT_VERSIONS.map((product) => at(tomlOf(pattern, product, nodeId), path));
    expect(actual).toEqual([...values]);
  });
});

describe("start commands by API-M version (APIM docs 'API-M Profiles'; docs 4.5 TM-separated include, Step 7)", () => {
  const profile = (p: string) => `sh api-manager.sh -Dprofile=${p}`;
  it.each<[string, Eight]>([
    ['gateway', profilesThenComponents(profile('gateway-worker'), 'sh gateway.sh')],
    ['control-plane', profilesThenComponents(profile('control-plane'), 'sh api-cp.sh')],
    ['traffic-manager', profilesThenComponents(profile('traffic-manager'), 'sh traffic-manager.sh')],
  ])('%s', (kind, commands) => {
    const actual = PRODUCT_VERSIONS.map((product) =>
      startCommand(generationContext(patternTopology('separate-tm-ha', product)), kind as 'gateway'),
    );
    expect(actual).toEqual([...commands]);
  });

  it.each(PRODUCT_VERSIONS)('the runbook of %s warns about --optimize only where profiles exist', (product) => {
    const readme = generateBundle(patternTopology('separate-tm-ha', product)).files.find((f) => f.path === 'README.md')!.content;
    const warns = readme.includes('`--optimize` without `--skipConfigOptimization` replaces');
    const profiles = !versionFacts(product).componentDistributions;
    expect(warns).toBe(profiles);
    expect(readme.includes('-Dprofile=')).toBe(profiles);
  });
});

describe("the runbook names WSO2's distributions and pattern (product-apim component READMEs; APIM docs 4.7.0 'Pattern 3: Distributed Setup')", () => {
  const readme = (product: ProductVersion) =>
    generateBundle(patternTopology('separate-tm-ha', product)).files.find((f) => f.path === 'README.md')!.content;

  it.each(PRODUCT_VERSIONS)('%s', (product) => {
    const text = readme(product);
    const components = versionFacts(product).componentDistributions;
    expect(text.includes(`WSO2 Universal Gateway (\`wso2am-universal-gw-${product}.zip\``)).toBe(components);
    expect(text.includes(`WSO2 API Control Plane (\`wso2am-acp-${product}.zip\``)).toBe(components);
    expect(text.includes(`WSO2 Traffic Manager (\`wso2am-tm-${product}.zip\``)).toBe(components);
    expect(text.includes('"Pattern 3: Distributed Setup"')).toBe(product === '4.6.0' || product === '4.7.0');
  });
});

describe('analytics types by API-M version (APIM docs analytics guides: Choreo, ELK, OpenSearch, Moesif)', () => {
  // [type, the versions that publish it as released]; 'update' = only with a WSO2 update level; 'deprecated' = still
  // published, but WSO2 points to another type (Choreo from 4.6: APIM docs 4.6.0 Moesif guide, 4.7.0 analytics).
  it.each<[string, Eight]>([
    ['choreo', ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'deprecated', 'deprecated']],
    ['elk', ['no', 'no', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes']],
    ['opensearch', ['no', 'no', 'no', 'no', 'no', 'yes', 'yes', 'yes']],
    ['moesif', ['no', 'update', 'update', 'update', 'update', 'yes', 'yes', 'yes']],
  ])('%s', (type, support) => {
    const rows = PRODUCT_VERSIONS.map((product) => {
      const t = patternTopology('separate-tm-ha', product);
      const analytics = { ...t.settings.analytics, enabled: true, type: type as 'elk', authToken: '$env{ANALYTICS_KEY}' };
      const bundle = generateBundle({ ...t, settings: { ...t.settings, analytics } });
      const gw = JSON.parse(JSON.stringify(parseToml(bundle.files.find((f) => f.nodeId === 'gw-1')!.content)));
      const flagged = bundle.diagnostics.some((d) => d.code === 'APIM027');
      const written = at(gw, 'apim.analytics') === undefined ? undefined : (at(gw, 'apim.analytics.type') ?? 'choreo');
      return { written, moesifKey: at(gw, 'apim.analytics.properties.moesifKey'), flagged };
    });
    rows.forEach((row, i) => {
      // A type the version does not publish is not written (4.0 reads no `type`): APIM027 says why.
      expect(row.written).toBe(support[i] === 'no' ? undefined : type);
      expect(row.flagged).toBe(support[i] !== 'yes');
      expect(row.moesifKey).toBe(type === 'moesif' && support[i] !== 'no' ? '$env{ANALYTICS_KEY}' : undefined);
    });
  });
});

describe('Moesif from 4.6 (APIM docs 4.6.0 Moesif guide; helm-apim 4.6.x / 4.7.x gateway [apim.analytics.properties])', () => {
  const withMoesif = (product: ProductVersion, moesifBaseUrl?: string) => {
    const t = patternTopology('separate-tm-ha', product);
    const analytics = { ...t.settings.analytics, enabled: true, type: 'moesif' as const, authToken: '$env{MOESIF_KEY}', moesifBaseUrl };
    const bundle = generateBundle({ ...t, settings: { ...t.settings, analytics } });
    const gw = JSON.parse(JSON.stringify(parseToml(bundle.files.find((f) => f.nodeId === 'gw-1')!.content)));
    return { analytics: at(gw, 'apim.analytics'), codes: bundle.diagnostics.map((d) => d.code) };
  };

  it.each(['4.6.0', '4.7.0'] as const)('%s: type moesif, moesifKey, and moesif_base_url when it is set', (product) => {
    expect(withMoesif(product).analytics).toEqual({ enable: true, type: 'moesif', properties: { moesifKey: '$env{MOESIF_KEY}' } });
    const set = withMoesif(product, 'https://moesif.internal.example');
    expect(set.analytics).toEqual({
      enable: true,
      type: 'moesif',
      properties: { moesifKey: '$env{MOESIF_KEY}', moesif_base_url: 'https://moesif.internal.example' },
    });
    expect(set.codes).not.toContain('APIM027');
  });

  it('4.5 reads no moesif_base_url (apim-analytics-publisher v1.2.23): not written, and APIM027 says so', () => {
    const result = withMoesif('4.5.0', 'https://moesif.internal.example');
    expect(result.analytics).toEqual({ enable: true, type: 'moesif', properties: { moesifKey: '$env{MOESIF_KEY}' } });
    expect(result.codes).toContain('APIM027');
  });

  it('a new topology starts on the version’s own default type: Choreo up to 4.5, Moesif from 4.6', () => {
    expect(PRODUCT_VERSIONS.map((v) => emptyTopology(v).settings.analytics.type ?? 'choreo')).toEqual([
      ...every('choreo').slice(0, 6),
      'moesif',
      'moesif',
    ]);
  });
});

describe('the analytics type in a topology file', () => {
  const file = (analytics: Record<string, unknown>) =>
    JSON.stringify({ format: 'apim-topology/1', product: '4.5.0', settings: { analytics }, nodes: [], links: [] });

  it('is optional: absent means the Choreo cloud, and the file stays as it was', () => {
    const result = readTopology(file({ enabled: true }));
    expect(result.ok && result.topology.settings.analytics.type).toBe(undefined);
  });

  it("is read when it is one of WSO2's types", () => {
    const result = readTopology(file({ enabled: true, type: 'opensearch' }));
    expect(result.ok && result.topology.settings.analytics.type).toBe('opensearch');
  });

  it('is refused, naming the field, when it is not', () => {
    const result = readTopology(file({ type: 'splunk' }));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toMatch(/analytics.*type|"splunk"/);
  });
});
