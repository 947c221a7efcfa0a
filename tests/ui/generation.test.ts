/**
 * The page's generation off the main thread (src/ui/generation.ts): one run at a time, the newest ask
 * wins, a result older than the one shown is never shown, a failure is reported and retried, and the
 * download waits for the files of exactly its topology. The worker engine replaces a worker that
 * failed to load. The worker sends only the files that changed since its last answer, and the page puts the
 * bundle together again from its previous files; a new worker answers in full.
 */
import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/generate/index.ts';
import type { BundleFile } from '../../src/generate/index.ts';
import type { Engine, GenerationReply, GenerationRequest } from '../../src/ui/generation.ts';
import type { TopologyReaders } from '../../src/ui/generation.ts';
import { BundleAssembler, BundleSender, Generation, readSource, workerEngine } from '../../src/ui/generation.ts';
import { emptyTopology } from '../../src/model/index.ts';
import type { Topology } from '../../src/model/index.ts';

/** An engine whose runs the test finishes by hand, in any order. */
function manualEngine() {
  const runs: { topology: Topology; resolve: (b: Bundle) => void; reject: (e: Error) => void }[] = [];
  const engine: Engine = {
    run: (topology) => new Promise<Bundle>((resolve, reject) => runs.push({ topology, resolve, reject })),
    compare: () => Promise.resolve({ keys: [], files: [] }),
    readLink: () => Promise.reject(new Error('not asked')),
    readFile: () => Promise.reject(new Error('not asked')),
  };
  return { engine, runs };
}

const bundleOf = (topology: Topology): Bundle => ({
  files: [{ path: `${topology.name}.txt`, content: topology.name, kind: 'runbook' }],
  diagnostics: [],
});
const named = (name: string): Topology => emptyTopology('4.5.0', name);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
/** The worker engine posts each request in a task of its own. */
const posted = settle;

describe('Generation', () => {
  it('runs one at a time, and of a burst of edits runs only the newest next', async () => {
    const { engine, runs } = manualEngine();
    const generation = new Generation(engine, () => 'http://x/');
    const [a, b, c] = [named('a'), named('b'), named('c')];
    generation.want(a);
    generation.want(b);
    generation.want(c);
    expect(runs.map((r) => r.topology.name)).toEqual(['a']);
    runs[0]!.resolve(bundleOf(a));
    await settle();
    // a's result is shown (it is newer than nothing), and c, not b, runs next.
    expect(generation.getSnapshot().latest?.topology).toBe(a);
    expect(runs.map((r) => r.topology.name)).toEqual(['a', 'c']);
    runs[1]!.resolve(bundleOf(c));
    await settle();
    expect(generation.getSnapshot().latest?.bundle.files[0]!.content).toBe('c');
    expect(runs).toHaveLength(2);
  });

  it('does not run again for the topology it already shows', async () => {
    const { engine, runs } = manualEngine();
    const generation = new Generation(engine, () => 'http://x/');
    const a = named('a');
    generation.want(a);
    runs[0]!.resolve(bundleOf(a));
    await settle();
    generation.want(a);
    expect(runs).toHaveLength(1);
  });

  it('reports a failure, keeps the last files, and runs again on retry', async () => {
    const { engine, runs } = manualEngine();
    const generation = new Generation(engine, () => 'http://x/');
    const [a, b] = [named('a'), named('b')];
    let heard = 0;
    generation.subscribe(() => heard++);
    generation.want(a);
    runs[0]!.resolve(bundleOf(a));
    await settle();
    generation.want(b);
    runs[1]!.reject(new Error('the generator could not be loaded'));
    await settle();
    expect(generation.getSnapshot()).toMatchObject({ failed: 'the generator could not be loaded', latest: { topology: a } });
    // No run by itself while failed: an edit does not hammer a broken connection.
    generation.want(b);
    expect(runs).toHaveLength(2);
    generation.retry();
    expect(generation.getSnapshot().failed).toBeUndefined();
    runs[2]!.resolve(bundleOf(b));
    await settle();
    expect(generation.getSnapshot().latest?.topology).toBe(b);
    expect(heard).toBeGreaterThanOrEqual(4);
  });

  it('gives the download the files of exactly its topology, not the ones on screen', async () => {
    const { engine, runs } = manualEngine();
    const generation = new Generation(engine, () => 'http://x/');
    const [a, b] = [named('a'), named('b')];
    generation.want(a);
    const forB = generation.bundleFor(b);
    runs[0]!.resolve(bundleOf(a));
    await settle();
    runs[1]!.resolve(bundleOf(b));
    expect((await forB).files[0]!.content).toBe('b');
    // Known now: answered without a run.
    expect((await generation.bundleFor(b)).files[0]!.content).toBe('b');
    expect(runs).toHaveLength(2);
  });

  it('rejects a waiting download when the run fails', async () => {
    const { engine, runs } = manualEngine();
    const generation = new Generation(engine, () => 'http://x/');
    const waiting = generation.bundleFor(named('a'));
    runs[0]!.reject(new Error('out of memory'));
    await expect(waiting).rejects.toThrow('out of memory');
  });
});

