import { describe, expect, it } from 'vitest';
import { encryptionKeyProblem } from '../../src/validate/index.ts';
import { CASES, ruleCases } from './cases.ts';

describe('versions rules', () => ruleCases(CASES.versions));

describe('encryptionKeyProblem: what carbon-kernel SymmetricKeyInternalCryptoProvider can turn into an AES key', () => {
  it.each([
    ['64 hex digits (openssl rand -hex 32)', '0123456789abcdefABCDEF'.padEnd(64, '0'), undefined],
    ['48 hex digits (AES-192)', 'ab'.repeat(24), undefined],
    ['32 characters, taken as 32 bytes', '00112233445566778899aabbccddeeff', undefined],
    ['16 characters', 'sixteen-chars-ok', undefined],
    ['an environment variable', '$env{WSO2_ENCRYPTION_KEY}', undefined],
    ['a secure vault alias', '$secret{encryption_key}', undefined],
    ['the placeholder of a link without secrets', '<secret not in link>', undefined],
    ['64 characters with a non-hex digit', `${'a'.repeat(63)}z`, 'not all are hex digits'],
    ['48 characters with a space', `${'a'.repeat(47)} `, 'not all are hex digits'],
    ['20 bytes', 'k'.repeat(20), 'is 20 bytes long'],
    ['16 characters of which one is two bytes', `${'k'.repeat(15)}é`, 'is 17 bytes long'],
  ])('%s', (_what, key, problem) => {
    const found = encryptionKeyProblem(key);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});
