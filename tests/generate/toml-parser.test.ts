/**
 * TOML naming members every JavaScript object or function inherits (`toString`, `constructor`, `hasOwnProperty`,
 * `call`…). @iarna/toml 2.2.5 looked a table it had not made yet up through the prototype chain and wrote the keys
 * below into what it found: `[hasOwnProperty]` + `call = 1` broke `Object.prototype.hasOwnProperty.call` for the
 * whole realm. parseTomlText puts back what a parse added to the built-ins and refuses such a key by name; every
 * reader of TOML in the designer goes through it.
 */
import parseString from '@iarna/toml/parse-string.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  InheritedNameError,
  TOML_MAX_DEPTH,
  TooDeepError,
  generateBundle,
  parseCustomToml,
  parseTomlText,
} from '../../src/generate/index.ts';
import { importFiles } from '../../src/import/index.ts';
import { node, topology } from '../factories.ts';

/** Every built-in a lookup through a plain object or a function reaches, with the keys it has. */
function builtIns(): Map<object, string[]> {
  const reachable = new Set<object>([Object, Function, Object.prototype, Function.prototype]);
  for (const owner of [Object.prototype, Function.prototype]) {
    for (const name of Object.getOwnPropertyNames(owner)) {
      const value = Object.getOwnPropertyDescriptor(owner, name)?.value as unknown;
      if (typeof value === 'function') reachable.add(value);
    }
  }
  return new Map([...reachable].map((o) => [o, Reflect.ownKeys(o).map(String).sort()]));
}

const before = builtIns();
afterEach(() => {
  for (const [object, keys] of builtIns()) expect(keys, `a key was left on ${String(object).slice(0, 40)}`).toEqual(before.get(object));
  expect(Object.prototype.hasOwnProperty.call({ a: 1 }, 'a')).toBe(true);
});

/** The names a plain object inherits, which the parser would descend into. */
const OBJECT_MEMBERS = Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== '__proto__');
/** Names only a function inherits or has, and `__proto__` (which the parser handles): plain keys. */
const OTHER_NAMES = [...Object.getOwnPropertyNames(Function.prototype), 'prototype', '__proto__'].filter(
  (name) => !OBJECT_MEMBERS.includes(name),
);

const key = (name: string) => (/^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name));
/** Each form of TOML that makes a table under `name`, with what it reads as (JSON of own keys). */
const forms = (name: string): [string, string][] => {
  const [k, n] = [key(name), JSON.stringify(name)];
  return [
    [`[${k}]\ncall = 1`, `{${n}:{"call":1}}`],
    [`${k}.x = 1`, `{${n}:{"x":1}}`],
    [`[a.${k}]\nb = 1`, `{"a":{${n}:{"b":1}}}`],
    [`[${k}.call]\napply = 1`, `{${n}:{"call":{"apply":1}}}`],
    [`a = { b = { ${k}.x = 2 } }`, `{"a":{"b":{${n}:{"x":2}}}}`],
    [`[${k}]`, `{${n}:{}}`],
  ];
};

describe('parseTomlText', () => {
  it.each(OBJECT_MEMBERS)('reads %s right or refuses it by name, and leaves the built-ins as they were', (name) => {
    for (const [text, json] of forms(name)) {
      let read: string | InheritedNameError;
      try {
        read = JSON.stringify(parseTomlText(text));
      } catch (error) {
        read = error as InheritedNameError;
      }
      if (typeof read === 'string') expect(read, text).toBe(json);
      else {
        expect(read, text).toBeInstanceOf(InheritedNameError);
        expect(read.key, text).toBe(name);
        expect(read.message).toContain(`"${name}" cannot be a key here`);
      }
    }
    // The table the parser took the built-in for is always refused.
    expect(() => parseTomlText(`[${key(name)}]\ncall = 1`)).toThrow(InheritedNameError);
    // A value of that name makes no table: it is read as any key.
    expect(JSON.stringify(parseTomlText(`${key(name)} = 1`))).toBe(`{${JSON.stringify(name)}:1}`);
  });

  it.each(OTHER_NAMES)('reads %s as a plain key in every form', (name) => {
    for (const [text, json] of forms(name)) expect(JSON.stringify(parseTomlText(text)), text).toBe(json);
  });

  it('finds an escaped name, and says on which line a plain one stands', () => {
    expect(() => parseTomlText('["to\\u0053tring"]\ncall = 1')).toThrow(/"toString" cannot be a key here/);
    try {
      parseTomlText('[server]\nhostname = "a"\n\n[hasOwnProperty]\ncall = 1');
    } catch (error) {
      expect((error as InheritedNameError).at).toEqual({ line: 4, column: 2 });
    }
  });

  it('refuses a table or array of tables given as a value under such a name: it would be written as its header', () => {
    for (const [text, at] of [
      ['[server]\nconstructor = { x = 1 }', { line: 2, column: 1 }],
      ['[server]\ntoString = [{ x = 1 }]', { line: 2, column: 1 }],
      ['[a]\nconstructor = "ok"\nnote = "set toString = 1"\n[b.constructor]\nx = 1', { line: 4, column: 4 }],
    ] as const) {
      let error: unknown;
      try {
        parseTomlText(text);
      } catch (thrown) {
        error = thrown;
      }
      expect(error, text).toBeInstanceOf(InheritedNameError);
      expect((error as InheritedNameError).at, text).toEqual(at);
    }
    // A value of that name that is not a table stays a plain key.
    expect(parseTomlText('[a]\nconstructor = "ok"\ntoString = [1, 2]')).toEqual({ a: { constructor: 'ok', toString: [1, 2] } });
  });

  it('names the table that led the parser into a built-in whose member throws when read', () => {
    for (const text of ['toString.caller = 1', 'a = { toString.arguments.x = 1 }'])
      expect(() => parseTomlText(text), text).toThrow(/^"toString" cannot be a key here/);
  });

  it('passes the parser’s own errors on, with their line and column', () => {
    expect(() => parseTomlText('[a\nb = 1')).toThrow(expect.objectContaining({ line: 0 }));
    expect(() => parseTomlText('[a]\nb = 1\n[a]\nc = 2')).toThrow(/redefine/);
  });

  it('reads what the parser reads, for text with no such name', () => {
    const text = '[server]\nhostname = "gw"\n\n[[apim.gateway.environment]]\nname = "x"\nservice_url = "https://cp:9443"';
    expect(parseTomlText(text)).toEqual(parseString(text));
  });
});

