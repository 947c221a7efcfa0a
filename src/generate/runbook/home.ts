/** Where a kind of node is unpacked, as the runbook writes it: `<API-M_HOME>`, or the 4.5 component's. */
import type { ApimKind } from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';

export function homeOf(context: GenerationContext, kind: ApimKind): string {
  const { distribution } = context.facts.start[kind];
  return distribution === 'wso2am' ? '<API-M_HOME>' : `<${distribution.toUpperCase()}_HOME>`;
}

/**
 * The kind of node that serves the portals and ships the database scripts: the control planes, or, where the topology
 * has none, the All-in-One nodes (APIM docs 4.5.0 'Simple Scalable Setup': the scripts of the All-in-One pack).
 */
export function portalKind(context: GenerationContext): 'control-plane' | 'all-in-one' {
  const { graph } = context;
  return graph.nodesOfKind('control-plane').length === 0 && graph.nodesOfKind('all-in-one').length > 0 ? 'all-in-one' : 'control-plane';
}
