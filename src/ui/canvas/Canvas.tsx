/**
 * The canvas: the topology as nodes and edges, with drag-and-drop from the palette, wiring checked by
 * the model's link rules, selection, deletion, and whole-drag undo steps.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  getViewportForBounds,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import type { Connection, EdgeChange, FinalConnectionState, NodeChange, OnDelete } from '@xyflow/react';
import type { NodeKind, Topology, TopologyGraph } from '../../model/index.ts';
import { NODE_KINDS, buildGraph, linkVerdict } from '../../model/index.ts';
import { useBundle, useDesigner, useDesignerStore } from '../store.tsx';
import { NODE_TYPES } from './TopologyNodeView.tsx';
import { EDGE_TYPES } from './FloatingEdge.tsx';
import type { FlowEdge, FlowNode } from './flow.ts';
import { createFlowCache, problemsBy, reconcileNodes, toFlowEdges } from './flow.ts';
import { onCanvasTab, useEdgesAfterNodes } from './keyboard.ts';
import { LARGE_CANVAS, topologyBounds, useReveal } from './reveal.ts';

/** The drag-and-drop type the palette sets. */
export const PALETTE_MIME = 'application/x-apim-topology-kind';
const GRID: [number, number] = [20, 20];
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 2; // React Flow's default
/** Below this zoom a large topology draws only the links that are selected or in error. */
const LINK_ZOOM = 0.35;

/** The minimap's size (px) and the room fit view leaves for it, and for the zoom controls on the left. */
const MINIMAP = { width: 160, height: 110 };
const FIT_VIEW = { padding: { top: '24px', bottom: '24px', left: '64px', right: `${MINIMAP.width + 40}px` } } as const;

/** The graph of a topology, built when a connection is checked, once per topology. */
const graphs = new WeakMap<Topology, TopologyGraph>();
function graphOf(topology: Topology): TopologyGraph {
  let graph = graphs.get(topology);
  if (!graph) graphs.set(topology, (graph = buildGraph(topology)));
  return graph;
}

