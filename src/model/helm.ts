/**
 * The Kubernetes platform's plan (issue 18, groundwork): which of WSO2's Helm charts (wso2/helm-apim, one branch per
 * API-M version from 4.2) each cluster of the topology becomes, under which release name, with how many instances,
 * and what the charts cannot express. The values files (generate/helm) and the Kubernetes rules (validate/kubernetes.ts) are built on this plan.
 *
 * - A cluster (the nodes behind one load balancer, or a single node) becomes one release: the control plane and
 *   traffic manager charts run at most two hard-wired instances (`instance-1`, `instance-2`, the second only with
 *   `wso2.deployment.highAvailability`); the gateway chart runs `wso2.deployment.replicas` identical pods from one
 *   shared deployment.toml; the Key Manager chart one or two replicas; the all-in-one chart two instances from 4.5
 *   and one before (helm-apim 4.2.x–4.7.x `distributed/*` and `all-in-one/` templates and values.yaml).
 * - A release's Services are named after the chart's fullname helper: the release name if it already contains the
 *   chart name, else `<release>-<chart>`, cut to 63 characters (helm-apim `templates/_helpers.tpl` of each chart).
 */
import type { AnalyticsType, ApimKind, ApimNode, IngressMode, LogicalDatabase, ProductVersion, Topology } from './types.ts';
import type { Cluster, TopologyGraph } from './graph.ts';
import { KIND_NAMES, isApimNode } from './kinds.ts';
import { KUBERNETES_DEFAULTS } from './defaults.ts';

/** A chart of wso2/helm-apim: its name (Chart.yaml) and version, and its folder in the repository. */
export interface HelmChart {
  readonly name: string;
  readonly version: string;
  readonly path: string;
}

/** The helm-apim branch for an API-M version, and its chart per kind; none where WSO2 ships no chart for it. */
export interface HelmBranch {
  readonly branch: string;
  readonly charts: Readonly<Partial<Record<ApimKind, HelmChart>>>;
}

const chart = (name: string, version: string, path: string): HelmChart => ({ name, version, path });

/** 4.2–4.4: the control plane, gateway and traffic manager charts, and the Key Manager from 4.3. */
function profileCharts(version: string, allInOne: HelmChart, keyManager: boolean): HelmBranch['charts'] {
  return {
    'control-plane': chart('wso2am-cp', version, 'distributed/control-plane'),
    gateway: chart('wso2am-gateway', version, 'distributed/gateway'),
    'traffic-manager': chart('wso2am-tm', version, 'distributed/traffic-manager'),
    ...(keyManager ? { 'key-manager': chart('wso2am-km', version, 'distributed/key-manager') } : {}),
    'all-in-one': allInOne,
  };
}

/** 4.5+: the API Control Plane and Universal Gateway charts. */
function componentCharts(version: string, gatewayVersion = version): HelmBranch['charts'] {
  return {
    'control-plane': chart('wso2am-acp', version, 'distributed/control-plane'),
    gateway: chart('wso2am-universal-gw', gatewayVersion, 'distributed/gateway'),
    'traffic-manager': chart('wso2am-tm', version, 'distributed/traffic-manager'),
    'key-manager': chart('wso2am-km', version, 'distributed/key-manager'),
    'all-in-one': chart('wso2am-all-in-one', version, 'all-in-one'),
  };
}

/**
 * Chart names and versions per branch head (helm-apim 4.2.x be59cdd107, 4.3.x 428e0f90a4, 4.4.x 39c55eb623, 4.5.x
 * 9856a0c79a, 4.6.x 49ee8dd666, 4.7.x 9671dad894: each chart's Chart.yaml). 4.0 and 4.1 have no helm-apim branch.
 */
export const HELM_BRANCHES: { readonly [V in ProductVersion]: HelmBranch | undefined } = {
  '4.0.0': undefined,
  '4.1.0': undefined,
  '4.2.0': { branch: '4.2.x', charts: profileCharts('4.2.0-0', chart('am-all-in-one', '4.2.0-1', 'all-in-one'), false) },
  '4.3.0': { branch: '4.3.x', charts: profileCharts('4.3.0-3', chart('am-all-in-one', '4.3.0-3', 'all-in-one'), true) },
  '4.4.0': { branch: '4.4.x', charts: profileCharts('4.4.0-4', chart('wso2am-all-in-one', '4.4.0-4', 'all-in-one'), true) },
  '4.5.0': { branch: '4.5.x', charts: componentCharts('4.5.0-10') },
  '4.6.0': { branch: '4.6.x', charts: componentCharts('4.6.0-5', '4.6.0-4') },
  '4.7.0': { branch: '4.7.x', charts: componentCharts('4.7.0-1') },
};

