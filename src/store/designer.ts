/**
 * The one store: the topology being edited, the selection, history (zundo) and autosave (store/autosave.ts: restored
 * as the store is made, or as soon as its reader answers, and saved after every change).
 * It is thin: every edit is a pure function from `model/`; files and diagnostics are derived, never
 * stored. Only the topology enters history and autosave; selection and notices are the session's.
 * Each action declares how it enters history (`ACTION_HISTORY`, store/history.ts).
 */
import { createStore } from 'zustand/vanilla';
import { temporal } from 'zundo';
import type { DbEngine, Fragment, NodeKind, NodePatch, ProductVersion, Settings, Topology } from '../model/index.ts';
import * as edits from '../model/index.ts';
import type { AutosaveCode, AutosaveRead, KeptAside } from './autosave.ts';
import { AUTOSAVE_KEY, AUTOSAVE_VERSION, PREFERENCES_KEY, autosaveStorage } from './autosave.ts';
import { sampleTopology } from './sample.ts';
import type { HistoryPolicy } from './history.ts';
import { editedField, historyTurn, sameValue } from './history.ts';

export interface Notice {
  /** Increases with every notice, so the same text twice is announced twice. */
  id: number;
  tone: 'error' | 'info';
  text: string;
}

/**
 * What a person typed in a field that has not reached the topology: a value not committed yet (Enter,
 * leaving the field) or one that is invalid. Drafts are the session's, like the selection: they survive
 * selecting another node and coming back, and invalid ones count as problems until fixed or dropped
 * (Escape), but never enter history or autosave.
 */
export interface FieldDraft {
  text: string;
  /** Why the text cannot be applied; empty while it is valid but not committed yet. */
  message: string;
  /** The field's label, for Problems: "Port offset". */
  label: string;
  /** The node whose field it is; none for the topology's settings. */
  nodeId?: string | undefined;
}

export interface Selection {
  nodes: string[];
  /** Link ids, `from->to`. */
  links: string[];
}

/** Where a paste goes when there is room: one node to the right of the copied nodes. */
const PASTE_SHIFT = { x: edits.NODE_BOX.width, y: 0 };

export interface DesignerState {
  topology: Topology;
  selection: Selection;
  notice: Notice | null;
  keptAside: KeptAside | null;
  clipboard: Fragment | null;
  /** Field drafts by field key (`node:<id>:<label>`, `settings:<label>`). */
  drafts: Record<string, FieldDraft>;
  /**
   * A topology another tab autosaved since this tab last did, while the person has not chosen between it
   * and this tab's work; this tab writes nothing meanwhile, so neither is lost without a word.
   */
  otherTab: Topology | null;
  /** Another tab autosaved: the text it wrote. */
  otherTabSaved(text: string): void;
  /** Take the other tab's topology (one undoable step), or keep this tab's (written over the other's). */
  resolveOtherTab(choice: 'theirs' | 'mine'): void;
  /** Why the autosave is not working (storage blocked, full or read-only), while it is not. */
  autosaveProblem: string | null;
  /** Whether the autosave writes passwords and tokens as placeholders (this browser's preference). */
  keepSecretsOut: boolean;
  setKeepSecretsOut(on: boolean): void;
  /** Counts the topologies opened whole (a file, a link, an example, New): the canvas fits its view to each. */
  opened: number;
  /**
   * While the autosave is being restored (by a reader that answers later: the page's, once its code has loaded). The
   * topology meanwhile is not the person's: the page shows placeholders, edits are not taken, and nothing is saved.
   */
  restoring: boolean;

  addNode(kind: NodeKind, position?: { x: number; y: number }): string;
  moveNodes(positions: ReadonlyMap<string, { x: number; y: number }>): void;
  updateNode(id: string, patch: NodePatch): void;
  /** A node's field while it is being typed (a live preview): the previews and the commit are one step. */
  updateNodeWhileTyping(id: string, patch: NodePatch): void;
  /** A database's engine, with the port and MySQL version that follow it (model `setDatabaseEngine`). */
  setDatabaseEngine(id: string, engine: DbEngine): void;
  updateSettings(patch: Partial<Settings>): void;
  setProduct(product: ProductVersion): void;
  setName(name: string): void;
  /** The topology's name while it is being typed (a live preview): the previews and the commit are one step. */
  setNameWhileTyping(name: string): void;
  connect(from: string, to: string): boolean;
  removeLinks(linkIds: string[]): void;
  remove(nodeIds: string[], linkIds: string[]): void;
  select(selection: Partial<Selection>): void;
  copySelection(): void;
  paste(): void;
  duplicateSelection(): void;
  /** One more member in the cluster of a load balancer or of a node behind one; its id, or undefined (with a notice). */
  addMember(id: string): string | undefined;
  replaceTopology(topology: Topology): void;
  newTopology(): void;
  notify(text: string, tone?: Notice['tone']): void;
  dismissNotice(): void;
  dismissKeptAside(): void;
  setDraft(key: string, draft: FieldDraft | null): void;
  /** Undo and redo, keeping the selection on nodes that exist (an undone rename selects the old id). */
  undo(): void;
  redo(): void;
}

