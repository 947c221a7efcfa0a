/** The canvas's mapping (src/ui/canvas/flow.ts): clusters drawn as groups, their links as one edge per peer. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity, Topology, TopologyNode } from '../../src/model/index.ts';
import { buildGraph, linkId } from '../../src/model/index.ts';
import type { FlowEdge } from '../../src/ui/canvas/flow.ts';
import {
  BUNDLE_PREFIX,
  GROUP_PREFIX,
  canvasClusters,
  createFlowCache,
  createGroupCache,
  groupOfMember,
  measuredAs,
  prepareFlow,
  problemsBy,
  readingOrder,
  reconcileNodes,
  sameProblems,
  toFlowEdges,
} from '../../src/ui/canvas/flow.ts';
import { benchTopology } from '../bench/topologies.ts';
import { loadExample } from '../factories.ts';

const none = new Set<string>();
const noProblems = new Map<string, Severity>();

function grouped(topology: Topology, problems = noProblems, selected = none): FlowEdge[] {
  return toFlowEdges(topology, selected, problems, groupOfMember(canvasClusters(topology)));
}

/** Every link stands in exactly one edge: its own, or one drawn for several. */
function expectEveryLinkOnce(topology: Topology, edges: FlowEdge[]): void {
  const drawn = edges.flatMap((e) => e.data?.links ?? [e.id]);
  expect(drawn.sort()).toEqual(topology.links.map(linkId).sort());
}

describe('edges of a 300-node topology (benchTopology(300, 4))', () => {
  const topology = benchTopology(300, 4);
  const gatewayClusters = topology.nodes.filter((n) => n.id.startsWith('gw-lb-')).length;

  it('one edge per link without groups; with groups, one per cluster and peer: three per gateway cluster, five for the rest', () => {
    const before = toFlowEdges(topology, none, noProblems);
    const after = grouped(topology);
    expect(before).toHaveLength(topology.links.length);
    // gw-lb-N → its group, the group → cp-lb and → tm-lb; cp-lb → CP group, CP group → db; tm-lb → TM group, TM group → cp-lb and → db.
    expect(after).toHaveLength(3 * gatewayClusters + 5);
    expect(before.length).toBeGreaterThan(700);
    expect(after.length).toBeLessThan(before.length / 3);
    expectEveryLinkOnce(topology, after);
    // The edges into the two shared load balancers: about 2 per gateway before, 1 per cluster after.
    const into = (edges: FlowEdge[], lb: string) => edges.filter((e) => e.target === lb).length;
    expect(into(before, 'cp-lb') + into(before, 'tm-lb')).toBeGreaterThan(460);
    expect(into(after, 'cp-lb') + into(after, 'tm-lb')).toBe(2 * gatewayClusters + 1);
  });

  it('names an edge for several links by its group and count, and labels it with the count', () => {
    const edge = grouped(topology).find((e) => e.source === `${GROUP_PREFIX}gw-lb-1` && e.target === 'cp-lb');
    expect(edge?.id).toBe(`${BUNDLE_PREFIX}${GROUP_PREFIX}gw-lb-1->cp-lb`);
    expect(edge?.ariaLabel).toBe('4 links cluster gw-lb-1 to cp-lb: calls cluster');
    expect(edge?.label).toBe('calls cluster ×4');
    expect(edge?.data?.links).toEqual(['gw-1-1->cp-lb', 'gw-1-2->cp-lb', 'gw-1-3->cp-lb', 'gw-1-4->cp-lb']);
    const fronts = grouped(topology).find((e) => e.source === 'gw-lb-1');
    expect(fronts).toMatchObject({ target: `${GROUP_PREFIX}gw-lb-1`, label: 'fronts ×4' });
  });

  it('keeps a link in error as an edge of its own, and carries the worst other severity on the group edge', () => {
    const problems = new Map<string, Severity>([
      ['gw-1-1->cp-lb', 'error'],
      ['gw-1-2->cp-lb', 'warning'],
      ['gw-1-3->cp-lb', 'info'],
    ]);
    const edges = grouped(topology, problems);
    const own = edges.find((e) => e.id === 'gw-1-1->cp-lb');
    expect(own).toMatchObject({
      source: 'gw-1-1',
      target: 'cp-lb',
      className: 'edge-error',
      ariaLabel: 'Link gw-1-1 to cp-lb: calls cluster',
    });
    const group = edges.find((e) => e.source === `${GROUP_PREFIX}gw-lb-1` && e.target === 'cp-lb');
    expect(group?.data).toMatchObject({ severity: 'warning', links: ['gw-1-2->cp-lb', 'gw-1-3->cp-lb', 'gw-1-4->cp-lb'] });
    expect(group?.className).toBe('edge-warning');
    expectEveryLinkOnce(topology, edges);
  });

  it('shows the group edge selected when a link it stands for is', () => {
    const edges = grouped(topology, noProblems, new Set(['gw-2-3->tm-lb']));
    expect(edges.filter((e) => e.selected).map((e) => e.id)).toEqual([`${BUNDLE_PREFIX}${GROUP_PREFIX}gw-lb-2->tm-lb`]);
  });
});

