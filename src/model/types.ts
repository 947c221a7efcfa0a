/**
 * The topology document, format `apim-topology/1` (README, "The topology format").
 *
 * These are the in-memory types after restore: every field that has a version-independent default is
 * filled. Fields whose default depends on the product version (the gateway environments, a gateway's
 * labels) stay optional and are resolved at generation time, so changing the version changes them.
 * An optional field may hold `undefined`, read as absent: the inspector clears a field that way, and
 * the schema accepts it.
 */

export const TOPOLOGY_FORMAT = 'apim-topology/1';

/** A node id: it names the node's folder in the bundle, so it is kept to a safe alphabet. */
export const NODE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62})$/;

/**
 * A gateway's `gateway_id` (4.6+): what it registers with the control plane under (carbon-apimgt v9.32.147
 * GatewayNotifier, a JSON payload and a database row). Letters, digits, `.`, `_` and `-`, as WSO2's docs example
 * `gateway_00` and every node id.
 */
export const GATEWAY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A DNS name (RFC 1123 labels) or an IPv4 address: what `host` and `nodeIp` accept. */
export const HOST_PATTERN =
  /^(?=.{1,253}$)(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/;

export const PRODUCT_VERSIONS = ['4.0.0', '4.1.0', '4.2.0', '4.3.0', '4.4.0', '4.5.0', '4.6.0', '4.7.0'] as const;
export type ProductVersion = (typeof PRODUCT_VERSIONS)[number];

/** Database engines, spelled as WSO2's `[database.*] type` spells them (`postgre`, not `postgres`). */
export const DB_ENGINES = ['mysql', 'postgre', 'mssql', 'oracle', 'db2'] as const;
export type DbEngine = (typeof DB_ENGINES)[number];

/**
 * The MySQL server a database node runs: `8` (8.0 or later, the default) or `5.7`. It decides how
 * `[database.*]` is written (APIM docs 'Changing to MySQL': MySQL 8.0 uses driver com.mysql.cj.jdbc.Driver;
 * carbon-kernel …/resources/conf/infer.json `database.$1.type` infers the 5.x com.mysql.jdbc.Driver).
 */
export const MYSQL_VERSIONS = ['8', '5.7'] as const;
export type MysqlVersion = (typeof MYSQL_VERSIONS)[number];

/**
 * What is wrong with a password, user name, alias or file name that the files and the runbook both
 * carry, or undefined. Spaces at either end, tabs and line breaks are refused: a shell command in the
 * runbook (keytool, mysql) and the TOML file would not read them alike, and a copy-paste brings them
 * in unseen.
 */
export function credentialProblem(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(text)) return 'contains a tab, a line break or another control character';
  if (/^\s/.test(text)) return 'starts with a space';
  if (/\s$/.test(text)) return 'ends with a space';
  return undefined;
}

/** A database name: what every engine accepts unquoted, and what a JDBC URL can carry as it is. */
export const DATABASE_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_$-]{0,63}$/;

/**
 * The logical databases API-M nodes share (APIM docs 'Installing and Configuring the Databases'; product-apim default
 * deployment.toml `[database.apim_db]`, `[database.shared_db]`). `local` is never shared.
 */
export const LOGICAL_DATABASES = ['apim_db', 'shared_db'] as const;
export type LogicalDatabase = (typeof LOGICAL_DATABASES)[number];

export const ENVIRONMENT_TYPES = ['hybrid', 'production', 'sandbox'] as const;
export type EnvironmentType = (typeof ENVIRONMENT_TYPES)[number];

export const KEYSTORE_TYPES = ['JKS', 'PKCS12'] as const;

/**
 * Where gateways publish analytics (APIM docs analytics guides: Choreo 'Configure the API Gateway', ELK, OpenSearch,
 * Moesif), spelled as `[apim.analytics] type` spells them.
 * `choreo` is the API-M Analytics cloud, the product default, written without a `type`. Which versions
 * support which type is a version fact (`versionFacts(v).analytics`).
 */
