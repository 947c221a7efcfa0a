/**
 * serializeTopology writes the JSON itself (no ordered copy): it must be byte for byte what JSON.stringify(value, null, 2)
 * makes of the same value with each object's keys in the file's order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { serializeTopology, serializeTopologyPieces } from '../../src/model/index.ts';
import { KEY_ORDER } from '../../src/model/serialize.ts';
import type { Topology } from '../../src/model/index.ts';
import { EXAMPLE_FILES, arbitraryTopology, loadExample } from '../factories.ts';

/** The reference, the writer it replaced: an ordered copy (the file's key order, then alphabetically) written by JSON.stringify. */
function reference(topology: unknown): string {
  const rank = new Map(KEY_ORDER.map((key, index) => [key, index]));
  const ordered = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(ordered);
    if (value === null || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).sort((a, b) => {
      const ra = rank.get(a) ?? Infinity;
      const rb = rank.get(b) ?? Infinity;
      return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0;
    });
    const out = Object.create(null) as Record<string, unknown>; // a key named __proto__ stays a key
    for (const key of keys) if (object[key] !== undefined) out[key] = ordered(object[key]);
    return out;
  };
  return `${JSON.stringify(ordered(topology), null, 2)}\n`;
}

describe('serializeTopology', () => {
  it.each(EXAMPLE_FILES)('writes %s as JSON.stringify(…, null, 2) writes it', (example) => {
    const t = loadExample(example);
    expect(serializeTopology(t)).toBe(reference(t));
  });

  it('writes random topologies as JSON.stringify(…, null, 2) writes them', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => {
        expect(serializeTopology(t)).toBe(reference(t));
      }),
      { numRuns: 100 },
    );
  });

  it('writes any JSON value as JSON.stringify does: empty objects and arrays, escapes, numbers, undefined left out', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, text) => {
        const topology = { format: 'apim-topology/1', name: text, extra: value, missing: undefined, list: [value, undefined] };
        expect(serializeTopology(topology as unknown as Topology)).toBe(reference(topology));
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart key sets that join into the same string: no key and one empty key, keys holding U+0000', () => {
    const topology = JSON.parse(
      '{"format":"f","a":{},"b":{"":1},"c":{"x\\u0000":1,"y":2},"d":{"x":1,"\\u0000y":2},"e":[{"0":1,"":2},{"":3}]}',
    ) as Topology;
    expect(serializeTopology(topology)).toBe(reference(topology));
    expect(serializeTopology(topology)).toContain('"b": {\n    "": 1\n  }');
  });

  it("writes no key an object only inherits: another object's constructor, toString or __proto__ stays its own", () => {
    for (const text of [
      '{"format":"f","a":{"constructor":1,"toString":"t"},"b":{"x":1},"c":[{"valueOf":2},{"y":3}]}',
      '{"format":"f","a":{"__proto__":{"b":1}},"b":{"x":1},"c":[{"__proto__":2},{"y":3}]}',
    ]) {
      const topology = JSON.parse(text) as Topology;
      expect(serializeTopology(topology)).toBe(reference(topology));
      expect(serializeTopologyPieces(topology, 8).join('')).toBe(reference(topology));
      expect(serializeTopology(topology)).toContain('"b": {\n    "x": 1\n  }');
    }
  });

  it('puts the keys a person reads first, the rest alphabetically, and keeps a key named __proto__', () => {
    const value = JSON.parse('{"zeta":1,"nodes":[],"__proto__":{"b":1,"a":2},"name":"n","format":"f"}') as Topology;
    expect(serializeTopology(value)).toBe(
      '{\n  "format": "f",\n  "name": "n",\n  "nodes": [],\n  "__proto__": {\n    "a": 2,\n    "b": 1\n  },\n  "zeta": 1\n}\n',
    );
  });
});
