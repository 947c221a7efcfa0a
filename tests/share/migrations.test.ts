/** The migration mechanism, proven with a fixture of the pre-release format 0. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrate0to1, readTopology } from '../../src/share/index.ts';

const V0 = readFileSync(new URL('../fixtures/v0-topology.json', import.meta.url), 'utf8');

describe('format 0 → 1', () => {
  it('migrate0to1 renames the fields, one step', () => {
    const v1 = migrate0to1(JSON.parse(V0));
    expect(v1).toMatchObject({
      format: 'apim-topology/1',
      product: '4.0.0',
      links: [
        { from: 'gw-1', to: 'cp-1' },
        { from: 'cp-1', to: 'db' },
      ],
    });
    expect((v1.nodes as unknown[])[1]).toEqual({ id: 'gw-1', kind: 'gateway', host: 'gw.example.com', offset: 2, x: 240, y: 0 });
  });

  it('a format 0 file reads as a complete format 1 topology, defaults filled', () => {
    const result = readTopology(V0);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.topology.format).toBe('apim-topology/1');
    expect(result.topology.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['cp-1', 'control-plane'],
      ['gw-1', 'gateway'],
      ['db', 'database'],
    ]);
    expect(result.topology.nodes[2]).toMatchObject({ engine: 'postgre', port: 5432, label: 'db' });
  });

  it.each(['router', 'constructor', 'toString'])('a format 0 file with the type "%s" is reported at the field, after migration', (type) => {
    const broken = JSON.parse(V0);
    broken.nodes[1].type = type;
    const result = readTopology(JSON.stringify(broken));
    expect(!result.ok && result.errors[0]).toEqual({
      kind: 'invalid',
      path: 'nodes[1].kind',
      message: `"${type}" is not a node kind: use gateway, control-plane, traffic-manager, key-manager, all-in-one, identity-server, load-balancer, database, redis`,
    });
  });
});

describe('formats this designer does not read', () => {
  it.each([
    ['apim-topology/2', /newer version of the designer/],
    ['something-else/1', /not a format this designer reads/],
  ])('%s', (format, message) => {
    const result = readTopology(JSON.stringify({ format, product: '4.0.0', nodes: [] }));
    expect(!result.ok && result.errors[0]!.message).toMatch(message);
  });

  it('an oversized file is refused before it is parsed', () => {
    const result = readTopology(' '.repeat(2_000_001));
    expect(!result.ok && result.errors[0]!.message).toMatch(/at most 2,000,000/);
  });
});
