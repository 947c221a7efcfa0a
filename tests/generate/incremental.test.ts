/**
 * Incremental generation (generate/incremental.ts): after any sequence of edits, `update(topology)` deep-equals
 * `generateBundle(topology)`: the same files in the same order, the same diagnostics in the same order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IncrementalGenerator, generateBundle } from '../../src/generate/index.ts';
import type { NodeKind, ProductVersion, Topology, TopologyNode } from '../../src/model/index.ts';
import { NODE_KINDS, PRODUCT_VERSIONS, newNode } from '../../src/model/index.ts';
import { EXAMPLE_FILES, arbitraryTopology, hostileText, loadExample, node, topology, withRedis } from '../factories.ts';
import { benchTopology } from '../bench/topologies.ts';

type Edit =
  | { op: 'field'; at: number; field: string; value: unknown }
  | { op: 'move'; at: number; x: number }
  | { op: 'add'; kind: NodeKind; linkTo: number[] }
  | { op: 'remove'; at: number }
  | { op: 'link'; from: number; to: number }
  | { op: 'unlink'; at: number }
  | { op: 'settings'; secureVault: boolean; corsOrigins: string }
  | { op: 'product'; product: ProductVersion }
  | { op: 'reorder'; at: number };

const CUSTOM_TOML = [
  '[apim.cors]\nallow_origins = "https://a.example.com"',
  '[server]\nhostname = "other"',
  '[transport.https',
  '[a.b]\nc = 1',
];

const fieldEdit = fc.oneof(
  fc.record({ field: fc.constant('label'), value: hostileText }),
  fc.record({ field: fc.constant('host'), value: fc.constantFrom('a.example.com', 'b.example.com', '10.0.0.9', 'x y') }),
  fc.record({ field: fc.constant('offset'), value: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ field: fc.constant('nodeIp'), value: fc.constantFrom(undefined, '10.1.1.1', '127.0.0.1') }),
  fc.record({ field: fc.constant('customToml'), value: fc.constantFrom(undefined, ...CUSTOM_TOML) }),
  fc.record({
    field: fc.constant('customTomlOverrides'),
    value: fc.constantFrom(undefined, ['apim.cors.allow_origins'], ['server.hostname']),
  }),
  fc.record({ field: fc.constant('labels'), value: fc.constantFrom(undefined, [], ['Default'], ['env-1', 'other']) }),
  fc.record({ field: fc.constant('id'), value: fc.constantFrom('renamed', 'gw-1', 'Bad Id') }),
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ op: fc.constant('field' as const), at: fc.nat(), field: fc.constant(''), value: fc.constant(null) })
      .chain((e) => fieldEdit.map((f) => ({ ...e, ...f }))),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('move' as const), at: fc.nat(), x: fc.integer({ min: -500, max: 500 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      kind: fc.constantFrom(...NODE_KINDS),
      linkTo: fc.array(fc.nat(), { maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('link' as const), from: fc.nat(), to: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('unlink' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('settings' as const),
      secureVault: fc.boolean(),
      corsOrigins: fc.constantFrom('*', 'https://x.example.com'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('product' as const), product: fc.constantFrom(...PRODUCT_VERSIONS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reorder' as const), at: fc.nat() }) },
);

let added = 0;

/** The topology after an edit, as the store makes it: a new object for what changed, the same for the rest. */
function apply(t: Topology, e: Edit): Topology {
  const pick = (at: number) => t.nodes[at % Math.max(1, t.nodes.length)];
  switch (e.op) {
    case 'field': {
      const target = pick(e.at);
      if (!target) return t;
      if (e.field === 'id') {
        const id = e.value as string;
        return {
          ...t,
          nodes: t.nodes.map((n) => (n === target ? ({ ...n, id } as TopologyNode) : n)),
          links: t.links.map((l) =>
            l.from === target.id || l.to === target.id
              ? { from: l.from === target.id ? id : l.from, to: l.to === target.id ? id : l.to }
              : l,
          ),
        };
      }
      // An undefined value leaves the field out, as the store does.
      const changed = Object.fromEntries(
        Object.entries({ ...target, [e.field]: e.value }).filter(([, v]) => v !== undefined),
      ) as unknown as TopologyNode;
      return { ...t, nodes: t.nodes.map((n) => (n === target ? changed : n)) };
    }
    case 'move': {
      const target = pick(e.at);
      return target ? { ...t, nodes: t.nodes.map((n) => (n === target ? { ...n, x: e.x } : n)) } : t;
    }
    case 'add': {
      const id = `new-${++added}`;
      const nodes = [...t.nodes, { ...newNode(e.kind, id), host: `${id}.example.com` } as TopologyNode];
      const links = [...t.links, ...e.linkTo.map((at) => ({ from: id, to: nodes[at % nodes.length]!.id }))];
      return { ...t, nodes, links };
    }
    case 'remove': {
      const target = pick(e.at);
      if (!target) return t;
      return { ...t, nodes: t.nodes.filter((n) => n !== target), links: t.links.filter((l) => l.from !== target.id && l.to !== target.id) };
    }
    case 'link': {
      const [from, to] = [pick(e.from), pick(e.to)];
      return from && to ? { ...t, links: [...t.links, { from: from.id, to: to.id }] } : t;
    }
    case 'unlink':
      return t.links.length ? { ...t, links: t.links.filter((_, i) => i !== e.at % t.links.length) } : t;
    case 'settings':
      return { ...t, settings: { ...t.settings, secureVault: e.secureVault, cors: { ...t.settings.cors, allowOrigins: e.corsOrigins } } };
    case 'product':
      return { ...t, product: e.product };
    case 'reorder': {
      if (t.nodes.length < 2) return t;
      const i = e.at % (t.nodes.length - 1);
      const nodes = [...t.nodes];
      [nodes[i], nodes[i + 1]] = [nodes[i + 1]!, nodes[i]!];
      return { ...t, nodes };
    }
  }
}

