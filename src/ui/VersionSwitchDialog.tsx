/**
 * Switching the API-M version shows first what it does to every deployment.toml, key by key (keys
 * added, removed and changed per file, computed by the generation worker), and every file of the
 * bundle line by line, and switches only when the person confirms.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FileDiff, FileKeyChanges } from '../generate/index.ts';
import type { ProductVersion, Topology } from '../model/index.ts';
import { useGeneration } from './store.tsx';
import { LineDiff } from './LineDiff.tsx';

export interface VersionSwitch {
  from: ProductVersion;
  to: ProductVersion;
  before: Topology;
  after: Topology;
}

export function VersionSwitchDialog({
  change,
  onConfirm,
  onCancel,
}: {
  change: VersionSwitch;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const generation = useGeneration();
  const titleId = useId();
  const [result, setResult] = useState<{ changes?: FileKeyChanges[]; lines?: FileDiff[]; failed?: string }>({});

  useEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return;
    if (typeof element.showModal === 'function') element.showModal();
    else element.open = true; // a DOM without modal dialogs (a test's)
  }, []);

  useEffect(() => {
    let live = true;
    generation.compare(change.before, change.after).then(
      ({ keys, files }) => live && setResult({ changes: keys, lines: files }),
      (error: unknown) => live && setResult({ failed: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [generation, change]);

  const { changes, lines = [], failed } = result;
  const count = changes?.reduce((n, f) => n + f.added.length + f.removed.length + f.changed.length, 0) ?? 0;
  const linesOf = new Map(lines.map((file) => [file.path, file]));
  // The files whose lines change but whose keys do not (nginx.conf, the README, topology.json) follow the keyed ones.
  const unkeyed = lines.filter((file) => !changes?.some((c) => c.path === file.path));
  return (
    <dialog
      ref={dialog}
      className="share-dialog version-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>
        Switch from API-M {change.from} to {change.to}?
      </h2>
      {!changes && !failed && (
        <p className="hint" role="status">
          Comparing the files…
        </p>
      )}
      {failed && (
        <p className="warning-text" role="alert">
          The files could not be compared ({failed}). You can still switch; Undo switches back.
        </p>
      )}
      {changes && (
        <>
          <p role="status">
            {changes.length === 0
              ? 'No key changes in the deployment.toml or values files.'
              : `${count.toLocaleString('en')} ${count === 1 ? 'key changes' : 'keys change'} in ${changes.length} ${changes.length === 1 ? 'file' : 'files'}. Undo switches back.`}
            {lines.length > 0 && ` ${lines.length} ${lines.length === 1 ? 'file differs' : 'files differ'} line by line.`}
          </p>
          <div className="version-changes" role="list" aria-label="Changes by file">
            {changes.map((file) => (
              <section key={file.path} role="listitem" aria-label={file.path} className="version-file">
                <h3>
                  {file.path}
                  {file.file && <span className="soft"> ({file.file === 'added' ? 'new file' : 'no longer written'})</span>}
                </h3>
                <KeyList title="Added" keys={file.added.map((k) => `${k.key} = ${k.to ?? ''}`)} />
                <KeyList title="Removed" keys={file.removed.map((k) => `${k.key} = ${k.from ?? ''}`)} />
                <KeyList title="Changed" keys={file.changed.map((k) => `${k.key}: ${k.from ?? ''} → ${k.to ?? ''}`)} />
                {linesOf.has(file.path) && <LineDiff file={linesOf.get(file.path) as FileDiff} />}
              </section>
            ))}
            {unkeyed.map((file) => (
              <section key={file.path} role="listitem" aria-label={file.path} className="version-file">
                <h3>
                  {file.path}
                  {file.change !== 'changed' && (
                    <span className="soft"> ({file.change === 'added' ? 'new file' : 'no longer written'})</span>
                  )}
                </h3>
                <LineDiff file={file} />
              </section>
            ))}
          </div>
        </>
      )}
      <div className="button-row">
        <button type="button" className="primary" onClick={onConfirm}>
          Switch to {change.to}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}

function KeyList({ title, keys }: { title: string; keys: string[] }) {
  if (keys.length === 0) return null;
  return (
    <details open={keys.length <= 12}>
      <summary>
        {title} ({keys.length})
      </summary>
      <ul className="key-list">
        {keys.map((key) => (
          <li key={key}>
            <code>{key}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}
