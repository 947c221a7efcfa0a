/**
 * The canvas: the topology as nodes and edges, with drag-and-drop from the palette, wiring checked by
 * the model's link rules, selection, deletion, and whole-drag undo steps.
 */
import { Suspense, lazy, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
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
  useStoreApi,
} from '@xyflow/react';
import type { Connection, EdgeChange, FinalConnectionState, NodeChange, OnDelete } from '@xyflow/react';
import type { Diagnostic, NodeKind, Topology, TopologyGraph } from '../../model/index.ts';
import { NODE_KINDS, buildGraph, linkVerdict } from '../../model/index.ts';
import { useDesigner, useDesignerStore, useGeneration } from '../store.tsx';
import { NODE_TYPES } from './TopologyNodeView.tsx';
import { EDGE_TYPES } from './FloatingEdge.tsx';
import { ClusterGroupView } from './ClusterGroupView.tsx';
import type { MiniMapBox } from './ClusterMiniMap.tsx';
import type { CanvasCluster, CanvasNode, FlowEdge, FlowNode } from './flow.ts';
import {
  BUNDLE_PREFIX,
  GROUP_PREFIX,
  canvasClusters,
  createFlowCache,
  createGroupCache,
  groupOfMember,
  measuredAs,
  problemsBy,
  reconcileNodes,
  sameProblems,
  toFlowEdges,
} from './flow.ts';
import { onCanvasTab, useAutoLayoutShortcut, useEdgesAfterNodes } from './keyboard.ts';
import { LARGE_CANVAS, topologyBounds, useReveal } from './reveal.ts';
import { onFitRequest, useAutoLayout } from './autoLayout.ts';

/** A large grouped canvas's minimap: its code loads with the first such topology, not with the page. */
const ClusterMiniMap = lazy(() => import('./ClusterMiniMap.tsx').then((m) => ({ default: m.ClusterMiniMap })));

