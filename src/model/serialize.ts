/**
 * The topology as a file: pretty-printed JSON with a stable key order, so the same topology is always
 * the same bytes and a change diffs as a small change in git.
 */
import type { Topology } from './types.ts';

/** Keys in the order a person reads them; keys not listed follow, alphabetically. */
const KEY_ORDER = [
  'format',
  'name',
  'product',
  'settings',
  'nodes',
  'links',
  'id',
  'kind',
  'label',
  'host',
  'offset',
  'nodeIp',
  'engine',
  'mysqlVersion',
  'port',
  'databases',
  'apimDbName',
  'sharedDbName',
  'labels',
  'gatewayId',
  'skipRedeployingPolicies',
  'sticky',
  'release',
  'namespace',
  'customToml',
  'customTomlOverrides',
  'certificateNames',
  'ssl',
  'x',
  'y',
  'from',
  'to',
  'superAdmin',
  'keystore',
  'truststore',
  'gatewayEnvironments',
  'jwt',
  'cors',
  'cacheInvalidation',
  'analytics',
  'skipList',
  'secureVault',
  'encryptionKey',
  'platform',
  'kubernetes',
  'ingress',
  'gatewayName',
  'tls',
  'primary',
  'enabled',
  'fileName',
  'type',
  'username',
  'password',
  'alias',
  'keyPassword',
  'createAdminAccount',
  'description',
  'displayInApiConsole',
  'showAsTokenEndpointUrl',
  'encoding',
  'header',
  'signingAlgorithm',
  'claimDialect',
  'allowOrigins',
  'allowMethods',
  'allowHeaders',
  'allowCredentials',
  'domain',
  'configEndpoint',
  'authToken',
  'moesifBaseUrl',
  'apis',
  'endpoints',
  'sequences',
  'localEntries',
];
const RANK = new Map(KEY_ORDER.map((key, index) => [key, index]));

function ordered(value: unknown, orders: Map<string, string[]>): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, orders));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  // Objects of one shape (every node of a kind, every link) sort their keys once.
  const shape = keys.join('\u0000');
  let order = orders.get(shape);
  if (order === undefined) {
    order = [...keys].sort((a, b) => {
      const ra = RANK.get(a) ?? Infinity;
      const rb = RANK.get(b) ?? Infinity;
      return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0;
    });
    orders.set(shape, order);
  }
  const result = Object.create(null) as Record<string, unknown>; // a key named __proto__ stays a key
  for (const key of order) {
    if (object[key] !== undefined) result[key] = ordered(object[key], orders);
  }
  return result;
}

export function serializeTopology(topology: Topology): string {
  return `${JSON.stringify(ordered(topology, new Map()), null, 2)}\n`;
}

/** What a picture (an SVG or PNG the designer exported) calls the topology it carries: its metadata element's id, its PNG text keyword. */
export const PICTURE_KEYWORD = 'apim-topology';

/**
 * The same JSON in ASCII: every character past `~` written as a `\u` escape (each half of a surrogate pair on its
 * own), which only occur inside strings, so the value is unchanged. A PNG text chunk is Latin-1 and XML forbids some
 * characters outright (U+FFFE, a lone surrogate), so a picture carries its topology this way.
 */
export function asciiJson(json: string): string {
  // eslint-disable-next-line no-control-regex -- the range starts at NUL: everything up to `~` stays
  return json.replace(/[^\u0000-\u007e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
