/**
 * The 4.7 internal encryption key (`[encryption] internal_crypto_provider` + `key`, as helm-apim 4.7.x writes it on
 * every component): mandatory and the same on every node (api-manager#4891; docs-apim PR #10936), a topology secret
 * like the passwords (links and a "keep passwords out" autosave leave it out), written as given.
 */
import parseToml from '@iarna/toml/parse-string.js';
import { describe, expect, it } from 'vitest';
import type { ProductVersion, Topology } from '../../src/model/index.ts';
import { PRODUCT_VERSIONS, SECRET_PLACEHOLDER, serializeTopology, versionFacts } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { decodeLink, encodeLink } from '../../src/share/index.ts';
import { validate } from '../../src/validate/index.ts';
import { loadExample } from '../factories.ts';

/** A key as `openssl rand -hex 32` makes one. */
const KEY = '9f2c4b1e7a6d3c8b5e0f1a2d4c6b8e0a1c3e5f7092b4d6f8a0c2e4f6a8b0d2e4';

function withKey(product: ProductVersion, encryptionKey?: string, secureVault?: boolean): Topology {
  const t = loadExample('separate-tm-ha');
  return { ...t, product, settings: { ...t.settings, encryptionKey, secureVault } };
}

/** node id → its [encryption] table (undefined when the file has none), and the bundle. */
function encryption(t: Topology) {
  const bundle = generateBundle(t);
  const tables = new Map<string, Record<string, unknown> | undefined>();
  for (const file of bundle.files) {
    if (file.kind !== 'deployment.toml') continue;
    const toml = parseToml(file.content) as { encryption?: Record<string, unknown> };
    tables.set(file.nodeId!, toml.encryption);
  }
  return { tables, bundle };
}

describe('the internal encryption key', () => {
  it('is the same key, with the symmetric provider, in every file of a 4.7 topology', () => {
    const { tables, bundle } = encryption(withKey('4.7.0', KEY));
    expect([...tables.keys()].sort()).toEqual(['cp-1', 'cp-2', 'gw-1', 'gw-2', 'tm-1', 'tm-2']);
    for (const [id, table] of tables) {
      expect(table, id).toEqual({
        internal_crypto_provider: 'org.wso2.carbon.crypto.provider.SymmetricKeyInternalCryptoProvider',
        key: KEY,
      });
    }
    expect(bundle.diagnostics.map((d) => d.code)).not.toContain('APIM042');
  });

  it.each(['$env{WSO2_ENCRYPTION_KEY}', '$secret{encryption_key}'])('is written as given: %s', (reference) => {
    for (const table of encryption(withKey('4.7.0', reference)).tables.values()) expect(table?.key).toBe(reference);
  });

  it('becomes $secret{encryption_key} with the secure vault on, the key itself in [secrets] (helm-apim 4.7.x)', () => {
    for (const file of generateBundle(withKey('4.7.0', KEY, true)).files.filter((f) => f.kind === 'deployment.toml')) {
      const toml = parseToml(file.content) as { encryption: { key: string }; secrets: Record<string, string> };
      expect(toml.encryption.key, file.path).toBe('$secret{encryption_key}');
      expect(toml.secrets.encryption_key, file.path).toBe(`[${KEY}]`);
    }
  });

  it('is an error when a 4.7 topology has none (APIM042), and its files say so instead of a key', () => {
    const { tables, bundle } = encryption(withKey('4.7.0'));
    const errors = bundle.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    expect(errors).toEqual(['APIM042']);
    for (const table of tables.values())
      expect(table).toEqual({ internal_crypto_provider: 'org.wso2.carbon.crypto.provider.SymmetricKeyInternalCryptoProvider' });
    expect(bundle.files.find((f) => f.nodeId === 'gw-1')!.content).toContain('NO KEY IS SET (APIM042)');
  });

  it.each(PRODUCT_VERSIONS.filter((v) => !versionFacts(v).internalEncryptionKey))(
    'is not written on %s, which encrypts with the primary keystore; a key set there is APIM027',
    (product) => {
      expect([...encryption(withKey(product)).tables.values()].every((t) => t === undefined)).toBe(true);
      const set = encryption(withKey(product, KEY));
      expect([...set.tables.values()].every((t) => t === undefined)).toBe(true);
      expect(set.bundle.diagnostics.map((d) => d.code)).toContain('APIM027');
      expect(set.bundle.diagnostics.map((d) => d.code)).not.toContain('APIM042');
    },
  );

  it('is left out of a share link unless secrets are included, and then asked for (APIM034)', () => {
    const t = withKey('4.7.0', KEY);
    const link = encodeLink(t, 'https://designer.example/');
    const back = decodeLink(link);
    expect(back.ok && back.topology.settings.encryptionKey).toBe(SECRET_PLACEHOLDER);
    expect(back.ok && back.secretsOmitted).toBe(true);
    expect(back.ok && validate(back.topology).map((d) => d.code)).toContain('APIM034');
    const withSecrets = decodeLink(encodeLink(t, 'https://designer.example/', { includeSecrets: true }));
    expect(withSecrets.ok && serializeTopology(withSecrets.topology)).toBe(serializeTopology(t));
  });

  it('stays in a link when it is a reference, which holds no secret', () => {
    const back = decodeLink(encodeLink(withKey('4.7.0', '$env{WSO2_ENCRYPTION_KEY}'), 'https://designer.example/'));
    expect(back.ok && back.topology.settings.encryptionKey).toBe('$env{WSO2_ENCRYPTION_KEY}');
  });

  it('written in plain text is reported with the other secrets (APIM032)', () => {
    const plain = validate(withKey('4.7.0', KEY)).find((d) => d.code === 'APIM032');
    expect(plain?.message).toContain('internal encryption key');
    expect(validate(withKey('4.7.0', KEY, true)).map((d) => d.code)).not.toContain('APIM032');
  });

  it('has a runbook step: make it once with openssl rand -hex 32, the same key on every node', () => {
    const readme = (t: Topology) => generateBundle(t).files.find((f) => f.path === 'README.md')!.content;
    const text = readme(withKey('4.7.0', '$env{WSO2_ENCRYPTION_KEY}'));
    expect(text).toContain('### Internal encryption key');
    expect(text).toContain('openssl rand -hex 32');
    expect(text).toContain('Every node must have the same key');
    expect(text).toContain('environment variable `WSO2_ENCRYPTION_KEY`');
    expect(readme(withKey('4.7.0'))).toContain('No key is set yet (APIM042)');
    expect(readme(withKey('4.6.0', KEY))).not.toContain('### Internal encryption key');
  });
});
