import parseToml from '@iarna/toml/parse-string.js';
import fc from 'fast-check';
import { stringify as stringifyToml } from '@iarna/toml';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { mergeCustomToml, parseCustomToml } from '../../src/generate/customToml.ts';
import type { TomlDocument } from '../../src/generate/index.ts';
import { table, arrayTable, writeToml, checkRoundTrip } from '../../src/generate/index.ts';
import { arbitraryTopology, node, topology } from '../factories.ts';

type Toml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed TOML, read by path in assertions

const GW = 'nodes/gw-1/repository/conf/deployment.toml';

/** A control plane and a gateway on a database; the gateway with these fields. */
function withGateway(fields: Record<string, unknown>, product: Topology['product'] = '4.0.0'): Topology {
  return topology(
    [node('control-plane', 'cp-1'), node('gateway', 'gw-1', fields), node('database', 'db')],
    [
      ['gw-1', 'cp-1'],
      ['cp-1', 'db'],
    ],
    product,
  );
}

/** Two gateways behind gw-lb (with `lbFields`), gw-1 with `gwFields`. */
function gatewayCluster(lbFields: Record<string, unknown>, gwFields: Record<string, unknown> = {}): Topology {
  return topology(
    [
      node('load-balancer', 'gw-lb', lbFields),
      node('gateway', 'gw-1', gwFields),
      node('gateway', 'gw-2'),
      node('control-plane', 'cp-1'),
      node('database', 'db'),
    ],
    [
      ['gw-lb', 'gw-1'],
      ['gw-lb', 'gw-2'],
      ['gw-1', 'cp-1'],
      ['gw-2', 'cp-1'],
      ['cp-1', 'db'],
    ],
  );
}

function file(t: Topology, path = GW): { text: string; parsed: Toml } {
  const bundle = generateBundle(t);
  const text = bundle.files.find((f) => f.path === path)?.content ?? '';
  return { text, parsed: parseToml(text) as Toml };
}

function codes(t: Topology): string[] {
  return generateBundle(t).diagnostics.map((d) => d.code);
}