/** A stand-in for a Worker: records what it is sent; the test answers or fails it. */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: GenerationRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<GenerationReply>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(request: GenerationRequest) {
    this.sent.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  /** The worker's sender: a new worker has sent nothing yet. */
  sender = new BundleSender();
  answer(reply: GenerationReply) {
    this.onmessage?.({ data: reply } as MessageEvent<GenerationReply>);
  }
  /** Answers request `id` with `bundle` as the worker does: the changed files in parts, then the paths. */
  answerBundle(id: number, bundle: Bundle, partChars?: number): GenerationReply[] {
    const replies = this.sender.messages(id, bundle, partChars);
    for (const reply of replies) this.answer(reply);
    return replies;
  }
  fail() {
    this.onerror?.(new Event('error'));
  }
}

describe('workerEngine', () => {
  it('posts a request in a task of its own, and not at all once it has failed', async () => {
    FakeWorker.made = [];
    const engine = workerEngine(() => new FakeWorker() as unknown as Worker);
    const run = engine.run(named('a'), 'http://x/');
    expect(FakeWorker.made).toHaveLength(0);
    await posted();
    expect(FakeWorker.made[0]!.sent.map((r) => r.task)).toEqual(['bundle']);
    const broken = workerEngine(() => {
      throw new Error('workers are not allowed here');
    });
    await expect(broken.run(named('a'), 'http://x/')).rejects.toThrow('workers are not allowed here');
    FakeWorker.made[0]!.answerBundle(FakeWorker.made[0]!.sent[0]!.id, bundleOf(named('a')));
    expect((await run).files[0]!.content).toBe('a');
  });

  it('matches replies to requests, and reports a generator error with its message', async () => {
    FakeWorker.made = [];
    const engine = workerEngine(() => new FakeWorker() as unknown as Worker);
    const first = engine.run(named('a'), 'http://x/');
    await posted();
    const second = engine.run(named('b'), 'http://x/');
    await posted();
    const worker = FakeWorker.made[0]!;
    expect(FakeWorker.made).toHaveLength(1);
    expect(worker.sent.map((r) => r.task)).toEqual(['bundle', 'bundle']);
    worker.answer({ id: worker.sent[1]!.id, error: 'node gw-1: boom' });
    worker.answerBundle(worker.sent[0]!.id, bundleOf(named('a')));
    expect((await first).files[0]!.content).toBe('a');
    await expect(second).rejects.toThrow('node gw-1: boom');
  });

  it('asks the worker to compare two topologies and gives back its answer', async () => {
    FakeWorker.made = [];
    const engine = workerEngine(() => new FakeWorker() as unknown as Worker);
    const asked = engine.compare(named('a'), named('b'), 'http://x/');
    await posted();
    const [request] = FakeWorker.made[0]!.sent;
    expect(request).toMatchObject({ task: 'compare', before: { name: 'a' }, after: { name: 'b' } });
    const path = 'nodes/gw-1/repository/conf/deployment.toml';
    const changes = {
      keys: [{ path, added: [{ key: 'a.b', to: '1' }], removed: [], changed: [] }],
      files: [{ path, change: 'changed' as const, added: 1, removed: 0, hunks: [{ header: '@@ -1,0 +2 @@', lines: ['+b = 1'] }] }],
    };
    FakeWorker.made[0]!.answer({ id: request!.id, changes });
    expect(await asked).toEqual(changes);
  });

  it('fails what is pending when the worker cannot load, and starts a new worker for the next run', async () => {
    FakeWorker.made = [];
    const engine = workerEngine(() => new FakeWorker() as unknown as Worker);
    const pending = engine.run(named('a'), 'http://x/');
    await posted();
    FakeWorker.made[0]!.fail();
    await expect(pending).rejects.toThrow('could not be loaded');
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    const again = engine.run(named('a'), 'http://x/');
    await posted();
    expect(FakeWorker.made).toHaveLength(2);
    const worker = FakeWorker.made[1]!;
    worker.answerBundle(worker.sent[0]!.id, bundleOf(named('a')));
    expect((await again).files[0]!.content).toBe('a');
  });
});

