/**
 * The secure vault setting: every password becomes $secret{alias}, the [secrets] table comes last with
 * the plain text in brackets for ciphertool.sh, the runbook says how to encrypt, and the plain-text
 * warning goes.
 */
import parseToml from '@iarna/toml/parse-string.js';
import { describe, expect, it } from 'vitest';
import { generateBundle } from '../../src/generate/index.ts';
import { validate } from '../../src/validate/index.ts';
import type { Topology } from '../../src/model/index.ts';
import { loadExample } from '../factories.ts';

function vaulted(t: Topology): Topology {
  return { ...t, settings: { ...t.settings, secureVault: true, superAdmin: { ...t.settings.superAdmin, password: 'Str0ng-admin' } } };
}

const PASSWORD_KEYS = new Set(['password', 'key_password', 'auth_token']);

/** Every string value under a password-like key, with its path. */
function passwords(value: unknown, path = ''): [string, string][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const here = path ? `${path}.${k}` : k;
    if (typeof v === 'string' && PASSWORD_KEYS.has(k)) return [[here, v] as [string, string]];
    return Array.isArray(v) ? v.flatMap((item, i) => passwords(item, `${here}[${i}]`)) : passwords(v, here);
  });
}

describe.each(['seed-sample', 'ha-cp-gw', 'separate-tm-ha'] as const)('secure vault on %s', (example) => {
  const bundle = generateBundle(vaulted(loadExample(example)));
  const tomls = bundle.files.filter((f) => f.kind === 'deployment.toml');

  it.each(tomls.map((f) => [f.path, f.content]))(
    '%s: no password in plain text outside [secrets], and [secrets] is last',
    (_path, content) => {
      const parsed = parseToml(content) as Record<string, unknown> & { secrets: Record<string, string> };
      for (const [where, value] of passwords(parsed)) {
        if (where.startsWith('secrets.')) continue;
        expect(value, where).toMatch(/^\$(secret|ref)\{[a-z_.]+\}$|^\$\{admin\.password\}$/);
        const alias = /^\$secret\{(.+)\}$/.exec(value)?.[1];
        if (alias) expect(parsed.secrets[alias], `${where} → [secrets] ${alias}`).toMatch(/^\[.+\]$/);
      }
      expect(parsed.secrets.admin_password).toBe('[Str0ng-admin]');
      const headers = content.split('\n').filter((line) => line.startsWith('['));
      expect(headers.at(-1)).toBe('[secrets]');
    },
  );

  it('the runbook explains ciphertool.sh -Dconfigure for every node', () => {
    const readme = bundle.files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain('### Secure vault');
    expect(readme.match(/sh ciphertool\.sh -Dconfigure/g)?.length).toBe(tomls.length);
  });

  it('the plain-text warning (APIM032) goes; the default-password warnings stay', () => {
    const codes = (t: Topology) => validate(t).map((d) => d.code);
    const plain = vaulted(loadExample(example));
    expect(codes({ ...plain, settings: { ...plain.settings, secureVault: false } })).toContain('APIM032');
    expect(codes(plain)).not.toContain('APIM032');
  });
});

it('the setting off changes nothing: no [secrets], no $secret', () => {
  const bundle = generateBundle(loadExample('ha-cp-gw'));
  for (const file of bundle.files) expect(file.content).not.toMatch(/\[secrets\]|\$secret\{/);
});

it('a custom key named after what every object inherits (constructor, toString) is no secret: it stays as written', () => {
  const t = vaulted(loadExample('seed-sample'));
  const cp = t.nodes.find((n) => n.kind === 'control-plane')!;
  const nodes = t.nodes.map((n) => (n === cp ? { ...n, customToml: '[super_admin]\nconstructor = "c"\ntoString = "s"\n' } : n));
  const file = generateBundle({ ...t, nodes }).files.find((f) => f.path === `nodes/${cp.id}/repository/conf/deployment.toml`)!;
  const parsed = parseToml(file.content) as { super_admin: Record<string, string>; secrets: Record<string, string> };
  expect(parsed.super_admin).toMatchObject({ constructor: 'c', toString: 's', password: '$secret{admin_password}' });
  expect(Object.keys(parsed.secrets)).toEqual(expect.arrayContaining(['admin_password']));
  expect(Object.values(parsed.secrets)).not.toContain('[c]');
  expect(Object.values(parsed.secrets)).not.toContain('[s]');
});
