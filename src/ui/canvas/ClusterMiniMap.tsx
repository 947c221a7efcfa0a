/**
 * The minimap of a large, grouped canvas: each cluster as its group's one box, and the nodes outside any group, drawn
 * from the canvas's own list. React Flow's MiniMap keeps a component and a store subscription per node it is given,
 * members too (drawn as nothing): at 5,000 nodes every update of React Flow's store (each batch of an opening, each
 * frame of a pan) ran 5,000 selectors and reconciled its list of 5,000 components again, a large part of each batch
 * that draws an opened topology. This one has a box per group and a subscription to the view alone. It looks and acts
 * as React Flow's (its classes, the view's mask, dragging pans and the wheel zooms, as React Flow's `pannable` and
 * `zoomable` do in @xyflow/system 0.0.84's XYMinimap), and is named the same.
 */
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef } from 'react';
import type { PointerEvent } from 'react';
import { Panel, useStore, useStoreApi } from '@xyflow/react';

export interface MiniMapBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  selected: boolean;
}

/** The room left around what is drawn, in minimap pixels (React Flow's `offsetScale`). */
const OFFSET_SCALE = 5;

function ClusterMiniMapInner({
  boxes,
  width: elementWidth,
  height: elementHeight,
  ariaLabel,
}: {
  boxes: readonly MiniMapBox[];
  width: number;
  height: number;
  ariaLabel: string;
}) {
  const store = useStoreApi();
  const transform = useStore((s) => s.transform);
  const flowWidth = useStore((s) => s.width);
  const flowHeight = useStore((s) => s.height);
  const titleId = useId();
  const svg = useRef<SVGSVGElement>(null);

  const drawn = useMemo(() => {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const b of boxes) {
      minX = Math.min(minX, b.x);
      minY = Math.min(minY, b.y);
      maxX = Math.max(maxX, b.x + b.width);
      maxY = Math.max(maxY, b.y + b.height);
    }
    return boxes.length > 0 ? { minX, minY, maxX, maxY } : undefined;
  }, [boxes]);

  const [tx, ty, zoom] = transform;
  const view = { x: -tx / zoom, y: -ty / zoom, width: flowWidth / zoom, height: flowHeight / zoom };
  const left = Math.min(view.x, drawn?.minX ?? view.x);
  const top = Math.min(view.y, drawn?.minY ?? view.y);
  const bounds = {
    x: left,
    y: top,
    width: Math.max(view.x + view.width, drawn?.maxX ?? -Infinity) - left,
    height: Math.max(view.y + view.height, drawn?.maxY ?? -Infinity) - top,
  };
  const viewScale = Math.max(bounds.width / elementWidth, bounds.height / elementHeight);
  const offset = OFFSET_SCALE * viewScale;
  const x = bounds.x - (viewScale * elementWidth - bounds.width) / 2 - offset;
  const y = bounds.y - (viewScale * elementHeight - bounds.height) / 2 - offset;
  const w = viewScale * elementWidth + offset * 2;
  const h = viewScale * elementHeight + offset * 2;
  const scale = useRef(viewScale);
  useLayoutEffect(() => {
    scale.current = viewScale;
  }, [viewScale]);

  // The wheel zooms the canvas about its centre, as React Flow's minimap does; a listener that may cancel the page's scroll.
  useEffect(() => {
    const element = svg.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      const { panZoom, transform: now } = store.getState();
      if (!panZoom) return;
      event.preventDefault();
      const delta = -event.deltaY * (event.deltaMode === 1 ? 0.05 : event.deltaMode ? 1 : 0.002);
      void panZoom.scaleTo(now[2] * Math.pow(2, delta));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [store]);

  // Dragging moves the view with the pointer, at the minimap's scale.
  const last = useRef<{ x: number; y: number } | undefined>(undefined);
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    last.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const from = last.current;
    const { panZoom, transform: now, width, height, translateExtent } = store.getState();
    if (!from || !panZoom) return;
    last.current = { x: event.clientX, y: event.clientY };
    const moveScale = scale.current * Math.max(now[2], Math.log(now[2]));
    const extent: [[number, number], [number, number]] = [
      [0, 0],
      [width, height],
    ];
    void panZoom.setViewportConstrained(
      { x: now[0] - (event.clientX - from.x) * moveScale, y: now[1] - (event.clientY - from.y) * moveScale, zoom: now[2] },
      extent,
      translateExtent,
    );
  };
  const onPointerUp = () => {
    last.current = undefined;
  };

  return (
    <Panel position="bottom-right" className="react-flow__minimap" style={{ width: elementWidth, height: elementHeight }}>
      <svg
        ref={svg}
        width={elementWidth}
        height={elementHeight}
        viewBox={`${x} ${y} ${w} ${h}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-labelledby={titleId}
        style={{ touchAction: 'none' }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <title id={titleId}>{ariaLabel}</title>
        {boxes.map((b) => (
          <rect
            key={b.id}
            className={b.selected ? 'react-flow__minimap-node selected' : 'react-flow__minimap-node'}
            x={b.x}
            y={b.y}
            rx={5}
            ry={5}
            width={b.width}
            height={b.height}
            shapeRendering="crispEdges"
          />
        ))}
        <path
          className="react-flow__minimap-mask"
          d={`M${x - offset},${y - offset}h${w + offset * 2}v${h + offset * 2}h${-w - offset * 2}z
        M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}

export const ClusterMiniMap = memo(ClusterMiniMapInner);
