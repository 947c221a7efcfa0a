/**
 * What a change does to the deployment.toml files, key by key: the keys each file gains, loses and
 * changes between two bundles (switching the API-M version, say). Keys are TOML dotted paths, with the
 * place in an array of tables: `apim.throttling.url_group[1].traffic_manager_urls`.
 */
import { parseTomlText } from './toml/index.ts';
import type { Bundle } from './bundle.ts';

export interface KeyChange {
  key: string;
  /** The value before, as TOML-ish text; absent for an added key. */
  from?: string;
  /** The value after; absent for a removed key. */
  to?: string;
}

export interface FileKeyChanges {
  path: string;
  /** The file is new, or gone, in the second bundle. */
  file?: 'added' | 'removed';
  added: KeyChange[];
  removed: KeyChange[];
  changed: KeyChange[];
}

/** A file whose keys are compared, with its text and a way to flatten it. */
interface Keyed {
  content: string;
  keys: () => Map<string, string>;
}

/** The deployment.toml files by their TOML, the Helm values files by the tree they were written from. */
function keyedFiles(bundle: Bundle): Map<string, Keyed> {
  const out = new Map<string, Keyed>();
  for (const file of bundle.files) {
    if (file.kind === 'deployment.toml') out.set(file.path, { content: file.content, keys: () => flatKeys(file.content) });
    else if (file.kind === 'helm-values' && file.values) {
      const { values } = file;
      out.set(file.path, { content: file.content, keys: () => flatTree(values) });
    }
  }
  return out;
}

/**
 * The deployment.toml and Helm values files that differ between `before` and `after`, in the order of `after`
 * (removed files last).
 */
export function bundleKeyDiff(before: Bundle, after: Bundle): FileKeyChanges[] {
  const old = keyedFiles(before);
  const next = keyedFiles(after);
  const out: FileKeyChanges[] = [];
  for (const [path, file] of next) {
    const was = old.get(path);
    if (was?.content === file.content) continue;
    const changes = keyDiff(was === undefined ? new Map() : was.keys(), file.keys());
    out.push({ path, ...(was === undefined ? { file: 'added' as const } : {}), ...changes });
  }
  for (const [path, file] of old) {
    if (!next.has(path)) out.push({ path, file: 'removed', ...keyDiff(file.keys(), new Map()) });
  }
  return out.filter((f) => f.file || f.added.length + f.removed.length + f.changed.length > 0);
}

function keyDiff(before: Map<string, string>, after: Map<string, string>): Pick<FileKeyChanges, 'added' | 'removed' | 'changed'> {
  const added: KeyChange[] = [];
  const removed: KeyChange[] = [];
  const changed: KeyChange[] = [];
  for (const [key, to] of after) {
    const from = before.get(key);
    if (from === undefined) added.push({ key, to });
    else if (from !== to) changed.push({ key, from, to });
  }
  for (const [key, from] of before) if (!after.has(key)) removed.push({ key, from });
  return { added, removed, changed };
}

/** Every leaf key of a TOML text, with its value as short text. */
export function flatKeys(text: string): Map<string, string> {
  return flatTree(parseTomlText(text));
}

/** Every leaf key of a tree (a parsed TOML document, a Helm values tree), with its value as short text. */
function flatTree(tree: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value) && value.length > 0 && value.every(isTable)) {
      value.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (isTable(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0 && path) out.set(path, '{}');
      for (const [key, inner] of entries) walk(inner, path ? `${path}.${quoteKey(key)}` : quoteKey(key));
    } else {
      out.set(path, JSON.stringify(value));
    }
  };
  walk(tree, '');
  return out;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A key as TOML writes it in a dotted path: bare when it can be, quoted otherwise. */
function quoteKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}
