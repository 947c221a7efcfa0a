/**
 * What WSO2's Helm charts (wso2/helm-apim, branches 4.2.x–4.7.x) write into each deployment.toml for the WIRING keys,
 * given a release's values: a model of the `confs/**\/deployment.toml` templates, reviewed line by line against them.
 *
 * Built from the shared value → TOML key tables (`../shared/wso2/helm/<branch>/toml-map/<chart>.tsv`) and checked
 * against the templates at the branch heads 4.2.x be59cdd107, 4.3.x 428e0f90a4, 4.4.x 39c55eb623, 4.5.x 9856a0c79a,
 * 4.6.x 49ee8dd666, 4.7.x 9671dad894. Each function below cites the template lines it models; where the tables and the
 * templates disagreed, the templates win (noted where it matters).
 *
 * How Helm renders what is modelled (Helm 3 engine, Go text/template with Sprig):
 * - a value the release does not set takes the chart's values.yaml default; a key the chart's values.yaml lacks
 *   renders empty (Helm removes `<no value>`); a list the release sets replaces the default list whole, so an item
 *   of `gateway.environments` carries only the fields the release gives it;
 * - `add 9611 x` is integer addition; `if x` is false for false, 0, "", an empty list or map, and a missing key;
 * - `range` over a value that is not a list fails the install (modelled as a thrown error).
 */
import type { EnvironmentWiring, PublishGroup, ThrottlingGroup, Wiring } from './wiringKeys.ts';
import { chartPaths } from './valuePaths.ts';

/** One deployment.toml the chart renders for a release: its template and, for the two-instance charts, the instance. */
export interface ChartConf {
  /** The template, relative to the chart folder: `confs/instance-1/deployment.toml`, `confs/deployment.toml`. */
  readonly file: string;
  /** 1 or 2 for the charts with two hard-wired instances; undefined for a file every pod shares. */
  readonly instance?: 1 | 2;
  readonly wiring: Wiring;
}

/** The release as the chart sees it. */
export interface ChartRelease {
  /** `4.7.x` */
  readonly branch: string;
  /** The chart's name (Chart.yaml): `wso2am-acp`, `wso2am-universal-gw`, `am-all-in-one`, … */
  readonly chart: string;
  /** The parsed values file of the release. */
  readonly values: unknown;
  /** The chart's fullname helper for the release (`<release>-<chart>`, or the release if it contains the chart name). */
  readonly fullname: string;
}

export type ChartFamily = 'control-plane' | 'gateway' | 'traffic-manager' | 'key-manager' | 'all-in-one';

/** The chart names per family, across branches (Chart.yaml of each chart; shared README table). */
export function familyOf(chart: string): ChartFamily {
  switch (chart) {
    case 'wso2am-cp':
    case 'wso2am-acp':
      return 'control-plane';
    case 'wso2am-gateway':
    case 'wso2am-universal-gw':
      return 'gateway';
    case 'wso2am-tm':
      return 'traffic-manager';
    case 'wso2am-km':
      return 'key-manager';
    case 'am-all-in-one':
    case 'wso2am-all-in-one':
      return 'all-in-one';
    default:
      throw new Error(`no chart model for ${chart}`);
  }
}

const C = 'wso2.apim.configurations';

/**
 * The defaults the wiring reads, from each chart's values.yaml (the same in every branch whose chart has the key:
 * shared tables `<branch>/<chart>.tsv`, default column; e.g. helm-apim 4.7.x distributed/gateway/values.yaml:384–394
 * km/iskm, :447–482 throttling, distributedThrottling, eventhub; distributed/control-plane/values.yaml:479–512
 * environments, iskm, km, :738 highAvailability). A default applies only where the chart's path list has the key.
 */
