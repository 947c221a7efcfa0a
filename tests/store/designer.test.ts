/**
 * The store: edits through the model, history (one step per drop, per committed value with its live
 * previews, per "New", as each action declares), autosave that restores the work and keeps aside what it
 * cannot read, and copy/paste.
 */
import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './memoryStorage.ts';
import { AUTOSAVE_KEY, createDesignerStore, createStoreWith, readAutosave, sampleTopology } from '../../src/store/index.ts';
import type { AutosaveRead, SecretsRemover } from '../../src/store/index.ts';
import { AUTOSAVE_MAX_NODES, PREFERENCES_KEY } from '../../src/store/autosave.ts';
import type { DesignerState, DesignerStore } from '../../src/store/designer.ts';
import { ACTION_HISTORY } from '../../src/store/designer.ts';
import { NODE_BOX, serializeTopology } from '../../src/model/index.ts';
import type { Topology } from '../../src/model/index.ts';
import { validate } from '../../src/validate/index.ts';
import { readTopology, withoutSecrets } from '../../src/share/index.ts';

function saved(storage: Storage): unknown {
  return JSON.parse(storage.getItem(AUTOSAVE_KEY) ?? 'null');
}

describe('first open', () => {
  it('starts from the sample, which has no errors and no history', () => {
    const store = createDesignerStore(memoryStorage());
    expect(store.getState().topology).toEqual(sampleTopology());
    expect(validate(store.getState().topology).filter((d) => d.severity === 'error')).toEqual([]);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });
});

