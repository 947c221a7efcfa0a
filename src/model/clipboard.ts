/**
 * Copy, paste and duplicate as pure functions: a fragment is a set of nodes and the links among them;
 * pasting gives every node a fresh id, moves it by an offset, and keeps the links inside the set.
 */
import type { Link, Topology, TopologyNode } from './types.ts';
import { isApimNode } from './kinds.ts';
import { defaultHost } from './defaults.ts';
import { freeOffset, nextId } from './edits.ts';

export interface Fragment {
  nodes: TopologyNode[];
  links: Link[];
}

/** The selected nodes and the links whose both ends are selected. */
export function copyFragment(topology: Topology, ids: Iterable<string>): Fragment {
  const chosen = new Set(ids);
  return {
    nodes: topology.nodes.filter((node) => chosen.has(node.id)),
    links: topology.links.filter((link) => chosen.has(link.from) && chosen.has(link.to)),
  };
}

/**
 * Adds a copy of the fragment, shifted by `shift`. A node on its old id's default host moves to its new
 * id's default host (`gw-1.example.com` → `gw-3.example.com`); a node on any other host stays there and
 * gets a free offset, so copies never collide with the originals.
 */
export function pasteFragment(
  topology: Topology,
  fragment: Fragment,
  shift: { x: number; y: number },
): { topology: Topology; ids: string[] } {
  let next = topology;
  const renamed = new Map<string, string>();
  for (const node of fragment.nodes) {
    const id = nextId(next, node.kind);
    renamed.set(node.id, id);
    let copy: TopologyNode = { ...node, id, x: node.x + shift.x, y: node.y + shift.y };
    if (node.label === node.id) copy = { ...copy, label: id };
    if (node.host === defaultHost(node.id)) copy = { ...copy, host: defaultHost(id) };
    if (isApimNode(copy)) copy = { ...copy, offset: freeOffset(next, copy.host) };
    if ('release' in copy && copy.release !== undefined) {
      const { release: _release, ...rest } = copy; // a release name names one cluster: the copy takes the default
      copy = rest;
    }
    if (copy.kind === 'gateway' && copy.gatewayId !== undefined) {
      const { gatewayId: _gatewayId, ...rest } = copy; // a gateway_id names one gateway: the copy derives its own
      copy = rest;
    }
    next = { ...next, nodes: [...next.nodes, copy] };
  }
  const links = fragment.links.flatMap((link) => {
    const [from, to] = [renamed.get(link.from), renamed.get(link.to)];
    return from !== undefined && to !== undefined ? [{ from, to }] : [];
  });
  return { topology: { ...next, links: [...next.links, ...links] }, ids: [...renamed.values()] };
}
