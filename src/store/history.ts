/**
 * How an edit enters undo history. Each store action declares a policy (`ACTION_HISTORY` in
 * designer.ts), as excalidraw's actions return their `captureUpdate`: no component names undo keys, and
 * no clock decides what merges. Which field an edit touched is derived here, from the edit itself.
 */

/**
 * - `step`: a step of its own: a committed field value (Enter, leaving the field), a drop, an add, a
 *   paste, an opened file. A commit of the field whose live previews left a step open joins that step
 *   and closes it, so what was typed, previewed and committed is one step.
 * - `merge-with-same-field`: a live preview while typing (a label, the topology name). It joins the
 *   step a preview of the same field opened, or opens one.
 * - `none`: not in history: the session's state (selection, drafts, notices, preferences).
 */
export type HistoryPolicy = 'step' | 'merge-with-same-field' | 'none';

/** What history does with one change to the topology, and which field's step stays open after it. */
export interface HistoryTurn {
  /** `new`: a step of its own; `join`: folded into the last step; `skip`: not recorded. */
  record: 'new' | 'join' | 'skip';
  open: string | null;
}

/**
 * The turn for a change made under `policy`, when the last step was opened by previews of the field
 * `open` (null: no step is open). `field` says what the change edits; it is asked only when needed.
 */
export function historyTurn(policy: HistoryPolicy, field: () => string | null, open: string | null): HistoryTurn {
  switch (policy) {
    case 'none':
      // The open step's "before" no longer leads to what comes next: nothing joins it any more.
      return { record: 'skip', open: null };
    case 'step':
      return { record: open !== null && field() === open ? 'join' : 'new', open: null };
    case 'merge-with-same-field': {
      const edited = field();
      return edited !== null && edited === open ? { record: 'join', open } : { record: 'new', open: edited };
    }
  }
}

/** Past this many changed values an edit is not one field (a paste, a move of many nodes). */
const MAX_PATHS = 8;

/**
 * The field an edit touched, as the paths of the values it changed: `nodes.2.label`, `name`,
 * `settings.superAdmin.password`; null when it changed more than a field's worth. Nodes are named by
 * their place, so a rename is the same node. Shared parts are skipped by reference, so the cost follows
 * the size of the change, not of the topology.
 */
export function editedField(before: unknown, after: unknown): string | null {
  const paths: string[] = [];
  changed(before, after, '', paths);
  return paths.length > MAX_PATHS ? null : paths.sort().join(' ');
}

/**
 * Whether two values hold the same data, whatever the order of their keys: two topologies that would be written as
 * the same file (serializeTopology), as far as the values a topology holds go.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const paths: string[] = [];
  changed(a, b, '', paths);
  return paths.length === 0;
}

function changed(a: unknown, b: unknown, path: string, out: string[]): void {
  if (Object.is(a, b) || out.length > MAX_PATHS) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length === b.length && a.every((item, i) => Object.is(item, b[i]))) return;
    // Lists of values (comma lists) are one field; lists of objects (nodes, links) are looked into.
    if (a.length !== b.length || !a.some(isRecord)) out.push(path);
    else a.forEach((item, i) => changed(item, b[i], join(path, String(i)), out));
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) changed(a[key], b[key], join(path, key), out);
    return;
  }
  out.push(path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
