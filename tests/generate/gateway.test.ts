/**
 * The gateway's `[apim.gateway_notification] gateway_id` (4.6+): carbon-apimgt v9.32.147 GatewayNotifier registers a
 * gateway with the control plane under it and turns an empty id into a new random UUID on every start; the docs ask
 * for "a unique identifier for each Gateway node". So: one per gateway node, never per cluster, the same whenever the
 * topology is generated again or its nodes are reordered, and the node's own Gateway ID when it has one.
 */
import fc from 'fast-check';
import parseToml from '@iarna/toml/parse-string.js';
import { describe, expect, it } from 'vitest';
import type { ProductVersion, Topology, TopologyNode } from '../../src/model/index.ts';
import { PRODUCT_VERSIONS, versionFacts } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { arbitraryTopology, loadExample } from '../factories.ts';

/** node id → the gateway_id its file carries (undefined when the file has none). */
function gatewayIds(t: Topology): Map<string, unknown> {
  const ids = new Map<string, unknown>();
  for (const file of generateBundle(t).files) {
    if (file.kind !== 'deployment.toml' || !file.nodeId?.startsWith('gw')) continue;
    const toml = parseToml(file.content) as { apim?: { gateway_notification?: { gateway_id?: unknown } } };
    ids.set(file.nodeId, toml.apim?.gateway_notification?.gateway_id);
  }
  return ids;
}

const onVersion = (product: ProductVersion): Topology => ({ ...loadExample('separate-tm-ha'), product });

describe('gateway_id', () => {
  it.each(PRODUCT_VERSIONS)('on %s: written from 4.6, one per gateway of the cluster behind gw-lb, each its node id', (product) => {
    const ids = gatewayIds(onVersion(product));
    expect([...ids.keys()]).toEqual(['gw-1', 'gw-2']);
    expect([...ids.values()]).toEqual(versionFacts(product).gatewayId ? ['gw-1', 'gw-2'] : [undefined, undefined]);
  });

  it('is the same when the topology is generated again and when its nodes are in another order', () => {
    const t = onVersion('4.7.0');
    const first = gatewayIds(t);
    expect(gatewayIds(t)).toEqual(first);
    const reversed = { ...t, nodes: [...t.nodes].reverse(), links: [...t.links].reverse() };
    expect(Object.fromEntries(gatewayIds(reversed))).toEqual(Object.fromEntries(first));
  });

  it("is the node's Gateway ID when it has one, and only that node's", () => {
    const t = onVersion('4.6.0');
    const nodes = t.nodes.map((n): TopologyNode => (n.kind === 'gateway' && n.id === 'gw-2' ? { ...n, gatewayId: 'edge_eu_02' } : n));
    expect(Object.fromEntries(gatewayIds({ ...t, nodes }))).toEqual({ 'gw-1': 'gw-1', 'gw-2': 'edge_eu_02' });
  });

  it('is distinct across the gateways of any 4.6+ topology, and stable across node orders', () => {
    const newer = PRODUCT_VERSIONS.filter((v) => versionFacts(v).gatewayId);
    fc.assert(
      fc.property(arbitraryTopology, fc.constantFrom(...newer), fc.integer({ min: 0, max: 1000 }), (t, product, seed) => {
        const topology = { ...t, product };
        const ids = gatewayIds(topology);
        const values = [...ids.values()];
        expect(values.every((v) => typeof v === 'string')).toBe(true);
        expect(new Set(values).size).toBe(values.length);
        // Any rotation of the node list gives every node the same id.
        const k = seed % Math.max(1, t.nodes.length);
        const rotated = { ...topology, nodes: [...t.nodes.slice(k), ...t.nodes.slice(0, k)] };
        expect(Object.fromEntries(gatewayIds(rotated))).toEqual(Object.fromEntries(ids));
      }),
      { numRuns: 60 },
    );
  });
});
