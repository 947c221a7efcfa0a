/**
 * Analytics on Kubernetes: the charts that publish API usage (the gateway's, and an all-in-one's with no gateway of
 * its own) get the analytics the virtual-machine files publish, in the values of their branch: Choreo
 * (`wso2.choreoAnalytics`, helm-apim 4.2.x–4.5.x), ELK (`wso2.ELKAnalytics`, 4.3.x+), Moesif (`wso2.moesifAnalytics`,
 * 4.6.x+). Every value is a key of its chart, the key comes from the Secret at install time, and a type the branch has
 * no values for is an error (APIM065) rather than analytics dropped without a word.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnalyticsType, ProductVersion, Topology } from '../../../src/model/index.ts';
import { ANALYTICS_TYPES, versionFacts } from '../../../src/model/index.ts';
import type { ExampleName } from '../../factories.ts';
import { loadExample } from '../../factories.ts';
import { HELM_VERSIONS, helmBundle, onPlatform } from './helmBundle.ts';
import { chartPaths, unknownPaths } from './valuePaths.ts';

const ENDPOINT = 'https://analytics-event-auth.choreo.dev/auth/v1';
const MOESIF = 'https://moesif.example.com';

function withAnalytics(t: Topology, type: AnalyticsType): Topology {
  const analytics = { enabled: true, type, configEndpoint: ENDPOINT, authToken: '$env{ANALYTICS_KEY}', moesifBaseUrl: MOESIF };
  return { ...t, settings: { ...t.settings, analytics } };
}

const branchOf = (version: ProductVersion) => `${version.slice(0, 3)}.x`;

/** The switch of each type in a chart's values (no chart has one for OpenSearch). */
const SWITCHES: Record<AnalyticsType, string> = {
  choreo: 'wso2.choreoAnalytics.enabled',
  elk: 'wso2.ELKAnalytics.enabled',
  moesif: 'wso2.moesifAnalytics.enabled',
  opensearch: 'wso2.openSearchAnalytics.enabled',
};

/** Whether the branch's chart (the one of `charts` it has) has values for the type: read off its path list. */
function chartHas(type: AnalyticsType, version: ProductVersion, charts: readonly string[]): boolean {
  const chart = charts.find((name) =>
    existsSync(fileURLToPath(new URL(`../../fixtures/helm/${branchOf(version)}/${name}.paths`, import.meta.url))),
  );
  if (!chart) throw new Error(`no chart of ${charts.join(' or ')} on ${branchOf(version)}`);
  return chartPaths(branchOf(version), chart).has(SWITCHES[type]);
}

/** The `wso2` values a publishing release must carry, and the install-time value read from the Secret. */
const EXPECTED: Record<Exclude<AnalyticsType, 'opensearch'>, { values: Record<string, unknown>; installed?: string }> = {
  choreo: { values: { choreoAnalytics: { enabled: true, endpoint: ENDPOINT } }, installed: 'wso2.choreoAnalytics.onpremKey' },
  elk: { values: { ELKAnalytics: { enabled: true } } },
  moesif: { values: { moesifAnalytics: { enabled: true, moesif_base_url: MOESIF } }, installed: 'wso2.moesifAnalytics.key' },
};

const PUBLISHERS: [ExampleName, string, string[]][] = [
  ['pattern-3-distributed', 'a gateway release', ['wso2am-gateway', 'wso2am-universal-gw']],
  ['pattern-0-aio', 'an all-in-one release alone', ['am-all-in-one', 'wso2am-all-in-one']],
];

const cases = HELM_VERSIONS.flatMap((version) =>
  ANALYTICS_TYPES.flatMap((type) => PUBLISHERS.map(([example, what, charts]) => [type, version, what, example, charts] as const)),
);

describe('analytics on Kubernetes', () => {
  it.each(cases)('%s on %s: %s', (type, version, _what, example, charts) => {
    const t = withAnalytics(onPlatform(loadExample(example), 'kubernetes', version), type);
    const helm = helmBundle(t);
    const unwritten = helm.errors.filter((d) => d.code === 'APIM065' && d.message.includes('analytics values'));
    const publisher = helm.releases.find((r) => charts.includes(r.chartName));
    const wso2 = (publisher?.values.wso2 ?? {}) as Record<string, unknown>;
    const written = Object.keys(wso2).filter((key) => /analytics/i.test(key));
    if (versionFacts(version).analytics[type] === 'no') {
      // Not published by the version at all: APIM027 says so (as on virtual machines), and the values stay silent.
      expect(unwritten).toEqual([]);
      expect(written).toEqual([]);
      return;
    }
    if (!chartHas(type, version, charts)) {
      expect(unwritten, 'APIM065 names the type the charts cannot publish').toHaveLength(1);
      expect(unwritten[0]!.nodeIds.length).toBeGreaterThan(0);
      expect(written).toEqual([]);
      return;
    }
    expect(helm.errors).toEqual([]);
    expect(publisher, `a ${charts.join(' or ')} release`).toBeDefined();
    const expected = EXPECTED[type as Exclude<AnalyticsType, 'opensearch'>];
    expect(Object.fromEntries(written.map((key) => [key, wso2[key]]))).toEqual(
      type === 'moesif' && !versionFacts(version).moesifBaseUrl ? { moesifAnalytics: { enabled: true } } : expected.values,
    );
    expect(unknownPaths(publisher!.values, chartPaths(branchOf(version), publisher!.chartName))).toEqual([]);
    const readme = helm.bundle.files.find((f) => f.path === 'README.md')!.content;
    if (expected.installed) {
      expect(readme).toContain(`--set-file ${expected.installed}=<(kubectl get secret apim-credentials`);
      expect(readme).toContain('--from-literal=analytics-key=');
      const apim066 = helm.bundle.diagnostics.find((d) => d.code === 'APIM066');
      expect(apim066?.message).toContain('the analytics key');
    } else {
      expect(readme).not.toContain('analytics-key');
    }
    // The key itself is never in a values file: it is read from the Secret.
    for (const file of helm.bundle.files.filter((f) => f.kind === 'helm-values')) expect(file.content).not.toContain('ANALYTICS_KEY');
  });

  it('asks no key of the topology on Kubernetes (APIM028): the runbook reads it into the Secret', () => {
    const empty = (t: Topology): Topology => ({ ...t, settings: { ...t.settings, analytics: { ...t.settings.analytics, authToken: '' } } });
    const base = withAnalytics(loadExample('pattern-3-distributed'), 'moesif');
    const codes = (platform: 'vm' | 'kubernetes') =>
      helmBundle(empty(onPlatform(base, platform, '4.7.0'))).bundle.diagnostics.map((d) => d.code);
    expect(codes('vm')).toContain('APIM028');
    expect(codes('kubernetes')).not.toContain('APIM028');
  });

  it('leaves the all-in-one of gateways silent: its gateways publish', () => {
    const t = withAnalytics(onPlatform(loadExample('pattern-2-aio-gw'), 'kubernetes', '4.7.0'), 'moesif');
    const helm = helmBundle(t);
    expect(helm.errors).toEqual([]);
    const byChart = new Map(helm.releases.map((r) => [r.chartName, r.values.wso2 as Record<string, unknown>]));
    expect(byChart.get('wso2am-all-in-one')?.moesifAnalytics).toBeUndefined();
    expect(byChart.get('wso2am-universal-gw')?.moesifAnalytics).toEqual({ enabled: true, moesif_base_url: MOESIF });
  });
});
