/**
 * Generation off the main thread. The page sends the topology to a Web Worker and gets the files and
 * diagnostics back, so an edit never waits for the generators, however large the topology: typing,
 * dragging and opening stay responsive while the files catch up. The worker also reads share links and opened files
 * (decompress, parse, schema, restore), so opening a large topology does not stop the page either.
 *
 * One request is in flight at a time. While it runs, edits only replace the topology that is wanted
 * next, so a burst of typing costs one more run, not one per key, and a result that is older than the
 * one shown is never shown. Where there is no Worker (a test's DOM), the same core runs in the page,
 * loaded lazily as before.
 *
 * The worker's answer is cheap to receive: a structured clone of every file of 5,000 nodes (about 60 MB of text)
 * held the page for about 190 ms. So the worker sends only the files whose content changed since its last answer,
 * in parts of at most PART_CHARS characters (each read in a task of its own; a larger file's text in pieces of that
 * size), then the paths in order and the diagnostics; the page puts the bundle together again from those and the file objects of its previous answer
 * (`BundleAssembler`). A new worker has sent nothing yet, so its first answer is whole.
 */
import type { Bundle, BundleFile, FileDiff, FileKeyChanges } from '../generate/index.ts';
import type { Diagnostic, Topology } from '../model/index.ts';
import type { LinkResult, ReadResult } from '../share/index.ts';

/** What a change does to the files: the deployment.toml and values keys, and every file's lines. */
export interface Comparison {
  keys: FileKeyChanges[];
  files: FileDiff[];
}

/** Runs the generation core: the bundle of one topology, or what a change does to the files; and reads links. */
export interface Engine {
  run(topology: Topology, base: string): Promise<Bundle>;
  compare(before: Topology, after: Topology, base: string): Promise<Comparison>;
  /** A share link read and restored (share/link.ts `decodeLink`): a topology, or the errors the page shows. */
  readLink(link: string): Promise<LinkResult>;
  /** An opened file's topology read and restored (`readSource`). */
  readFile(source: FileSource): Promise<ReadResult>;
}

/** What an opened file holds, as the page has read it: a bundle .zip's or a picture's bytes, or text (a .json). */
export type FileSource = { kind: 'zip'; bytes: Uint8Array } | { kind: 'picture'; bytes: Uint8Array } | { kind: 'text'; text: string };

/** The share module's readers `readSource` needs (the worker imports them; the page loads them on first use). */
export interface TopologyReaders {
  readTopology(text: string): ReadResult;
  readBundleZip(bytes: Uint8Array): ReadResult;
  isPng(bytes: Uint8Array): boolean;
  readPngTopology(bytes: Uint8Array): ReadResult;
  readSvgTopology(text: string): ReadResult;
}

/** The topology of an opened file: a bundle .zip, an exported .svg or .png picture, or a .json topology. */
export function readSource(source: FileSource, readers: TopologyReaders): ReadResult {
  switch (source.kind) {
    case 'zip':
      return readers.readBundleZip(source.bytes);
    case 'picture':
      return readers.isPng(source.bytes)
        ? readers.readPngTopology(source.bytes)
        : readers.readSvgTopology(new TextDecoder().decode(source.bytes));
    case 'text':
      // An SVG picture under another name reads as one: a topology is JSON, never markup.
      return /^\ufeff?\s*</.test(source.text) ? readers.readSvgTopology(source.text) : readers.readTopology(source.text);
  }
}

/** The core's tasks, as one object for the inline engine. */
export interface Core {
  bundle(topology: Topology, base: string): Bundle;
  compare(before: Topology, after: Topology, base: string): Comparison;
  readLink(link: string): LinkResult;
  readFile(source: FileSource): ReadResult;
}

/** What the worker is sent. */
export type GenerationRequest =
  | { id: number; task: 'bundle'; topology: Topology; base: string }
  | { id: number; task: 'compare'; before: Topology; after: Topology; base: string }
  | { id: number; task: 'read-link'; link: string }
  | { id: number; task: 'read-file'; source: FileSource };

/**
 * The end of a bundle's answer: every file's path in order and the diagnostics. The files whose content changed
 * since the worker's previous answer came before it, in `files` parts of the same id; the others are as then.
 */
export interface BundleDelta {
  paths: string[];
  diagnostics: Diagnostic[];
}

/** Pieces of the text of a file too large for one message (`BundleSender`), in order. */
export interface FilePiece {
  path: string;
  texts: string[];
}

