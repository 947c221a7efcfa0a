/**
 * The Network view: the bundle's `network.csv` (the generation core's connection matrix, read back here) as a table.
 * Choosing a node on the canvas highlights the rows it opens or receives; choosing a link highlights the connections
 * that link produces (between its ends, a load balancer standing for the nodes it fronts).
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import type { Topology } from '../../model/index.ts';
import { useDesigner } from '../store.tsx';
import type { NetworkRow } from './csv.ts';
import { networkRows } from './csv.ts';

/** How many rows the table draws at most: the CSV in the zip has all of them. */
const ROW_LIMIT = 2000;

/** A link's end and, for a load balancer, the nodes it fronts (its links to them). */
function endOf(topology: Topology, id: string): Set<string> {
  const ends = new Set([id]);
  const node = topology.nodes.find((n) => n.id === id);
  if (node?.kind === 'load-balancer') for (const link of topology.links) if (link.from === id) ends.add(link.to);
  return ends;
}

/** Which rows the selection touches: a node's own rows, or the rows between a link's two ends. */
export function highlightedRows(
  rows: readonly NetworkRow[],
  topology: Topology,
  nodes: readonly string[],
  links: readonly string[],
): Set<number> {
  const chosen = new Set(nodes);
  const pairs = links.flatMap((id) => {
    const [from, to] = id.split('->');
    return from === undefined || to === undefined ? [] : [[endOf(topology, from), endOf(topology, to)] as const];
  });
  const found = new Set<number>();
  rows.forEach((row, index) => {
    if (chosen.has(row.fromNode) || chosen.has(row.toNode)) found.add(index);
    else if (pairs.some(([a, b]) => (a.has(row.fromNode) && b.has(row.toNode)) || (b.has(row.fromNode) && a.has(row.toNode))))
      found.add(index);
  });
  return found;
}

export const NetworkTable = memo(function NetworkTable({ csv }: { csv: string }) {
  const rows = useMemo(() => networkRows(csv), [csv]);
  const topology = useDesigner((s) => s.topology);
  const selection = useDesigner((s) => s.selection);
  const highlighted = useMemo(
    () => highlightedRows(rows, topology, selection.nodes, selection.links),
    [rows, topology, selection.nodes, selection.links],
  );
  const shown = rows.slice(0, ROW_LIMIT);
  // The first highlighted row comes into view, so choosing a node far down the table shows its rows.
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    const first = body.current?.querySelector('tr[data-highlighted]');
    if (first && typeof first.scrollIntoView === 'function') first.scrollIntoView({ block: 'nearest' });
  }, [highlighted]);
  const what =
    selection.nodes.length + selection.links.length === 0
      ? 'choose a node or a link on the canvas to highlight its rows'
      : `${highlighted.size.toLocaleString('en')} highlighted for the selection`;
  return (
    <div className="network-view">
      <table className="network-table" aria-label="Connections">
        <caption>
          Connections: {rows.length.toLocaleString('en')} {rows.length === 1 ? 'row' : 'rows'}, {what}
          {rows.length > ROW_LIMIT ? ` (the first ${ROW_LIMIT.toLocaleString('en')} shown; network.csv has all)` : ''}.
        </caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">From host</th>
            <th scope="col">To</th>
            <th scope="col">To host</th>
            <th scope="col">Port</th>
            <th scope="col">Protocol</th>
            <th scope="col">Purpose</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {shown.map((row, index) => (
            <tr
              key={index}
              className={highlighted.has(index) ? 'highlighted' : undefined}
              data-highlighted={highlighted.has(index) || undefined}
            >
              <td>{row.fromNode}</td>
              <td>{row.fromHost}</td>
              <td>{row.toNode === '' ? '(outside)' : row.toNode}</td>
              <td>{row.toHost}</td>
              <td>{row.port}</td>
              <td>{row.protocol}</td>
              <td>{row.purpose}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
