/**
 * Share links: the round trip for random topologies (apart from secrets), secrets left out by default,
 * and 10,000 damaged, truncated and oversized links that must each give a typed error or a valid
 * topology, never an exception.
 */
import { isDeepStrictEqual } from 'node:util';
import { deflateSync, strToU8 } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.ts';
import type { ReadErrorKind } from '../../src/share/index.ts';
import { credentialProblem, placeholders, serializeTopology } from '../../src/model/index.ts';
import {
  LINK_PREFIX,
  SECRET_PLACEHOLDER,
  decodeLink,
  encodeLink,
  encodePayload,
  hasPrivateSecrets,
  isLink,
  withoutSecrets,
} from '../../src/share/index.ts';
import { arbitraryTopology, hostileText, loadExample } from '../factories.ts';
import type { Mutation } from './mutate.ts';
import { MUTATIONS, expectTypedResult, mutate } from './mutate.ts';

const BASE = 'https://designer.example/';

/** A random topology with secrets, settings and positions that are not the defaults. */
const arbitraryRich = fc
  .record({
    t: arbitraryTopology,
    // Any text a password may be (credentialProblem): no spaces at its ends, no tab or line break.
    admin: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => credentialProblem(s) === undefined),
    db: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => credentialProblem(s) === undefined),
    x: fc.integer({ min: -5000, max: 5000 }),
    cors: fc.boolean(),
    vault: fc.boolean(),
    env: hostileText,
  })
  .map(({ t, admin, db, x, cors, vault, env }): Topology => ({
    ...t,
    settings: {
      ...t.settings,
      superAdmin: { ...t.settings.superAdmin, password: admin },
      cors: { ...t.settings.cors, enabled: cors },
      secureVault: vault || undefined,
      gatewayEnvironments: env.trim()
        ? [{ name: env.slice(0, 100), type: 'hybrid', description: '', displayInApiConsole: true, showAsTokenEndpointUrl: false }]
        : undefined,
    },
    nodes: t.nodes.map((n, i) => ({ ...n, x: x + i * 20, y: i * 37, ...(n.kind === 'database' ? { password: db } : {}) })),
  }));