export type DesignerStore = ReturnType<typeof createStoreWith>;

type ActionName = { [K in keyof DesignerState]: DesignerState[K] extends (...args: never[]) => unknown ? K : never }[keyof DesignerState];

/**
 * How each action enters undo history (store/history.ts). Every action says, so a new one has to;
 * undo and redo move through history rather than add to it.
 */
export const ACTION_HISTORY = {
  addNode: 'step',
  // At the drop: during a drag the positions live in the canvas, so a whole drag is one step.
  moveNodes: 'step',
  updateNode: 'step',
  updateNodeWhileTyping: 'merge-with-same-field',
  setDatabaseEngine: 'step',
  updateSettings: 'step',
  setProduct: 'step',
  setName: 'step',
  setNameWhileTyping: 'merge-with-same-field',
  connect: 'step',
  removeLinks: 'step',
  remove: 'step',
  paste: 'step',
  duplicateSelection: 'step',
  addMember: 'step',
  replaceTopology: 'step',
  newTopology: 'step',
  resolveOtherTab: 'step',
  select: 'none',
  copySelection: 'none',
  notify: 'none',
  dismissNotice: 'none',
  dismissKeptAside: 'none',
  setDraft: 'none',
  otherTabSaved: 'none',
  setKeepSecretsOut: 'none',
} as const satisfies Record<Exclude<ActionName, 'undo' | 'redo'>, HistoryPolicy>;

/** The actions that change the topology. */
type EditAction = {
  [K in keyof typeof ACTION_HISTORY]: (typeof ACTION_HISTORY)[K] extends 'none' ? never : K;
}[keyof typeof ACTION_HISTORY];

/**
 * The store, its autosave restored by `code.read`: store/restore.ts `readAutosave` restores it at once
 * (`createDesignerStore`); the page's reader answers later, once its code has loaded, and the store is `restoring`
 * until it has. The page also loads share's `withoutSecrets` when "keep passwords out" is first on.
 */
