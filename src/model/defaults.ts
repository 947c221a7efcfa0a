/**
 * Defaults are data, defined once: new nodes, restore of a sparse file, the inspector's placeholders and
 * the generator all read them from here.
 */
import type {
  AnalyticsType,
  DatabaseNode,
  DbEngine,
  GatewayEnvironment,
  Keystore,
  MysqlVersion,
  NodeKind,
  Platform,
  ProductVersion,
  RedisNode,
  Settings,
  TopologyNode,
} from './types.ts';
import { PRODUCT_VERSIONS } from './types.ts';
import { KINDS, unhandledKind } from './kinds.ts';
import { IDENTITY_SERVER_DEFAULTS } from './identityServer.ts';

const newestProduct = PRODUCT_VERSIONS.at(-1);
if (newestProduct === undefined) throw new Error('PRODUCT_VERSIONS lists no version');
/** New topologies target the newest supported version. */
export const DEFAULT_PRODUCT: ProductVersion = newestProduct;

export const DEFAULT_TOPOLOGY_NAME = 'API-M deployment';

/** The default port of each database engine. */
export const DB_ENGINE_PORTS: Record<DbEngine, number> = {
  mysql: 3306,
  postgre: 5432,
  mssql: 1433,
  oracle: 1521,
  db2: 50000,
};

/**
 * WSO2's product keystore, shipped in every distribution (APIM docs 'Configuring Keystores in WSO2 API Manager';
 * product-apim default deployment.toml `[keystore.tls]`).
 */
export const DEFAULT_KEYSTORE: Keystore = {
  fileName: 'wso2carbon.jks',
  type: 'JKS',
  password: 'wso2carbon',
  alias: 'wso2carbon',
  keyPassword: 'wso2carbon',
};

/** The CORS headers WSO2's consoles send: without them their calls fail the preflight (APIM038). */
export const CORS_CONSOLE_HEADERS = ['apikey', 'Internal-Key'] as const;

/** The headers with WSO2's console headers added where missing (case as WSO2 writes them). */
export function withCorsConsoleHeaders(headers: readonly string[]): string[] {
  const present = new Set(headers.map((h) => h.toLowerCase()));
  return [...headers, ...CORS_CONSOLE_HEADERS.filter((h) => !present.has(h.toLowerCase()))];
}

/** The seed's environment description. */
export const DEFAULT_ENVIRONMENT_DESCRIPTION = 'This is a hybrid gateway that handles both production and sandbox token traffic.';

/** What a gateway environment that does not say has (one read from a file or a link): no description. */
export const ENVIRONMENT_DEFAULTS = {
  type: 'hybrid',
  description: '',
  displayInApiConsole: true,
  showAsTokenEndpointUrl: true,
} as const satisfies Omit<GatewayEnvironment, 'name'>;

/** A new gateway environment: the defaults, with the seed's description. */
export function defaultEnvironment(name: string): GatewayEnvironment {
  return { name, ...ENVIRONMENT_DEFAULTS, description: DEFAULT_ENVIRONMENT_DESCRIPTION };
}

export function defaultSettings(): Settings {
  return {
    superAdmin: { username: 'admin', password: 'admin', createAdminAccount: true },
    keystore: { tls: { ...DEFAULT_KEYSTORE } },
    truststore: { fileName: 'client-truststore.jks', type: 'JKS', password: 'wso2carbon' },
    jwt: {
      enabled: false,
      encoding: 'base64',
      header: 'X-JWT-Assertion',
      signingAlgorithm: 'SHA256withRSA',
      claimDialect: 'http://wso2.org/claims',
    },
    // The product's default deployment.toml carries [apim.cors] with these headers in every 4.x
    // (wso2/product-apim v4.0.0 …/conf/deployment.toml): apikey for API-key try-out in the Developer
    // Portal (PR #7633), Internal-Key for the Publisher's test console (PR #10315). The seed's shorter
    // list breaks both (audit B4).
    cors: {
      enabled: true,
      allowOrigins: '*',
      allowMethods: ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'],
      allowHeaders: ['authorization', 'Access-Control-Allow-Origin', 'Content-Type', 'SOAPAction', ...CORS_CONSOLE_HEADERS],
      allowCredentials: false,
    },
    cacheInvalidation: { enabled: false, domain: 'control-plane-domain' },
    analytics: {
      enabled: false,
      configEndpoint: 'https://analytics-event-auth.choreo.dev/auth/v1',
      authToken: '',
    },
    skipList: { apis: [], endpoints: [], sequences: [], localEntries: [] },
  };
}

/** The analytics type when a topology names none: the Choreo cloud, the product default (APIM docs 'Configure the API Gateway'). */
export const DEFAULT_ANALYTICS_TYPE: AnalyticsType = 'choreo';

export function analyticsTypeOf(analytics: { type?: AnalyticsType | undefined }): AnalyticsType {
  return analytics.type ?? DEFAULT_ANALYTICS_TYPE;
}