describe('nesting', () => {
  const dotted = (levels: number) => `${Array.from({ length: levels }, () => 'c').join('.')} = 1`;
  const arrays = (levels: number) => `[a]\nb = ${'['.repeat(levels - 2)}1${']'.repeat(levels - 2)}`;

  it(`reads tables and arrays ${TOML_MAX_DEPTH} levels deep`, () => {
    expect(() => parseTomlText(dotted(TOML_MAX_DEPTH))).not.toThrow();
    expect(() => parseTomlText(arrays(TOML_MAX_DEPTH))).not.toThrow();
  });

  it('refuses deeper, and 3,000 dotted segments or 9,000 nested arrays, with the path', () => {
    for (const text of [dotted(TOML_MAX_DEPTH + 2), dotted(3000), arrays(TOML_MAX_DEPTH + 2), arrays(9000)])
      expect(() => parseTomlText(text)).toThrow(TooDeepError);
    expect(() => parseTomlText(dotted(3000))).toThrow(/^c\.c\.c\.c… nests tables or arrays more than 32 levels deep/);
  });

  it('custom TOML that deep is reported on its node (APIM068), not a crash of the generation', () => {
    const deep = topology(
      [node('control-plane', 'cp-1'), node('gateway', 'gw-1', { customToml: `[a]\n${dotted(3000)}` }), node('database', 'db')],
      [
        ['gw-1', 'cp-1'],
        ['cp-1', 'db'],
      ],
    );
    const problem = generateBundle(deep).diagnostics.find((d) => d.code === 'APIM068');
    expect(problem?.message).toContain('nests tables or arrays more than 32 levels deep');
  });
});

describe('such a key, through the designer', () => {
  const gateway = (customToml: string) =>
    topology(
      [node('control-plane', 'cp-1'), node('gateway', 'gw-1', { customToml }), node('database', 'db')],
      [
        ['gw-1', 'cp-1'],
        ['cp-1', 'db'],
      ],
    );

  it('custom TOML is not applied, and says which key and line', () => {
    const parsed = parseCustomToml('[apim.cache.gateway_token]\nenable = true\n[hasOwnProperty]\ncall = 1');
    expect(parsed).toEqual({
      ok: false,
      message: expect.stringContaining('"hasOwnProperty" cannot be a key here'),
      line: 3,
      column: 2,
    });
  });

  it('generation reports it on the node (APIM068) and writes the file without it', () => {
    const bundle = generateBundle(gateway('[hasOwnProperty]\ncall = 1'));
    const problem = bundle.diagnostics.find((d) => d.code === 'APIM068');
    expect(problem?.message).toContain('"hasOwnProperty" cannot be a key here');
    const file = bundle.files.find((f) => f.path === 'nodes/gw-1/repository/conf/deployment.toml')?.content ?? '';
    expect(file).toContain('[server]');
    expect(file).not.toContain('hasOwnProperty');
  });

  it('an imported file with one is skipped with the reason', () => {
    const content = '[server]\nhostname = "gw.example.com"\nserver_role = "gateway-worker"\n\n[toString]\ncall = 1\n';
    const cp = '[server]\nhostname = "cp.example.com"\nserver_role = "control-plane"\n';
    const { report } = importFiles([
      { path: 'cp/repository/conf/deployment.toml', content: cp },
      { path: 'gw/repository/conf/deployment.toml', content },
    ]);
    expect(report.skipped).toEqual([
      { subject: 'gw/repository/conf/deployment.toml', message: expect.stringMatching(/^cannot be read: "toString" cannot be a key here/) },
    ]);
  });
});
