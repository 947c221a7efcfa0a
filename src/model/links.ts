/**
 * Who may talk to whom (README, "Links"). One table, `LINK_TABLE`, used by the canvas (`isValidConnection`),
 * the store and `validate` alike. It has a row and a column for every kind, so a new kind does not
 * compile until each link to and from it is decided.
 *
 * Between two API-M nodes a link means "these two are wired", whichever way it was drawn. Direction
 * matters only at a load balancer: `load-balancer → X` fronts X, `X → load-balancer` calls the cluster
 * behind it. Databases are used by API-M nodes: `X → database`; a Redis server by the control planes and traffic
 * managers that keep their throttle counters in it: `X → redis`.
 */
import type { ApimKind, NodeKind, ProductVersion, TopologyNode } from './types.ts';
import { KIND_NAMES, NODE_KINDS, isApimKind, kindWithArticle } from './kinds.ts';
import { PRODUCT_VERSIONS } from './types.ts';
import { versionFacts } from './versions.ts';

/** What a link between two API-M kinds configures, keyed by the sorted pair. */
export type ApimPair =
  | 'gateway|control-plane'
  | 'gateway|traffic-manager'
  | 'traffic-manager|control-plane'
  | 'gateway|key-manager'
  | 'key-manager|control-plane'
  | 'traffic-manager|key-manager'
  | 'gateway|all-in-one'
  | 'key-manager|all-in-one';

export type LinkRole =
  | { role: 'wire'; pair: ApimPair }
  | { role: 'fronts'; kind: ApimKind }
  | { role: 'calls-cluster' }
  | { role: 'uses-database' }
  | { role: 'uses-counter-store' }
  | { role: 'uses-identity-server' };

export type LinkVerdict = { ok: true; link: LinkRole } | { ok: false; reason: string };

/** What each wired API-M pair configures (shown on the edge). */
export const APIM_PAIRS: Record<ApimPair, { configures: string }> = {
  'gateway|control-plane': { configures: 'Key Manager · event hub' },
  'gateway|traffic-manager': { configures: 'throttling' },
  'traffic-manager|control-plane': { configures: 'event hub · policies' },
  'gateway|key-manager': { configures: 'Key Manager' },
  'key-manager|control-plane': { configures: 'Key Manager · event hub · revocations' },
  'traffic-manager|key-manager': { configures: 'Key Manager' },
  'gateway|all-in-one': { configures: 'Key Manager · event hub · throttling' },
  'key-manager|all-in-one': { configures: 'Key Manager · event hub · revocations' },
};

/** A cell of the link table: the link a node of one kind may draw to a node of another, or why it may not. */
export type LinkRule =
  { refuse: string } | { wire: ApimPair } | 'fronts' | 'calls-cluster' | 'uses-database' | 'uses-counter-store' | 'uses-identity-server';

/** The pair that names kinds A and B, either way round; never when they are not a pair. */
type PairOf<A extends NodeKind, B extends NodeKind> = Extract<ApimPair, `${A}|${B}` | `${B}|${A}`>;

/**
 * The rules a cell from `From` to `To` may hold: any refusal; `wire` only between two API-M kinds that
 * are a pair; `fronts` only from a load balancer to an API-M kind; `calls-cluster` only from an API-M
 * kind to a load balancer; `uses-database` only from an API-M kind to a database; `uses-counter-store` only from an
 * API-M kind to a Redis server; `uses-identity-server` only from an API-M kind to an Identity Server. The graph (graph.ts)
 * relies on these when it reads a link.
 */
export type KindLinkRule<From extends NodeKind, To extends NodeKind> =
  | { refuse: string }
  | ([From, To] extends [ApimKind, ApimKind] ? ([PairOf<From, To>] extends [never] ? never : { wire: PairOf<From, To> }) : never)
  | ([From, To] extends ['load-balancer', ApimKind] ? 'fronts' : never)
  | ([From, To] extends [ApimKind, 'load-balancer'] ? 'calls-cluster' : never)
  | ([From, To] extends [ApimKind, 'database'] ? 'uses-database' : never)
  | ([From, To] extends [ApimKind, 'redis'] ? 'uses-counter-store' : never)
  | ([From, To] extends [ApimKind, 'identity-server'] ? 'uses-identity-server' : never);

/** The link table's type: a row for every kind, and in each row a cell for every kind. */
export type LinkTable = { readonly [From in NodeKind]: { readonly [To in NodeKind]: KindLinkRule<From, To> } };

const oneKind = (kind: NodeKind) => ({
  refuse: `${capitalize(kindWithArticle(kind))} cannot connect to ${kindWithArticle(kind)}: nodes of one kind form a cluster behind a load balancer instead`,
});

