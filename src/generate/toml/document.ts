/**
 * A TOML document as the generators build it: ordered tables of ordered keys, with comments. Only the
 * writer turns it into text; only `toPlain` says what a parser must read back.
 */
export type TomlValue = string | number | boolean | TomlValue[];

export interface TomlEntry {
  key: string;
  value: TomlValue;
  /** One comment line written above the key. */
  comment?: string;
  /** The node or load balancer whose custom TOML set it (generate/customToml.ts); the designer's own keys have none. */
  origin?: string;
}

export interface TomlTable {
  /** The table's path, e.g. `['apim', 'key_manager']`. */
  path: string[];
  /** `[[path]]`: one element of an array of tables. */
  array?: boolean | undefined;
  /** Comment lines written above the header: why the table is there. */
  comment?: string[] | undefined;
  entries: TomlEntry[];
}

export interface TomlDocument {
  /** Comment lines at the top of the file. */
  header: string[];
  tables: TomlTable[];
}

/** `table('apim.key_manager', { service_url: …, username: … }, 'why')`; undefined values are left out. */
export function table(
  path: string,
  entries: Record<string, TomlValue | undefined>,
  comment?: string | string[],
  options: { array?: boolean } = {},
): TomlTable {
  // A loop, not entries/filter/map: a 1,000-node bundle builds some 15,000 tables.
  const list: TomlEntry[] = [];
  for (const key of Object.keys(entries)) {
    const value = entries[key];
    if (value !== undefined) list.push({ key, value });
  }
  return {
    path: path.split('.'),
    array: options.array,
    comment: comment === undefined ? undefined : Array.isArray(comment) ? comment : [comment],
    entries: list,
  };
}

export function arrayTable(path: string, entries: Record<string, TomlValue | undefined>, comment?: string | string[]): TomlTable {
  return table(path, entries, comment, { array: true });
}

type Plain = { [key: string]: PlainValue };
type PlainValue = string | number | boolean | PlainValue[] | Plain;

/** The object a TOML parser must produce from this document's text. */
export function toPlain(document: TomlDocument): Plain {
  // Null-prototype objects: a key named `__proto__` is a key like any other.
  const object = (): Plain => Object.create(null) as Plain;
  const root = object();
  for (const t of document.tables) {
    let cursor: Plain = root;
    const parents = t.path.slice(0, -1);
    for (const segment of parents) cursor = descend(cursor, segment, object);
    const last = t.path.at(-1);
    if (last === undefined) throw new Error('toPlain: a table with no path');
    let target: Plain;
    if (t.array) {
      const list = (cursor[last] ??= []) as Plain[];
      target = object();
      list.push(target);
    } else {
      target = (cursor[last] ??= object()) as Plain;
    }
    for (const entry of t.entries) target[entry.key] = entry.value as PlainValue;
  }
  return root;
}

/** Into a sub-table; for an array of tables, into its last element (as TOML does). */
function descend(cursor: Plain, segment: string, object: () => Plain): Plain {
  const next = (cursor[segment] ??= object()) as PlainValue;
  if (Array.isArray(next)) return next[next.length - 1] as Plain;
  return next as Plain;
}
