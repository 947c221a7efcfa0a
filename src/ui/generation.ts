/**
 * Generation off the main thread. The page sends the topology to a Web Worker and gets the files and
 * diagnostics back, so an edit never waits for the generators, however large the topology: typing,
 * dragging and opening stay responsive while the files catch up.
 *
 * One request is in flight at a time. While it runs, edits only replace the topology that is wanted
 * next, so a burst of typing costs one more run, not one per key, and a result that is older than the
 * one shown is never shown. Where there is no Worker (a test's DOM), the same core runs in the page,
 * loaded lazily as before.
 */
import type { Bundle, FileDiff, FileKeyChanges } from '../generate/index.ts';
import type { Topology } from '../model/index.ts';

/** What a change does to the files: the deployment.toml and values keys, and every file's lines. */
export interface Comparison {
  keys: FileKeyChanges[];
  files: FileDiff[];
}

/** Runs the generation core: the bundle of one topology, or what a change does to the files. */
export interface Engine {
  run(topology: Topology, base: string): Promise<Bundle>;
  compare(before: Topology, after: Topology, base: string): Promise<Comparison>;
}

/** The core's two tasks, as one object for the inline engine. */
export interface Core {
  bundle(topology: Topology, base: string): Bundle;
  compare(before: Topology, after: Topology, base: string): Comparison;
}

/** What the worker is sent, and what it answers. */
export type GenerationRequest =
  | { id: number; task: 'bundle'; topology: Topology; base: string }
  | { id: number; task: 'compare'; before: Topology; after: Topology; base: string };
export type GenerationReply = { id: number; bundle: Bundle } | { id: number; changes: Comparison } | { id: number; error: string };

/** The state the page shows: the newest bundle and the topology it is for, and why the last try failed. */
export interface GenerationState {
  latest?: { topology: Topology; bundle: Bundle };
  failed?: string | undefined;
}

/** The core in a Web Worker. A worker that fails to load (or dies) is replaced on the next run. */
export function workerEngine(create: () => Worker): Engine {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: (reply: GenerationReply) => void; reject: (error: Error) => void }>();

  const failAll = (message: string) => {
    worker?.terminate();
    worker = undefined;
    for (const { reject } of pending.values()) reject(new Error(message));
    pending.clear();
  };

  const started = (): Worker => {
    if (worker) return worker;
    const w = create();
    w.onmessage = (event: MessageEvent<GenerationReply>) => {
      const reply = event.data;
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply);
    };
    // A script that could not be fetched, or an error the worker did not catch.
    w.onerror = (event) => {
      event.preventDefault();
      const message = (event as Partial<ErrorEvent>).message;
      failAll(message ? message : 'the generator could not be loaded');
    };
    w.onmessageerror = () => failAll('the generator sent a reply the page could not read');
    return (worker = w);
  };

  type Task = GenerationRequest extends infer R ? (R extends GenerationRequest ? Omit<R, 'id'> : never) : never;
  const call = (task: Task): Promise<GenerationReply> => {
    const id = ++next;
    return new Promise<GenerationReply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      started().postMessage({ ...task, id } as GenerationRequest);
    });
  };

  return {
    async run(topology, base) {
      const reply = await call({ task: 'bundle', topology, base });
      if (!('bundle' in reply)) throw new Error('the generator answered another question');
      return reply.bundle;
    },
    async compare(before, after, base) {
      const reply = await call({ task: 'compare', before, after, base });
      if (!('changes' in reply)) throw new Error('the generator answered another question');
      return reply.changes;
    },
  };
}

/** The core in the page, loaded on first use; a failed load is tried again on the next run. */
export function inlineEngine(load: () => Promise<Core>): Engine {
  let loading: ReturnType<typeof load> | undefined;
  const core = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return {
    run: async (topology, base) => (await core()).bundle(topology, base),
    compare: async (before, after, base) => (await core()).compare(before, after, base),
  };
}

/**
 * The page's generation: the latest result, one run at a time, and a way to wait for the files of a
 * given topology (the download). Subscribe with `useSyncExternalStore`.
 */
export class Generation {
  private state: GenerationState = {};
  private readonly listeners = new Set<() => void>();
  private readonly results = new WeakMap<Topology, Bundle>();
  private readonly waiters = new Map<Topology, { resolve: (bundle: Bundle) => void; reject: (error: Error) => void }[]>();
  private wanted?: Topology;
  private running = false;

  constructor(
    private readonly engine: Engine,
    private readonly base: () => string,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): GenerationState => this.state;

  /** Asks for the files of `topology`; the newest ask wins over any not yet started. */
  want(topology: Topology): void {
    this.wanted = topology;
    this.pump();
  }

  /** Tries again after a failure. */
  retry = (): void => {
    if (!this.state.failed) return;
    this.set({ ...this.state, failed: undefined });
    this.pump();
  };

  /** What replacing `before` with `after` does to the files: key by key, and line by line. */
  compare(before: Topology, after: Topology): Promise<Comparison> {
    return this.engine.compare(before, after, this.base());
  }

  /** The files of exactly `topology`, generated if they are not yet. */
  bundleFor(topology: Topology): Promise<Bundle> {
    const done = this.results.get(topology);
    if (done) return Promise.resolve(done);
    return new Promise<Bundle>((resolve, reject) => {
      const list = this.waiters.get(topology) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(topology, list);
      if (this.state.failed) this.set({ ...this.state, failed: undefined });
      this.want(topology);
    });
  }

  private pump(): void {
    const topology = this.wanted;
    if (this.running || this.state.failed || !topology || topology === this.state.latest?.topology) return;
    this.running = true;
    this.engine.run(topology, this.base()).then(
      (bundle) => {
        this.running = false;
        this.results.set(topology, bundle);
        for (const waiter of this.waiters.get(topology) ?? []) waiter.resolve(bundle);
        this.waiters.delete(topology);
        this.set({ latest: { topology, bundle } });
        this.pump();
      },
      (error: unknown) => {
        this.running = false;
        const message = error instanceof Error ? error.message : String(error);
        for (const list of this.waiters.values()) for (const waiter of list) waiter.reject(new Error(message));
        this.waiters.clear();
        this.set({ ...this.state, failed: message });
      },
    );
  }

  private set(state: GenerationState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