const nodesUseDatabases = (kind: NodeKind) => ({
  refuse: `Draw the link from the ${KIND_NAMES[kind].toLowerCase()} to the database: nodes use databases`,
});

const nodesUseRedis = (kind: NodeKind) => ({
  refuse: `Draw the link from the ${KIND_NAMES[kind].toLowerCase()} to Redis: control planes and traffic managers keep their counters in it`,
});

/** Why only control planes and traffic managers link to Redis (APIM docs 4.6.0 'Configuring Distributed Rate Limiting…', step 2). */
const REDIS_USERS_ONLY = (kind: NodeKind) => ({
  refuse: `${capitalize(kindWithArticle(kind))} does not use Redis: link the control planes and traffic managers to it, and gateways share their counters through the traffic managers`,
});

/**
 * Why an All-in-One does not link to a control plane or a traffic manager: it runs both itself (APIM docs 4.5.0
 * 'Deployment Overview': the All-in-One "contains all the API-M components"; Pattern 2 'Simple Scalable Setup' wires
 * gateways to it and nothing else).
 */
const CONTAINED_IN_AIO = (kind: 'control-plane' | 'traffic-manager') => ({
  refuse: `An All-in-One already contains ${kindWithArticle(kind)}: link the gateways to the All-in-One, or use ${KIND_NAMES[kind].toLowerCase()}s instead of All-in-One nodes`,
});

/**
 * Why an All-in-One does not link to Redis: WSO2 documents distributed throttling for the control plane and the
 * traffic manager components (APIM docs 4.6.0 / 4.7.0 'Configure Distributed Throttling for API Manager', step 2), and
 * helm-apim 4.6.x / 4.7.x `all-in-one` has no distributedThrottling: an All-in-One keeps its own counters.
 */
const AIO_NO_REDIS = {
  refuse:
    'An All-in-One keeps its own throttle counters: WSO2 documents Redis distributed throttling for control planes and traffic managers only (Pattern 3)',
};

const nodesUseIdentityServer = (kind: NodeKind) => ({
  refuse: `Draw the link from the ${KIND_NAMES[kind].toLowerCase()} to the Identity Server: API-M nodes use it as their Key Manager`,
});

/**
 * Why a separate API-M Key Manager does not link to WSO2 Identity Server: each is a Key Manager, and a node names one
 * (APIM docs 'Configure WSO2 IS as a Key Manager' replaces the resident Key Manager with IS; 'Distributed Deployment
 * with Key Manager Separated' with the Key Manager node).
 */
const ONE_KEY_MANAGER = {
  refuse:
    'A Key Manager node and WSO2 Identity Server are both Key Managers: link the gateways, control planes and traffic managers to the one they use',
};

/**
 * Why WSO2 Identity Server links to nothing but the API-M nodes that use it: it keeps its users in API-M's shared
 * database, which it takes from them (APIM docs 4.0.0 'Set up WSO2 Identity Server as a Key Manager', Step 3: the
 * shared database is WSO2SHARED_DB), and the designer does not model an IS cluster behind a load balancer (give the
 * node the load balancer's host instead).
 */
const IS_USES_APIM_DATABASES = {
  refuse:
    'WSO2 Identity Server shares the databases of the API-M nodes that use it: link those nodes to the database, and to the Identity Server',
};
const IS_NOT_BALANCED = {
  refuse:
    "The designer does not put WSO2 Identity Server behind a load balancer: give the Identity Server node its load balancer's host name instead",
};

/**
 * Who may link to whom: `LINK_TABLE[from][to]` for a link drawn from a node of kind `from` to a node of
 * kind `to`, judged by kinds alone. A link to a load balancer is further checked against what the load
 * balancer fronts: see `linkVerdict`.
 */