export function Canvas() {
  const store = useDesignerStore();
  const topology = useDesigner((s) => s.topology);
  const selection = useDesigner((s) => s.selection);
  const { diagnostics } = useBundle();
  const { screenToFlowPosition, fitView, setViewport } = useReactFlow();
  const [minimap, setMinimap] = useState(true);
  const root = useRef<HTMLDivElement>(null);
  useEdgesAfterNodes(root);

  // A large topology is drawn a batch at a time (reveal.ts), and only its nodes in view are rendered.
  const opened = useDesigner((s) => s.opened);
  const large = topology.nodes.length >= LARGE_CANVAS;
  const { shown, drawing } = useReveal(topology.nodes.length, opened);
  const fitted = useRef(false);

  // A topology opened whole (a file, a link, an example) is shown whole, clear of the minimap: a small
  // one once its nodes are measured (two frames), a large one at once, from its nodes' positions, so
  // its batches are drawn where they will stay.
  useLayoutEffect(() => {
    const bounds = large ? topologyBounds(store.getState().topology) : undefined;
    const box = root.current?.getBoundingClientRect();
    if (bounds && box && (opened > 0 || !fitted.current)) {
      fitted.current = true;
      void setViewport(getViewportForBounds(bounds, box.width, box.height, MIN_ZOOM, MAX_ZOOM, FIT_VIEW.padding));
      return;
    }
    if (opened === 0) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => void fitView(FIT_VIEW));
    });
    return () => cancelAnimationFrame(frame);
    // Fitted when a topology is opened (and once at the start), not on every edit of a large one.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `large` and the store are read when opened, on purpose
  }, [opened, fitView, setViewport]);
  const [cache] = useState(createFlowCache);
  const problems = useMemo(() => problemsBy(diagnostics), [diagnostics]);
  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedLinks = useMemo(() => new Set(selection.links), [selection.links]);
  const isDrawing = drawing !== undefined;
  const source = useMemo(() => {
    const all = cache.toFlowNodes(topology, selectedNodes, problems.nodes);
    return isDrawing ? all.slice(0, shown) : all;
  }, [cache, topology, selectedNodes, problems, isDrawing, shown]);

  // The nodes React Flow shows, as in React Flow's own examples: changes it reports (sizes, positions
  // during a drag, selection) are applied here with applyNodeChanges; the store hears of a drag once,
  // at the drop, as one edit and one undo step, so no panel re-renders per frame. When the topology
  // changes, the nodes follow it (reconcileNodes keeps what React Flow measured).
  const [nodes, setNodes] = useState(source);
  const [followed, setFollowed] = useState(source);
  if (followed !== source) {
    setFollowed(source);
    setNodes(reconcileNodes(nodes, source));
  }
  const latest = useRef(nodes);
  useLayoutEffect(() => {
    latest.current = nodes;
  }, [nodes]);
  const drag = useRef({ active: false, positions: new Map<string, { x: number; y: number }>() });

  // Links, selection and problems decide the edges; positions do not (React Flow routes them itself).
  // Zoomed far out on a large topology, the links are a grey mat that costs more to draw than all the
  // nodes: only the selected ones and those in error are drawn until the view is close enough to read.
  const zoomedOut = useStore((s) => s.transform[2] < LINK_ZOOM);
  const hideLinks = large && zoomedOut;
  const links = topology.links;
  const allEdges = useMemo(
    () => toFlowEdges(store.getState().topology, selectedLinks, problems.links),
    // The edges follow the links array: an edit of a node's kind, id or membership changes it too.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- positions must not rebuild every edge
    [store, links, selectedLinks, problems],
  );
  const edges = useMemo(() => {
    // While drawing, a link is drawn once both its nodes are.
    const drawn = isDrawing ? new Set(source.map((n) => n.id)) : undefined;
    if (!drawn && !hideLinks) return allEdges;
    return allEdges.filter(
      (e) => (!drawn || (drawn.has(e.source) && drawn.has(e.target))) && (!hideLinks || e.selected || e.data?.severity === 'error'),
    );
  }, [allEdges, isDrawing, source, hideLinks]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const next = applyNodeChanges(changes, latest.current);
      latest.current = next;
      setNodes(next);
      const state = store.getState();
      const moving = drag.current;
      let ended = false;
      let selected: Set<string> | undefined;
      for (const change of changes) {
        if (change.type === 'position') {
          // The last change of a drag may carry no position, only `dragging: false`.
          if (change.position) moving.positions.set(change.id, change.position);
          if (change.dragging === true) moving.active = true;
          if (change.dragging === false) ended = true;
        } else if (change.type === 'select') {
          selected ??= new Set(state.selection.nodes);
          if (change.selected) selected.add(change.id);
          else selected.delete(change.id);
        }
      }
      // A drop is one edit, however long the drag; a move by keyboard is one edit each.
      if (moving.positions.size > 0 && (!moving.active || ended)) {
        const moved = new Map(moving.positions);
        moving.positions.clear();
        moving.active = false;
        state.moveNodes(moved);
      }
      if (selected) state.select({ nodes: [...selected] });
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const state = store.getState();
      let selected: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selected ??= new Set(state.selection.links);
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
      if (selected) state.select({ links: [...selected] });
    },
    [store],
  );

  const onDelete: OnDelete<FlowNode, FlowEdge> = useCallback(
    ({ nodes: gone, edges: goneEdges }) =>
      store.getState().remove(
        gone.map((n) => n.id),
        goneEdges.map((e) => e.id),
      ),
    [store],
  );

  // Reads the topology when called, so it stays the same function while nodes move: a new one on
  // every frame of a drag would make React Flow update its store, and every node and edge check it.
  const isValidConnection = useCallback(
    (connection: Connection | FlowEdge) => {
      const { topology } = store.getState();
      const graph = graphOf(topology);
      const from = graph.node(connection.source);
      const to = graph.node(connection.target);
      if (!from || !to) return false;
      if (topology.links.some((l) => (l.from === from.id && l.to === to.id) || (l.from === to.id && l.to === from.id))) return false;
      return linkVerdict(from, to, graph.frontedKind, topology.product).ok;
    },
    [store],
  );

  const onConnect = useCallback((connection: Connection) => store.getState().connect(connection.source, connection.target), [store]);

  // A drop that React Flow did not accept: on another node (on a handle or anywhere on its body), try it
  // through the store, which connects a valid link or says why it is refused.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      const element = event.target instanceof Element ? event.target.closest('.react-flow__node') : null;
      const to = state.toNode?.id ?? element?.getAttribute('data-id') ?? undefined;
      if (!to || to === state.fromNode.id) return;
      store.getState().connect(state.fromNode.id, to);
    },
    [store],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME) as NodeKind;
      if (!NODE_KINDS.includes(kind)) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.getState().addNode(kind, { x: Math.round(at.x / GRID[0]) * GRID[0], y: Math.round(at.y / GRID[1]) * GRID[1] });
    },
    [screenToFlowPosition, store],
  );

  return (
    // The wrapper only hands keys (Tab order) and palette drops to the canvas inside it, which has its own
    // role, name and keyboard handling (React Flow's).
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- see above
    <div
      ref={root}
      className="canvas"
      // Where focus goes when the focused node or control is removed (App's focus rescue).
      tabIndex={-1}
      data-focus-fallback
      onDragOver={onDragOver}
      onDrop={onDrop}
      onKeyDown={(event) => root.current && onCanvasTab(event, root.current)}
    >
      {drawing ? (
        <p className="canvas-status" role="status">
          Drawing {drawing.shown.toLocaleString('en')} of {drawing.total.toLocaleString('en')} nodes…
        </p>
      ) : (
        hideLinks && <p className="canvas-status">Zoom in to see the links (only those selected or in error are drawn this far out)</p>
      )}
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        connectionMode={ConnectionMode.Loose}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        snapToGrid
        snapGrid={GRID}
        fitView={!large}
        fitViewOptions={FIT_VIEW}
        onlyRenderVisibleElements={large}
        colorMode="system"
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        aria-label="Topology canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID[0]} />
        {minimap && <MiniMap pannable zoomable ariaLabel="Minimap" style={MINIMAP} />}
        <Controls aria-label="Zoom controls" fitViewOptions={FIT_VIEW}>
          <ControlButton
            onClick={() => setMinimap((on) => !on)}
            aria-label={minimap ? 'Hide the minimap' : 'Show the minimap'}
            title={minimap ? 'Hide the minimap' : 'Show the minimap'}
            aria-pressed={minimap}
          >
            <span aria-hidden="true">▣</span>
          </ControlButton>
        </Controls>
      </ReactFlow>
    </div>
  );
}
