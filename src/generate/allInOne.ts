/**
 * An All-in-One's deployment.toml: the whole API-M in one server (`sh api-manager.sh`, no profile; from 4.5 the
 * All-in-One distribution). Three uses, one file:
 * - alone (Pattern 0): WSO2's default deployment.toml essentials, its own gateway environment (product-apim v4.0.0 and
 *   v4.5.0 `all-in-one-apim/…/conf/deployment.toml`);
 * - two or more behind a load balancer (Pattern 1): each copies events and throttle decisions to the others (APIM docs
 *   'Configuring an Active-Active Deployment'; helm-apim 4.5.x all-in-one/confs/instance-1/deployment.toml);
 * - the control plane of gateways (Pattern 2): environments pointing at the gateways (their load balancer), the event
 *   hub, the Key Manager and the token revocation listener aimed at itself (APIM docs 4.5.0 'Simple Scalable Setup',
 *   "Configure the API Manager All-in-One nodes" and its HA sample).
 */
import type { AllInOneNode } from '../model/index.ts';
import { portOf } from '../model/index.ts';
import type { TomlDocument, TomlTable } from './toml/index.ts';
import { table } from './toml/index.ts';
import type { GenerationContext } from './context.ts';
import { baseTables, fileHeader } from './baseTables.ts';
import { apikeySubscriptionValidation, throttlingUrlGroups } from './connections.ts';
import { endpoint } from './addresses.ts';
import { analyticsTables } from './analytics.ts';
import { devportalTable, environmentTables, eventHubTables, gatewayTypeTables, keyManagerTables, portalTables } from './controlPlane.ts';
import { residentIdentityServer } from './identity.ts';
import { backendJwtTables, gatewayNotificationTables, skipListTables } from './gateway.ts';

export function allInOneDocument(context: GenerationContext, node: AllInOneNode): TomlDocument {
  const { graph } = context;
  const own = graph.clusterOf(node);
  // Every All-in-One of the topology is one tier, as control planes are (README, "Links").
  const tier = graph.nodesOfKind('all-in-one');
  const peers = tier.filter((peer) => peer.id !== node.id);
  const gateways = graph.wiredClusters(node, 'gateway');
  // Serving gateways or peers, it runs as their event hub and Key Manager; alone it needs neither table.
  const coordinates = gateways.length > 0 || peers.length > 0;
  // With no gateway linked it is the gateway: API traffic, environments and labels are its own.
  const servesApis = gateways.length === 0;
  const tables: TomlTable[] = baseTables(context, node);

  tables.push(...gatewayTypeTables(context, 'All-in-One'), devportalTable(own));
  tables.push(...environmentTables(context, gateways, own));
  if (servesApis) {
    tables.push(
      table(
        'apim.sync_runtime_artifacts.gateway',
        { gateway_labels: context.environments.map((environment) => environment.name) },
        'Gateway environments the gateway inside this All-in-One serves: every one, as no other gateway is linked.',
      ),
    );
  }
  if (coordinates) tables.push(...eventHubTables(context, node, own, tier));
  // With WSO2 IS 5.11 / 6.x linked it is the Key Manager, which an All-in-One alone names too.
  if (coordinates || residentIdentityServer(context, node)) tables.push(...keyManagerTables(context, node, own));
  else tables.push(...ownKeyManagerDefaults(context));
  if (peers.length > 0) tables.push(...peerThrottlingTables(context, node, peers, tier));
  if (servesApis) tables.push(...skipListTables(context), ...backendJwtTables(context), ...analyticsTables(context));
  tables.push(...gatewayNotificationTables(context, node), ...portalTables(context, node, own, []));

  return { header: fileHeader(context, node), tables };
}

/**
 * `[apim.key_manager]` of an All-in-One alone, its own Key Manager at the default address: only what the product's
 * default deployment.toml sets there and this file would otherwise drop. On 4.2 and 4.3 that is API key subscription
 * validation (product-apim v4.2.0 / v4.3.0 default deployment.toml, the one distribution's, `[apim.key_manager]`
 * enable_apikey_subscription_validation = true; carbon-apimgt GatewayUtils.isAPIKeySubscriptionValidationEnabled reads
 * false when it is absent, and an API key then keeps working after its subscription is removed or blocked).
 */
function ownKeyManagerDefaults(context: GenerationContext): TomlTable[] {
  const validation = apikeySubscriptionValidation(context);
  if (Object.keys(validation).length === 0) return [];
  return [
    table('apim.key_manager', validation, [
      'Key Manager: this node itself, at its default address. API keys are checked against their subscriptions,',
      "as the product's default file for this version sets (without it a key outlives its subscription).",
    ]),
  ];
}

/**
 * `[apim.throttling]` of an All-in-One with peers: throttle events copied to the other All-in-One nodes, decisions
 * taken from its own broker (APIM docs 4.5.0 'Simple Scalable Setup', HA sample: event_duplicate_url the other
 * All-in-One, throttle_decision_endpoints `tcp://localhost:5672`); its gateway publishes to every All-in-One, one
 * url_group each (helm-apim 4.5.x all-in-one/confs/instance-1/deployment.toml with highAvailability). On 4.0–4.2 this
 * copy list is also where token revocations go to the peers (audit B2, B3), so it is written on every version.
 */
function peerThrottlingTables(context: GenerationContext, node: AllInOneNode, peers: AllInOneNode[], tier: AllInOneNode[]): TomlTable[] {
  return [
    table(
      'apim.throttling',
      {
        event_duplicate_url: peers.map((peer) => endpoint('tcp', peer, 'broker')),
        throttle_decision_endpoints: [`tcp://localhost:${portOf(node, 'broker')}`],
      },
      [
        'Throttling: the Traffic Manager inside this node takes the decisions and copies events to every other All-in-One,',
        'so each counts what the others see; token revocations reach them the same way.',
      ],
    ),
    ...throttlingUrlGroups(tier.map((member) => context.graph.clusterOf(member))),
  ];
}