/** A deep copy, as the worker receives it (a structured clone): no object is shared with the previous topology. */
const cloned = (t: Topology): Topology => structuredClone(t);

function holds(start: Topology, edits: Edit[], clone: boolean): void {
  const generator = new IncrementalGenerator();
  let t = start;
  expect(generator.update(clone ? cloned(t) : t)).toEqual(generateBundle(t));
  for (const e of edits) {
    t = apply(t, e);
    expect(generator.update(clone ? cloned(t) : t), JSON.stringify(e)).toEqual(generateBundle(t));
  }
}

const examples = EXAMPLE_FILES.map((name) => loadExample(name));

describe('IncrementalGenerator', () => {
  it('equals generateBundle after any sequence of edits, on random topologies', () => {
    fc.assert(
      fc.property(arbitraryTopology, fc.array(edit, { minLength: 1, maxLength: 6 }), fc.boolean(), (t, edits, clone) =>
        holds(t, edits, clone),
      ),
      { numRuns: 120 },
    );
  });

  it('equals generateBundle after any sequence of edits, on the examples and a Redis estate', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples, withRedis(examples[3]!)), fc.array(edit, { minLength: 1, maxLength: 6 }), (t, edits) =>
        holds(t, edits, true),
      ),
      { numRuns: 120 },
    );
  });

  it('writes again the nginx.conf of a second load balancer in front of an edited node', () => {
    const t = topology(
      [node('control-plane', 'cp-1'), node('control-plane', 'cp-2'), node('load-balancer', 'cp-lb'), node('load-balancer', 'lb-2')],
      [
        ['cp-lb', 'cp-1'],
        ['cp-lb', 'cp-2'],
        ['lb-2', 'cp-1'],
      ],
    );
    const generator = new IncrementalGenerator();
    generator.update(t);
    const edited = apply(t, { op: 'field', at: 0, field: 'host', value: 'moved.example.com' });
    const bundle = generator.update(edited);
    expect(bundle.files.find((f) => f.path === 'load-balancers/lb-2/nginx.conf')?.content).toContain('moved.example.com');
    expect(bundle).toEqual(generateBundle(edited));
  });

  it('writes again the file of a gateway that calls a second load balancer in front of an edited node', () => {
    const t = topology(
      [node('control-plane', 'cp-1'), node('control-plane', 'cp-2'), node('load-balancer', 'cp-lb'), node('load-balancer', 'lb-2')],
      [
        ['cp-lb', 'cp-1'],
        ['cp-lb', 'cp-2'],
        ['lb-2', 'cp-1'],
      ],
    );
    const wired = { ...t, nodes: [...t.nodes, node('gateway', 'gw-1')], links: [...t.links, { from: 'gw-1', to: 'lb-2' }] };
    const generator = new IncrementalGenerator();
    generator.update(wired);
    const edited = apply(wired, { op: 'field', at: 0, field: 'host', value: 'moved.example.com' });
    const bundle = generator.update(edited);
    expect(bundle.files.find((f) => f.nodeId === 'gw-1')?.content).toContain('moved.example.com');
    expect(bundle).toEqual(generateBundle(edited));
  });

  it('writes again the files of a cluster whose load balancer also fronts an edited node of another cluster', () => {
    const t = topology(
      [
        node('all-in-one', 'aio-1'),
        node('all-in-one', 'aio-2'),
        node('gateway', 'gw-1'),
        node('gateway', 'gw-2'),
        node('load-balancer', 'cp-lb'),
        node('load-balancer', 'gw-lb'),
      ],
      [
        ['cp-lb', 'aio-1'],
        ['cp-lb', 'aio-2'],
        ['gw-lb', 'gw-1'],
        ['gw-lb', 'gw-2'],
        ['gw-1', 'cp-lb'],
        ['gw-2', 'cp-lb'],
        ['gw-lb', 'aio-2'],
      ],
    );
    const generator = new IncrementalGenerator();
    generator.update(t);
    const edited = apply(t, { op: 'field', at: 1, field: 'host', value: 'moved.example.com' });
    expect(generator.update(edited)).toEqual(generateBundle(edited));
  });

  it('writes again the files of the members of a load balancer fronting two kinds that read an edited node', () => {
    // cp-lb fronts gw-1 as well as cp-1 and cp-2 (APIM-reported): its one cluster takes gw-1's kind, so the control
    // planes that call km-1 are not among the clusters of their kind wired to it. Found by the property test above.
    const t = loadExample('pattern-4-km');
    const generator = new IncrementalGenerator();
    const mixed = { ...t, links: [...t.links, { from: 'cp-lb', to: 'gw-1' }] };
    generator.update(mixed);
    const edited = { ...mixed, nodes: mixed.nodes.map((n) => (n.id === 'km-1' ? { ...n, offset: 1 } : n)) };
    const bundle = generator.update(edited);
    expect(bundle.files.find((f) => f.path === 'nodes/cp-1/repository/conf/deployment.toml')?.content).toContain('km1.example.com:9444');
    expect(bundle).toEqual(generateBundle(edited));
  });

  it('writes again only the files an edit can affect', () => {
    const t = benchTopology(300);
    const generator = new IncrementalGenerator();
    generator.update(t);
    const all = generator.written;
    const at = t.nodes.findIndex((n) => n.id === 'gw-3-2');
    // A gateway's offset: its cluster (4 gateways), its load balancer, and the wired control planes and traffic managers.
    const offset = apply(t, { op: 'field', at, field: 'offset', value: 3 });
    const byOffset = generator.update(offset);
    expect(byOffset).toEqual(generateBundle(offset));
    expect(generator.written).toBeLessThan(all / 10);
    expect(generator.written).toBeGreaterThanOrEqual(4);
    expect(generator.networkKept).toBe(false);
    // Its label: its own file and its load balancer's nginx.conf, which names its upstream members by label. The
    // connections and certificates do not read labels: network.md and network.csv are the files they were.
    const edited = apply(offset, { op: 'field', at, field: 'label', value: 'Gateway 3.2' });
    const byLabel = generator.update(edited);
    expect(byLabel).toEqual(generateBundle(edited));
    expect(generator.written).toBe(2);
    expect(generator.networkKept).toBe(true);
    const network = (bundle: typeof byLabel) => bundle.files.filter((f) => f.kind === 'network' || f.kind === 'network-csv');
    expect(network(byLabel)).toHaveLength(2);
    network(byLabel).forEach((file, i) => expect(file).toBe(network(byOffset)[i]));
    // A move changes topology.json and the picture only.
    const moved = apply(edited, { op: 'move', at: 10, x: 123 });
    expect(generator.update(moved)).toEqual(generateBundle(moved));
    expect(generator.written).toBe(0);
    expect(generator.networkKept).toBe(true);
  });
});
