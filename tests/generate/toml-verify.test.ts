/**
 * The run-time read-back check (`checkWritten`, toml/verify.ts) against the reference, @iarna/toml's parse and the
 * comparison with the document (`checkRoundTrip`):
 *
 * - it accepts everything the writer writes from a valid document (no false alarm), and
 * - a mutation test: the writer's output mutated character by character and line by line, and the writer itself with
 *   one fault at a time (an escape dropped, a key left bare, a key twice, a quote broken, `9_443`, a table flipped to an
 *   array of tables, a header unclosed, a newline in a string or a comment, tables reordered...), over many documents,
 *   random and real: whenever the reference fails, `checkWritten` fails too, also when the tables were read before
 *   (the fast path that compares characters with a text read earlier).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TomlDocument, TomlTable, TomlValue } from '../../src/generate/index.ts';
import {
  checkRoundTrip,
  checkWritten,
  generateBundle,
  nodeDocument,
  generationContext,
  table,
  verifiedTables,
  writeToml,
} from '../../src/generate/index.ts';
import { basicString, comment, key, value } from '../../src/generate/toml/writer.ts';
import { isApimNode } from '../../src/model/index.ts';
import { EXAMPLE_FILES, arbitraryTopology, hostileText, loadExample } from '../factories.ts';

const doc = (...tables: TomlTable[]): TomlDocument => ({ header: [], tables });

/** The reference: @iarna/toml parses the text and it equals the document. */
const reference = (text: string, document: TomlDocument) => checkRoundTrip(text, document).ok;

/** The text the writer writes, or undefined for a document it refuses (an unsafe integer, a mixed array). */
function written(document: TomlDocument): string | undefined {
  try {
    return writeToml(document);
  } catch {
    return undefined;
  }
}

// Random documents, from small pools so tables and keys collide (a table defined twice, a key and a table).
const keyName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'c', 'port', 'enable', 'service_url', 'x-y', '9443') },
  { weight: 1, arbitrary: fc.constantFrom('a.b', '', "it's", 'a b', '"q"', '\\', 'ключ', '__proto__', 'tab\there', 'n\nl', "'") },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
const stringValue = fc.oneof(
  fc.constantFrom('plain', 'https://cp-lb.example.com/services/', '$ref{super_admin.password}', ''),
  fc.constantFrom('\u0000', 'a\u0001', '\u001f', 'x\u007f', 'tab\t', 'nl\n', 'cr\r', 'say "hi"', 'back\\slash', '\u2028', '\ud800'),
  hostileText,
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const integer = fc.oneof(fc.constantFrom(0, 1, 9443, -1, 1000000, Number.MAX_SAFE_INTEGER), fc.integer());
const float = fc.oneof(
  fc.constantFrom(0.5, -1.5, 1.5e-7, 2.25),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
);
const scalar: fc.Arbitrary<TomlValue> = fc.oneof(stringValue, integer, fc.boolean(), { weight: 1, arbitrary: float });
const tomlValue: fc.Arbitrary<TomlValue> = fc.oneof(
  { weight: 5, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(stringValue, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(integer, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(integer, float), { maxLength: 3 }) }, // ints and floats: two types in TOML 0.5
  { weight: 1, arbitrary: fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }) },
);
const path = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'a.b', 'a.c', 'server', 'apim.key_manager', 'a.b.c').map((p) => p.split('.')) },
  { weight: 1, arbitrary: fc.array(keyName, { minLength: 1, maxLength: 3 }) },
);
const oneTable: fc.Arbitrary<TomlTable> = fc
  .record({
    path,
    array: fc.boolean(),
    comment: fc.option(fc.array(hostileText, { maxLength: 2 }), { nil: undefined }),
    entries: fc.array(fc.record({ key: keyName, value: tomlValue, comment: fc.option(hostileText, { nil: undefined }) }), { maxLength: 4 }),
  })
  .map((t) => ({
    path: t.path,
    array: t.array,
    comment: t.comment,
    entries: t.entries.map(({ key: name, value: v, comment: note }) =>
      note === undefined ? { key: name, value: v } : { key: name, value: v, comment: note },
    ),
  }));
const randomDocument: fc.Arbitrary<TomlDocument> = fc.record({
  header: fc.array(hostileText, { maxLength: 2 }),
  tables: fc.array(oneTable, { maxLength: 5 }),
});

/** Real documents: every API-M file of the examples. */
const realDocuments: TomlDocument[] = EXAMPLE_FILES.flatMap((name) => {
  const topology = loadExample(name);
  const context = generationContext(topology);
  return topology.nodes.filter(isApimNode).map((node) => nodeDocument(context, node));
});

