/**
 * Custom TOML (the topology format's `customToml`): keys the designer does not model, merged into the deployment.toml
 * of a node, or of every API-M member of the cluster a load balancer fronts. The cluster's is merged first and the
 * node's own after it, so the node's value wins. A key the designer also writes is a conflict: the designer's value
 * stays unless the key is listed in the owner's `customTomlOverrides`. An appended `[[array]]` table adds an element.
 *
 * New tables go after the designer's table that shares most of their path (`[apim.jwt.claims]` beside the other
 * `[apim.*]` tables), else at the end, and always before `[secrets]`, which WSO2 reads only as the last table.
 */
import type { ApimNode, TopologyGraph } from '../model/index.ts';
import { joinKey } from '../model/index.ts';
import type { TomlDocument, TomlEntry, TomlTable, TomlValue } from './toml/index.ts';
import { InheritedNameError, isTomlTable as isTable, parseTomlText } from './toml/index.ts';

type Plain = { [key: string]: unknown };

/** One table of custom TOML, in the order of its text; an `[[array]]` element carries its sub-tables. */
export interface CustomTable {
  path: string[];
  array: boolean;
  entries: TomlEntry[];
  /** The tables inside an array element, written right after it. */
  inner: CustomTable[];
}

export type CustomParse =
  | { ok: true; tables: CustomTable[]; plain: Plain }
  | { ok: false; message: string; line?: number | undefined; column?: number | undefined };

/** The custom TOML of an owner, parsed: its tables, or where and why it does not parse. */
export function parseCustomToml(text: string): CustomParse {
  let plain: Plain;
  try {
    plain = parseTomlText(text);
  } catch (error) {
    if (error instanceof InheritedNameError) return { ok: false, message: error.message, line: error.at?.line, column: error.at?.column };
    const e = error as Error & { line?: number; col?: number };
    // @iarna/toml counts lines and columns from 0, and repeats them in its first message line.
    const message = (e.message.split('\n')[0] ?? '').replace(/ at row \d+, col \d+, pos \d+:?$/, '').replace(/[:.]$/, '');
    return { ok: false, message, line: e.line === undefined ? undefined : e.line + 1, column: e.col === undefined ? undefined : e.col + 1 };
  }
  const tables: CustomTable[] = [];
  const problem = flatten(plain, [], false, tables);
  return problem ? { ok: false, message: problem } : { ok: true, tables, plain };
}

/** The tables of `plain` under `path` into `out`, in text order; a reason when a value cannot be carried. */
function flatten(plain: Plain, path: string[], array: boolean, out: CustomTable[]): string | undefined {
  const entries: TomlEntry[] = [];
  const own: CustomTable = { path, array, entries, inner: [] };
  const children: [string, unknown][] = [];
  for (const key of Object.keys(plain)) {
    const value = plain[key];
    if (isTable(value) || (Array.isArray(value) && value.length > 0 && value.every(isTable))) {
      children.push([key, value]);
      continue;
    }
    const carried = tomlValue(value);
    if (carried === undefined) return `${joinKey([...path, key])} holds a date, time or number the designer cannot write`;
    if (path.length === 0) return `${key} is outside any table: WSO2 reads keys inside tables only`;
    entries.push({ key, value: carried });
  }
  if (path.length > 0 && (entries.length > 0 || array || children.length === 0)) out.push(own);
  // An element's sub-tables stay with it: a later [path.x] would go into the last element.
  const into = array ? own.inner : out;
  for (const [key, value] of children) {
    const problem = Array.isArray(value)
      ? value.reduce<string | undefined>((found, element) => found ?? flatten(element as Plain, [...path, key], true, into), undefined)
      : flatten(value as Plain, [...path, key], false, into);
    if (problem) return problem;
  }
  return undefined;
}

function tomlValue(value: unknown): TomlValue | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number')
    return Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value)) ? value : undefined;
  if (Array.isArray(value)) {
    const items = value.map(tomlValue);
    return items.every((item) => item !== undefined) ? (items as TomlValue[]) : undefined;
  }
  return undefined;
}

/** Custom TOML to merge into one file, from one owner (the node, or the load balancer in front of it). */
export interface CustomSource {
  ownerId: string;
  tables: CustomTable[];
  overrides: ReadonlySet<string>;
}

/** A key of an owner's custom TOML that the designer writes too. */
export interface CustomConflict {
  ownerId: string;
  /** The dotted key, as `customTomlOverrides` lists it. */
  key: string;
  /** The custom value replaced the designer's, as the owner's overrides say. */
  overridden: boolean;
  /** The designer writes a table where the custom TOML has a value (or the reverse): the designer's stays. */
  shape: boolean;
}

type Shape = 'table' | 'array' | 'value';

/** What `document` holds at each path: its tables (named or implied), arrays of tables and values. */
class Layout {
  readonly shapes = new Map<string, Shape>();
  /** Named tables outside arrays of tables, by path: where a custom key joins the designer's table. */
  readonly tables = new Map<string, TomlTable>();

  constructor(tables: readonly TomlTable[]) {
    for (const t of tables) this.add(t);
  }

  add(t: TomlTable, insideArray = false): void {
    for (let i = 1; i < t.path.length; i++) {
      const prefix = id(t.path.slice(0, i));
      if (this.shapes.get(prefix) === 'array') insideArray = true;
      else if (!this.shapes.has(prefix)) this.shapes.set(prefix, 'table');
    }
    const at = id(t.path);
    if (t.array) this.shapes.set(at, 'array');
    else if (!this.shapes.has(at)) this.shapes.set(at, 'table');
    if (!t.array && !insideArray) this.tables.set(at, t);
    for (const entry of t.entries) this.shapes.set(id([...t.path, entry.key]), 'value');
  }

