/**
 * The version table (src/model/versions.ts), one line per fact: the versions where it holds, or which value it has
 * on which versions. Together the lines rebuild every row of the table exactly, so a fact or a version added to the
 * table without its line here fails. The checks at the end are for the compiler: `tsc --noEmit` fails if the
 * table's type ever accepts a version without a row or a row without a fact.
 */
import { describe, expect, it } from 'vitest';
import type { ProductVersion, VersionFacts, VersionTable } from '../../src/model/index.ts';
import { PRODUCT_VERSIONS, VERSION_FACTS, versionFacts } from '../../src/model/index.ts';

/** Versions written short, `'4.1 4.2'`: every version listed by hand, so a new one is a decision on every line. */
function versions(list: string): ProductVersion[] {
  return list.split(' ').map((short) => {
    const version = `${short}.0` as ProductVersion;
    if (!PRODUCT_VERSIONS.includes(version)) throw new Error(`unknown version ${short}`);
    return version;
  });
}

/** Yes/no facts: the versions where each holds (it does not on the others). */
const HOLDS: [fact: string, on: string][] = [
  ['componentDistributions', '4.5 4.6 4.7'],
  ['controlPlaneRunsTrafficManager', '4.0 4.1 4.2 4.3 4.4'],
  ['gatewayWebSocketHealthCheck', '4.1 4.2 4.3 4.4 4.5 4.6 4.7'],
  ['controlPlanePublishesToTrafficManager', '4.0'],
  ['controlPlanePeerKeys.eventHub', '4.1 4.2 4.3 4.4 4.5 4.6 4.7'],
  ['controlPlanePeerKeys.throttling', '4.0 4.1 4.2'],
  ['apikeySubscriptionValidation', '4.2 4.3'],
  ['gatewayThrottlingServiceUrlWithSeparateTm', '4.0'],
  ['trafficManagerKeyManager', '4.0 4.1 4.2 4.3 4.4'],
  ['trafficManagerGatewayEnvironment', '4.0'],
  ['gatewayEventHubAlways', '4.5 4.6 4.7'],
  ['environmentProvider', '4.1 4.2 4.3 4.4 4.5 4.6 4.7'],
  ['environmentGatewayType', '4.3 4.4 4.5 4.6 4.7'],
  ['h2AutoServer', '4.0 4.1 4.2'],
  ['analyticsLogAppenderByHand', '4.0 4.1 4.2'],
  ['moesifBaseUrl', '4.6 4.7'],
  ['gatewayId', '4.6 4.7'],
  ['internalEncryptionKey', '4.7'],
  ['embeddedDatabaseInDefaults', '4.7'],
  ['nonPersistentTokens', '4.7'],
  ['distributedThrottling', '4.6 4.7'],
  ['separateKeyManager', '4.3 4.4 4.5 4.6 4.7'],
  ['identityServer.tokenExchangeKeys', '4.1 4.2 4.3 4.4 4.5 4.6 4.7'],
  ['identityServer.apimIsPlugin', '4.2 4.3 4.4 4.5 4.6 4.7'],
];

const PROFILE = (profile: string) => ({
  script: 'api-manager.sh',
  args: `-Dprofile=${profile}`,
  distribution: 'wso2am',
  product: 'WSO2 API Manager',
});