describe('canvasClusters', () => {
  it('is every load balancer with two members or more, in the topology order', () => {
    const clusters = canvasClusters(loadExample('ha-cp-gw'));
    expect(clusters.length).toBeGreaterThan(0);
    expect(clusters.every((c) => c.members.length >= 2)).toBe(true);
    const single = benchTopology(14, 4); // gw-lb-2 fronts one gateway
    expect(single.links).toContainEqual({ from: 'gw-lb-2', to: 'gw-2-1' });
    expect(canvasClusters(single).map((c) => c.lb.id)).toEqual(['cp-lb', 'tm-lb', 'gw-lb-1']);
  });
});

/** The clusters as the canvas defines them, worked out from scratch: the oracle of the cached `canvasClusters`. */
function clustersFromScratch(topology: Topology) {
  const graph = buildGraph(topology);
  return topology.nodes.flatMap((node) => {
    if (node.kind !== 'load-balancer' || graph.node(node.id) !== node) return [];
    const members = graph.frontedMembers(node.id).filter((m) => graph.frontedBy(m.id)?.id === node.id);
    return members.length >= 2 ? [{ lb: node, kind: members[0]!.kind, members: members.map((m) => m.id) }] : [];
  });
}

describe('the canvas after an edit (what it keeps from the topology before)', () => {
  type Edit = { op: 'label' | 'move' | 'kind' | 'unlink' | 'swap'; at: number; value: number } | { op: 'link'; at: number; value: number };
  const edit = fc.record({
    op: fc.constantFrom('label', 'move', 'kind', 'unlink', 'swap', 'link'),
    at: fc.nat(),
    value: fc.integer({ min: -400, max: 400 }),
  }) as fc.Arbitrary<Edit>;
  const apply = (t: Topology, e: Edit): Topology => {
    const i = e.at % t.nodes.length;
    const node = t.nodes[i]!;
    const nodes = (change: (n: TopologyNode) => TopologyNode) => t.nodes.map((n, j) => (j === i ? change(n) : n));
    switch (e.op) {
      case 'label':
        return { ...t, nodes: nodes((n) => ({ ...n, label: `${n.label} ${e.value}` })) };
      case 'move':
        return { ...t, nodes: nodes((n) => ({ ...n, x: n.x + e.value, y: n.y - e.value })) };
      case 'kind':
        return { ...t, nodes: nodes((n) => ({ ...n, kind: n.kind === 'gateway' ? 'traffic-manager' : 'gateway' }) as TopologyNode) };
      case 'swap': {
        const other = Math.abs(e.value) % t.nodes.length;
        const swapped = [...t.nodes];
        [swapped[i], swapped[other]] = [t.nodes[other]!, node];
        return { ...t, nodes: swapped };
      }
      case 'unlink':
        return { ...t, links: t.links.filter((_, j) => j !== e.at % t.links.length) };
      case 'link': {
        const lb = t.nodes.filter((n) => n.kind === 'load-balancer')[Math.abs(e.value) % 4];
        return lb ? { ...t, links: [...t.links, { from: lb.id, to: node.id }] } : t;
      }
    }
  };

  it('has the clusters and the reading order of the new nodes, its load balancers the new objects', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        let topology = benchTopology(40, 4);
        canvasClusters(topology);
        createFlowCache().toFlowNodes(topology, none, new Map());
        for (const e of edits) {
          topology = apply(topology, e);
          const clusters = canvasClusters(topology);
          expect(clusters).toEqual(clustersFromScratch(topology));
          for (const cluster of clusters) expect(topology.nodes).toContain(cluster.lb);
          const order = createFlowCache()
            .toFlowNodes(topology, none, new Map())
            .map((n) => n.id);
          expect(order).toEqual([...topology.nodes].sort(readingOrder).map((n) => n.id));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('group nodes', () => {
  const topology = benchTopology(20, 4);
  const flow = createFlowCache().toFlowNodes(topology, none, new Map());
  const clusters = canvasClusters(topology);

  it('surround their members, named after their load balancer, selected when all members are', () => {
    const toGroups = createGroupCache();
    const groups = toGroups(clusters, flow, new Set(['gw-1-1', 'gw-1-2', 'gw-1-3', 'gw-1-4']));
    const group = groups.find((g) => g.id === `${GROUP_PREFIX}gw-lb-1`);
    expect(group?.selected).toBe(true);
    expect(groups.filter((g) => g.selected)).toHaveLength(1);
    expect(group?.ariaLabel).toBe('Cluster gw-lb-1: 4 Gateway nodes behind gw-lb-1');
    for (const id of group?.data.members ?? []) {
      const member = flow.find((n) => n.id === id);
      expect(member!.position.x).toBeGreaterThan(group!.position.x);
      expect(member!.position.y).toBeGreaterThan(group!.position.y);
      expect(member!.position.x + 180).toBeLessThan(group!.position.x + group!.width!);
      expect(member!.position.y + 60).toBeLessThan(group!.position.y + group!.height!);
    }
  });

  it('follow a member that moves, and keep their object when nothing changed', () => {
    const toGroups = createGroupCache();
    const first = toGroups(clusters, flow, none);
    expect(toGroups(clusters, flow, none)).toEqual(first);
    expect(toGroups(clusters, flow, none)[0]).toBe(first[0]);
    const moved = flow.map((n) => (n.id === 'gw-1-4' ? { ...n, position: { x: n.position.x + 500, y: n.position.y + 300 } } : n));
    const after = toGroups(clusters, moved, none).find((g) => g.id === `${GROUP_PREFIX}gw-lb-1`);
    const before = first.find((g) => g.id === `${GROUP_PREFIX}gw-lb-1`);
    expect(after!.width! - before!.width!).toBeGreaterThanOrEqual(500 - 1);
    expect(after!.height! - before!.height!).toBeGreaterThanOrEqual(300 - 1);
  });
});

describe('a large topology prepared before it reaches the store (prepareFlow)', () => {
  it('gives the same edges and clusters as one worked out at once, in steps of at most 4,000 links', () => {
    const topology = benchTopology(1000);
    const prepared = structuredClone(topology);
    const steps = [...prepareFlow(prepared)];
    // The graph, the clusters, the reading order, then the links 4,000 at a time.
    expect(steps.length).toBe(3 + Math.ceil(topology.links.length / 4000));
    const problems = new Map<string, Severity>([[linkId(topology.links[5]!), 'warning']]);
    const selected = new Set([linkId(topology.links[7]!)]);
    expect(canvasClusters(prepared)).toEqual(canvasClusters(topology));
    expect(grouped(prepared, problems, selected)).toEqual(grouped(topology, problems, selected));
    expect(toFlowEdges(prepared, selected, problems)).toEqual(toFlowEdges(topology, selected, problems));
  });

  it('a link the rules refuse is an error edge of its own, prepared or not', () => {
    const topology = benchTopology(20, 4);
    // A gateway wired to a gateway: not allowed.
    const refused = { ...topology, links: [...topology.links, { from: 'gw-1-1', to: 'gw-1-2' }] };
    expect([...prepareFlow(refused)].length).toBeGreaterThan(3);
    const edge = grouped(refused).find((e) => e.id === 'gw-1-1->gw-1-2');
    expect(edge).toMatchObject({ label: 'not allowed', className: 'edge-error', data: { severity: 'error' } });
  });
});

describe('nodes of a large canvas, before React Flow measures them', () => {
  const topology = benchTopology(20, 4);

  it('carry an estimated size and handles, so React Flow need not draw each one to measure it', () => {
    const [node] = createFlowCache().toFlowNodes(topology, none, new Map(), true);
    expect(node).toMatchObject({ initialWidth: 180, initialHeight: 60 });
    expect(node!.handles?.map((h) => [h.type, h.position])).toEqual([
      ['target', 'top'],
      ['source', 'bottom'],
    ]);
    const [small] = createFlowCache().toFlowNodes(topology, none, new Map());
    expect(small).not.toHaveProperty('handles');
    expect(small).not.toHaveProperty('initialWidth');
  });

  it('drop the estimated handles once measured, keeping the size React Flow measured', () => {
    const flow = createFlowCache().toFlowNodes(topology, none, new Map(), true);
    const measured = measuredAs(flow[0]!, { width: 201, height: 58 });
    expect(measured).not.toHaveProperty('handles');
    expect(measured.measured).toEqual({ width: 201, height: 58 });
    expect(flow[0]!.handles).toHaveLength(2);
    // The topology changes (a node moves): the measured node keeps its size and takes no handles back.
    const moved = { ...topology, nodes: topology.nodes.map((n) => (n.id === flow[0]!.id ? { ...n, x: n.x + 20 } : n)) };
    const next = createFlowCache().toFlowNodes(moved, none, new Map(), true);
    const reconciled = reconcileNodes([measured, ...flow.slice(1)], next).find((n) => n.id === measured.id);
    expect(reconciled).not.toHaveProperty('handles');
    expect(reconciled?.measured).toEqual({ width: 201, height: 58 });
    expect(reconciled?.position.x).toBe(measured.position.x + 20);
  });
});

describe('sameProblems', () => {
  const diagnostic = (over: Partial<Diagnostic>): Diagnostic => ({
    code: 'APIM001',
    severity: 'warning',
    message: 'gw-1 is alone',
    nodeIds: ['gw-1'],
    linkIds: ['gw-1->db'],
    ...over,
  });
  const base = [diagnostic({}), diagnostic({ code: 'APIM002', severity: 'error', message: 'db is down', nodeIds: ['db'], linkIds: [] })];

  it('holds for new diagnostics that say the same, in new objects', () => {
    expect(sameProblems(problemsBy(base), problemsBy(base.map((d) => ({ ...d, nodeIds: [...d.nodeIds] }))))).toBe(true);
    expect(sameProblems(problemsBy([]), problemsBy([]))).toBe(true);
  });

  it('fails for any change a badge or a link shows', () => {
    const before = problemsBy(base);
    const changed: Diagnostic[][] = [
      [base[0]!], // a problem gone
      [diagnostic({ severity: 'error' }), base[1]!], // a worse severity
      [diagnostic({ message: 'gw-1 is lonely' }), base[1]!], // another message
      [diagnostic({ nodeIds: ['gw-2'] }), base[1]!], // another node
      [diagnostic({ linkIds: ['gw-1->tm'] }), base[1]!], // another link
      [diagnostic({ linkIds: [] }), base[1]!], // a link no longer in question
      [...base, diagnostic({ code: 'APIM003' })], // one more problem on the same node: its count
    ];
    for (const diagnostics of changed) expect(sameProblems(before, problemsBy(diagnostics))).toBe(false);
  });
});
