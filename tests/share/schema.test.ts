/** The schema fills what a document leaves out with the model's defaults, which are defined once (model/defaults.ts). */
import { describe, expect, it } from 'vitest';
import type { NodeKind } from '../../src/model/index.ts';
import { DEFAULT_TOPOLOGY_NAME, ENVIRONMENT_DEFAULTS, NODE_KINDS, defaultSettings, newNode } from '../../src/model/index.ts';
import { restoreTopology } from '../../src/share/index.ts';

/** A document with only what has no default: the format, the version, and each node's kind, id and host. */
const sparse = (extra: Record<string, unknown> = {}) => ({
  format: 'apim-topology/1',
  product: '4.5.0',
  nodes: NODE_KINDS.map((kind) => ({ kind, id: `n-${kind}`, host: `n-${kind}.example.com` })),
  ...extra,
});

function restored(document: unknown) {
  const result = restoreTopology(document);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.topology;
}

describe("the schema's defaults are the model's", () => {
  it('a document that leaves them out restores to what a new topology has', () => {
    const topology = restored(sparse());
    expect(topology.name).toBe(DEFAULT_TOPOLOGY_NAME);
    expect(topology.settings).toEqual(defaultSettings());
    expect(topology.links).toEqual([]);
  });

  it.each(NODE_KINDS.map((kind) => [kind]))('a %s node restores to what a new one has', (kind: NodeKind) => {
    const node = restored(sparse()).nodes.find((n) => n.kind === kind);
    const { label: _label, x: _x, y: _y, ...fresh } = newNode(kind, `n-${kind}`);
    expect(node).toMatchObject({ ...fresh, label: `n-${kind}` });
  });

  it('a gateway environment that gives only its name restores to the environment defaults', () => {
    const topology = restored(sparse({ settings: { gatewayEnvironments: [{ name: 'edge' }] } }));
    expect(topology.settings.gatewayEnvironments).toEqual([{ name: 'edge', ...ENVIRONMENT_DEFAULTS }]);
  });

  it('a separate primary keystore that gives nothing restores to the product keystore', () => {
    const topology = restored(sparse({ settings: { keystore: { primary: {} } } }));
    expect(topology.settings.keystore.primary).toEqual(defaultSettings().keystore.tls);
  });
});