/** Facts with a value: each value and the versions that have it (every version exactly once per fact). */
const VALUES: [fact: string, value: unknown, on: string][] = [
  ['serverRole.gateway', 'gateway-worker', '4.0 4.1 4.2 4.3 4.4'],
  ['serverRole.gateway', 'default', '4.5 4.6 4.7'],
  ['serverRole.control-plane', 'control-plane', '4.0 4.1 4.2 4.3 4.4'],
  ['serverRole.control-plane', 'default', '4.5 4.6 4.7'],
  ['serverRole.traffic-manager', 'traffic-manager', '4.0 4.1 4.2 4.3 4.4'],
  ['serverRole.traffic-manager', 'default', '4.5 4.6 4.7'],
  // The 4.3/4.4 api-key-manager-node template runs with the control-plane role (product-apim v4.3.0).
  ['serverRole.key-manager', 'api-key-manager-deprecated', '4.0 4.1 4.2'],
  ['serverRole.key-manager', 'control-plane', '4.3 4.4'],
  ['serverRole.key-manager', 'default', '4.5 4.6 4.7'],
  ['start.key-manager', { ...PROFILE('api-key-manager-deprecated'), profileSetup: 'api-key-manager-deprecated' }, '4.0 4.1 4.2'],
  ['start.key-manager', { ...PROFILE('api-key-manager-node'), profileSetup: 'api-key-manager-node' }, '4.3 4.4'],
  [
    'start.key-manager',
    { script: 'key-manager.sh', args: '', distribution: 'wso2am-acp', product: 'WSO2 API Control Plane', profileSetup: 'key-manager' },
    '4.5 4.6 4.7',
  ],
  ['serverRole.all-in-one', 'default', '4.0 4.1 4.2 4.3 4.4 4.5 4.6 4.7'],
  ['start.gateway', PROFILE('gateway-worker'), '4.0 4.1 4.2 4.3 4.4'],
  [
    'start.gateway',
    { script: 'gateway.sh', args: '', distribution: 'wso2am-universal-gw', product: 'WSO2 Universal Gateway' },
    '4.5 4.6 4.7',
  ],
  ['start.control-plane', PROFILE('control-plane'), '4.0 4.1 4.2 4.3 4.4'],
  ['start.control-plane', { script: 'api-cp.sh', args: '', distribution: 'wso2am-acp', product: 'WSO2 API Control Plane' }, '4.5 4.6 4.7'],
  ['start.traffic-manager', PROFILE('traffic-manager'), '4.0 4.1 4.2 4.3 4.4'],
  [
    'start.traffic-manager',
    { script: 'traffic-manager.sh', args: '', distribution: 'wso2am-tm', product: 'WSO2 Traffic Manager' },
    '4.5 4.6 4.7',
  ],
  [
    'start.all-in-one',
    { script: 'api-manager.sh', args: '', distribution: 'wso2am', product: 'WSO2 API Manager' },
    '4.0 4.1 4.2 4.3 4.4 4.5 4.6 4.7',
  ],
  ['defaultEnvironmentName', 'Production and Sandbox', '4.0'],
  ['defaultEnvironmentName', 'Default', '4.1 4.2 4.3 4.4 4.5 4.6 4.7'],
  ['controlPlaneGatewayTypes', undefined, '4.0 4.1 4.2 4.3 4.4'],
  ['controlPlaneGatewayTypes', 'Regular,APK,AWS', '4.5'],
  ['controlPlaneGatewayTypes', 'Regular,APK,AWS,Azure,Kong,Envoy', '4.6'],
  ['controlPlaneGatewayTypes', 'Regular,APK,AWS,Azure,Kong,Envoy,APIPlatform', '4.7'],
  ['analytics.choreo', 'yes', '4.0 4.1 4.2 4.3 4.4 4.5'],
  ['analytics.choreo', 'deprecated', '4.6 4.7'],
  ['analytics.elk', 'no', '4.0 4.1'],
  ['analytics.elk', 'yes', '4.2 4.3 4.4 4.5 4.6 4.7'],
  ['analytics.opensearch', 'no', '4.0 4.1 4.2 4.3 4.4'],
  ['analytics.opensearch', 'yes', '4.5 4.6 4.7'],
  ['analytics.moesif', 'no', '4.0'],
  ['analytics.moesif', 'update', '4.1 4.2 4.3 4.4'],
  ['analytics.moesif', 'yes', '4.5 4.6 4.7'],
  ['defaultAnalyticsType', 'choreo', '4.0 4.1 4.2 4.3 4.4 4.5'],
  ['defaultAnalyticsType', 'moesif', '4.6 4.7'],
  ['distributedPattern', undefined, '4.0 4.1 4.2 4.3 4.4'],
  ['distributedPattern', 'Pattern 3: Distributed Deployment with Gateway and Traffic Manager Separated', '4.5'],
  ['distributedPattern', 'Pattern 3: Distributed Setup', '4.6 4.7'],
  ['keyManagerPattern', undefined, '4.0 4.1 4.2 4.3 4.4'],
  ['keyManagerPattern', 'Pattern 4: Fully Distributed Setup', '4.5 4.6 4.7'],
  // product-apim pom.xml wso2is.km.version / wso2is7.km.version at each tag (4.5+: all-in-one-apim/pom.xml)
  ['identityServer.connector', '1.2.10', '4.0'],
  ['identityServer.connector', '1.4.2', '4.1'],
  ['identityServer.connector', '1.6.8', '4.2'],
  ['identityServer.connector', '1.7.8', '4.3'],
  ['identityServer.connector', '1.7.11', '4.4'],
  ['identityServer.connector', '1.7.12', '4.5'],
  ['identityServer.connector', '1.7.17', '4.6'],
  ['identityServer.connector', '1.8.8', '4.7'],
  ['identityServer.is7Connector', undefined, '4.0 4.1 4.2'],
  ['identityServer.is7Connector', '2.0.2', '4.3'],
  ['identityServer.is7Connector', '2.0.3', '4.4'],
  ['identityServer.is7Connector', '2.0.4', '4.5'],
  ['identityServer.is7Connector', '2.0.8', '4.6'],
  ['identityServer.is7Connector', '2.1.3', '4.7'],
  ['identityServer.is7EventHandler', undefined, '4.0 4.1 4.2 4.3 4.4 4.5 4.6'],
  ['identityServer.is7EventHandler', '2.1.3', '4.7'],
  ['identityServer.residentVersions', ['5.11'], '4.0 4.1'],
  ['identityServer.residentVersions', [], '4.2 4.3'],
  ['identityServer.residentVersions', ['6.0', '6.1'], '4.4 4.5 4.6 4.7'],
  ['identityServer.cipherTransformation', 'RSA/ECB/OAEPwithSHA1andMGF1Padding', '4.0 4.1 4.2 4.3 4.4 4.5 4.6'],
  ['identityServer.cipherTransformation', 'AES/GCM/NoPadding', '4.7'],
];

