/**
 * The reference read-back check: the text is parsed with @iarna/toml (a TOML 0.5 parser, like WSO2's) and must
 * equal the document it came from. A mismatch is a bug in the generator or the writer. The goldens, properties and
 * fuzzing hold every file to it; at run time the bundle uses `checkWritten` (verify.ts), which a mutation test of the
 * writer holds to this one (tests/generate/toml-verify.test.ts).
 */
import { parseTomlText } from './parse.ts';
import type { TomlDocument, TomlValue } from './document.ts';

export type RoundTrip = { ok: true } | { ok: false; reason: string };

export function checkRoundTrip(text: string, document: TomlDocument): RoundTrip {
  let parsed: unknown;
  try {
    parsed = parseTomlText(text);
  } catch (error) {
    return { ok: false, reason: `does not parse: ${(error as Error).message.split('\n')[0]}` };
  }
  const difference = documentDifference(document, parsed as Table);
  return difference === undefined ? { ok: true } : { ok: false, reason: `reads back differently at ${difference}` };
}

type Table = Record<string, unknown>;

/**
 * Where `parsed` first differs from what `document` says a parser must read (`toPlain(document)`), or
 * undefined when they are equal. It walks the document's tables into the parsed object rather than
 * building `toPlain` and comparing two trees: this runs on every file of every generation.
 *
 * Equal means: every table and key of the document is there with its value, each array of tables has
 * exactly the elements the document opens, and no parsed table has a key the document did not write
 * (each table's key count is checked against the keys the document gave it).
 *
 * It takes the document to be valid TOML as written: each table path declared once, each key once per
 * table. `checkRoundTrip` compares a document with its own text, and the text of a document that breaks
 * these rules does not parse, so such a document is reported before it gets here.
 */
export function documentDifference(document: TomlDocument, parsed: Table): string | undefined {
  // Each table the document reaches: the keys the document gives it, and its path for the message.
  const top: Reached = { keys: 0, path: [] };
  const tables = new Map<Table, Reached>([[parsed, top]]);
  const opened = new Map<unknown[], number>(); // elements of each array of tables the document has opened so far
  for (const t of document.tables) {
    if (t.path.length === 0) return 'a table with no name';
    let cursor = parsed;
    let reached = top;
    for (const [i, segment] of t.path.entries()) {
      if (!Object.hasOwn(cursor, segment)) return pathText(t.path, i);
      const opens = t.array === true && i === t.path.length - 1;
      let next = cursor[segment];
      if (Array.isArray(next)) {
        // [[path]] opens the next element; a deeper table goes into the element opened last, as TOML does.
        let elements = opened.get(next);
        if (elements === undefined) {
          elements = 0;
          reached.keys++;
        }
        if (opens) opened.set(next, elements + 1);
        next = next[opens ? elements : elements - 1];
      } else if (opens) {
        return pathText(t.path, i);
      }
      if (!isTable(next)) return pathText(t.path, i);
      let inner = tables.get(next);
      if (inner === undefined) {
        inner = { keys: 0, path: t.path.slice(0, i + 1) };
        tables.set(next, inner);
        if (!Array.isArray(cursor[segment])) reached.keys++;
      }
      cursor = next;
      reached = inner;
    }
    reached.keys += t.entries.length;
    for (const entry of t.entries) {
      if (!Object.hasOwn(cursor, entry.key) || !valueEquals(entry.value, cursor[entry.key])) {
        return `${pathText(t.path, t.path.length - 1)}.${entry.key}`;
      }
    }
  }
  for (const [array, elements] of opened) {
    if (array.length !== elements) return `${array.length} tables in an array where the document has ${elements}`;
  }
  for (const [table, { keys, path }] of tables) {
    if (keyCount(table) !== keys)
      return `${path.length === 0 ? 'the top' : pathText(path, path.length - 1)}: a key the document did not write`;
  }
  return undefined;
}

interface Reached {
  keys: number;
  path: string[];
}

function keyCount(table: Table): number {
  let count = 0;
  for (const key in table) if (Object.hasOwn(table, key)) count++;
  return count;
}

function isTable(value: unknown): value is Table {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueEquals(expected: TomlValue, actual: unknown): boolean {
  if (!Array.isArray(expected)) return Object.is(expected, actual);
  if (!Array.isArray(actual) || actual.length !== expected.length) return false;
  for (const [i, item] of expected.entries()) if (!valueEquals(item, actual[i])) return false;
  return true;
}

/** The path up to and including segment `last`. */
function pathText(path: string[], last: number): string {
  return path.slice(0, last + 1).join('.');
}
