/**
 * An edge that leaves and enters each node on the side facing the other node, so links between nodes
 * side by side do not loop around them (React Flow's "floating edges"). It shows what the link
 * configures as its label.
 */
import { memo } from 'react';
import { BaseEdge, Position, getBezierPath, useInternalNode, useStore } from '@xyflow/react';
import type { EdgeProps, InternalNode } from '@xyflow/react';
import type { CanvasNode, FlowEdge } from './flow.ts';

const LABEL_ZOOM = 0.6;

function FloatingEdgeInner({ id, source, target, label, markerEnd, style, interactionWidth }: EdgeProps<FlowEdge>) {
  // Captions are unreadable when zoomed far out, and hundreds of them slow every frame: shown from 60%.
  const readable = useStore((state) => state.transform[2] >= LABEL_ZOOM);
  const from = useInternalNode<CanvasNode>(source);
  const to = useInternalNode<CanvasNode>(target);
  if (!from || !to) return null;
  const [sx, sy, sourcePosition] = anchor(from, to);
  const [tx, ty, targetPosition] = anchor(to, from);
  const [path, labelX, labelY] = getBezierPath({ sourceX: sx, sourceY: sy, sourcePosition, targetX: tx, targetY: ty, targetPosition });
  return (
    <BaseEdge
      id={id}
      path={path}
      label={readable ? label : undefined}
      labelX={labelX}
      labelY={labelY}
      labelBgPadding={[4, 2]}
      labelBgBorderRadius={3}
      style={style}
      // React Flow's own types take these as absent, never as undefined.
      {...(markerEnd === undefined ? {} : { markerEnd })}
      {...(interactionWidth === undefined ? {} : { interactionWidth })}
    />
  );
}

/** The middle of the side of `node` that faces `other`. */
function anchor(node: InternalNode<CanvasNode>, other: InternalNode<CanvasNode>): [number, number, Position] {
  const a = box(node);
  const b = box(other);
  const dx = b.cx - a.cx;
  const dy = b.cy - a.cy;
  // Nodes in different rows join top to bottom, so a link never runs along a row through the nodes
  // beside it (a link from gw-1 up to cp-lb must not look like one from gw-1 to gw-2); nodes in one row
  // join side to side.
  const rowsApart = Math.abs(dy) > (a.h + b.h) / 2;
  if (!rowsApart) {
    return dx > 0 ? [a.x + a.w, a.cy, Position.Right] : [a.x, a.cy, Position.Left];
  }
  return dy > 0 ? [a.cx, a.y + a.h, Position.Bottom] : [a.cx, a.y, Position.Top];
}

function box(node: InternalNode<CanvasNode>) {
  const { x, y } = node.internals.positionAbsolute;
  // A group (ClusterGroupView) has its size set, not measured.
  const w = node.measured.width ?? node.width ?? 0;
  const h = node.measured.height ?? node.height ?? 0;
  return { x, y, w, h, cx: x + w / 2, cy: y + h / 2 };
}

export const FloatingEdge = memo(FloatingEdgeInner);
export const EDGE_TYPES = { floating: FloatingEdge };