/** Both kinds of node the canvas draws, at module scope as React Flow asks. */
const CANVAS_NODE_TYPES = { ...NODE_TYPES, cluster: ClusterGroupView };
/** From this many nodes, clusters are drawn as groups unless the person turns them off (and below it, on). */
export const GROUPED_CANVAS = 40;
const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/** The drag-and-drop type the palette sets. */
export const PALETTE_MIME = 'application/x-apim-topology-kind';
const GRID: [number, number] = [20, 20];
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 2; // React Flow's default
/** Below this zoom a card's text is too small to read (its 12px label under 3px). */
const UNREADABLE_ZOOM = 0.25;
/** The zoom a topology too large to read whole opens at, and the margin left of its top left corner. */
const READABLE_ZOOM = 0.6;
const PAN_MARGIN = 24;
const SHORTCUT_MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
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
  // The nodes and the links, not the whole topology: an edit of the settings or the name leaves the canvas alone.
  const topologyNodes = useDesigner((s) => s.topology.nodes);
  const links = useDesigner((s) => s.topology.links);
  const selection = useDesigner((s) => s.selection);
  // The diagnostics of the latest files (the panels that show files ask for them): the canvas needs no more.
  const generation = useGeneration();
  const diagnostics = useSyncExternalStore(
    generation.subscribe,
    () => generation.getSnapshot().latest?.bundle.diagnostics ?? NO_DIAGNOSTICS,
  );
  const { screenToFlowPosition, fitView, setViewport } = useReactFlow();
  const flowStore = useStoreApi();
  const [minimap, setMinimap] = useState(true);
  const root = useRef<HTMLDivElement>(null);
  useEdgesAfterNodes(root);
  const autoLayout = useAutoLayout();
  useAutoLayoutShortcut(autoLayout);
  const empty = useDesigner((state) => state.topology.nodes.length === 0);
  // An auto-layout asks for the view to be fitted to the topology's new places.
  const [fits, setFits] = useState(0);
  useEffect(() => onFitRequest(() => setFits((n) => n + 1)), []);

  // A large topology is drawn a batch at a time (reveal.ts), and only its nodes in view are rendered.
  const opened = useDesigner((s) => s.opened);
  const large = topologyNodes.length >= LARGE_CANVAS;
  const { shown, drawing } = useReveal(topologyNodes.length, opened);
  const fitted = useRef(false);

  // A topology opened whole (a file, a link, an example) is shown whole, clear of the minimap: a small
  // one once its nodes are measured (two frames), a large one at once, from its nodes' positions, so
  // its batches are drawn where they will stay.
  useLayoutEffect(() => {
    const bounds = large ? topologyBounds(store.getState().topology) : undefined;
    // The size React Flow measured of its pane: reading the element's box here would lay out the whole page in
    // the task that first draws a large topology, on top of the frame that lays it out anyway. Read only for a large
    // one: at the page's start (React Flow has not measured yet) it laid out the page in the task of its first render.
    const { width, height } = flowStore.getState();
    const box = !bounds ? undefined : width > 0 && height > 0 ? { width, height } : root.current?.getBoundingClientRect();
    if (bounds && box && (opened > 0 || fits > 0 || !fitted.current)) {
      fitted.current = true;
      const whole = getViewportForBounds(bounds, box.width, box.height, MIN_ZOOM, MAX_ZOOM, FIT_VIEW.padding);
      // Shown whole, its cards would be too small to read: it opens at a zoom where they can be read, at its top left
      // corner, and only the nodes in view are drawn (the minimap and Fit view show it whole).
      const readable =
        whole.zoom >= UNREADABLE_ZOOM
          ? whole
          : { x: PAN_MARGIN - bounds.x * READABLE_ZOOM, y: PAN_MARGIN - bounds.y * READABLE_ZOOM, zoom: READABLE_ZOOM };
      void setViewport(readable);
      return;
    }
    if (opened === 0 && fits === 0) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => void fitView(FIT_VIEW));
    });
    return () => cancelAnimationFrame(frame);
    // Fitted when a topology is opened (and once at the start), not on every edit of a large one.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `large` and the store are read when opened, on purpose
  }, [opened, fits, fitView, setViewport, flowStore]);
  const [cache] = useState(createFlowCache);
  // The same problems keep the same object: new files with the same diagnostics (after most edits, a
  // typed label's preview too) rebuild no node and no edge.
  const problems = useSameProblems(useMemo(() => problemsBy(diagnostics), [diagnostics]));
  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedLinks = useMemo(() => new Set(selection.links), [selection.links]);
  const isDrawing = drawing !== undefined;
  const source = useMemo(() => {
    // While drawing, only the nodes drawn so far are made: 5,000 at each batch were most of the task that first draws it.
    return cache.toFlowNodes({ nodes: topologyNodes }, selectedNodes, problems.nodes, large, isDrawing ? shown : Infinity);
  }, [cache, topologyNodes, selectedNodes, problems, large, isDrawing, shown]);

  // The nodes React Flow shows, as in React Flow's own examples: changes it reports (sizes, positions
  // during a drag, selection) are applied here with applyNodeChanges; the store hears of a drag once,
  // at the drop, as one edit and one undo step, so no panel re-renders per frame. When the topology
  // changes, the nodes follow it (reconcileNodes keeps what React Flow measured).
  const [nodes, setNodes] = useState(source);
  // The nodes the cluster groups are drawn around: the same as `nodes`, except during a drag, when the
  // groups hold still and take their new boxes at the drop. A group box that changes per frame costs
  // React Flow a measure (its ResizeObserver), a second update of its store and a re-route of the
  // cluster's edges on every frame.
  const [groupBasis, setGroupBasis] = useState(source);
  const [followed, setFollowed] = useState(source);
  if (followed !== source) {
    setFollowed(source);
    const reconciled = reconcileNodes(nodes, source);
    setNodes(reconciled);
    setGroupBasis(reconciled);
  }
  const latest = useRef(nodes);
  useLayoutEffect(() => {
    latest.current = nodes;
  }, [nodes]);
  const drag = useRef({ active: false, positions: new Map<string, { x: number; y: number }>() });

  // Clusters drawn as groups (on from GROUPED_CANVAS nodes, or as the person chose): a rectangle around
  // each cluster's members that follows them, and one edge per cluster and peer instead of one per member.
  const [groupChoice, setGroupChoice] = useState<boolean | undefined>();
  const grouped = groupChoice ?? topologyNodes.length >= GROUPED_CANVAS;
  const found = grouped ? canvasClusters({ nodes: topologyNodes, links }) : NO_CLUSTERS;
  // The same clusters keep the same list, so a move (a new nodes array) rebuilds no edge. The keys are made when the
  // clusters are found again, not on every render (new files, a selection): at 1,000 nodes each is a string of them all.
  const clusterKey = useMemo(() => found.map((c) => `${c.lb.id}:${c.lb.label}:${c.kind}:${c.members.join(',')}`).join('|'), [found]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the clusters' content
  const clusters = useMemo(() => found, [clusterKey]);
  // Which group each member is drawn in: not the load balancers' labels, so a label typed into one
  // rebuilds no edge.
  const memberKey = useMemo(() => clusters.map((c) => `${c.lb.id}:${c.members.join(',')}`).join('|'), [clusters]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the members of each group
  const memberGroups = useMemo(() => (clusters.length > 0 ? groupOfMember(clusters) : undefined), [memberKey]);
  const [toGroupNodes] = useState(createGroupCache);
  const groups = useMemo(() => toGroupNodes(clusters, groupBasis, selectedNodes), [toGroupNodes, clusters, groupBasis, selectedNodes]);
  const shownNodes = useMemo<CanvasNode[]>(() => (groups.length > 0 ? [...groups, ...nodes] : nodes), [groups, nodes]);
  // A large topology's minimap draws each group as one box in place of its members (ClusterMiniMap.tsx): thousands of
  // boxes cost every frame that moves the minimap's view a layout of each, and React Flow's minimap a subscription each.
  const minimapBoxes = useMemo(
    () => (large && memberGroups ? shownNodes.filter((n) => !memberGroups.has(n.id)).map(minimapBox) : undefined),
    [large, memberGroups, shownNodes],
  );
  const clustersNow = useRef(clusters);
  useLayoutEffect(() => {
    clustersNow.current = clusters;
  }, [clusters]);

  // Links, selection and problems decide the edges; positions do not (React Flow routes them itself).
  // Zoomed far out on a large topology, the links are a grey mat that costs more to draw than all the
  // nodes: only the selected ones and those in error are drawn until the view is close enough to read.
  const zoomedOut = useStore((s) => s.transform[2] < LINK_ZOOM);
  const hideLinks = large && zoomedOut;
  const allEdges = useMemo(
    () => toFlowEdges(store.getState().topology, selectedLinks, problems.links, memberGroups),
    // The edges follow the links array: an edit of a node's kind, id or membership changes it too.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- positions must not rebuild every edge
    [store, links, selectedLinks, problems, memberGroups],
  );
  const edgesNow = useRef(allEdges);
  useLayoutEffect(() => {
    edgesNow.current = allEdges;
  }, [allEdges]);
  const edges = useMemo(() => {
    // While drawing, a link is drawn once both its nodes are (a group once two of its members are).
    const drawn = isDrawing ? new Set([...source.map((n) => n.id), ...groups.map((g) => g.id)]) : undefined;
    if (!drawn && !hideLinks) return allEdges;
    return allEdges.filter(
      (e) => (!drawn || (drawn.has(e.source) && drawn.has(e.target))) && (!hideLinks || e.selected || e.data?.severity === 'error'),
    );
  }, [allEdges, isDrawing, source, groups, hideLinks]);

  const onNodesChange = useCallback(
    (all: NodeChange<CanvasNode>[]) => {
      // A group's changes are about its members: selecting it selects them; it is neither moved nor sized.
      const isGroup = (change: NodeChange<CanvasNode>) => (change.type === 'add' ? change.item.id : change.id).startsWith(GROUP_PREFIX);
      const changes = all.filter((change) => !isGroup(change)) as NodeChange<FlowNode>[];
      const state = store.getState();
      let selected: Set<string> | undefined;
      /** Members of a group selected now: a click on the group also unselects them one by one, which must not win. */
      const kept = new Set<string>();
      for (const change of all) {
        if (change.type !== 'select' || !isGroup(change)) continue;
        const members = clustersNow.current.find((c) => `${GROUP_PREFIX}${c.lb.id}` === change.id)?.members ?? [];
        selected ??= new Set(state.selection.nodes);
        for (const id of members) {
          if (change.selected) {
            selected.add(id);
            kept.add(id);
          } else selected.delete(id);
        }
      }
      if (changes.length === 0) {
        if (selected) state.select({ nodes: [...selected] });
        return;
      }
      let next = applyNodeChanges(changes, latest.current);
      // A node measured now drops its estimated size and handles (flow.ts ESTIMATE) for those React Flow measured.
      if (changes.some((change) => change.type === 'dimensions'))
        next = next.map((n) => (n.handles && n.measured ? measuredAs(n, n.measured) : n));
      latest.current = next;
      setNodes(next);
      const moving = drag.current;
      let ended = false;
      let dragged = false;
      for (const change of changes) {
        if (change.type === 'position') {
          // The last change of a drag may carry no position, only `dragging: false`.
          if (change.position) moving.positions.set(change.id, change.position);
          if (change.dragging === true) moving.active = dragged = true;
          if (change.dragging === false) ended = true;
        } else if (change.type === 'select') {
          selected ??= new Set(state.selection.nodes);
          if (change.selected) selected.add(change.id);
          else if (!kept.has(change.id)) selected.delete(change.id);
        }
      }
      if (!dragged) setGroupBasis(next);
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
        // An edge that stands for several links selects them all.
        for (const id of linksOf(edgesNow.current, change.id)) {
          if (change.selected) selected.add(id);
          else selected.delete(id);
        }
      }
      if (selected) state.select({ links: [...selected] });
    },
    [store],
  );

  const onDelete: OnDelete<CanvasNode, FlowEdge> = useCallback(
    ({ nodes: gone, edges: goneEdges }) =>
      store.getState().remove(
        gone.map((n) => n.id).filter((id) => !id.startsWith(GROUP_PREFIX)),
        goneEdges.flatMap((e) => e.data?.links ?? [e.id]),
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
      if (!to || to === state.fromNode.id || to.startsWith(GROUP_PREFIX)) return;
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
      <ReactFlow<CanvasNode, FlowEdge>
        nodes={shownNodes}
        edges={edges}
        nodeTypes={CANVAS_NODE_TYPES}
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
        {minimap &&
          (minimapBoxes ? (
            <Suspense fallback={null}>
              <ClusterMiniMap boxes={minimapBoxes} width={MINIMAP.width} height={MINIMAP.height} ariaLabel="Minimap" />
            </Suspense>
          ) : (
            <MiniMap
              pannable
              zoomable
              ariaLabel="Minimap"
              style={MINIMAP}
              nodeColor={NO_ATTRIBUTE}
              nodeStrokeColor={NO_ATTRIBUTE}
              nodeClassName={NO_ATTRIBUTE}
            />
          ))}
        <Controls aria-label="Zoom controls" fitViewOptions={FIT_VIEW}>
          <ControlButton
            onClick={() => !empty && autoLayout()}
            aria-label="Auto-layout"
            aria-disabled={empty}
            title={`Auto-layout: lay out in tiers (${SHORTCUT_MOD}Shift+L)`}
            aria-keyshortcuts="Control+Shift+L Meta+Shift+L"
          >
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
              <rect x="5.5" y="1" width="5" height="3.5" rx="0.5" fill="currentColor" />
              <rect x="1" y="11.5" width="5" height="3.5" rx="0.5" fill="currentColor" />
              <rect x="10" y="11.5" width="5" height="3.5" rx="0.5" fill="currentColor" />
              <path d="M8 4.5v3.5M3.5 11.5V8h9v3.5" fill="none" stroke="currentColor" strokeWidth="1.2" />
            </svg>
          </ControlButton>
          <ControlButton
            onClick={() => setMinimap((on) => !on)}
            aria-label={minimap ? 'Hide the minimap' : 'Show the minimap'}
            title={minimap ? 'Hide the minimap' : 'Show the minimap'}
            aria-pressed={minimap}
          >
            <span aria-hidden="true">▣</span>
          </ControlButton>
          <ControlButton
            onClick={() => setGroupChoice(!grouped)}
            aria-label="Group clusters"
            title={grouped ? 'Draw each cluster member and link on its own' : 'Draw each cluster as a group, one link per cluster'}
            aria-pressed={grouped}
          >
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
              <rect x="1.5" y="1.5" width="13" height="13" rx="2" fill="none" stroke="currentColor" strokeDasharray="3 2" />
              <rect x="4" y="6" width="3" height="5" fill="currentColor" />
              <rect x="9" y="6" width="3" height="5" fill="currentColor" />
            </svg>
          </ControlButton>
        </Controls>
      </ReactFlow>
    </div>
  );
}

const NO_CLUSTERS: CanvasCluster[] = [];

/**
 * The minimap's colour, stroke and class of every node: none of its own (the stylesheet's), as by default. Given as one
 * function, not left out: the minimap wraps a value left out in a new function on each of its renders, and each of its
 * thousands of nodes then renders again whenever a node is added.
 */
const NO_ATTRIBUTE = () => '';

/** A node or a group as the minimap draws it: where it is and its size (measured, set, or estimated until it is measured). */
function minimapBox(node: CanvasNode): MiniMapBox {
  return {
    id: node.id,
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? node.width ?? node.initialWidth ?? 0,
    height: node.measured?.height ?? node.height ?? node.initialHeight ?? 0,
    selected: node.selected === true,
  };
}

/** `problems`, or the ones given before when they say the same (flow.ts sameProblems). */
function useSameProblems(problems: ReturnType<typeof problemsBy>): ReturnType<typeof problemsBy> {
  // Compared once per new result, not on every render (a drag renders the canvas every frame).
  const [memo, setMemo] = useState({ given: problems, kept: problems });
  if (memo.given === problems) return memo.kept;
  const kept = sameProblems(memo.kept, problems) ? memo.kept : problems;
  setMemo({ given: problems, kept });
  return kept;
}

/** The links an edge stands for: its own id, or those of an edge drawn for several. */
function linksOf(edges: readonly FlowEdge[], id: string): string[] {
  if (!id.startsWith(BUNDLE_PREFIX)) return [id];
  return edges.find((e) => e.id === id)?.data?.links ?? [];
}
