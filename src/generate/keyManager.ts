/**
 * A separate Key Manager's deployment.toml (4.3+; APIM docs 4.3.0–4.7.0 'Distributed Deployment with Key Manager
 * Separated', 'Configure the Key Manager nodes'; helm-apim 4.3.x–4.7.x distributed/key-manager/confs/deployment.toml):
 * the control plane's databases, the identity tables of a node that registers applications and issues tokens, the
 * token revocation listener aimed at the control plane, and the control plane's event hub. It names no
 * `[apim.key_manager]`: it is the Key Manager.
 */
import type { KeyManagerNode } from '../model/index.ts';
import { controlPlaneClusters } from '../model/index.ts';
import type { TomlDocument, TomlTable } from './toml/index.ts';
import type { GenerationContext } from './context.ts';
import { baseTables, fileHeader } from './baseTables.ts';
import { eventHubOf } from './connections.ts';
import { describeCluster } from './addresses.ts';
import { signUpAndApplicationTables, tokenRevocationTables, tokenTypeTables } from './identity.ts';

export function keyManagerDocument(context: GenerationContext, node: KeyManagerNode): TomlDocument {
  // Its control plane: control planes (Pattern 4), or All-in-One nodes (Pattern 5, APIM docs 4.7.0 'Deployment
  // Patterns', "Simple Scalable with Key Manager Separation"; helm-apim 4.5.x docs/am-pattern-5-all-in-one_GW_KM).
  const controlPlanes = controlPlaneClusters(context.graph, node);
  const [controlPlane] = controlPlanes;
  const tables: TomlTable[] = baseTables(context, node);
  if (controlPlane) {
    tables.push(
      eventHubOf(controlPlanes, [
        `Event hub: ${describeCluster(controlPlane)}, every node listed: the Key Manager hears API, application and`,
        'subscription events from it, as the gateways do.',
      ]),
    );
  }
  tables.push(...tokenTypeTables(context, node), ...signUpAndApplicationTables());
  if (controlPlane) tables.push(...tokenRevocationTables(context, node, controlPlane));
  return { header: fileHeader(context, node), tables };
}
