/** Placement (src/model/layout.ts): new nodes and groups land clear of every node there; piled nodes are spread. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_BOX, NODE_KINDS, emptyTopology, freePosition, freeShift, isFree, newNode, spreadOverlapping } from '../../src/model/index.ts';

const point = fc.record({ x: fc.integer({ min: -2000, max: 2000 }), y: fc.integer({ min: -2000, max: 2000 }) });
const nodesAt = (points: { x: number; y: number }[]) => ({ nodes: points.map((p) => ({ x: p.x, y: p.y })) }) as never;

describe('freePosition', () => {
  it('keeps a free place as it is (on the grid)', () => {
    expect(freePosition(nodesAt([{ x: 0, y: 0 }]), { x: 500, y: 501 })).toEqual({ x: 500, y: 500 });
  });

  it('moves off a node to the nearest free place, to the right first', () => {
    expect(freePosition(nodesAt([{ x: 0, y: 0 }]), { x: 0, y: 0 })).toEqual({ x: NODE_BOX.width, y: 0 });
  });

  it('always finds a place clear of every node', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), point, (existing, near) => {
        expect(isFree(existing, freePosition(nodesAt(existing), near))).toBe(true);
      }),
    );
  });
});

describe('freeShift', () => {
  it('moves a whole group clear of every node, and keeps its shape', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 40 }), fc.array(point, { minLength: 1, maxLength: 5 }), (existing, group) => {
        const shift = freeShift(nodesAt(existing), group, { x: NODE_BOX.width, y: 0 });
        for (const p of group) expect(isFree(existing, { x: p.x + shift.x, y: p.y + shift.y })).toBe(true);
      }),
    );
  });
});

describe('spreadOverlapping', () => {
  const topologyAt = (points: { x: number; y: number }[]) => ({
    ...emptyTopology('4.5.0', 't'),
    nodes: points.map((p, i) => newNode(NODE_KINDS[i % NODE_KINDS.length]!, `n-${i}`, p)),
  });

  it('leaves a topology whose nodes are apart as it is (the same object)', () => {
    const topology = topologyAt([
      { x: 0, y: 0 },
      { x: NODE_BOX.width, y: 0 },
      { x: 0, y: NODE_BOX.height },
    ]);
    expect(spreadOverlapping(topology)).toEqual({ topology, moved: 0 });
  });

  it('lays 1,000 nodes on one spot out in rows by kind, below the one that keeps its place', () => {
    const topology = topologyAt(Array.from({ length: 1000 }, () => ({ x: 0, y: 0 })));
    const { topology: spread, moved } = spreadOverlapping(topology);
    expect(moved).toBe(999);
    expect(spread.nodes[0]).toBe(topology.nodes[0]);
    const rest = spread.nodes.slice(1);
    expect(rest.every((n) => n.y >= NODE_BOX.height * 2)).toBe(true);
    // A row per kind, in the traffic's order: load balancers above gateways above databases.
    const top = (kind: string) => Math.min(...rest.filter((n) => n.kind === kind).map((n) => n.y));
    expect(top('load-balancer')).toBeLessThan(top('control-plane'));
    expect(top('gateway')).toBeLessThan(top('database'));
    // Only positions change.
    expect(spread.nodes.map(({ x: _x, y: _y, ...rest }) => rest)).toEqual(topology.nodes.map(({ x: _x, y: _y, ...rest }) => rest));
  });

  it('leaves no two nodes overlapping, whatever the input, and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 80 }), (points) => {
        const { topology: spread } = spreadOverlapping(topologyAt(points));
        spread.nodes.forEach((a, i) => {
          for (const b of spread.nodes.slice(i + 1)) expect(isFree([a], b), `${a.id} and ${b.id}`).toBe(true);
        });
        expect(spreadOverlapping(topologyAt(points))).toEqual(spreadOverlapping(topologyAt(points)));
      }),
    );
  });
});
