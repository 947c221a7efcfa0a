/**
 * Autosave to localStorage (the store reads it as it is made, and asks to save after every change). What comes back from storage is untrusted: it goes
 * through the same restore path as a file. An autosave that is corrupt, or from a newer version of the
 * designer, is never used and never thrown away: it is copied to a "kept aside" key and reported, and
 * the page starts from the sample instead.
 *
 * The text is restored by a reader it is given (store/restore.ts `readAutosave`, or the page's, which loads that code
 * first and answers later). While an answer is awaited nothing is written, so the topology the page holds
 * meanwhile never replaces the autosave. "Keep passwords out" writes through share's `withoutSecrets`, which the page
 * loads when the preference is first on: a write waits for it, and never goes out with the passwords instead.
 *
 * Writes are debounced (a drag writes once, at the end) and flushed when the page is hidden. The store
 * asks to save on every state change (a typed key's draft, a selection), so a save of the
 * topology already pending or written costs nothing, and the topology is turned into text only when
 * it is written, once per burst of edits, when the page is idle.
 */
/** What is stored: the persisted state and the version of its form. */
export interface StorageValue<S> {
  state: S;
  version: number;
}
import type { Topology } from '../model/index.ts';

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

/** What an autosave's text restores to (store/restore.ts). */
export type AutosaveRead = { ok: true; value: StorageValue<Persisted> } | { ok: false; reason: string };

/** Restores an autosave's text: `readAutosave` at once, or the page's, which answers once that code has loaded. */
export type AutosaveReader = (text: string) => AutosaveRead | Promise<AutosaveRead>;

/** A topology with its passwords and tokens as placeholders, as a share link has them (share `withoutSecrets`). */
export type SecretsRemover = (topology: Topology) => Topology;

/** The code the autosave uses that is not its own: the page loads it after its first chunk. */
export interface AutosaveCode {
  read: AutosaveReader;
  /** At hand, or loaded when "keep passwords out" is first on (the page). */
  withoutSecrets: { now: SecretsRemover } | { load: () => Promise<SecretsRemover> };
}

export interface AutosaveStorage {
  /** The autosave under `name`, restored: at once, or when the reader answers; null when there is none to use. */
  getItem(name: string): StorageValue<Persisted> | null | Promise<StorageValue<Persisted> | null>;
  /** Asks to save `value` (after the burst of edits, when the page is idle; nothing if it is saved already). */
  setItem(name: string, value: StorageValue<Persisted>): void;
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
  /** Whether the autosave is being restored (the reader has not answered yet): nothing is written meanwhile. */
  restoring(): boolean;
  /**
   * Holds writes back (a pending one waits, `flush` included) until as many `release`s: while another tab's save is
   * compared with this tab's topology, this tab writes nothing over it.
   */
  hold(): void;
  release(): void;
  /** Starts loading what writing in the form the preference asks for needs, if it is not at hand. */
  prepare(): void;
  /**
   * Settles once the secrets' remover is loaded (or failed to load), when "keep passwords out" is on and it is not
   * loaded yet; undefined otherwise. The store stays `restoring` until then, so no edit can wait on it at page close.
   */
  secretsReady(): Promise<void> | undefined;
}

/** Runs `write` when the page is idle (at most `IDLE_TIMEOUT_MS` later), where the browser can say. */
const IDLE_TIMEOUT_MS = 2000;
/**
 * A person who pressed a key or a pointer this recently is still typing or dragging: the write (the topology's text
 * and storage's copy, 10–20 ms at 1,000 nodes) waits for the pause, so it never lands on their next key. It waits
 * at most `TYPING_MAX_WAIT_MS` from the first change not yet saved.
 */
const TYPING_QUIET_MS = 600;
const TYPING_MAX_WAIT_MS = 5000;

/** When the person last pressed a key or a pointer (performance.now()), heard on the page in the capture phase. */
let lastInput = -Infinity;
let listening = false;
function listenForInput(): void {
  if (listening || typeof globalThis.addEventListener !== 'function') return;
  listening = true;
  const heard = () => {
    lastInput = performance.now();
  };
  for (const type of ['keydown', 'pointerdown']) globalThis.addEventListener(type, heard, { capture: true, passive: true });
}

