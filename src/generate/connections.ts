/** Tables more than one kind of node writes the same way. */
import type { ApimNode, Cluster } from '../model/index.ts';
import { KIND_NAMES } from '../model/index.ts';
import type { GenerationContext } from './context.ts';
import type { TomlTable } from './toml/index.ts';
import { arrayTable, table } from './toml/index.ts';
import { endpoint, memberEndpoints, servicesUrl, uniqueMembers } from './addresses.ts';

export const SUPER_ADMIN_REFS = { username: '$ref{super_admin.username}', password: '$ref{super_admin.password}' };

/** `[apim.event_hub]` of a node that listens to the control planes: every control plane node listed. */
export function eventHubOf(controlPlanes: Cluster[], comment: string[]): TomlTable {
  const [first] = controlPlanes;
  if (!first) throw new Error('eventHubOf needs a control plane to name');
  return table(
    'apim.event_hub',
    {
      enable: true,
      ...SUPER_ADMIN_REFS,
      service_url: servicesUrl(first),
      event_listening_endpoints: memberEndpoints(controlPlanes, 'tcp', 'broker'),
    },
    comment,
  );
}

/**
 * Whether a gateway's throttlers keep their counters in Redis: every cluster it publishes throttle events to uses
 * one (4.6+, `sharesCounters`). Then it publishes to them as one `loadbalance` group: each event reaches one of
 * them, and the counters they share in Redis add up (APIM docs 4.6.0 'Configuring Distributed Rate Limiting for an
 * API Gateway Cluster', step 2; helm-apim 4.6.x distributed/gateway/confs/deployment.toml with distributedThrottling).
 * Some with Redis and some without is APIM045: each group per node, as without Redis.
 */
export function sharesCounters(context: GenerationContext, throttlers: Cluster[]): boolean {
  return (
    context.facts.distributedThrottling &&
    throttlers.length > 0 &&
    throttlers.every((cluster) => context.graph.counterStoreFor(cluster.members[0]) !== undefined)
  );
}

/**
 * `[[apim.throttling.url_group]]` of a gateway: one per traffic manager (or control plane) node, so every node
 * counts every request; or, when they share their counters in Redis (`sharesCounters`), one `loadbalance` group
 * listing all of them.
 */
export function throttlingUrlGroups(throttlers: Cluster[], shared = false): TomlTable[] {
  const members = uniqueMembers(throttlers);
  if (shared) {
    return [
      arrayTable(
        'apim.throttling.url_group',
        {
          traffic_manager_urls: members.map((member) => endpoint('tcp', member, 'binaryTcp')),
          traffic_manager_auth_urls: members.map((member) => endpoint('ssl', member, 'binarySsl')),
          type: 'loadbalance',
        },
        [
          `Throttle events to one of ${members.map((member) => member.id).join(', ')} each (loadbalance): they add up their counters in Redis,`,
          'so one group replaces the group per node that keeps every node counting alone.',
        ],
      ),
    ];
  }
  return members.map((member) =>
    arrayTable(
      'apim.throttling.url_group',
      {
        traffic_manager_urls: [endpoint('tcp', member, 'binaryTcp')],
        traffic_manager_auth_urls: [endpoint('ssl', member, 'binarySsl')],
      },
      `Throttle events to ${member.id}.`,
    ),
  );
}

/**
 * `[apim.distributed_throttling]` of a control plane or traffic manager linked to Redis (4.6+; APIM docs 4.6.0
 * 'Configuring Distributed Rate Limiting for an API Gateway Cluster', step 2, "for both the control plane and
 * traffic-manager components"; helm-apim 4.6.x / 4.7.x distributed/control-plane and traffic-manager confs). The
 * type, sync interval, pool size and pool options are the values of that page and of the charts' values.yaml,
 * spelled as the templates read them (`max_total`, where the charts write `maxTotal`, which nothing reads).
 */
export function distributedThrottlingTables(context: GenerationContext, node: ApimNode): TomlTable[] {
  if (!context.facts.distributedThrottling) return [];
  const redis = context.graph.counterStoreFor(node);
  if (!redis) return [];
  return [
    table('apim.distributed_throttling', { enable: true, type: 'redis', sync_interval: 1, core_pool_size: 5 }, [
      `Distributed throttling: this ${KIND_NAMES[node.kind].toLowerCase()} keeps its throttle counters in Redis ${redis.id}, with every`,
      'control plane and traffic manager, so a limit holds across the cluster instead of per node.',
    ]),
    table('apim.distributed_throttling.keyvalue_store', {
      host: redis.host,
      port: redis.port,
      user: redis.user === '' ? undefined : redis.user,
      password: redis.password === '' ? undefined : redis.password,
      ssl: redis.ssl ? true : undefined,
      max_total: 20,
      max_idle: 20,
      min_idle: 4,
      block_when_exhausted: true,
      test_while_idle: true,
      min_evictable_idle_time_millis: 3000,
      time_between_eviction_runs_millis: 1200,
    }),
  ];
}

/**
 * Where a node validates keys and tokens: the Key Manager cluster it is wired to (4.3+; APIM docs 'Distributed
 * Deployment with Key Manager Separated': the gateways' and control planes' `[apim.key_manager] service_url` name the
 * Key Manager, or its load balancer), else `otherwise` (the control plane, whose Key Manager it runs).
 */
export function keyManagerOf(context: GenerationContext, node: ApimNode, otherwise: Cluster | undefined): Cluster | undefined {
  if (!context.facts.separateKeyManager) return otherwise;
  return context.graph.wiredClusters(node, 'key-manager')[0] ?? otherwise;
}

/**
 * `[apim.cors]`, on gateways and control planes alike (audit B4; product-apim default deployment.toml `[apim.cors]`
 * allow_headers incl. apikey, Internal-Key, PRs #7633, #10315): the control plane serves the
 * Publisher and Developer Portal REST APIs the consoles call, and the file the designer writes replaces
 * the shipped one, which carries the table.
 */
export function corsTables(context: GenerationContext): TomlTable[] {
  const { cors } = context.settings;
  if (!cors.enabled) return [];
  return [
    table(
      'apim.cors',
      {
        allow_origins: cors.allowOrigins,
        allow_methods: cors.allowMethods,
        allow_headers: cors.allowHeaders,
        allow_credentials: cors.allowCredentials,
      },
      corsComment(cors.allowHeaders),
    ),
  ];
}

/** What the allowed headers let the consoles do: the comment says only what the list holds (APIM038 warns of the rest). */
function corsComment(headers: readonly string[]): string {
  const has = (name: string) => headers.some((header) => header.toLowerCase() === name.toLowerCase());
  const apikey = 'apikey lets the Developer Portal try APIs with an API key';
  if (has('apikey') && has('Internal-Key')) return `CORS: ${apikey}, Internal-Key the Publisher's test console.`;
  if (has('apikey')) return `CORS: ${apikey}.`;
  if (has('Internal-Key')) return "CORS: Internal-Key lets the Publisher's test console call APIs.";
  return 'CORS: the headers browsers may send, as set in the topology.';
}

/**
 * The 4.2–4.3 default (audit S2; product-apim v4.2.0 / v4.3.0 default deployment.toml `[apim.key_manager]`
 * enable_apikey_subscription_validation = true): an API key stops working when its subscription is removed or blocked.
 */
export function apikeySubscriptionValidation(context: GenerationContext): { enable_apikey_subscription_validation?: boolean } {
  return context.facts.apikeySubscriptionValidation ? { enable_apikey_subscription_validation: true } : {};
}