function factOf(facts: VersionFacts, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], facts);
}

describe('VERSION_FACTS', () => {
  it.each(HOLDS)('%s holds on %s', (fact, on) => {
    const holds = versions(on);
    for (const version of PRODUCT_VERSIONS) expect(factOf(versionFacts(version), fact), version).toBe(holds.includes(version));
  });

  it.each(VALUES)('%s is %j on %s', (fact, value, on) => {
    for (const version of versions(on)) expect(factOf(versionFacts(version), fact), version).toStrictEqual(value);
  });

  it.each(PRODUCT_VERSIONS)('the lines above are the whole %s row, each fact said once', (version) => {
    const rebuilt: Record<string, unknown> = { version };
    const set = (path: string, value: unknown) => {
      const keys = path.split('.');
      let at = rebuilt;
      for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
      const last = keys[keys.length - 1]!;
      expect(Object.hasOwn(at, last), `${path} said twice for ${version}`).toBe(false);
      at[last] = value;
    };
    for (const [fact, on] of HOLDS) set(fact, versions(on).includes(version));
    for (const [fact, value, on] of VALUES) if (versions(on).includes(version)) set(fact, value);
    expect(rebuilt).toStrictEqual({ ...VERSION_FACTS[version] });
  });

  it('has a row for each version, under its own name, and versionFacts reads it', () => {
    expect(Object.keys(VERSION_FACTS)).toEqual([...PRODUCT_VERSIONS]);
    for (const version of PRODUCT_VERSIONS) {
      expect(VERSION_FACTS[version].version).toBe(version);
      expect(versionFacts(version)).toBe(VERSION_FACTS[version]);
    }
  });
});

/**
 * Compile-time checks: each `@ts-expect-error` below must meet the error it names, or `tsc --noEmit` fails with
 * "Unused '@ts-expect-error' directive". A table without a row is what the compiler sees when a version is added
 * to PRODUCT_VERSIONS and the table is not grown.
 */
describe('VersionTable, the type of VERSION_FACTS', () => {
  const accepts = (table: VersionTable) => Object.keys(table).length;
  const without = <T extends object, K extends keyof T>(object: T, key: K) =>
    Object.fromEntries(Object.entries(object).filter(([name]) => name !== key)) as Omit<T, K>;

  it('accepts the table', () => {
    expect(accepts(VERSION_FACTS)).toBe(PRODUCT_VERSIONS.length);
  });

  it('refuses a table without a row for a version', () => {
    const noRow = without(VERSION_FACTS, '4.5.0');
    // @ts-expect-error -- Property '4.5.0' is missing
    expect(accepts(noRow)).toBe(PRODUCT_VERSIONS.length - 1);
  });

  it('refuses a row without a fact', () => {
    const noFact = { ...VERSION_FACTS, '4.5.0': without(VERSION_FACTS['4.5.0'], 'h2AutoServer') };
    // @ts-expect-error -- Property 'h2AutoServer' is missing in the 4.5.0 row
    expect(accepts(noFact)).toBe(PRODUCT_VERSIONS.length);
  });

  it("refuses a version's row under another version", () => {
    const misfiled = { ...VERSION_FACTS, '4.5.0': VERSION_FACTS['4.4.0'] };
    // @ts-expect-error -- the row under 4.5.0 says version 4.4.0
    expect(accepts(misfiled)).toBe(PRODUCT_VERSIONS.length);
  });

  it('has no optional fact, which a row could leave out unnoticed', () => {
    type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
    const noneOptional: [OptionalKeys<VersionFacts>] extends [never] ? true : false = true;
    expect(noneOptional).toBe(true);
  });
});