describe('checkWritten', () => {
  it('accepts every file of the examples and of random topologies (no GEN001)', () => {
    for (const document of realDocuments) expect(checkWritten(writeToml(document), document)).toEqual({ ok: true });
    fc.assert(
      fc.property(arbitraryTopology, (topology) => {
        expect(generateBundle(topology).diagnostics.filter((d) => d.code === 'GEN001')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('accepts what the writer writes from any document the reference accepts', () => {
    let valid = 0;
    fc.assert(
      fc.property(randomDocument, (document) => {
        const text = written(document);
        if (text === undefined || !reference(text, document)) return;
        valid++;
        expect(checkWritten(text, document)).toEqual({ ok: true });
      }),
      { numRuns: 3000 },
    );
    expect(valid).toBeGreaterThan(800);
  });

  it.each<[string, string, TomlDocument]>([
    ['a table defined twice', '[a]\n\n[a]\n', doc(table('a', {}), table('a', {}))],
    [
      'a key twice',
      '[a]\nk = 1\nk = 1\n',
      doc({
        path: ['a'],
        entries: [
          { key: 'k', value: 1 },
          { key: 'k', value: 1 },
        ],
      }),
    ],
    ['a key where a table goes', '[a]\nb = 1\n\n[a.b]\n', doc(table('a', { b: 1 }), table('a.b', {}))],
    ['an array of tables after its table', '[a]\n\n[[a]]\n', doc(table('a', {}), table('a', {}, undefined, { array: true }))],
    ['a table after its array of tables', '[[a]]\n\n[a]\n', doc(table('a', {}, undefined, { array: true }), table('a', {}))],
    ['a table with no name', '[]\nx = 1\n', doc({ path: [], entries: [{ key: 'x', value: 1 }] })],
    ['ints and floats in one array (TOML 0.5)', '[a]\nv = [1, 1.5]\n', doc(table('a', { v: [1, 1.5] }))],
  ])('refuses %s, as the reference does', (_, text, document) => {
    expect(reference(text, document)).toBe(false);
    expect(checkWritten(text, document).ok).toBe(false);
  });

  it.each<[string, string]>([
    ['an unescaped quote', '[a]\nk = "say "hi""\n'],
    ['a newline in a string', '[a]\nk = "one\ntwo"\n'],
    ['an unclosed header', '[a\nk = "x"\n'],
    ['an invalid bare key', '[a]\nk.x = "x"\n'],
    ['a missing line break at the end', '[a]\nk = "x"'],
    ['9_443', '[a]\nk = "x"\nn = 9_443\n'],
    ['a key outside any table', 'k = "x"\n[a]\nk = "x"\n'],
  ])('refuses %s', (_, text) => {
    expect(checkWritten(text, doc(table('a', { k: 'x', ...(text.includes('9_443') ? { n: 9443 } : {}) }))).ok).toBe(false);
  });
});

/** One fault in the writer at a time: the writer's layout (toml/writer.ts), with one rule broken. */
type Fault =
  | 'no escapes'
  | 'bare keys'
  | 'literal keys'
  | 'key twice'
  | 'unclosed string'
  | 'underscore integers'
  | 'flip array of tables'
  | 'unclosed header'
  | 'raw comments'
  | 'tables swapped'
  | 'entries swapped'
  | 'table dropped'
  | 'floats as integers'
  | 'no array check';
const FAULTS: Fault[] = [
  'no escapes',
  'bare keys',
  'literal keys',
  'key twice',
  'unclosed string',
  'underscore integers',
  'flip array of tables',
  'unclosed header',
  'raw comments',
  'tables swapped',
  'entries swapped',
  'table dropped',
  'floats as integers',
  'no array check',
];

function faultyWrite(document: TomlDocument, fault: Fault, at: number): string {
  const str = (s: string) =>
    fault === 'no escapes'
      ? `"${s}"`
      : fault === 'unclosed string' && s.length % 2 === at % 2
        ? basicString(s).slice(0, -1)
        : basicString(s);
  const k = (name: string) =>
    fault === 'bare keys' ? name : fault === 'literal keys' ? `'${name}'` : name === key(name) ? name : key(name);
  const v = (x: TomlValue): string => {
    if (typeof x === 'string') return str(x);
    if (typeof x === 'number') {
      if (fault === 'underscore integers' && Number.isInteger(x) && Math.abs(x) >= 1000) return String(x).replace(/(\d)(\d{3})$/, '$1_$2');
      if (fault === 'floats as integers' && !Number.isInteger(x)) return String(Math.trunc(x));
      if (fault !== 'no array check') return value(x);
      return String(x);
    }
    if (typeof x === 'boolean') return value(x);
    return `[${x.map(v).join(', ')}]`;
  };
  const c = (line: string) => (fault === 'raw comments' ? `# ${line}` : comment(line));
  let tables = [...document.tables];
  const i = tables.length > 0 ? at % tables.length : 0;
  if (fault === 'tables swapped' && tables.length > 1)
    [tables[i], tables[(i + 1) % tables.length]] = [tables[(i + 1) % tables.length]!, tables[i]!];
  if (fault === 'table dropped') tables = tables.filter((_, j) => j !== i);
  const parts: string[] = document.header.map((line) => `${c(line)}\n`);
  tables.forEach((t, j) => {
    if (parts.length > 0) parts.push('\n');
    const lines: string[] = (t.comment ?? []).map(c);
    const array = fault === 'flip array of tables' && j === i ? t.array !== true : t.array === true;
    const header = t.path.map(k).join('.');
    lines.push(array ? `[[${header}]]` : fault === 'unclosed header' && j === i ? `[${header}` : `[${header}]`);
    let entries = [...t.entries];
    if (fault === 'key twice' && j === i && entries.length > 0) entries = [...entries, entries[at % entries.length]!];
    if (fault === 'entries swapped' && entries.length > 1) entries = [...entries.slice(1), entries[0]!];
    for (const entry of entries) {
      if (entry.comment !== undefined) lines.push(c(entry.comment));
      lines.push(`${k(entry.key)} = ${v(entry.value)}`);
    }
    parts.push(`${lines.join('\n')}\n`);
  });
  return parts.length > 0 ? parts.join('') : '\n';
}

/** Text mutations, one to three at a time: characters and whole lines. */
type Mutation = { op: 'delete' | 'insert' | 'replace' | 'line twice' | 'line dropped' | 'lines swapped'; at: number; ch: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('delete', 'insert', 'replace', 'line twice', 'line dropped', 'lines swapped'),
  at: fc.nat(),
  ch: fc.oneof(
    fc.constantFrom(
      '"',
      "'",
      '\\',
      '[',
      ']',
      '=',
      '\n',
      '_',
      '.',
      '#',
      ' ',
      ',',
      '0',
      '1',
      'a',
      'e',
      '-',
      '+',
      '\t',
      '\r',
      '\u0000',
      '\u007f',
      '{',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
});

function mutate(text: string, { op, at, ch }: Mutation): string {
  const p = at % Math.max(1, text.length);
  if (op === 'delete') return text.slice(0, p) + text.slice(p + 1);
  if (op === 'insert') return text.slice(0, p) + ch + text.slice(p);
  if (op === 'replace') return text.slice(0, p) + ch + text.slice(p + 1);
  const lines = text.split('\n');
  const l = at % lines.length;
  if (op === 'line twice') lines.splice(l, 0, lines[l]!);
  else if (op === 'line dropped') lines.splice(l, 1);
  else if (l + 1 < lines.length) [lines[l], lines[l + 1]] = [lines[l + 1]!, lines[l]!];
  return lines.join('\n');
}

describe('mutation test: whenever the reference fails, checkWritten fails', () => {
  /** Checks one mutant both ways: fresh, and after the original's tables were read (the fast path). */
  function agree(original: string, mutant: string, document: TomlDocument): 'caught' | 'passed' {
    if (reference(mutant, document)) return 'passed';
    expect(checkWritten(mutant, document).ok, `fresh: ${JSON.stringify(mutant)}`).toBe(false);
    const warm = verifiedTables();
    checkWritten(original, document, warm);
    expect(checkWritten(mutant, document, warm).ok, `after the original: ${JSON.stringify(mutant)}`).toBe(false);
    return 'caught';
  }

  it('mutated text of random documents', () => {
    let caught = 0;
    fc.assert(
      fc.property(randomDocument, fc.array(mutation, { minLength: 1, maxLength: 3 }), (document, mutations) => {
        const text = written(document);
        if (text === undefined) return;
        if (agree(text, mutations.reduce(mutate, text), document) === 'caught') caught++;
      }),
      { numRuns: 4000 },
    );
    expect(caught).toBeGreaterThan(2000);
  });

  it('mutated text of real documents', () => {
    let caught = 0;
    fc.assert(
      fc.property(fc.constantFrom(...realDocuments), fc.array(mutation, { minLength: 1, maxLength: 2 }), (document, mutations) => {
        const text = writeToml(document);
        if (agree(text, mutations.reduce(mutate, text), document) === 'caught') caught++;
      }),
      { numRuns: 1500 },
    );
    expect(caught).toBeGreaterThan(500);
  });

  it('a writer with one fault, over random and real documents', () => {
    const caught = new Map<Fault, number>();
    const documents = fc.oneof(randomDocument, fc.constantFrom(...realDocuments));
    fc.assert(
      fc.property(documents, fc.constantFrom(...FAULTS), fc.nat(), (document, fault, at) => {
        const text = written(document);
        if (text === undefined) return;
        if (agree(text, faultyWrite(document, fault, at), document) === 'caught') caught.set(fault, (caught.get(fault) ?? 0) + 1);
      }),
      { numRuns: 6000 },
    );
    // Every fault that can change what a parser reads was caught many times (entries swapped and `9_443` read back
    // the same, so the reference does not fail on them).
    for (const fault of FAULTS.filter((f) => f !== 'entries swapped' && f !== 'underscore integers')) {
      expect(caught.get(fault) ?? 0, fault).toBeGreaterThan(20);
    }
  });

  it('the faults the reference lets through are refused too: the check is stricter than TOML', () => {
    const document = doc(table('a', { n: 9443, s: 'x' }));
    const underscored = faultyWrite(document, 'underscore integers', 0);
    expect(underscored).toContain('9_443');
    expect(reference(underscored, document)).toBe(true);
    expect(checkWritten(underscored, document).ok).toBe(false);
  });
});
