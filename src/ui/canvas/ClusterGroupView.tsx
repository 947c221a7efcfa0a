/**
 * A cluster drawn as a group: a rectangle behind the members of one load balancer, named after it. It
 * follows its members (flow.ts `createGroupCache`); selecting it selects them. Its handles, hidden, are
 * where the edges that stand for the cluster's links end (React Flow draws an edge only between handles).
 */
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { KIND_NAMES } from '../../model/index.ts';
import type { GroupNode } from './flow.ts';

function ClusterGroupViewInner({ data }: NodeProps<GroupNode>) {
  return (
    <div className={`cluster-group kind-${data.kind}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} className="cluster-handle" />
      <span className="cluster-name">
        {data.lbLabel} · {data.members.length} {KIND_NAMES[data.kind]} nodes
      </span>
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="cluster-handle" />
    </div>
  );
}

export const ClusterGroupView = memo(ClusterGroupViewInner);
