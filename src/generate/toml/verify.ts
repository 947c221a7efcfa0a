/**
 * The run-time read-back check: every emitted file is proven to read back as its document, at a fraction of the cost
 * of a full parse. `checkRoundTrip` (check.ts, @iarna/toml) stays the reference: the tests hold this check to it
 * with a mutation test of the writer (tests/generate/toml-verify.test.ts): whenever the parse-and-compare fails, this
 * fails too.
 *
 * It reads the text with a parser of the writer's subset only, stricter than TOML 0.5 and 1.0 (toml/writer.ts):
 * comment lines, blank lines, `[a.b]` and `[[a.b]]` headers, and `key = value` lines, with bare, literal or basic
 * keys; basic strings; plain integers (no `_`, sign only `-`); floats as JavaScript writes them; booleans; and
 * one-line arrays of one type, items separated by `, `. Anything else fails. Each header must be the document's next
 * table and each key line its next entry, key and value equal; then the document's tables must be legal TOML in
 * that order (each table defined once, no key twice, no table where a key is, `[[x]]` only for arrays of tables).
 *
 * What makes it cheap: the text of a table, once read and found equal to it, is remembered by the table object; the
 * documents of one generation share tables (toml/writer.ts), and where the text holds that same text again it is
 * compared as characters rather than read again. Soundness does not rest on the writer: a table's text is only
 * ever taken as read because the same characters were read before, for that same table.
 */
import type { TomlDocument, TomlTable, TomlValue } from './document.ts';
import type { RoundTrip } from './check.ts';

/**
 * What one generation (or incremental update) has read already: the text of each table read and found equal to it,
 * and whether each sequence of table shapes (paths, kinds and key names: all that TOML's table rules look at) is legal.
 */
export interface VerifiedTables {
  texts: Map<TomlTable, string>;
  shapeOf: Map<TomlTable, number>;
  shapes: Map<string, number>;
  structures: Map<string, string | undefined>;
}

export function verifiedTables(): VerifiedTables {
  return { texts: new Map(), shapeOf: new Map(), shapes: new Map(), structures: new Map() };
}

export function checkWritten(text: string, document: TomlDocument, verified: VerifiedTables = verifiedTables()): RoundTrip {
  const structure = knownStructureProblem(document, verified);
  if (structure !== undefined) return { ok: false, reason: `is not valid TOML as the document stands: ${structure}` };
  const problem = readText(text, document.tables, verified.texts);
  return problem === undefined ? { ok: true } : { ok: false, reason: `does not read back as its document: ${problem}` };
}

/** `structureProblem`, once per sequence of table shapes. */
function knownStructureProblem(document: TomlDocument, verified: VerifiedTables): string | undefined {
  const ids: number[] = [];
  for (const t of document.tables) {
    let id = verified.shapeOf.get(t);
    if (id === undefined) {
      const shape = `${t.array === true ? '[[' : '['}${t.path.join('\u0000')}\u0001${t.entries.map((e) => e.key).join('\u0000')}`;
      id = verified.shapes.get(shape);
      if (id === undefined) verified.shapes.set(shape, (id = verified.shapes.size));
      verified.shapeOf.set(t, id);
    }
    ids.push(id);
  }
  const key = ids.join(',');
  if (verified.structures.has(key)) return verified.structures.get(key);
  const problem = structureProblem(document);
  verified.structures.set(key, problem);
  return problem;
}

const NEWLINE = 10;
const HASH = 35;
const OPEN = 91;
const CLOSE = 93;
const QUOTE = 34;
const APOSTROPHE = 39;
const BACKSLASH = 92;
const DOT = 46;

// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const COMMENT_LINE = /#[^\u0000-\u001f\u007f\u2028\u2029]*\n/y;
const BARE_RUN = /[A-Za-z0-9_-]+/y;
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const LITERAL_RUN = /[^'\u0000-\u001f\u007f]*'/y;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f]/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/** Where the text first differs from the document's tables, or undefined. */
function readText(text: string, tables: TomlTable[], verified: Map<TomlTable, string>): string | undefined {
  const end = text.length;
  if (end === 0 || text.charCodeAt(end - 1) !== NEWLINE) return 'the text does not end with a line break';
  let next = 0; // the document's next table
  let current: TomlTable | undefined; // the table being read line by line
  let entry = 0; // its entries read so far
  let start = 0; // where its text starts: its comment lines, else its header
  let stop = 0; // where its text ends so far: after its header or its last key line
  let comments = -1; // where the comment lines right before this line start
  let pos = 0;
  const finish = (): string | undefined => {
    if (current === undefined) return undefined;
    const missing = current.entries[entry];
    if (missing !== undefined) return `${current.path.join('.')}.${missing.key} is missing`;
    verified.set(current, text.slice(start, stop));
    current = undefined;
    return undefined;
  };
  const at = (what: string) => `line ${lineOf(text, pos)}: ${what}`;
  while (pos < end) {
    const c = text.charCodeAt(pos);
    if (c === NEWLINE) {
      pos++;
      comments = -1;
      continue;
    }
    // A table read before, as the same characters.
    const expected = tables[next];
    if (expected !== undefined && (current === undefined || entry === current.entries.length)) {
      const known = verified.get(expected);
      // slice and === compare memory at once; startsWith goes a character at a time (V8), several times slower.
      if (known !== undefined && text.slice(pos, pos + known.length) === known) {
        const problem = finish();
        if (problem !== undefined) return problem;
        next++;
        pos += known.length;
        comments = -1;
        continue;
      }
    }
    if (c === HASH) {
      COMMENT_LINE.lastIndex = pos;
      if (!COMMENT_LINE.test(text)) return at('a comment with a control character');
      if (comments < 0) comments = pos;
      pos = COMMENT_LINE.lastIndex;
      continue;
    }
    if (c === OPEN) {
      const problem = finish();
      if (problem !== undefined) return problem;
      if (expected === undefined) return at('a table the document does not have');
      const array = text.charCodeAt(pos + 1) === OPEN;
      let p = pos + (array ? 2 : 1);
      for (const [i, segment] of expected.path.entries()) {
        if (i > 0) {
          if (text.charCodeAt(p) !== DOT) return at(`the header is not [${expected.path.join('.')}]`);
          p++;
        }
        p = readKey(text, p, segment);
        if (p < 0) return at(`the header is not [${expected.path.join('.')}]`);
      }
      if (expected.path.length === 0) return at('a table with no name');
      if (array !== (expected.array === true)) return at(`${expected.path.join('.')} is ${array ? '' : 'not '}an array of tables`);
      if (text.charCodeAt(p) !== CLOSE || (array && text.charCodeAt(++p) !== CLOSE) || text.charCodeAt(++p) !== NEWLINE) {
        return at(`the header is not [${expected.path.join('.')}]`);
      }
      start = comments < 0 ? pos : comments;
      pos = stop = p + 1;
      comments = -1;
      current = expected;
      entry = 0;
      next++;
      continue;
    }
    if (current === undefined) return at('a key outside any table');
    const wanted = current.entries[entry];
    if (wanted === undefined) return at(`a key ${current.path.join('.')} does not have`);
    let p = readKey(text, pos, wanted.key);
    if (p < 0 || !text.startsWith(' = ', p)) return at(`not the key ${wanted.key}`);
    p = readValue(text, p + 3, wanted.value);
    if (p < 0 || text.charCodeAt(p) !== NEWLINE) return at(`${current.path.join('.')}.${wanted.key} reads back differently`);
    entry++;
    pos = stop = p + 1;
    comments = -1;
  }
  const problem = finish();
  if (problem !== undefined) return problem;
  const missing = tables[next];
  return missing === undefined ? undefined : `the table ${missing.path.join('.')} is missing`;
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** After the key at `pos` when it is `name` (bare, 'literal' or "basic"), else -1. */
function readKey(text: string, pos: number, name: string): number {
  const c = text.charCodeAt(pos);
  if (c === QUOTE) return readString(text, pos, name);
  if (c === APOSTROPHE) {
    LITERAL_RUN.lastIndex = pos + 1;
    if (!LITERAL_RUN.test(text)) return -1;
    const after = LITERAL_RUN.lastIndex;
    return after - pos - 2 === name.length && text.startsWith(name, pos + 1) ? after : -1;
  }
  BARE_RUN.lastIndex = pos;
  if (!BARE_RUN.test(text)) return -1;
  const after = BARE_RUN.lastIndex;
  return after - pos === name.length && text.startsWith(name, pos) ? after : -1;
}

// The type of the value read last (TOML 0.5 arrays hold one type): 1 string, 2 integer, 3 float, 4 boolean, 5 array.
let readType = 0;

/** After the value at `pos` when it reads back as `expected`, else -1. */
function readValue(text: string, pos: number, expected: TomlValue): number {
  const c = text.charCodeAt(pos);
  if (c === QUOTE) {
    readType = 1;
    return typeof expected === 'string' ? readString(text, pos, expected) : -1;
  }
  if (c === OPEN) {
    if (!Array.isArray(expected)) return -1;
    let p = pos + 1;
    let type = 0;
    for (const [i, item] of expected.entries()) {
      if (i > 0) {
        if (text.charCodeAt(p) !== 44 || text.charCodeAt(p + 1) !== 32) return -1; // ', '
        p += 2;
      }
      p = readValue(text, p, item);
      if (p < 0 || (i > 0 && readType !== type)) return -1;
      type = readType;
    }
    readType = 5;
    return text.charCodeAt(p) === CLOSE ? p + 1 : -1;
  }
  if (c === 116 || c === 102) {
    readType = 4;
    const word = c === 116 ? 'true' : 'false';
    return text.startsWith(word, pos) && expected === (c === 116) ? pos + word.length : -1;
  }
  NUMBER.lastIndex = pos;
  const match = NUMBER.exec(text);
  if (match === null || typeof expected !== 'number') return -1;
  const float = match[1] !== undefined || match[2] !== undefined;
  const number = Number(match[0]);
  readType = float ? 3 : 2;
  if (float ? !Number.isFinite(number) : !Number.isSafeInteger(number)) return -1;
  return Object.is(number, expected) ? NUMBER.lastIndex : -1;
}

/** After the basic string at `pos` when it reads back as `expected`, else -1. */
function readString(text: string, pos: number, expected: string): number {
  // The same characters with nothing to escape: the string is exactly `"expected"`.
  const close = pos + 1 + expected.length;
  if (text.charCodeAt(close) === QUOTE && text.startsWith(expected, pos + 1) && !NEEDS_ESCAPE.test(expected)) return close + 1;
  let read = '';
  let from = pos + 1;
  for (let p = pos + 1; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === QUOTE) return read + text.slice(from, p) === expected ? p + 1 : -1;
    if (c < 0x20 || c === 0x7f) return -1;
    if (c !== BACKSLASH) continue;
    read += text.slice(from, p);
    const escape = text.charCodeAt(p + 1);
    const simple = SIMPLE_ESCAPES.get(escape);
    if (simple !== undefined) {
      read += simple;
      p += 1;
    } else if (escape === 117) {
      const hex = text.slice(p + 2, p + 6);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return -1;
      const code = parseInt(hex, 16);
      if (code >= 0xd800 && code <= 0xdfff) return -1;
      read += String.fromCharCode(code);
      p += 5;
    } else {
      return -1;
    }
    from = p + 1;
  }
  return -1;
}

