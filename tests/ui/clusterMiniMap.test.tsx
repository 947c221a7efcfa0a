// @vitest-environment jsdom
/**
 * The minimap of a large grouped canvas (src/ui/canvas/ClusterMiniMap.tsx): a box per group and per node outside any
 * group, named as React Flow's minimap is, the selected ones marked, and its view taking in every box and the canvas's
 * own view.
 */
import './dom.ts';
import { cleanup, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, expect, it } from 'vitest';
import { ClusterMiniMap } from '../../src/ui/canvas/ClusterMiniMap.tsx';
import type { MiniMapBox } from '../../src/ui/canvas/ClusterMiniMap.tsx';

afterEach(cleanup);

const boxes: MiniMapBox[] = [
  { id: 'group:gw-lb-1', x: -400, y: 100, width: 900, height: 300, selected: false },
  { id: 'cp-1', x: 2000, y: -250, width: 180, height: 60, selected: true },
  { id: 'db', x: 600, y: 1200, width: 180, height: 60, selected: false },
];

function drawn(): { svg: SVGSVGElement; rects: SVGRectElement[] } {
  const svg = screen.getByRole('img', { name: 'Minimap' }) as unknown as SVGSVGElement;
  return { svg, rects: [...svg.querySelectorAll('rect')] };
}

it('draws one box per group or lone node, marks the selected one, and its view takes in every box', () => {
  render(
    <ReactFlowProvider>
      <ClusterMiniMap boxes={boxes} width={200} height={150} ariaLabel="Minimap" />
    </ReactFlowProvider>,
  );
  const { svg, rects } = drawn();
  expect(svg.closest('.react-flow__minimap')).not.toBeNull();
  expect(rects.map((r) => [r.getAttribute('x'), r.getAttribute('y'), r.getAttribute('width'), r.getAttribute('height')])).toEqual(
    boxes.map((b) => [String(b.x), String(b.y), String(b.width), String(b.height)]),
  );
  expect(rects.map((r) => r.classList.contains('selected'))).toEqual([false, true, false]);
  const [x, y, w, h] = (svg.getAttribute('viewBox') ?? '').split(' ').map(Number) as [number, number, number, number];
  for (const b of boxes) {
    expect(b.x).toBeGreaterThanOrEqual(x);
    expect(b.y).toBeGreaterThanOrEqual(y);
    expect(b.x + b.width).toBeLessThanOrEqual(x + w);
    expect(b.y + b.height).toBeLessThanOrEqual(y + h);
  }
  // Less the margin React Flow leaves around it (5 minimap pixels each side), the view has the element's proportions.
  const margin = (5 * 2 * w) / (200 + 5 * 2);
  expect((w - margin) / (h - (5 * 2 * h) / (150 + 5 * 2))).toBeCloseTo(200 / 150, 5);
});

it('follows new boxes: one removed, one moved', () => {
  const { rerender } = render(
    <ReactFlowProvider>
      <ClusterMiniMap boxes={boxes} width={200} height={150} ariaLabel="Minimap" />
    </ReactFlowProvider>,
  );
  const moved = [{ ...boxes[0]!, x: -3000 }, boxes[2]!];
  rerender(
    <ReactFlowProvider>
      <ClusterMiniMap boxes={moved} width={200} height={150} ariaLabel="Minimap" />
    </ReactFlowProvider>,
  );
  const { svg, rects } = drawn();
  expect(rects.map((r) => r.getAttribute('x'))).toEqual(['-3000', '600']);
  expect(Number((svg.getAttribute('viewBox') ?? '').split(' ')[0])).toBeLessThanOrEqual(-3000);
});
