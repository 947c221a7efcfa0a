import type { Diagnostic, Topology, TopologyGraph } from '../model/index.ts';
import { buildGraph } from '../model/index.ts';
import { validateStructure } from './structure.ts';
import { validateFields } from './fields.ts';
import { validatePorts } from './ports.ts';
import { validateDeployment } from './deployment.ts';
import { validateDatabases } from './databases.ts';
import { validateVersions } from './versions.ts';
import { validateHardening } from './hardening.ts';
import { validateSettings } from './settings.ts';
import { validateThrottling } from './throttling.ts';
import { validateKeyManagers } from './keyManagers.ts';
import { validateAllInOne } from './allInOne.ts';
import { validateIdentityServers } from './identityServers.ts';
import { validateKubernetes } from './kubernetes.ts';
import { validateCustomToml } from './customToml.ts';

export { validateStructure } from './structure.ts';
export { validateFields } from './fields.ts';
export { validatePorts, openPorts } from './ports.ts';
export type { OpenPort } from './ports.ts';
export { validateDeployment } from './deployment.ts';
export { validateDatabases } from './databases.ts';
export { encryptionKeyProblem, validateVersions } from './versions.ts';
export { validateHardening } from './hardening.ts';
export { validateSettings } from './settings.ts';
export { validateThrottling } from './throttling.ts';
export { validateKeyManagers } from './keyManagers.ts';
export { validateAllInOne } from './allInOne.ts';
export { validateIdentityServers } from './identityServers.ts';
export { validateKubernetes } from './kubernetes.ts';
export { customTomlConflictDiagnostic, customTomlParseDiagnostic, customTomlUnreadDiagnostics, validateCustomToml } from './customToml.ts';
export { certificateNameDiagnostics, nameCovers } from './certificates.ts';
export type { TlsCall } from './certificates.ts';
export { RULES, ruleOf, rulesTableMarkdown } from './rules.ts';
export type { ImplementedRule, NotApplicableRule, RuleCode, RuleEntry } from './rules.ts';

/** The rule modules, by concept, in the order their diagnostics are listed within a severity. */
const MODULES: ((topology: Topology, graph: TopologyGraph) => Diagnostic[])[] = [
  validateStructure,
  validateFields,
  validatePorts,
  validateDeployment,
  validateDatabases,
  validateVersions,
  validateThrottling,
  validateKeyManagers,
  validateAllInOne,
  validateIdentityServers,
  validateKubernetes,
  validateCustomToml,
  validateSettings,
  validateHardening,
];

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * Every problem the designer can see in a topology, errors first, in a stable order. Pure, and linear
 * in the size of the topology: the graph is built once and each module makes one pass.
 */
export function validate(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  const diagnostics = MODULES.flatMap((module) => module(topology, graph));
  return diagnostics
    .map((d, index) => ({ d, index }))
    .sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity] || a.index - b.index)
    .map(({ d }) => d);
}
export { editDistance, keyPaths, nearestKey, unreadKeyDiagnostics, unreadKeys } from './keys.ts';
export type { UnreadKey } from './keys.ts';