describe('autosave', () => {
  it('a reload restores the work', () => {
    const storage = memoryStorage();
    const first = createDesignerStore(storage);
    first.getState().addNode('gateway');
    first.getState().updateNode('gw-3', { host: 'edge.example.org' });
    first.flushAutosave();
    const second = createDesignerStore(storage);
    expect(second.getState().topology).toEqual(first.getState().topology);
    expect(second.getState().keptAside).toBeNull();
    // Loading is not an edit.
    expect(second.temporal.getState().pastStates).toHaveLength(0);
  });

  it('writes once per burst of edits (debounced), and flush writes at once', () => {
    const storage = memoryStorage();
    const store = createDesignerStore(storage);
    store.getState().setName('draft');
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
    store.flushAutosave();
    expect(saved(storage)).toMatchObject({ version: 1, state: { topology: { name: 'draft' } } });
  });

  it('a key typed into a field (a draft, a selection) does not turn the topology into text; the write after the burst does', () => {
    const storage = memoryStorage();
    const store = createDesignerStore(storage);
    store.getState().setName('typed');
    store.flushAutosave();
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      for (const text of ['L', 'La', 'Lab', 'Labe', 'Label']) {
        store.getState().setDraft('node:gw-1:Label', { text, message: '', label: 'Label', nodeId: 'gw-1' });
      }
      store.getState().select({ nodes: ['gw-1'] });
      expect(stringify).not.toHaveBeenCalled();
      store.getState().updateNode('gw-1', { label: 'Label' });
      expect(stringify).not.toHaveBeenCalled();
      store.flushAutosave();
      expect(stringify).toHaveBeenCalledTimes(1);
    } finally {
      stringify.mockRestore();
    }
    expect(saved(storage)).toMatchObject({ state: { topology: { name: 'typed' } } });
    expect(JSON.stringify(saved(storage))).toContain('"label":"Label"');
  });

  it.each([
    ['not JSON', '{"state": {"topology": ', /not valid JSON/],
    ['a damaged topology', JSON.stringify({ version: 1, state: { topology: { format: 'apim-topology/1', nodes: 'x' } } }), /damaged/],
    ['a newer version', JSON.stringify({ version: 99, state: { topology: {} } }), /newer version/],
    ['no version', JSON.stringify({ state: {} }), /no version/],
  ])('%s is kept aside, reported, and the page starts from the sample', (_name, text, reason) => {
    const storage = memoryStorage({ [AUTOSAVE_KEY]: text });
    const store = createDesignerStore(storage);
    expect(store.getState().topology).toEqual(sampleTopology());
    const aside = store.getState().keptAside;
    expect(aside?.reason).toMatch(reason);
    expect(storage.getItem(aside!.key)).toBe(text);
    // The next save does not touch what was kept aside.
    store.getState().setName('new work');
    store.flushAutosave();
    expect(storage.getItem(aside!.key)).toBe(text);
  });

  it('a second bad autosave does not overwrite the first one kept aside', () => {
    const storage = memoryStorage({ [AUTOSAVE_KEY]: 'broken one' });
    createDesignerStore(storage);
    storage.setItem(AUTOSAVE_KEY, 'broken two');
    const store = createDesignerStore(storage);
    expect(storage.getItem(`${AUTOSAVE_KEY}:kept-aside`)).toBe('broken one');
    expect(storage.getItem(store.getState().keptAside!.key)).toBe('broken two');
  });

  it('a full storage is reported, not thrown', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const store = createDesignerStore(storage);
    store.getState().setName('x');
    store.flushAutosave();
    expect(store.getState().autosaveProblem).toMatch(/storage is full, so your latest edits are not autosaved: save topology.json/);
    // It stays until a write works again.
    const memory = new Map<string, string>();
    storage.setItem = (key, value) => void memory.set(key, value);
    store.getState().setName('y');
    store.flushAutosave();
    expect(store.getState().autosaveProblem).toBeNull();
  });

  it('works without storage at all, and says the work is not autosaved', () => {
    const store = createDesignerStore(undefined);
    store.getState().addNode('gateway');
    expect(() => store.flushAutosave()).not.toThrow();
    expect(store.getState().autosaveProblem).toMatch(/blocks the page's storage/);
  });

  it('an autosave that cannot be read, in a full storage: kept where it is, and the problem said', () => {
    const storage = memoryStorage({ [AUTOSAVE_KEY]: '{"broken' });
    storage.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const store = createDesignerStore(storage);
    expect(storage.getItem(AUTOSAVE_KEY)).toBe('{"broken');
    expect(store.getState().autosaveProblem).toMatch(/storage is full/);
  });

  it('"keep passwords out" autosaves placeholders, as a link does, and is remembered by this browser', () => {
    const storage = memoryStorage();
    const store = createDesignerStore(storage);
    store.getState().updateSettings({ superAdmin: { username: 'admin', password: 'Hunter2-secret', createAdminAccount: true } });
    store.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toContain('Hunter2-secret');
    store.getState().setKeepSecretsOut(true);
    expect(storage.getItem(AUTOSAVE_KEY)).not.toContain('Hunter2-secret');
    expect(storage.getItem(AUTOSAVE_KEY)).toContain('<secret not in link>');
    // The page keeps the password in memory; the next page opens with the preference on.
    expect(store.getState().topology.settings.superAdmin.password).toBe('Hunter2-secret');
    expect(createDesignerStore(storage).getState().keepSecretsOut).toBe(true);
  });

  it('"keep passwords out" leaves the 4.7 internal encryption key out too', () => {
    const storage = memoryStorage();
    const store = createDesignerStore(storage);
    const key = '9f2c4b1e7a6d3c8b5e0f1a2d4c6b8e0a1c3e5f7092b4d6f8a0c2e4f6a8b0d2e4';
    store.getState().updateSettings({ encryptionKey: key });
    store.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toContain(key);
    store.getState().setKeepSecretsOut(true);
    expect(storage.getItem(AUTOSAVE_KEY)).not.toContain(key);
    expect(store.getState().topology.settings.encryptionKey).toBe(key);
  });
});

/**
 * The page loads its autosave's restore path after its first chunk: the reader answers later. A reader the test answers by
 * hand (`readAutosave` in place, or a failure), after the store is made.
 */
function laterReader() {
  const asked: { text: string; answer: () => void; fail: (error: Error) => void }[] = [];
  const read = (text: string) =>
    new Promise<AutosaveRead>((resolve, reject) =>
      asked.push({ text, answer: () => resolve(readAutosave(text)), fail: (error) => reject(error) }),
    );
  return { read, asked };
}