/** The helm-apim branch of an API-M version, or undefined before 4.2. */
export function helmBranchOf(version: ProductVersion): HelmBranch | undefined {
  return HELM_BRANCHES[version];
}

/** WSO2's release names in its pattern guides (APIM docs 4.5.0+ Kubernetes patterns): `apim-acp`, `apim-gw`, … */
export const DEFAULT_RELEASE_NAMES: Readonly<Record<ApimKind, string>> = {
  'control-plane': 'apim-acp',
  gateway: 'apim-gw',
  'traffic-manager': 'apim-tm',
  'key-manager': 'apim-km',
  'all-in-one': 'apim',
};

/** The chart's fullname: the release name if it contains the chart name, else `<release>-<chart>`, at most 63 characters. */
export function chartFullname(release: string, chartName: string): string {
  const name = release.includes(chartName) ? release : `${release}-${chartName}`;
  return name.slice(0, 63).replace(/-+$/, '');
}

/** One release of the plan: a cluster, its chart and how many instances the chart runs for it. */
export interface HelmRelease {
  readonly release: string;
  readonly namespace: string;
  /** The node whose `release` and `namespace` name it: the cluster's load balancer, or its one node. */
  readonly ownerId: string;
  /** The Services' names: the chart's fullname for this release (`chartFullname`). */
  readonly fullname: string;
  readonly chart: HelmChart;
  readonly cluster: Cluster;
  /** `wso2.deployment.highAvailability` for the charts with two instances (control plane, traffic manager, all-in-one, Key Manager). */
  readonly highAvailability: boolean;
  /** `wso2.deployment.replicas` for the gateway chart: one pod per gateway of the cluster. */
  readonly replicas: number;
}

/** Install order: the control plane (or all-in-one) first, whose event hub the others call, then Key Managers, traffic managers, gateways. */
const INSTALL_ORDER: readonly ApimKind[] = ['control-plane', 'all-in-one', 'key-manager', 'traffic-manager', 'gateway'];

/** How many instances a chart can run for one release, per kind (see the module comment). */
function maxInstances(kind: ApimKind, branch: HelmBranch): number {
  switch (kind) {
    case 'gateway':
      return Number.POSITIVE_INFINITY;
    case 'all-in-one':
      return twoAllInOneInstances(branch) ? 2 : 1;
    default:
      return 2;
  }
}

/** What the charts cannot express, with the fix (validation rules once the platform setting lands). */
export interface HelmProblem {
  /** No chart for the version or the kind, or more nodes than the chart's instances (validate/kubernetes.ts reports them). */
  readonly kind: 'no-chart' | 'instances';
  readonly message: string;
  readonly fix: string;
  readonly nodeIds: readonly string[];
}

/** The node that names a cluster's release: its load balancer, or its one node. */
export function ownerOf(cluster: Cluster): { id: string; release?: string | undefined; namespace?: string | undefined } {
  return cluster.lb ?? cluster.members[0];
}

/** `base`, then `base-2`, `base-3`, …: the first not given on the canvas nor already handed out. */
function nextName(base: string, taken: Map<string, number>, named: ReadonlySet<string>): string {
  let count = taken.get(base) ?? 0;
  let name: string;
  do {
    count += 1;
    name = count === 1 ? base : `${base}-${count}`;
  } while (named.has(name));
  taken.set(base, count);
  return name;
}

