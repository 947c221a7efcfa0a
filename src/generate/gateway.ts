/**
 * A gateway's deployment.toml (docs 4.1-4.4 TM-separated page / docs 4.5 TM-separated include, 'Configure the Gateway
 * nodes'; helm-apim distributed/gateway/confs/deployment.toml; the seed's "Configure the Gateway nodes").
 */
import type { AllInOneNode, GatewayNode } from '../model/index.ts';
import { controlPlaneClusters, gatewayIdOf, versionName } from '../model/index.ts';
import type { TomlDocument, TomlTable } from './toml/index.ts';
import { table } from './toml/index.ts';
import type { GenerationContext } from './context.ts';
import { WHOLE_TOPOLOGY, gatewayLabels, shared } from './context.ts';
import { baseTables, fileHeader } from './baseTables.ts';
import {
  SUPER_ADMIN_REFS,
  apikeySubscriptionValidation,
  corsTables,
  eventHubOf,
  keyManagerOf,
  sharesCounters,
  throttlingUrlGroups,
} from './connections.ts';
import { describeCluster, memberEndpoints, servicesUrl } from './addresses.ts';
import { analyticsTables } from './analytics.ts';
import { identityServerKeyManagerTable, residentIdentityServer, tokenExchangeTables } from './identity.ts';

export function gatewayDocument(context: GenerationContext, node: GatewayNode): TomlDocument {
  // Everything but [server] and the labels is the same for every gateway of a cluster (a cluster is
  // wired as a unit: graph.wiredClusters): built once.
  const cluster = context.graph.clusterOf(node);
  const labels = gatewayLabels(context, node);
  const tables: TomlTable[] = [
    ...baseTables(context, node),
    ...shared(context, cluster, 'gateway', () => clusterTables(context, node)),
    shared(context, WHOLE_TOPOLOGY, `gateway labels ${JSON.stringify(labels)}`, () =>
      table(
        'apim.sync_runtime_artifacts.gateway',
        { gateway_labels: labels },
        'Gateway environments this gateway serves: each must be a control plane environment name.',
      ),
    ),
    ...shared(context, WHOLE_TOPOLOGY, 'gateway skip list', () => skipListTables(context)),
    ...gatewayNotificationTables(context, node),
  ];
  return { header: fileHeader(context, node), tables };
}

/**
 * `[apim.gateway_notification] gateway_id` (4.6+), one per gateway node, never per cluster: carbon-apimgt v9.32.147
 * GatewayNotifier registers the gateway with the control plane under it, and turns an empty id (the default) into a
 * new random UUID on every start, so without it a restarted gateway is a new gateway to the control plane. APIM docs
 * 4.6.0 / 4.7.0 (distributed deployment, Gateway step 4): "a unique identifier for each Gateway node". An All-in-One
 * runs a gateway that registers the same way (helm-apim 4.6.x / 4.7.x all-in-one/confs/instance-1/deployment.toml
 * writes `[apim.gateway_notification] gateway_id` too): it registers under its node id.
 */
export function gatewayNotificationTables(context: GenerationContext, node: GatewayNode | AllInOneNode): TomlTable[] {
  if (!context.facts.gatewayId) return [];
  const source = node.kind === 'gateway' && node.gatewayId !== undefined ? 'set on the node' : 'its node id';
  const who = node.kind === 'gateway' ? 'this gateway' : 'the gateway inside this All-in-One';
  return [
    table('apim.gateway_notification', { gateway_id: gatewayIdOf(node) }, [
      `Gateway notification: the id ${who} registers with the control plane under, ${source},`,
      'the same at every start and unique to this node (without it each start registers a new gateway under a random id).',
    ]),
  ];
}

