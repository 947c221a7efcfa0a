/**
 * Which deployment.toml keys a WSO2 API-M release reads, as data (wso2KeysData.ts, one row per key
 * path that the release's templates and config-mapper JSON files consume), and the few keys WSO2 reads
 * from files those lists do not cover (KEYS_READ_ELSEWHERE, each with its reason).
 *
 * A key WSO2 does not read is ignored without a word at start-up (wso2/config-mapper only maps what a
 * template or JSON file names), so a misspelt key is a setting silently lost. `keyRead` answers for one
 * key path, `nearestKeys` suggests what a misspelt one meant.
 *
 * Key paths are lists of segments as a TOML parser gives them; an element of an array of tables is
 * the table's segment with `[]` (`['apim', 'gateway', 'environment[]', 'name']`). In the lists, `*`
 * stands for any one key of a map a template iterates (`apim.analytics.properties.*`).
 */
import type { ApimKind } from './types.ts';
import { KEY_LIST_VERSIONS, KEY_ROWS } from './wso2KeysData.ts';

export { KEY_LIST_VERSIONS };
export type KeyListVersion = (typeof KEY_LIST_VERSIONS)[number];

/**
 * The file set that reads a key. Up to 4.4 one distribution runs every profile (`all`); from 4.5 each
 * component has its own distribution: the API Control Plane (`acp`), the Universal Gateway
 * (`gateway`), the Traffic Manager (`tm`) and the All-in-One (`aio`).
 */
export type Distribution = 'all' | 'acp' | 'gateway' | 'tm' | 'aio';

const DISTRIBUTION_BITS: Record<Exclude<Distribution, 'all'>, number> = { acp: 1, gateway: 2, tm: 4, aio: 8 };

/** The component distribution each kind runs from 4.5 (an All-in-One: product-apim v4.5.0 `all-in-one-apim/`). */
const COMPONENT_OF: Record<ApimKind, Exclude<Distribution, 'all'>> = {
  gateway: 'gateway',
  'control-plane': 'acp',
  'traffic-manager': 'tm',
  // A copy of the API Control Plane distribution with the key-manager profile (product-apim v4.5.0 api-control-plane).
  'key-manager': 'acp',
  'all-in-one': 'aio',
};

/** The distribution a node of this kind runs on this version. */
export function distributionOf(version: KeyListVersion, kind: ApimKind): Distribution {
  return isComponentRelease(version) ? COMPONENT_OF[kind] : 'all';
}

/** Shipped as component distributions from 4.5 (product-apim v4.5.0: api-control-plane/, gateway/, traffic-manager/, all-in-one-apim/). */
function isComponentRelease(version: KeyListVersion): boolean {
  return Number(version.split('.')[1]) >= 5;
}

/**
 * Keys WSO2 reads from files the lists do not cover: the identity framework's templates and
 * properties (wso2/carbon-identity-framework `identity.xml.j2`, `identity-event.properties.j2`), which
 * are merged into the product at build time. Every product default deployment.toml of 4.0–4.7
 * carries these tables (e.g. wso2/product-apim v4.0.0 `…/conf/deployment.toml`, v4.5.0
 * `api-control-plane/…/conf/deployment.toml`), so every version reads them.
 */
export const KEYS_READ_ELSEWHERE: readonly { key: string; reason: string }[] = [
  {
    key: 'event_listener[]',
    reason: "identity.xml.j2 (identity framework): event listeners such as API-M's token_revocation interceptor",
  },
  { key: 'event_listener[].id', reason: 'identity.xml.j2 (identity framework)' },
  { key: 'event_listener[].type', reason: 'identity.xml.j2 (identity framework)' },
  { key: 'event_listener[].name', reason: 'identity.xml.j2 (identity framework)' },
  { key: 'event_listener[].order', reason: 'identity.xml.j2 (identity framework)' },
  { key: 'event_listener[].enable', reason: 'identity.xml.j2 (identity framework)' },
  {
    key: 'event_listener[].properties.*',
    reason: "identity.xml.j2 (identity framework): the listener's properties, passed on as they are",
  },
  {
    key: 'event_handler[]',
    reason: 'identity-event.properties.j2 (identity framework): event handlers such as userPostSelfRegistration',
  },
  { key: 'event_handler[].name', reason: 'identity-event.properties.j2 (identity framework)' },
  { key: 'event_handler[].subscriptions', reason: 'identity-event.properties.j2 (identity framework)' },
  {
    key: 'service_provider.sp_name_regex',
    reason: 'identity.xml.j2 (identity framework): the application-name pattern (product-apim PR #6317)',
  },
];