export const ANALYTICS_TYPES = ['choreo', 'elk', 'opensearch', 'moesif'] as const;
export type AnalyticsType = (typeof ANALYTICS_TYPES)[number];
export type KeystoreType = (typeof KEYSTORE_TYPES)[number];

interface NodeBase {
  /** Unique, `[a-z0-9-]+`; names the node's folder in the bundle. */
  id: string;
  label: string;
  x: number;
  y: number;
}

/**
 * TOML the person adds to generated files (the topology format's `customToml`): keys the designer does not model,
 * merged into the file of the node, or of every member of the cluster a load balancer fronts (the node's own wins over
 * its cluster's). A key the designer also writes keeps the designer's value unless it is listed in
 * `customTomlOverrides`.
 */
export interface CustomTomlFields {
  customToml?: string | undefined;
  /** Dotted keys of `customToml` whose value replaces the one the designer writes, as the person chose. */
  customTomlOverrides?: string[] | undefined;
}

/**
 * The names (subject alternative names) of the TLS certificate a node already has, when the person says: the
 * designer checks that they cover every name a peer calls it by (APIM072). Absent: the runbook makes a certificate
 * with the names it needs.
 */
export interface CertificateFields {
  certificateNames?: string[] | undefined;
}

interface ApimNodeBase extends NodeBase, HelmReleaseFields, CustomTomlFields, CertificateFields {
  /** DNS name or IP address other nodes use to reach this node. */
  host: string;
  /** Port offset, 0–1000: every port is its default plus this. */
  offset: number;
  /** `[server] node_ip`; written only when set. */
  nodeIp?: string | undefined;
}

/**
 * The Kubernetes platform: the Helm release a cluster becomes, and its namespace. Read from the cluster's load
 * balancer, or from the node itself when no load balancer fronts it. Absent: WSO2's pattern name for the kind
 * (`apim-acp`, `apim-gw`, …) and `settings.kubernetes.namespace`.
 */
export interface HelmReleaseFields {
  release?: string | undefined;
  namespace?: string | undefined;
}