/** What the worker answers; a bundle comes as zero or more `files` parts and `piece`s, then its `delta`. */
export type GenerationReply =
  | { id: number; files: BundleFile[] }
  | { id: number; piece: FilePiece }
  | { id: number; delta: BundleDelta }
  | { id: number; changes: Comparison }
  | { id: number; read: LinkResult }
  | { id: number; file: ReadResult }
  | { id: number; error: string };

/**
 * The most characters of file content in one message. Reading a message on the page copies its text, about 5 ms per
 * million characters on the benchmark machine, in a task a key typed meanwhile waits for: at 1,000 nodes a load
 * balancer's new label changes 3.4 million characters (README.md, topology.svg, topology.json), which came in two
 * messages of about 10 ms each. In parts of half a million characters no message holds a key for more than 2 or 3 ms.
 */
export const PART_CHARS = 500_000;

/**
 * The worker's side of the cheap answer: remembers what it last sent, and gives the messages of a new bundle (the
 * changed files in parts, then the paths and diagnostics). A worker keeps one for its life; the page's
 * `BundleAssembler` of the same worker holds the other half.
 */
export class BundleSender {
  private sent = new Map<string, BundleFile>();

  messages(id: number, bundle: Bundle, partChars = PART_CHARS): GenerationReply[] {
    const replies: GenerationReply[] = [];
    const next = new Map<string, BundleFile>();
    let part: BundleFile[] = [];
    let chars = 0;
    const flush = () => {
      if (part.length > 0) replies.push({ id, files: part });
      [part, chars] = [[], 0];
    };
    for (const file of bundle.files) {
      next.set(file.path, file);
      const before = this.sent.get(file.path);
      if (before === file || (before && sameFile(before, file))) continue;
      let sent = file;
      if (file.pieces || file.content.length > partChars) {
        // A whole-topology file (network.csv, the picture, the runbook) can be ten million characters: its text goes
        // ahead in pieces, at most a part's worth a message, and the file follows with the last piece as its content.
        // The generator's own pieces are sent as they are: its text whole would be a string of its own (pieces.ts).
        const { pieces = slices(file.content, partChars), ...rest } = file;
        if (pieces.length > 1) flush();
        let texts: string[] = [];
        let size = 0;
        for (const text of pieces.slice(0, -1)) {
          if (texts.length > 0 && size + text.length > partChars) {
            replies.push({ id, piece: { path: file.path, texts } });
            [texts, size] = [[], 0];
          }
          texts.push(text);
          size += text.length;
        }
        if (texts.length > 0) replies.push({ id, piece: { path: file.path, texts } });
        sent = { ...rest, content: pieces.at(-1) ?? '' };
      }
      if (part.length > 0 && chars + sent.content.length > partChars) flush();
      part.push(sent);
      chars += sent.content.length;
    }
    flush();
    replies.push({ id, delta: { paths: bundle.files.map((file) => file.path), diagnostics: bundle.diagnostics } });
    // Kept as sent: the page's copy of a file left out is the one sent before, however the generator made it again.
    for (const [path, file] of next) {
      const before = this.sent.get(path);
      if (before && sameFile(before, file)) next.set(path, before);
    }
    this.sent = next;
    return replies;
  }
}

/** `text` in slices of at most `size` characters (at least one). */
function slices(text: string, size: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length || at === 0; at += size) out.push(text.slice(at, at + size));
  return out;
}

/** The same file for the page: its text, kind and node. (A values file's tree is what its text was written from.) */
function sameFile(a: BundleFile, b: BundleFile): boolean {
  return (
    a.kind === b.kind &&
    a.nodeId === b.nodeId &&
    // Pieces are compared as pieces: comparing the ropes would make each whole (pieces.ts).
    (a.pieces && b.pieces
      ? a.pieces.length === b.pieces.length && a.pieces.every((piece, i) => piece === b.pieces?.[i])
      : a.content === b.content)
  );
}

/**
 * The page's side: gathers a bundle's parts and puts it together with the file objects of the previous answer, so
 * an unchanged file is the same object (and its text the same string) as before. A bundle whose paths name a file
 * it never received is refused: the worker and the page disagree, and the worker must be replaced.
 */
export class BundleAssembler {
  private files = new Map<string, BundleFile>();
  private readonly parts = new Map<number, BundleFile[]>();
  private readonly pieces = new Map<string, string[]>();

  /** A piece of the text of a large file of the answer, ahead of the file itself. */
  addPiece(piece: FilePiece): void {
    const list = this.pieces.get(piece.path);
    if (list) list.push(...piece.texts);
    else this.pieces.set(piece.path, [...piece.texts]);
  }

