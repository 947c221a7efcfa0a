/**
 * The Kubernetes platform: one values file per Helm release of WSO2's charts (wso2/helm-apim, the branch of the
 * product version), wired as the virtual-machine bundle wires the same topology. Each release is a cluster of the
 * topology (releases.ts); the values set are what the wiring needs and what differs from the chart's values.yaml:
 *
 * - cross-release addresses are the Services the charts render for the release names (`servicesOf`), never WSO2's
 *   sample names, which the charts no longer render (4.5.x–4.7.x samples name `…-wso2am-gateway-service`);
 * - hostnames are the load balancers' (the ingress or Gateway API route of the cluster behind it);
 * - every password and key is a reference to a Kubernetes Secret the runbook creates (`existingSecret` from
 *   helm-apim 4.5.x, `jksExistingSecret` from 4.6.x, `encryptionKeyKey` from 4.7.x); a value the branch cannot read
 *   from a Secret stays out of the file and is passed at install time from the Secret (`installSets`).
 *
 * Value paths and where the templates read them: helm-apim `<branch>` `distributed/<component>/values.yaml` and
 * `confs/**\/deployment.toml` of each chart (e.g. 4.7.x distributed/gateway/confs/deployment.toml:132–137 Key
 * Manager, :184–206 throttling, :211–218 event hub).
 */
import type { ApimNode, Cluster, DatabaseNode, DbEngine, HelmBranch, HelmRelease, IngressMode } from '../../model/index.ts';
import {
  KUBERNETES_DEFAULTS,
  analyticsTypeOf,
  chartAnalyticsTypes,
  chartDatabases,
  controlPlaneClusters,
  gatewayHosts,
  hasGatewayApi,
  helmMinor,
  ingressModeOf,
  mysqlVersionOf,
  publishesApiUsage,
  routesOf,
} from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';
import { gatewayLabels } from '../context.ts';
import { keyManagerOf, sharesCounters } from '../connections.ts';
import { helmBranchOf, planReleases, servicesOf } from './releases.ts';

/** A values tree as Helm reads it: maps, lists, strings, numbers and booleans. */
export type HelmValue = string | number | boolean | readonly HelmValue[] | { readonly [key: string]: HelmValue };
export type HelmValues = { [key: string]: HelmValue };

/** The Secret of passwords and keys the runbook creates, and the keystore Secret every chart mounts. */
export const CREDENTIALS_SECRET = 'apim-credentials';
export const KEYSTORE_SECRET = 'apim-keystore-secret';
/** The ConfigMap of the CA that signed the pods' certificate, which the Gateway API's BackendTLSPolicy trusts. */
export const CA_CONFIG_MAP = 'apim-ca-cert';

/** NGINX ingress sticky sessions, as helm-apim 4.3.x+ control-plane values.yaml sets them. */
const STICKY_INGRESS = {
  'nginx.ingress.kubernetes.io/affinity': 'cookie',
  'nginx.ingress.kubernetes.io/session-cookie-name': 'route',
  'nginx.ingress.kubernetes.io/session-cookie-hash': 'sha1',
};

/** A value the chart branch cannot read from a Secret: the runbook passes it with `--set` from the Secret's key. */
export interface InstallSet {
  readonly path: string;
  readonly secretKey: string;
}

/** One release's values file. */
export interface HelmValuesFile {
  readonly release: HelmRelease;
  readonly path: string;
  readonly values: HelmValues;
  readonly installSets: readonly InstallSet[];
  /** The components the release routes (`kubernetes.ingress.<component>`) and their hostnames: DNS names the runbook lists. */
  readonly routes: readonly { readonly component: string; readonly host: string }[];
}

/** The Kubernetes plan of a topology: the releases in install order and their values (validate/kubernetes.ts: what the charts cannot express). */
export interface HelmPlan {
  readonly branch: HelmBranch | undefined;
  readonly ingress: IngressMode;
  readonly files: readonly HelmValuesFile[];
  /** The Secret keys the runbook must create, in first-use order, with what each holds. */
  readonly secretKeys: ReadonlyMap<string, string>;
}

const CONFIGURATIONS = 'wso2.apim.configurations';