  /** Whether a table (or `[[array]]` element) can open at `path`: every prefix a plain table. */
  opens(path: readonly string[], array: boolean): boolean {
    for (let i = 1; i < path.length; i++) {
      const shape = this.shapes.get(id(path.slice(0, i)));
      if (shape !== undefined && shape !== 'table') return false;
    }
    const shape = this.shapes.get(id(path));
    return shape === undefined || shape === (array ? 'array' : 'table');
  }
}

function id(path: readonly string[]): string {
  return path.join('\u0000');
}

/**
 * The document with the sources merged in, in order (the cluster's, then the node's), and the keys the designer
 * writes too. The designer's tables are not changed: a table that takes custom keys is copied (the writer shares
 * the text of each table object between the files of a cluster).
 */
export function mergeCustomToml(
  document: TomlDocument,
  sources: readonly CustomSource[],
): { document: TomlDocument; conflicts: CustomConflict[] } {
  const tables = [...document.tables];
  const layout = new Layout(tables);
  const copied = new Set<TomlTable>();
  const conflicts: CustomConflict[] = [];

  const writable = (t: TomlTable): TomlTable => {
    if (copied.has(t)) return t;
    const copy: TomlTable = { ...t, entries: [...t.entries] };
    copied.add(copy);
    tables[tables.indexOf(t)] = copy;
    layout.tables.set(id(t.path), copy);
    return copy;
  };

  for (const source of sources) {
    for (const custom of source.tables) {
      if (!layout.opens(custom.path, custom.array)) {
        conflicts.push({ ownerId: source.ownerId, key: joinKey(custom.path), overridden: false, shape: true });
        continue;
      }
      if (custom.array) {
        const block = [custom, ...custom.inner].map((t) => tomlTable(t, source.ownerId));
        tables.splice(placeOf(tables, custom.path, true), 0, ...block);
        block.forEach((t, i) => layout.add(t, i > 0));
        continue;
      }
      let target = layout.tables.get(id(custom.path));
      if (target === undefined) {
        target = tomlTable({ ...custom, entries: [] }, source.ownerId);
        tables.splice(placeOf(tables, custom.path, false), 0, target);
        copied.add(target);
        layout.add(target);
      }
      for (const entry of custom.entries) {
        const at = [...custom.path, entry.key];
        const shape = layout.shapes.get(id(at));
        const key = joinKey(at);
        if (shape === 'table' || shape === 'array') {
          conflicts.push({ ownerId: source.ownerId, key, overridden: false, shape: true });
          continue;
        }
        const t = (target = writable(target));
        const index = t.entries.findIndex((e) => e.key === entry.key);
        const mine: TomlEntry = { key: entry.key, value: entry.value, origin: source.ownerId };
        if (index < 0) {
          t.entries.push(mine);
          layout.shapes.set(id(at), 'value');
          continue;
        }
        const existing = t.entries[index];
        if (existing?.origin !== undefined) {
          t.entries[index] = mine; // the cluster's custom value: the node's own replaces it
          continue;
        }
        const overridden = source.overrides.has(key);
        conflicts.push({ ownerId: source.ownerId, key, overridden, shape: false });
        if (overridden) t.entries[index] = existing?.comment === undefined ? mine : { ...mine, comment: existing.comment };
      }
    }
  }
  return { document: { ...document, tables }, conflicts };
}

function tomlTable(custom: CustomTable, origin: string): TomlTable {
  return {
    path: custom.path,
    array: custom.array || undefined,
    entries: custom.entries.map((e) => ({ key: e.key, value: e.value, origin })),
  };
}

/**
 * Where a new table goes: after the last table of its own array (an added element), else after the last table that
 * shares most of its path, else at the end; before `[secrets]` in every case.
 */
function placeOf(tables: readonly TomlTable[], path: readonly string[], array: boolean): number {
  const secrets = tables.findIndex((t) => t.path.length === 1 && t.path[0] === 'secrets' && !t.array);
  const end = secrets < 0 ? tables.length : secrets;
  let best = 0;
  let at = end;
  for (let i = 0; i < end; i++) {
    const other = tables[i]?.path ?? [];
    let shared = 0;
    while (shared < path.length && shared < other.length && other[shared] === path[shared]) shared++;
    if (array && shared === path.length) shared = Infinity; // its own array, and the tables inside its elements
    if (shared > 0 && shared >= best) {
      best = shared;
      at = i + 1;
    }
  }
  return at;
}

/** The sources of a node's file: its cluster's custom TOML (from the load balancer in front of it), then its own. */
export function customSourcesOf(
  node: ApimNode,
  graph: TopologyGraph,
  parsed: (owner: { id: string; customToml?: string | undefined }) => CustomTable[] | undefined,
): CustomSource[] {
  const sources: CustomSource[] = [];
  const lb = graph.frontedBy(node.id);
  for (const owner of lb ? [lb, node] : [node]) {
    const tables = owner.customToml ? parsed(owner) : undefined;
    if (tables && tables.length > 0) sources.push({ ownerId: owner.id, tables, overrides: new Set(owner.customTomlOverrides ?? []) });
  }
  return sources;
}
