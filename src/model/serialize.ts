/**
 * The topology as a file: pretty-printed JSON with a stable key order, so the same topology is always
 * the same bytes and a change diffs as a small change in git.
 */
import type { Topology } from './types.ts';

/** Keys in the order a person reads them; keys not listed follow, alphabetically. */
export const KEY_ORDER = [
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

/** Each object shape's keys in written order: objects of one shape (every node of a kind, every link) sort once. */
type Orders = Map<string, string[]>;

function orderOf(object: object, orders: Orders): string[] {
  const keys = Object.keys(object);
  const shape = keys.join('\u0000');
  let order = orders.get(shape);
  // A key holding U+0000 could make two key sets one shape (and no key, one empty key): the cached order must be these keys.
  if (order !== undefined && (order.length !== keys.length || !order.every((key) => Object.hasOwn(object, key)))) order = undefined;
  if (order === undefined) {
    order = [...keys].sort((a, b) => {
      const ra = RANK.get(a) ?? Infinity;
      const rb = RANK.get(b) ?? Infinity;
      return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0;
    });
    // An object lists integer keys first, ascending, whatever order they were set in: the file always did so.
    const indices = order.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
    if (indices.length > 0) order = [...indices, ...order.filter((key) => !isArrayIndex(key))];
    orders.set(shape, order);
  }
  return order;
}

/** A key an object keeps in numeric order: an array index (a canonical integer below 2³² − 1). */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;
}

/** The two-space indents by depth. */
const INDENTS = Array.from({ length: 16 }, (_, depth) => `\n${'  '.repeat(depth)}`);
const indent = (depth: number) => INDENTS[depth] ?? `\n${'  '.repeat(depth)}`;

/**
 * `value` as `JSON.stringify(value, null, 2)` writes it, with each object's keys in KEY_ORDER. Written directly rather
 * than through an ordered copy: a 1,000-node topology is some 4,000 objects, and the copy was most of the time. Strings
 * and numbers are JSON.stringify's own; `undefined` members are left out and `undefined` items written as null, as it does.
 */
function writeJson(value: unknown, depth: number, orders: Orders): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : (JSON.stringify(value) ?? 'null');
  // An array's items are joined, not appended one by one: appending thousands of nodes to one string makes a rope deep
  // enough for V8 to flatten it again and again (5,000 nodes took 13 times as long as 1,000).
  const inner = indent(depth + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items: string[] = [];
    for (const item of value as unknown[]) items.push(writeJson(item, depth + 1, orders));
    return `[${inner}${items.join(`,${inner}`)}${indent(depth)}]`;
  }
  // An object has a few members: appended.
  const object = value as Record<string, unknown>;
  let out = '';
  for (const key of orderOf(object, orders)) {
    const member = object[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    out += `${out === '' ? '' : ','}${inner}${JSON.stringify(key)}: ${writeJson(member, depth + 1, orders)}`;
  }
  return out === '' ? '{}' : `{${out}${indent(depth)}}`;
}

export function serializeTopology(topology: Topology): string {
  return `${writeJson(topology, 0, new Map())}\n`;
}

/**
 * The same text as `serializeTopology`, in pieces of about `pieceChars` characters (whole nodes and links, a piece
 * ending where the next item would pass it): a 1,000-node topology's JSON is 0.4 MB, which the bundle keeps in pieces
 * (generate/pieces.ts says why).
 */
export function serializeTopologyPieces(topology: Topology, pieceChars: number): string[] {
  const orders: Orders = new Map();
  const pieces: string[] = [];
  // A piece is joined from its parts, not appended to: appended, it would stay a rope of every part as long as the
  // bundle keeps it (generate/pieces.ts, LineWriter).
  let parts: string[] = [];
  let chars = 0;
  const add = (text: string) => {
    parts.push(text);
    chars += text.length;
  };
  let members = 0;
  for (const key of orderOf(topology as unknown as Record<string, unknown>, orders)) {
    const member = (topology as unknown as Record<string, unknown>)[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    add(`${members++ === 0 ? '{' : ','}${indent(1)}${JSON.stringify(key)}: `);
    if (!Array.isArray(member) || member.length === 0) {
      add(writeJson(member, 1, orders));
      continue;
    }
    // As writeJson writes an array, an item at a time.
    (member as unknown[]).forEach((item, i) => {
      add(`${i === 0 ? '[' : ','}${indent(2)}${writeJson(item, 2, orders)}`);
      if (chars >= pieceChars) {
        pieces.push(parts.join(''));
        [parts, chars] = [[], 0];
      }
    });
    add(`${indent(1)}]`);
  }
  add(`${members === 0 ? '{}' : `${indent(0)}}`}\n`);
  pieces.push(parts.join(''));
  return pieces;
}

// eslint-disable-next-line no-control-regex -- the range starts at NUL: everything up to `~` is ASCII
const NOT_ASCII = /[^\u0000-\u007e]/;
// eslint-disable-next-line no-control-regex -- the same range
const NOT_ASCII_ALL = /[^\u0000-\u007e]/g;

/** What a picture (an SVG or PNG the designer exported) calls the topology it carries: its metadata element's id, its PNG text keyword. */
export const PICTURE_KEYWORD = 'apim-topology';

/**
 * The same JSON in ASCII: every character past `~` written as a `\u` escape (each half of a surrogate pair on its
 * own), which only occur inside strings, so the value is unchanged. A PNG text chunk is Latin-1 and XML forbids some
 * characters outright (U+FFFE, a lone surrogate), so a picture carries its topology this way.
 */
export function asciiJson(json: string): string {
  if (!NOT_ASCII.test(json)) return json; // most topologies: nothing to escape, and no copy
  return json.replace(NOT_ASCII_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
