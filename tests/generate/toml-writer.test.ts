import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import parseToml from '@iarna/toml/parse-string.js';
import type { TomlDocument } from '../../src/generate/index.ts';
import { arrayTable, checkRoundTrip, table, toPlain, writeToml } from '../../src/generate/index.ts';
import { basicString, comment, key, value } from '../../src/generate/toml/writer.ts';

describe('TOML writer', () => {
  it.each<[unknown, string]>([
    [9443, '9443'],
    [1000000, '1000000'],
    [true, 'true'],
    ['plain', '"plain"'],
    ['quote " and \\ backslash', '"quote \\" and \\\\ backslash"'],
    ['line\nbreak\r\t', '"line\\nbreak\\r\\t"'],
    ['\u0000\u007f', '"\\u0000\\u007f"'],
    [['a', 'b'], '["a", "b"]'],
    [[], '[]'],
  ])('writes %j as %s', (input, text) => {
    expect(value(input as never)).toBe(text);
  });

  it('writes a float (custom TOML) as TOML reads it back', () => {
    expect(value(0.75)).toBe('0.75');
    expect(value(1e-7)).toBe('1e-7');
  });

  it('refuses what TOML 0.5 or WSO2 cannot take', () => {
    expect(() => value(2 ** 53)).toThrow(/not a number the generator may emit/);
    expect(() => value(Infinity)).toThrow(/not a number the generator may emit/);
    expect(() => value(['a', 1] as never)).toThrow(/mix types/);
  });

  it.each([
    ['server', 'server'],
    ['header.X-WSO2-KEY-MANAGER', "'header.X-WSO2-KEY-MANAGER'"],
    ["it's", '"it\'s"'],
    ['new\nline', '"new\\nline"'],
  ])('quotes the key %j as %s', (name, text) => {
    expect(key(name)).toBe(text);
  });

  it('keeps comments on one line', () => {
    expect(comment('a\nb\r\n[server]')).toBe('# a b [server]');
    expect(comment('')).toBe('#');
  });

  it('writes array tables, sub-tables and comments in order', () => {
    const document: TomlDocument = {
      header: ['top'],
      tables: [
        table('server', { hostname: 'h', offset: 4 }, 'why'),
        arrayTable('event_listener', { id: 'token_revocation', order: 1 }),
        table('event_listener.properties', { 'header.X-WSO2-KEY-MANAGER': 'default' }),
      ],
    };
    expect(writeToml(document)).toBe(
      [
        '# top',
        '',
        '# why',
        '[server]',
        'hostname = "h"',
        'offset = 4',
        '',
        '[[event_listener]]',
        'id = "token_revocation"',
        'order = 1',
        '',
        '[event_listener.properties]',
        '\'header.X-WSO2-KEY-MANAGER\' = "default"',
        '',
      ].join('\n'),
    );
    expect(toPlain(document)).toEqual({
      server: { hostname: 'h', offset: 4 },
      event_listener: [{ id: 'token_revocation', order: 1, properties: { 'header.X-WSO2-KEY-MANAGER': 'default' } }],
    });
  });

  it('catches a document that does not read back as written', () => {
    const twice: TomlDocument = { header: [], tables: [table('server', { a: 'x' }), table('server', { b: 'y' })] };
    const check = checkRoundTrip(writeToml(twice), twice);
    expect(check.ok).toBe(false);
  });

  it('round-trips any string, in any key, value or comment', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary', minLength: 1 }).filter((name) => name !== 'hostname'),
        fc.string({ unit: 'binary' }),
        (text, name, note) => {
          const document: TomlDocument = {
            header: [note],
            tables: [table('server', { [name]: text, hostname: 'kept' }, note), table('apim.cors', { allow_origins: text }, [note, note])],
          };
          const written = writeToml(document);
          expect(checkRoundTrip(written, document)).toEqual({ ok: true });
          const parsed = parseToml(written) as { server: Record<string, unknown> };
          expect(parsed.server.hostname).toBe('kept');
          expect(Object.keys(parsed)).toEqual(['server', 'apim']);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('escapes every control character', () => {
    for (let code = 0; code < 0x20; code++) {
      const text = basicString(String.fromCharCode(code));
      // eslint-disable-next-line no-control-regex -- control characters are what it looks for
      expect(text).not.toMatch(/[\u0000-\u001f]/);
    }
  });
});
