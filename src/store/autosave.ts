/**
 * Autosave to localStorage, through zustand `persist`. What comes back from storage is untrusted: it goes
 * through the same restore path as a file. An autosave that is corrupt, or from a newer version of the
 * designer, is never used and never thrown away: it is copied to a "kept aside" key and reported, and
 * the page starts from the sample instead.
 *
 * Writes are debounced (a drag writes once, at the end) and flushed when the page is hidden. zustand's
 * persist asks to save on every state change (a typed key's draft, a selection), so a save of the
 * topology already pending or written costs nothing, and the topology is turned into text only when
 * it is written, once per burst of edits, when the page is idle.
 */
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import type { Topology } from '../model/index.ts';
import { formatReadError, restoreTopology, withoutSecrets } from '../share/index.ts';

export const AUTOSAVE_KEY = 'apim-topology-designer';
/** This browser's preferences (no topology, no secret): whether the autosave keeps passwords out. */
export const PREFERENCES_KEY = 'apim-topology-designer:preferences';
/** The version of what the autosave holds: `{ topology }` in format apim-topology/1. */
export const AUTOSAVE_VERSION = 1;
const WRITE_DELAY_MS = 400;
/**
 * The largest topology the autosave keeps. A bigger one would slow every reload (restoring, drawing and
 * generating it before the page answers), so it is not autosaved, and a notice says to save it as a file.
 */
export const AUTOSAVE_MAX_NODES = 2000;

export interface Persisted {
  topology: Topology;
}

/** An autosave that could not be used, kept under `key` for the user to download. */
export interface KeptAside {
  key: string;
  reason: string;
}

export interface AutosaveStorage extends PersistStorage<Persisted> {
  /** Writes a pending save now. */
  flush(): void;
  /** What the last read kept aside, if anything. */
  keptAside(): KeptAside | undefined;
  /** Told when the autosave stops working (storage blocked, full or read-only), and when it works again (null). */
  onProblem?: (message: string | null) => void;
  /** Whether the autosave writes passwords and tokens as placeholders, as a share link does. */
  keepSecretsOut: boolean;
  /** While set, nothing is written: another tab saved a newer topology and the person has not chosen yet. */
  paused: boolean;
  /** Why the autosave cannot work, found when the storage was opened or read; undefined when it can. */
  problem(): string | undefined;
}

/** Runs `write` when the page is idle (at most `IDLE_TIMEOUT_MS` later), where the browser can say. */
const IDLE_TIMEOUT_MS = 2000;

