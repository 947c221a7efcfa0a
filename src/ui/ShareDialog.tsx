/**
 * Share: the topology's link, with its passwords left out unless the user opts in, knowing that a link
 * can never be revoked.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { hasPrivateSecrets } from '../share/index.ts';
import { loadLinkCodec } from './lazy.ts';
import { pageBase, useDesigner } from './store.tsx';

export function ShareDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The topology only while the dialog is open: a closed dialog does not re-render on every edit.
  const topology = useDesigner((s) => (open ? s.topology : undefined));
  const notify = useDesigner((s) => s.notify);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const titleId = useId();
  const linkId = useId();
  // The link codec loads when the dialog first opens.
  const [codec, setCodec] = useState<Awaited<ReturnType<typeof loadLinkCodec>> | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!open || codec) return;
    let live = true;
    loadLinkCodec().then(
      (module) => live && setCodec(() => module),
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [open, codec]);
  const link = useMemo(
    () => (topology && codec ? codec.encodeLink(topology, pageBase(), { includeSecrets }) : ''),
    [codec, topology, includeSecrets],
  );
  const hasSecrets = useMemo(() => topology !== undefined && hasPrivateSecrets(topology), [topology]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  // Each share starts without the passwords: the choice to include them is made anew every time.
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (!open) setIncludeSecrets(false);
  }

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      notify(includeSecrets ? 'Link copied, with the passwords in it.' : 'Link copied. It carries no passwords.');
      onClose();
    } catch {
      notify('Could not copy the link: select it in the field and copy it by hand.', 'error');
    }
  };

  return (
    <dialog ref={dialog} className="share-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Share this topology</h2>
      <p className="hint">The topology travels in the link itself, after the #: it is never sent to a server.</p>
      <label htmlFor={linkId}>{link ? `Link (${link.length.toLocaleString('en')} characters)` : 'Link (making it…)'}</label>
      <input id={linkId} readOnly value={link} onFocus={(e) => e.target.select()} />
      {failed && !codec && (
        <p className="warning-text" role="alert">
          The link could not be made: {failed}. Check the connection, then close and open Share again.
        </p>
      )}
      <div className="field checkbox">
        <input id={`${linkId}-secrets`} type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.target.checked)} />
        <label htmlFor={`${linkId}-secrets`}>Include passwords and tokens</label>
      </div>
      {includeSecrets ? (
        <p className="warning-text" role="alert">
          A link can never be revoked: anyone who ever sees it can read these passwords. Share it only over a channel you trust.
        </p>
      ) : (
        <p className="hint">
          {hasSecrets
            ? 'Passwords are replaced by a placeholder; whoever opens the link sets their own.'
            : 'This topology has no passwords of its own (WSO2 defaults travel as they are).'}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void copy()} disabled={!link}>
          Copy link
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
