/** The values writer: whatever a value holds, the real YAML parser reads back the same tree, with no type changed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { HelmValue, HelmValues } from '../../../src/generate/helm/values.ts';
import { writeYaml } from '../../../src/generate/helm/yaml.ts';

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    'yes',
    'no',
    'on',
    'null',
    '~',
    '1e3',
    '0x10',
    '- a',
    'a: b',
    '# c',
    '"',
    "'",
    '\n',
    '\u2028',
    '\u0085',
    '\ufeff',
    '',
    ' x ',
  ),
);
const key = fc.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/), hostile);

const value: fc.Arbitrary<HelmValue> = fc.letrec<{ value: HelmValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostile,
    fc.integer(),
    fc.boolean(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('writeYaml', () => {
  it('writes what the YAML parser reads back as the same tree, for any keys and strings', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (tree: HelmValues) => {
        expect(parse(writeYaml(tree, ['a header', 'line\nbreak']))).toEqual(Object.keys(tree).length ? tree : null);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a header comment on comment lines, and quotes strings and keys (`n`) YAML 1.1 reads as other types', () => {
    const text = writeYaml({ a: { b: ['yes', 1, true] }, list: [{ name: 'x', n: 2 }], empty: [], none: {} }, ['one', '', 'two\nthree']);
    expect(text).toBe(
      [
        '# one',
        '#',
        '# two three',
        'a:',
        '  b:',
        '    - "yes"',
        '    - 1',
        '    - true',
        'list:',
        '  - name: "x"',
        '    "n": 2',
        'empty: []',
        'none: {}',
        '',
      ].join('\n'),
    );
  });
});