/** JDBC driver class and URL per engine: carbon-kernel `infer.json` (the URL WSO2 builds from type, host, port, name). */
const JDBC: Record<DbEngine, { driver: (db: DatabaseNode) => string; url: (db: DatabaseNode, name: string) => string }> = {
  mysql: {
    // MySQL 8: Connector/J 8's class and TLS, as the virtual-machine files write (baseTables.ts).
    driver: (db) => (mysqlVersionOf(db) === '8' ? 'com.mysql.cj.jdbc.Driver' : 'com.mysql.jdbc.Driver'),
    url: (db, name) => `jdbc:mysql://${db.host}:${db.port}/${name}${mysqlVersionOf(db) === '8' ? '?useSSL=true' : ''}`,
  },
  postgre: { driver: () => 'org.postgresql.Driver', url: (db, name) => `jdbc:postgresql://${db.host}:${db.port}/${name}` },
  mssql: {
    driver: () => 'com.microsoft.sqlserver.jdbc.SQLServerDriver',
    url: (db, name) => `jdbc:sqlserver://${db.host}:${db.port};databaseName=${name};SendStringParametersAsUnicode=false`,
  },
  oracle: { driver: () => 'oracle.jdbc.OracleDriver', url: (db, name) => `jdbc:oracle:thin:@${db.host}:${db.port}/${name}` },
  db2: { driver: () => 'com.ibm.db2.jcc.DB2Driver', url: (db, name) => `jdbc:db2://${db.host}:${db.port}/${name}` },
};

/** A values tree built path by path, in the order set. */
class ValuesBuilder {
  readonly root: HelmValues = {};