/** The releases a topology becomes on Kubernetes, in install order, and what the charts cannot express. */
export function helmReleases(topology: Topology, graph: TopologyGraph): { releases: HelmRelease[]; problems: HelmProblem[] } {
  const branch = helmBranchOf(topology.product);
  const problems: HelmProblem[] = [];
  const problem = (message: string, fix: string, nodeIds: string[]) => problems.push({ kind: 'no-chart', message, fix, nodeIds });
  if (!branch) {
    problem(
      `WSO2 ships no Helm charts for API-M ${topology.product} (wso2/helm-apim starts at 4.2)`,
      'Choose API-M 4.2.0 or later for Kubernetes, or the virtual-machine platform.',
      [],
    );
    return { releases: [], problems };
  }
  const seen = new Set<string>();
  const clusters: Cluster[] = [];
  for (const node of topology.nodes) {
    if (!isApimNode(node)) continue;
    const cluster = graph.clusterOf(node);
    if (seen.has(cluster.key)) continue;
    seen.add(cluster.key);
    clusters.push(cluster);
  }
  const namespaceOf = (owner: { namespace?: string | undefined }) =>
    owner.namespace ?? topology.settings.kubernetes?.namespace ?? KUBERNETES_DEFAULTS.namespace;
  // Names given on the canvas are kept; the others take the kind's pattern name, numbered past those in use.
  const named = new Set(clusters.flatMap((cluster) => ownerOf(cluster).release ?? []));
  const taken = new Map<string, number>();
  const releases: HelmRelease[] = [];
  for (const kind of INSTALL_ORDER) {
    for (const cluster of clusters.filter((c) => c.kind === kind)) {
      const chartOf = branch.charts[kind];
      const ids = cluster.members.map((m) => m.id);
      if (!chartOf) {
        problem(
          `helm-apim ${branch.branch} has no ${KIND_NAMES[kind]} chart for ${ids.join(', ')}`,
          `Choose API-M 4.3.0 or later for a separate ${KIND_NAMES[kind]} on Kubernetes, or the virtual-machine platform.`,
          ids,
        );
        continue;
      }
      const limit = maxInstances(kind, branch);
      if (cluster.members.length > limit) {
        problems.push({
          kind: 'instances',
          message: `The ${chartOf.name} chart runs at most ${limit} ${limit === 1 ? 'instance' : 'instances'} per release, and ${cluster.key} has ${cluster.members.length} (${ids.join(', ')})`,
          fix: `Keep ${limit} ${KIND_NAMES[kind].toLowerCase()} ${limit === 1 ? 'node' : 'nodes'} behind ${cluster.key}, or split them into clusters of ${limit} behind their own load balancers (one release each).`,
          nodeIds: ids,
        });
      }
      const owner = ownerOf(cluster);
      const release = owner.release ?? nextName(DEFAULT_RELEASE_NAMES[kind], taken, named);
      releases.push({
        release,
        namespace: namespaceOf(owner),
        ownerId: owner.id,
        fullname: chartFullname(release, chartOf.name),
        chart: chartOf,
        cluster,
        highAvailability: cluster.members.length > 1,
        replicas: cluster.members.length,
      });
    }
  }
  return { releases, problems };
}

/** The Services a release's chart renders, by the names other releases call: the one in front of every pod, and one per instance. */
export interface ReleaseServices {
  /** Every pod of the release (`<fullname>-service`; the all-in-one chart's `<fullname>-am-service`). */
  readonly service: string;
  /** One per instance, in order: what per-node lists (event hub, throttling) name. A one-Service chart lists `service`. */
  readonly instances: readonly string[];
}

/**
 * The Services of a release (helm-apim `templates/**` Service `metadata.name` of each chart): control plane and traffic
 * manager `<fn>-service`, `<fn>-1-service` and, with `highAvailability`, `<fn>-2-service`; gateway and Key Manager one
 * `<fn>-service`; all-in-one `<fn>-am-service`, and from 4.5 `<fn>-am-service-1` and, with `highAvailability`, `-2`.
 */
export function servicesOf(release: Pick<HelmRelease, 'fullname' | 'cluster' | 'highAvailability'>, branch: HelmBranch): ReleaseServices {
  const fn = release.fullname;
  switch (release.cluster.kind) {
    case 'control-plane':
    case 'traffic-manager':
      return {
        service: `${fn}-service`,
        instances: release.highAvailability ? [`${fn}-1-service`, `${fn}-2-service`] : [`${fn}-1-service`],
      };
    case 'all-in-one': {
      const service = `${fn}-am-service`;
      if (!twoAllInOneInstances(branch)) return { service, instances: [service] };
      return { service, instances: release.highAvailability ? [`${service}-1`, `${service}-2`] : [`${service}-1`] };
    }
    case 'gateway':
    case 'key-manager':
      return { service: `${fn}-service`, instances: [`${fn}-service`] };
  }
}

/** The all-in-one chart runs two instances from helm-apim 4.5.x; one Deployment of one pod before. */
export function twoAllInOneInstances(branch: HelmBranch): boolean {
  return !['4.2.x', '4.3.x', '4.4.x'].includes(branch.branch);
}

/** The minor version of a helm-apim branch: 2 for `4.2.x`. */
export function helmMinor(branch: HelmBranch): number {
  return Number(branch.branch.split('.')[1]);
}

/** The branches with `kubernetes.gatewayAPI` values: 4.3.x and 4.5.x onwards (4.4.x has none). */
export function hasGatewayApi(branch: HelmBranch): boolean {
  const minor = helmMinor(branch);
  return minor === 3 || minor >= 5;
}