export const LINK_TABLE: LinkTable = {
  gateway: {
    gateway: oneKind('gateway'),
    'control-plane': { wire: 'gateway|control-plane' },
    'all-in-one': { wire: 'gateway|all-in-one' },
    'traffic-manager': { wire: 'gateway|traffic-manager' },
    'key-manager': { wire: 'gateway|key-manager' },
    'load-balancer': 'calls-cluster',
    database: 'uses-database',
    redis: REDIS_USERS_ONLY('gateway'),
    'identity-server': 'uses-identity-server',
  },
  'control-plane': {
    gateway: { wire: 'gateway|control-plane' },
    'control-plane': oneKind('control-plane'),
    'all-in-one': CONTAINED_IN_AIO('control-plane'),
    'traffic-manager': { wire: 'traffic-manager|control-plane' },
    'key-manager': { wire: 'key-manager|control-plane' },
    'load-balancer': 'calls-cluster',
    database: 'uses-database',
    redis: 'uses-counter-store',
    'identity-server': 'uses-identity-server',
  },
  'all-in-one': {
    gateway: { wire: 'gateway|all-in-one' },
    'control-plane': CONTAINED_IN_AIO('control-plane'),
    'all-in-one': oneKind('all-in-one'),
    'traffic-manager': CONTAINED_IN_AIO('traffic-manager'),
    'key-manager': { wire: 'key-manager|all-in-one' },
    'load-balancer': 'calls-cluster',
    database: 'uses-database',
    redis: AIO_NO_REDIS,
    'identity-server': 'uses-identity-server',
  },
  'traffic-manager': {
    gateway: { wire: 'gateway|traffic-manager' },
    'control-plane': { wire: 'traffic-manager|control-plane' },
    'all-in-one': CONTAINED_IN_AIO('traffic-manager'),
    'traffic-manager': oneKind('traffic-manager'),
    'key-manager': { wire: 'traffic-manager|key-manager' },
    'load-balancer': 'calls-cluster',
    database: 'uses-database',
    redis: 'uses-counter-store',
    'identity-server': 'uses-identity-server',
  },
  'key-manager': {
    gateway: { wire: 'gateway|key-manager' },
    'control-plane': { wire: 'key-manager|control-plane' },
    'traffic-manager': { wire: 'traffic-manager|key-manager' },
    'all-in-one': { wire: 'key-manager|all-in-one' },
    'key-manager': oneKind('key-manager'),
    'load-balancer': 'calls-cluster',
    database: 'uses-database',
    redis: {
      refuse: 'A key manager does not use Redis: link the control planes and traffic managers to it, which keep the throttle counters',
    },
    'identity-server': ONE_KEY_MANAGER,
  },
  'identity-server': {
    gateway: nodesUseIdentityServer('gateway'),
    'control-plane': nodesUseIdentityServer('control-plane'),
    'all-in-one': nodesUseIdentityServer('all-in-one'),
    'traffic-manager': nodesUseIdentityServer('traffic-manager'),
    'key-manager': ONE_KEY_MANAGER,
    'identity-server': { refuse: 'WSO2 Identity Server cannot connect to WSO2 Identity Server: API-M nodes use one Key Manager' },
    'load-balancer': IS_NOT_BALANCED,
    database: IS_USES_APIM_DATABASES,
    redis: { refuse: 'WSO2 Identity Server does not use Redis: link the control planes and traffic managers to it' },
  },
  'load-balancer': {
    gateway: 'fronts',
    'control-plane': 'fronts',
    'all-in-one': 'fronts',
    'traffic-manager': 'fronts',
    'key-manager': 'fronts',
    'load-balancer': {
      refuse:
        "A load balancer cannot connect to a load balancer: link this one to the nodes it fronts, and draw a link from each node that calls the other cluster to that cluster's load balancer",
    },
    database: { refuse: 'A load balancer cannot front a database: link each node to the database instead' },
    redis: { refuse: 'A load balancer cannot front Redis: link each control plane and traffic manager to Redis instead' },
    'identity-server': IS_NOT_BALANCED,
  },
  database: {
    gateway: nodesUseDatabases('gateway'),
    'control-plane': nodesUseDatabases('control-plane'),
    'all-in-one': nodesUseDatabases('all-in-one'),
    'traffic-manager': nodesUseDatabases('traffic-manager'),
    'key-manager': nodesUseDatabases('key-manager'),
    'load-balancer': {
      refuse: 'A database cannot connect to a load balancer: draw the link from each node behind the load balancer to the database',
    },
    database: { refuse: 'A database cannot connect to a database: link each API-M node to the database it uses' },
    redis: { refuse: 'A database cannot connect to Redis: link the control planes and traffic managers to Redis' },
    'identity-server': IS_USES_APIM_DATABASES,
  },
  redis: {
    gateway: REDIS_USERS_ONLY('gateway'),
    'control-plane': nodesUseRedis('control-plane'),
    'all-in-one': AIO_NO_REDIS,
    'traffic-manager': nodesUseRedis('traffic-manager'),
    'key-manager': {
      refuse:
        'Redis cannot connect to a key manager: link the control planes and traffic managers to Redis, which keep the throttle counters',
    },
    'load-balancer': { refuse: 'Redis cannot connect to a load balancer: draw the link from each node behind the load balancer to Redis' },
    database: { refuse: 'Redis cannot connect to a database: link each API-M node to the database it uses' },
    redis: { refuse: 'Redis cannot connect to Redis: link the control planes and traffic managers to the one Redis they share' },
    'identity-server': { refuse: 'Redis cannot connect to WSO2 Identity Server: link the control planes and traffic managers to Redis' },
  },
};

