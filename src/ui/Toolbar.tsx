/** The toolbar: new, undo and redo, examples, open, save, share, compare, download, and the problem counts. */
import { Suspense, lazy, useRef, useState } from 'react';
import { patternsOf, presetOn } from '../model/index.ts';
import { useDesigner, useDesignerStore, useGeneration, useHistory } from './store.tsx';
import { ProblemCounts } from './Problems.tsx';
import { saveTopology } from './download.ts';
import { usePreloadWhenIdle } from './deferred.tsx';
import { loadOpener, loadSerializer, loadTopologyReader } from './lazy.ts';
import { CompareGroup } from './CompareGroup.tsx';

export const EXAMPLES = [
  { file: 'seed-sample.json', title: 'Seed sample (separate TM)' },
  { file: 'single-cp-gw.json', title: 'Single control plane + gateway' },
  { file: 'ha-cp-gw.json', title: 'HA control plane + HA gateway' },
  { file: 'separate-tm-ha.json', title: 'Separate Traffic Manager, HA' },
];

/** The value of a pattern's option in the menu: `pattern:<number>` (an example's is its file name). */
const PATTERN_VALUE = /^pattern:(\d+)$/;

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** Loaded when Share is first pressed: the first screen does not need it. */
const ShareDialog = lazy(() => import('./ShareDialog.tsx').then((m) => ({ default: m.ShareDialog })));
const ExportImageDialog = lazy(() => import('./ExportImageDialog.tsx').then((m) => ({ default: m.ExportImageDialog })));

/** What Download does (bundleDownload.ts), loaded when the page is idle, or when Download is first pressed. */
let bundleDownload: Promise<typeof import('./bundleDownload.ts')> | undefined;
const loadBundleDownload = () =>
  (bundleDownload ??= import('./bundleDownload.ts').catch((error: unknown) => {
    bundleDownload = undefined; // tried again on the next press
    throw error;
  }));
const BUNDLE_DOWNLOAD = { preload: loadBundleDownload };
/** Save's writer (download.ts `saveTopology`), loaded when the page is idle. */
const SERIALIZER = { preload: loadSerializer };

export function Toolbar() {
  const store = useDesignerStore();
  const name = useDesigner((s) => s.topology.name);
  // Not the sample's name while the autosave is restored: the title says nothing until the topology is there.
  const restoring = useDesigner((s) => s.restoring);
  const product = useDesigner((s) => s.topology.product);
  const patterns = patternsOf(product);
  const empty = useDesigner((s) => s.topology.nodes.length === 0);
  const { canUndo, canRedo, undo, redo } = useHistory();
  const generation = useGeneration();
  const [busy, setBusy] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [exporting, setExporting] = useState(false);
  // Each dialog is mounted from its first opening on, so closing it is the dialog's own close.
  const [shared, setShared] = useState(false);
  if (sharing && !shared) setShared(true);
  const [exported, setExported] = useState(false);
  if (exporting && !exported) setExported(true);
  const picker = useRef<HTMLInputElement>(null);
  usePreloadWhenIdle(BUNDLE_DOWNLOAD);
  usePreloadWhenIdle(SERIALIZER);

  const download = async () => {
    const { topology } = store.getState();
    let checked;
    try {
      checked = await loadBundleDownload();
    } catch (error) {
      store
        .getState()
        .notify(`Could not download: ${(error as Error).message}. Your topology is safe: press Download to try again.`, 'error');
      return;
    }
    await checked.downloadChecked(topology, store, generation, setBusy);
  };

  /** Opens an example by its file, or a WSO2 pattern (`pattern:<n>`) on the version chosen now. */
  const openExample = async (value: string) => {
    const number = PATTERN_VALUE.exec(value)?.[1];
    const preset = number === undefined ? undefined : patterns.find((p) => String(p.pattern.number) === number);
    const file = preset ? preset.pattern.file : value;
    try {
      const [response, open, { readTopology, formatReadError }] = await Promise.all([
        fetch(`${import.meta.env.BASE_URL}examples/${file}`),
        loadOpener(),
        loadTopologyReader(),
      ]);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const result = readTopology(await response.text());
      if (!result.ok) throw new Error(result.errors.map(formatReadError).join('; '));
      const topology = preset ? presetOn(result.topology, product, preset.title) : result.topology;
      await store.whenRestored();
      open.replaceWith(store, topology, `the example "${topology.name}"`, (m) => window.confirm(m));
    } catch (error) {
      store.getState().notify(`Could not open the example ${file}: ${(error as Error).message}`, 'error');
    }
  };

  const save = () => {
    void saveTopology(store.getState().topology);
  };

  const startNew = () => {
    if (empty || window.confirm('Clear the canvas and start a new topology? Undo brings this one back.')) store.getState().newTopology();
  };

  return (
    <header className="toolbar">
      <h1>
        APIM Topology Designer <span className="topology-name">{restoring ? '' : `· ${name}`}</span>
      </h1>
      <div className="toolbar-group" role="group" aria-label="Edit">
        <button type="button" onClick={startNew}>
          New
        </button>
        {/* aria-disabled, not disabled: the button keeps the focus when its last step is taken. */}
        <button
          type="button"
          onClick={() => canUndo && undo()}
          aria-disabled={!canUndo}
          title={`${MOD}Z`}
          aria-keyshortcuts="Control+Z Meta+Z"
        >
          Undo
        </button>
        <button
          type="button"
          onClick={() => canRedo && redo()}
          aria-disabled={!canRedo}
          title={`${MOD}Shift+Z`}
          aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
        >
          Redo
        </button>
        <select
          aria-label="Open an example"
          value=""
          onChange={(event) => {
            if (event.target.value) void openExample(event.target.value);
          }}
        >
          <option value="">Open an example…</option>
          {patterns.length > 0 && (
            <optgroup label={`WSO2 deployment patterns, API-M ${product}`}>
              {patterns.map(({ pattern, title }) => (
                <option key={pattern.number} value={`pattern:${pattern.number}`}>
                  {title}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Examples">
            {EXAMPLES.map((e) => (
              <option key={e.file} value={e.file}>
                {e.title}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div className="toolbar-group" role="group" aria-label="File">
        <button type="button" onClick={() => picker.current?.click()}>
          Open…
        </button>
        <input
          ref={picker}
          type="file"
          accept=".json,.zip,.svg,.png,.toml,.conf,application/json,application/zip,image/svg+xml,image/png"
          multiple
          hidden
          aria-label="Open a topology file"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            loadOpener().then(
              (open) => open.openFiles(store, files, (m) => window.confirm(m)),
              (error: unknown) =>
                store
                  .getState()
                  .notify(
                    `Could not open the files: the part of the page that opens them could not be loaded (${(error as Error).message}). Your topology is unchanged.`,
                    'error',
                  ),
            );
          }}
        />
        <button type="button" onClick={save}>
          Save
        </button>
        <button type="button" onClick={() => setSharing(true)}>
          Share…
        </button>
        <button type="button" onClick={() => setExporting(true)}>
          Export image…
        </button>
      </div>
      <CompareGroup />
      <ProblemCounts />
      {/* Until the generation core has loaded there are no files to download. */}
      <button type="button" className="primary" onClick={() => void download()} disabled={busy}>
        Download bundle (.zip)
      </button>
      {shared && (
        <Suspense fallback={null}>
          <ShareDialog open={sharing} onClose={() => setSharing(false)} />
        </Suspense>
      )}
      {exported && (
        <Suspense fallback={null}>
          <ExportImageDialog open={exporting} onClose={() => setExporting(false)} />
        </Suspense>
      )}
    </header>
  );
}
