/** The Kubernetes plan (issue 18 groundwork): clusters → chart releases, named and counted as helm-apim's charts allow. */
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../../src/model/index.ts';
import { PRODUCT_VERSIONS, buildGraph } from '../../../src/model/index.ts';
import { generationContext } from '../../../src/generate/context.ts';
import { HELM_BRANCHES, chartFullname, planReleases } from '../../../src/generate/helm/releases.ts';
import { loadExample, node, topology, withKeyManagerPair } from '../../factories.ts';

const plan = (t: Topology) => planReleases(generationContext(t, buildGraph(t)));

describe('the Kubernetes plan', () => {
  it("names Services as the charts' fullname helper does", () => {
    expect(chartFullname('apim', 'wso2am-acp')).toBe('apim-wso2am-acp');
    expect(chartFullname('apim-acp', 'wso2am-acp')).toBe('apim-acp-wso2am-acp');
    expect(chartFullname('prod-wso2am-acp', 'wso2am-acp')).toBe('prod-wso2am-acp');
    expect(chartFullname(`${'x'.repeat(60)}-a-b`, 'wso2am-tm')).toHaveLength(62);
  });

  it('has a helm-apim branch from 4.2, with the 4.5+ component charts', () => {
    expect(PRODUCT_VERSIONS.filter((v) => HELM_BRANCHES[v])).toEqual(['4.2.0', '4.3.0', '4.4.0', '4.5.0', '4.6.0', '4.7.0']);
    expect(HELM_BRANCHES['4.4.0']?.charts['control-plane']?.name).toBe('wso2am-cp');
    expect(HELM_BRANCHES['4.5.0']?.charts.gateway?.name).toBe('wso2am-universal-gw');
    expect(HELM_BRANCHES['4.2.0']?.charts['key-manager']).toBeUndefined();
  });

  it('makes Pattern 4 one release per cluster, control plane first, with the instances each chart runs', () => {
    const { releases, problems } = plan(withKeyManagerPair(loadExample('pattern-4-km')));
    expect(problems).toEqual([]);
    expect(releases.map((r) => [r.release, r.chart.name, r.highAvailability, r.replicas])).toEqual([
      ['apim-acp', 'wso2am-acp', true, 2],
      ['apim-km', 'wso2am-km', true, 2],
      ['apim-tm', 'wso2am-tm', true, 2],
      ['apim-gw', 'wso2am-universal-gw', true, 2],
    ]);
  });

  it('says what the charts cannot express: three control planes in one release, no chart before 4.2 or for a 4.2 Key Manager', () => {
    const three = topology(
      [node('load-balancer', 'cp-lb'), node('control-plane', 'cp-1'), node('control-plane', 'cp-2'), node('control-plane', 'cp-3')],
      [
        ['cp-lb', 'cp-1'],
        ['cp-lb', 'cp-2'],
        ['cp-lb', 'cp-3'],
      ],
      '4.7.0',
    );
    expect(plan(three).problems.map((p) => p.message)).toEqual([
      'The wso2am-acp chart runs at most 2 instances per release, and cp-lb has 3 (cp-1, cp-2, cp-3)',
    ]);
    expect(plan({ ...three, product: '4.1.0' }).problems[0]?.message).toContain('WSO2 ships no Helm charts for API-M 4.1.0');
    const km = topology([node('control-plane', 'cp-1'), node('key-manager', 'km-1')], [['km-1', 'cp-1']], '4.2.0');
    expect(plan(km).problems[0]?.message).toBe('helm-apim 4.2.x has no Key Manager chart for km-1');
  });

  it('numbers a second cluster of one kind: apim-gw, apim-gw-2', () => {
    const t = topology(
      [node('control-plane', 'cp-1'), node('gateway', 'gw-1'), node('gateway', 'gw-2')],
      [
        ['gw-1', 'cp-1'],
        ['gw-2', 'cp-1'],
      ],
      '4.7.0',
    );
    expect(plan(t).releases.map((r) => r.release)).toEqual(['apim-acp', 'apim-gw', 'apim-gw-2']);
  });
});
