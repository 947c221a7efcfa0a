/**
 * The Kubernetes platform's rules (APIM060–APIM067, APIM073): what WSO2's Helm charts (wso2/helm-apim, the branch of the
 * product version) cannot express, so the page, the CLI and the bundle's runbook say it before `helm install` does.
 * Only when the topology's platform is Kubernetes. The release plan is model/helm.ts, the values generate/helm.
 */
import type { AnalyticsType, ApimNode, Diagnostic, HelmBranch, HelmRelease, Topology, TopologyGraph } from '../model/index.ts';
import {
  analyticsTypeOf,
  buildGraph,
  chartAnalyticsTypes,
  chartDatabases,
  gatewayLabelsOf,
  gatewayEnvironmentsOf,
  hasGatewayApi,
  helmBranchOf,
  helmMinor,
  helmReleases,
  isVersionFacts,
  mysqlVersionOf,
  platformOf,
  publishesApiUsage,
  routesOf,
  versionFacts,
} from '../model/index.ts';
import { report } from './rules.ts';
import { names } from './text.ts';

/** The longest suffix a chart adds to its fullname for a Service (`-2-service`; the all-in-one's `-am-service-2`). */
const LONGEST_SUFFIX = '-am-service-2'.length;

const PLAN_RULES = { 'no-chart': 'APIM060', instances: 'APIM061' } as const;

const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;

export function validateKubernetes(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  if (platformOf(topology.settings) !== 'kubernetes') return [];
  const { releases, problems } = helmReleases(topology, graph);
  // APIM060 (no chart), APIM061 (more nodes than the chart's instances): found while planning.
  const out = problems.map((problem) =>
    report(PLAN_RULES[problem.kind], { message: problem.message, fix: problem.fix, nodeIds: [...problem.nodeIds] }),
  );
  const branch = helmBranchOf(topology.product);
  if (!branch) return out;
  out.push(
    ...environments(topology, releases),
    ...offsets(releases),
    ...releaseNames(releases),
    ...wiring(topology, graph, branch, releases),
    ...secrets(topology, graph, branch, releases),
    ...secondInstance(branch, releases),
    ...chartDefaults(topology, graph, branch, releases),
  );
  return out;
}

/** APIM062: one gateway release, one deployment.toml: its gateways must serve the same environments. */
function environments(topology: Topology, releases: HelmRelease[]): Diagnostic[] {
  const all = gatewayEnvironmentsOf(topology);
  return releases.flatMap(({ cluster, chart }) => {
    if (cluster.kind !== 'gateway') return [];
    const sets = new Set(cluster.members.map((member) => gatewayLabelsOf(all, member.kind === 'gateway' ? member : {}).join(', ')));
    if (sets.size < 2) return [];
    return [
      report('APIM062', {
        message: `The gateways behind ${cluster.key} serve different environments (${[...sets].map((set) => `[${set}]`).join(', ')}), and the pods of one ${chart.name} release share one deployment.toml`,
        fix: 'Put the gateways of each environment behind a load balancer of their own: each becomes a release.',
        nodeIds: cluster.members.map((member) => member.id),
      }),
    ];
  });
}

/** APIM063: offsets shift ports on one host; on Kubernetes every pod has its own address and the charts use the defaults. */
function offsets(releases: HelmRelease[]): Diagnostic[] {
  const shifted = releases.flatMap((release) => release.cluster.members.filter((node) => node.offset !== 0));
  if (shifted.length === 0) return [];
  return [
    report('APIM063', {
      message: `Port offsets mean nothing on Kubernetes, where every pod has its own address, and ${shifted.map((node) => `${node.id} (${node.offset})`).join(', ')} ${shifted.length === 1 ? 'has one' : 'have one'}`,
      fix: "Set the port offset of these nodes to 0: the charts' addresses between releases use the default ports.",
      nodeIds: shifted.map((node) => node.id),
    }),
  ];
}

