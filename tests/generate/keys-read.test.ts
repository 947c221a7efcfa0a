/**
 * Every key the generator emits is one WSO2 reads (issue 12): every key of every generated
 * deployment.toml, for every version, every example and random topologies with every optional setting,
 * is read by that version's distribution for the node (src/model/wso2KeysData.ts; the keys read from
 * the identity framework's templates are KEYS_READ_ELSEWHERE, each with its reason). WSO2's config
 * mapper ignores any other key without a word, so a key off the lists is a setting silently lost.
 */
import fc from 'fast-check';
import parseToml from '@iarna/toml/parse-string.js';
import { describe, expect, it } from 'vitest';
import type { ApimKind, Topology } from '../../src/model/index.ts';
import { ANALYTICS_TYPES, DEFAULT_KEYSTORE, PRODUCT_VERSIONS } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { keyPaths, unreadKeys } from '../../src/validate/index.ts';
import { EXAMPLE_FILES, arbitraryTopology, loadExample, simpleScalable, singleAllInOne, withIdentityServer } from '../factories.ts';

/** `node-id: key` for every key of every deployment.toml of a topology that its version does not read. */
function unread(t: Topology): string[] {
  const kinds = new Map(t.nodes.map((n) => [n.id, n.kind]));
  const found: string[] = [];
  for (const file of generateBundle(t).files) {
    // A WSO2 Identity Server's file is IS's, not API-M's: the API-M key lists do not cover it.
    if (file.kind !== 'deployment.toml' || kinds.get(file.nodeId!) === 'identity-server') continue;
    const paths = keyPaths(parseToml(file.content) as Record<string, unknown>);
    for (const u of unreadKeys(paths, t.product, kinds.get(file.nodeId!) as ApimKind)) found.push(`${file.nodeId}: ${u.key}`);
  }
  return found;
}

/** Random topologies, with the settings the arbitrary leaves at their defaults switched on too. */
const everySetting = fc
  .tuple(
    arbitraryTopology,
    fc.boolean(),
    fc.boolean(),
    fc.boolean(),
    fc.boolean(),
    fc.option(fc.constantFrom(...ANALYTICS_TYPES), { nil: undefined }),
    fc.option(fc.constant('https://moesif.example.com'), { nil: undefined }),
    fc.option(fc.constantFrom('00112233445566778899aabbccddeeff', '$env{WSO2_ENCRYPTION_KEY}'), { nil: undefined }),
  )
  .map(([t, skipList, primary, skipPolicies, vault, analyticsType, moesifBaseUrl, encryptionKey]): Topology => ({
    ...t,
    settings: {
      ...t.settings,
      encryptionKey,
      analytics: analyticsType
        ? { ...t.settings.analytics, enabled: true, type: analyticsType, authToken: 'key', moesifBaseUrl }
        : t.settings.analytics,
      skipList: skipList ? { apis: ['a.xml'], endpoints: ['e.xml'], sequences: ['s.xml'], localEntries: ['l.xml'] } : t.settings.skipList,
      keystore: primary ? { ...t.settings.keystore, primary: { ...DEFAULT_KEYSTORE, fileName: 'primary.jks' } } : t.settings.keystore,
      secureVault: vault,
    },
    nodes: t.nodes.map((n) =>
      n.kind === 'traffic-manager' && skipPolicies ? { ...n, skipRedeployingPolicies: ['p1'], nodeIp: '10.0.0.9' } : n,
    ),
  }));

describe('every key the generator emits is read by its API-M version', () => {
  const cases = EXAMPLE_FILES.flatMap((name) => PRODUCT_VERSIONS.map((version) => [name, version] as const));
  it.each(cases)('the example %s on %s', (name, version) => {
    const t = loadExample(name);
    // With an encryption key, so 4.7's [encryption] key and its [secrets] alias are checked too.
    const settings = { ...t.settings, secureVault: true, encryptionKey: '00112233445566778899aabbccddeeff' };
    expect(unread({ ...t, product: version, settings })).toEqual([]);
  });

  // The All-in-One reads the `aio` list from 4.5 (all-in-one-apim/), the one pack's before; alone (with JWT, analytics
  // and a skip list, which it writes as the gateway) and as the control plane of gateways (Pattern 2).
  it.each(PRODUCT_VERSIONS)('All-in-One topologies on %s', (version) => {
    const single = singleAllInOne(version);
    const settings = {
      ...single.settings,
      secureVault: true,
      jwt: { ...single.settings.jwt, enabled: true },
      analytics: { ...single.settings.analytics, enabled: true, authToken: 'key' },
      cacheInvalidation: { ...single.settings.cacheInvalidation, enabled: true },
      skipList: { apis: ['a.xml'], endpoints: [], sequences: [], localEntries: ['l.xml'] },
    };
    expect(unread({ ...single, settings })).toEqual([]);
    expect(unread({ ...simpleScalable(version), settings })).toEqual([]);
  });

  // WSO2 Identity Server as the Key Manager: the resident tables on gateways, control planes, traffic managers and
  // All-in-One nodes (IS 5.11 and 6.1), and IS 7, which changes no API-M file.
  it.each(PRODUCT_VERSIONS)('Identity Server topologies on %s', (version) => {
    const example = loadExample('separate-tm-ha');
    const settings = { ...example.settings, secureVault: true, encryptionKey: '00112233445566778899aabbccddeeff' };
    for (const isVersion of ['5.11', '6.1', '7.1'] as const) {
      expect(unread(withIdentityServer({ ...example, product: version, settings }, isVersion))).toEqual([]);
      expect(unread(withIdentityServer(singleAllInOne(version), isVersion))).toEqual([]);
      expect(unread(withIdentityServer(simpleScalable(version), isVersion))).toEqual([]);
    }
  });

  it("keeps the API-M key check off WSO2 Identity Server's own file", () => {
    const t = withIdentityServer(singleAllInOne('4.7.0'), '6.1');
    const bundle = generateBundle(t);
    const own = bundle.files.find((f) => f.nodeId === 'is-1');
    // bundle.ts runs the key check (APIM035) on API-M files only.
    expect(own?.content).toContain('[tenant_context.rewrite]');
    expect(bundle.diagnostics.filter((d) => d.code === 'APIM035')).toEqual([]);
    expect(own?.kind).toBe('deployment.toml');
  });

  it('random topologies of every version, with every optional setting', () => {
    fc.assert(
      fc.property(everySetting, (t) => {
        expect(unread(t)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