describe('custom TOML in the generated files', () => {
  it('adds a key the designer does not model, in a table of its own placed beside its relatives', () => {
    const t = withGateway({ customToml: '[apim.cache.gateway_token]\nenable = true\nexpiry_time = "900s"\n' });
    const { text, parsed } = file(t);
    expect(parsed.apim.cache.gateway_token).toEqual({ enable: true, expiry_time: '900s' });
    // Among the [apim.*] tables, not after the last table of the file.
    const at = text.indexOf('[apim.cache.gateway_token]');
    expect(text.lastIndexOf('\n[apim.', at - 1)).toBeGreaterThan(0);
    const bundle = generateBundle(t);
    expect(bundle.diagnostics.filter((d) => d.code.startsWith('GEN') || d.code === 'APIM035')).toEqual([]);
  });

  it('adds keys into a table the designer writes, without a second header', () => {
    const t = withGateway({ customToml: '[server]\nenable_shutdown_from_api = true\n' });
    const { text, parsed } = file(t);
    expect(text.match(/^\[server\]$/gm)).toHaveLength(1);
    expect(parsed.server.enable_shutdown_from_api).toBe(true);
    expect(parsed.server.hostname).toBe('gw-1.example.com');
  });

  it('survives a regenerate from the topology file the bundle carries', () => {
    const t = withGateway({ customToml: '[apim.cache.resource]\nenable = true\n' });
    const bundle = generateBundle(t);
    const again = generateBundle(JSON.parse(bundle.files.find((f) => f.path === 'topology.json')!.content) as Topology);
    expect(again.files.find((f) => f.path === GW)?.content).toBe(bundle.files.find((f) => f.path === GW)?.content);
    expect(again.files.find((f) => f.path === GW)?.content).toContain('[apim.cache.resource]');
  });

  it('appends [[array]] tables as new elements after the designer’s', () => {
    const t = withGateway({
      customToml: '[[event_handler]]\nname = "userPostSelfRegistration"\n[event_handler.properties]\nenable = false\n',
    });
    const { parsed } = file(t);
    expect(parsed.event_handler.at(-1)).toEqual({ name: 'userPostSelfRegistration', properties: { enable: false } });
    const cp = withGateway({});
    cp.nodes[0] = { ...cp.nodes[0]!, customToml: '[[apim.gateway.environment]]\nname = "Extra"\ntype = "hybrid"\n' } as never;
    const cpFile = file(cp, 'nodes/cp-1/repository/conf/deployment.toml');
    const environments = cpFile.parsed.apim.gateway.environment as { name: string }[];
    expect(environments.map((e) => e.name).at(-1)).toBe('Extra');
    expect(environments.length).toBeGreaterThan(1);
  });

  it('keeps the designer’s value of a key it writes too, and reports it, until the key is an override', () => {
    const customToml = '[server]\nenable_shutdown_from_api = true\nhostname = "custom.example.com"\noffset = 3\n';
    const conflicted = withGateway({ customToml });
    expect(file(conflicted).parsed.server.hostname).toBe('gw-1.example.com');
    const d = generateBundle(conflicted).diagnostics.find((x) => x.code === 'APIM070');
    expect(d?.message).toContain('server.hostname');
    expect(d?.action).toEqual({ kind: 'override-custom-toml', nodeId: 'gw-1', key: 'server.hostname' });
    const won = withGateway({ customToml, customTomlOverrides: ['server.hostname', 'server.offset'] });
    expect(file(won).parsed.server).toMatchObject({ hostname: 'custom.example.com', offset: 3, enable_shutdown_from_api: true });
    expect(codes(won)).not.toContain('APIM070');
  });

  it('a load balancer’s custom TOML reaches every member; a member’s own value wins', () => {
    const t = gatewayCluster(
      { customToml: '[apim.cache.gateway_token]\nenable = true\nexpiry_time = "900s"\n' },
      { customToml: '[apim.cache.gateway_token]\nexpiry_time = "60s"\n' },
    );
    expect(file(t).parsed.apim.cache.gateway_token).toEqual({ enable: true, expiry_time: '60s' });
    expect(file(t, 'nodes/gw-2/repository/conf/deployment.toml').parsed.apim.cache.gateway_token).toEqual({
      enable: true,
      expiry_time: '900s',
    });
    expect(codes(t)).not.toContain('APIM070');
  });

  it('reports a cluster’s conflict once, naming the members, with the fix on the load balancer', () => {
    const t = gatewayCluster({ customToml: '[server]\nhostname = "x.example.com"\n' });
    const found = generateBundle(t).diagnostics.filter((d) => d.code === 'APIM070');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('gw-1 and gw-2');
    expect(found[0]?.action).toEqual({ kind: 'override-custom-toml', nodeId: 'gw-lb', key: 'server.hostname' });
  });

  it('reports a parse error with its line and column, and leaves the file as the designer writes it', () => {
    const t = withGateway({ customToml: '[server]\nfoo = = 1\n' });
    const d = generateBundle(t).diagnostics.find((x) => x.code === 'APIM068');
    expect(d?.message).toMatch(/^gw-1's custom TOML does not parse at line 2, column 7: /);
    expect(d?.severity).toBe('error');
    expect(file(t).text).toBe(file(withGateway({})).text);
  });

  it('suggests the nearest real key for a misspelled one', () => {
    const t = withGateway({ customToml: '[apim.cache.gateway_token]\nenabel = true\n' });
    const d = generateBundle(t).diagnostics.find((x) => x.code === 'APIM069');
    expect(d?.message).toContain('apim.cache.gateway_token.enabel');
    expect(d?.fix).toContain('Did you mean apim.cache.gateway_token.enable?');
    expect(codes(t)).not.toContain('APIM035');
  });

  it('keeps [secrets] last, and the secure vault covers a custom password', () => {
    const t = withGateway({ customToml: '[transport.passthru_https.listener.keystore]\npassword = "s3cret"\n' });
    t.settings = { ...t.settings, secureVault: true };
    const { text, parsed } = file(t);
    expect(text.trimEnd().split('\n\n').at(-1)).toMatch(/^(#.*\n)*\[secrets\]/);
    expect(parsed.transport.passthru_https.listener.keystore.password).toMatch(/^\$secret\{.+\}$/);
    expect(Object.values(parsed.secrets)).toContain('[s3cret]');
  });

  it('a custom password in plain text is reported (APIM032), and one left out of a link too (APIM034)', () => {
    const plain = withGateway({ customToml: '[transport.https.keystore]\npassword = "s3cret"\n' });
    expect(generateBundle(plain).diagnostics.find((d) => d.code === 'APIM032')?.message).toContain(
      'transport.https.keystore.password in the custom TOML of gw-1',
    );
    const omitted = withGateway({ customToml: '[transport.https.keystore]\npassword = "<secret not in link>"\n' });
    expect(generateBundle(omitted).diagnostics.find((d) => d.code === 'APIM034')?.message).toContain('custom TOML of gw-1');
  });

  it('writes the same files for a topology without custom TOML (goldens cover them)', () => {
    const t = withGateway({});
    expect(file({ ...t, nodes: t.nodes.map((n) => ({ ...n, customToml: '' }) as never) }).text).toBe(file(t).text);
  });
});

describe('mergeCustomToml', () => {
  const designer: TomlDocument = {
    header: [],
    tables: [
      table('server', { hostname: 'a' }),
      table('apim.key_manager', { service_url: 'x' }),
      arrayTable('apim.gateway.environment', { name: 'Default' }),
      table('apim.gateway.environment.properties', { p: 1 }),
      arrayTable('event_listener', { id: 'l' }),
      table('secrets', { alias: '[x]' }),
    ],
  };
  const merge = (text: string, overrides: string[] = []) => {
    const parsed = parseCustomToml(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return mergeCustomToml(designer, [{ ownerId: 'n', tables: parsed.tables, overrides: new Set(overrides) }]);
  };
  const paths = (d: TomlDocument) => d.tables.map((t) => (t.array ? `[[${t.path.join('.')}]]` : t.path.join('.')));

  it.each([
    [
      '[apim.jwt]\nenable = true',
      [
        'server',
        'apim.key_manager',
        '[[apim.gateway.environment]]',
        'apim.gateway.environment.properties',
        'apim.jwt',
        '[[event_listener]]',
        'secrets',
      ],
    ],
    [
      '[transport.http]\nport = 1',
      [
        'server',
        'apim.key_manager',
        '[[apim.gateway.environment]]',
        'apim.gateway.environment.properties',
        '[[event_listener]]',
        'transport.http',
        'secrets',
      ],
    ],
    [
      '[[apim.gateway.environment]]\nname = "B"',
      [
        'server',
        'apim.key_manager',
        '[[apim.gateway.environment]]',
        'apim.gateway.environment.properties',
        '[[apim.gateway.environment]]',
        '[[event_listener]]',
        'secrets',
      ],
    ],
  ])('places %j', (text, expected) => {
    const { document } = merge(text);
    expect(paths(document)).toEqual(expected);
    expect(checkRoundTrip(writeToml(document), document)).toEqual({ ok: true });
  });

  it('does not change the designer’s tables, which files share', () => {
    const before = JSON.stringify(designer);
    merge('[server]\nextra = 1\nhostname = "b"', ['server.hostname']);
    expect(JSON.stringify(designer)).toBe(before);
  });

  it('refuses a table where the designer writes a value, and a plain table over an array of tables', () => {
    expect(merge('[server.hostname]\nx = 1').conflicts).toEqual([{ ownerId: 'n', key: 'server.hostname', overridden: false, shape: true }]);
    expect(merge('[apim.gateway.environment]\nx = 1').conflicts[0]?.shape).toBe(true);
  });

  it('carries floats and refuses dates and keys outside a table', () => {
    expect(parseCustomToml('[a]\nratio = 0.75').ok).toBe(true);
    expect(parseCustomToml('[a]\nat = 1979-05-27T07:32:00Z')).toMatchObject({ ok: false });
    expect(parseCustomToml('top = 1')).toMatchObject({ ok: false, message: expect.stringContaining('outside any table') });
    const parsed = parseCustomToml('[a]\nratio = 0.75');
    if (!parsed.ok) throw new Error('parse');
    const { document } = mergeCustomToml(designer, [{ ownerId: 'n', tables: parsed.tables, overrides: new Set() }]);
    expect(writeToml(document)).toContain('ratio = 0.75');
  });
});

describe('for any topology and any custom TOML', () => {
  const segment = fc.constantFrom(
    'server',
    'apim',
    'gateway',
    'environment',
    'key_manager',
    'hostname',
    'password',
    'event_listener',
    'secrets',
    'x y',
    "it's",
    '__proto__',
  );
  const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 70000 }), fc.boolean(), fc.constant(0.5));
  /** Keys at paths from a pool that meets the designer's tables, some as [[arrays]]. */
  const customText = fc
    .array(fc.tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), segment, scalar, fc.boolean()), { maxLength: 8 })
    .map((entries) => {
      // Null-prototype tables all the way down, the elements of [[arrays]] among them: with a plain `{}`
      // element, a later path through it and `__proto__` reached Object.prototype and wrote a key onto it.
      const table = () => Object.create(null) as Record<string, unknown>;
      const root = table();
      for (const [path, key, value, array] of entries) {
        let cursor = root;
        let ok = true;
        for (const s of path) {
          const next = cursor[s] ?? (cursor[s] = table());
          if (typeof next !== 'object' || next === null) {
            ok = false;
            break;
          }
          cursor = (Array.isArray(next) ? next.at(-1) : next) as Record<string, unknown>;
        }
        if (ok && !(key in cursor)) cursor[key] = array ? [Object.assign(table(), { [key]: value })] : value;
      }
      return stringifyToml(root as never);
    });

  it('every file parses and equals its document (no GEN001), with the cluster’s, the node’s, overrides and the vault', () => {
    fc.assert(
      fc.property(arbitraryTopology, fc.array(customText, { minLength: 1, maxLength: 4 }), fc.boolean(), (t, texts, vault) => {
        const owners: unknown[] = t.nodes.filter((n) => n.kind !== 'database' && n.kind !== 'redis' && n.kind !== 'identity-server');
        const nodes = t.nodes.map((n) => {
          const i = owners.indexOf(n);
          const text = i < 0 ? undefined : texts[i % texts.length];
          return text === undefined
            ? n
            : ({ ...n, customToml: text, customTomlOverrides: ['server.hostname', 'apim.key_manager.service_url'] } as never);
        });
        const bundle = generateBundle({ ...t, nodes, settings: { ...t.settings, secureVault: vault || undefined } });
        expect(bundle.diagnostics.filter((d) => d.code === 'GEN001')).toEqual([]);
        for (const f of bundle.files.filter((x) => x.kind === 'deployment.toml')) expect(() => parseToml(f.content)).not.toThrow();
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