/** The tables a gateway's cluster decides: Key Manager, event hub, throttling, JWT, analytics, CORS. */
function clusterTables(context: GenerationContext, node: GatewayNode): TomlTable[] {
  const { graph, facts } = context;
  // The control planes, or the All-in-One nodes that serve as them (Pattern 2; wired to both is APIM053: the kind of
  // the first is used).
  const wired = controlPlaneClusters(graph, node);
  const controlPlane = wired[0];
  const controlPlanes = wired.filter((cluster) => cluster.kind === controlPlane?.kind);
  // An All-in-One runs the Traffic Manager: its gateways throttle through it (APIM docs 4.5.0 'Simple Scalable Setup',
  // Gateway: throttle_decision_endpoints and one url_group per All-in-One; helm-apim 4.5.x
  // docs/am-pattern-2-all-in-one_GW default_gw_values.yaml throttling.urls).
  const onAllInOne = controlPlane?.kind === 'all-in-one';
  const trafficManagers = onAllInOne ? [] : graph.wiredClusters(node, 'traffic-manager');
  const separateTm = trafficManagers.length > 0;
  const throttlers = separateTm ? trafficManagers : controlPlanes;
  const tables: TomlTable[] = [];

  const keyManager = keyManagerOf(context, node, controlPlane);
  const identityServer = residentIdentityServer(context, node);
  if (identityServer) {
    tables.push(identityServerKeyManagerTable(identityServer, apikeySubscriptionValidation(context)), ...tokenExchangeTables(context));
  } else if (keyManager) {
    tables.push(
      table(
        'apim.key_manager',
        { service_url: servicesUrl(keyManager), ...SUPER_ADMIN_REFS, ...apikeySubscriptionValidation(context) },
        `Key Manager: ${describeCluster(keyManager)}.`,
      ),
    );
  }
  if (controlPlane) {
    if (separateTm || facts.gatewayEventHubAlways) {
      tables.push(
        eventHubOf(
          controlPlanes,
          separateTm
            ? [
                `Event hub: ${describeCluster(controlPlane)}, every node listed.`,
                "Required with a separate Traffic Manager (the seed omits it): without it the gateway listens on the TM's broker",
                'and never receives API, subscription or token-revocation events.',
              ]
            : [
                `Event hub: ${describeCluster(controlPlane)}, every node listed.`,
                `API-M ${facts.version} gateways always name the event hub (docs 4.5); 4.0–4.4 hear it through the throttling settings.`,
              ],
        ),
      );
    }
  }

  const [first] = throttlers;
  if (first) {
    let serviceUrl: string | undefined;
    let serviceComment: string;
    if (!separateTm) {
      serviceUrl = servicesUrl(first);
      serviceComment =
        facts.controlPlaneRunsTrafficManager || onAllInOne
          ? `Throttling: the Traffic Manager inside ${describeCluster(first)}; this also reaches its event hub.`
          : `Throttling: ${describeCluster(first)}; the API-M ${versionName(facts.version)} API Control Plane runs no Traffic Manager, so add one (APIM026).`;
    } else if (facts.gatewayThrottlingServiceUrlWithSeparateTm) {
      serviceUrl = servicesUrl(first);
      serviceComment = `Throttling: ${describeCluster(first)}.`;
    } else {
      serviceComment = `Throttling: ${describeCluster(first)}; from API-M 4.1 the event hub has its own service_url.`;
    }
    const shared = sharesCounters(context, throttlers);
    tables.push(
      table('apim.throttling', { service_url: serviceUrl, throttle_decision_endpoints: memberEndpoints(throttlers, 'tcp', 'broker') }, [
        serviceComment,
        shared
          ? "Decisions arrive on every node's broker; events go to one node each, which count together in Redis."
          : "Decisions arrive on every node's broker; events go to every node, one url_group each.",
      ]),
    );
    tables.push(...throttlingUrlGroups(throttlers, shared));
  }

  tables.push(...backendJwtTables(context), ...analyticsTables(context), ...corsTables(context));

  return tables;
}

/** `[apim.jwt]`: the backend JWT a gateway (or an All-in-One serving API traffic) passes to backends. */
export function backendJwtTables(context: GenerationContext): TomlTable[] {
  const { settings } = context;
  const tables: TomlTable[] = [];
  if (settings.jwt.enabled) {
    tables.push(
      table(
        'apim.jwt',
        {
          enable: true,
          encoding: settings.jwt.encoding,
          claim_dialect: settings.jwt.claimDialect,
          header: settings.jwt.header,
          signing_algorithm: settings.jwt.signingAlgorithm,
        },
        'Backend JWT: end-user attributes passed to backends.',
      ),
    );
  }
  return tables;
}

/** Custom runtime artifacts kept on every gateway (and an All-in-One serving API traffic). */
export function skipListTables(context: GenerationContext): TomlTable[] {
  const skip = context.settings.skipList;
  if (!(skip.apis.length || skip.endpoints.length || skip.sequences.length || skip.localEntries.length)) return [];
  return [
    table(
      'apim.sync_runtime_artifacts.gateway.skip_list',
      {
        apis: skip.apis.length ? skip.apis : undefined,
        endpoints: skip.endpoints.length ? skip.endpoints : undefined,
        sequences: skip.sequences.length ? skip.sequences : undefined,
        // local_entries in every version (audit S1): carbon-apimgt v9.0.174 api-manager.xml.j2 reads
        // skip_list.local_entries; the seed's `local-entries` is read by nothing.
        local_entries: skip.localEntries.length ? skip.localEntries : undefined,
      },
      'Custom runtime artifacts kept on the gateway.',
    ),
  ];
}