export function autosaveStorage(storage: Storage | undefined, code: AutosaveCode): AutosaveStorage {
  if (storage) listenForInput();
  const reader = code.read;
  let remover = 'now' in code.withoutSecrets ? code.withoutSecrets.now : undefined;
  let loadingRemover = false;
  /** The remover's load, settled either way. */
  let removerLoad: Promise<void> | undefined;
  let pending: { name: string; value: StorageValue<Persisted>; secretsOut: boolean } | undefined;
  /** The topology last asked to be saved (pending or written), and in which form: asking again is a no-op. */
  let last: { topology: Topology; secretsOut: boolean } | undefined;
  let idle: number | undefined;
  /**
   * What storage holds as far as this tab knows: the text it read or last wrote. The store asks
   * to save on every state change (a selection, a notice), and a tab that has not edited must never write
   * its old topology over a newer one another tab saved.
   */
  let known: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest change not yet saved was asked to be saved (performance.now()). */
  let unsavedSince: number | undefined;
  let aside: KeptAside | undefined;
  /** While the reader's answer is awaited. */
  let restoring = false;
  let held = 0;

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
  /** Loads the secrets' remover, and writes what waited for it. */
  const loadRemover = () => {
    if (remover || loadingRemover || !('load' in code.withoutSecrets)) return;
    loadingRemover = true;
    removerLoad = code.withoutSecrets.load().then(
      (loaded) => {
        loadingRemover = false;
        remover = loaded;
        if (pending) write();
      },
      (error: unknown) => {
        loadingRemover = false; // the next write tries again
        report(
          `the autosave could not keep passwords out (${error instanceof Error ? error.message : String(error)}), so your latest edits are not autosaved: save topology.json to keep them`,
        );
      },
    );
  };
  const write = () => {
    cancel();
    if (held > 0 || !pending || !storage) return;
    const { name, value, secretsOut } = pending;
    if (secretsOut && !remover) {
      // Written once the remover is loaded: never with the passwords in it.
      loadRemover();
      return;
    }
    pending = undefined;
    unsavedSince = undefined;
    const text = JSON.stringify(secretsOut && remover ? { ...value, state: { topology: remover(value.state.topology) } } : value);
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

  /** After the burst of edits, when the page is idle and the person has paused: typing never waits for the text of the topology. */
  const schedule = (delay = WRITE_DELAY_MS) => {
    if (timer !== undefined || idle !== undefined) return;
    unsavedSince ??= performance.now();
    timer = setTimeout(() => {
      timer = undefined;
      if (typeof globalThis.requestIdleCallback === 'function')
        idle = globalThis.requestIdleCallback(whenPaused, { timeout: IDLE_TIMEOUT_MS });
      else whenPaused();
    }, delay);
  };
  /** Writes, unless the person is still typing or dragging and the changes have not waited too long already. */
  const whenPaused = () => {
    idle = undefined;
    const now = performance.now();
    const since = now - lastInput;
    // (A clock behind the last key, as a test's fake one, means no typing.)
    const typing = since >= 0 && since < TYPING_QUIET_MS;
    if (typing && unsavedSince !== undefined && now - unsavedSince < TYPING_MAX_WAIT_MS) {
      schedule(TYPING_QUIET_MS - since);
      return;
    }
    write();
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
    getItem(name): StorageValue<Persisted> | null | Promise<StorageValue<Persisted> | null> {
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
      // The form the topology is known in: the preference as it was when the read began.
      const secretsOut = api.keepSecretsOut;
      const restored = (read: AutosaveRead): StorageValue<Persisted> | null => {
        if (read.ok) {
          known = JSON.stringify(read.value);
          last = { topology: read.value.state.topology, secretsOut };
          return read.value;
        }
        keepAside(name, text, read.reason);
        return null;
      };
      const read = reader(text);
      if (!(read instanceof Promise)) return restored(read);
      restoring = true;
      return read.then(
        (answer) => {
          restoring = false;
          return restored(answer);
        },
        (error: unknown) => {
          // The restore path could not be loaded: the autosave is left as it is, never written over, and the page says so.
          restoring = false;
          readOnly = true;
          problem = `the autosave could not be read (${error instanceof Error ? error.message : String(error)}), so it is left as it was and your work is not autosaved: reload the page to restore it, or save topology.json to keep this work`;
          return null;
        },
      );
    },
    setItem(name, value) {
      if (readOnly || restoring) return;
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
      if (pending.secretsOut) loadRemover();
      schedule();
    },
    flush: write,
    keptAside: () => aside,
    keepSecretsOut: false,
    paused: false,
    problem: () => problem,
    restoring: () => restoring,
    hold() {
      held++;
    },
    release() {
      held = Math.max(0, held - 1);
      if (held === 0 && pending) schedule();
    },
    prepare() {
      if (api.keepSecretsOut) loadRemover();
    },
    secretsReady: () => (api.keepSecretsOut && !remover ? removerLoad : undefined),
  };
  return api;
}

function uniqueKey(storage: Storage, base: string): string {
  if (storage.getItem(base) === null) return base;
  for (let n = 2; ; n++) if (storage.getItem(`${base}-${n}`) === null) return `${base}-${n}`;
}
