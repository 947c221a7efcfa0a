/** A control plane's deployment.toml (REFERENCE.md §2.2; the seed's "Configure the Control Plane nodes"). */
import type { Cluster, ControlPlaneNode, GatewayEnvironment } from '../model/index.ts';
import { portOf } from '../model/index.ts';
import type { TomlDocument, TomlTable } from './toml/index.ts';
import { arrayTable, table } from './toml/index.ts';
import type { GenerationContext } from './context.ts';
import { gatewayLabels } from './context.ts';
import { baseTables, fileHeader } from './common.ts';
import { SUPER_ADMIN_REFS, throttlingUrlGroups } from './connections.ts';
import { describeCluster, endpoint, httpsBase, memberEndpoints, servicesUrl } from './addresses.ts';

export function controlPlaneDocument(context: GenerationContext, node: ControlPlaneNode): TomlDocument {
  const { graph, facts, settings } = context;
  const own = graph.clusterOf(node);
  const tier = graph.nodesOfKind('control-plane');
  const peers = tier.filter((peer) => peer.id !== node.id);
  const gateways = graph.wiredClusters(node, 'gateway');
  const trafficManagers = graph.wiredClusters(node, 'traffic-manager');
  const tables: TomlTable[] = baseTables(context, node);

  if (own.lb) {
    tables.push(
      table('apim.devportal', { url: `${httpsBase(own)}/devportal` }, `Developer Portal links use load balancer ${own.lb.id}.`),
    );
  }

  const serving = servingClusters(context, gateways);
  for (const environment of context.environments) {
    tables.push(environmentTable(context, environment, serving.get(environment.name)));
  }

  tables.push(
    table(
      'apim.event_hub',
      {
        enable: true,
        ...SUPER_ADMIN_REFS,
        service_url: servicesUrl(own),
        event_listening_endpoints: [`tcp://localhost:${portOf(node, 'broker')}`],
        event_duplicate_url: peers.length ? peers.map((peer) => endpoint('tcp', peer, 'broker')) : undefined,
      },
      peers.length
        ? [
            'Event hub: this node, copying events to every other control plane (the seed omits this),',
            'so token revocations and API events reach gateways listening on any of them.',
          ]
        : 'Event hub: this node.',
    ),
  );
  for (const member of tier) {
    tables.push(
      arrayTable(
        'apim.event_hub.publish.url_group',
        { urls: [endpoint('tcp', member, 'binaryTcp')], auth_urls: [endpoint('ssl', member, 'binarySsl')] },
        `Event hub publishing to ${member.id}: one url_group per control plane.`,
      ),
    );
  }

  tables.push(table('apim.key_manager', { service_url: servicesUrl(own) }, `Key Manager: ${describeCluster(own)}.`));

  if (trafficManagers.length > 0 && facts.controlPlanePublishesToTrafficManager) {
    tables.push(
      table(
        'apim.throttling',
        {
          service_url: servicesUrl(trafficManagers[0]),
          throttle_decision_endpoints: memberEndpoints(trafficManagers, 'tcp', 'broker'),
        },
        [
          `Throttling: policies, block conditions and API events go to ${describeCluster(trafficManagers[0])}.`,
          'API-M 4.0 only, as the seed writes it (from 4.1 the Traffic Manager pulls policies from the event hub).',
          'The seed splits this across the Key Manager, Publisher and Developer Portal steps; it is one table.',
        ],
      ),
    );
    tables.push(...throttlingUrlGroups(trafficManagers));
  }

  if (settings.cacheInvalidation.enabled) {
    tables.push(
      table(
        'apim.cache_invalidation',
        { enabled: true, domain: settings.cacheInvalidation.domain },
        'Distributed cache invalidation between the control plane nodes.',
      ),
    );
  }

  tables.push(
    arrayTable(
      'event_listener',
      {
        id: 'token_revocation',
        type: 'org.wso2.carbon.identity.core.handler.AbstractIdentityHandler',
        name: 'org.wso2.is.notification.ApimOauthEventInterceptor',
        order: 1,
      },
      [
        `Token revocation: notify the control plane${own.lb ? ` cluster through ${own.lb.id}` : ''}, whose event hub the gateways hear.`,
        ...(graph.nodesOfKind('traffic-manager').length > 0
          ? ["(The seed sends this to the Traffic Manager, but its broker carries only throttle decisions: gateways get revocations from the control plane's event hub.)"]
          : []),
      ],
    ),
    table('event_listener.properties', {
      notification_endpoint: `${httpsBase(own)}/internal/data/v1/notify`,
      username: '${admin.username}',
      password: '${admin.password}',
      'header.X-WSO2-KEY-MANAGER': 'default',
    }),
  );

  return { header: fileHeader(context, node), tables };
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
    // The product default toml writes these from the version that reads them (§2.2): WSO2's own gateway.
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
  const gw = serving.members[0];
  const addresses = serving.lb
    ? {
        http_endpoint: `http://${serving.lb.host}`,
        https_endpoint: `https://${serving.lb.host}`,
        ws_endpoint: `ws://${serving.lb.host}:9099`,
        wss_endpoint: `wss://${serving.lb.host}:8099`,
        websub_event_receiver_http_endpoint: `http://${serving.lb.host}:9021`,
        websub_event_receiver_https_endpoint: `https://${serving.lb.host}:8021`,
      }
    : {
        http_endpoint: `http://${gw.host}:${portOf(gw, 'apiHttp')}`,
        https_endpoint: `https://${gw.host}:${portOf(gw, 'apiHttps')}`,
        ws_endpoint: `ws://${gw.host}:${portOf(gw, 'ws')}`,
        wss_endpoint: `wss://${gw.host}:${portOf(gw, 'wss')}`,
        websub_event_receiver_http_endpoint: `http://${gw.host}:${portOf(gw, 'websubHttp')}`,
        websub_event_receiver_https_endpoint: `https://${gw.host}:${portOf(gw, 'websubHttps')}`,
      };
  return arrayTable(
    'apim.gateway.environment',
    { ...base, service_url: servicesUrl(serving), username: '${admin.username}', password: '${admin.password}', ...addresses },
    [
      `Gateway environment "${environment.name}": ${describeCluster(serving)}.`,
      'service_url is how this control plane reaches the gateways (the seed omits it); the endpoints are what the Developer Portal shows.',
    ],
  );
}