  set(path: string, value: HelmValue): void {
    const keys = path.split('.');
    const last = keys.pop();
    if (last === undefined) return;
    let node = this.root;
    for (const key of keys) {
      const next = node[key];
      if (next === undefined || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
      node = node[key] as HelmValues;
    }
    node[last] = value;
  }
}

/** The Kubernetes plan: the releases and their values. */
export function helmPlan(context: GenerationContext): HelmPlan {
  const { releases } = planReleases(context);
  const branch = helmBranchOf(context.topology.product);
  const ingress = ingressModeOf(context.topology);
  const secretKeys = new Map<string, string>();
  if (!branch) return { branch, ingress, files: [], secretKeys };

  const byCluster = new Map(releases.map((release) => [release.cluster.key, release]));
  const files = releases.map((release) =>
    valuesOf({ context, branch, ingress, release, byCluster, secretKeys: (key, what) => void secretKeys.set(key, what) }),
  );
  return { branch, ingress, files, secretKeys };
}

interface ValuesInput {
  context: GenerationContext;
  branch: HelmBranch;
  ingress: IngressMode;
  release: HelmRelease;
  byCluster: ReadonlyMap<string, HelmRelease>;
  secretKeys: (key: string, what: string) => void;
}

function valuesOf(input: ValuesInput): HelmValuesFile {
  const { context, branch, release } = input;
  const minor = helmMinor(branch);
  const kind = release.cluster.kind;
  const first = release.cluster.members[0];
  const builder = new ValuesBuilder();
  const installSets: InstallSet[] = [];
  const cfg = (path: string, value: HelmValue) => builder.set(`${CONFIGURATIONS}.${path}`, value);

  // The Service of another release as this release calls it: the bare name in the same namespace.
  const call = (target: HelmRelease, name: string) => (target.namespace === release.namespace ? name : `${name}.${target.namespace}`);
  const releaseOf = (cluster: Cluster) => input.byCluster.get(cluster.key);
  const serviceOf = (cluster: Cluster) => {
    const target = releaseOf(cluster);
    return target ? call(target, servicesOf(target, branch).service) : undefined;
  };
  const instancesOf = (clusters: Cluster[]) =>
    clusters.flatMap((cluster) => {
      const target = releaseOf(cluster);
      return target ? servicesOf(target, branch).instances.map((name) => call(target, name)) : [];
    });

  // Routes: the ingress or Gateway API hostnames of the components this chart exposes.
  const components = routesOf(release.cluster);
  const gatewayApi = input.ingress === 'gateway-api' && hasGatewayApi(branch);
  const ingressSwitch = kind === 'all-in-one' || minor === 3 || minor >= 5;
  if (components.length > 0) {
    if (hasGatewayApi(branch)) {
      builder.set('kubernetes.gatewayAPI.enabled', gatewayApi);
      if (gatewayApi) {
        builder.set('kubernetes.gatewayAPI.gatewayName', context.settings.kubernetes?.gatewayName ?? KUBERNETES_DEFAULTS.gatewayName);
      }
    }
    for (const { component, host } of components) {
      if (ingressSwitch) builder.set(`kubernetes.ingress.${component}.enabled`, !gatewayApi);
      builder.set(`kubernetes.ingress.${component}.hostname`, host);
      if (!gatewayApi) {
        // WebSocket and WebSub listen on TLS ports (8099, 8021), and the charts' Ingresses for them carry no
        // annotation (helm-apim distributed/gateway/values.yaml: `annotations` empty; wso2/api-manager#4478).
        if (component === 'websocket' || component === 'websub') {
          builder.set(`kubernetes.ingress.${component}.annotations`, { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' });
        }
        // The portals' sessions stick to one control plane: the default from helm-apim 4.3.x, absent in 4.2.x.
        if (component === 'controlPlane' && minor === 2) builder.set('kubernetes.ingress.controlPlane.annotations', STICKY_INGRESS);
      }
      if (hasGatewayApi(branch)) {
        builder.set(`kubernetes.gatewayAPI.${component}.enabled`, gatewayApi);
        builder.set(`kubernetes.gatewayAPI.${component}.hostname`, host);
      }
    }
    if (gatewayApi) {
      // The routes reach TLS ports (9443, 8243, 8099, 8021): the Gateway must speak TLS to them and trust their
      // certificate (helm-apim 4.7.x templates/*/…-backend-tls-policy.yaml; off by default, on in WSO2's 4.7 samples).
      builder.set('kubernetes.gatewayAPI.backendTLSPolicy.enabled', true);
      builder.set('kubernetes.gatewayAPI.backendTLSPolicy.caCertificateConfigMap', CA_CONFIG_MAP);
      builder.set('kubernetes.gatewayAPI.backendTLSPolicy.hostname', 'localhost');
      // Two portal instances behind one Service: sessions stick to one (Envoy Gateway's BackendTrafficPolicy, as
      // WSO2's 4.7 control-plane samples).
      if ((kind === 'control-plane' || kind === 'all-in-one') && release.highAvailability) {
        builder.set('kubernetes.gatewayAPI.backendTrafficPolicy.enabled', true);
      }
    }
  }

  // Instances: two hard-wired instances (control plane, traffic manager, all-in-one from 4.5), Key Manager replicas,
  // gateway replicas with the HPA's floor and ceiling (helm-apim distributed/gateway/values.yaml: 2, 2, 3).
  if (kind === 'gateway') {
    builder.set('wso2.deployment.replicas', release.replicas);
    builder.set('wso2.deployment.minReplicas', release.replicas);
    builder.set('wso2.deployment.maxReplicas', Math.max(release.replicas, 3));
  } else if (kind !== 'all-in-one' || minor >= 5) {
    builder.set('wso2.deployment.highAvailability', release.highAvailability);
  }

  credentials(input, cfg, installSets);
  databases(input, cfg, installSets);

  // Wiring: what this cluster calls, by the Services of the releases it calls.
  const controlPlanes = controlPlaneClusters(context.graph, first);
  const controlPlane = controlPlanes[0];
  const eventHubs = controlPlanes.filter((cluster) => cluster.kind === controlPlane?.kind);
  if (kind === 'control-plane' || kind === 'all-in-one') {
    cfg('gateway.environments', environmentsOf(input, serviceOf));
  }
  if (kind === 'control-plane' && minor >= 3) {
    const keyManager = keyManagerOf(context, first, undefined);
    if (keyManager) {
      const service = serviceOf(keyManager);
      if (service) {
        cfg('km.enabled', true);
        cfg('km.serviceName', service);
      }
    }
  }
  if ((kind === 'control-plane' || kind === 'all-in-one') && minor >= 3 && context.facts.controlPlaneGatewayTypes) {
    // The gateway types the Admin portal offers, as the product ships them: the charts' default lags behind from 4.7
    // (helm-apim 4.7.x distributed/control-plane/values.yaml gatewayType without Envoy and APIPlatform).
    cfg('gatewayType', context.facts.controlPlaneGatewayTypes);
  }
  if ((kind === 'control-plane' || kind === 'all-in-one') && minor >= 3) {
    // The keys that sign tokens, inside the cluster: left empty, the charts write an empty oauth2_jwks_url and the
    // server falls back to its public hostname (helm-apim 4.7.x control-plane confs/instance-1/deployment.toml:187–190;
    // WSO2's pattern 3 and 4 samples name the Service).
    const keyManager = (kind === 'control-plane' ? keyManagerOf(context, first, undefined) : undefined) ?? release.cluster;
    const service = serviceOf(keyManager);
    if (service) cfg('oauth_config.oauth2JWKSUrl', `https://${service}:9443/oauth2/jwks`);
  }
  if (kind === 'gateway' || kind === 'traffic-manager' || kind === 'key-manager') {
    if (controlPlane) {
      // A gateway hears the event hub itself with a separate traffic manager, and always from 4.5; before, with the
      // control plane's own traffic manager, through the throttling settings (helm-apim 4.2.x
      // distributed/gateway/values.yaml: eventhub "should be enabled if the traffic manager is separated").
      const separateTm = controlPlane.kind !== 'all-in-one' && context.graph.wiredClusters(first, 'traffic-manager').length > 0;
      if (kind === 'gateway' && (separateTm || context.facts.gatewayEventHubAlways)) cfg('eventhub.enabled', true);
      const service = serviceOf(controlPlane);
      if (service) cfg('eventhub.serviceUrl', service);
      cfg('eventhub.urls', instancesOf(eventHubs));
    }
  }
  if (kind === 'gateway' || kind === 'traffic-manager') {
    const keyManager = keyManagerOf(context, first, controlPlane);
    const service = keyManager && serviceOf(keyManager);
    if (service) cfg('km.serviceUrl', service);
  }
  if (kind === 'gateway') {
    const onAllInOne = controlPlane?.kind === 'all-in-one';
    const trafficManagers = onAllInOne ? [] : context.graph.wiredClusters(first, 'traffic-manager');
    const throttlers = trafficManagers.length > 0 ? trafficManagers : eventHubs;
    const [throttler] = throttlers;
    if (throttler) {
      const service = serviceOf(throttler);
      if (service) cfg('throttling.serviceUrl', service);
      cfg('throttling.urls', instancesOf(throttlers));
      if (minor >= 6 && sharesCounters(context, throttlers)) cfg('distributedThrottling.enable', true);
    }
    cfg(`${minor >= 6 ? 'syncRuntimeArtifacts' : 'sync_runtime_artifacts'}.gateway.labels`, labelsOf(context, first));
  }
  if (kind === 'all-in-one') {
    const labels = labelsOf(context, first);
    if (labels.join() !== 'Default') cfg('syncRuntimeArtifacts.gateway.labels', labels);
  }
  if (publishesApiUsage(release.cluster, context.graph)) analyticsValues(input, (path, value) => builder.set(path, value), installSets);
  if ((kind === 'control-plane' || kind === 'traffic-manager') && minor >= 6) {
    const redis = context.graph.counterStoreFor(first);
    if (redis) {
      cfg('distributedThrottling.enable', true);
      cfg('distributedThrottling.keyvalueStore.host', redis.host);
      if (redis.port !== 6379) cfg('distributedThrottling.keyvalueStore.port', redis.port);
      if (redis.user !== '') cfg('distributedThrottling.keyvalueStore.user', redis.user);
      if (redis.ssl && kind === 'traffic-manager' && minor >= 7) cfg('distributedThrottling.keyvalueStore.ssl', true);
      if (redis.password !== '') {
        const key = `${redis.id}-password`;
        input.secretKeys(key, `the password of Redis ${redis.id}`);
        installSets.push({ path: `${CONFIGURATIONS}.distributedThrottling.keyvalueStore.password`, secretKey: key });
      }
    }
  }

  return { release, path: `helm/${release.release}/values.yaml`, values: builder.root, installSets, routes: components };
}

/**
 * Analytics as the virtual-machine files publish it (generate/analytics.ts), in the values of the branch: Choreo's
 * endpoint and on-prem key (helm-apim 4.2.x–4.5.x `wso2.choreoAnalytics`), ELK (`wso2.ELKAnalytics`, 4.3.x+), Moesif's
 * application id and base URL (`wso2.moesifAnalytics`, 4.6.x+). The charts read the key from the values only, so it
 * is passed from the Secret at install time (APIM066). A type the version does not publish (APIM027) or the branch
 * has no values for (APIM065) is left out.
 */
function analyticsValues(input: ValuesInput, set: (path: string, value: HelmValue) => void, installSets: InstallSet[]): void {
  const { context, branch } = input;
  const { analytics } = context.settings;
  if (!analytics.enabled) return;
  const type = analyticsTypeOf(analytics);
  if (context.facts.analytics[type] === 'no' || !chartAnalyticsTypes(branch).includes(type)) return;
  const key = (path: string, what: string) => {
    input.secretKeys(ANALYTICS_KEY, what);
    installSets.push({ path, secretKey: ANALYTICS_KEY });
  };
  switch (type) {
    case 'choreo':
      set('wso2.choreoAnalytics.enabled', true);
      set('wso2.choreoAnalytics.endpoint', analytics.configEndpoint);
      key('wso2.choreoAnalytics.onpremKey', 'the on-prem key of API-M Analytics (Choreo)');
      return;
    case 'elk':
      set('wso2.ELKAnalytics.enabled', true);
      return;
    case 'moesif':
      set('wso2.moesifAnalytics.enabled', true);
      if (context.facts.moesifBaseUrl && analytics.moesifBaseUrl) set('wso2.moesifAnalytics.moesif_base_url', analytics.moesifBaseUrl);
      key('wso2.moesifAnalytics.key', 'the Moesif application id (analytics)');
      return;
    case 'opensearch':
      return;
  }
}

/** The key of the analytics key in the credentials Secret. */
const ANALYTICS_KEY = 'analytics-key';

/** The environments a node serves: a gateway's labels, else the first environment (an All-in-One's own gateway). */
function labelsOf(context: GenerationContext, node: ApimNode): string[] {
  return gatewayLabels(context, node.kind === 'gateway' ? node : {});
}

/** The admin password, the keystores and (4.7) the encryption key: Secret references, or install-time values. */
function credentials(input: ValuesInput, cfg: (path: string, value: HelmValue) => void, installSets: InstallSet[]): void {
  const { context, branch } = input;
  const minor = helmMinor(branch);
  const { superAdmin, keystore, truststore } = context.settings;
  const secret = (key: string, what: string) => {
    input.secretKeys(key, what);
    return key;
  };
  const installed = (path: string, key: string, what: string) =>
    installSets.push({ path: `${CONFIGURATIONS}.${path}`, secretKey: secret(key, what) });

  cfg('adminUsername', superAdmin.username);
  if (minor >= 5) {
    cfg('existingSecret.secretName', CREDENTIALS_SECRET);
    cfg('existingSecret.adminPasswordKey', secret('admin-password', `the password of ${superAdmin.username}`));
  } else {
    installed('adminPassword', 'admin-password', `the password of ${superAdmin.username}`);
  }
  if (minor >= 7) cfg('existingSecret.encryptionKeyKey', secret('encryption-key', 'the internal encryption key every release shares'));

  // The keystore Secret: every chart mounts it (helm-apim distributed/*/templates/*-deployment.yaml, `jksSecretName`).
  cfg('security.jksSecretName', KEYSTORE_SECRET);
  // The keystores: the primary one, which every node shares and which the TLS and internal keystores default to
  // (carbon.xml.j2, listenerprofiles.xml.j2: keystore.tls.file_name = $ref{keystore.primary.file_name}), is the
  // topology's TLS keystore, unless it names a primary keystore of its own. The keystore Secret mounts each file once:
  // the charts mount every enabled keystore by its file name, so one file enabled twice would be two mounts of one path.
  const own = keystore.primary && keystore.primary.fileName !== keystore.tls.fileName ? keystore.primary : undefined;
  const stores = [
    { name: 'primary', store: own ?? keystore.tls, key: own ? 'primary-' : '', what: own ? 'the primary keystore' : 'the keystore' },
    ...(own ? [{ name: 'tls', store: keystore.tls, key: 'tls-', what: 'the TLS keystore' }] : []),
  ];
  cfg('security.keystores.primary.enabled', true);
  if (!own) cfg('security.keystores.tls.enabled', false);
  for (const { name, store } of stores) {
    cfg(`security.keystores.${name}.name`, store.fileName);
    cfg(`security.keystores.${name}.alias`, store.alias);
  }
  if (truststore.fileName !== 'client-truststore.jks') cfg('security.truststore.name', truststore.fileName);
  if (minor >= 6) {
    // Both keys of a keystore, or neither: the chart defines the environment variables only when both are set
    // (helm-apim 4.6.x distributed/control-plane/templates/…/wso2am-cp-deployment.yaml), while the file reads them as
    // soon as the password key is set.
    cfg('security.jksExistingSecret.secretName', CREDENTIALS_SECRET);
    for (const { name, key, what } of stores) {
      cfg(`security.jksExistingSecret.${name}KeystorePasswordKey`, secret(`${key}keystore-password`, `the password of ${what}`));
      cfg(`security.jksExistingSecret.${name}KeystoreKeyPasswordKey`, secret(`${key}key-password`, `the key password of ${what}`));
    }
    cfg('security.jksExistingSecret.truststorePasswordKey', secret('truststore-password', 'the password of the truststore'));
  } else {
    for (const { name, key, what } of stores) {
      installed(`security.keystores.${name}.password`, `${key}keystore-password`, `the password of ${what}`);
      installed(`security.keystores.${name}.keyPassword`, `${key}key-password`, `the key password of ${what}`);
    }
    installed('security.truststore.password', 'truststore-password', 'the password of the truststore');
  }
}

function databases(input: ValuesInput, cfg: (path: string, value: HelmValue) => void, installSets: InstallSet[]): void {
  const { context, branch, release } = input;
  const minor = helmMinor(branch);
  const first = release.cluster.members[0];
  const logicals = chartDatabases(first.kind, branch);
  if (first.kind === 'gateway' && logicals.length > 0 && !context.graph.databaseFor(first, 'shared_db')) {
    // A gateway with no database keeps the pack's embedded H2 shared_db, as on virtual machines; the chart writes the
    // table from these values whatever they are (helm-apim 4.2.x–4.6.x distributed/gateway/confs/deployment.toml,
    // [database.shared_db]), so they name the H2 file of the pack and its well-known user.
    cfg('databases.type', 'h2');
    cfg('databases.jdbc.driver', 'org.h2.Driver');
    cfg('databases.shared_db.url', 'jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE');
    cfg('databases.shared_db.username', 'wso2carbon');
    cfg('databases.shared_db.password', 'wso2carbon');
    return;
  }
  const servers = logicals.flatMap((logical) => {
    const server = context.graph.databaseFor(first, logical);
    if (!server) return []; // no database to name: APIM065
    return [{ logical, server }];
  });
  const [head] = servers;
  if (!head) return;
  cfg('databases.type', head.server.engine);
  cfg('databases.jdbc.driver', JDBC[head.server.engine].driver(head.server));
  for (const { logical, server } of servers) {
    const name = logical === 'apim_db' ? server.apimDbName : server.sharedDbName;
    cfg(`databases.${logical}.url`, JDBC[server.engine].url(server, name));
    cfg(`databases.${logical}.username`, server.username);
    const key = `${server.id}-password`;
    input.secretKeys(key, `the password of ${server.username} on database ${server.id}`);
    if (minor >= 5) cfg(`existingSecret.${logical === 'apim_db' ? 'apimDBPasswordKey' : 'sharedDBPasswordKey'}`, key);
    else installSets.push({ path: `${CONFIGURATIONS}.databases.${logical}.password`, secretKey: key });
  }
}

/**
 * `gateway.environments[]` of a control plane or All-in-One: one per environment, named by the Service of the gateway
 * release serving it (or the All-in-One's own), with that release's hostnames (helm-apim 4.7.x
 * distributed/control-plane/confs/instance-1/deployment.toml:135–156 builds service_url and the endpoints from them).
 */
function environmentsOf(input: ValuesInput, serviceOf: (cluster: Cluster) => string | undefined): HelmValue[] {
  const { context, branch, release } = input;
  const minor = helmMinor(branch);
  const own = release.cluster;
  const serving = new Map<string, Cluster>();
  for (const cluster of context.graph.wiredClusters(own.members[0], 'gateway')) {
    for (const label of labelsOf(context, cluster.members[0])) if (!serving.has(label)) serving.set(label, cluster);
  }
  return context.environments.flatMap((environment) => {
    const cluster = serving.get(environment.name) ?? (own.kind === 'all-in-one' ? own : undefined);
    const service = cluster && serviceOf(cluster);
    if (!cluster || !service) return []; // APIM validation reports an environment no gateway serves
    const hosts = gatewayHosts(cluster);
    return [
      {
        name: environment.name,
        type: environment.type,
        ...(minor >= 3 ? { gatewayType: 'Regular' } : {}),
        provider: 'wso2',
        displayInApiConsole: environment.displayInApiConsole,
        description: environment.description,
        showAsTokenEndpointUrl: environment.showAsTokenEndpointUrl,
        serviceName: service,
        // The 4.2.x control plane chart fixes the port; its all-in-one chart reads it (all-in-one/confs/deployment.toml).
        ...(minor >= 3 || own.kind === 'all-in-one' ? { servicePort: 9443 } : {}),
        wsHostname: hosts.ws,
        httpHostname: hosts.http,
        websubHostname: hosts.websub,
      },
    ];
  });
}
