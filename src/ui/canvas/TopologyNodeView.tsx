/** How a node looks on the canvas: icon, label, `host:offset` (a database: its engine; Redis: its port; an Identity Server: its version), problem badge. */
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import type { TopologyNode } from '../../model/index.ts';
import { KIND_NAMES, isApimNode, unhandledKind } from '../../model/index.ts';
import { KindIcon } from '../icons.tsx';
import type { FlowNode } from './flow.ts';

export function nodeAddress(node: TopologyNode): string {
  if (isApimNode(node)) return `${node.host}:${node.offset}`;
  switch (node.kind) {
    case 'database':
      return `${node.engine} · ${node.host}`;
    case 'load-balancer':
      return node.host;
    case 'redis':
      return `${node.host}:${node.port}`;
    case 'identity-server':
      return `IS ${node.version} · ${node.host}:${node.offset}`;
    default:
      return unhandledKind(node);
  }
}

function TopologyNodeViewInner({ data }: NodeProps<FlowNode>) {
  const { node, problems } = data;
  return (
    <div className={`topology-node kind-${node.kind}${problems ? ` has-${problems.severity}` : ''}`} title={problems?.messages.join('\n')}>
      <Handle type="target" position={Position.Top} />
      <KindIcon kind={node.kind} />
      <div className="node-text">
        <span className="node-label">{node.label}</span>
        <span className="node-kind">{KIND_NAMES[node.kind]}</span>
        <span className="node-address">{nodeAddress(node)}</span>
      </div>
      {problems && (
        <span
          className={`node-badge badge-${problems.severity}`}
          aria-label={`${problems.count} ${problems.count === 1 ? 'problem' : 'problems'}, worst: ${problems.severity}`}
        >
          {problems.count}
        </span>
      )}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

export const TopologyNodeView = memo(TopologyNodeViewInner);

/** At module scope, as React Flow asks: a new object per render would remount every node. */
export const NODE_TYPES = { topology: TopologyNodeView };
