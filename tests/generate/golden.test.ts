/**
 * Golden files: the whole bundle of every example, byte for byte, and of two patterns in every API-M
 * version (tests/golden/versions/<pattern>-<version>/). Each was reviewed against the seed page, WSO2's
 * distributed-deployment docs pages, product-apim default deployment.toml at each tag and WSO2's helm-apim
 * charts before it was committed; a change to one is a change to what
 * users deploy, so review the diff the same way. `npm run golden:update` rewrites them all.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.ts';
import { PRODUCT_VERSIONS, versionFacts } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import type { ExampleName } from '../factories.ts';
import {
  EXAMPLE_FILES,
  loadExample,
  pattern6,
  simpleScalable,
  singleAllInOne,
  withIdentityServer,
  withKeyManagerPair,
  withRedis,
} from '../factories.ts';

const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Writes the bundle under `root` when updating, then checks it byte for byte against `root`. */
function goldenBundle(topology: Topology, root: string, expectedErrors: string[] = []) {
  const bundle = generateBundle(topology);

  if (update) {
    rmSync(root, { recursive: true, force: true });
    for (const file of bundle.files) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.content);
    }
  }

  it('has exactly the golden files', () => {
    const golden = listFiles(root)
      .map((path) => relative(root, path).split('\\').join('/'))
      .sort();
    expect(bundle.files.map((f) => f.path).sort()).toEqual(golden);
  });

  it.each(bundle.files.map((f) => [f.path, f] as const))('%s matches its golden file', (_path, file) => {
    expect(file.content).toBe(readFileSync(join(root, file.path), 'utf8'));
  });

  it(`has ${expectedErrors.length ? `only the errors ${expectedErrors.join(', ')}` : 'no errors'} (its warnings, such as the default passwords, are listed in the golden README)`, () => {
    expect(bundle.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(expectedErrors);
  });
}

describe.each(EXAMPLE_FILES)('golden bundle of %s', (example) => {
  goldenBundle(loadExample(example), join(GOLDEN, example));
});

/** The two patterns issue 6 asks for in every version: separate TM with HA, and HA CP + HA GW. */
const VERSION_PATTERNS: ExampleName[] = ['separate-tm-ha', 'ha-cp-gw'];

/**
 * Errors a pattern has in a version, on purpose: from 4.5 the API Control Plane no longer runs a Traffic
 * Manager, so HA CP + HA GW without one is reported (APIM026) and the golden README lists it.
 */
const EXPECTED_ERRORS: Partial<Record<string, string[]>> = {
  'ha-cp-gw-4.5.0': ['APIM026'],
  'ha-cp-gw-4.6.0': ['APIM026'],
  'ha-cp-gw-4.7.0': ['APIM026'],
};

// The example's own version is its golden bundle above (the same bytes), so it is not kept twice.
describe.each(
  VERSION_PATTERNS.flatMap((pattern) =>
    PRODUCT_VERSIONS.filter((version) => version !== loadExample(pattern).product).map((version) => [pattern, version] as const),
  ),
)('golden bundle of %s on API-M %s', (pattern, version) => {
  const name = `${pattern}-${version}`;
  const example = loadExample(pattern);
  // From 4.7 a topology needs its internal encryption key (APIM042); the examples, written for older versions, have
  // none, so the pattern names it the way helm-apim 4.7.x does from a Kubernetes secret: an environment variable.
  const settings = versionFacts(version).internalEncryptionKey
    ? { ...example.settings, encryptionKey: '$env{WSO2_ENCRYPTION_KEY}' }
    : example.settings;
  goldenBundle({ ...example, product: version, settings }, join(GOLDEN, 'versions', name), EXPECTED_ERRORS[name]);
});

/**
 * Separate TM with HA and Redis distributed throttling (4.6+): the control planes and traffic managers keep their
 * counters in one Redis, and the gateways publish through one loadbalance group. Reviewed against APIM docs 4.6.0
 * 'Configuring Distributed Rate Limiting for an API Gateway Cluster' and helm-apim 4.6.x / 4.7.x
 * distributed/{control-plane,traffic-manager,gateway}/confs with distributedThrottling on.
 */
describe.each(PRODUCT_VERSIONS.filter((version) => versionFacts(version).distributedThrottling))(
  'golden bundle of separate-tm-ha with Redis on API-M %s',
  (version) => {
    const example = loadExample('separate-tm-ha');
    const settings = {
      ...example.settings,
      encryptionKey: versionFacts(version).internalEncryptionKey ? '$env{WSO2_ENCRYPTION_KEY}' : undefined,
    };
    goldenBundle(withRedis({ ...example, product: version, settings }), join(GOLDEN, 'versions', `separate-tm-ha-redis-${version}`));
  },
);

/**
 * Pattern 4 (API Control Plane, Traffic Manager, Gateway and a separate Key Manager): the example on 4.7.0 is its own
 * golden above; here it is on 4.5.0 and on 4.3.0 (the first version with a Key Manager node, the api-key-manager-node
 * profile), and on 4.7.0 with two Key Managers behind a load balancer. Reviewed against helm-apim 4.3.x, 4.5.x and
 * 4.7.x distributed/key-manager/confs/deployment.toml, the gateway and control-plane confs with km.serviceUrl, and the
 * APIM docs 'Distributed Deployment with Key Manager Separated' include (4.3 and 4.5 texts).
 */