export function autosaveStorage(storage: Storage | undefined): AutosaveStorage {
  let pending: { name: string; value: StorageValue<Persisted>; secretsOut: boolean } | undefined;
  /** The topology last asked to be saved (pending or written), and in which form: asking again is a no-op. */
  let last: { topology: Topology; secretsOut: boolean } | undefined;
  let idle: number | undefined;
  /**
   * What storage holds as far as this tab knows: the text it read or last wrote. zustand's persist asks
   * to save on every state change (a selection, a notice), and a tab that has not edited must never write
   * its old topology over a newer one another tab saved.
   */
  let known: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let aside: KeptAside | undefined;

  let problem: string | undefined = storage
    ? undefined
    : "this browser blocks the page's storage, so your work is not autosaved: save topology.json to keep it";
  const report = (message: string | null) => {
    if ((message ?? undefined) === problem) return; // said already (telling the store saves again)
    problem = message ?? undefined;
    api.onProblem?.(message);
  };

  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (idle !== undefined) globalThis.cancelIdleCallback?.(idle);
    idle = undefined;
  };
  const write = () => {
    cancel();
    if (!pending || !storage) return;
    const { name, value, secretsOut } = pending;
    pending = undefined;
    const text = JSON.stringify(secretsOut ? { ...value, state: { topology: withoutSecrets(value.state.topology) } } : value);
    if (text === known) {
      // Storage holds this already: nothing to write, and nothing unsaved to warn about.
      if (problem) report(null);
      return;
    }
    try {
      storage.setItem(name, text);
      known = text;
      if (problem) report(null);
    } catch (error) {
      const name = (error as Error).name;
      report(
        name === 'QuotaExceededError'
          ? "the browser's storage is full, so your latest edits are not autosaved: save topology.json to keep them"
          : `the browser refused to autosave (${name}): save topology.json to keep your work`,
      );
    }
  };

  const keepAside = (name: string, text: string, reason: string): void => {
    if (!storage) return; // nothing was read, so nothing to keep aside
    const key = uniqueKey(storage, `${name}:kept-aside`);
    try {
      storage.setItem(key, text);
      aside = { key, reason };
    } catch {
      // Storage is full: leave the autosave where it is, untouched, and use the sample without saving.
      aside = { key: name, reason };
      readOnly = true;
      problem =
        "the browser's storage is full, so the unreadable autosave could not be kept aside and your new work is not autosaved: save topology.json to keep it";
    }
  };
  let readOnly = false;

  const api: AutosaveStorage = {
    getItem(name): StorageValue<Persisted> | null {
      if (!storage) return null;
      let text: string | null;
      try {
        text = storage.getItem(name);
      } catch (error) {
        problem = `the browser refused to read the autosave (${(error as Error).name}), so your work is not autosaved: save topology.json to keep it`;
        readOnly = true;
        return null;
      }
      if (text === null) return null;
      const read = readAutosave(text);
      if (read.ok) {
        known = JSON.stringify(read.value);
        last = { topology: read.value.state.topology, secretsOut: api.keepSecretsOut };
        return read.value;
      }
      keepAside(name, text, read.reason);
      return null;
    },
    setItem(name, value) {
      if (readOnly) return;
      if (api.paused) {
        pending = undefined;
        last = undefined;
        return;
      }
      const { topology } = value.state;
      if (last && last.topology === topology && last.secretsOut === api.keepSecretsOut) return;
      last = { topology, secretsOut: api.keepSecretsOut };
      const count = topology.nodes.length;
      if (count > AUTOSAVE_MAX_NODES) {
        pending = undefined;
        report(
          `the topology has ${count.toLocaleString('en')} nodes, more than the ${AUTOSAVE_MAX_NODES.toLocaleString('en')} the autosave keeps (a bigger one would slow every reload), so this browser still holds your earlier work: save topology.json to keep this one`,
        );
        return;
      }
      pending = { name, value, secretsOut: api.keepSecretsOut };
      // After the burst of edits, when the page is idle: typing never waits for the text of the topology.
      if (timer === undefined && idle === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          if (typeof globalThis.requestIdleCallback === 'function')
            idle = globalThis.requestIdleCallback(write, { timeout: IDLE_TIMEOUT_MS });
          else write();
        }, WRITE_DELAY_MS);
      }
    },
    removeItem(name) {
      storage?.removeItem(name);
    },
    flush: write,
    keptAside: () => aside,
    keepSecretsOut: false,
    paused: false,
    problem: () => problem,
  };
  return api;
}

type AutosaveRead = { ok: true; value: StorageValue<Persisted> } | { ok: false; reason: string };

/** Restores an autosave's text: JSON, then its version, then the topology through the file restore path. */
export function readAutosave(text: string): AutosaveRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the autosave is not valid JSON (it may have been cut off)' };
  }
  if (value === null || typeof value !== 'object') return { ok: false, reason: 'the autosave is not an object' };
  const { version, state } = value as { version?: unknown; state?: unknown };
  if (typeof version !== 'number') return { ok: false, reason: 'the autosave has no version' };
  if (version > AUTOSAVE_VERSION) {
    return {
      ok: false,
      reason: `the autosave is from a newer version of the designer (autosave version ${version}, this page reads ${AUTOSAVE_VERSION})`,
    };
  }
  const topology = (state as { topology?: unknown } | undefined)?.topology;
  const restored = restoreTopology(topology);
  if (!restored.ok) {
    return { ok: false, reason: `the autosaved topology is damaged: ${restored.errors.slice(0, 3).map(formatReadError).join('; ')}` };
  }
  // In the order persist writes it, so `known` compares equal.
  return { ok: true, value: { state: { topology: restored.topology }, version: AUTOSAVE_VERSION } };
}

function uniqueKey(storage: Storage, base: string): string {
  if (storage.getItem(base) === null) return base;
  for (let n = 2; ; n++) if (storage.getItem(`${base}-${n}`) === null) return `${base}-${n}`;
}