const DEFAULTS: Readonly<Record<string, unknown>> = {
  'wso2.apim.portOffset': 0,
  [`${C}.km.enabled`]: false,
  [`${C}.km.serviceName`]: 'wso2am-km-service',
  [`${C}.km.serviceUrl`]: 'wso2am-cp-service',
  [`${C}.km.servicePort`]: 9443,
  [`${C}.iskm.enabled`]: false,
  [`${C}.iskm.serviceName`]: '',
  [`${C}.iskm.servicePort`]: 9443,
  [`${C}.throttling.serviceUrl`]: 'wso2am-cp-service',
  [`${C}.throttling.servicePort`]: 9443,
  [`${C}.throttling.portOffset`]: 0,
  [`${C}.throttling.urls`]: ['wso2am-cp-1-service', 'wso2am-cp-2-service'],
  [`${C}.distributedThrottling.enable`]: false,
  [`${C}.eventhub.enabled`]: false,
  [`${C}.eventhub.serviceUrl`]: 'wso2am-cp-service',
  [`${C}.eventhub.servicePort`]: 9443,
  [`${C}.eventhub.urls`]: ['wso2am-cp-1-service', 'wso2am-cp-2-service'],
  'kubernetes.ingress.controlPlane.hostname': 'am.wso2.com',
  'kubernetes.ingress.management.hostname': 'am.wso2.com',
  'kubernetes.ingress.gateway.hostname': 'gw.wso2.com',
  'kubernetes.ingress.km.hostname': 'km.wso2.com',
  'kubernetes.gatewayAPI.controlPlane.hostname': 'am.wso2.com',
  'kubernetes.gatewayAPI.management.hostname': 'am.wso2.com',
  'kubernetes.gatewayAPI.gateway.hostname': 'gw.wso2.com',
  'kubernetes.gatewayAPI.km.hostname': 'km.wso2.com',
  [`${C}.gateway.environments`]: [
    {
      name: 'Default',
      type: 'hybrid',
      serviceName: 'wso2am-gateway-service',
      servicePort: 9443,
      wsHostname: 'websocket.wso2.com',
      httpHostname: 'gw.wso2.com',
      websubHostname: 'websub.wso2.com',
    },
  ],
};

/** `wso2.deployment.highAvailability` defaults: true on the control plane and traffic manager charts, false on the Key Manager and all-in-one. */
const HA_DEFAULT: Readonly<Record<ChartFamily, boolean>> = {
  'control-plane': true,
  'traffic-manager': true,
  'key-manager': false,
  'all-in-one': false,
  gateway: false,
};

/** A reader of one release's values over the chart's defaults. */
class Values {
  private readonly paths: ReadonlySet<string>;
  constructor(
    private readonly release: ChartRelease,
    readonly family: ChartFamily,
  ) {
    this.paths = chartPaths(release.branch, release.chart);
  }

  private has(path: string): boolean {
    return this.paths.has(path) || [...this.paths].some((p) => p.startsWith(`${path}.`) || p.startsWith(`${path}[]`));
  }

  /** The value Helm sees at a dotted path: the release's, else the chart's default, else undefined (renders empty). */
  get(path: string): unknown {
    let node: unknown = this.release.values;
    for (const key of path.split('.')) {
      node = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
    }
    if (node !== undefined && node !== null) return node;
    if (path === 'wso2.deployment.highAvailability' && this.has(path)) return HA_DEFAULT[this.family];
    // The Gateway API is on by default from 4.7.x only (values.yaml `kubernetes.gatewayAPI.enabled`).
    if (path === 'kubernetes.gatewayAPI.enabled' && this.has(path)) return minorOf(this.release.branch) >= 7;
    return this.has(path) ? DEFAULTS[path] : undefined;
  }

  /** `{{ .Values.x }}` in a template: the value printed, or empty. */
  text(path: string): string {
    return print(this.get(path));
  }

  /** `{{ if .Values.x }}` */
  truthy(path: string): boolean {
    return truthy(this.get(path));
  }

  /** `{{ add n .Values.x }}`: Sprig converts the value to an integer (empty → 0). */
  add(base: number, path: string): number {
    return base + toInt(this.get(path));
  }

  /** `{{ range .Values.x }}`: the list; a value that is not a list fails the template. */
  list(path: string): unknown[] {
    const value = this.get(path);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new Error(`helm template fails: range over ${path}, which is ${JSON.stringify(value)}, not a list`);
    return value;
  }
}

function print(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return value !== undefined && value !== null && value !== false && value !== 0 && value !== '';
}