describe.each(['4.3.0', '4.5.0'] as const)('golden bundle of pattern-4-km on API-M %s', (version) => {
  const example = loadExample('pattern-4-km');
  const settings = {
    ...example.settings,
    encryptionKey: versionFacts(version).internalEncryptionKey ? example.settings.encryptionKey : undefined,
  };
  goldenBundle({ ...example, product: version, settings }, join(GOLDEN, 'versions', `pattern-4-km-${version}`));
});

describe('golden bundle of pattern-4-km with two Key Managers behind a load balancer on API-M 4.7.0', () => {
  goldenBundle(withKeyManagerPair(loadExample('pattern-4-km')), join(GOLDEN, 'versions', 'pattern-4-km-ha-4.7.0'));
});

/**
 * All-in-One (built from factories, not examples): one All-in-One with its database on the first and the newest
 * version (Pattern 0), and Pattern 2 in HA on 4.5 and 4.7 (two All-in-One nodes behind a load balancer as the control
 * plane, Key Manager and Traffic Manager of two gateways behind another). Reviewed against helm-apim 4.5.x / 4.7.x
 * all-in-one/confs/instance-1/deployment.toml and distributed/gateway/confs/deployment.toml with the Pattern 2 values,
 * APIM docs 4.5.0 'Simple Scalable Setup' and product-apim v4.0.0 / v4.7.0 default deployment.toml.
 */
describe.each(['4.0.0', '4.7.0'] as const)('golden bundle of single-aio on API-M %s', (version) => {
  goldenBundle(singleAllInOne(version), join(GOLDEN, 'versions', `single-aio-${version}`));
});

describe.each(['4.5.0', '4.7.0'] as const)('golden bundle of aio-gw on API-M %s', (version) => {
  goldenBundle(simpleScalable(version), join(GOLDEN, 'versions', `aio-gw-${version}`));
});

/**
 * WSO2 Identity Server as the Key Manager (built from factories): the separate-TM HA example with IS 5.11 as the
 * resident Key Manager on 4.2.0 and IS 6.1 on 4.7.0, and WSO2's Pattern 6 (one All-in-One with IS 7.1 as a third-party
 * Key Manager) on 4.7.0. Reviewed against helm-apim 4.2.x / 4.7.x distributed/{gateway,control-plane,traffic-manager}
 * confs with `iskm.enabled`, APIM docs 4.0.0 'Set up WSO2 Identity Server as a Key Manager', APIM docs 'Configure WSO2
 * IS 6.x as a Key Manager', 'Configure WSO2 IS 7.x as a Key Manager' and APIM docs 4.6.0 / 4.7.0 'Pattern 6'.
 */
describe.each([
  ['4.2.0', '5.11'],
  ['4.7.0', '6.1'],
] as const)('golden bundle of separate-tm-ha with WSO2 IS as the Key Manager on API-M %s (IS %s)', (version, isVersion) => {
  const example = loadExample('separate-tm-ha');
  const settings = {
    ...example.settings,
    encryptionKey: versionFacts(version).internalEncryptionKey ? '$env{WSO2_ENCRYPTION_KEY}' : undefined,
  };
  goldenBundle(
    withIdentityServer({ ...example, product: version, settings }, isVersion),
    join(GOLDEN, 'versions', `separate-tm-ha-is-${isVersion}-${version}`),
  );
});

describe('golden bundle of Pattern 6 (All-in-One with WSO2 IS 7.1 as a third-party Key Manager) on API-M 4.7.0', () => {
  goldenBundle(pattern6('4.7.0'), join(GOLDEN, 'versions', 'pattern-6-is7-4.7.0'));
});

/**
 * The Kubernetes platform: values files for WSO2's Helm charts, the release list and the runbook, for WSO2's
 * Pattern 3 (separate Traffic Manager) and Pattern 4 (with a Key Manager) on 4.5.0 and 4.7.0, and HA control plane +
 * HA gateway on 4.2.0. Reviewed against helm-apim 4.2.x, 4.5.x and 4.7.x: each chart's values.yaml and
 * confs/**\/deployment.toml, and WSO2's sample values (4.5.x docs/am-pattern-3-ACP_TM_GW, docs/am-pattern-4-ACP_TM_GW_KM;
 * 4.7.x resources/am-pattern-3-ACP_TM_GW, resources/am-pattern-4-ACP_TM_GW_KM).
 */
describe.each([
  ['pattern-3-distributed', '4.5.0'],
  ['pattern-3-distributed', '4.7.0'],
  ['pattern-4-km', '4.5.0'],
  ['pattern-4-km', '4.7.0'],
  ['ha-cp-gw', '4.2.0'],
] as const)('golden Kubernetes bundle of %s on API-M %s', (pattern, version) => {
  const example = loadExample(pattern);
  const topology: Topology = { ...example, product: version, settings: { ...example.settings, platform: 'kubernetes' } };
  goldenBundle(topology, join(GOLDEN, 'kubernetes', `${pattern}-${version}`));
});
