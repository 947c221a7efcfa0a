import parseToml from '@iarna/toml/parse-string.js';
import { describe, expect, it } from 'vitest';
import { customTomlSecrets, withCustomTomlSecret } from '../../src/model/index.ts';

const TEXT = `# password = "not this: a comment"
[transport.https.keystore]
password = "s3cret"
note = "password = \\"not this: inside a string\\""
'key_password' = 'lit'
token_url = "$env{TOKEN}"

[apim.key_manager]
configuration = { client_secret = "cs", name = "km" }

[secrets]
my_alias = "[plain]"
`;

describe('customTomlSecrets', () => {
  it('finds the string values of password-, secret- and token-like keys, and of [secrets]', () => {
    expect(customTomlSecrets(TEXT).map((s) => [s.key, s.value])).toEqual([
      ['transport.https.keystore.password', 's3cret'],
      ['transport.https.keystore.key_password', 'lit'],
      ['transport.https.keystore.token_url', '$env{TOKEN}'],
      ['apim.key_manager.client_secret', 'cs'],
      ['secrets.my_alias', '[plain]'],
    ]);
  });

  it('replaces one by its place, and the text still parses to the same tables', () => {
    let text = TEXT;
    for (let i = 0; i < customTomlSecrets(TEXT).length; i++) text = withCustomTomlSecret(text, i, '<secret not in link>');
    const parsed = parseToml(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed TOML
    expect(parsed.transport.https.keystore).toEqual({
      password: '<secret not in link>',
      note: 'password = "not this: inside a string"',
      key_password: '<secret not in link>',
      token_url: '<secret not in link>',
    });
    expect(parsed.apim.key_manager.configuration).toEqual({ client_secret: '<secret not in link>', name: 'km' });
    expect(text).toContain('# password = "not this: a comment"');
  });

  it('reads multi-line strings whole', () => {
    const text = '[a]\npassword = """\nx"y\n"""\nother = 1\n';
    expect(customTomlSecrets(text)).toHaveLength(1);
    expect(parseToml(withCustomTomlSecret(text, 0, 'p'))).toEqual({ a: { password: 'p', other: 1 } });
  });
});
