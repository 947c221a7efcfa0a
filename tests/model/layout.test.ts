/** Placement (src/model/layout.ts): new nodes and groups land clear of every node there. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_BOX, freePosition, freeShift, isFree } from '../../src/model/index.ts';

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
