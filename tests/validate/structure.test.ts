import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.ts';
import { validate } from '../../src/validate/index.ts';
import { EXAMPLE_FILES, loadExample, node, topology } from '../factories.ts';

const cpGw = () => [node('control-plane', 'cp-1'), node('gateway', 'gw-1')];
const codes = (t: Topology) => validate(t).map((d) => d.code);

describe.each<[string, string, () => Topology, () => Topology]>([
  ['APIM001', 'a link the rules refuse', () => topology([...cpGw(), node('gateway', 'gw-2')], [['gw-1', 'cp-1'], ['gw-2', 'cp-1'], ['gw-1', 'gw-2']]), () => topology(cpGw(), [['gw-1', 'cp-1']])],
  ['APIM002', 'a link to a missing node', () => topology(cpGw(), [['gw-1', 'cp-1'], ['gw-1', 'ghost']]), () => topology(cpGw(), [['gw-1', 'cp-1']])],
  ['APIM003', 'the same link twice', () => topology(cpGw(), [['gw-1', 'cp-1'], ['cp-1', 'gw-1']]), () => topology(cpGw(), [['gw-1', 'cp-1']])],
  ['APIM004', 'a duplicate id', () => topology([...cpGw(), node('gateway', 'gw-1')], [['gw-1', 'cp-1']]), () => topology(cpGw(), [['gw-1', 'cp-1']])],
  ['APIM005', 'a load balancer that fronts nothing', () => topology([...cpGw(), node('load-balancer', 'lb')], [['gw-1', 'cp-1']]), () => topology(cpGw(), [['gw-1', 'cp-1']])],
  ['APIM006', 'a load balancer that fronts one node', () => topology([...cpGw(), node('load-balancer', 'lb')], [['gw-1', 'cp-1'], ['lb', 'gw-1']]), () => topology([...cpGw(), node('gateway', 'gw-2'), node('load-balancer', 'lb')], [['gw-1', 'cp-1'], ['lb', 'gw-1'], ['lb', 'gw-2']])],
  ['APIM007', 'a load balancer that fronts mixed kinds', () => topology([...cpGw(), node('load-balancer', 'lb')], [['gw-1', 'cp-1'], ['lb', 'gw-1'], ['lb', 'cp-1']]), () => topology(cpGw(), [['gw-1', 'cp-1']])],
  ['APIM008', 'a node fronted by two load balancers', () => topology([...cpGw(), node('gateway', 'gw-2'), node('load-balancer', 'a'), node('load-balancer', 'b')], [['gw-1', 'cp-1'], ['a', 'gw-1'], ['a', 'gw-2'], ['b', 'gw-1'], ['b', 'gw-2']]), () => topology(cpGw(), [['gw-1', 'cp-1']])],
  ['APIM009', 'a node calling the wrong kind of cluster', () => topology([...cpGw(), node('gateway', 'gw-2'), node('gateway', 'gw-3'), node('load-balancer', 'lb')], [['gw-1', 'cp-1'], ['gw-3', 'cp-1'], ['lb', 'gw-2'], ['lb', 'gw-1'], ['gw-3', 'lb']]), () => topology(cpGw(), [['gw-1', 'cp-1']])],
  ['APIM010', 'a gateway with no control plane', () => topology(cpGw()), () => topology(cpGw(), [['gw-1', 'cp-1']])],
  ['APIM011', 'a gateway label with no environment', () => topology([node('control-plane', 'cp-1'), node('gateway', 'gw-1', { labels: ['Internal'] })], [['gw-1', 'cp-1']]), () => topology(cpGw(), [['gw-1', 'cp-1']])],
  ['APIM012', 'an environment no gateway serves', () => ({ ...topology(cpGw(), [['gw-1', 'cp-1']]), settings: { ...topology([]).settings, gatewayEnvironments: [{ name: 'Production and Sandbox', type: 'hybrid', description: '', displayInApiConsole: true, showAsTokenEndpointUrl: true }, { name: 'Internal', type: 'hybrid', description: '', displayInApiConsole: true, showAsTokenEndpointUrl: true }] } }), () => topology(cpGw(), [['gw-1', 'cp-1']])],
  ['APIM013', 'a gateway linked to two separate control planes', () => topology([...cpGw(), node('control-plane', 'cp-2')], [['gw-1', 'cp-1'], ['gw-1', 'cp-2']]), () => topology(cpGw(), [['gw-1', 'cp-1']])],
])('%s: %s', (code, _name, triggers, passes) => {
  it('is reported when the topology has it', () => {
    const found = validate(triggers()).filter((d) => d.code === code);
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      expect(d.message.length).toBeGreaterThan(10);
      expect(d.fix).toBeTruthy();
    }
  });
  it('is not reported when it does not', () => {
    expect(codes(passes())).not.toContain(code);
  });
});

it.each(EXAMPLE_FILES)('the example %s has no problem', (name) => {
  expect(validate(loadExample(name))).toEqual([]);
});

it('lists errors before warnings', () => {
  const t = topology([...cpGw(), node('load-balancer', 'lb')]);
  expect(validate(t).map((d) => d.severity)).toEqual(['error', 'warning']);
});