  /** A part of answer `id`; a file that came in pieces is put together. */
  add(id: number, files: BundleFile[]): void {
    const list = this.parts.get(id) ?? [];
    this.parts.set(id, list);
    for (const file of files) {
      const ahead = this.pieces.get(file.path);
      if (!ahead) list.push(file);
      else {
        this.pieces.delete(file.path);
        // Put together with `+`, not join(''): the engine keeps the pieces as they are, a rope, and copies them into
        // one string only when something reads the text (the file shown, a download), not for every answer.
        list.push({ ...file, content: ahead.reduce((text, piece) => text + piece, '') + file.content });
      }
    }
  }

  /** Answer `id` whole; throws when a file is missing. */
  finish(id: number, delta: BundleDelta): Bundle {
    const changed = new Map<string, BundleFile>();
    for (const file of this.parts.get(id) ?? []) changed.set(file.path, file);
    this.parts.delete(id);
    if (this.pieces.size > 0) {
      this.pieces.clear();
      throw new Error("the generator's answer has a piece of a file it does not send");
    }
    const files: BundleFile[] = [];
    const next = new Map<string, BundleFile>();
    for (const path of delta.paths) {
      const file = changed.get(path) ?? this.files.get(path);
      if (!file) throw new Error(`the generator's answer lacks the file ${path}`);
      files.push(file);
      next.set(path, file);
    }
    this.files = next;
    return { files, diagnostics: delta.diagnostics };
  }
}

/** The state the page shows: the newest bundle and the topology it is for, and why the last try failed. */
export interface GenerationState {
  latest?: { topology: Topology; bundle: Bundle };
  failed?: string | undefined;
}

/**
 * The core in a Web Worker. A worker that fails to load (or dies, or answers what the page cannot put together) is
 * replaced on the next run, and the new one answers in full.
 */
export function workerEngine(create: () => Worker): Engine {
  type Answer =
    Exclude<GenerationReply, { files: BundleFile[] } | { piece: FilePiece } | { delta: BundleDelta }> | { id: number; bundle: Bundle };
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();

  const failAll = (message: string) => {
    worker?.terminate();
    worker = undefined;
    for (const { reject } of pending.values()) reject(new Error(message));
    pending.clear();
  };

  const started = (): Worker => {
    if (worker) return worker;
    const w = create();
    // The new worker has sent no files yet: nothing of the previous one's is kept.
    const own = new BundleAssembler();
    w.onmessage = (event: MessageEvent<GenerationReply>) => {
      if (w !== worker) return;
      const reply = event.data;
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      if ('files' in reply) {
        own.add(reply.id, reply.files);
        return;
      }
      if ('piece' in reply) {
        own.addPiece(reply.piece);
        return;
      }
      pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else if ('delta' in reply) {
        let bundle: Bundle;
        try {
          bundle = own.finish(reply.id, reply.delta);
        } catch (error) {
          waiting.reject(error as Error);
          failAll((error as Error).message);
          return;
        }
        waiting.resolve({ id: reply.id, bundle });
      } else waiting.resolve(reply);
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
  const call = (task: Task): Promise<Answer> => {
    const id = ++next;
    return new Promise<Answer>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Posted in a task of its own: copying a large topology for the worker (a structured clone, tens of ms at
      // 5,000 nodes) does not lengthen the task that asked, which is often the render of an edit or of an opened
      // topology, before its paint.
      setTimeout(() => {
        if (!pending.has(id)) return;
        try {
          started().postMessage({ ...task, id } as GenerationRequest);
        } catch (error) {
          pending.delete(id);
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, 0);
    });
  };
  const other = () => new Error('the generator answered another question');

  return {
    async run(topology, base) {
      const reply = await call({ task: 'bundle', topology, base });
      if (!('bundle' in reply)) throw other();
      return reply.bundle;
    },
    async compare(before, after, base) {
      const reply = await call({ task: 'compare', before, after, base });
      if (!('changes' in reply)) throw other();
      return reply.changes;
    },
    async readLink(link) {
      const reply = await call({ task: 'read-link', link });
      if (!('read' in reply)) throw other();
      return reply.read;
    },
    async readFile(source) {
      const reply = await call({ task: 'read-file', source });
      if (!('file' in reply)) throw other();
      return reply.file;
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
    readLink: async (link) => (await core()).readLink(link),
    readFile: async (source) => (await core()).readFile(source),
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