/** A bundle of `files` (path → content), in that order. */
const bundleWith = (files: Record<string, string>): Bundle => ({
  files: Object.entries(files).map(([path, content]) => ({ path, content, kind: 'runbook' })),
  diagnostics: [{ severity: 'info', code: 'count', message: `${Object.keys(files).length} files` }] as unknown as Bundle['diagnostics'],
});
const sentFiles = (replies: GenerationReply[]) => replies.flatMap((r) => ('files' in r ? r.files.map((f) => f.path) : []));

describe('BundleSender and BundleAssembler', () => {
  it('send everything first, in parts of at most the given size, then the paths in order and the diagnostics', () => {
    const sender = new BundleSender();
    const bundle = bundleWith({ a: 'aaaa', b: 'bbbb', c: 'cc', d: 'dddddd' });
    const replies = sender.messages(1, bundle, 6);
    // a + b is 8 characters: past 6, so b starts a new part; a file larger than a part goes alone.
    expect(replies.map((r) => ('files' in r ? r.files.map((f) => f.path).join('') : 'end'))).toEqual(['a', 'bc', 'd', 'end']);
    expect(replies.at(-1)).toEqual({ id: 1, delta: { paths: ['a', 'b', 'c', 'd'], diagnostics: bundle.diagnostics } });
    const assembler = new BundleAssembler();
    for (const reply of replies) if ('files' in reply) assembler.add(1, reply.files);
    const last = replies.at(-1)!;
    expect('delta' in last && assembler.finish(1, last.delta)).toEqual(bundle);
  });

  it('then send only files whose content changed, and the page keeps the objects of the others', () => {
    const sender = new BundleSender();
    const assembler = new BundleAssembler();
    const deliver = (id: number, bundle: Bundle) => {
      const replies = sender.messages(id, bundle);
      for (const reply of replies) if ('files' in reply) assembler.add(id, reply.files);
      const last = replies.at(-1)!;
      if (!('delta' in last)) throw new Error('no end');
      return { sent: sentFiles(replies), bundle: assembler.finish(id, last.delta) };
    };
    const first = deliver(1, bundleWith({ a: 'A', b: 'B', c: 'C' }));
    expect(first.sent).toEqual(['a', 'b', 'c']);
    // b changed, c is made again with the same text, d is new, a is gone, and the order changed.
    const second = deliver(2, bundleWith({ d: 'D', c: 'C', b: 'B2' }));
    expect(second.sent).toEqual(['d', 'b']);
    expect(second.bundle.files.map((f) => [f.path, f.content])).toEqual([
      ['d', 'D'],
      ['c', 'C'],
      ['b', 'B2'],
    ]);
    expect(second.bundle.files[1]).toBe(first.bundle.files[2]);
    // A file comes back after being left out: it is sent again (the page no longer has it).
    const third = deliver(3, bundleWith({ a: 'A', b: 'B2', c: 'C', d: 'D' }));
    expect(third.sent).toEqual(['a']);
    expect(third.bundle.files.map((f) => f.content)).toEqual(['A', 'B2', 'C', 'D']);
    // Nothing changed: nothing sent, the same files.
    const fourth = deliver(4, bundleWith({ a: 'A', b: 'B2', c: 'C', d: 'D' }));
    expect(fourth.sent).toEqual([]);
    fourth.bundle.files.forEach((file, i) => expect(file).toBe(third.bundle.files[i]));
  });

  /** A reply as a line: its pieces, its files' paths and text, or its end. */
  const replyShape = (r: GenerationReply) =>
    'piece' in r
      ? `piece ${r.piece.texts.join('|')}`
      : 'files' in r
        ? `files ${r.files.map((f) => `${f.path}=${f.content}`).join(' ')}`
        : 'end';

  it('send a file larger than a part as pieces of at most the part size, and put it together again', () => {
    const sender = new BundleSender();
    const assembler = new BundleAssembler();
    const bundle = bundleWith({ small: 'ab', big: '0123456789abcdefghij-', last: 'xy' });
    const replies = sender.messages(1, bundle, 8);
    const shape = replies.map(replyShape);
    expect(shape).toEqual(['files small=ab', 'piece 01234567', 'piece 89abcdef', 'files big=ghij- last=xy', 'end']);
    for (const reply of replies) {
      if ('piece' in reply) assembler.addPiece(reply.piece);
      if ('files' in reply) assembler.add(1, reply.files);
    }
    const last = replies.at(-1)!;
    expect('delta' in last && assembler.finish(1, last.delta)).toEqual(bundle);
    // Unchanged, it is not sent again.
    expect(sender.messages(2, bundleWith({ small: 'ab', big: '0123456789abcdefghij-', last: 'xy' }), 8)).toHaveLength(1);
  });

  it("send a file the generator made in pieces as those pieces, up to a part's worth a message, and put it together again", () => {
    const sender = new BundleSender();
    const assembler = new BundleAssembler();
    const pieces = ['012', '345', '67', '89a', 'bcdefgh', 'ij-'];
    const bundle: Bundle = {
      files: [
        { path: 'small', content: 'ab', kind: 'hosts' },
        { path: 'big', content: pieces.join(''), pieces, kind: 'runbook' },
        { path: 'one', content: 'xy', pieces: ['xy'], kind: 'topology' },
      ],
      diagnostics: [],
    };
    const replies = sender.messages(1, bundle, 8);
    const shape = replies.map(replyShape);
    // No piece is cut: a message holds whole pieces up to 8 characters (or one longer piece); the last comes with the file.
    expect(shape).toEqual(['files small=ab', 'piece 012|345|67', 'piece 89a', 'piece bcdefgh', 'files big=ij- one=xy', 'end']);
    // The page gets text only: no file carries its pieces too (they would be sent twice).
    expect(replies.flatMap((r) => ('files' in r ? r.files : [])).filter((f) => 'pieces' in f)).toEqual([]);
    for (const reply of replies) {
      if ('piece' in reply) assembler.addPiece(reply.piece);
      if ('files' in reply) assembler.add(1, reply.files);
    }
    const last = replies.at(-1)!;
    const assembled = 'delta' in last ? assembler.finish(1, last.delta) : undefined;
    expect(assembled?.files.map((f) => [f.path, f.content, f.kind])).toEqual(bundle.files.map((f) => [f.path, f.content, f.kind]));
    // The same pieces again: not sent; one piece changed: sent again.
    const again = (changed: string[]): Bundle => ({
      ...bundle,
      files: bundle.files.map((f) => (f.path === 'big' ? { ...f, pieces: changed, content: changed.join('') } : f)),
    });
    expect(sender.messages(2, again([...pieces]), 8)).toHaveLength(1);
    expect(
      sender.messages(3, again(pieces.map((p, i) => (i === 2 ? '6X' : p))), 8).filter((r) => 'piece' in r || 'files' in r),
    ).toHaveLength(4);
  });

  it('the page refuses pieces of a file that never comes', () => {
    const assembler = new BundleAssembler();
    assembler.addPiece({ path: 'big', texts: ['0123'] });
    expect(() => assembler.finish(1, { paths: [], diagnostics: [] })).toThrow('a piece of a file it does not send');
  });

  it('a change of kind or node is a change, though the text is the same', () => {
    const sender = new BundleSender();
    const file: BundleFile = { path: 'x', content: 'same', kind: 'runbook' };
    sender.messages(1, { files: [file], diagnostics: [] });
    expect(sentFiles(sender.messages(2, { files: [{ ...file, nodeId: 'gw-1' }], diagnostics: [] }))).toEqual(['x']);
    expect(sentFiles(sender.messages(3, { files: [{ ...file, nodeId: 'gw-1', kind: 'hosts' }], diagnostics: [] }))).toEqual(['x']);
    expect(sentFiles(sender.messages(4, { files: [{ ...file, nodeId: 'gw-1', kind: 'hosts' }], diagnostics: [] }))).toEqual([]);
  });

  it('the page refuses an answer that names a file it never received', () => {
    const assembler = new BundleAssembler();
    expect(() => assembler.finish(1, { paths: ['a'], diagnostics: [] })).toThrow("the generator's answer lacks the file a");
  });
});