interface KeyNode {
  children: Map<string, KeyNode>;
  /** One code per version (KEY_LIST_VERSIONS order) when the path is listed; undefined for a pure prefix. */
  codes?: string;
}

let trie: KeyNode | undefined;

function keyTrie(): KeyNode {
  if (trie) return trie;
  const root: KeyNode = { children: new Map() };
  const add = (path: string, codes: string) => {
    let node = root;
    for (const segment of splitKey(path)) {
      let next = node.children.get(segment);
      if (!next) node.children.set(segment, (next = { children: new Map() }));
      node = next;
    }
    node.codes = node.codes ? mergeCodes(node.codes, codes) : codes;
  };
  for (const row of KEY_ROWS) {
    const space = row.lastIndexOf(' ');
    add(row.slice(0, space), row.slice(space + 1));
  }
  // Every version reads these, in every distribution.
  const everywhere = KEY_LIST_VERSIONS.map((v) => (isComponentRelease(v) ? 'f' : '1')).join('');
  for (const { key } of KEYS_READ_ELSEWHERE) add(key, everywhere);
  return (trie = root);
}

function mergeCodes(a: string, b: string): string {
  return [...a].map((c, i) => (parseInt(c, 16) | parseInt(b[i] ?? '0', 16)).toString(16)).join('');
}

/** `apim.analytics.properties.'auth.api.url'` → `['apim', 'analytics', 'properties', 'auth.api.url']`. */
export function splitKey(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of path) {
    if (ch === "'") quoted = !quoted;
    else if (ch === '.' && !quoted) {
      segments.push(current);
      current = '';
    } else current += ch;
  }
  segments.push(current);
  return segments;
}

/** The segments written back as a dotted path, quoting a segment that is not a bare key. */
export function joinKey(segments: readonly string[]): string {
  return segments.map((s) => (/^[A-Za-z0-9_-]+(\[\])?$/.test(s) || s === '*' ? s : `'${s}'`)).join('.');
}

function readsIn(codes: string | undefined, version: KeyListVersion, distribution: Distribution): boolean {
  if (!codes) return false;
  const digit = codes[KEY_LIST_VERSIONS.indexOf(version)];
  if (digit === undefined) throw new Error(`key codes ${codes} have no digit for API-M ${version}`);
  const code = parseInt(digit, 16);
  if (distribution === 'all') return code !== 0;
  return (code & DISTRIBUTION_BITS[distribution]) !== 0;
}

/**
 * Whether `version` (run as `distribution`) reads the key at `segments`. A path is read when a listed
 * key matches it segment by segment (`*` matching any one key, `x[]` an element of array `x`), or
 * when a listed key with nothing listed below it holds the path (a table read whole, like `[secrets]`).
 */
export function keyRead(segments: readonly string[], version: KeyListVersion, distribution: Distribution): boolean {
  return matches(keyTrie(), segments, 0, version, distribution);
}

function matches(node: KeyNode, segments: readonly string[], at: number, version: KeyListVersion, distribution: Distribution): boolean {
  const segment = segments[at];
  if (segment === undefined) return readsIn(node.codes, version, distribution);
  if (node.children.size === 0) return readsIn(node.codes, version, distribution);
  const exact = node.children.get(segment);
  // `apim.gateway.environment` is listed as a key holding an array of tables: its fields are listed
  // under `environment[]`, so a plain table of that name is not read whole.
  const holdsArray = !segment.endsWith('[]') && node.children.has(`${segment}[]`);
  if (
    exact &&
    !(holdsArray && exact.children.size === 0 && at + 1 < segments.length) &&
    matches(exact, segments, at + 1, version, distribution)
  )
    return true;
  const wildcard = node.children.get(segment.endsWith('[]') ? '*[]' : '*');
  return wildcard !== undefined && matches(wildcard, segments, at + 1, version, distribution);
}

/** Every listed key path the version reads in that distribution (wildcards as `*`). */
export function keysRead(version: KeyListVersion, distribution: Distribution): string[] {
  const out: string[] = [];
  const walk = (node: KeyNode, path: string[]) => {
    if (readsIn(node.codes, version, distribution)) out.push(joinKey(path));
    for (const [segment, child] of node.children) walk(child, [...path, segment]);
  };
  walk(keyTrie(), []);
  return out;
}

/** The versions (of the lists) that read the key in some distribution. */
export function versionsReading(segments: readonly string[]): KeyListVersion[] {
  return KEY_LIST_VERSIONS.filter((v) =>
    (['all', 'acp', 'gateway', 'tm', 'aio'] as const).some((d) => (d === 'all') === !isComponentRelease(v) && keyRead(segments, v, d)),
  );
}
