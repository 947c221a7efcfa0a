/**
 * The canvas in the Tab order: the nodes in reading order, then the edges, then on out of the canvas.
 * React Flow puts its edges before its nodes in the DOM, so the edges are taken out of the natural Tab
 * order (tabindex -1, still focusable) and Tab walks into them from the last node.
 */
import { useEffect } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, RefObject } from 'react';

const NODE = '.react-flow__node';
const EDGE = '.react-flow__edge';

/** Keeps every edge out of the natural Tab order, as React Flow renders them. */
export function useEdgesAfterNodes(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const demote = () => {
      for (const edge of element.querySelectorAll<HTMLElement>(`${EDGE}[tabindex="0"]`)) edge.tabIndex = -1;
    };
    demote();
    // Only new edges need it: React Flow sets an edge's tabindex when it mounts, not on later renders.
    const observer = new MutationObserver(demote);
    observer.observe(element, { subtree: true, childList: true });
    return () => observer.disconnect();
  }, [root]);
}

/**
 * Tab from the last node goes to the first edge, and on through the edges; from the last edge it
 * leaves the canvas as Tab from the last node would. Shift+Tab walks back the same way.
 */
export function onCanvasTab(event: KeyboardEvent | ReactKeyboardEvent, root: HTMLElement): void {
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target as HTMLElement;
  const nodes = [...root.querySelectorAll<HTMLElement>(NODE)];
  const edges = [...root.querySelectorAll<HTMLElement>(EDGE)];
  const firstEdge = edges[0];
  const lastEdge = edges.at(-1);
  if (!firstEdge || !lastEdge) return;
  const edgeIndex = edges.indexOf(target);
  const nextEdge = edgeIndex >= 0 ? edges[edgeIndex + 1] : undefined;
  const previousEdge = edgeIndex > 0 ? edges[edgeIndex - 1] : undefined;
  const lastNode = nodes[nodes.length - 1];
  if (!event.shiftKey) {
    if (target === lastNode) {
      event.preventDefault();
      firstEdge.focus();
    } else if (nextEdge) {
      event.preventDefault();
      nextEdge.focus();
    } else if (edgeIndex === edges.length - 1 && lastNode) {
      // Out of the canvas: the browser moves on from the last node, to whatever follows it.
      lastNode.focus();
    }
  } else if (previousEdge) {
    event.preventDefault();
    previousEdge.focus();
  } else if (edgeIndex === 0 && lastNode) {
    event.preventDefault();
    lastNode.focus();
  } else if (lastNode && target === firstTabbableAfter(root, lastNode)) {
    // Back into the canvas from what follows it (the zoom controls): to the last edge.
    event.preventDefault();
    lastEdge.focus();
  }
}

const TABBABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

/** The first element of the canvas in the Tab order after `node` (and after the edges, which are out of it). */
function firstTabbableAfter(root: HTMLElement, node: HTMLElement): HTMLElement | undefined {
  for (const element of root.querySelectorAll<HTMLElement>(TABBABLE)) {
    if (
      node.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING &&
      !element.closest('.react-flow__node, .react-flow__edge')
    )
      return element;
  }
  return undefined;
}

/** Ctrl/⌘+Shift+L lays the topology out (Auto-layout), anywhere on the page except while typing in a field. */
export function useAutoLayoutShortcut(run: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey || event.key.toLowerCase() !== 'l') return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [run]);
}
