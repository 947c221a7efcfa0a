/**
 * Custom TOML rules. APIM068 (does not parse), APIM069 (a key the version does not read) and APIM070 (a key the
 * designer writes too) need the TOML parsed and the files built, so the generator finds them (generate/customToml.ts)
 * and reports them with these functions. APIM071 reads the topology: on Kubernetes, WSO2's charts write the files.
 */
import type { Diagnostic, KeyListVersion, Topology } from '../model/index.ts';
import { platformOf } from '../model/index.ts';
import type { UnreadKey } from './keys.ts';
import { report } from './rules.ts';
import { names } from './text.ts';

/** Whose custom TOML: "gw-1's custom TOML", "cp-lb's custom TOML (for cp-1 and cp-2)". */
function whose(ownerId: string, members?: readonly string[]): string {
  return members ? `${ownerId}'s custom TOML (for ${names(members)})` : `${ownerId}'s custom TOML`;
}

export function customTomlParseDiagnostic(
  ownerId: string,
  problem: { message: string; line?: number | undefined; column?: number | undefined },
): Diagnostic {
  const where =
    problem.line === undefined ? '' : ` at line ${problem.line}${problem.column === undefined ? '' : `, column ${problem.column}`}`;
  return report('APIM068', {
    message: `${whose(ownerId)} does not parse${where}: ${problem.message}. None of it reaches the files until it does`,
    nodeIds: [ownerId],
    fix: 'Correct the TOML in the Custom TOML field of the inspector.',
  });
}

export function customTomlUnreadDiagnostics(ownerId: string, version: KeyListVersion, unread: readonly UnreadKey[]): Diagnostic[] {
  return unread.map(({ key, readBy, nearest }) => {
    const elsewhere = readBy.length
      ? ` (API-M ${readBy.join(', ')} ${readBy.length === 1 ? 'reads' : 'read'} it)`
      : ' (no API-M version from 4.0 to 4.7 reads it)';
    return report('APIM069', {
      message: `${whose(ownerId)} sets ${key}, which API-M ${version} does not read${elsewhere}: WSO2 ignores it without a word`,
      nodeIds: [ownerId],
      fix: nearest ? `Did you mean ${nearest}? Correct the key, or remove it.` : 'Remove the key, or choose a version that reads it.',
    });
  });
}

/**
 * A key the designer writes too, in the files of `files` (the node itself, or the members of the cluster). `shape`:
 * one writes a table where the other has a value, which cannot be merged at all.
 */
export function customTomlConflictDiagnostic(ownerId: string, key: string, files: readonly string[], shape: boolean): Diagnostic {
  const members = files.length === 1 && files[0] === ownerId ? undefined : files;
  if (shape) {
    return report('APIM070', {
      message: `${whose(ownerId, members)} sets ${key} as a table where the designer writes a value (or a value where it writes a table): the designer's stays`,
      nodeIds: [ownerId],
      fix: `Remove ${key} from the custom TOML, or set the keys inside it instead.`,
    });
  }
  return report('APIM070', {
    message: `${whose(ownerId, members)} sets ${key}, which the designer writes too: the designer's value stays`,
    nodeIds: [ownerId],
    fix: `Let the custom value win (it is then listed in customTomlOverrides), or remove ${key} from the custom TOML.`,
    action: { kind: 'override-custom-toml', nodeId: ownerId, key },
  });
}

export function validateCustomToml(topology: Topology): Diagnostic[] {
  if (platformOf(topology.settings) !== 'kubernetes') return [];
  const out: Diagnostic[] = [];
  for (const node of topology.nodes) {
    if (!('customToml' in node) || !node.customToml?.trim()) continue;
    out.push(
      report('APIM071', {
        message: `${node.id}'s custom TOML is not applied on Kubernetes: WSO2's charts write each pod's deployment.toml from their values`,
        nodeIds: [node.id],
        fix: "Set these keys through the chart's values, or choose the virtual machine platform in the settings.",
      }),
    );
  }
  return out;
}
