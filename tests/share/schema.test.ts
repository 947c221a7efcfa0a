/**
 * The schema fills what a document leaves out with the model's defaults, which are defined once
 * (model/defaults.ts), and what it gives is a Topology: the compiler checks that (`npx tsc --noEmit`
 * type-checks this file; the fixtures at the end prove the check catches a drift).
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { DatabaseNode, GatewayNode, NodeKind, Settings, Topology, TopologyNode } from '../../src/model/index.ts';
import { DEFAULT_TOPOLOGY_NAME, ENVIRONMENT_DEFAULTS, NODE_KINDS, defaultSettings, newNode } from '../../src/model/index.ts';
import { restoreTopology } from '../../src/share/index.ts';
import type { Assert, Exactly } from '../../src/share/schema.ts';
import { settingsSchema, topologySchema } from '../../src/share/schema.ts';

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

// ---- The type check, and fixtures proving it bites (each @ts-expect-error must meet an error) ----

/** What the reader returns is what the schema gives, so this is the check that replaced `as Topology`. */
export type Holds = Assert<Exactly<v.InferOutput<typeof topologySchema>, Topology>>;
export type SettingsHold = Assert<Exactly<v.InferOutput<typeof settingsSchema>, Settings>>;

/** The schema gains a field the type lacks, even an optional one. */
export const extraField = v.strictObject({ ...settingsSchema.entries, audience: v.optional(v.string()) });
// @ts-expect-error a field only the schema has
export type ExtraField = Assert<Exactly<v.InferOutput<typeof extraField>, Settings>>;

/** The schema forgets a default: the field comes out optional where the type requires it. */
const jwt = settingsSchema.entries.jwt.wrapped;
export const forgottenDefault = v.strictObject({
  ...settingsSchema.entries,
  jwt: v.optional(v.strictObject({ ...jwt.entries, header: v.optional(v.string()) }), {}),
});
// @ts-expect-error `header` may be missing from what the schema gives
export type ForgottenDefault = Assert<Exactly<v.InferOutput<typeof forgottenDefault>, Settings>>;

/** A node kind takes a looser value than the type does. */
type LooseEngine = Omit<Topology, 'nodes'> & {
  nodes: (Exclude<TopologyNode, DatabaseNode> | (Omit<DatabaseNode, 'engine'> & { engine: string }))[];
};
// @ts-expect-error any text as a database engine
export type LooseEngineHolds = Assert<Exactly<LooseEngine, Topology>>;

/** A node kind gains an optional field the type does not have: assignable both ways, caught by the keys. */
type ExtraNodeField = Omit<Topology, 'nodes'> & { nodes: (Exclude<TopologyNode, GatewayNode> | (GatewayNode & { weight?: number }))[] };
// @ts-expect-error a gateway field only one side has
export type ExtraNodeFieldHolds = Assert<Exactly<ExtraNodeField, Topology>>;

describe('the schema gives a Topology', () => {
  it('is checked by the compiler, here and in src/share/schema.ts (TopologySchemaGivesTopology)', () => {
    // The checks above are types; at run time the schema's output is what the reader returns.
    const result = restoreTopology(sparse());
    expect(result.ok && v.is(topologySchema, sparse())).toBe(true);
  });
});
