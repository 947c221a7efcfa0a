/**
 * The page's generation off the main thread (src/ui/generation.ts): one run at a time, the newest ask
 * wins, a result older than the one shown is never shown, a failure is reported and retried, and the
 * download waits for the files of exactly its topology. The worker engine replaces a worker that
 * failed to load.
 */
import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/generate/index.ts';
import type { Engine, GenerationReply, GenerationRequest } from '../../src/ui/generation.ts';
import { Generation, workerEngine } from '../../src/ui/generation.ts';
import { emptyTopology } from '../../src/model/index.ts';
import type { Topology } from '../../src/model/index.ts';

/** An engine whose runs the test finishes by hand, in any order. */
function manualEngine() {
  const runs: { topology: Topology; resolve: (b: Bundle) => void; reject: (e: Error) => void }[] = [];
  const engine: Engine = {
    run: (topology) => new Promise<Bundle>((resolve, reject) => runs.push({ topology, resolve, reject })),
    compare: () => Promise.resolve({ keys: [], files: [] }),
  };
  return { engine, runs };
}

const bundleOf = (topology: Topology): Bundle => ({
  files: [{ path: `${topology.name}.txt`, content: topology.name, kind: 'runbook' }],
  diagnostics: [],
});
const named = (name: string): Topology => emptyTopology('4.5.0', name);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

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
  answer(reply: GenerationReply) {
    this.onmessage?.({ data: reply } as MessageEvent<GenerationReply>);
  }
  fail() {
    this.onerror?.(new Event('error'));
  }
}

describe('workerEngine', () => {
  it('matches replies to requests, and reports a generator error with its message', async () => {
    FakeWorker.made = [];
    const engine = workerEngine(() => new FakeWorker() as unknown as Worker);
    const first = engine.run(named('a'), 'http://x/');
    const second = engine.run(named('b'), 'http://x/');
    const worker = FakeWorker.made[0]!;
    expect(FakeWorker.made).toHaveLength(1);
    expect(worker.sent.map((r) => r.task)).toEqual(['bundle', 'bundle']);
    worker.answer({ id: worker.sent[1]!.id, error: 'node gw-1: boom' });
    worker.answer({ id: worker.sent[0]!.id, bundle: bundleOf(named('a')) });
    expect((await first).files[0]!.content).toBe('a');
    await expect(second).rejects.toThrow('node gw-1: boom');
  });

  it('asks the worker to compare two topologies and gives back its answer', async () => {
    FakeWorker.made = [];
    const engine = workerEngine(() => new FakeWorker() as unknown as Worker);
    const asked = engine.compare(named('a'), named('b'), 'http://x/');
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
    FakeWorker.made[0]!.fail();
    await expect(pending).rejects.toThrow('could not be loaded');
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    const again = engine.run(named('a'), 'http://x/');
    expect(FakeWorker.made).toHaveLength(2);
    const worker = FakeWorker.made[1]!;
    worker.answer({ id: worker.sent[0]!.id, bundle: bundleOf(named('a')) });
    expect((await again).files[0]!.content).toBe('a');
  });
});
