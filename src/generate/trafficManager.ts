/**
 * A separate Traffic Manager's deployment.toml (docs 4.1-4.4 TM-separated page / docs 4.5 TM-separated include,
 * 'Configure the Traffic Manager nodes'; helm-apim distributed/traffic-manager/confs; the seed's "Configure
 * separate Traffic Manager nodes").
 */
import type { TrafficManagerNode } from '../model/index.ts';
import { portOf } from '../model/index.ts';
import type { TomlDocument, TomlTable } from './toml/index.ts';
import { arrayTable, table } from './toml/index.ts';
import type { GenerationContext } from './context.ts';
import { baseTables, fileHeader } from './baseTables.ts';
import { SUPER_ADMIN_REFS, distributedThrottlingTables, eventHubOf, keyManagerOf } from './connections.ts';
import { describeCluster, endpoint, servicesUrl } from './addresses.ts';
import { identityServerKeyManagerTable, identityServerRevokeTable, residentIdentityServer } from './identity.ts';

export function trafficManagerDocument(context: GenerationContext, node: TrafficManagerNode): TomlDocument {
  const { graph, facts } = context;
  const controlPlanes = graph.wiredClusters(node, 'control-plane');
  const controlPlane = controlPlanes[0];
  const peers = graph.nodesOfKind('traffic-manager').filter((peer) => peer.id !== node.id);
  const tables: TomlTable[] = baseTables(context, node);

  const keyManager = keyManagerOf(context, node, controlPlane);
  const identityServer = residentIdentityServer(context, node);
  if (identityServer) {
    // helm-apim 4.2.x–4.7.x distributed/traffic-manager confs with `iskm.enabled`: the Key Manager (where the version
    // writes one on a Traffic Manager) and the revoke endpoint name IS.
    if (facts.trafficManagerKeyManager) tables.push(identityServerKeyManagerTable(identityServer));
    tables.push(identityServerRevokeTable(identityServer));
  } else if (keyManager && facts.trafficManagerKeyManager) {
    tables.push(
      table(
        'apim.key_manager',
        { service_url: servicesUrl(keyManager), ...SUPER_ADMIN_REFS },
        `Key Manager: ${describeCluster(keyManager)}.`,
      ),
    );
  }

  if (facts.trafficManagerGatewayEnvironment) {
    context.environments.forEach((environment, index) => {
      tables.push(
        arrayTable(
          'apim.gateway.environment',
          { name: environment.name, type: environment.type },
          index === 0 ? 'Gateway environments, as the 4.0 seed writes them on the Traffic Manager (not used from 4.1).' : undefined,
        ),
      );
    });
  }

  if (controlPlane) {
    tables.push(
      eventHubOf(controlPlanes, [
        `Event hub: ${describeCluster(controlPlane)}, every node listed (the seed omits this).`,
        'When a policy event arrives the Traffic Manager fetches the throttling policies from it.',
      ]),
    );
  }

  const skip = node.skipRedeployingPolicies ?? [];
  if (peers.length > 0 || skip.length > 0) {
    const comment: string[] = [];
    if (peers.length > 0)
      comment.push('Throttling: copy events to every other Traffic Manager so their counters agree; the peers must be reachable.');
    if (skip.length > 0) comment.push('Policies listed in skip_redeploying_policies are not redeployed from the database at start-up.');
    tables.push(
      table(
        'apim.throttling',
        {
          event_duplicate_url: peers.length ? peers.map((peer) => endpoint('tcp', peer, 'broker')) : undefined,
          throttle_decision_endpoints: peers.length ? [`tcp://localhost:${portOf(node, 'broker')}`] : undefined,
          skip_redeploying_policies: skip.length ? skip : undefined,
        },
        comment,
      ),
    );
  }

  tables.push(...distributedThrottlingTables(context, node));

  return { header: fileHeader(context, node), tables };
}