/** APIM064: a release name twice, or one whose Service names the chart would cut at 63 characters. */
function releaseNames(releases: HelmRelease[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, HelmRelease>();
  for (const release of releases) {
    const other = seen.get(release.release);
    if (other) {
      out.push(
        report('APIM064', {
          message: `Two clusters become the Helm release ${release.release} (${other.cluster.key} and ${release.cluster.key})`,
          fix: `Give ${release.ownerId} a release name of its own (Helm release in the inspector).`,
          nodeIds: [release.ownerId, other.ownerId],
        }),
      );
    } else seen.set(release.release, release);
    if (release.fullname.length + LONGEST_SUFFIX > 63) {
      const room = 63 - LONGEST_SUFFIX - (release.fullname.length - release.release.length);
      out.push(
        report('APIM064', {
          message: `The release ${release.release} names its Services ${release.fullname}-…, past the 63 characters of a Kubernetes name, and the chart cuts them without a word`,
          fix: `Shorten the release name of ${release.ownerId} to at most ${Math.max(1, room)} characters.`,
          nodeIds: [release.ownerId],
        }),
      );
    }
  }
  return out;
}

/** APIM065: wiring the charts have no values for. */
function wiring(topology: Topology, graph: TopologyGraph, branch: HelmBranch, releases: HelmRelease[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const facts = versionFacts(topology.product);
  const problem = (message: string, fix: string, nodeIds: string[]) => out.push(report('APIM065', { message, fix, nodeIds }));
  for (const { cluster, chart } of releases) {
    const ids = cluster.members.map((member) => member.id);
    const first: ApimNode = cluster.members[0];
    if (cluster.kind === 'all-in-one' && facts.separateKeyManager) {
      const keyManagers = graph.wiredClusters(first, 'key-manager');
      if (keyManagers.length > 0) {
        problem(
          `The ${chart.name} chart cannot point ${cluster.key} at a separate Key Manager (${names(keyManagers.map((km) => km.key))}): it has no Key Manager values`,
          'On Kubernetes, use a control plane with the Key Manager (Pattern 4), or let the All-in-One be its own Key Manager.',
          [...ids, ...keyManagers.flatMap((km) => km.members.map((member) => member.id))],
        );
      }
    }
    // The gateway keeps the pack's H2 shared_db without a database, as on virtual machines; the others need one.
    const needed = chartDatabases(cluster.kind, branch).filter((db) => cluster.kind !== 'gateway' && !graph.databaseFor(first, db));
    if (needed.length > 0) {
      problem(
        `The ${chart.name} chart has no embedded database: ${cluster.key} needs a database node for ${needed.join(' and ')}`,
        `Link ${cluster.key} to a database node that holds ${needed.join(' and ')}.`,
        ids,
      );
    }
    const servers = chartDatabases(cluster.kind, branch).flatMap((db) => graph.databaseFor(first, db) ?? []);
    const kinds = new Set(servers.map((server) => `${server.engine}${server.engine === 'mysql' ? mysqlVersionOf(server) : ''}`));
    if (kinds.size > 1) {
      problem(
        `The ${chart.name} chart takes one database type and JDBC driver for both databases, and ${cluster.key} uses ${names(servers.map((server) => server.id))} on different engines`,
        'Keep apim_db and shared_db on one database engine (and one MySQL version) on Kubernetes.',
        [...ids, ...servers.map((server) => server.id)],
      );
    }
    const byIp = routesOf(cluster).filter((route) => IP_ADDRESS.test(route.host));
    if (byIp.length > 0) {
      const owner = cluster.lb?.id ?? first.id;
      problem(
        `Ingress rules and Gateway API routes need DNS names, and ${owner} is reached by the IP address ${byIp[0]?.host ?? ''}`,
        `Give ${owner} a DNS name as its host.`,
        [owner],
      );
    }
  }
  // IS 7 is a third-party Key Manager added in the Admin portal: nothing in API-M's files, so nothing in the values.
  const identityServers = graph.nodesOfKind('identity-server').filter((server) => isVersionFacts(server.version).mode === 'resident');
  if (identityServers.length > 0) {
    problem(
      `WSO2 Identity Server ${names(identityServers.map((server) => server.id))} as the resident Key Manager is not written for Kubernetes yet: the charts' iskm values give its port in some charts and not in others`,
      'Use the virtual-machine platform for IS 5.x or 6.x as the resident Key Manager, or IS 7 as a third-party Key Manager (Pattern 6).',
      identityServers.map((server) => server.id),
    );
  }
  const unpublished = analyticsWithoutValues(topology, graph, branch, releases);
  if (unpublished) {
    const offered = chartAnalyticsTypes(branch).map((type) => ANALYTICS_NAMES[type]);
    problem(
      `helm-apim ${branch.branch} has no ${ANALYTICS_NAMES[unpublished.type]} analytics values: its gateway and all-in-one charts publish ${offered.join(' and ')} analytics only`,
      `Choose ${offered.join(' or ')} analytics in the settings, or turn analytics off, or use the virtual-machine platform.`,
      unpublished.nodeIds,
    );
  }
  if (topology.settings.kubernetes?.ingress === 'gateway-api' && !hasGatewayApi(branch)) {
    problem(
      `helm-apim ${branch.branch} has no Gateway API values: its charts route through NGINX ingress only`,
      'Choose NGINX ingress in the settings, or API-M 4.3.0, or 4.5.0 and later.',
      [],
    );
  }
  return out;
}

/** APIM066: what the branch cannot read from a Secret, passed at install time and kept by the chart in a ConfigMap. */
function secrets(topology: Topology, graph: TopologyGraph, branch: HelmBranch, releases: HelmRelease[]): Diagnostic[] {
  const minor = helmMinor(branch);
  // What no branch reads from a Secret: the Redis password, the analytics key (Choreo's on-prem key, Moesif's id).
  const never = [
    ...(minor >= 6 &&
    releases.some(
      ({ cluster }) =>
        (cluster.kind === 'control-plane' || cluster.kind === 'traffic-manager') && graph.counterStoreFor(cluster.members[0])?.password,
    )
      ? ['the Redis password']
      : []),
    ...(analyticsKeyWritten(topology, graph, branch, releases) ? ['the analytics key'] : []),
  ];
  const values = [...(minor < 5 ? ['the admin and database passwords'] : []), ...(minor < 6 ? ['the keystore passwords'] : []), ...never];
  if (values.length === 0) return [];
  // One value ("the analytics key") is "it"; two or a plural ("the keystore passwords") are "them".
  const them = values.length > 1 || values[0]?.endsWith('passwords') ? 'them' : 'it';
  const nowhere = never.length > 0 ? `no chart branch reads ${never.join(' or ')} from a Secret` : undefined;
  return [
    report('APIM066', {
      message: `helm-apim ${branch.branch} cannot read ${values.join(' and ')} from a Secret: the runbook passes ${them} from the Secret at install time, and the chart writes ${them} into its ConfigMap in plain text`,
      fix:
        minor < 6
          ? `Limit who can read ConfigMaps in the namespace, or use API-M 4.6.0 or later, whose charts read passwords and keystore passwords from Secrets${nowhere ? ` (${nowhere})` : ''}.`
          : `Limit who can read ConfigMaps in the namespace: ${nowhere ?? ''}.`,
      nodeIds: [],
    }),
  ];
}

/**
 * APIM073: what the topology's files set that no chart value carries, so the pods run with the chart's default:
 * - API key subscription validation on 4.2 and 4.3, which the product's default file sets (product-apim v4.2.0 /
 *   v4.3.0 default deployment.toml `[apim.key_manager]`) and no helm-apim 4.2.x / 4.3.x confs/deployment.toml writes;
 * - a Gateway ID (4.6+): the gateway chart has one `gatewayNotification.gatewayId` for every pod of a release
 *   (helm-apim 4.6.x / 4.7.x distributed/gateway/confs/deployment.toml), which would make them one gateway, so the
 *   values leave it empty and each pod registers under a random id.
 */
function chartDefaults(topology: Topology, graph: TopologyGraph, branch: HelmBranch, releases: HelmRelease[]): Diagnostic[] {
  const facts = versionFacts(topology.product);
  const out: Diagnostic[] = [];
  const servingApis = releases
    .filter(({ cluster }) => cluster.kind === 'gateway' || cluster.kind === 'all-in-one')
    .flatMap(({ cluster }) => cluster.members.map((member) => member.id));
  if (facts.apikeySubscriptionValidation && servingApis.length > 0) {
    out.push(
      report('APIM073', {
        message: `The charts of helm-apim ${branch.branch} write no enable_apikey_subscription_validation, which API-M ${topology.product}'s own default file sets: on Kubernetes an API key keeps working after its subscription is removed or blocked`,
        fix: "Add [apim.key_manager] enable_apikey_subscription_validation = true to the gateway chart's confs/deployment.toml (and the all-in-one's) before installing, or use API-M 4.4 or later, which checks subscriptions by default, or the virtual-machine platform.",
        nodeIds: servingApis,
      }),
    );
  }
  const overridden = graph.nodesOfKind('gateway').filter((gateway) => gateway.gatewayId !== undefined);
  if (facts.gatewayId && overridden.length > 0) {
    const ids = overridden.map((gateway) => gateway.id);
    out.push(
      report('APIM073', {
        message: `The Gateway ID of ${names(ids)} is not written on Kubernetes: the gateway chart gives every pod of a release one gateway_id, which would make them one gateway, so each pod registers under a random id of its own`,
        fix: 'Clear the Gateway ID, or use the virtual-machine platform, where each gateway node keeps the one it is given.',
        nodeIds: ids,
      }),
    );
  }
  return out;
}

const ANALYTICS_NAMES: Readonly<Record<AnalyticsType, string>> = {
  choreo: 'Choreo',
  elk: 'ELK',
  opensearch: 'OpenSearch',
  moesif: 'Moesif',
};

/** Analytics the version publishes (else APIM027 says so) and a publishing release would need values for. */
function publishedAnalytics(topology: Topology, graph: TopologyGraph, releases: HelmRelease[]) {
  const { analytics } = topology.settings;
  if (!analytics.enabled) return undefined;
  const type = analyticsTypeOf(analytics);
  const nodeIds = releases
    .filter(({ cluster }) => publishesApiUsage(cluster, graph))
    .flatMap(({ cluster }) => cluster.members.map((member) => member.id));
  if (versionFacts(topology.product).analytics[type] === 'no' || nodeIds.length === 0) return undefined;
  return { type, nodeIds };
}

/** APIM065: analytics of a type the branch's charts have no values for (generate/helm/values.ts leaves it out). */
function analyticsWithoutValues(topology: Topology, graph: TopologyGraph, branch: HelmBranch, releases: HelmRelease[]) {
  const published = publishedAnalytics(topology, graph, releases);
  return published && !chartAnalyticsTypes(branch).includes(published.type) ? published : undefined;
}

/** The analytics key goes into the values at install time: Choreo and Moesif have one, ELK none. */
function analyticsKeyWritten(topology: Topology, graph: TopologyGraph, branch: HelmBranch, releases: HelmRelease[]): boolean {
  const published = publishedAnalytics(topology, graph, releases);
  return !!published && chartAnalyticsTypes(branch).includes(published.type) && published.type !== 'elk';
}

/** APIM067: helm-apim 4.2.x writes no [truststore] for the second control plane instance, which keeps the pack's. */
function secondInstance(branch: HelmBranch, releases: HelmRelease[]): Diagnostic[] {
  if (helmMinor(branch) !== 2) return [];
  return releases.flatMap(({ cluster, highAvailability, chart }) =>
    cluster.kind === 'control-plane' && highAvailability
      ? [
          report('APIM067', {
            message: `The ${chart.name} chart of helm-apim 4.2.x writes no truststore settings for its second instance (${cluster.members[1]?.id ?? cluster.key}): it opens client-truststore.jks with the password wso2carbon`,
            fix: 'Keep the truststore named client-truststore.jks with the password wso2carbon in the keystore Secret, or use API-M 4.3.0 or later.',
            nodeIds: cluster.members.map((member) => member.id),
          }),
        ]
      : [],
  );
}
