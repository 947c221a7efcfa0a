import { describe, expect, it } from 'vitest';
import type { ReadErrorKind } from '../../src/share/index.ts';
import { MAX_DOCUMENT_CHARS, formatReadError, readTopology, restoreTopology } from '../../src/share/index.ts';
import { LIMITS } from '../../src/model/index.ts';

const doc = (fields: Record<string, unknown> = {}) => ({
  format: 'apim-topology/1',
  product: '4.0.0',
  nodes: [
    { id: 'cp-1', kind: 'control-plane', host: 'cp.example.com' },
    { id: 'gw-1', kind: 'gateway', host: 'gw.example.com' },
    { id: 'gw-2', kind: 'gateway', host: 'gw2.example.com' },
  ],
  links: [{ from: 'gw-1', to: 'cp-1' }],
  ...fields,
});

const errorsOf = (value: unknown) => {
  const result = restoreTopology(value);
  return result.ok ? [] : result.errors.map(formatReadError);
};

describe('reading a topology', () => {
  it('reads a minimal hand-written file and fills the defaults', () => {
    const result = restoreTopology(doc());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const t = result.topology;
    expect(t.name).toBe('API-M deployment');
    expect(t.nodes[1]).toMatchObject({ id: 'gw-1', label: 'gw-1', offset: 0, x: expect.any(Number), y: expect.any(Number) });
    expect(t.settings.superAdmin).toEqual({ username: 'admin', password: 'admin', createAdminAccount: true });
    expect(t.settings.keystore.tls.fileName).toBe('wso2carbon.jks');
    expect(t.settings.gatewayEnvironments).toBeUndefined();
  });

  it('fills a database port from its engine', () => {
    const result = restoreTopology(doc({ nodes: [{ id: 'db', kind: 'database', host: 'db.example.com', engine: 'postgre' }], links: [] }));
    expect(result.ok && result.topology.nodes[0]).toMatchObject({ port: 5432, databases: ['apim_db', 'shared_db'] });
  });

  it.each<[string, unknown, string]>([
    [
      'offset out of range',
      doc({ nodes: [...doc().nodes.slice(0, 2), { id: 'gw-2', kind: 'gateway', host: 'gw2.example.com', offset: 70000 }] }),
      'nodes[2].offset: 70000 is out of range 0–1000',
    ],
    [
      'negative offset',
      doc({ nodes: [{ id: 'cp-1', kind: 'control-plane', host: 'h', offset: -1 }], links: [] }),
      'nodes[0].offset: -1 is out of range 0–1000',
    ],
    [
      'fractional offset',
      doc({ nodes: [{ id: 'cp-1', kind: 'control-plane', host: 'h', offset: 1.5 }], links: [] }),
      'nodes[0].offset: 1.5 is not a whole number',
    ],
    [
      'unknown field',
      doc({ nodes: [{ id: 'cp-1', kind: 'control-plane', hots: 'cp.example.com', host: 'h' }], links: [] }),
      'nodes[0]: unknown field "hots"',
    ],
    ['missing field', doc({ nodes: [{ id: 'cp-1', kind: 'control-plane' }], links: [] }), 'nodes[0]: missing field "host"'],
    [
      'dangling link',
      doc({
        links: [
          { from: 'gw-1', to: 'cp-1' },
          { from: 'gw-1', to: 'cp-1' },
          { from: 'gw-2', to: 'cp-1' },
          { from: 'gw-1', to: 'ghost' },
        ],
      }),
      'links[3].to: no node "ghost"',
    ],
    [
      'unknown kind',
      doc({ nodes: [{ id: 'x', kind: 'gatway', host: 'h' }], links: [] }),
      'nodes[0].kind: "gatway" is not a node kind: use gateway, control-plane, traffic-manager, key-manager, all-in-one, identity-server, load-balancer, database, redis',
    ],
    [
      'bad host',
      doc({ nodes: [{ id: 'x', kind: 'gateway', host: 'bad host"\n[server]' }], links: [] }),
      'nodes[0].host: "bad host\\"\\n[server]" is not a valid host name or IPv4 address',
    ],
    [
      'bad id',
      doc({ nodes: [{ id: '../etc', kind: 'gateway', host: 'h' }], links: [] }),
      'nodes[0].id: "../etc" is not a valid id: use lowercase letters, digits and dashes (at most 63)',
    ],
    [
      'duplicate id',
      doc({
        nodes: [
          { id: 'a', kind: 'gateway', host: 'h' },
          { id: 'a', kind: 'gateway', host: 'h2' },
        ],
        links: [],
      }),
      'nodes[1].id: "a" is already the id of nodes[0]; ids must be unique',
    ],
    [
      'unknown version',
      doc({ product: '3.2.0' }),
      'product: "3.2.0" is not a supported API-M version: use 4.0.0, 4.1.0, 4.2.0, 4.3.0, 4.4.0, 4.5.0, 4.6.0 or 4.7.0',
    ],
    [
      'bad engine',
      doc({ nodes: [{ id: 'db', kind: 'database', host: 'h', engine: 'postgres' }], links: [] }),
      'nodes[0].engine: "postgres" is not a database engine: use mysql, postgre, mssql, oracle or db2',
    ],
    [
      'a gateway id with a space',
      doc({ nodes: [{ id: 'gw', kind: 'gateway', host: 'h', gatewayId: 'edge gw' }], links: [] }),
      'nodes[0].gatewayId: "edge gw" is not a valid gateway id: use letters, digits, ".", "_" and "-" (at most 100)',
    ],
    [
      'a gateway id on a traffic manager',
      doc({ nodes: [{ id: 'tm', kind: 'traffic-manager', host: 'h', gatewayId: 'tm' }], links: [] }),
      'nodes[0]: unknown field "gatewayId"',
    ],
    ['unknown settings field', doc({ settings: { jwt: { enable: true } } }), 'settings.jwt: unknown field "enable"'],
    ['wrong type', doc({ settings: { cors: { enabled: 'yes' } } }), 'settings.cors.enabled: expected true or false, got "yes"'],
    ['missing format', { product: '4.0.0', nodes: [] }, 'format: missing: a topology file starts with "format": "apim-topology/1"'],
    [
      'other format',
      doc({ format: 'topology/9' }),
      'format: "topology/9" is not a format this designer reads (expected "apim-topology/1")',
    ],
    [
      'newer format',
      doc({ format: 'apim-topology/9' }),
      'format: "apim-topology/9" was written by a newer version of the designer; this one reads up to "apim-topology/1": open it with the newer version',
    ],
    ['not an object', [1, 2], 'expected a topology object, got a list'],
    ['node not an object', doc({ nodes: ['gw'], links: [] }), 'nodes[0]: expected a node object, got the text "gw"'],
    [
      'prototype key',
      doc({ nodes: [JSON.parse('{"id":"a","kind":"gateway","host":"h","__proto__":{"x":1}}')], links: [] }),
      'nodes[0]: unknown field "__proto__"',
    ],
  ])('reports %s', (_name, value, message) => {
    expect(errorsOf(value)).toContain(message);
  });

  it.each<[string, string, ReadErrorKind]>([
    ['too large', ' '.repeat(MAX_DOCUMENT_CHARS + 1), 'too-large'],
    ['not JSON', '{"format": ', 'not-json'],
    ['not an object', '[1, 2]', 'not-a-topology'],
    ['no format', '{"product": "4.0.0", "nodes": []}', 'not-a-topology'],
    ['another format', '{"format": "topology/9", "product": "4.0.0", "nodes": []}', 'not-a-topology'],
    ['a newer format', '{"format": "apim-topology/9", "product": "4.0.0", "nodes": []}', 'newer-format'],
    ['a mistake at a field', JSON.stringify(doc({ product: '3.2.0' })), 'invalid'],
    ['a dangling link', JSON.stringify(doc({ links: [{ from: 'gw-1', to: 'ghost' }] })), 'invalid'],
  ])('tags %s as %s, for a program to act on', (_name, text, kind) => {
    const result = readTopology(text);
    expect(result.ok ? [] : result.errors.map((e) => e.kind)).toEqual([kind]);
  });

  it('reports broken JSON in one line', () => {
    const result = readTopology('{"format": "apim-topology/1", ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatReadError(result.errors[0]!)).toMatch(/^not valid JSON \(.+\)$/);
  });

  it('caps the number of errors it reports', () => {
    const nodes = Array.from({ length: 50 }, (_, i) => ({ id: `n-${i}`, kind: 'gateway', host: 'h', offset: -1 }));
    const result = restoreTopology(doc({ nodes, links: [] }));
    expect(!result.ok && result.errors.length).toBe(21);
    expect(!result.ok && result.errors[20]!.message).toBe('and 30 more problems');
  });

  it('keeps a hostile label as it is', () => {
    const label = 'Gateway "1"\n[server]\nhostname = "evil"';
    const result = restoreTopology(doc({ nodes: [{ id: 'gw-1', kind: 'gateway', host: 'h', label }], links: [] }));
    expect(result.ok && result.topology.nodes[0]!.label).toBe(label);
  });
});

describe("a load balancer's sticky sessions", () => {
  const withLb = (lb: Record<string, unknown>) =>
    doc({ nodes: [...doc().nodes, { id: 'cp-lb', kind: 'load-balancer', host: 'cp-lb.example.com', ...lb }], links: [] });

  it('reads sticky: false', () => {
    const result = restoreTopology(withLb({ sticky: false }));
    expect(result.ok && result.topology.nodes[3]).toMatchObject({ id: 'cp-lb', sticky: false });
  });

  it('leaves it absent when the file does not say, so older files read and write back unchanged (absent = sticky)', async () => {
    const { isSticky, serializeTopology } = await import('../../src/model/index.ts');
    const result = restoreTopology(withLb({}));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const lb = result.topology.nodes[3]!;
    expect('sticky' in lb).toBe(false);
    expect(isSticky(lb as { sticky?: boolean })).toBe(true);
    expect(serializeTopology(result.topology)).not.toContain('sticky');
  });

  it('rejects a value that is not true or false', () => {
    expect(errorsOf(withLb({ sticky: 'yes' }))).toContain('nodes[3].sticky: expected true or false, got "yes"');
  });
});

describe("a MySQL database's version", () => {
  const withDb = (db: Record<string, unknown>) =>
    doc({ nodes: [{ id: 'db', kind: 'database', host: 'db.example.com', ...db }], links: [] });

  it('reads 5.7 and 8', () => {
    for (const mysqlVersion of ['5.7', '8']) {
      const result = restoreTopology(withDb({ mysqlVersion }));
      expect(result.ok && result.topology.nodes[0]).toMatchObject({ id: 'db', mysqlVersion });
    }
  });

  it('leaves it absent when the file does not say, so older files read and write back unchanged (absent = 8)', async () => {
    const { mysqlVersionOf, serializeTopology } = await import('../../src/model/index.ts');
    const result = restoreTopology(withDb({}));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const db = result.topology.nodes[0] as { mysqlVersion?: '8' | '5.7' };
    expect('mysqlVersion' in db).toBe(false);
    expect(mysqlVersionOf(db)).toBe('8');
    expect(serializeTopology(result.topology)).not.toContain('mysqlVersion');
  });

  it('rejects another version, naming the ones it takes', () => {
    expect(errorsOf(withDb({ mysqlVersion: '8.0' }))).toContain('nodes[0].mysqlVersion: "8.0" is not a MySQL version: use 8 or 5.7');
  });
});

describe('one set of limits (model/limits.ts)', () => {
  const file = (settings: Record<string, unknown>, label = 'gw') =>
    JSON.stringify({
      format: 'apim-topology/1',
      product: '4.5.0',
      settings,
      nodes: [{ id: 'gw-1', kind: 'gateway', host: 'gw.example.com', label }],
    });
  it.each<[string, (text: string) => string, number]>([
    ['a label', (t) => file({}, t), LIMITS.text],
    ['CORS allowed origins', (t) => file({ cors: { allowOrigins: t } }), LIMITS.origins],
    ['an environment name', (t) => file({ gatewayEnvironments: [{ name: t }] }), LIMITS.environmentName],
    ['an analytics token', (t) => file({ analytics: { authToken: t } }), LIMITS.longText],
  ])('%s: the limit is taken, one more character is refused', (_what, make, max) => {
    expect(readTopology(make('a'.repeat(max))).ok).toBe(true);
    const refused = readTopology(make('a'.repeat(max + 1)));
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.errors[0]!.message).toBe(`is ${max + 1} characters long; at most ${max} are allowed`);
  });
});

describe('small things a file may carry', () => {
  const file = JSON.stringify({
    format: 'apim-topology/1',
    product: '4.5.0',
    nodes: [{ id: 'gw-1', kind: 'gateway', host: 'gw.example.com', x: 10, y: 20 }],
  });

  it('a byte-order mark at the start is read past', () => {
    expect(readTopology(`\ufeff${file}`).ok).toBe(true);
  });

  it.each([1e300, -2_000_000])('a position of %d is refused: off the canvas', (x) => {
    const result = readTopology(file.replace('"x":10', `"x":${x}`));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : formatReadError(result.errors[0]!)).toMatch(
      /^nodes\[0\]\.x: .* is off the canvas: use a position from -1000000 to 1000000$/,
    );
  });
});
