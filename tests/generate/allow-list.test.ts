/**
 * Known keys only (REFERENCE.md §13.5, rule V26): every key of every generated deployment.toml — for the
 * examples and for random topologies of every version and setting — is on the allow-list of §13.4.
 * config-mapper ignores a key no template reads, so a key off the list is a silent misconfiguration.
 */
import fc from 'fast-check';
import parseToml from '@iarna/toml/parse-string.js';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.ts';
import { ANALYTICS_TYPES, DEFAULT_KEYSTORE } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { EXAMPLE_FILES, arbitraryTopology, loadExample } from '../factories.ts';
import { expandBraces, isAllowed, keyPaths } from '../fixtures/allow-list.ts';

/** The key paths of every deployment.toml of a topology that are not on the allow-list. */
function unlisted(t: Topology): string[] {
  const found = new Set<string>();
  for (const file of generateBundle(t).files) {
    if (file.kind !== 'deployment.toml') continue;
    for (const path of keyPaths(parseToml(file.content) as Record<string, unknown>)) {
      if (!isAllowed(path)) found.add(path.join('.'));
    }
  }
  return [...found].sort();
}

/** Random topologies, with the settings the arbitrary leaves at their defaults switched on too. */
const everySetting = fc
  .tuple(arbitraryTopology, fc.boolean(), fc.boolean(), fc.boolean(), fc.option(fc.constantFrom(...ANALYTICS_TYPES), { nil: undefined }))
  .map(([t, skipList, primary, skipPolicies, analyticsType]): Topology => ({
    ...t,
    settings: {
      ...t.settings,
      analytics: analyticsType ? { ...t.settings.analytics, enabled: true, type: analyticsType, authToken: 'key' } : t.settings.analytics,
      skipList: skipList ? { apis: ['a.xml'], endpoints: ['e.xml'], sequences: ['s.xml'], localEntries: ['l.xml'] } : t.settings.skipList,
      keystore: primary ? { ...t.settings.keystore, primary: { ...DEFAULT_KEYSTORE, fileName: 'primary.jks' } } : t.settings.keystore,
    },
    nodes: t.nodes.map((n) => (n.kind === 'traffic-manager' && skipPolicies ? { ...n, skipRedeployingPolicies: ['p1'], nodeIp: '10.0.0.9' } : n)),
  }));

describe('every key the generator emits is on the allow-list (REFERENCE.md §13.4)', () => {
  it.each(EXAMPLE_FILES)('the example %s', (name) => {
    expect(unlisted(loadExample(name))).toEqual([]);
  });

  it('random topologies of every version, with every optional setting', () => {
    fc.assert(
      fc.property(everySetting, (t) => {
        expect(unlisted(t)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the allow-list matcher', () => {
  it.each<[string, boolean]>([
    ['server.hostname', true],
    ['server.hostnme', false],
    ['apim.gateway.environment[*].service_url', true],
    ['apim.gateway.environment.service_url', false],
    ['event_listener[*].properties.header.X-WSO2-KEY-MANAGER', false],
    ['apim.throttling.enable_data_publishing', true],
    ['apim.cache_invalidation.enable', false],
    ['database.apim_db.pool_options.maxActive', true],
    ['apim.sync_runtime_artifacts.gateway.skip_list.local-entries', true],
  ])('%s → %s', (path, allowed) => {
    expect(isAllowed(path.split('.'))).toBe(allowed);
  });

  it('reads a quoted dotted key as one key of a map-style table', () => {
    expect(isAllowed(['event_listener[*]', 'properties', 'header.X-WSO2-KEY-MANAGER'])).toBe(true);
  });

  it('expands alternatives, including ones that contain dots', () => {
    expect(expandBraces('database.{apim_db,local}.{type,pool_options.*}')).toEqual([
      'database.apim_db.type',
      'database.apim_db.pool_options.*',
      'database.local.type',
      'database.local.pool_options.*',
    ]);
  });
});