function verdictOf(to: NodeKind, rule: LinkRule): LinkVerdict {
  if (typeof rule === 'object')
    return 'refuse' in rule ? { ok: false, reason: rule.refuse } : { ok: true, link: { role: 'wire', pair: rule.wire } };
  // The table's type lets `fronts` point only at an API-M kind.
  if (rule === 'fronts') return { ok: true, link: { role: 'fronts', kind: to as ApimKind } };
  return { ok: true, link: { role: rule } };
}

/** Every cell's verdict, made once: building the graph and validating ask for one per link. */
const VERDICTS = Object.fromEntries(
  NODE_KINDS.map((from) => [from, Object.fromEntries(NODE_KINDS.map((to) => [to, verdictOf(to, LINK_TABLE[from][to])]))]),
) as Record<NodeKind, Record<NodeKind, LinkVerdict>>;

/** The link table's verdict on a link from kind `from` to kind `to` (shared between calls: treat it as read-only). */
export function kindRule(from: NodeKind, to: NodeKind): LinkVerdict {
  return VERDICTS[from][to];
}

/** The pair two API-M kinds form when a link between them wires them, or undefined. */
export function apimPair(a: ApimKind, b: ApimKind): ApimPair | undefined {
  const rule = LINK_TABLE[a][b];
  return typeof rule === 'object' && 'wire' in rule ? rule.wire : undefined;
}

/** The first version that reads distributed throttling, for the refusal below. */
const FIRST_REDIS_VERSION = PRODUCT_VERSIONS.find((version) => versionFacts(version).distributedThrottling);
/** The first version with a separate Key Manager node. */
const FIRST_KEY_MANAGER_VERSION = PRODUCT_VERSIONS.find((version) => versionFacts(version).separateKeyManager);

/**
 * The full verdict for a new link, given the kinds the load balancers involved already front.
 * `frontedKind(lbId)` answers the kind of the cluster behind a load balancer, if it fronts anything.
 * Given the product version, a link to Redis is refused where the version reads no distributed throttling, and a link
 * to or from a Key Manager where the version has no separate one (a link already drawn stays, and validation reports
 * it: APIM043, APIM049).
 */
export function linkVerdict(
  from: TopologyNode,
  to: TopologyNode,
  frontedKind: (lbId: string) => ApimKind | undefined,
  product?: ProductVersion,
): LinkVerdict {
  if (from.id === to.id) return { ok: false, reason: 'A node cannot connect to itself' };
  const verdict = kindRule(from.kind, to.kind);
  if (!verdict.ok) return verdict;
  const link = verdict.link;
  const keyManager = from.kind === 'key-manager' || to.kind === 'key-manager';
  if (keyManager && product !== undefined && !versionFacts(product).separateKeyManager) {
    return {
      ok: false,
      reason: `API-M ${product} has no separate Key Manager node: its control plane is the Key Manager (4.0–4.2 keep only the deprecated api-key-manager-deprecated profile, for opaque tokens migrated from 3.x). Choose API-M ${FIRST_KEY_MANAGER_VERSION ?? 'a later version'} or later in the settings first`,
    };
  }
  if (link.role === 'uses-counter-store' && product !== undefined && !versionFacts(product).distributedThrottling) {
    return {
      ok: false,
      reason: `API-M ${product} has no distributed throttling: Redis is read from API-M ${FIRST_REDIS_VERSION ?? 'a later version'}. Choose that version or later in the settings first`,
    };
  }
  if (link.role === 'fronts') {
    const current = frontedKind(from.id);
    if (current && current !== link.kind) {
      return {
        ok: false,
        reason: `Load balancer ${from.id} already fronts ${KIND_NAMES[current].toLowerCase()} nodes: one load balancer fronts one kind of cluster`,
      };
    }
  }
  if (link.role === 'calls-cluster' && isApimKind(from.kind)) {
    const behind = frontedKind(to.id);
    if (behind && !apimPair(from.kind, behind)) {
      return {
        ok: false,
        reason: `${capitalize(kindWithArticle(from.kind))} cannot call the ${KIND_NAMES[behind].toLowerCase()} cluster behind ${to.id}`,
      };
    }
  }
  return verdict;
}

/** The short text an edge shows: what the link configures. */
export function linkCaption(link: LinkRole): string {
  switch (link.role) {
    case 'wire':
      return APIM_PAIRS[link.pair].configures;
    case 'fronts':
      return 'fronts';
    case 'calls-cluster':
      return 'calls cluster';
    case 'uses-database':
      return 'database';
    case 'uses-counter-store':
      return 'throttle counters';
    case 'uses-identity-server':
      return 'Key Manager';
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
