import { describe, expect, it } from 'vitest';
import type { LinkTable, NodeKind } from '../../src/model/index.ts';
import { APIM_PAIRS, LINK_TABLE, NODE_KINDS, apimPair, isApimKind, kindRule, linkVerdict } from '../../src/model/index.ts';
import { node } from '../factories.ts';

describe('kindRule', () => {
  it.each<[NodeKind, NodeKind, string]>([
    ['gateway', 'control-plane', 'wire'],
    ['control-plane', 'gateway', 'wire'],
    ['gateway', 'traffic-manager', 'wire'],
    ['traffic-manager', 'gateway', 'wire'],
    ['traffic-manager', 'control-plane', 'wire'],
    ['control-plane', 'traffic-manager', 'wire'],
    ['load-balancer', 'gateway', 'fronts'],
    ['load-balancer', 'control-plane', 'fronts'],
    ['load-balancer', 'traffic-manager', 'fronts'],
    ['gateway', 'load-balancer', 'calls-cluster'],
    ['traffic-manager', 'load-balancer', 'calls-cluster'],
    ['control-plane', 'load-balancer', 'calls-cluster'],
    ['gateway', 'database', 'uses-database'],
    ['control-plane', 'database', 'uses-database'],
    ['traffic-manager', 'database', 'uses-database'],
    ['control-plane', 'redis', 'uses-counter-store'],
    ['gateway', 'key-manager', 'wire'],
    ['key-manager', 'gateway', 'wire'],
    ['control-plane', 'key-manager', 'wire'],
    ['key-manager', 'control-plane', 'wire'],
    ['traffic-manager', 'key-manager', 'wire'],
    ['key-manager', 'traffic-manager', 'wire'],
    ['load-balancer', 'key-manager', 'fronts'],
    ['key-manager', 'load-balancer', 'calls-cluster'],
    ['key-manager', 'database', 'uses-database'],
    ['all-in-one', 'key-manager', 'wire'],
    ['key-manager', 'all-in-one', 'wire'],
    ['traffic-manager', 'redis', 'uses-counter-store'],
    ['gateway', 'all-in-one', 'wire'],
    ['all-in-one', 'gateway', 'wire'],
    ['load-balancer', 'all-in-one', 'fronts'],
    ['all-in-one', 'load-balancer', 'calls-cluster'],
    ['all-in-one', 'database', 'uses-database'],
    ['gateway', 'identity-server', 'uses-identity-server'],
    ['control-plane', 'identity-server', 'uses-identity-server'],
    ['traffic-manager', 'identity-server', 'uses-identity-server'],
    ['all-in-one', 'identity-server', 'uses-identity-server'],
  ])('%s → %s is allowed as %s', (from, to, role) => {
    const verdict = kindRule(from, to);
    expect(verdict.ok && verdict.link.role).toBe(role);
  });

  it.each<[NodeKind, NodeKind, string]>([
    ['gateway', 'gateway', 'A gateway cannot connect to a gateway'],
    ['control-plane', 'control-plane', 'A control plane cannot connect to a control plane'],
    ['traffic-manager', 'traffic-manager', 'A traffic manager cannot connect to a traffic manager'],
    ['database', 'gateway', 'Draw the link from the gateway to the database'],
    ['load-balancer', 'load-balancer', 'A load balancer cannot connect to a load balancer'],
    ['load-balancer', 'database', 'A load balancer cannot front a database'],
    ['database', 'load-balancer', 'A database cannot connect to a load balancer'],
    ['database', 'database', 'A database cannot connect to a database'],
    ['gateway', 'redis', 'A gateway does not use Redis'],
    ['redis', 'gateway', 'A gateway does not use Redis'],
    ['redis', 'control-plane', 'Draw the link from the control plane to Redis'],
    ['redis', 'traffic-manager', 'Draw the link from the traffic manager to Redis'],
    ['load-balancer', 'redis', 'A load balancer cannot front Redis'],
    ['redis', 'load-balancer', 'Redis cannot connect to a load balancer'],
    ['database', 'redis', 'A database cannot connect to Redis'],
    ['redis', 'database', 'Redis cannot connect to a database'],
    ['redis', 'redis', 'Redis cannot connect to Redis'],
    ['key-manager', 'key-manager', 'A key manager cannot connect to a key manager'],
    ['database', 'key-manager', 'Draw the link from the key manager to the database'],
    ['key-manager', 'redis', 'A key manager does not use Redis'],
    ['redis', 'key-manager', 'Redis cannot connect to a key manager'],
    ['all-in-one', 'all-in-one', 'An all-in-one cannot connect to an all-in-one'],
    ['all-in-one', 'control-plane', 'An All-in-One already contains a control plane'],
    ['control-plane', 'all-in-one', 'An All-in-One already contains a control plane'],
    ['all-in-one', 'traffic-manager', 'An All-in-One already contains a traffic manager'],
    ['traffic-manager', 'all-in-one', 'An All-in-One already contains a traffic manager'],
    ['all-in-one', 'redis', 'An All-in-One keeps its own throttle counters'],
    ['redis', 'all-in-one', 'An All-in-One keeps its own throttle counters'],
    ['database', 'all-in-one', 'Draw the link from the all-in-one to the database'],
    ['identity-server', 'gateway', 'Draw the link from the gateway to the Identity Server'],
    ['identity-server', 'control-plane', 'Draw the link from the control plane to the Identity Server'],
    ['identity-server', 'traffic-manager', 'Draw the link from the traffic manager to the Identity Server'],
    ['identity-server', 'all-in-one', 'Draw the link from the all-in-one to the Identity Server'],
    ['key-manager', 'identity-server', 'both Key Managers'],
    ['identity-server', 'key-manager', 'both Key Managers'],
    ['identity-server', 'identity-server', 'API-M nodes use one Key Manager'],
    ['load-balancer', 'identity-server', 'does not put WSO2 Identity Server behind a load balancer'],
    ['identity-server', 'load-balancer', 'does not put WSO2 Identity Server behind a load balancer'],
    ['identity-server', 'database', 'shares the databases of the API-M nodes that use it'],
    ['database', 'identity-server', 'shares the databases of the API-M nodes that use it'],
    ['identity-server', 'redis', 'does not use Redis'],
    ['redis', 'identity-server', 'Redis cannot connect to WSO2 Identity Server'],
  ])('%s → %s is refused: %s', (from, to, reason) => {
    const verdict = kindRule(from, to);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(reason);
  });

  it.each(NODE_KINDS.flatMap((from) => NODE_KINDS.map((to) => [from, to] as const)))(
    'a refused %s → %s says what to do instead',
    (from, to) => {
      const verdict = kindRule(from, to);
      if (verdict.ok) return;
      // "X cannot …: <the fix>", or a sentence that is the fix itself ("Draw the link from …").
      expect(verdict.reason).toMatch(/: \w.{15,}|^Draw /);
    },
  );
});

