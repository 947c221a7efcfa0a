/**
 * Opening what comes from outside (a link, a .json file, a bundle .zip, an exported .svg or .png picture) on the page. Everything goes
 * through the share module's restore path; a failure is a message naming what is wrong, and the work
 * on screen is untouched. A success replaces the topology as one undoable step.
 */
import type { Topology } from '../model/index.ts';
import { lacksPositions, spreadOverlapping } from '../model/index.ts';
import { MAX_DOCUMENT_CHARS, MAX_IMAGE_BYTES, formatReadError, hasPlaceholders } from '../share/index.ts';
import { loadImporter } from './lazy.ts';
import type { FileSource } from './generation.ts';
import type { LinkResult, ReadResult } from '../share/index.ts';
import type { DesignerStore } from '../store/index.ts';
import { sampleTopology } from '../store/index.ts';
import { laidOut } from './canvas/autoLayout.ts';
import { LARGE_CANVAS } from './canvas/reveal.ts';
import { prepareFlow } from './canvas/flow.ts';
import { sharedEngine } from './store.tsx';

/** Past this many nodes, opening a topology asks first (drawing and generating it takes a moment). */
export const LARGE_TOPOLOGY = 1000;

/** A name from a file or link on one line, so it cannot pose as a notice of its own in a dialog. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** Whether replacing the topology would replace work: anything but an empty canvas or the untouched sample. */
export function hasWork(topology: Topology): boolean {
  if (topology.nodes.length === 0) return false;
  return JSON.stringify(topology) !== JSON.stringify(sampleTopology());
}

function errorText(what: string, result: ReadResult & { ok: false }): string {
  const lines = result.errors.slice(0, 3).map(formatReadError);
  const more = result.errors.length > 3 ? ` (and ${result.errors.length - 3} more)` : '';
  return `Could not open ${what}: ${lines.join('; ')}${more}. Your topology is unchanged.`;
}

/**
 * Asks before replacing the work, when there is work to replace or the topology is large; a "no" says
 * the topology is unchanged. `confirm` is the page's `window.confirm`, passed in so tests can answer.
 */
function mayReplace(store: DesignerStore, topology: Topology, what: string, confirm: (message: string) => boolean): boolean {
  const state = store.getState();
  const big = topology.nodes.length > LARGE_TOPOLOGY;
  const questions = [
    big
      ? `${oneLine(what)} has ${topology.nodes.length.toLocaleString('en')} nodes: the page may answer slowly while it draws them and writes their files.`
      : '',
    hasWork(state.topology) ? 'It replaces the topology on the canvas; Undo brings yours back.' : '',
  ].filter(Boolean);
  if (questions.length > 0 && !confirm(`Open ${oneLine(what)}? ${questions.join(' ')}`)) {
    state.notify(`Did not open ${oneLine(what)}: your topology is unchanged.`);
    return false;
  }
  return true;
}

/** The notice after opening `what`. */
const openedNotice = (what: string) => `Opened ${oneLine(what)}. Undo brings your previous topology back.`;

/** Replaces the topology, nodes piled on one spot laid out in rows by kind (no layout engine needed), and says so. */
function replaceSpread(store: DesignerStore, topology: Topology, done: string): void {
  // Nodes piled on one spot (a script's file without positions) are laid out, so they can be seen and
  // picked, and the canvas does not have to draw thousands of them in one place.
  const { topology: spread, moved } = spreadOverlapping(topology);
  replaceSpreadOut(store, spread, moved, done);
}

/**
 * As `replaceSpread`, a large topology in steps, each in a task of its own: laying it out, then what the canvas derives
 * from its nodes and links (flow.ts `prepareFlow`), then the replacement, so no one task does all of it.
 */
