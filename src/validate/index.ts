import type { Diagnostic, Topology, TopologyGraph } from '../model/index.ts';
import { buildGraph } from '../model/index.ts';
import { validateStructure } from './structure.ts';

export { validateStructure } from './structure.ts';

/** Every problem the designer can see in a topology, errors first, in a stable order. */
export function validate(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  const diagnostics = validateStructure(topology, graph);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return diagnostics
    .map((d, index) => ({ d, index }))
    .sort((a, b) => rank[a.d.severity] - rank[b.d.severity] || a.index - b.index)
    .map(({ d }) => d);
}
