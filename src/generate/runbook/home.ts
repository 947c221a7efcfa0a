/** Where a kind of node is unpacked, as the runbook writes it: `<API-M_HOME>`, or the 4.5 component's. */
import type { ApimKind } from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';

export function homeOf(context: GenerationContext, kind: ApimKind): string {
  const { distribution } = context.facts.start[kind];
  return distribution === 'wso2am' ? '<API-M_HOME>' : `<${distribution.toUpperCase()}_HOME>`;
}
