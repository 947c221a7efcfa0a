/**
 * The only place that knows TOML syntax. Writes TOML 0.5 (what WSO2's config mapper parses):
 * plain integers (`9443`, never `9_443`), double-quoted escaped strings, bare keys where allowed and
 * quoted keys elsewhere, comments that can never become anything but comments.
 */
import type { TomlDocument, TomlTable, TomlValue } from './document.ts';

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * The document's text. `written` caches each table's text by table object: the documents of one
 * generation share tables (the same object in every member of a cluster), and pass one cache so each
 * shared table is written once.
 */
export function writeToml(document: TomlDocument, written: Map<TomlTable, string> = new Map()): string {
  const parts: string[] = [];
  for (const line of document.header) parts.push(`${comment(line)}\n`);
  for (const t of document.tables) {
    if (parts.length > 0) parts.push('\n');
    let text = written.get(t);
    if (text === undefined) {
      text = tableText(t);
      written.set(t, text);
    }
    parts.push(text);
  }
  return parts.length > 0 ? parts.join('') : '\n';
}

/** A table's lines, each ending in a newline. */
function tableText(t: TomlTable): string {
  const lines: string[] = [];
  writeTableLines(lines, t);
  return `${lines.join('\n')}\n`;
}

function writeTableLines(out: string[], t: TomlTable): void {
  for (const line of t.comment ?? []) out.push(comment(line));
  const path = t.path.map(key).join('.');
  out.push(t.array ? `[[${path}]]` : `[${path}]`);
  for (const entry of t.entries) {
    if (entry.comment !== undefined) out.push(comment(entry.comment));
    out.push(`${key(entry.key)} = ${value(entry.value)}`);
  }
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const COMMENT_UNSAFE = /[\u0000-\u001f\u007f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const COMMENT_UNSAFE_ALL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** A comment line: control characters (a newline above all) become spaces, so text stays a comment. */
export function comment(text: string): string {
  const clean = (COMMENT_UNSAFE.test(text) ? text.replace(COMMENT_UNSAFE_ALL, ' ') : text).trimEnd();
  return clean === '' ? '#' : `# ${clean}`;
}

export function key(name: string): string {
  if (BARE_KEY.test(name)) return name;
  // A literal (single-quoted) key where it can hold the name, as WSO2 writes 'header.X-WSO2-KEY-MANAGER'.
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (!name.includes("'") && !/[\u0000-\u001f\u007f]/.test(name)) return `'${name}'`;
  return basicString(name);
}

export function value(v: TomlValue): string {
  if (typeof v === 'string') return basicString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    // A float comes only from a person's custom TOML (generate/customToml.ts): String() writes it as TOML reads it.
    if (Number.isFinite(v) && !Number.isInteger(v)) return String(v);
    if (!Number.isSafeInteger(v)) throw new Error(`TOML writer: ${v} is not a number the generator may emit`);
    return String(v);
  }
  if (v.length > 0) {
    const kind = Array.isArray(v[0]) ? 'array' : typeof v[0];
    // TOML 0.5 arrays hold one type only.
    if (v.some((item) => (Array.isArray(item) ? 'array' : typeof item) !== kind)) {
      throw new Error('TOML writer: arrays must not mix types (TOML 0.5)');
    }
  }
  return `[${v.map(value).join(', ')}]`;
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
};

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const STRING_UNSAFE = /["\\\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const STRING_UNSAFE_ALL = /["\\\u0000-\u001f\u007f]/g;

export function basicString(text: string): string {
  if (!STRING_UNSAFE.test(text)) return `"${text}"`;
  const escaped = text.replace(STRING_UNSAFE_ALL, (ch) => {
    return ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}
