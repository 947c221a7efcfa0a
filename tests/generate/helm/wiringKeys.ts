/**
 * The wiring keys of a deployment.toml: where a node finds the event hub, the traffic managers, the Key Manager and
 * the gateways. The same shape is read from a generated virtual-machine file (`wiringOfToml`) and modelled from what
 * a Helm chart renders (chartModel.ts), so the two can be compared.
 */

export interface PublishGroup {
  readonly urls: readonly string[];
  readonly auth_urls: readonly string[];
}

export interface ThrottlingGroup {
  readonly traffic_manager_urls: readonly string[];
  readonly traffic_manager_auth_urls: readonly string[];
}

/** `[[apim.gateway.environment]]`: the keys that name a gateway (by its Service or by the hosts it is reached on). */
export interface EnvironmentWiring {
  readonly name: string;
  readonly type: string;
  readonly service_url: string;
  readonly http_endpoint: string;
  readonly https_endpoint: string;
  readonly ws_endpoint: string;
  readonly wss_endpoint: string;
  readonly websub_event_receiver_http_endpoint: string;
  readonly websub_event_receiver_https_endpoint: string;
}

/** The wiring keys of one deployment.toml, by their TOML names; a key the file does not write is absent. */
export interface Wiring {
  /** The host the node's own URLs are built on (a host name, not a URL). */
  'server.hostname'?: string;
  'apim.event_hub.service_url'?: string;
  'apim.event_hub.event_listening_endpoints'?: readonly string[];
  'apim.event_hub.event_duplicate_url'?: readonly string[];
  'apim.event_hub.publish.url_group'?: readonly PublishGroup[];
  'apim.throttling.service_url'?: string;
  'apim.throttling.throttle_decision_endpoints'?: readonly string[];
  'apim.throttling.event_duplicate_url'?: readonly string[];
  'apim.throttling.url_group'?: readonly ThrottlingGroup[];
  'apim.key_manager.service_url'?: string;
  'apim.gateway.environment'?: readonly EnvironmentWiring[];
}

export const ENVIRONMENT_ENDPOINTS = [
  'http_endpoint',
  'https_endpoint',
  'ws_endpoint',
  'wss_endpoint',
  'websub_event_receiver_http_endpoint',
  'websub_event_receiver_https_endpoint',
] as const;

type Table = Record<string, unknown>;
const table = (value: unknown): Table | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Table) : undefined;
const strings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The wiring keys of a parsed deployment.toml (`@iarna/toml` parse of a generated file). */
export function wiringOfToml(document: Table): Wiring {
  const apim = table(document.apim) ?? {};
  const server = table(document.server);
  const eventHub = table(apim.event_hub);
  const throttling = table(apim.throttling);
  const keyManager = table(apim.key_manager);
  const gateway = table(apim.gateway);
  const wiring: Wiring = {};
  const set = <K extends keyof Wiring>(key: K, value: Wiring[K] | undefined) => {
    if (value !== undefined) wiring[key] = value;
  };
  set('server.hostname', text(server?.hostname));
  set('apim.event_hub.service_url', text(eventHub?.service_url));
  set('apim.event_hub.event_listening_endpoints', strings(eventHub?.event_listening_endpoints));
  set('apim.event_hub.event_duplicate_url', strings(eventHub?.event_duplicate_url));
  const publish = table(eventHub?.publish)?.url_group;
  if (Array.isArray(publish)) {
    set(
      'apim.event_hub.publish.url_group',
      publish.map((g: Table) => ({ urls: strings(g.urls) ?? [], auth_urls: strings(g.auth_urls) ?? [] })),
    );
  }
  set('apim.throttling.service_url', text(throttling?.service_url));
  set('apim.throttling.throttle_decision_endpoints', strings(throttling?.throttle_decision_endpoints));
  set('apim.throttling.event_duplicate_url', strings(throttling?.event_duplicate_url));
  const groups = throttling?.url_group;
  if (Array.isArray(groups)) {
    set(
      'apim.throttling.url_group',
      groups.map((g: Table) => ({
        traffic_manager_urls: strings(g.traffic_manager_urls) ?? [],
        traffic_manager_auth_urls: strings(g.traffic_manager_auth_urls) ?? [],
      })),
    );
  }
  set('apim.key_manager.service_url', text(keyManager?.service_url));
  const environments = gateway?.environment;
  if (Array.isArray(environments)) {
    set(
      'apim.gateway.environment',
      environments.map((e: Table) => ({
        name: text(e.name) ?? '',
        type: text(e.type) ?? '',
        service_url: text(e.service_url) ?? '',
        ...Object.fromEntries(ENVIRONMENT_ENDPOINTS.map((key) => [key, text(e[key]) ?? ''])),
      })) as EnvironmentWiring[],
    );
  }
  return wiring;
}
