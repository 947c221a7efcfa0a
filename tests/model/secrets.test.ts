/** The one list of a topology's secrets, and what counts as private. */
import { describe, expect, it } from 'vitest';
import { SECRET_PLACEHOLDER, isPrivate, isReference, placeholders, secretFields } from '../../src/model/index.ts';
import { loadExample } from '../factories.ts';

describe('isReference', () => {
  it.each([
    ['$env{WSO2_ADMIN_PASSWORD}', true],
    ['$secret{admin_password}', true],
    ['$ref{super_admin.password}', true],
    ['${admin.password}', true],
    ['$sys{pw}', true],
    ['admin', false],
    ['$env{A} and more', false],
    ['pa$$word', false],
  ])('%s → %s', (value, expected) => expect(isReference(value)).toBe(expected));
});

describe('secretFields', () => {
  const t = loadExample('seed-sample'); // database password "root"

  it('lists the settings secrets and every database password, with their public defaults', () => {
    const fields = secretFields(t);
    expect(fields.map((f) => f.what)).toEqual([
      'super admin password',
      'TLS keystore password',
      'TLS key password',
      'truststore password',
      'analytics auth token',
      'internal encryption key',
      'password of database db',
    ]);
    expect(fields.filter(isPrivate).map((f) => f.what)).toEqual(['password of database db']);
  });

  it('set writes where the field lives, and placeholders finds it again', () => {
    let next = t;
    for (const field of secretFields(t)) next = field.set(next, SECRET_PLACEHOLDER);
    expect(placeholders(next).map((f) => f.what)).toEqual(secretFields(t).map((f) => f.what));
    expect(placeholders(t)).toEqual([]);
  });
});
