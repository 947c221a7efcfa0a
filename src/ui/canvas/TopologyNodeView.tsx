/** How a node looks on the canvas: icon, label, `host:offset` (a database: its engine; Redis: its port; an Identity Server: its version), problem badge. */
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { KIND_NAMES, nodeAddress } from '../../model/index.ts';
import { KindIcon } from '../icons.tsx';
import type { FlowNode } from './flow.ts';

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