/** Lets the store's promises settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('an autosave restored later (the page loads the restore path after its first chunk)', () => {
  function savedWork() {
    const storage = memoryStorage();
    const first = createDesignerStore(storage);
    first.getState().addNode('gateway');
    first.getState().setName('my work');
    first.flushAutosave();
    return { storage, topology: first.getState().topology, text: storage.getItem(AUTOSAVE_KEY) };
  }

  it('is restored as the same topology, with no undo step, and nothing is written or edited before it is', async () => {
    const { storage, topology, text } = savedWork();
    const reader = laterReader();
    const store = createStoreWith(storage, { read: reader.read, withoutSecrets: { now: withoutSecrets } });
    expect(store.getState().restoring).toBe(true);
    expect(reader.asked.map((a) => a.text)).toEqual([text]);
    // Meanwhile: an edit is not taken, and a flush (the page hidden) writes nothing over the autosave.
    store.getState().addNode('database');
    store.getState().setName('not yours');
    store.getState().select({ nodes: ['gw-1'] });
    expect(store.getState().topology).toEqual(sampleTopology());
    store.flushAutosave();
    await new Promise((resolve) => setTimeout(resolve, 450));
    store.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(text);
    let restored = false;
    void store.whenRestored().then(() => (restored = true));
    await settle();
    expect(restored).toBe(false);

    reader.asked[0]!.answer();
    await store.whenRestored();
    expect(store.getState().restoring).toBe(false);
    expect(store.getState().topology).toEqual(topology);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    expect(store.getState().keptAside).toBeNull();
    // Nothing to write: storage holds this already.
    store.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(text);
    // Edits are taken again, and saved.
    store.getState().setName('after');
    store.flushAutosave();
    expect(saved(storage)).toMatchObject({ state: { topology: { name: 'after' } } });
    store.getState().undo();
    expect(store.getState().topology.name).toBe('my work');
  });

  it('a damaged one is kept aside and reported once read, and the page goes on from the sample', async () => {
    const text = JSON.stringify({ version: 99, state: { topology: {} } });
    const storage = memoryStorage({ [AUTOSAVE_KEY]: text });
    const reader = laterReader();
    const store = createStoreWith(storage, { read: reader.read, withoutSecrets: { now: withoutSecrets } });
    expect(store.getState().keptAside).toBeNull();
    reader.asked[0]!.answer();
    await store.whenRestored();
    expect(store.getState().topology).toEqual(sampleTopology());
    const aside = store.getState().keptAside;
    expect(aside?.reason).toMatch(/newer version/);
    expect(storage.getItem(aside!.key)).toBe(text);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    store.getState().setName('new work');
    store.flushAutosave();
    expect(storage.getItem(aside!.key)).toBe(text);
    expect(saved(storage)).toMatchObject({ state: { topology: { name: 'new work' } } });
  });

  it('a reader that cannot be loaded leaves the autosave as it was, and says the work is not autosaved', async () => {
    const { storage, text } = savedWork();
    const reader = laterReader();
    const store = createStoreWith(storage, { read: reader.read, withoutSecrets: { now: withoutSecrets } });
    reader.asked[0]!.fail(new Error('Failed to fetch dynamically imported module'));
    await store.whenRestored();
    expect(store.getState().restoring).toBe(false);
    expect(store.getState().topology).toEqual(sampleTopology());
    expect(store.getState().autosaveProblem).toMatch(
      /autosave could not be read \(Failed to fetch dynamically imported module\).*not autosaved/,
    );
    store.getState().setName('new work');
    store.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(text);
  });

  it("another tab's save heard while restoring is compared once restored; writes wait for the comparison", async () => {
    const { storage, text } = savedWork();
    const reader = laterReader();
    const store = createStoreWith(storage, { read: reader.read, withoutSecrets: { now: withoutSecrets } });
    const theirs = createDesignerStore(memoryStorage());
    theirs.getState().addNode('database');
    const theirText = JSON.stringify({ state: { topology: theirs.getState().topology }, version: 1 });
    store.getState().otherTabSaved(theirText);
    reader.asked[0]!.answer();
    await settle();
    // Restored, and the other tab's save is being read (theirs and mine, as both read back).
    expect(store.getState().restoring).toBe(false);
    expect(reader.asked.slice(1).map((a) => a.text)).toContain(theirText);
    store.getState().setName('mine, meanwhile');
    store.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(text);
    for (const a of reader.asked.slice(1)) a.answer();
    await settle();
    expect(store.getState().otherTab?.nodes.map((n) => n.id)).toContain('db-1');
    store.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(text);
    store.getState().resolveOtherTab('mine');
    expect(saved(storage)).toMatchObject({ state: { topology: { name: 'mine, meanwhile' } } });
  });

  it('"keep passwords out" waits for the remover the page loads then, and never writes the passwords meanwhile', async () => {
    const storage = memoryStorage();
    let give: (remover: SecretsRemover) => void = () => {};
    const load = vi.fn(() => new Promise<SecretsRemover>((resolve) => (give = resolve)));
    const store = createStoreWith(storage, { read: readAutosave, withoutSecrets: { load } });
    store.getState().updateSettings({ superAdmin: { username: 'admin', password: 'Hunter2-secret', createAdminAccount: true } });
    store.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toContain('Hunter2-secret');
    expect(load).not.toHaveBeenCalled();
    const before = storage.getItem(AUTOSAVE_KEY);
    store.getState().setKeepSecretsOut(true);
    expect(load).toHaveBeenCalledOnce();
    store.getState().setName('more');
    store.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(before);
    give(withoutSecrets);
    await settle();
    expect(storage.getItem(AUTOSAVE_KEY)).not.toContain('Hunter2-secret');
    expect(storage.getItem(AUTOSAVE_KEY)).toContain('<secret not in link>');
    expect(saved(storage)).toMatchObject({ state: { topology: { name: 'more' } } });
    // The next page, with the preference on, loads it as it starts.
    const next = vi.fn(() => Promise.resolve(withoutSecrets));
    createStoreWith(storage, { read: readAutosave, withoutSecrets: { load: next } });
    expect(next).toHaveBeenCalledOnce();
  });

  it('a page that starts with "keep passwords out" on stays restoring until the remover is there, so its first edit is written at once', async () => {
    const storage = memoryStorage();
    storage.setItem(PREFERENCES_KEY, JSON.stringify({ keepSecretsOut: true }));
    let give: (remover: SecretsRemover) => void = () => {};
    const store = createStoreWith(storage, {
      read: readAutosave,
      withoutSecrets: { load: () => new Promise((resolve) => (give = resolve)) },
    });
    expect(store.getState().restoring).toBe(true);
    store.getState().setName('too early');
    expect(store.getState().topology.name).not.toBe('too early');
    give(withoutSecrets);
    await store.whenRestored();
    expect(store.getState().restoring).toBe(false);
    store.getState().updateSettings({ superAdmin: { username: 'admin', password: 'Hunter2-secret', createAdminAccount: true } });
    store.flushAutosave(); // the page closing: written now, without the password
    expect(storage.getItem(AUTOSAVE_KEY)).toContain('<secret not in link>');
    expect(storage.getItem(AUTOSAVE_KEY)).not.toContain('Hunter2-secret');
  });

  it('a page that starts with "keep passwords out" on and cannot load the remover still opens, and says why it does not autosave', async () => {
    const storage = memoryStorage();
    storage.setItem(PREFERENCES_KEY, JSON.stringify({ keepSecretsOut: true }));
    const store = createStoreWith(storage, { read: readAutosave, withoutSecrets: { load: () => Promise.reject(new Error('offline')) } });
    await store.whenRestored();
    expect(store.getState().restoring).toBe(false);
    store.getState().setName('work');
    expect(store.getState().topology.name).toBe('work');
    store.flushAutosave();
    await settle();
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
    expect(store.getState().autosaveProblem).toMatch(/could not keep passwords out \(offline\)/);
  });

  it('a remover that cannot be loaded: the problem is said, nothing is written, and the next edit tries again', async () => {
    const storage = memoryStorage();
    const load = vi.fn((): Promise<SecretsRemover> => Promise.reject(new Error('offline')));
    const store = createStoreWith(storage, { read: readAutosave, withoutSecrets: { load } });
    store.getState().setName('secret work');
    store.getState().setKeepSecretsOut(true);
    store.flushAutosave();
    await settle();
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
    expect(store.getState().autosaveProblem).toMatch(/could not keep passwords out \(offline\).*not autosaved: save topology.json/);
    load.mockImplementation(() => Promise.resolve(withoutSecrets));
    store.getState().setName('secret work, again');
    store.flushAutosave();
    await settle();
    expect(saved(storage)).toMatchObject({ state: { topology: { name: 'secret work, again' } } });
    expect(store.getState().autosaveProblem).toBeNull();
  });

  it("another tab's save of the same topology lets the writes held meanwhile go", async () => {
    const { storage, text } = savedWork();
    const reader = laterReader();
    const store = createStoreWith(storage, { read: reader.read, withoutSecrets: { now: withoutSecrets } });
    reader.asked[0]!.answer();
    await store.whenRestored();
    store.getState().otherTabSaved(text!);
    store.getState().setName('mine, meanwhile');
    store.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(text);
    // Theirs was read against mine as it was when heard: the same, so no question, and the held write goes.
    for (const a of reader.asked.slice(1)) a.answer();
    await settle();
    expect(store.getState().otherTab).toBeNull();
    store.flushAutosave();
    expect(saved(storage)).toMatchObject({ state: { topology: { name: 'mine, meanwhile' } } });
  });
});

describe('history', () => {
  it('moving several nodes at once (a drop) is one undo step', () => {
    const store = createDesignerStore(memoryStorage());
    const before = store.getState().topology;
    store.getState().moveNodes(
      new Map([
        ['gw-1', { x: 100, y: 50 }],
        ['gw-2', { x: 300, y: 50 }],
      ]),
    );
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-1')).toMatchObject({ x: 100, y: 50 });
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    store.temporal.getState().undo();
    expect(store.getState().topology).toBe(before);
    store.temporal.getState().redo();
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-2')).toMatchObject({ x: 300, y: 50 });
  });

  it('a move to where the nodes already are is no edit', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().moveNodes(new Map([['gw-1', { x: 0, y: 160 }]]));
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('every committed value is one step (fields commit whole values)', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().updateNode('gw-1', { host: 'a.example.com' });
    store.getState().updateNode('gw-1', { host: 'abc.example.com' });
    store.getState().updateNode('gw-1', { offset: 5 });
    expect(store.temporal.getState().pastStates).toHaveLength(3);
    store.getState().undo();
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-1')).toMatchObject({ host: 'abc.example.com', offset: 0 });
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().topology).toEqual(sampleTopology());
  });

  const label = (store: DesignerStore, id = 'gw-1') => store.getState().topology.nodes.find((n) => n.id === id)?.label;
  const steps = (store: DesignerStore) => store.temporal.getState().pastStates.length;

  it("a field's live previews and its commit are one step", () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().updateNodeWhileTyping('gw-1', { label: 'Ed' });
    store.getState().updateNodeWhileTyping('gw-1', { label: 'Edge' });
    store.getState().updateNode('gw-1', { label: 'Edge East' });
    expect(steps(store)).toBe(1);
    store.getState().undo();
    expect(label(store)).toBe('gw-1');
    store.getState().redo();
    expect(label(store)).toBe('Edge East');
  });

  it('a commit that changes nothing ends the step: typing in the field again is a step of its own', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().setNameWhileTyping('Edge');
    // Enter, or leaving the field, after the preview applied everything.
    store.getState().setName('Edge');
    store.getState().setNameWhileTyping('Edge 2');
    expect(steps(store)).toBe(2);
    store.getState().undo();
    expect(store.getState().topology.name).toBe('Edge');
  });

  it("another field's preview or any other edit starts a new step; undo ends an open one", () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().updateNodeWhileTyping('gw-1', { label: 'A' });
    store.getState().updateNodeWhileTyping('gw-2', { label: 'B' });
    store.getState().updateNode('gw-2', { host: 'b.example.com' });
    store.getState().updateNodeWhileTyping('gw-2', { label: 'BB' });
    expect(steps(store)).toBe(4);
    store.getState().undo();
    // Never folded into a step that was undone: the next preview is a step of its own.
    store.getState().updateNodeWhileTyping('gw-2', { label: 'C' });
    expect(steps(store)).toBe(4);
    store.getState().undo();
    expect(label(store, 'gw-2')).toBe('B');
  });

  it('each action declares its policy; the session actions never enter history', () => {
    const store = createDesignerStore(memoryStorage());
    const calls: { [K in keyof typeof ACTION_HISTORY]?: (s: DesignerState) => void } = {
      select: (s) => s.select({ nodes: ['gw-1'] }),
      copySelection: (s) => s.copySelection(),
      notify: (s) => s.notify('hello'),
      dismissNotice: (s) => s.dismissNotice(),
      dismissKeptAside: (s) => s.dismissKeptAside(),
      setDraft: (s) => s.setDraft('node:gw-1:Host', { text: 'x', message: '', label: 'Host', nodeId: 'gw-1' }),
      setKeepSecretsOut: (s) => s.setKeepSecretsOut(true),
      otherTabSaved: (s) => s.otherTabSaved('{}'),
    };
    const none = Object.entries(ACTION_HISTORY)
      .filter(([, policy]) => policy === 'none')
      .map(([name]) => name);
    expect(Object.keys(calls).sort()).toEqual(none.sort());
    for (const call of Object.values(calls)) call(store.getState());
    expect(steps(store)).toBe(0);
  });

  it('changing a database engine is one step, with the port that follows it', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().setDatabaseEngine('db', 'postgre');
    expect(store.getState().topology.nodes.find((n) => n.id === 'db')).toMatchObject({ engine: 'postgre', port: 5432 });
    expect(steps(store)).toBe(1);
  });

  it('undoing a rename selects the node by its old id again; redo by its new one', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().select({ nodes: ['gw-1'] });
    store.getState().updateNode('gw-1', { id: 'gateway-east' });
    expect(store.getState().selection.nodes).toEqual(['gateway-east']);
    store.getState().undo();
    expect(store.getState().selection.nodes).toEqual(['gw-1']);
    store.getState().redo();
    expect(store.getState().selection.nodes).toEqual(['gateway-east']);
  });

  it('undoing the addition of a node drops it from the selection, and its drafts with it', () => {
    const store = createDesignerStore(memoryStorage());
    const id = store.getState().addNode('gateway');
    store.getState().setDraft(`node:${id}:Host`, { text: 'x:1', message: 'bad', label: 'Host', nodeId: id });
    store.getState().undo();
    expect(store.getState().selection.nodes).toEqual([]);
    expect(store.getState().drafts).toEqual({});
  });

  it("a rename carries the node's other drafts along", () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().setDraft('node:gw-1:Port offset', { text: '70000', message: 'out of range', label: 'Port offset', nodeId: 'gw-1' });
    store.getState().updateNode('gw-1', { id: 'gw-east' });
    expect(store.getState().drafts).toEqual({
      'node:gw-east:Port offset': { text: '70000', message: 'out of range', label: 'Port offset', nodeId: 'gw-east' },
    });
  });

  it('selection does not enter history', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().select({ nodes: ['gw-1'] });
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('"New" clears the canvas and undo brings the topology back', () => {
    const store = createDesignerStore(memoryStorage());
    const before = store.getState().topology;
    store.getState().newTopology();
    expect(store.getState().topology.nodes).toEqual([]);
    store.temporal.getState().undo();
    expect(store.getState().topology).toBe(before);
  });
});

describe('copy, paste and duplicate', () => {
  it('paste keeps the links inside the copied set and drops the ones leaving it', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().select({ nodes: ['gw-lb', 'gw-1', 'gw-2'] });
    store.getState().copySelection();
    store.getState().paste();
    const { topology, selection } = store.getState();
    expect(selection.nodes).toEqual(['lb-1', 'gw-3', 'gw-4']);
    const links = topology.links.filter((l) => selection.nodes.includes(l.from) || selection.nodes.includes(l.to));
    expect(links).toEqual([
      { from: 'lb-1', to: 'gw-3' },
      { from: 'lb-1', to: 'gw-4' },
    ]);
    // Default hosts follow the new ids, so nothing collides with the originals.
    expect(topology.nodes.find((n) => n.id === 'gw-3')).toMatchObject({ host: 'gw-3.example.com', offset: 0 });
    // In free space: no copy on top of any node.
    const boxes = topology.nodes.map((n) => ({ id: n.id, x: n.x, y: n.y }));
    for (const copy of boxes.filter((b) => selection.nodes.includes(b.id))) {
      for (const other of boxes) {
        if (other.id === copy.id) continue;
        expect(
          Math.abs(copy.x - other.x) >= NODE_BOX.width || Math.abs(copy.y - other.y) >= NODE_BOX.height,
          `${copy.id} on ${other.id}`,
        ).toBe(true);
      }
    }
    expect(readTopology(serializeTopology(topology)).ok).toBe(true);
  });

  it('a copy of a node on a shared host gets a free offset', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().updateNode('gw-1', { host: 'shared.example.com' });
    store.getState().select({ nodes: ['gw-1'] });
    store.getState().duplicateSelection();
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-3')).toMatchObject({ host: 'shared.example.com', offset: 1 });
  });

  it('pasting twice lands the copies side by side', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().select({ nodes: ['db'] });
    store.getState().copySelection();
    store.getState().paste();
    store.getState().paste();
    const copies = store
      .getState()
      .topology.nodes.filter((n) => n.kind === 'database')
      .map((n) => [n.x, n.y]);
    expect(new Set(copies.map(String)).size).toBe(3);
  });
});

describe('placement and clusters', () => {
  const overlapping = (t: Topology) =>
    t.nodes.flatMap((a, i) =>
      t.nodes
        .slice(i + 1)
        .filter((b) => Math.abs(a.x - b.x) < NODE_BOX.width && Math.abs(a.y - b.y) < NODE_BOX.height)
        .map((b) => `${a.id}/${b.id}`),
    );

  it('nodes added at one place, duplicated and pasted never land on another node', () => {
    const store = createDesignerStore(memoryStorage());
    for (let i = 0; i < 6; i++) store.getState().addNode('gateway', { x: 0, y: 160 });
    store.getState().select({ nodes: ['gw-1', 'gw-2'] });
    store.getState().duplicateSelection();
    store.getState().copySelection();
    store.getState().paste();
    store.getState().paste();
    expect(overlapping(store.getState().topology)).toEqual([]);
  });

  it('"Add member" on a load balancer or a member grows the cluster with the same links and settings', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().updateNode('gw-2', { labels: ['Default'] });
    const a = store.getState().addMember('gw-lb')!;
    const b = store.getState().addMember('gw-1')!;
    const { topology, selection } = store.getState();
    expect(selection.nodes).toEqual([b]);
    for (const id of [a, b]) {
      const links = topology.links
        .filter((l) => l.from === id || l.to === id)
        .map((l) => `${l.from}->${l.to}`)
        .sort();
      expect(links).toEqual([`${id}->cp-lb`, `${id}->tm-1`, `gw-lb->${id}`].sort());
      expect(topology.nodes.find((n) => n.id === id)).toMatchObject({
        kind: 'gateway',
        labels: ['Default'],
        host: `${id}.example.com`,
        offset: 0,
      });
    }
    expect(overlapping(topology)).toEqual([]);
    expect(store.getState().addMember('db')).toBeUndefined();
    expect(store.getState().notice?.text).toMatch(/db is not in a cluster/);
  });

  it('duplicating a member keeps its links, so the copy joins the cluster', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().select({ nodes: ['cp-2'] });
    store.getState().duplicateSelection();
    const [copy] = store.getState().selection.nodes;
    const links = store
      .getState()
      .topology.links.filter((l) => l.from === copy || l.to === copy)
      .map((l) => `${l.from}->${l.to}`);
    expect(links).toContain(`cp-lb->${copy}`);
    expect(links).toContain(`${copy}->db`);
  });

  it('removing the member that carries a cluster link hands it to the rest', () => {
    const store = createDesignerStore(memoryStorage());
    // gw-2 loses its own links to the control planes and the traffic manager: gw-1 wires the cluster.
    const t = store.getState().topology;
    store.getState().replaceTopology({ ...t, links: t.links.filter((l) => !(l.from === 'gw-2' && (l.to === 'cp-lb' || l.to === 'tm-1'))) });
    store.getState().remove(['gw-1'], []);
    const links = store
      .getState()
      .topology.links.filter((l) => l.from === 'gw-2' || l.to === 'gw-2')
      .map((l) => `${l.from}->${l.to}`)
      .sort();
    expect(links).toEqual(['gw-2->cp-lb', 'gw-2->tm-1', 'gw-lb->gw-2']);
  });
});

describe('connections', () => {
  it('a refused connection sets an error notice with the reason and links nothing', () => {
    const store = createDesignerStore(memoryStorage());
    const links = store.getState().topology.links;
    expect(store.getState().connect('db', 'gw-lb')).toBe(false);
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      text: expect.stringContaining('A database cannot connect to a load balancer: draw the link from each node'),
    });
    expect(store.getState().topology.links).toBe(links);
  });
});

describe('other tabs', () => {
  it('a tab that has not edited never writes its old topology over a newer one', () => {
    const storage = memoryStorage();
    const first = createDesignerStore(storage);
    first.getState().addNode('gateway');
    first.flushAutosave();
    const saved = storage.getItem(AUTOSAVE_KEY);
    // A second tab opens, selects things, shows notices: nothing to write.
    const second = createDesignerStore(storage);
    second.getState().select({ nodes: ['gw-1'] });
    second.getState().notify('hello');
    second.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(saved);
  });

  it("hearing of another tab's save stops writing until the person chooses; theirs is one undoable step", () => {
    const storage = memoryStorage();
    const mine = createDesignerStore(storage);
    const theirs = createDesignerStore(memoryStorage());
    theirs.getState().addNode('database');
    theirs.flushAutosave();
    const text = JSON.stringify({ state: { topology: theirs.getState().topology }, version: 1 });
    mine.getState().otherTabSaved(text);
    expect(mine.getState().otherTab?.nodes.map((n) => n.id)).toContain('db-1');
    mine.getState().addNode('gateway');
    mine.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
    mine.getState().resolveOtherTab('theirs');
    expect(mine.getState().topology.nodes.map((n) => n.id)).toContain('db-1');
    mine.getState().undo();
    expect(mine.getState().topology.nodes.map((n) => n.id)).toContain('gw-3');
    // The same topology heard again is no news.
    mine.getState().otherTabSaved(JSON.stringify({ state: { topology: mine.getState().topology }, version: 1 }));
    expect(mine.getState().otherTab).toBeNull();
  });
});

describe('positions', () => {
  it('a move far off the canvas stops at the edge a topology file allows, so a reload takes it', () => {
    const store = createDesignerStore(memoryStorage());
    store.getState().moveNodes(new Map([['gw-1', { x: 5e9, y: -5e9 }]]));
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-1')).toMatchObject({ x: 1_000_000, y: -1_000_000 });
    expect(readTopology(serializeTopology(store.getState().topology)).ok).toBe(true);
  });
});

describe('a topology too big to autosave', () => {
  it('is not written (the earlier autosave stays), and the notice says so and how to keep it; a smaller one is written again', () => {
    const storage = memoryStorage();
    const store = createDesignerStore(storage);
    store.getState().addNode('gateway');
    store.flushAutosave();
    const earlier = storage.getItem(AUTOSAVE_KEY);
    const t = store.getState().topology;
    const big = {
      ...t,
      nodes: [
        ...t.nodes,
        ...Array.from({ length: AUTOSAVE_MAX_NODES }, (_, i) => ({
          ...t.nodes.find((n) => n.kind === 'database')!,
          id: `db-x${i}`,
          x: i * 240,
        })),
      ],
    };
    store.getState().replaceTopology(big);
    store.flushAutosave();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(earlier);
    expect(store.getState().autosaveProblem).toMatch(/more than the 2,000 the autosave keeps .* save topology.json/);
    store.getState().undo();
    store.flushAutosave();
    expect(store.getState().autosaveProblem).toBeNull();
  });
});