/** The ingress mode in force: the topology's, else the branch's default (the Gateway API on 4.7.x, NGINX before). */
export function ingressModeOf(topology: Pick<Topology, 'product' | 'settings'>): IngressMode {
  const chosen = topology.settings.kubernetes?.ingress;
  if (chosen) return chosen;
  const branch = helmBranchOf(topology.product);
  return branch && helmMinor(branch) >= 7 ? 'gateway-api' : 'nginx';
}

/**
 * The logical databases a chart of a branch configures: all of them, but the gateway's shared_db only, and none in
 * 4.7.x's gateway and traffic manager charts (helm-apim 4.7.x commit "Remove DB configs from TM and GW nodes").
 */
export function chartDatabases(kind: ApimNode['kind'], branch: HelmBranch): LogicalDatabase[] {
  const minor = helmMinor(branch);
  if (kind === 'gateway') return minor >= 7 ? [] : ['shared_db'];
  if (kind === 'traffic-manager') return minor >= 7 ? [] : ['apim_db', 'shared_db'];
  return ['apim_db', 'shared_db'];
}

/**
 * A release whose pods publish API usage (analytics): a gateway cluster, or an all-in-one with no gateway linked, which
 * is the gateway itself (as its virtual-machine file: generate/allInOne.ts).
 */
export function publishesApiUsage(cluster: Cluster, graph: TopologyGraph): boolean {
  return cluster.kind === 'gateway' || (cluster.kind === 'all-in-one' && graph.wiredClusters(cluster.members[0], 'gateway').length === 0);
}

/**
 * The analytics types the gateway and all-in-one charts of a branch have values for: Choreo (`wso2.choreoAnalytics`)
 * in 4.2.x–4.5.x, ELK (`wso2.ELKAnalytics`) from 4.3.x, Moesif (`wso2.moesifAnalytics`) from 4.6.x, which drops
 * Choreo; none has OpenSearch (helm-apim `<branch>` distributed/gateway or universal-gw and all-in-one values.yaml
 * and confs/**\/deployment.toml `[apim.analytics]`).
 */
export function chartAnalyticsTypes(branch: HelmBranch): readonly AnalyticsType[] {
  const minor = helmMinor(branch);
  return [
    ...(minor <= 5 ? (['choreo'] as const) : []),
    ...(minor >= 3 ? (['elk'] as const) : []),
    ...(minor >= 6 ? (['moesif'] as const) : []),
  ];
}

/** `websocket.example.com` beside `gw.example.com`: WSO2's charts serve WebSocket and WebSub on hosts of their own. */
export function siblingHost(host: string, label: string): string {
  const labels = host.split('.');
  return labels.length >= 3 ? [label, ...labels.slice(1)].join('.') : `${label}.${host}`;
}

/** The host a cluster is reached on from outside: its load balancer's, or its one node's. */
export function publicHost(cluster: Cluster): string {
  return cluster.lb?.host ?? cluster.members[0].host;
}

/** The hostnames of a gateway cluster's routes (API traffic, WebSocket, WebSub); an All-in-One's API traffic has its own. */
export function gatewayHosts(cluster: Cluster): { http: string; ws: string; websub: string } {
  const host = publicHost(cluster);
  return {
    http: cluster.kind === 'all-in-one' ? siblingHost(host, 'gw') : host,
    ws: siblingHost(host, 'websocket'),
    websub: siblingHost(host, 'websub'),
  };
}

/** A route of a release: the `kubernetes.ingress.<component>` (or `gatewayAPI.<component>`) it sets, and its hostname. */
export interface HelmRoute {
  readonly component: string;
  readonly host: string;
}

/** The components a cluster's chart routes, with their hostnames; none for the traffic manager, which has no route. */
export function routesOf(cluster: Cluster): HelmRoute[] {
  const host = publicHost(cluster);
  switch (cluster.kind) {
    case 'control-plane':
      return [{ component: 'controlPlane', host }];
    case 'key-manager':
      return [{ component: 'km', host }];
    case 'traffic-manager':
      return [];
    case 'gateway':
    case 'all-in-one': {
      const hosts = gatewayHosts(cluster);
      return [
        ...(cluster.kind === 'all-in-one' ? [{ component: 'management', host }] : []),
        { component: 'gateway', host: hosts.http },
        { component: 'websocket', host: hosts.ws },
        { component: 'websub', host: hosts.websub },
      ];
    }
  }
}
