/**
 * Every key of every generated values.yaml is a key of its chart (issue 18): Helm ignores a key the chart's values.yaml
 * does not have, so a misspelt or misplaced value would be lost without a word. The chart's keys are the path lists
 * of wso2/helm-apim in tests/fixtures/helm/<branch>/<chart>.paths.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ProductVersion, Topology } from '../../../src/model/index.ts';
import { patternsOf, presetOn } from '../../../src/model/patterns.ts';
import type { ExampleName } from '../../factories.ts';
import { EXAMPLE_FILES, arbitraryTopology, loadExample } from '../../factories.ts';
import type { HelmBundle } from './helmBundle.ts';
import { HELM_VERSIONS, helmBundle, onPlatform } from './helmBundle.ts';
import { chartPaths, keyPathsOf, unknownPaths } from './valuePaths.ts';

/** The helm-apim branch of a product version: `4.5.x` for 4.5.0. */
const branchOf = (version: ProductVersion) => `${version.split('.').slice(0, 2).join('.')}.x`;

/** Each values file's paths that its chart does not have, named by file: `{ 'helm/apim-gw/values.yaml (…)': [paths] }`. */
function strayPaths(t: Topology, helm: HelmBundle): Record<string, string[]> {
  const branch = branchOf(t.product);
  const stray: Record<string, string[]> = {};
  for (const { entry, chartName, values } of helm.releases) {
    const unknown = unknownPaths(values, chartPaths(branch, chartName));
    if (unknown.length) stray[`${entry.values} (${chartName}, helm-apim ${branch})`] = unknown;
  }
  return stray;
}

/** Generates on Kubernetes; undefined when the topology has errors there (what the charts cannot express). */
function generated(t: Topology): HelmBundle | undefined {
  const helm = helmBundle(t);
  if (helm.errors.length > 0) return undefined;
  expect(
    helm.bundle.files.map((f) => f.path),
    'a Kubernetes bundle without errors holds helm/releases.json',
  ).toContain('helm/releases.json');
  expect(helm.releases.length).toBeGreaterThan(0);
  return helm;
}

/**
 * A random topology as one would draw it for Kubernetes: no port offsets (rule APIM063: every pod has its own address),
 * a host per node, and the version's settings as a preset sets them (the 4.7 encryption key).
 */
function forKubernetes(t: Topology): Topology {
  const nodes = t.nodes.map((n) => ('offset' in n ? { ...n, offset: 0, host: `${n.id}.example.com` } : n));
  return presetOn({ ...t, nodes }, t.product, t.name);
}

const examples = HELM_VERSIONS.flatMap((version) => EXAMPLE_FILES.map((name) => [name, version] as [ExampleName, ProductVersion]));
const presets = HELM_VERSIONS.flatMap((version) =>
  patternsOf(version).map(({ pattern, title }) => [title, version, pattern.file.replace(/\.json$/, '') as ExampleName] as const),
);

describe('every generated values.yaml key is a key of its chart', () => {
  it.each(examples)('example %s on %s', (name, version) => {
    const t = onPlatform(loadExample(name), 'kubernetes', version);
    const helm = generated(t);
    if (helm) expect(strayPaths(t, helm)).toEqual({});
  });

  it.each(presets)('preset "%s" on %s', (title, version, file) => {
    const t = { ...onPlatform(loadExample(file), 'kubernetes', version), name: title };
    const helm = generated(t);
    if (helm) expect(strayPaths(t, helm)).toEqual({});
  });

  it("covers WSO2's distributed patterns on every branch that can run them (the cases above are not all skipped)", () => {
    const ok = (name: ExampleName, version: ProductVersion) =>
      generated(onPlatform(loadExample(name), 'kubernetes', version)) !== undefined;
    for (const version of HELM_VERSIONS) expect(ok('pattern-3-distributed', version), `pattern-3-distributed on ${version}`).toBe(true);
    // The control plane runs the traffic manager up to 4.4 (APIM026 from 4.5); a separate Key Manager from helm-apim
    // 4.3.x; two All-in-One instances from 4.5.x.
    for (const version of HELM_VERSIONS.filter((v) => v < '4.5.0')) expect(ok('ha-cp-gw', version), `ha-cp-gw on ${version}`).toBe(true);
    for (const version of HELM_VERSIONS.filter((v) => v >= '4.3.0'))
      expect(ok('pattern-4-km', version), `pattern-4-km on ${version}`).toBe(true);
    for (const version of HELM_VERSIONS.filter((v) => v >= '4.5.0')) {
      expect(ok('pattern-2-aio-gw', version), `pattern-2-aio-gw on ${version}`).toBe(true);
    }
  });

  it('for random topologies', () => {
    let checked = 0;
    fc.assert(
      fc.property(arbitraryTopology, (random) => {
        if (!HELM_VERSIONS.includes(random.product)) return;
        const t = onPlatform(forKubernetes(random), 'kubernetes');
        const helm = generated(t);
        if (!helm) return;
        checked += 1;
        expect(strayPaths(t, helm)).toEqual({});
      }),
      { numRuns: 150 },
    );
    expect(checked, 'random topologies that generate on Kubernetes').toBeGreaterThan(20);
  });
});