describe('round trip', () => {
  it('decode(encode(t)) equals t, apart from secrets, for random topologies', () => {
    fc.assert(
      fc.property(arbitraryRich, (t) => {
        const back = decodeLink(encodeLink(t, BASE));
        expect(back.ok).toBe(true);
        if (!back.ok) return;
        expect(JSON.parse(serializeTopology(back.topology))).toEqual(JSON.parse(serializeTopology(withoutSecrets(t))));
      }),
      { numRuns: 150 },
    );
  });

  it('with "include secrets" the round trip is exact', () => {
    fc.assert(
      fc.property(arbitraryRich, (t) => {
        const back = decodeLink(encodeLink(t, BASE, { includeSecrets: true }));
        expect(back.ok && isDeepStrictEqual(JSON.parse(serializeTopology(back.topology)), JSON.parse(serializeTopology(t)))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it.each(['seed-sample', 'single-cp-gw', 'ha-cp-gw', 'separate-tm-ha'] as const)('the example %s', (name) => {
    const t = loadExample(name);
    const back = decodeLink(encodeLink(t, BASE, { includeSecrets: true }));
    expect(back.ok && serializeTopology(back.topology)).toBe(serializeTopology(t));
  });
});

describe('secrets', () => {
  const t = loadExample('seed-sample'); // its database password is "root"
  const secret = { ...t, settings: { ...t.settings, superAdmin: { ...t.settings.superAdmin, password: 'Hunter2-admin' } } };

  it('are not in the link by default, and the decoded topology says so', () => {
    const link = encodeLink(secret, BASE);
    const back = decodeLink(link);
    expect(back.ok && back.secretsOmitted).toBe(true);
    if (!back.ok) return;
    expect(back.topology.settings.superAdmin.password).toBe(SECRET_PLACEHOLDER);
    expect(back.topology.nodes.find((n) => n.id === 'db')).toMatchObject({ password: SECRET_PLACEHOLDER });
    // The compressed payload cannot be grepped: check the JSON that went into it.
    const json = JSON.stringify(withoutSecrets(secret));
    expect(json).not.toContain('Hunter2-admin');
    expect(json).not.toContain('"password":"root"');
  });

  it('WSO2 defaults and $env references are not secrets and travel as they are', () => {
    const back = decodeLink(encodeLink(loadExample('ha-cp-gw'), BASE));
    expect(back.ok && back.secretsOmitted).toBe(false);
  });

  it('in custom TOML are left out too; the rest of it travels, and the file opened from the link says which', () => {
    const customToml = '[transport.https.keystore]\npassword = "Hunter2-custom"\n# tuned\nfile_name = "x.jks"\ntoken = "$env{TOKEN}"\n';
    const withCustom = { ...t, nodes: t.nodes.map((n) => (n.kind === 'gateway' ? { ...n, customToml } : n)) };
    expect(hasPrivateSecrets(withCustom)).toBe(true);
    const back = decodeLink(encodeLink(withCustom, BASE));
    expect(back.ok && back.secretsOmitted).toBe(true);
    if (!back.ok) return;
    const gateway = back.topology.nodes.find((n) => n.kind === 'gateway') as { id: string; customToml?: string };
    expect(gateway.customToml).toBe(customToml.replace('"Hunter2-custom"', `"${SECRET_PLACEHOLDER}"`));
    expect(JSON.stringify(withoutSecrets(withCustom))).not.toContain('Hunter2-custom');
    expect(placeholders(back.topology).map((f) => f.what)).toContain(
      `transport.https.keystore.password in the custom TOML of ${gateway.id}`,
    );
    const included = decodeLink(encodeLink(withCustom, BASE, { includeSecrets: true }));
    expect(included.ok && (included.topology.nodes.find((n) => n.kind === 'gateway') as { customToml?: string }).customToml).toBe(
      customToml,
    );
  });

  it('travel when the sender includes them', () => {
    const back = decodeLink(encodeLink(secret, BASE, { includeSecrets: true }));
    expect(back.ok && back.topology.settings.superAdmin.password).toBe('Hunter2-admin');
  });
});

describe('what is a link', () => {
  it.each([
    [`${BASE}#${LINK_PREFIX}abc`, true],
    [`#${LINK_PREFIX}abc`, true],
    [`${LINK_PREFIX}abc`, false],
    ['v1.json', false],
    ['topology.json', false],
    ['{"format": "apim-topology/1"}', false],
  ])('%s → %s', (text, expected) => expect(isLink(text)).toBe(expected));
});

describe('damaged links give a typed error that says what is wrong', () => {
  const good = encodePayload(loadExample('ha-cp-gw'));
  it.each<[string, string, RegExp, ReadErrorKind]>([
    ['no payload', `${BASE}#`, /not a topology link/, 'not-a-topology'],
    ['a newer link version', `${BASE}#v9.${good}`, /newer designer/, 'newer-format'],
    ['characters a link never has', `${BASE}#${LINK_PREFIX}${good.slice(0, 40)}%%%`, /damaged.*characters/, 'damaged'],
    ['cut short', `${BASE}#${LINK_PREFIX}${good.slice(0, good.length - 30)}`, /damaged/, 'damaged'],
    ['not deflate', `${BASE}#${LINK_PREFIX}AAAAAAAAAAAAAAAAAAAAAAAA`, /damaged/, 'damaged'],
    ['oversized', `${BASE}#${LINK_PREFIX}${'A'.repeat(500_000)}`, /at most/, 'too-large'],
  ])('%s', (_name, link, message, kind) => {
    const result = decodeLink(link);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ kind, message: expect.stringMatching(message) });
  });

  it('a decompression bomb is refused before it is unpacked', () => {
    const bomb = deflateSync(strToU8(`{"format":"apim-topology/1","name":"${'x'.repeat(20_000_000)}"}`), { level: 9 });
    let binary = '';
    for (const byte of bomb) binary += String.fromCharCode(byte);
    const payload = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(payload.length).toBeLessThan(400_000);
    const result = decodeLink(`#${LINK_PREFIX}${payload}`);
    expect(!result.ok && result.errors[0]!.message).toMatch(/larger than .* when unpacked: refused/);
    expect(!result.ok && result.errors[0]!.kind).toBe('too-large');
  });

  it('a valid link of an invalid topology names the field', () => {
    const json = JSON.stringify({ format: 'apim-topology/1', product: '4.0.0', nodes: [{ kind: 'gateway', id: 'gw-1', offset: 70000 }] });
    let binary = '';
    for (const byte of deflateSync(strToU8(json))) binary += String.fromCharCode(byte);
    const result = decodeLink(`#${LINK_PREFIX}${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`);
    expect(!result.ok && result.errors.map((e) => `${e.path}: ${e.message}`)).toContain('nodes[0].offset: 70000 is out of range 0–1000');
  });
});

describe('fuzzing: 10,000 mutated, truncated and oversized links', () => {
  const seeds = (['seed-sample', 'ha-cp-gw', 'separate-tm-ha'] as const).map((name) =>
    encodePayload(loadExample(name), { includeSecrets: true }),
  );
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_%#.=+/ ';
  const mutation = fc.record({
    seed: fc.integer({ min: 0, max: seeds.length - 1 }),
    kind: fc.constantFrom<Mutation | 'prefix'>(...MUTATIONS, 'prefix'),
    at: fc.nat(),
    count: fc.integer({ min: 1, max: 8 }),
    char: fc.constantFrom(...ALPHABET),
  });

  it('each gives a typed error or a valid topology, never an exception', () => {
    let valid = 0;
    fc.assert(
      fc.property(mutation, ({ seed, kind, at, count, char }) => {
        const payload = seeds[seed]!;
        const mutated = kind === 'prefix' ? `v${count}.${payload}` : mutate(payload, kind, at, char, count);
        const result = decodeLink(`${BASE}#${kind === 'prefix' ? mutated : LINK_PREFIX + mutated}`);
        if (result.ok) valid++;
        expectTypedResult(result);
      }),
      { numRuns: 10_000 },
    );
    expect(valid).toBeLessThan(10_000);
  });
});
