/**
 * The one door to @iarna/toml's parser (a TOML 0.5 parser, like WSO2's), for every TOML text the designer reads:
 * custom TOML (typed, or from a file, a link or the autosave), imported deployment.toml files, the key diff of the
 * compare dialog, and the read-back check.
 *
 * That parser (2.2.5, the last release) looks a table it has not made yet up through the prototype chain, and takes
 * what it finds there for the table: a key named after a member every object or function inherits (`toString`,
 * `constructor`, `hasOwnProperty`, `call`…) made it descend into that built-in and write the keys below onto it, so
 * `[hasOwnProperty]` and `call = 1` broke `Object.prototype.hasOwnProperty.call` for the whole page. Such a write can
 * only add keys to the built-ins a lookup through an object or a function reaches (`BUILT_INS`). Each parse here puts
 * back whatever it added to them, and refuses the text with a message naming the key; so does a table given as an
 * inline value under such a name, which the designer would write as a header. WSO2 API-M reads no key of those names,
 * so nothing a deployment needs is refused. A document nested deeper than TOML_MAX_DEPTH is refused too.
 */
// parse-string alone: the package index also loads a Node stream parser the browser does not need.
import parseString from '@iarna/toml/parse-string.js';

/** A key that names a member every object or function inherits. */
export class InheritedNameError extends Error {
  /** The key, as the parser read it (after its escapes). */
  readonly key: string;
  /** Where the text names it plainly: line and column, counted from 1. */
  readonly at: { line: number; column: number } | undefined;

  constructor(key: string, text: string) {
    super(
      `"${key}" cannot be a key here: every JavaScript object has a member of that name, which the TOML parser would ` +
        `take for it. WSO2 API-M reads no key named ${key}: remove it`,
    );
    this.name = 'InheritedNameError';
    this.key = key;
    this.at = placeOf(key, text);
  }
}

/**
 * The built-ins a name lookup through a plain object or a function reaches without the key being there, each with
 * the name it is reached by: the functions of Object.prototype and Function.prototype, and Object and Function
 * (their `constructor`). Their own members are refused by the parser as keys already defined.
 */
const BUILT_INS: ReadonlyMap<object, string> = (() => {
  const found = new Map<object, string>([
    [Object, 'constructor'],
    [Function, 'constructor'],
  ]);
  for (const owner of [Object.prototype, Function.prototype]) {
    for (const name of Object.getOwnPropertyNames(owner)) {
      const value = Object.getOwnPropertyDescriptor(owner, name)?.value as unknown;
      if (typeof value === 'function' && !found.has(value)) found.set(value, name);
    }
  }
  return found;
})();

/**
 * How deep a document may nest tables and arrays. WSO2's deepest keys are a few tables down, and what reads a document
 * after the parse walks it by recursion: 3,000 dotted segments, in 6 KB of custom TOML, overflowed the stack.
 */
export const TOML_MAX_DEPTH = 32;

/** A document nested deeper than TOML_MAX_DEPTH. */
export class TooDeepError extends Error {
  constructor(path: readonly string[]) {
    const shown = path.slice(0, 4).join('.');
    super(
      `${shown}${path.length > 4 ? '…' : ''} nests tables or arrays more than ${TOML_MAX_DEPTH} levels deep: ` +
        `WSO2 API-M reads nothing that deep`,
    );
    this.name = 'TooDeepError';
  }
}

/**
 * Parses TOML 0.5 text; throws the parser's error (with `line` and `col`), an InheritedNameError or a TooDeepError.
 */
export function parseTomlText(text: string): Record<string, unknown> {
  const before = new Map([...BUILT_INS.keys()].map((o) => [o, Reflect.ownKeys(o)]));
  let parsed: Record<string, unknown> | undefined;
  let failure: unknown;
  try {
    parsed = parseString(text);
  } catch (error) {
    failure = error;
  }
  const reached = restore(before);
  if (reached !== undefined) throw new InheritedNameError(reached, text);
  if (parsed === undefined) {
    // The parser's own errors carry a line. Another (a TypeError reading `caller` of a built-in it descended into)
    // comes from a name that led it there.
    const descended =
      (failure as { line?: unknown } | null)?.line === undefined ? INHERITED.find((name) => headerForm(name).test(text)) : undefined;
    throw descended === undefined ? failure : new InheritedNameError(descended, text);
  }
  const deep = tooDeep(parsed);
  if (deep !== undefined) throw new TooDeepError(deep);
  const named = inheritedTable(parsed);
  if (named !== undefined) throw new InheritedNameError(named, text);
  return parsed;
}

/** Takes every key a parse added off the built-ins; the name of the first built-in it was added to. */
function restore(before: ReadonlyMap<object, (string | symbol)[]>): string | undefined {
  let reached: string | undefined;
  for (const [object, keys] of before) {
    const now = Reflect.ownKeys(object);
    if (now.length === keys.length) continue;
    const had = new Set(keys);
    for (const key of now) if (!had.has(key)) Reflect.deleteProperty(object, key);
    reached ??= BUILT_INS.get(object);
  }
  return reached;
}

/** The path to the first value nested deeper than TOML_MAX_DEPTH, found without recursion; undefined if none. */
function tooDeep(root: Record<string, unknown>): string[] | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    if (path.length > TOML_MAX_DEPTH) return path;
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, path: [...path, `[${i}]`] }));
    else if (isTomlTable(value)) for (const key of Object.keys(value)) stack.push({ value: value[key], path: [...path, key] });
  }
  return undefined;
}

/** The names a plain object inherits (but `__proto__`, which the parser makes an own key): a table of one is refused. */
const INHERITED = Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== '__proto__');

/**
 * The key of a table that holds a built-in instead of a table (`[toString]` alone makes one), or that names a table or
 * an array of tables after an inherited member (`constructor = { x = 1 }`, an inline table, reaches no built-in, but
 * is written as the header `[constructor]`, which would), if any.
 */
function inheritedTable(table: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(table)) {
    const value = table[key];
    if (typeof value === 'function') return key;
    const tables = (Array.isArray(value) ? value : [value]).filter(isTomlTable);
    if (tables.length > 0 && INHERITED.includes(key)) return key;
    for (const item of tables) {
      const found = inheritedTable(item);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** A table of a parsed document: an object that is not an array or a date (the parser's dates are Date objects). */
export function isTomlTable(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Where `key` is first written plainly as a table's name: in a header or a dotted key (`key.`, `key]`), else as a key
 * given an inline table or array (`key = {`, `key = [`). Line and column, counted from 1.
 */
function placeOf(key: string, text: string): { line: number; column: number } | undefined {
  const lines = text.split(/\r?\n/).map((line) => line.replace(/#.*$/, ''));
  for (const form of [headerForm(key), new RegExp(`(^|[\\s.[{,])(["']?${escapeRegExp(key)}["']?)\\s*=\\s*[{[]`)]) {
    for (const [i, line] of lines.entries()) {
      const found = form.exec(line);
      if (found) return { line: i + 1, column: found.index + (found[1] ?? '').length + 1 };
    }
  }
  return undefined;
}

/** `key` as a table's name: before a `.` or a `]`. */
function headerForm(key: string): RegExp {
  return new RegExp(`(^|[\\s.[{,])(["']?${escapeRegExp(key)}["']?)\\s*[.\\]]`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