/**
 * A gateway's `[apim.gateway_notification] gateway_id` (4.6+): its override, else its node id. The node id is
 * unique in the topology and does not change when the topology is generated again or its nodes are reordered, so
 * a restarted gateway registers under the same id (carbon-apimgt v9.32.147 GatewayNotifier: an empty id is a new
 * random UUID on every start; APIM docs 4.6.0 distributed deployment, Gateway: "a unique identifier for each
 * Gateway node").
 */
export function gatewayIdOf(gateway: { id: string; gatewayId?: string | undefined }): string {
  return gateway.gatewayId ?? gateway.id;
}

/** New nodes' hosts are their ids in this domain: `gw-2.example.com` (each kind's id prefix is in its registry entry, kinds.ts). */
export const DEFAULT_DOMAIN = 'example.com';

export function defaultHost(id: string): string {
  return `${id}.${DEFAULT_DOMAIN}`;
}

/** The offset an API-M node has when a topology file leaves it out (a new node's first offset is its kind's: model/kinds.ts). */
export const APIM_NODE_DEFAULTS = { offset: 0 } as const;

/** What a new database node holds. */
export const DATABASE_DEFAULTS = {
  engine: 'mysql',
  port: DB_ENGINE_PORTS.mysql,
  databases: ['apim_db', 'shared_db'],
  apimDbName: 'apim_db',
  sharedDbName: 'shared_db',
  // WSO2's own default database credentials; the hardening rules flag them.
  username: 'wso2carbon',
  password: 'wso2carbon',
} as const satisfies Omit<DatabaseNode, 'id' | 'label' | 'x' | 'y' | 'host' | 'kind'>;

/**
 * A new Redis node: Redis's own port, the default user, no password (helm-apim 4.6.x / 4.7.x values.yaml
 * `distributedThrottling.keyvalueStore`: port 6379, user and password empty). The hardening rules flag the empty password.
 */
export const REDIS_DEFAULTS = { port: 6379, user: '', password: '' } as const satisfies Pick<RedisNode, 'port' | 'user' | 'password'>;

/** MySQL 8.0 or later when a database node does not say: 5.7 reached its end of life in 2023. */
export const DEFAULT_MYSQL_VERSION: MysqlVersion = '8';

export function mysqlVersionOf(db: { mysqlVersion?: MysqlVersion | undefined }): MysqlVersion {
  return db.mysqlVersion ?? DEFAULT_MYSQL_VERSION;
}

/** What a load balancer does when its node does not say (APIM docs 'Configuring the Proxy Server and the Load Balancer'). */
export const LOAD_BALANCER_DEFAULTS = {
  /**
   * Sticky portal sessions: what a control-plane load balancer needs (APIM docs 'Configuring the Proxy Server and the
   * Load Balancer', 'HA for Control Plane'); files without the field keep them.
   */
  sticky: true,
} as const;

export function isSticky(lb: { sticky?: boolean | undefined }): boolean {
  return lb.sticky ?? LOAD_BALANCER_DEFAULTS.sticky;
}

/**
 * The Kubernetes platform's defaults: WSO2's namespace and Gateway name in its 4.7 pattern guides (APIM docs 4.7.0
 * 'Kubernetes deployment', pattern 3: `--namespace apim`; helm-apim 4.7.x sample values `gatewayName: "wso2-apim-gateway"`).
 */
export const KUBERNETES_DEFAULTS = { namespace: 'apim', gatewayName: 'wso2-apim-gateway' } as const;

/**
 * A Helm release name: a DNS-1123 label of at most 53 characters (Helm 3 `helm install` refuses longer ones). The
 * charts name their Services after it, so it must stay a label with their suffixes added.
 */
export const RELEASE_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,51}[a-z0-9])?$/;
/** A Kubernetes namespace: a DNS-1123 label of at most 63 characters. */
export const NAMESPACE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function platformOf(settings: { platform?: Platform | undefined }): Platform {
  return settings.platform ?? 'vm';
}

/** A complete node of the given kind with every default filled (an API-M kind's offset is in its registry entry, kinds.ts). */
export function newNode(kind: NodeKind, id: string, position: { x: number; y: number } = { x: 0, y: 0 }): TopologyNode {
  const base = { id, label: id, x: position.x, y: position.y, host: defaultHost(id) };
  switch (kind) {
    case 'gateway':
    case 'control-plane':
    case 'traffic-manager':
    case 'key-manager':
    case 'all-in-one':
      return { ...base, kind, offset: KINDS[kind].offset };
    case 'load-balancer':
      return { ...base, kind };
    case 'database':
      return { ...base, kind, ...DATABASE_DEFAULTS, databases: [...DATABASE_DEFAULTS.databases] };
    case 'redis':
      return { ...base, kind, ...REDIS_DEFAULTS };
    case 'identity-server':
      return { ...base, kind, ...IDENTITY_SERVER_DEFAULTS };
    default:
      return unhandledKind(kind);
  }
}

/**
 * What stands for a secret left out of a share link. It shows in the generated files and is reported
 * (APIM034) until the user sets the real value.
 */
export const SECRET_PLACEHOLDER = '<secret not in link>';
