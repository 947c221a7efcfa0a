/**
 * A control plane's deployment.toml (docs 4.1-4.4 TM-separated page / docs 4.5 TM-separated include, 'Configure the
 * Control Plane nodes'; helm-apim distributed/control-plane/confs; the seed's "Configure the Control Plane nodes").
 */
import type { ApimNode, Cluster, ControlPlaneNode, GatewayEnvironment } from '../model/index.ts';
import { ALL_IN_ONE_LB_PORTS, GATEWAY_LB_PORTS, KIND_NAMES, gatewayEndpoints, portOf } from '../model/index.ts';
import type { TomlDocument, TomlTable } from './toml/index.ts';
import { arrayTable, table } from './toml/index.ts';
import type { GenerationContext } from './context.ts';
import { gatewayLabels } from './context.ts';
import { baseTables, fileHeader } from './baseTables.ts';
import {
  SUPER_ADMIN_REFS,
  apikeySubscriptionValidation,
  corsTables,
  distributedThrottlingTables,
  keyManagerOf,
  throttlingUrlGroups,
} from './connections.ts';
import { describeCluster, endpoint, httpsBase, servicesUrl } from './addresses.ts';
import {
  identityServerKeyManagerTable,
  identityServerRevokeTable,
  residentIdentityServer,
  signUpAndApplicationTables,
  tokenExchangeTables,
  tokenRevocationTables,
  tokenTypeTables,
} from './identity.ts';

export function controlPlaneDocument(context: GenerationContext, node: ControlPlaneNode): TomlDocument {
  const { graph } = context;
  const own = graph.clusterOf(node);
  const tier = graph.nodesOfKind('control-plane');
  const peers = tier.filter((peer) => peer.id !== node.id);
  const gateways = graph.wiredClusters(node, 'gateway');
  const trafficManagers = graph.wiredClusters(node, 'traffic-manager');
  const tables: TomlTable[] = baseTables(context, node);
  const peerBrokers = peers.length ? peers.map((peer) => endpoint('tcp', peer, 'broker')) : undefined;

  tables.push(...gatewayTypeTables(context, 'API Control Plane'), devportalTable(own));
  tables.push(...environmentTables(context, gateways));
  tables.push(...eventHubTables(context, node, own, tier));
  tables.push(...keyManagerTables(context, node, own));
  tables.push(...throttlingTables(context, trafficManagers, peerBrokers), ...distributedThrottlingTables(context, node));
  tables.push(
    ...portalTables(
      context,
      node,
      own,
      graph.nodesOfKind('traffic-manager').length > 0
        ? [
            "(The seed sends this to the Traffic Manager, but its broker carries only throttle decisions: gateways get revocations from the control plane's event hub.)",
          ]
        : [],
    ),
  );

  return { header: fileHeader(context, node), tables };
}

/**
 * `[apim] gateway_type`: the gateway types the Admin portal offers, as the version's API Control Plane and All-in-One
 * ship them (audit S4; product-apim v4.5.0–v4.7.0 `api-control-plane/` and `all-in-one-apim/` default deployment.toml).
 */
export function gatewayTypeTables(context: GenerationContext, distribution: 'API Control Plane' | 'All-in-One'): TomlTable[] {
  const { facts } = context;
  if (!facts.controlPlaneGatewayTypes) return [];
  return [
    table(
      'apim',
      { gateway_type: facts.controlPlaneGatewayTypes },
      `Gateway types the Admin portal offers, as the API-M ${facts.version} ${distribution} ships them (without it, only Regular).`,
    ),
  ];
}

/**
 * Always written (audit S5; helm-apim 4.2.x distributed/control-plane/confs/instance-1/deployment.toml and the docs 4.5
 * TM-separated include CP HA sample set [apim.devportal] url): without it the Publisher's "View in Developer Portal"
 * links and the e-mails point at https://localhost:9443/devportal (carbon-apimgt default.json).
 */
export function devportalTable(own: Cluster): TomlTable {
  return table(
    'apim.devportal',
    { url: `${httpsBase(own)}/devportal` },
    own.lb ? `Developer Portal links use load balancer ${own.lb.id}.` : `Developer Portal links use this node's address.`,
  );
}

/**
 * One `[[apim.gateway.environment]]` per environment, with the endpoints of the first linked gateway cluster serving
 * it; `fallback` serves the environments no linked gateway serves (an All-in-One's own gateway).
 */
export function environmentTables(context: GenerationContext, gateways: Cluster[], fallback?: Cluster): TomlTable[] {
  const serving = servingClusters(context, gateways);
  return context.environments.map((environment) => environmentTable(context, environment, serving.get(environment.name) ?? fallback));
}

/**
 * `[apim.event_hub]` of a node that runs the event hub (a control plane, an All-in-One), copying events to the other
 * nodes of its tier, and one `[[apim.event_hub.publish.url_group]]` per node of the tier (C4; docs 4.1-4.4 TM-separated
 * page, Control Plane HA; APIM docs 4.5.0 'Simple Scalable Setup', the All-in-One HA sample).
 */
