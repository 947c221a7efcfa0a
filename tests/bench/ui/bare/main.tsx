/**
 * The baseline of `npm run bench:ui`: bare @xyflow/react with the app's nodes and links, as the React
 * Flow docs write it (useNodesState/useEdgesState, default nodes and edges, minimap, controls,
 * background). It shares with the app only what decides how much React Flow itself works per frame:
 * the canvas size, fitView, the zoom range and the snap grid. The graph comes from localStorage (the
 * benchmark seeds it, as it seeds the app's autosave), so the page carries no code of its own.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, addEdge, useEdgesState, useNodesState } from '@xyflow/react';
import type { Connection, Edge, Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { BareGraph } from '../graph.ts';

const graph = JSON.parse(localStorage.getItem('bare-flow-bench') ?? 'null') as BareGraph | null;
if (!graph) throw new Error('bare page: no graph in localStorage["bare-flow-bench"]');

const initialNodes: Node[] = graph.nodes.map((n) => ({ id: n.id, position: { x: n.x, y: n.y }, data: { label: n.label } }));
const initialEdges: Edge[] = graph.edges.map((e) => ({ id: `${e.source}->${e.target}`, source: e.source, target: e.target }));
const GRID: [number, number] = [20, 20];

function Flow() {
  const [nodes, , onNodesChange] = useNodesState(initialNodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState(initialEdges);
  const onConnect = (connection: Connection) => setEdges((current) => addEdge(connection, current));
  return (
    <div style={{ width: graph!.width, height: graph!.height }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        snapToGrid
        snapGrid={GRID}
        fitView
        minZoom={0.1}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID[0]} />
        <MiniMap />
        <Controls />
      </ReactFlow>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Flow />
  </StrictMode>,
);