function toInt(value: unknown): number {
  const n = typeof value === 'number' ? value : Number.parseInt(print(value), 10);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

const minorOf = (branch: string) => Number(branch.split('.')[1]);

/** `wso2.deployment.highAvailability` as the chart reads it (the release's value, else the chart's default). */
export function chartHighAvailability(release: ChartRelease): boolean {
  return new Values(release, familyOf(release.chart)).truthy('wso2.deployment.highAvailability');
}

/** Every deployment.toml the chart renders for the release, with its wiring keys. */
export function chartWiring(release: ChartRelease): ChartConf[] {
  const family = familyOf(release.chart);
  const values = new Values(release, family);
  const minor = minorOf(release.branch);
  const ha = values.truthy('wso2.deployment.highAvailability');
  const instances = (render: (n: 1 | 2) => Wiring): ChartConf[] =>
    (ha ? ([1, 2] as const) : ([1] as const)).map((n) => ({ file: `confs/instance-${n}/deployment.toml`, instance: n, wiring: render(n) }));
  const confs = ((): ChartConf[] => {
    switch (family) {
      case 'control-plane':
        return instances((n) => controlPlane(values, release.fullname, minor, n, ha));
      case 'traffic-manager':
        return instances((n) => trafficManager(values, release.fullname, n, ha));
      case 'gateway':
        return [{ file: 'confs/deployment.toml', wiring: gateway(values, minor) }];
      case 'key-manager':
        return [{ file: 'confs/deployment.toml', wiring: eventHubClient(values) }];
      case 'all-in-one':
        if (minor < 5) return [{ file: 'confs/deployment.toml', wiring: allInOne(values, release.fullname, minor, undefined, false) }];
        return instances((n) => allInOne(values, release.fullname, minor, n, ha));
    }
  })();
  const hostname = serverHostname(values, minor);
  return confs.map((conf) => ({ ...conf, wiring: { 'server.hostname': hostname, ...conf.wiring } }));
}

/** The route component whose hostname is `server.hostname`, per chart (the `kubernetes.ingress.<component>` keys). */
const HOST_COMPONENT: Readonly<Record<Exclude<ChartFamily, 'traffic-manager'>, string>> = {
  'control-plane': 'controlPlane',
  gateway: 'gateway',
  'key-manager': 'km',
  'all-in-one': 'management',
};

/**
 * `[server] hostname`, line 2 of every template: the route hostname of the chart's component, chosen by the branch's
 * switch — 4.2.x and 4.4.x the ingress's; 4.3.x and 4.7.x the Gateway API's if `kubernetes.gatewayAPI.enabled`, else the
 * ingress's; 4.5.x and 4.6.x the ingress's if `kubernetes.ingress.enabled` (a key no values.yaml has: the Gateway API's
 * hostname unless the release adds it), else the Gateway API's. The traffic manager chart writes `tm.wso2.com` on
 * 4.2.x–4.6.x; 4.7.x takes `kubernetes.gatewayAPI.trafficManager.hostname` (with the Gateway API on) or
 * `kubernetes.ingress.trafficManager.hostname` when set, keys its values.yaml does not have, else `tm.wso2.com`.
 */
function serverHostname(values: Values, minor: number): string {
  if (values.family === 'traffic-manager') {
    if (minor < 7) return 'tm.wso2.com';
    if (values.truthy('kubernetes.gatewayAPI.enabled') && values.truthy('kubernetes.gatewayAPI.trafficManager.hostname')) {
      return values.text('kubernetes.gatewayAPI.trafficManager.hostname');
    }
    return values.text('kubernetes.ingress.trafficManager.hostname') || 'tm.wso2.com';
  }
  const component = HOST_COMPONENT[values.family];
  const ingress = values.text(`kubernetes.ingress.${component}.hostname`);
  const gatewayApi = values.text(`kubernetes.gatewayAPI.${component}.hostname`);
  if (minor === 2 || minor === 4) return ingress;
  if (minor === 3 || minor >= 7) return values.truthy('kubernetes.gatewayAPI.enabled') ? gatewayApi : ingress;
  return values.truthy('kubernetes.ingress.enabled') ? ingress : gatewayApi;
}

const other = (n: 1 | 2) => (n === 1 ? 2 : 1);

/**
 * `[[apim.gateway.environment]]`, one per item of `gateway.environments` (control plane and all-in-one):
 * helm-apim 4.2.x distributed/control-plane/confs/instance-1/deployment.toml:107–125 (service_url on port 9443, the
 * item's `servicePort` unread), 4.3.x and 4.4.x :110–129, 4.5.x :116–138, 4.6.x :127–149, 4.7.x :135–156
 * (`https://<serviceName>:<servicePort>/services/`); instance-2 files the same block. all-in-one 4.2.x
 * confs/deployment.toml:108–125, 4.3.x/4.4.x :111–129, 4.5.x confs/instance-1/deployment.toml:117–138, 4.6.x
 * :128–149, 4.7.x :134–155 (servicePort read on every branch). Every branch: `ws(s)://<wsHostname>`,
 * `http(s)://<httpHostname>`, `websub_event_receiver_http(s)_endpoint = http(s)://<websubHostname>`.
 */
function environments(values: Values, servicePortRead: boolean): EnvironmentWiring[] {
  return values.list(`${C}.gateway.environments`).map((item) => {
    const field = (key: string) => print(typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined);
    const port = servicePortRead ? field('servicePort') : '9443';
    return {
      name: field('name'),
      type: field('type'),
      service_url: `https://${field('serviceName')}:${port}/services/`,
      http_endpoint: `http://${field('httpHostname')}`,
      https_endpoint: `https://${field('httpHostname')}`,
      ws_endpoint: `ws://${field('wsHostname')}`,
      wss_endpoint: `wss://${field('wsHostname')}`,
      websub_event_receiver_http_endpoint: `http://${field('websubHostname')}`,
      websub_event_receiver_https_endpoint: `https://${field('websubHostname')}`,
    };
  });
}

/**
 * The control plane chart (wso2am-cp 4.2.x–4.4.x, wso2am-acp 4.5.x–4.7.x), instance n:
 * - `[apim.key_manager]` service_url: `iskm.enabled` → `https://<iskm.serviceName>:<iskm.servicePort>`; else (4.3.x+)
 *   `km.enabled` → `https://<km.serviceName>:<km.servicePort>`; else the release's own `<fn>-service:<9443+offset>`.
 *   4.2.x instance-1 :127–133 (no `km`, port 9443 fixed); 4.3.x/4.4.x :131–139; 4.5.x :140–148; 4.6.x :151–159;
 *   4.7.x :158–166 (instance-2 files one line later from 4.7.x, e.g. :159–167).
 * - `[apim.event_hub]`: service_url `<fn>-service:<9443+offset>`, event_listening_endpoints `localhost:<5672+offset>`,
 *   with `highAvailability` event_duplicate_url to the other instance's `<fn>-N-service:<5672+offset>`; then one
 *   `[[apim.event_hub.publish.url_group]]` on `<fn>-1-service` (9611/9711 + offset) and, with `highAvailability`,
 *   one on `<fn>-2-service`. 4.2.x instance-1 :191–209 (ports fixed, no offset); 4.3.x :210–228; 4.4.x :218–236;
 *   4.5.x :228–246; 4.6.x :240–258; 4.7.x :250–268; instance-2 the same with `-1-service` as the duplicate.
 */
function controlPlane(values: Values, fn: string, minor: number, n: 1 | 2, ha: boolean): Wiring {
  const offset = minor >= 3 ? values.add(0, 'wso2.apim.portOffset') : 0;
  const servicePort = (path: string) => (minor >= 3 ? values.text(path) : '9443');
  let keyManager: string;
  if (values.truthy(`${C}.iskm.enabled`)) {
    keyManager = `https://${values.text(`${C}.iskm.serviceName`)}:${servicePort(`${C}.iskm.servicePort`)}/services/`;
  } else if (minor >= 3 && values.truthy(`${C}.km.enabled`)) {
    keyManager = `https://${values.text(`${C}.km.serviceName`)}:${values.text(`${C}.km.servicePort`)}/services/`;
  } else {
    keyManager = `https://${fn}-service:${9443 + offset}/services/`;
  }
  const group = (i: 1 | 2): PublishGroup => ({
    urls: [`tcp://${fn}-${i}-service:${9611 + offset}`],
    auth_urls: [`ssl://${fn}-${i}-service:${9711 + offset}`],
  });
  return {
    'apim.gateway.environment': environments(values, minor >= 3),
    'apim.key_manager.service_url': keyManager,
    'apim.event_hub.service_url': `https://${fn}-service:${9443 + offset}/services/`,
    'apim.event_hub.event_listening_endpoints': [`tcp://localhost:${5672 + offset}`],
    ...(ha ? { 'apim.event_hub.event_duplicate_url': [`tcp://${fn}-${other(n)}-service:${5672 + offset}`] } : {}),
    'apim.event_hub.publish.url_group': ha ? [group(1), group(2)] : [group(1)],
  };
}

/**
 * The event hub of the traffic manager and Key Manager charts: `[apim.event_hub]` service_url
 * `https://<eventhub.serviceUrl>:9443/services/` and event_listening_endpoints `tcp://<url>:5672` per
 * `eventhub.urls`, ports fixed in every branch, not gated. traffic manager 4.2.x–4.4.x
 * confs/instance-1/deployment.toml:120–126, 4.5.x :126–132, 4.6.x :137–143, 4.7.x :152–158 (instance-2 two lines
 * earlier); Key Manager 4.3.x confs/deployment.toml:130–136, 4.4.x :122–128, 4.5.x :128–134, 4.6.x :139–145,
 * 4.7.x :146–152. The Key Manager chart writes no `[apim.key_manager]` nor `[apim.throttling]`.
 */
function eventHubClient(values: Values): Wiring {
  return {
    'apim.event_hub.service_url': `https://${values.text(`${C}.eventhub.serviceUrl`)}:9443/services/`,
    'apim.event_hub.event_listening_endpoints': values.list(`${C}.eventhub.urls`).map((url) => `tcp://${print(url)}:5672`),
  };
}

/**
 * The traffic manager chart (wso2am-tm), instance n, the same in every branch with ports fixed:
 * - `[apim.key_manager]` service_url `https://<iskm.serviceName>:9443/services/` if `iskm.enabled`, else
 *   `https://<km.serviceUrl>:9443/services/` (4.2.x–4.4.x instance-1 :104–110, 4.5.x :110–116, 4.6.x :121–127,
 *   4.7.x :136–142);
 * - `[apim.throttling]`, in instance-1 only with `highAvailability` (instance-2 exists only then): event_duplicate_url
 *   to the other instance's `<fn>-N-service:5672`, service_url `<fn>-service:9443`, throttle_decision_endpoints
 *   `localhost:5672` (4.2.x–4.4.x instance-1 :112–118 / instance-2 :113–116, 4.5.x :118–124, 4.6.x :129–135,
 *   4.7.x :144–150 / instance-2 :145–148);
 * - the event hub: `eventHubClient`.
 */
function trafficManager(values: Values, fn: string, n: 1 | 2, ha: boolean): Wiring {
  const keyManager = values.truthy(`${C}.iskm.enabled`)
    ? `https://${values.text(`${C}.iskm.serviceName`)}:9443/services/`
    : `https://${values.text(`${C}.km.serviceUrl`)}:9443/services/`;
  return {
    'apim.key_manager.service_url': keyManager,
    ...(ha || n === 2
      ? {
          'apim.throttling.event_duplicate_url': [`tcp://${fn}-${other(n)}-service:5672`],
          'apim.throttling.service_url': `https://${fn}-service:9443/services/`,
          'apim.throttling.throttle_decision_endpoints': ['tcp://localhost:5672'],
        }
      : {}),
    ...eventHubClient(values),
  };
}

/**
 * The gateway chart (wso2am-gateway 4.2.x–4.4.x, wso2am-universal-gw 4.5.x–4.7.x), one confs/deployment.toml:
 * - `[apim.key_manager]` service_url: `iskm.enabled` → `https://<iskm.serviceName>:<iskm.servicePort>` (the gateway's
 *   values.yaml has no `iskm.servicePort`: it renders empty), else `https://<km.serviceUrl>:<km.servicePort>`; 4.2.x
 *   :97–103 with port 9443 fixed, 4.3.x/4.4.x :107–113, 4.5.x :111–117, 4.6.x :122–128, 4.7.x :132–138;
 * - `[apim.throttling]` service_url `https://<throttling.serviceUrl>:<throttling.servicePort>/services/`,
 *   throttle_decision_endpoints `tcp://<url>:<5672+throttling.portOffset>` per `throttling.urls`; then one
 *   `[[apim.throttling.url_group]]` per url (9611/9711 + throttling.portOffset), or from 4.6.x with
 *   `distributedThrottling.enable` one group of all urls. 4.2.x :131–147 (ports fixed), 4.3.x :141–157, 4.4.x
 *   :149–165, 4.5.x :154–170, 4.6.x :171–196, 4.7.x :184–209;
 * - `[apim.event_hub]` only if `eventhub.enabled`: service_url `https://<eventhub.serviceUrl>:<eventhub.servicePort>`,
 *   event_listening_endpoints `tcp://<url>:<5672+throttling.portOffset>` per `eventhub.urls` (the throttling offset,
 *   as the template reads it). 4.2.x :149–157 (ports fixed), 4.3.x :159–167, 4.4.x :167–175, 4.5.x :172–180,
 *   4.6.x :198–206, 4.7.x :211–219.
 */
function gateway(values: Values, minor: number): Wiring {
  const fixed = minor < 3;
  const port = (path: string) => (fixed ? '9443' : values.text(path));
  const offset = fixed ? 0 : values.add(0, `${C}.throttling.portOffset`);
  const keyManager = values.truthy(`${C}.iskm.enabled`)
    ? `https://${values.text(`${C}.iskm.serviceName`)}:${port(`${C}.iskm.servicePort`)}/services/`
    : `https://${values.text(`${C}.km.serviceUrl`)}:${port(`${C}.km.servicePort`)}/services/`;
  const urls = values.list(`${C}.throttling.urls`).map(print);
  const groups: ThrottlingGroup[] =
    minor >= 6 && values.truthy(`${C}.distributedThrottling.enable`)
      ? [
          {
            traffic_manager_urls: urls.map((url) => `tcp://${url}:${9611 + offset}`),
            traffic_manager_auth_urls: urls.map((url) => `ssl://${url}:${9711 + offset}`),
          },
        ]
      : urls.map((url) => ({
          traffic_manager_urls: [`tcp://${url}:${9611 + offset}`],
          traffic_manager_auth_urls: [`ssl://${url}:${9711 + offset}`],
        }));
  const wiring: Wiring = {
    'apim.key_manager.service_url': keyManager,
    'apim.throttling.service_url': `https://${values.text(`${C}.throttling.serviceUrl`)}:${port(`${C}.throttling.servicePort`)}/services/`,
    'apim.throttling.throttle_decision_endpoints': urls.map((url) => `tcp://${url}:${5672 + offset}`),
    'apim.throttling.url_group': groups,
  };
  if (!values.truthy(`${C}.eventhub.enabled`)) return wiring;
  return {
    ...wiring,
    'apim.event_hub.service_url': `https://${values.text(`${C}.eventhub.serviceUrl`)}:${port(`${C}.eventhub.servicePort`)}/services/`,
    'apim.event_hub.event_listening_endpoints': values.list(`${C}.eventhub.urls`).map((url) => `tcp://${print(url)}:${5672 + offset}`),
  };
}

/**
 * The all-in-one chart (am-all-in-one 4.2.x/4.3.x, wso2am-all-in-one 4.4.x+):
 * - environments: `environments`;
 * - `[apim.key_manager]`: with `iskm.enabled` it writes `server_url` (not `service_url`: no service_url at all), else
 *   service_url `https://<fn>-am-service:${mgt.transport.https.port}/services/` (a placeholder the server resolves to
 *   its own HTTPS port). 4.2.x confs/deployment.toml:178–184, 4.3.x/4.4.x :194–200, 4.5.x
 *   confs/instance-1/deployment.toml:203–209, 4.6.x :258–264, 4.7.x :264–270;
 * - no `[apim.event_hub]` on any branch;
 * - throttling: 4.2.x–4.4.x only in comments (:278–321, :305–348, :323–366); from 4.5.x with `highAvailability`,
 *   `[apim.throttling]` event_duplicate_url to the other instance's `<fn>-am-service-N:5672` and
 *   throttle_decision_endpoints `localhost:5672`, and `[[apim.throttling.url_group]]` on `<fn>-am-service-1` and
 *   `-2` (9611/9711 + throttling.portOffset). 4.5.x :350–355 and :382–392, 4.6.x :411–416 and :443–453, 4.7.x
 *   :443–448 and :475–485 (instance-2 the same with `-am-service-1` as the duplicate).
 */
function allInOne(values: Values, fn: string, minor: number, n: 1 | 2 | undefined, ha: boolean): Wiring {
  const wiring: Wiring = {
    'apim.gateway.environment': environments(values, true),
    ...(values.truthy(`${C}.iskm.enabled`)
      ? {}
      : { 'apim.key_manager.service_url': `https://${fn}-am-service:\${mgt.transport.https.port}/services/` }),
  };
  if (minor < 5 || !ha || n === undefined) return wiring;
  const offset = values.add(0, `${C}.throttling.portOffset`);
  const group = (i: 1 | 2): ThrottlingGroup => ({
    traffic_manager_urls: [`tcp://${fn}-am-service-${i}:${9611 + offset}`],
    traffic_manager_auth_urls: [`ssl://${fn}-am-service-${i}:${9711 + offset}`],
  });
  return {
    ...wiring,
    'apim.throttling.event_duplicate_url': [`tcp://${fn}-am-service-${other(n)}:5672`],
    'apim.throttling.throttle_decision_endpoints': ['tcp://localhost:5672'],
    'apim.throttling.url_group': [group(1), group(2)],
  };
}
