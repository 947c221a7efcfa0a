/**
 * The line diff, file by file, of two topologies' bundles (computed by the generation worker): what
 * "Compare with file…" and "Changes since you opened this" show. Read-only: Close changes nothing.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FileDiff } from '../generate/index.ts';
import type { Topology } from '../model/index.ts';
import { useGeneration } from './store.tsx';
import { LineDiff, lineCounts } from './LineDiff.tsx';

/** What is compared: a topology file or bundle with the canvas, or the start of the undo history (`steps` back) with now. */
export type DiffRequest = { before: Topology; after: Topology } & (
  { kind: 'file'; name: string } | { kind: 'since-opened'; steps: number }
);

/** The dialog's title, and one sentence on what is compared with what (here, not in the toolbar's first chunk). */
function described(request: DiffRequest): { title: string; about: string } {
  if (request.kind === 'file') {
    return {
      title: `Compare ${request.name} with this topology`,
      about: `Lines starting with - are in the files of ${request.name}; lines starting with + are in the files of the topology on the canvas.`,
    };
  }
  const { steps } = request;
  return {
    title: 'Changes since you opened this',
    about:
      steps === 0
        ? 'Nothing to undo: the topology is as it was when the page opened or it was last opened.'
        : `Compared with the topology before the oldest step Undo can take back (${steps} ${steps === 1 ? 'step' : 'steps'} ago): - lines were in its files, + lines are in the files now.`,
  };
}

/** A file's diff starts open when the whole comparison is this short. */
const OPEN_BELOW_LINES = 60;

export function DiffDialog({ request, onClose }: { request: DiffRequest; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const generation = useGeneration();
  const titleId = useId();
  const [result, setResult] = useState<{ files?: FileDiff[]; failed?: string }>({});

  useEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return;
    if (typeof element.showModal === 'function') element.showModal();
    else element.open = true; // a DOM without modal dialogs (a test's)
  }, []);

  useEffect(() => {
    let live = true;
    generation.compare(request.before, request.after).then(
      ({ files }) => live && setResult({ files }),
      (error: unknown) => live && setResult({ failed: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [generation, request]);

  const { files, failed } = result;
  const added = files?.reduce((n, f) => n + f.added, 0) ?? 0;
  const removed = files?.reduce((n, f) => n + f.removed, 0) ?? 0;
  const open = added + removed <= OPEN_BELOW_LINES;
  const { title, about } = described(request);
  return (
    <dialog
      ref={dialog}
      className="share-dialog version-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <p className="hint">{about}</p>
      {!files && !failed && (
        <p className="hint" role="status">
          Comparing the files…
        </p>
      )}
      {failed && (
        <p className="warning-text" role="alert">
          The files could not be compared ({failed}).
        </p>
      )}
      {files && (
        <>
          <p role="status">
            {files.length === 0
              ? 'The files are the same.'
              : `${files.length} ${files.length === 1 ? 'file differs' : 'files differ'}: ${added.toLocaleString('en')} ${added === 1 ? 'line' : 'lines'} added, ${removed.toLocaleString('en')} removed.`}
          </p>
          {files.length > 0 && (
            <div className="version-changes" role="list" aria-label="Changes by file">
              {files.map((file) => (
                <section key={file.path} role="listitem" aria-label={file.path} className="version-file">
                  <h3>
                    {file.path} <span className="soft">({lineCounts(file)})</span>
                  </h3>
                  <LineDiff file={file} open={open} />
                </section>
              ))}
            </div>
          )}
        </>
      )}
      <div className="button-row">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