/** Where the bundle deploys: virtual machines (deployment.toml per node, nginx.conf per load balancer) or Kubernetes. */
export const PLATFORMS = ['vm', 'kubernetes'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** How traffic reaches the releases on Kubernetes: the Gateway API (helm-apim 4.7.x default) or NGINX ingress. */
export const INGRESS_MODES = ['gateway-api', 'nginx'] as const;
export type IngressMode = (typeof INGRESS_MODES)[number];

/** The Kubernetes platform's settings; each absent field takes KUBERNETES_DEFAULTS or the version's default. */
export interface KubernetesSettings {
  /** The namespace of every release without its own. */
  namespace?: string | undefined;
  /** Absent: the chart branch's default (the Gateway API on 4.7, NGINX ingress before). */
  ingress?: IngressMode | undefined;
  /** The Gateway API Gateway the routes attach to (`kubernetes.gatewayAPI.gatewayName`). */
  gatewayName?: string | undefined;
}

export interface GatewayNode extends ApimNodeBase {
  kind: 'gateway';
  /** The gateway environments this gateway serves (`gateway_labels`). Default: the first environment. */
  labels?: string[] | undefined;
  /**
   * `[apim.gateway_notification] gateway_id` (4.6+), overriding the id derived from the node (`gatewayIdOf`).
   * It must stay the same across restarts and differ from every other gateway's.
   */
  gatewayId?: string | undefined;
}

export interface ControlPlaneNode extends ApimNodeBase {
  kind: 'control-plane';
}

/**
 * The All-in-One distribution: one API-M server that runs the control plane, Key Manager, Traffic Manager and a
 * gateway together (`sh api-manager.sh` with no profile; from 4.5 the All-in-One distribution, product-apim v4.5.0
 * `all-in-one-apim/`). Alone, or two or more behind a load balancer, it serves everything (APIM docs 4.5.0 'Deployment
 * Overview', Pattern 0 and Pattern 1); wired to gateways it is their control plane, Key Manager and Traffic Manager
 * (Pattern 2, 'Simple Scalable Setup').
 */
export interface AllInOneNode extends ApimNodeBase {
  kind: 'all-in-one';
}

export interface TrafficManagerNode extends ApimNodeBase {
  kind: 'traffic-manager';
  /** `[apim.throttling] skip_redeploying_policies`: policies not redeployed at start-up. */
  skipRedeployingPolicies?: string[] | undefined;
}

/**
 * A separate API-M Key Manager (4.3+: the `api-key-manager-node` profile on 4.3–4.4, a copy of the API Control Plane
 * optimised with the `key-manager` profile from 4.5; APIM docs 'Distributed Deployment with Key Manager Separated').
 * Gateways, control planes and traffic managers linked to it (or to its load balancer) validate keys and tokens there.
 */
export interface KeyManagerNode extends ApimNodeBase {
  kind: 'key-manager';
}

export interface LoadBalancerNode extends NodeBase, HelmReleaseFields, CustomTomlFields, CertificateFields {
  kind: 'load-balancer';
  host: string;
  /**
   * Sticky sessions on the portals' HTTPS upstream (`ip_hash`, or `sticky` in NGINX Plus). Only a control-plane
   * load balancer needs them (APIM docs 'Configuring the Proxy Server and the Load Balancer', 'HA for Control Plane'). Absent means
   * `LOAD_BALANCER_DEFAULTS.sticky` (true); read it with `isSticky`.
   */
  sticky?: boolean | undefined;
}

export interface DatabaseNode extends NodeBase {
  kind: 'database';
  host: string;
  engine: DbEngine;
  port: number;
  /** Which logical databases this server holds. */
  databases: LogicalDatabase[];
  apimDbName: string;
  sharedDbName: string;
  username: string;
  password: string;
  /**
   * MySQL only. Absent in files that do not say, meaning `DEFAULT_MYSQL_VERSION` (8); read it with
   * `mysqlVersionOf`.
   */
  mysqlVersion?: MysqlVersion | undefined;
}

/**
 * A Redis server that keeps the throttle counters the control planes and traffic managers share (API-M 4.6+,
 * `[apim.distributed_throttling.keyvalue_store]`; APIM docs 4.6.0 'Configuring Distributed Rate Limiting for an
 * API Gateway Cluster'). Control planes and traffic managers link to it, as to a database.
 */
export interface RedisNode extends NodeBase {
  kind: 'redis';
  host: string;
  /** 6379 by default (helm-apim 4.6.x distributedThrottling.keyvalueStore.port). */
  port: number;
  /** The Redis ACL user; empty for the default user (Redis 6 `AUTH <password>`). */
  user: string;
  password: string;
  /** TLS to Redis (`keyvalue_store.ssl`, read from 4.6: carbon-apimgt v9.32.147 api-manager.xml.j2). Absent means off. */
  ssl?: boolean | undefined;
}

/**
 * WSO2 Identity Server releases a topology may name (the topology format: `identity-server` nodes' `version`). What
 * each can be for API-M is in identityServer.ts.
 */
export const IS_VERSIONS = ['5.10', '5.11', '6.0', '6.1', '7.0', '7.1'] as const;
export type IsVersion = (typeof IS_VERSIONS)[number];

/**
 * WSO2 Identity Server as the Key Manager of API-M (APIM docs 4.x 'Configure WSO2 Identity Server as a Key Manager';
 * 4.3+ 'Configure WSO2 IS 7 as a Key Manager'). API-M nodes link to it to use it. IS 5.11 and 6.x are the resident
 * Key Manager (`[apim.key_manager] type = "WSO2-IS"`, with the IS-side connector); IS 7 is only a third-party Key
 * Manager, added in the Admin portal. It does not run API-M: it has its own deployment.toml and ports.
 */
export interface IdentityServerNode extends NodeBase, CertificateFields {
  kind: 'identity-server';
  host: string;
  /** Port offset, 0–1000 (IS's HTTPS port is 9443 plus it). WSO2's docs run IS with offset 1 beside API-M. */
  offset: number;
  version: IsVersion;
}

export type ApimNode = GatewayNode | ControlPlaneNode | TrafficManagerNode | KeyManagerNode | AllInOneNode;
export type TopologyNode = ApimNode | LoadBalancerNode | DatabaseNode | RedisNode | IdentityServerNode;

/**
 * The node kinds: one per node type. Each has an entry in the registry (kinds.ts), which `NODE_KINDS`,
 * `APIM_KINDS`, `isApimKind` and `KIND_NAMES` are read from.
 */
export type NodeKind = TopologyNode['kind'];
/** The kinds that run WSO2 API-M and get a `deployment.toml`: the node types with an offset. */
export type ApimKind = ApimNode['kind'];

export type NodeOfKind<K extends NodeKind> = Extract<TopologyNode, { kind: K }>;

export interface Link {
  from: string;
  to: string;
}

export interface Keystore {
  fileName: string;
  type: KeystoreType;
  password: string;
  alias: string;
  keyPassword: string;
}

export interface Truststore {
  fileName: string;
  type: KeystoreType;
  password: string;
}

export interface GatewayEnvironment {
  name: string;
  type: EnvironmentType;
  description: string;
  displayInApiConsole: boolean;
  showAsTokenEndpointUrl: boolean;
}

export interface Settings {
  superAdmin: { username: string; password: string; createAdminAccount: boolean };
  keystore: { tls: Keystore; primary?: Keystore | undefined };
  truststore: Truststore;
  /** Gateway environments the control planes publish to. Default: one, named per version. */
  gatewayEnvironments?: GatewayEnvironment[] | undefined;
  /** Backend JWT, on gateways (seed: "enable if required"). */
  jwt: { enabled: boolean; encoding: 'base64' | 'base64url'; header: string; signingAlgorithm: string; claimDialect: string };
  cors: { enabled: boolean; allowOrigins: string; allowMethods: string[]; allowHeaders: string[]; allowCredentials: boolean };
  /** Distributed cache invalidation between control planes (seed: optional). */
  cacheInvalidation: { enabled: boolean; domain: string };
  /**
   * API-M Analytics, published by gateways. `type` absent means `choreo` (files from before the field
   * stay as they are). `authToken` is the Choreo on-prem key, or the Moesif application id (`moesifKey`);
   * ELK and OpenSearch read a log file and need neither. `configEndpoint` is the Choreo auth endpoint,
   * which every version needs (B5). `moesifBaseUrl` is Moesif's API address (`moesif_base_url`, 4.6+; absent: the
   * publisher's default, Moesif's cloud).
   */
  analytics: {
    enabled: boolean;
    type?: AnalyticsType | undefined;
    configEndpoint: string;
    authToken: string;
    moesifBaseUrl?: string | undefined;
  };
  /** Runtime artifacts gateways keep instead of syncing (seed: optional). */
  skipList: { apis: string[]; endpoints: string[]; sequences: string[]; localEntries: string[] };
  /**
   * Secure vault: every password is written as `$secret{alias}`, with a `[secrets]` table last in each
   * file for `ciphertool.sh -Dconfigure` to encrypt (APIM docs 'Encrypting Passwords in Configuration Files').
   * Absent means off.
   */
  secureVault?: boolean | undefined;
  /**
   * API-M 4.7+: the one internal encryption key every node uses (`[encryption] key`, with the
   * SymmetricKeyInternalCryptoProvider). Written as given: a literal (e.g. from `openssl rand -hex 32`), `$env{…}`
   * or `$secret{…}`. A secret: share links and a "keep passwords out" autosave leave it out. Absent: not set
   * (APIM042 on 4.7).
   */
  encryptionKey?: string | undefined;
  /** Absent means `vm`. */
  platform?: Platform | undefined;
  kubernetes?: KubernetesSettings | undefined;
}

export interface Topology {
  format: typeof TOPOLOGY_FORMAT;
  name: string;
  product: ProductVersion;
  settings: Settings;
  nodes: TopologyNode[];
  links: Link[];
}