async function replaceSpreadInSteps(store: DesignerStore, topology: Topology, done: string): Promise<void> {
  if (topology.nodes.length < LARGE_CANVAS) return replaceSpread(store, topology, done);
  const { topology: spread, moved } = spreadOverlapping(topology);
  const steps = prepareFlow(spread);
  do await nextTask();
  while (!steps.next().done);
  replaceSpreadOut(store, spread, moved, done);
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

function replaceSpreadOut(store: DesignerStore, spread: Topology, moved: number, done: string): void {
  const state = store.getState();
  state.replaceTopology(spread);
  const laidOut =
    moved > 0
      ? ` ${moved.toLocaleString('en')} ${moved === 1 ? 'node was' : 'nodes were'} on top of others; ${moved === 1 ? 'it is' : 'they are'} now laid out in rows by kind, below the rest.`
      : '';
  state.notify(`${done}${laidOut}`);
}

/** Loads a topology into the store after asking, when there is work to replace (see `mayReplace`). */
export function replaceWith(
  store: DesignerStore,
  topology: Topology,
  what: string,
  confirm: (message: string) => boolean,
  /** The notice once opened; a sentence on nodes laid out is added to it. */
  done = openedNotice(what),
): boolean {
  if (!mayReplace(store, topology, what, confirm)) return false;
  replaceSpread(store, topology, done);
  return true;
}

/** Below this many nodes, a topology opened without positions is laid out in tiers (Auto-layout); larger ones in rows. */
export const AUTO_LAYOUT_ON_OPEN = LARGE_CANVAS;

/**
 * As `replaceWith`, but a topology without positions of its own (most nodes on one spot: `lacksPositions`),
 * or one the importer placed (`layOut`), is laid out in tiers by Auto-layout before it replaces the work,
 * so opening it stays one undo step. Large ones, or when elkjs cannot be loaded, get the rows by kind.
 */
export async function openTopology(
  store: DesignerStore,
  topology: Topology,
  what: string,
  confirm: (message: string) => boolean,
  done = openedNotice(what),
  options: { layOut?: boolean } = {},
): Promise<boolean> {
  // A task boundary: receiving what was read (the worker's answer, copied into the page) and drawing it are two
  // tasks, not one long one.
  await nextTask();
  // A link the page was opened with is read while the autosave is restored: what it would replace is known after.
  await store.whenRestored();
  const wanted = (options.layOut === true || lacksPositions(topology)) && topology.nodes.length < AUTO_LAYOUT_ON_OPEN;
  if (!mayReplace(store, topology, what, confirm)) return false;
  if (!wanted) {
    await replaceSpreadInSteps(store, topology, done);
    return true;
  }
  let laid: Topology;
  try {
    laid = await laidOut(topology);
  } catch {
    replaceSpread(store, topology, done);
    return true;
  }
  store.getState().replaceTopology(laid);
  store.getState().notify(`${done} Its nodes are laid out in tiers (Auto-layout): load balancers above their clusters.`);
  return true;
}

/**
 * Opens a share link. It is read (decompressed, parsed, checked against the schema and restored) by the page's
 * engine: in the generation worker, so a large link does not stop the page; in the page where there are no workers.
 */
export async function openLink(
  store: DesignerStore,
  link: string,
  confirm: (message: string) => boolean,
  read: (link: string) => Promise<LinkResult> = (text) => sharedEngine().readLink(text),
): Promise<void> {
  let result;
  try {
    result = await read(link);
  } catch (error) {
    store
      .getState()
      .notify(
        `Could not open the link: the part of the page that reads links could not be loaded (${(error as Error).message}). Your topology is unchanged; reload the link to try again.`,
        'error',
      );
    return;
  }
  if (!result.ok) {
    store.getState().notify(errorText('the link', result), 'error');
    return;
  }
  const name = oneLine(result.topology.name);
  await openTopology(
    store,
    result.topology,
    `the shared topology "${result.topology.name}"`,
    confirm,
    result.secretsOmitted
      ? `Opened "${name}" from the link. Its passwords were not in the link: set them before you deploy (see Problems).`
      : `Opened "${name}" from the link. Undo brings your previous topology back.`,
  );
}

/** A picture the designer exported, by its name or type: an .svg or .png carrying its topology (share/image.ts). */
function isPicture(file: File): boolean {
  return /\.(svg|png)$/i.test(file.name) || file.type === 'image/svg+xml' || file.type === 'image/png';
}

/**
 * The topology in a .json file, a bundle .zip or an exported .svg or .png picture, restored; or a sentence saying why
 * not, which names the file and ends "Your topology is unchanged."
 */
export async function readTopologyFile(
  file: File,
  read: (source: FileSource) => Promise<ReadResult> = (source) => sharedEngine().readFile(source),
): Promise<{ topology: Topology } | { error: string }> {
  const isZip = /\.zip$/i.test(file.name) || file.type === 'application/zip';
  const picture = isPicture(file);
  const cap = isZip ? Infinity : picture ? MAX_IMAGE_BYTES : MAX_DOCUMENT_CHARS * 4;
  if (file.size > cap) {
    return {
      error: `Could not open ${file.name}: it is ${file.size.toLocaleString('en')} bytes, too large for a ${picture ? 'picture (at most ' + MAX_IMAGE_BYTES.toLocaleString('en') + '; open its topology.json instead)' : 'topology'}. Your topology is unchanged.`,
    };
  }
  let result: ReadResult;
  try {
    // Read and restored by the page's engine (in the generation worker): a large topology does not stop the page.
    const source: FileSource =
      isZip || picture
        ? { kind: isZip ? 'zip' : 'picture', bytes: new Uint8Array(await file.arrayBuffer()) }
        : { kind: 'text', text: await file.text() };
    result = await read(source);
  } catch (error) {
    return { error: `Could not read ${file.name}: ${(error as Error).message}. Your topology is unchanged.` };
  }
  return result.ok ? { topology: result.topology } : { error: errorText(file.name, result) };
}

export async function openFile(store: DesignerStore, file: File, confirm: (message: string) => boolean): Promise<void> {
  const read = await readTopologyFile(file);
  if ('error' in read) store.getState().notify(read.error, 'error');
  else if (hasPlaceholders(read.topology)) {
    // A picture carries no private secrets, as a share link.
    await openTopology(
      store,
      read.topology,
      file.name,
      confirm,
      `Opened ${oneLine(file.name)}. Its passwords were not in it: set them before you deploy (see Problems).`,
    );
  } else await openTopology(store, read.topology, file.name, confirm);
}

/** Files the importer reads: deployment.toml files and nginx.conf files, by their names. */
function importable(file: File): boolean {
  return /\.(toml|conf)$/i.test(file.name);
}

/**
 * Opens what was picked: one .json or .zip as a topology; deployment.toml and nginx.conf files through the importer,
 * which rebuilds the topology from them (src/import), and a notice with what its report says.
 */
export async function openFiles(store: DesignerStore, files: readonly File[], confirm: (message: string) => boolean): Promise<void> {
  const [first] = files;
  if (!first) return;
  if (!files.some(importable)) {
    if (files.length > 1) {
      store
        .getState()
        .notify(
          'Open one topology .json, bundle .zip or exported picture (.svg, .png), or deployment.toml and nginx.conf files to import. Your topology is unchanged.',
          'error',
        );
      return;
    }
    await openFile(store, first, confirm);
    return;
  }
  const skipped = files.filter((file) => !importable(file)).map((file) => oneLine(file.name));
  const picked = files.filter(importable);
  const total = picked.reduce((sum, file) => sum + file.size, 0);
  if (total > MAX_DOCUMENT_CHARS * 4) {
    store
      .getState()
      .notify(
        `Could not import ${picked.length} files: together they are ${total.toLocaleString('en')} bytes, too large. Your topology is unchanged.`,
        'error',
      );
    return;
  }
  let result;
  try {
    const { importFiles } = await loadImporter();
    // The name stands for the node (nodes/<id>/… or gw-1.toml); a picked file has no folder.
    result = importFiles(await Promise.all(picked.map(async (file) => ({ path: file.name, content: await file.text() }))));
  } catch (error) {
    store.getState().notify(`Could not import the files: ${(error as Error).message}. Your topology is unchanged.`, 'error');
    return;
  }
  const { topology, report } = result;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const first3 = (notes: { subject: string; message: string }[]) =>
    notes
      .slice(0, 3)
      .map((n) => `${oneLine(n.subject)}: ${oneLine(n.message)}`)
      .join('; ');
  const summary = [
    `Imported ${count(picked.length, 'file')} as ${count(topology.nodes.length, 'node')} on API-M ${topology.product}.`,
    report.guessed.length ? `Guessed (${report.guessed.length}): ${first3(report.guessed)}.` : '',
    report.conflicts.length ? `Conflicts (${report.conflicts.length}): ${first3(report.conflicts)}.` : '',
    report.unplaced.length ? `${count(report.unplaced.length, 'key')} kept as custom TOML (see each node's inspector).` : '',
    skipped.length ? `Not read: ${skipped.join(', ')}.` : '',
    'Undo brings your previous topology back; apim-topology import prints the whole report.',
  ].filter(Boolean);
  // The importer's rows by kind are a stand-in: imported nodes are laid out in tiers.
  await openTopology(store, topology, count(picked.length, 'imported file'), confirm, summary.join(' '), { layOut: true });
}