describe('LINK_TABLE', () => {
  const cells = NODE_KINDS.flatMap((from) => NODE_KINDS.map((to) => [from, to] as const));

  it.each(cells)('a wire %s → %s is the same wire the other way round', (from, to) => {
    const rule = LINK_TABLE[from][to];
    if (typeof rule === 'object' && 'wire' in rule) expect(LINK_TABLE[to][from]).toEqual(rule);
  });

  it('wires every pair it names a caption for', () => {
    const wired = cells.flatMap(([from, to]) => {
      const rule = LINK_TABLE[from][to];
      return typeof rule === 'object' && 'wire' in rule ? [rule.wire] : [];
    });
    expect(new Set(wired)).toEqual(new Set(Object.keys(APIM_PAIRS)));
  });

  it('answers apimPair from the table', () => {
    expect(apimPair('control-plane', 'gateway')).toBe('gateway|control-plane');
    expect(apimPair('gateway', 'gateway')).toBeUndefined();
    for (const [from, to] of cells) {
      if (isApimKind(from) && isApimKind(to)) expect(apimPair(from, to) !== undefined).toBe(kindRule(from, to).ok);
    }
  });

  it('does not compile with a kind left out, or a cell the graph could not read', () => {
    const { database: _database, ...withoutDatabaseRow } = LINK_TABLE;
    // @ts-expect-error: no row for links drawn from a database
    const noRow: LinkTable = withoutDatabaseRow;
    const { database: _db, ...gatewayRowWithoutDatabase } = LINK_TABLE.gateway;
    // @ts-expect-error: the gateway row has no cell for a database
    const noColumn: LinkTable = { ...LINK_TABLE, gateway: gatewayRowWithoutDatabase };
    // @ts-expect-error: a load balancer can only front API-M kinds
    const frontsDatabase: LinkTable = { ...LINK_TABLE, 'load-balancer': { ...LINK_TABLE['load-balancer'], database: 'fronts' } };
    // @ts-expect-error: two gateways are not a pair that a link wires
    const wiresItself: LinkTable = { ...LINK_TABLE, gateway: { ...LINK_TABLE.gateway, gateway: { wire: 'gateway|control-plane' } } };
    expect([noRow, noColumn, frontsDatabase, wiresItself]).toHaveLength(4);
  });
});