const SIMPLE_ESCAPES = new Map<number, string>([
  [98, '\b'],
  [116, '\t'],
  [110, '\n'],
  [102, '\f'],
  [114, '\r'],
  [QUOTE, '"'],
  [BACKSLASH, '\\'],
]);

/**
 * Why the document's tables, in order, are not legal TOML, or undefined. Stricter than TOML where that is simpler: a
 * table must not be defined twice, even implicitly after it was defined.
 */
type Node = { table: Map<string, Node>; explicit: boolean } | { elements: Map<string, Node>[] } | { value: true };

export function structureProblem(document: TomlDocument): string | undefined {
  const root = new Map<string, Node>();
  for (const t of document.tables) {
    const last = t.path.length - 1;
    if (last < 0) return 'a table with no name';
    let cursor = root;
    for (let i = 0; i < last; i++) {
      const segment = t.path[i] as string;
      let node = cursor.get(segment);
      if (node === undefined) cursor.set(segment, (node = { table: new Map(), explicit: false }));
      if ('value' in node) return `${t.path.slice(0, i + 1).join('.')} is a key and a table`;
      if ('elements' in node) {
        const element = node.elements[node.elements.length - 1];
        if (element === undefined) return `${t.path.slice(0, i + 1).join('.')} has no element`;
        cursor = element;
      } else {
        cursor = node.table;
      }
    }
    const name = t.path[last] as string;
    const node = cursor.get(name);
    let target: Map<string, Node>;
    if (t.array === true) {
      if (node !== undefined && !('elements' in node)) return `[[${t.path.join('.')}]] is already a table or key`;
      target = new Map();
      if (node === undefined) cursor.set(name, { elements: [target] });
      else node.elements.push(target);
    } else {
      if (node === undefined) cursor.set(name, { table: (target = new Map()), explicit: true });
      else if ('table' in node && !node.explicit) {
        node.explicit = true;
        target = node.table;
      } else return `[${t.path.join('.')}] is defined twice`;
    }
    for (const entry of t.entries) {
      if (target.has(entry.key)) return `${t.path.join('.')}.${entry.key} is defined twice`;
      target.set(entry.key, { value: true });
    }
  }
  return undefined;
}
