/**
 * The read-back check: `checkRoundTrip(text, document)` parses the text with @iarna/toml and walks the
 * document's tables into the result. It must accept exactly what equals `toPlain(document)`, the
 * plain statement of what a parser must read.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import parseToml from '@iarna/toml/parse-string.js';
import type { TomlDocument, TomlTable, TomlValue } from '../../src/generate/index.ts';
import { arrayTable, checkRoundTrip, table, toPlain, writeToml } from '../../src/generate/index.ts';

const doc = (...tables: TomlTable[]): TomlDocument => ({ header: [], tables });

describe('checkRoundTrip', () => {
  it.each<[string, string, TomlDocument]>([
    ['one table', '[server]\na = "x"\n', doc(table('server', { a: 'x' }))],
    [
      'implicit parents',
      '[apim.cors]\nk = 1\n[apim.key_manager]\nk = 2\n',
      doc(table('apim.cors', { k: 1 }), table('apim.key_manager', { k: 2 })),
    ],
    ['an empty table', '[apim.analytics]\n', doc(table('apim.analytics', {}))],
    ['arrays of tables', '[[a]]\nx = 1\n[[a]]\nx = 2\n', doc(arrayTable('a', { x: 1 }), arrayTable('a', { x: 2 }))],
    [
      'a sub-table of the element opened last',
      '[[a]]\nx = 1\n[a.b]\ny = 2\n[[a]]\nx = 3\n',
      doc(arrayTable('a', { x: 1 }), table('a.b', { y: 2 }), arrayTable('a', { x: 3 })),
    ],
    ['nested arrays', '[t]\nv = [["a"], ["b", "c"]]\n', doc(table('t', { v: [['a'], ['b', 'c']] }))],
    ['no tables', '# only a comment\n', doc()],
  ])('accepts %s', (_, text, document) => {
    expect(checkRoundTrip(text, document)).toEqual({ ok: true });
  });

  it.each<[string, string, TomlDocument, string]>([
    [
      'a key the document did not write',
      '[server]\na = "x"\nb = 1\n',
      doc(table('server', { a: 'x' })),
      'server: a key the document did not write',
    ],
    [
      'a table the document did not write',
      '[server]\na = "x"\n[extra]\n',
      doc(table('server', { a: 'x' })),
      'the top: a key the document did not write',
    ],
    ['a sibling table', '[apim.cors]\nk = 1\n[apim.other]\n', doc(table('apim.cors', { k: 1 })), 'apim: a key the document did not write'],
    ['another value', '[server]\na = "y"\n', doc(table('server', { a: 'x' })), 'server.a'],
    ['another type', '[server]\na = 1\n', doc(table('server', { a: '1' })), 'server.a'],
    ['a missing key', '[server]\n', doc(table('server', { a: 'x' })), 'server.a'],
    ['a missing table', '', doc(table('server', { a: 'x' })), 'server'],
    ['a shorter list', '[t]\nv = [1, 2]\n', doc(table('t', { v: [1, 2, 3] })), 't.v'],
    ['a list inside a list', '[t]\nv = [["a"], ["b"]]\n', doc(table('t', { v: [['a'], ['c']] })), 't.v'],
    [
      'one more array element',
      '[[a]]\nx = 1\n[[a]]\nx = 1\n',
      doc(arrayTable('a', { x: 1 })),
      '2 tables in an array where the document has 1',
    ],
    ['a table for an array of tables', '[a]\nx = 1\n', doc(arrayTable('a', { x: 1 })), 'a'],
    ['an array of tables for a table', '[[a]]\nx = 1\n', doc(table('a', { x: 1 })), 'a'],
    ['a value for a table', 'a = 1\n', doc(table('a', {})), 'a'],
    [
      'a sub-table inside an element',
      '[[a]]\nx = 1\n[a.c]\nz = 1\n',
      doc(arrayTable('a', { x: 1 })),
      'a: a key the document did not write',
    ],
    [
      'a sub-table in the other element',
      '[[a]]\nx = 1\n[[a]]\nx = 3\n[a.b]\ny = 2\n',
      doc(arrayTable('a', { x: 1 }), table('a.b', { y: 2 }), arrayTable('a', { x: 3 })),
      'a.b',
    ],
  ])('catches %s', (_, text, document, where) => {
    expect(checkRoundTrip(text, document)).toEqual({ ok: false, reason: `reads back differently at ${where}` });
  });

  it('refuses a table with no name', () => {
    expect(checkRoundTrip('x = 1\n', doc({ path: [], entries: [{ key: 'x', value: 1 }] }))).toEqual({
      ok: false,
      reason: 'reads back differently at a table with no name',
    });
  });

  it('reports text that does not parse', () => {
    const check = checkRoundTrip('[server\n', doc(table('server', {})));
    expect(check.ok).toBe(false);
    expect(check.ok === false && check.reason).toMatch(/^does not parse: /);
  });

  // Documents from a small space, so two of them are often equal: the check must agree with a plain
  // deep comparison of the parse and toPlain, both ways.
  const small = (): fc.Arbitrary<TomlDocument> => {
    const values = fc.constantFrom<TomlValue>(1, 'a', true, [1], ['a', 'b'], [[1], [2]]);
    const entries = fc.dictionary(fc.constantFrom('k', 'v'), values, { maxKeys: 2 });
    const path = fc.constantFrom('a', 'b', 'a.b', 'a.c');
    const oneTable = fc
      .record({ path, entries, array: fc.boolean() })
      .map(({ path: p, entries: e, array }) => table(p, e, undefined, { array }));
    return fc.array(oneTable, { maxLength: 4 }).map((tables) => doc(...tables));
  };
  const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
  /** The parse of the document's text, or undefined when it is not valid TOML (a table defined twice, say). */
  const parsedText = (document: TomlDocument): unknown => {
    try {
      return parseToml(writeToml(document));
    } catch {
      return undefined;
    }
  };

  it('agrees with a deep comparison of the parse and toPlain', () => {
    let compared = 0;
    fc.assert(
      fc.property(small(), small(), (written, expected) => {
        const parsed = parsedText(written);
        if (parsed === undefined || parsedText(expected) === undefined) return; // nothing to compare
        compared++;
        const text = writeToml(written);
        const equal = isDeepStrictEqual(plain(parsed), plain(toPlain(expected)));
        expect(checkRoundTrip(text, expected).ok).toBe(equal);
        if (equal) expect(checkRoundTrip(text, written).ok).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(500);
  });

  it('accepts every valid document as written', () => {
    fc.assert(
      fc.property(small(), (document) => {
        const parsed = parsedText(document);
        if (parsed === undefined) return;
        expect(isDeepStrictEqual(plain(parsed), plain(toPlain(document)))).toBe(true);
        expect(checkRoundTrip(writeToml(document), document)).toEqual({ ok: true });
      }),
      { numRuns: 2000 },
    );
  });
});