describe('the check', () => {
  const known = chartPaths('4.7.x', 'wso2am-universal-gw');

  it('spells paths as the fixtures do: [] for list items, quoted odd segments, lists of scalars and empty maps as leaves', () => {
    const values = {
      wso2: {
        apim: { configurations: { eventhub: { urls: ['a', 'b'] }, gateway: { environments: [{ name: 'x' }, { name: 'y', type: 't' }] } } },
      },
      kubernetes: { ingress: { gateway: { annotations: { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' } } } },
      empty: {},
    };
    expect(keyPathsOf(values).map((k) => k.path)).toEqual([
      'wso2.apim.configurations.eventhub.urls',
      'wso2.apim.configurations.gateway.environments[].name',
      'wso2.apim.configurations.gateway.environments[].type',
      "kubernetes.ingress.gateway.annotations.'nginx.ingress.kubernetes.io/backend-protocol'",
      'empty',
    ]);
  });

  it('rejects a made-up path, a misplaced one and a list of maps where the chart has scalars, and names each', () => {
    const values = {
      wso2: {
        apim: {
          configurations: {
            eventhub: { enabled: true, serviceUrl: 'apim-acp-wso2am-acp-service', urls: ['apim-acp-wso2am-acp-1-service'] },
            throttling: { serviceUrl: 'x', urls: [{ host: 'x' }] },
            km: { serviceName: 'apim-km-wso2am-km-service' },
            madeUp: 'x',
          },
        },
      },
    };
    expect(unknownPaths(values, known)).toEqual([
      'wso2.apim.configurations.throttling.urls[].host',
      'wso2.apim.configurations.km.serviceName',
      'wso2.apim.configurations.madeUp',
    ]);
  });

  it('lets a user fill the maps the chart takes whole (annotations), and accepts an empty value for a map the chart has', () => {
    const values = {
      kubernetes: {
        gatewayAPI: { gateway: { annotations: { 'example.com/team': 'apim' } } },
        ingress: { gateway: { annotations: { 'nginx.ingress.kubernetes.io/affinity': 'cookie' } } },
      },
      wso2: { apim: { configurations: { throttling: {} } } },
    };
    expect(unknownPaths(values, known)).toEqual([]);
  });

  it('fails on a generated file with one stray key, naming the file and the path', () => {
    const t = onPlatform(loadExample('pattern-3-distributed'), 'kubernetes', '4.7.0');
    const helm = generated(t);
    expect(helm).toBeDefined();
    const [first, ...rest] = helm!.releases;
    const spoiled = { ...first!, values: { ...first!.values, wso2: { ...(first!.values.wso2 as object), apimm: { portOffset: 0 } } } };
    expect(strayPaths(t, { ...helm!, releases: [spoiled, ...rest] })).toEqual({
      [`${first!.entry.values} (${first!.chartName}, helm-apim 4.7.x)`]: ['wso2.apimm.portOffset'],
    });
  });
});