describe('workerEngine answers', () => {
  it('rebuild each bundle from the changed files and the previous objects; a replaced worker answers in full', async () => {
    FakeWorker.made = [];
    const engine = workerEngine(() => new FakeWorker() as unknown as Worker);
    const one = engine.run(named('a'), 'http://x/');
    await posted();
    const worker = FakeWorker.made[0]!;
    expect(sentFiles(worker.answerBundle(worker.sent[0]!.id, bundleWith({ a: 'A', b: 'B', c: 'C' }), 1))).toEqual(['a', 'b', 'c']);
    const first = await one;
    expect(first.files.map((f) => f.content)).toEqual(['A', 'B', 'C']);
    const two = engine.run(named('b'), 'http://x/');
    await posted();
    expect(sentFiles(worker.answerBundle(worker.sent[1]!.id, bundleWith({ a: 'A', b: 'B2', c: 'C' })))).toEqual(['b']);
    const second = await two;
    expect(second.files.map((f) => f.content)).toEqual(['A', 'B2', 'C']);
    expect(second.files[0]).toBe(first.files[0]);
    expect(second.files[2]).toBe(first.files[2]);
    expect(second.diagnostics).toEqual(bundleWith({ a: '', b: '', c: '' }).diagnostics);

    // A generator error sends nothing: the next answer is still a change from the last one sent.
    const three = engine.run(named('c'), 'http://x/');
    await posted();
    worker.answer({ id: worker.sent[2]!.id, error: 'boom' });
    await expect(three).rejects.toThrow('boom');
    const four = engine.run(named('d'), 'http://x/');
    await posted();
    expect(sentFiles(worker.answerBundle(worker.sent[3]!.id, bundleWith({ a: 'A', b: 'B2', c: 'C3' })))).toEqual(['c']);
    expect((await four).files.map((f) => f.content)).toEqual(['A', 'B2', 'C3']);

    // The worker dies; the next one has sent nothing, and its first answer is whole.
    worker.fail();
    const five = engine.run(named('e'), 'http://x/');
    await posted();
    const replacement = FakeWorker.made[1]!;
    expect(sentFiles(replacement.answerBundle(replacement.sent[0]!.id, bundleWith({ a: 'A', b: 'B2', c: 'C3' })))).toEqual(['a', 'b', 'c']);
    expect((await five).files.map((f) => f.content)).toEqual(['A', 'B2', 'C3']);
    // Late messages of the dead worker are not read.
    worker.answer({ id: 99, files: [{ path: 'a', content: 'stale', kind: 'runbook' }] });
  });

  it('an answer the page cannot put together fails the run and replaces the worker', async () => {
    FakeWorker.made = [];
    const engine = workerEngine(() => new FakeWorker() as unknown as Worker);
    const run = engine.run(named('a'), 'http://x/');
    await posted();
    const worker = FakeWorker.made[0]!;
    worker.answer({ id: worker.sent[0]!.id, delta: { paths: ['nodes/gw-1/deployment.toml'], diagnostics: [] } });
    await expect(run).rejects.toThrow("the generator's answer lacks the file nodes/gw-1/deployment.toml");
    expect(worker.terminated).toBe(true);
    const again = engine.run(named('a'), 'http://x/');
    await posted();
    expect(FakeWorker.made).toHaveLength(2);
    FakeWorker.made[1]!.answerBundle(FakeWorker.made[1]!.sent[0]!.id, bundleOf(named('a')));
    expect((await again).files[0]!.content).toBe('a');
  });

  it('asks the worker to read a link and gives back what it read', async () => {
    FakeWorker.made = [];
    const engine = workerEngine(() => new FakeWorker() as unknown as Worker);
    const read = engine.readLink('http://x/#v1.abc');
    await posted();
    const [request] = FakeWorker.made[0]!.sent;
    expect(request).toMatchObject({ task: 'read-link', link: 'http://x/#v1.abc' });
    const result = { ok: false as const, errors: [{ kind: 'damaged' as const, path: '', message: 'the link is damaged' }] };
    FakeWorker.made[0]!.answer({ id: request!.id, read: result });
    expect(await read).toEqual(result);
  });
});