describe('linkVerdict', () => {
  it('lets a gateway call the All-in-One cluster behind a load balancer, and refuses a traffic manager', () => {
    const fronts = (id: string) => (id === 'aio-lb' ? ('all-in-one' as const) : undefined);
    expect(linkVerdict(node('gateway', 'gw-1'), node('load-balancer', 'aio-lb'), fronts).ok).toBe(true);
    const refused = linkVerdict(node('traffic-manager', 'tm-1'), node('load-balancer', 'aio-lb'), fronts);
    expect(!refused.ok && refused.reason).toContain('cannot call the all-in-one cluster behind aio-lb');
  });

  it.each([
    ['4.2.0', false],
    ['4.3.0', true],
    ['4.7.0', true],
  ] as const)('on API-M %s, a link to or from a Key Manager is allowed: %s', (product, allowed) => {
    for (const [from, to] of [
      [node('gateway', 'gw-1'), node('key-manager', 'km-1')],
      [node('key-manager', 'km-1'), node('control-plane', 'cp-1')],
      [node('load-balancer', 'km-lb'), node('key-manager', 'km-1')],
    ] as const) {
      const verdict = linkVerdict(from, to, () => undefined, product);
      expect(verdict.ok, `${from.id} → ${to.id}`).toBe(allowed);
      if (!verdict.ok) expect(verdict.reason).toContain(`API-M ${product} has no separate Key Manager node`);
    }
  });

  it.each([
    ['4.5.0', false],
    ['4.6.0', true],
    ['4.7.0', true],
  ] as const)('on API-M %s, a link to Redis is allowed: %s', (product, allowed) => {
    const verdict = linkVerdict(node('traffic-manager', 'tm-1'), node('redis', 'redis-1'), () => undefined, product);
    expect(verdict.ok).toBe(allowed);
    if (!verdict.ok)
      expect(verdict.reason).toBe(
        `API-M ${product} has no distributed throttling: Redis is read from API-M 4.6.0. Choose that version or later in the settings first`,
      );
  });

  it('refuses a load balancer fronting a second kind', () => {
    const verdict = linkVerdict(node('load-balancer', 'lb'), node('gateway', 'gw'), () => 'control-plane');
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining('already fronts control plane nodes') });
  });

  it('refuses a gateway calling a cluster of gateways', () => {
    const verdict = linkVerdict(node('gateway', 'gw-1'), node('load-balancer', 'gw-lb'), () => 'gateway');
    expect(verdict).toEqual({ ok: false, reason: 'A gateway cannot call the gateway cluster behind gw-lb' });
  });

  it('refuses a node linked to itself', () => {
    const gw = node('gateway', 'gw');
    expect(linkVerdict(gw, gw, () => undefined).ok).toBe(false);
  });

  it('allows a gateway to call the control plane cluster', () => {
    expect(linkVerdict(node('gateway', 'gw'), node('load-balancer', 'cp-lb'), () => 'control-plane').ok).toBe(true);
  });
});