export function eventHubTables(context: GenerationContext, node: ApimNode, own: Cluster, tier: ApimNode[]): TomlTable[] {
  const { facts } = context;
  const kind = KIND_NAMES[node.kind].toLowerCase();
  const peers = tier.filter((peer) => peer.id !== node.id);
  const peerBrokers = peers.length ? peers.map((peer) => endpoint('tcp', peer, 'broker')) : undefined;
  const tables = [
    table(
      'apim.event_hub',
      {
        enable: true,
        ...SUPER_ADMIN_REFS,
        service_url: servicesUrl(own),
        event_listening_endpoints: [`tcp://localhost:${portOf(node, 'broker')}`],
        event_duplicate_url: peerBrokers && facts.controlPlanePeerKeys.eventHub ? peerBrokers : undefined,
      },
      peerBrokers
        ? [
            `Event hub: this node, copying events to every other ${kind} (the seed omits this),`,
            'so token revocations and API events reach gateways listening on any of them.',
            ...(facts.controlPlanePeerKeys.eventHub
              ? []
              : [`API-M ${facts.version} reads the copy list from [apim.throttling] event_duplicate_url (below).`]),
          ]
        : 'Event hub: this node.',
    ),
  ];
  for (const member of tier) {
    tables.push(
      arrayTable(
        'apim.event_hub.publish.url_group',
        { urls: [endpoint('tcp', member, 'binaryTcp')], auth_urls: [endpoint('ssl', member, 'binarySsl')] },
        `Event hub publishing to ${member.id}: one url_group per ${kind}.`,
      ),
    );
  }
  return tables;
}

/**
 * With WSO2 Identity Server 5.11 / 6.x linked, it is the Key Manager: `[apim.key_manager]` type WSO2-IS, token exchange
 * off and revocations at IS (helm-apim distributed/control-plane `iskm.enabled`). Otherwise:
 * `[apim.key_manager]` of a node that runs a Key Manager itself: its cluster (its load balancer); or, wired to a
 * separate Key Manager, that one, with the admin's credentials as the gateways name it (APIM docs 'Distributed
 * Deployment with Key Manager Separated', Control Plane step; helm-apim 4.5.x distributed/control-plane `km.enabled`).
 */
export function keyManagerTables(context: GenerationContext, node: ApimNode, own: Cluster): TomlTable[] {
  const identityServer = residentIdentityServer(context, node);
  if (identityServer) {
    return [
      identityServerKeyManagerTable(identityServer, apikeySubscriptionValidation(context)),
      ...tokenExchangeTables(context),
      identityServerRevokeTable(identityServer),
    ];
  }
  return [keyManagerTable(context, node, own)];
}

function keyManagerTable(context: GenerationContext, node: ApimNode, own: Cluster): TomlTable {
  const keyManager = keyManagerOf(context, node, own) ?? own;
  return table(
    'apim.key_manager',
    {
      service_url: servicesUrl(keyManager),
      ...(keyManager === own ? {} : SUPER_ADMIN_REFS),
      ...apikeySubscriptionValidation(context),
    },
    `Key Manager: ${describeCluster(keyManager)}.`,
  );
}

/**
 * The tables of a node that serves the portals and issues tokens, after throttling: cache invalidation, CORS, the
 * 4.7 token issuer, the sign-up handler, application names and the token revocation listener, aimed at `own`. These
 * are in the product's default deployment.toml (API Control Plane and All-in-One alike), which this file replaces.
 */
export function portalTables(context: GenerationContext, node: ApimNode, own: Cluster, listenerNote: string[]): TomlTable[] {
  const { settings } = context;
  const tables: TomlTable[] = [];
  if (settings.cacheInvalidation.enabled) {
    tables.push(
      table(
        'apim.cache_invalidation',
        { enabled: true, domain: settings.cacheInvalidation.domain },
        `Distributed cache invalidation between the ${KIND_NAMES[own.kind].toLowerCase()} nodes.`,
      ),
    );
  }
  tables.push(
    ...corsTables(context),
    ...tokenTypeTables(context, node),
    ...signUpAndApplicationTables(),
    // With IS as the Key Manager the listener is IS's: it issues and revokes the tokens (helm-apim 4.2.x–4.7.x
    // distributed/control-plane confs write it only without `iskm.enabled`; APIM docs 'Configure WSO2 IS as a Key
    // Manager', the IS deployment.toml).
    ...(residentIdentityServer(context, node) ? [] : tokenRevocationTables(context, node, own, listenerNote)),
  );
  return tables;
}

