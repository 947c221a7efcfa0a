import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KindTable, NodeKind } from '../../src/model/index.ts';
import {
  APIM_KINDS,
  KINDS,
  KIND_NAMES,
  NODE_KINDS,
  PALETTE_KINDS,
  everyKind,
  isApimKind,
  isApimNode,
  kindWithArticle,
  newNode,
  unhandledKind,
} from '../../src/model/index.ts';

describe('the kind registry', () => {
  it('lists the kinds in its order, and the API-M kinds among them', () => {
    const kinds = [
      'gateway',
      'control-plane',
      'traffic-manager',
      'key-manager',
      'all-in-one',
      'identity-server',
      'load-balancer',
      'database',
      'redis',
    ];
    expect(NODE_KINDS).toEqual(kinds);
    expect(APIM_KINDS).toEqual(['gateway', 'control-plane', 'traffic-manager', 'key-manager', 'all-in-one']);
  });

  it('names the kinds as the palette and messages say them', () => {
    expect(KIND_NAMES).toEqual({
      gateway: 'Gateway',
      'control-plane': 'Control Plane',
      'traffic-manager': 'Traffic Manager',
      'key-manager': 'Key Manager',
      'all-in-one': 'All-in-One',
      'identity-server': 'Identity Server',
      'load-balancer': 'Load Balancer',
      database: 'Database',
      redis: 'Redis',
    });
    expect(kindWithArticle('control-plane')).toBe('a control plane');
    expect(kindWithArticle('all-in-one')).toBe('an all-in-one');
  });

  it.each(NODE_KINDS)('%s: a new node has an offset exactly when the kind runs API-M or WSO2 Identity Server', (kind) => {
    const node = newNode(kind, 'n-1');
    expect(isApimKind(kind) || kind === 'identity-server').toBe('offset' in node);
    expect(isApimNode(node)).toBe(isApimKind(kind));
    const entry = KINDS[kind];
    if (entry.apim) expect(node).toMatchObject({ offset: entry.offset });
  });

  it('gives each kind its own palette place, id prefix and icon', () => {
    const distinct = (values: unknown[]) => new Set(values).size === values.length;
    expect(distinct(NODE_KINDS.map((k) => KINDS[k].palette))).toBe(true);
    expect(distinct(NODE_KINDS.map((k) => KINDS[k].idPrefix))).toBe(true);
    expect(distinct(NODE_KINDS.map((k) => KINDS[k].icon))).toBe(true);
    expect(PALETTE_KINDS).toEqual([
      'gateway',
      'control-plane',
      'traffic-manager',
      'key-manager',
      'all-in-one',
      'identity-server',
      'load-balancer',
      'database',
      'redis',
    ]);
  });

  it.each(NODE_KINDS)('%s has its colour in the stylesheet, which no compiler checks', (kind) => {
    const css = readFileSync(new URL('../../src/ui/app.css', import.meta.url), 'utf8');
    expect(css).toContain(`.kind-${kind} {\n  --kind: var(--${kind});`);
    expect(css).toMatch(new RegExp(`--${kind}:`));
  });

  it('stops at a kind nothing handled', () => {
    expect(() => unhandledKind('key-manager' as never)).toThrow('Unhandled node kind: "key-manager"');
    expect(() => unhandledKind({ kind: 'key-manager', id: 'km-1' } as never)).toThrow('Unhandled node kind: "key-manager"');
  });
});

/**
 * What the compiler refuses: each `@ts-expect-error` below fails `tsc --noEmit` (which checks tests/)
 * if the line under it compiles, so these hold as long as the type check is clean.
 */
describe('a kind left out does not compile', () => {
  it('in the registry: every kind needs an entry, and an API-M kind says so', () => {
    const { database: _database, ...withoutDatabase } = KINDS;
    // @ts-expect-error: the registry has no entry for database
    const incomplete: KindTable = withoutDatabase;
    // @ts-expect-error: a database does not run API-M, and the database node type has no offset
    const wrongApim: KindTable = { ...KINDS, database: { ...KINDS.database, apim: true, offset: 0 } };
    // @ts-expect-error: a gateway runs API-M, so its entry needs an offset
    const noOffset: KindTable = { ...KINDS, gateway: { name: 'Gateway', icon: 'gate', palette: 1, idPrefix: 'gw', apim: true } };
    // @ts-expect-error: an icon the page does not draw
    const unknownIcon: KindTable = { ...KINDS, database: { ...KINDS.database, icon: 'padlock' } };
    expect([incomplete, wrongApim, noOffset, unknownIcon]).toHaveLength(4);
  });

  it('in a switch that ends in unhandledKind', () => {
    const offsetOf = (kind: NodeKind): string => {
      switch (kind) {
        case 'gateway':
        case 'control-plane':
        case 'traffic-manager':
          return 'offset';
        case 'load-balancer':
          return 'none';
        default:
          // @ts-expect-error: database is not handled, so `kind` is not `never` here
          return unhandledKind(kind);
      }
    };
    expect(offsetOf('gateway')).toBe('offset');
    expect(() => offsetOf('database')).toThrow('Unhandled node kind: "database"');
  });

  it('in a list that must name every kind', () => {
    type Some = 'gateway' | 'database';
    const order = everyKind<Some>()(['database', 'gateway']);
    expect(order).toEqual(['database', 'gateway']);
    // @ts-expect-error: gateway is missing
    const missing = everyKind<Some>()(['database']);
    expect(missing).toHaveLength(1);
  });
});