export function createStoreWith(storage: Storage | undefined, code: AutosaveCode) {
  const { read } = code;
  const autosave = autosaveStorage(storage, code);
  let noticeId = 0;
  /** The latest save of another tab heard while restoring: compared once the restore is done. */
  let heardWhileRestoring: string | null = null;
  /** Counts other tabs' saves heard: only the latest one's comparison counts. */
  let heard = 0;
  /** The step live previews of a field opened, while nothing else has happened since (store/history.ts). */
  let openStep: { field: string; past: unknown } | null = null;

  const store = createStore<DesignerState>()(
    temporal(
      (set, get) => {
        /** Applies an action's edit to the topology, entering history as the action declares. */
        const edit = (action: EditAction, next: Topology) => {
          // The topology is not the person's yet (the page is inert meanwhile): an edit would be lost at the restore.
          if (get().restoring) return;
          const policy: HistoryPolicy = ACTION_HISTORY[action];
          const before = get().topology;
          const history = store.temporal.getState();
          // Open only while its step is still the last one: an undo or a redo ends it.
          const open = openStep && history.pastStates.at(-1) === openStep.past && history.futureStates.length === 0 ? openStep.field : null;
          if (next === before) {
            // A commit that changes nothing still ends the previews' step.
            if (policy === 'step') openStep = null;
            return;
          }
          const turn = historyTurn(policy, () => editedField(before, next), open);
          if (turn.record === 'new') {
            set({ topology: next });
          } else {
            history.pause();
            set({ topology: next });
            history.resume();
          }
          openStep = turn.open === null ? null : { field: turn.open, past: store.temporal.getState().pastStates.at(-1) };
        };
        /** Writes the topology to the autosave at once, past the write delay. */
        const saveNow = () => {
          autosave.setItem(AUTOSAVE_KEY, { state: { topology: get().topology }, version: AUTOSAVE_VERSION });
          autosave.flush();
        };
        /** Drafts of nodes that are gone go with them. */
        const dropDraftsOf = (ids: ReadonlySet<string>) => {
          const drafts = Object.entries(get().drafts);
          if (!drafts.some(([, d]) => d.nodeId !== undefined && ids.has(d.nodeId))) return;
          set({ drafts: Object.fromEntries(drafts.filter(([, d]) => d.nodeId === undefined || !ids.has(d.nodeId))) });
        };
        /** After undo or redo: the selection follows renamed nodes and drops nodes that are gone. */
        const travel = (move: () => void) => {
          const before = get().topology;
          move();
          const after = get().topology;
          if (after === before) return;
          const renamed = new Map<string, string>();
          before.nodes.forEach((node, i) => {
            const now = after.nodes[i];
            if (now && now.id !== node.id && now.kind === node.kind) renamed.set(node.id, now.id);
          });
          const exists = new Set(after.nodes.map((n) => n.id));
          const links = new Set(after.links.map(edits.linkId));
          const { selection } = get();
          const nodes = selection.nodes.map((id) => renamed.get(id) ?? id).filter((id) => exists.has(id));
          set({ selection: { nodes: [...new Set(nodes)], links: selection.links.filter((id) => links.has(id)) } });
          dropDraftsOf(new Set(before.nodes.map((n) => n.id).filter((id) => !exists.has(id) && !renamed.has(id))));
        };
        const notice = (text: string, tone: Notice['tone']) => set({ notice: { id: ++noticeId, tone, text } });
        /** A node's fields; a rename takes the selection and the node's other field drafts along. */
        const updateNode = (action: 'updateNode' | 'updateNodeWhileTyping', id: string, patch: NodePatch) => {
          const before = get().topology;
          const next = edits.updateNode(before, id, patch);
          edit(action, next);
          if (next === before) return;
          const newId = typeof patch.id === 'string' ? patch.id : id;
          if (newId === id) return;
          const { selection, drafts } = get();
          const prefix = `node:${id}:`;
          set({
            selection: { ...selection, nodes: selection.nodes.map((n) => (n === id ? newId : n)) },
            drafts: Object.fromEntries(
              Object.entries(drafts).map(([key, d]) =>
                key.startsWith(prefix) ? [`node:${newId}:${key.slice(prefix.length)}`, { ...d, nodeId: newId }] : [key, d],
              ),
            ),
          });
        };

        return {
          topology: sampleTopology(),
          selection: { nodes: [], links: [] },
          notice: null,
          keptAside: null,
          clipboard: null,
          drafts: {},
          opened: 0,
          restoring: false,
          otherTab: null,
          otherTabSaved(text) {
            if (get().restoring) {
              heardWhileRestoring = text;
              return;
            }
            const turn = ++heard;
            // Compared as both would read back (the restore path fills what a topology leaves out).
            const reads = [read(text), read(JSON.stringify({ state: { topology: get().topology }, version: AUTOSAVE_VERSION }))];
            const compare = ([theirs, mine]: AutosaveRead[]) => {
              if (turn !== heard || !theirs?.ok) return;
              const topology = theirs.value.state.topology;
              if (mine?.ok && sameValue(topology, mine.value.state.topology)) return;
              autosave.paused = true;
              set({ otherTab: topology });
            };
            if (!reads.some((r) => r instanceof Promise)) {
              compare(reads as AutosaveRead[]);
              return;
            }
            // Until the reader answers, this tab writes nothing over the other tab's save.
            autosave.hold();
            void Promise.all(reads)
              .then(compare, () => undefined) // a save that cannot be read is not offered, as a damaged one
              .finally(() => autosave.release());
          },
          resolveOtherTab(choice) {
            const theirs = get().otherTab;
            autosave.paused = false;
            set({ otherTab: null });
            if (choice === 'theirs' && theirs) get().replaceTopology(theirs);
            else saveNow();
          },
          autosaveProblem: null,
          keepSecretsOut: false,
          setKeepSecretsOut(on) {
            autosave.keepSecretsOut = on;
            writePreferences(storage, { keepSecretsOut: on });
            set({ keepSecretsOut: on });
            // Saving now, in the form the preference asks for, replaces what was stored in the other form.
            if (!autosave.paused) saveNow();
          },

          addNode(kind, position) {
            // Into free space: where asked when it is free, else the nearest free place.
            const { topology } = get();
            const result = edits.addNode(topology, kind, { position: edits.freePosition(topology, position ?? { x: 0, y: 0 }) });
            edit('addNode', result.topology);
            set({ selection: { nodes: [result.id], links: [] } });
            return result.id;
          },
          moveNodes(positions) {
            const { topology } = get();
            let moved = false;
            const nodes = topology.nodes.map((node) => {
              const at = positions.get(node.id);
              if (!at) return node;
              // On the canvas a topology file allows (model/limits.ts), so a reload takes it.
              const clamp = (v: number) => Math.max(-edits.LIMITS.position, Math.min(edits.LIMITS.position, v));
              const to = { x: clamp(at.x), y: clamp(at.y) };
              if (to.x === node.x && to.y === node.y) return node;
              moved = true;
              return { ...node, x: to.x, y: to.y };
            });
            if (moved) edit('moveNodes', { ...topology, nodes });
          },
          updateNode(id, patch) {
            updateNode('updateNode', id, patch);
          },
          updateNodeWhileTyping(id, patch) {
            updateNode('updateNodeWhileTyping', id, patch);
          },
          setDatabaseEngine(id, engine) {
            edit('setDatabaseEngine', edits.setDatabaseEngine(get().topology, id, engine));
          },
          updateSettings(patch) {
            edit('updateSettings', edits.updateSettings(get().topology, patch));
          },
          setProduct(product) {
            const { topology } = get();
            edit('setProduct', product === topology.product ? topology : { ...topology, product });
          },
          setName(name) {
            const { topology } = get();
            edit('setName', name === topology.name ? topology : { ...topology, name });
          },
          setNameWhileTyping(name) {
            const { topology } = get();
            edit('setNameWhileTyping', name === topology.name ? topology : { ...topology, name });
          },
          connect(from, to) {
            const result = edits.connect(get().topology, from, to);
            if (!result.ok) {
              notice(result.reason, 'error');
              return false;
            }
            edit('connect', result.topology);
            return true;
          },
          removeLinks(linkIds) {
            if (linkIds.length === 0) return;
            const gone = new Set(linkIds);
            const { topology } = get();
            edit('removeLinks', { ...topology, links: topology.links.filter((link) => !gone.has(edits.linkId(link))) });
          },
          remove(nodeIds, linkIds) {
            const goneLinks = new Set(linkIds);
            let next = edits.removeNodesKeepingClusters(get().topology, nodeIds);
            if (goneLinks.size) next = { ...next, links: next.links.filter((link) => !goneLinks.has(edits.linkId(link))) };
            edit('remove', next);
            set({ selection: { nodes: [], links: [] } });
            dropDraftsOf(new Set(nodeIds));
          },
          select(selection) {
            const current = get().selection;
            const next = { nodes: selection.nodes ?? current.nodes, links: selection.links ?? current.links };
            if (sameList(next.nodes, current.nodes) && sameList(next.links, current.links)) return;
            set({ selection: next });
          },
          copySelection() {
            const ids = get().selection.nodes;
            if (ids.length === 0) return;
            set({ clipboard: edits.copyFragment(get().topology, ids) });
            notice(`Copied ${ids.length === 1 ? ids[0] : `${ids.length} nodes`}`, 'info');
          },
          paste() {
            const { clipboard, topology } = get();
            if (!clipboard || clipboard.nodes.length === 0) return;
            // In free space: beside the copied nodes when there is room, else the nearest clear place.
            const result = edits.pasteFragment(topology, clipboard, edits.freeShift(topology, clipboard.nodes, PASTE_SHIFT));
            edit('paste', result.topology);
            set({ selection: { nodes: result.ids, links: [] } });
          },
          duplicateSelection() {
            const ids = get().selection.nodes;
            if (ids.length === 0) return;
            // The copies keep their links to the nodes around them: a duplicated member joins its cluster.
            const result = edits.duplicateNodes(get().topology, ids);
            edit('duplicateSelection', result.topology);
            set({ selection: { nodes: result.ids, links: [] } });
          },
          addMember(id) {
            const result = edits.addClusterMember(get().topology, id);
            if (!result.ok) {
              notice(result.reason, 'error');
              return undefined;
            }
            edit('addMember', result.topology);
            set({ selection: { nodes: [result.id], links: [] } });
            return result.id;
          },
          replaceTopology(topology) {
            edit('replaceTopology', topology);
            set({ selection: { nodes: [], links: [] }, drafts: {}, opened: get().opened + 1 });
          },
          newTopology() {
            // A new topology starts on the newest version, whatever the one it replaces was on.
            edit('newTopology', edits.emptyTopology(undefined, edits.DEFAULT_TOPOLOGY_NAME));
            set({ selection: { nodes: [], links: [] }, drafts: {}, opened: get().opened + 1 });
          },
          notify(text, tone = 'info') {
            notice(text, tone);
          },
          dismissNotice() {
            set({ notice: null });
          },
          dismissKeptAside() {
            set({ keptAside: null });
          },
          setDraft(key, draft) {
            const { drafts } = get();
            if (draft === null) {
              if (!(key in drafts)) return;
              const { [key]: _gone, ...rest } = drafts;
              set({ drafts: rest });
            } else {
              const current = drafts[key];
              if (current && current.text === draft.text && current.message === draft.message) return;
              set({ drafts: { ...drafts, [key]: draft } });
            }
          },
          undo() {
            travel(() => store.temporal.getState().undo());
          },
          redo() {
            travel(() => store.temporal.getState().redo());
          },
        };
      },
      {
        partialize: (state) => ({ topology: state.topology }),
        equality: (past, current) => past.topology === current.topology,
        limit: 200,
      },
    ),
  );

  // The autosave, restored and checked by the storage's reader (a newer version never gets here).
  const stored = autosave.getItem(AUTOSAVE_KEY);
  const take = (value: { state: { topology: Topology } } | null) => {
    if (value) store.setState({ topology: value.state.topology });
  };
  if (!(stored instanceof Promise)) take(stored);
  // Every change asks to be saved: the storage writes only a topology it has not written, after the burst of edits.
  store.subscribe((state) => autosave.setItem(AUTOSAVE_KEY, { state: { topology: state.topology }, version: AUTOSAVE_VERSION }));
  autosave.onProblem = (message) => store.setState({ autosaveProblem: message });
  autosave.keepSecretsOut = readPreferences(storage).keepSecretsOut === true;
  autosave.prepare();
  store.setState({ keepSecretsOut: autosave.keepSecretsOut });
  /** After the restore: what it kept aside or found wrong is said. */
  const restored = () => {
    // Loading the autosave is not an edit: history starts empty.
    store.temporal.getState().clear();
    const aside = autosave.keptAside();
    if (aside) store.setState({ keptAside: aside });
    const problem = autosave.problem();
    if (problem) store.setState({ autosaveProblem: problem });
  };
  // With "keep passwords out" on, the page also waits for the secrets' remover: an edit made before it is loaded could
  // not be written at once, and a page closed then would lose it.
  const secrets = autosave.secretsReady();
  let whenRestored: Promise<void>;
  if (!(stored instanceof Promise) && !secrets) {
    restored();
    whenRestored = Promise.resolve();
  } else {
    store.setState({ restoring: true });
    whenRestored = Promise.all([stored, secrets]).then(([value]) => {
      if (stored instanceof Promise) take(value);
      restored();
      store.setState({ restoring: false });
      const text = heardWhileRestoring;
      heardWhileRestoring = null;
      if (text !== null) store.getState().otherTabSaved(text);
    });
  }
  return Object.assign(store, {
    flushAutosave: autosave.flush,
    /** Settles once the autosave is restored (at once, unless the reader answers later): opening waits for it. */
    whenRestored: () => whenRestored,
  });
}

function readPreferences(storage: Storage | undefined): { keepSecretsOut?: boolean } {
  try {
    const value = JSON.parse(storage?.getItem(PREFERENCES_KEY) ?? '{}') as unknown;
    return value !== null && typeof value === 'object' ? (value as { keepSecretsOut?: boolean }) : {};
  } catch {
    return {};
  }
}

function writePreferences(storage: Storage | undefined, preferences: { keepSecretsOut: boolean }): void {
  try {
    storage?.setItem(PREFERENCES_KEY, JSON.stringify(preferences));
  } catch {
    // A blocked or full storage is reported by the autosave itself.
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