/**
 * `[apim.throttling]` of a control plane: on 4.0, where the throttling events go when the Traffic
 * Manager is separate (C10; APIM docs 4.0.0 'Configuring a Distributed API-M Deployment'), never with
 * throttle_decision_endpoints (audit B1; carbon-apimgt v9.0.174 jndi.properties.j2, kubernetes-apim 4.0.x
 * am-pattern-4 control-plane ConfigMap); on 4.0–4.2, the peers that get copies of token revocations
 * (audit B2, B3; product-apim v4.0.0 jndi2.properties.j2, v4.0.0–v4.2.0 tokenRevokeEventJMSPublisher_2.xml.j2).
 */
function throttlingTables(context: GenerationContext, trafficManagers: Cluster[], peerBrokers: string[] | undefined): TomlTable[] {
  const { facts } = context;
  const [trafficManager] = trafficManagers;
  const publishes = trafficManager !== undefined && facts.controlPlanePublishesToTrafficManager;
  const duplicates = peerBrokers && facts.controlPlanePeerKeys.throttling ? peerBrokers : undefined;
  if (!publishes && !duplicates) return [];
  const comment: string[] = [];
  if (publishes) {
    comment.push(
      `Throttling (API-M 4.0): policies and block conditions go to ${describeCluster(trafficManager)};`,
      'from 4.1 the Traffic Manager pulls them from the event hub. No throttle_decision_endpoints on a control plane:',
      "on 4.0 it would send this node's API, subscription and revocation events to the Traffic Manager's broker,",
      'where no gateway listens (carbon-apimgt v9.0.174 jndi.properties.j2).',
    );
  }
  if (duplicates) {
    comment.push(
      ...(facts.controlPlanePeerKeys.eventHub
        ? [
            `event_duplicate_url: token revocations copied to the other control planes. API-M ${facts.version} deploys that publisher`,
            `only when this key is set (product-apim v${facts.version} tokenRevokeEventJMSPublisher_2.xml.j2), beside the event hub's.`,
          ]
        : [
            `event_duplicate_url: token revocations copied to the other control planes. API-M ${facts.version} reads the list`,
            `only here (product-apim v${facts.version} jndi2.properties.j2, tokenRevokeEventJMSPublisher_2.xml.j2).`,
          ]),
    );
  }
  return [
    table(
      'apim.throttling',
      { service_url: publishes ? servicesUrl(trafficManager) : undefined, event_duplicate_url: duplicates },
      comment,
    ),
    ...(publishes ? throttlingUrlGroups(trafficManagers) : []),
  ];
}

/** Environment name → the first linked gateway cluster that serves it, in one pass over the clusters. */
function servingClusters(context: GenerationContext, gateways: Cluster[]): Map<string, Cluster> {
  const serving = new Map<string, Cluster>();
  for (const cluster of gateways) {
    for (const member of cluster.members) {
      if (member.kind !== 'gateway') continue;
      for (const label of gatewayLabels(context, member)) if (!serving.has(label)) serving.set(label, cluster);
    }
  }
  return serving;
}

function environmentTable(context: GenerationContext, environment: GatewayEnvironment, serving: Cluster | undefined): TomlTable {
  const { facts } = context;
  const base = {
    name: environment.name,
    type: environment.type,
    // The product default toml writes these from the version that reads them (product-apim v4.1.0 provider, v4.3.0
    // gateway_type default deployment.toml): WSO2's own gateway.
    gateway_type: facts.environmentGatewayType ? 'Regular' : undefined,
    provider: facts.environmentProvider ? 'wso2' : undefined,
    display_in_api_console: environment.displayInApiConsole,
    description: environment.description || undefined,
    show_as_token_endpoint_url: environment.showAsTokenEndpointUrl,
  };
  if (!serving) {
    return arrayTable('apim.gateway.environment', base, [
      `Gateway environment "${environment.name}": no gateway serving it is linked to this control plane, so it has no endpoints.`,
    ]);
  }
  // An All-in-One's load balancer serves the portals on 443, so its API traffic keeps the gateway ports.
  const endpoints = gatewayEndpoints(serving, serving.kind === 'all-in-one' ? ALL_IN_ONE_LB_PORTS : GATEWAY_LB_PORTS);
  const addresses = {
    http_endpoint: endpoints.apiHttp,
    https_endpoint: endpoints.apiHttps,
    ws_endpoint: endpoints.ws,
    wss_endpoint: endpoints.wss,
    websub_event_receiver_http_endpoint: endpoints.websubHttp,
    websub_event_receiver_https_endpoint: endpoints.websubHttps,
  };
  return arrayTable(
    'apim.gateway.environment',
    { ...base, service_url: servicesUrl(serving), username: '${admin.username}', password: '${admin.password}', ...addresses },
    [
      `Gateway environment "${environment.name}": ${describeCluster(serving)}.`,
      serving.kind === 'all-in-one'
        ? "service_url and the endpoints are the All-in-One's own gateway's: no other gateway serves this environment."
        : 'service_url is how this control plane reaches the gateways (the seed omits it); the endpoints are what the Developer Portal shows.',
    ],
  );
}
