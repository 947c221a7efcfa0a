/**
 * Who may talk to whom (README, "Links"). One table, used by the canvas (`isValidConnection`),
 * the store and `validate` alike.
 *
 * Between two API-M nodes a link means "these two are wired", whichever way it was drawn. Direction
 * matters only at a load balancer: `load-balancer → X` fronts X, `X → load-balancer` calls the cluster
 * behind it. Databases are used by API-M nodes: `X → database`.
 */
import type { ApimKind, NodeKind, TopologyNode } from './types.ts';
import { KIND_NAMES, isApimKind, kindWithArticle } from './kinds.ts';

/** What a link between two API-M kinds configures, keyed by the sorted pair. */
export type ApimPair = 'gateway|control-plane' | 'gateway|traffic-manager' | 'traffic-manager|control-plane';

export type LinkRole =
  { role: 'wire'; pair: ApimPair } | { role: 'fronts'; kind: ApimKind } | { role: 'calls-cluster' } | { role: 'uses-database' };

export type LinkVerdict = { ok: true; link: LinkRole } | { ok: false; reason: string };

/** The allowed API-M pairs and what each configures (shown on the edge). */
export const APIM_PAIRS: Record<ApimPair, { kinds: [ApimKind, ApimKind]; configures: string }> = {
  'gateway|control-plane': { kinds: ['gateway', 'control-plane'], configures: 'Key Manager · event hub' },
  'gateway|traffic-manager': { kinds: ['gateway', 'traffic-manager'], configures: 'throttling' },
  'traffic-manager|control-plane': { kinds: ['traffic-manager', 'control-plane'], configures: 'event hub · policies' },
};

export function apimPair(a: ApimKind, b: ApimKind): ApimPair | undefined {
  for (const [pair, { kinds }] of Object.entries(APIM_PAIRS) as [ApimPair, (typeof APIM_PAIRS)[ApimPair]][]) {
    if ((kinds[0] === a && kinds[1] === b) || (kinds[0] === b && kinds[1] === a)) return pair;
  }
  return undefined;
}

const KIND_RULES = new Map<NodeKind, Map<NodeKind, LinkVerdict>>();

/**
 * The rule for a link drawn from a node of kind `from` to a node of kind `to`, judged by kinds alone.
 * A link to a load balancer is further checked against what the load balancer fronts: see `linkVerdict`.
 * There are 25 pairs of kinds, so each verdict is computed once and shared (treat it as read-only):
 * building the graph and validating ask this once per link.
 */
export function kindRule(from: NodeKind, to: NodeKind): LinkVerdict {
  let row = KIND_RULES.get(from);
  if (!row) KIND_RULES.set(from, (row = new Map()));
  let verdict = row.get(to);
  if (!verdict) row.set(to, (verdict = judgeKinds(from, to)));
  return verdict;
}

function judgeKinds(from: NodeKind, to: NodeKind): LinkVerdict {
  if (isApimKind(from) && isApimKind(to)) {
    const pair = apimPair(from, to);
    if (pair) return { ok: true, link: { role: 'wire', pair } };
    if (from === to) {
      return {
        ok: false,
        reason: `${capitalize(kindWithArticle(from))} cannot connect to ${kindWithArticle(to)}: nodes of one kind form a cluster behind a load balancer instead`,
      };
    }
    return { ok: false, reason: `${capitalize(kindWithArticle(from))} cannot connect to ${kindWithArticle(to)}` };
  }
  if (from === 'load-balancer' && isApimKind(to)) return { ok: true, link: { role: 'fronts', kind: to } };
  if (isApimKind(from) && to === 'load-balancer') return { ok: true, link: { role: 'calls-cluster' } };
  if (isApimKind(from) && to === 'database') return { ok: true, link: { role: 'uses-database' } };
  if (from === 'database' && isApimKind(to)) {
    return { ok: false, reason: `Draw the link from the ${KIND_NAMES[to].toLowerCase()} to the database: nodes use databases` };
  }
  if (from === 'load-balancer' && to === 'load-balancer') {
    return {
      ok: false,
      reason:
        "A load balancer cannot connect to a load balancer: link this one to the nodes it fronts, and draw a link from each node that calls the other cluster to that cluster's load balancer",
    };
  }
  if (from === 'load-balancer' && to === 'database') {
    return { ok: false, reason: 'A load balancer cannot front a database: link each node to the database instead' };
  }
  if (from === 'database' && to === 'load-balancer') {
    return {
      ok: false,
      reason: 'A database cannot connect to a load balancer: draw the link from each node behind the load balancer to the database',
    };
  }
  return { ok: false, reason: 'A database cannot connect to a database: link each API-M node to the database it uses' };
}

/**
 * The full verdict for a new link, given the kinds the load balancers involved already front.
 * `frontedKind(lbId)` answers the kind of the cluster behind a load balancer, if it fronts anything.
 */
export function linkVerdict(from: TopologyNode, to: TopologyNode, frontedKind: (lbId: string) => ApimKind | undefined): LinkVerdict {
  if (from.id === to.id) return { ok: false, reason: 'A node cannot connect to itself' };
  const verdict = kindRule(from.kind, to.kind);
  if (!verdict.ok) return verdict;
  const link = verdict.link;
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
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