describe('readSource', () => {
  /** Readers that say which of them read what. */
  const readers: TopologyReaders = {
    readTopology: (text) => ({ ok: false, errors: [{ kind: 'invalid', path: '', message: `json ${text}` }] }),
    readBundleZip: (bytes) => ({ ok: false, errors: [{ kind: 'invalid', path: '', message: `zip ${bytes.length}` }] }),
    isPng: (bytes) => bytes[0] === 0x89,
    readPngTopology: (bytes) => ({ ok: false, errors: [{ kind: 'invalid', path: '', message: `png ${bytes.length}` }] }),
    readSvgTopology: (text) => ({ ok: false, errors: [{ kind: 'invalid', path: '', message: `svg ${text}` }] }),
  };
  const said = (result: ReturnType<typeof readSource>) => (result.ok ? 'ok' : result.errors[0]!.message);

  it('reads a zip, a picture by its bytes (PNG or SVG), and text as JSON unless it is markup', () => {
    expect(said(readSource({ kind: 'zip', bytes: new Uint8Array(3) }, readers))).toBe('zip 3');
    expect(said(readSource({ kind: 'picture', bytes: new Uint8Array([0x89, 1]) }, readers))).toBe('png 2');
    expect(said(readSource({ kind: 'picture', bytes: new TextEncoder().encode('<svg/>') }, readers))).toBe('svg <svg/>');
    expect(said(readSource({ kind: 'text', text: '{"format":1}' }, readers))).toBe('json {"format":1}');
    expect(said(readSource({ kind: 'text', text: '\ufeff  <svg/>' }, readers))).toBe('svg \ufeff  <svg/>');
  });

  it('is what the worker engine asks the worker to do with an opened file', async () => {
    FakeWorker.made = [];
    const engine = workerEngine(() => new FakeWorker() as unknown as Worker);
    const read = engine.readFile({ kind: 'text', text: '{}' });
    await posted();
    const [request] = FakeWorker.made[0]!.sent;
    expect(request).toMatchObject({ task: 'read-file', source: { kind: 'text', text: '{}' } });
    const result = readSource({ kind: 'text', text: '{}' }, readers);
    FakeWorker.made[0]!.answer({ id: request!.id, file: result });
    expect(await read).toEqual(result);
  });
});

it('workerEngine puts together a file sent in pieces', async () => {
  FakeWorker.made = [];
  const engine = workerEngine(() => new FakeWorker() as unknown as Worker);
  const run = engine.run(named('a'), 'http://x/');
  await posted();
  const worker = FakeWorker.made[0]!;
  const replies = worker.answerBundle(worker.sent[0]!.id, bundleWith({ 'network.csv': 'x'.repeat(25), hosts: 'h' }), 10);
  expect(replies.filter((r) => 'piece' in r)).toHaveLength(2);
  expect((await run).files.map((f) => [f.path, f.content])).toEqual([
    ['network.csv', 'x'.repeat(25)],
    ['hosts', 'h'],
  ]);
});
